//! A one-move lookahead: each legal action is tried on a few sampled games and scored with
//! the evaluation function, with some noise so the bot is beatable.

use super::eval::value;
use super::explain::describe;
use super::{Bot, Choice};
use crate::engine::rng::GameRng;
use crate::engine::{Action, Decision, Game, SeatView};

/// Greedy one-ply bot.
#[derive(Clone, Debug)]
pub struct GreedyBot {
    samples: u32,
    noise: f64,
    rng: GameRng,
}

impl GreedyBot {
    /// `samples` determinizations per action; `noise` is the half-width of the uniform noise
    /// added to each action's value (in score points).
    pub fn new(samples: u32, noise: f64, seed: u64) -> GreedyBot {
        GreedyBot {
            samples: samples.max(1),
            noise,
            rng: GameRng::from_seed(seed),
        }
    }
}

impl Bot for GreedyBot {
    fn choose(&mut self, view: &SeatView, legal: &[Action]) -> Choice {
        let Some((me, _)) = view.to_act else {
            return Choice {
                action: legal[0],
                reason: describe(view, &legal[0]),
            };
        };
        let samples: Vec<Game> = (0..self.samples)
            .map(|_| Game::determinize(view, self.rng.below(u32::MAX).into()))
            .collect();
        let mut best = (legal[0], f64::NEG_INFINITY);
        for action in legal {
            let mut total = 0.0;
            for sample in &samples {
                let mut game = sample.clone();
                if game.advance(*action).is_ok() {
                    if matches!(action, Action::TableAccord { .. }) {
                        votes_as_each_would(&mut game);
                    }
                    if matches!(action, Action::OfferPackage { .. }) {
                        answers_as_it_would(&mut game);
                    }
                    total += value(&game, me);
                }
            }
            let expected = total / f64::from(self.samples);
            let jitter = (f64::from(self.rng.below(2001)) / 1000.0 - 1.0) * self.noise;
            if expected + jitter > best.1 {
                best = (*action, expected + jitter);
            }
        }
        // The reason is public: what the bot expects to score would tell its hidden objective.
        Choice {
            action: best.0,
            reason: describe(view, &best.0),
        }
    }
}

/// Plays out the vote on a tabled accord, each delegation signing when that serves it better
/// than refusing, so tabling is judged by what the vote would bring, not by the vote pending.
pub(super) fn votes_as_each_would(game: &mut Game) {
    while let Some((seat, Decision::AccordVote)) = game.to_act() {
        let after = |accept: bool| {
            let mut next = game.clone();
            next.advance(Action::Vote { seat, accept })
                .map_or(f64::NEG_INFINITY, |_| value(&next, seat))
        };
        let accept = after(true) >= after(false);
        if game.advance(Action::Vote { seat, accept }).is_err() {
            return;
        }
    }
}

/// Plays out the answer to a package just offered, the other delegation taking whichever
/// answer serves it best, so an offer is judged by what it would bring, not by the card
/// waiting on the answer.
fn answers_as_it_would(game: &mut Game) {
    let Some((seat, Decision::Package)) = game.to_act() else {
        return;
    };
    let best = game
        .legal_actions(seat)
        .into_iter()
        .map(|answer| {
            let mut next = game.clone();
            let worth = next
                .advance(answer)
                .map_or(f64::NEG_INFINITY, |_| value(&next, seat));
            (answer, worth)
        })
        .max_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(answer, _)| answer);
    if let Some(answer) = best {
        // One of the legal answers: it applies.
        let _ = game.advance(answer);
    }
}
