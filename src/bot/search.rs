//! Information-set Monte Carlo tree search (single-observer ISMCTS).
//!
//! Each iteration samples a full game consistent with the bot's view
//! ([`Game::determinize`]), walks the shared tree choosing only actions legal in that sample
//! (UCB with availability counts, each node maximising the reward of the seat that acts
//! there), expands one new action, plays a short plausible rollout and scores every seat with
//! [`super::eval::value`]. The budget is a count of iterations, so a seeded bot is
//! reproducible whatever the machine's speed.

use super::eval::value;
use super::explain::describe;
use super::greedy::votes_as_each_would;
use super::rollout::plausible_action;
use super::{Bot, Choice};
use crate::engine::rng::GameRng;
use crate::engine::{Action, Decision, Game, Seat, SeatView};

/// Search settings.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SearchConfig {
    /// Iterations per decision.
    pub iterations: u32,
    /// Rounds a rollout may play past the round of the decision before it is scored.
    pub rollout_rounds: u8,
    /// UCB exploration constant (rewards are scaled to about ±1).
    pub exploration: f64,
}

/// A bot that searches before each decision.
#[derive(Clone, Debug)]
pub struct SearchBot {
    config: SearchConfig,
    rng: GameRng,
    scratch: Scratch,
}

/// Buffers an iteration fills and empties, kept from one iteration to the next so that the
/// search allocates only for the nodes it adds.
#[derive(Clone, Debug, Default)]
struct Scratch {
    /// Legal actions of the seat to act in the sampled game.
    legal: Vec<Action>,
    /// The children of the current node whose action is legal in the sample.
    known: Vec<usize>,
    /// The legal actions no child has tried yet.
    untried: Vec<Action>,
    /// The nodes an iteration passed through, root first.
    path: Vec<usize>,
}

impl SearchBot {
    /// A search bot with its own seeded generator.
    pub fn new(config: SearchConfig, seed: u64) -> SearchBot {
        SearchBot {
            config,
            rng: GameRng::from_seed(seed),
            scratch: Scratch::default(),
        }
    }
}

/// Rewards are divided by this before UCB, so the exploration constant is scale-free.
const REWARD_SCALE: f64 = 10.0;

struct Node {
    action: Option<Action>,
    actor: Option<Seat>,
    visits: u32,
    available: u32,
    reward: f64,
    children: Vec<usize>,
}

impl Node {
    fn new(action: Option<Action>, actor: Option<Seat>) -> Node {
        Node {
            action,
            actor,
            visits: 0,
            available: 0,
            reward: 0.0,
            children: Vec::new(),
        }
    }

    fn ucb(&self, exploration: f64) -> f64 {
        let visits = f64::from(self.visits.max(1));
        let mean = self.reward / visits / REWARD_SCALE;
        mean + exploration * (f64::from(self.available.max(1)).ln() / visits).sqrt()
    }
}

impl Bot for SearchBot {
    fn choose(&mut self, view: &SeatView, legal: &[Action]) -> Choice {
        if legal.len() == 1 {
            return Choice {
                action: legal[0],
                // Not "nothing in hand can be played": that would tell the hand.
                reason: describe(view, &legal[0]),
            };
        }
        if let Some((seat, Decision::AccordVote)) = view.to_act {
            return self.vote(view, seat);
        }
        let mut tree = vec![Node::new(None, None)];
        self.seed_root(&mut tree, view, legal);
        for _ in 0..self.config.iterations {
            let sample = Game::determinize(view, self.rng.below(u32::MAX).into());
            self.iterate(&mut tree, sample);
        }
        let root_children: Vec<&Node> = tree[0]
            .children
            .iter()
            .map(|&c| &tree[c])
            .filter(|n| n.action.is_some_and(|a| legal.contains(&a)))
            .collect();
        let best = root_children
            .iter()
            .max_by(|a, b| {
                (a.visits, a.reward / f64::from(a.visits.max(1)))
                    .partial_cmp(&(b.visits, b.reward / f64::from(b.visits.max(1))))
                    .unwrap_or(std::cmp::Ordering::Equal)
            })
            .and_then(|n| n.action);
        let action = best.unwrap_or(legal[0]);
        // The reason is public: what the bot expects to score would tell its hidden objective.
        Choice {
            action,
            reason: describe(view, &action),
        }
    }
}

/// Visits a root move's first estimate counts for.
const PRIOR_VISITS: u32 = 2;

/// Sampled games a vote on the accord is judged on.
const VOTE_SAMPLES: u32 = 24;

impl SearchBot {
    /// A vote is one judgement, sign now or go on talking: it is made on sampled games by
    /// what each answer is worth (the other delegation voting as its interest says), not by
    /// a search whose rollouts would sign a round later anyway.
    fn vote(&mut self, view: &SeatView, seat: Seat) -> Choice {
        let mut worth = [0.0, 0.0];
        for _ in 0..VOTE_SAMPLES {
            let sample = Game::determinize(view, self.rng.below(u32::MAX).into());
            for (slot, accept) in [(0, false), (1, true)] {
                let mut game = sample.clone();
                if game.advance(Action::Vote { seat, accept }).is_ok() {
                    votes_as_each_would(&mut game);
                    worth[slot] += value(&game, seat);
                }
            }
        }
        let accept = worth[1] >= worth[0];
        let action = Action::Vote { seat, accept };
        Choice {
            action,
            reason: describe(view, &action),
        }
    }

    /// Gives every legal move a first estimate, the evaluation one move ahead on one sampled
    /// game (votes played as each voter's interest says), worth [`PRIOR_VISITS`] visits, so
    /// that a small budget spread over many moves still starts from a sensible order.
    fn seed_root(&mut self, tree: &mut Vec<Node>, view: &SeatView, legal: &[Action]) {
        let Some((seat, _)) = view.to_act else {
            return;
        };
        let sample = Game::determinize(view, self.rng.below(u32::MAX).into());
        for &action in legal {
            let mut game = sample.clone();
            if game.advance(action).is_err() {
                continue;
            }
            votes_as_each_would(&mut game);
            let mut node = Node::new(Some(action), Some(seat));
            node.visits = PRIOR_VISITS;
            node.available = PRIOR_VISITS;
            node.reward = value(&game, seat) * f64::from(PRIOR_VISITS);
            tree.push(node);
            let child = tree.len() - 1;
            tree[0].children.push(child);
        }
    }

    fn iterate(&mut self, tree: &mut Vec<Node>, mut game: Game) {
        let start_round = game.round();
        let mut scratch = std::mem::take(&mut self.scratch);
        let Scratch {
            legal,
            known,
            untried,
            path,
        } = &mut scratch;
        path.clear();
        path.push(0);
        let mut node = 0usize;
        while let Some((seat, decision)) = game.to_act() {
            // Votes are not searched: each delegation votes as its interest says (see
            // `vote`), so the tree spends its budget on the moves that are choices.
            if decision == Decision::AccordVote {
                votes_as_each_would(&mut game);
                continue;
            }
            game.legal_actions_into(seat, legal);
            known.clear();
            known.extend(
                tree[node]
                    .children
                    .iter()
                    .copied()
                    .filter(|&c| tree[c].action.is_some_and(|a| legal.contains(&a))),
            );
            for &c in known.iter() {
                tree[c].available += 1;
            }
            untried.clear();
            untried.extend(
                legal
                    .iter()
                    .copied()
                    .filter(|a| !known.iter().any(|&c| tree[c].action == Some(*a))),
            );
            if !untried.is_empty() {
                let action = untried[self.rng.below(untried.len() as u32) as usize];
                let child = tree.len();
                let mut fresh = Node::new(Some(action), Some(seat));
                fresh.available = 1;
                tree.push(fresh);
                tree[node].children.push(child);
                path.push(child);
                // A listed action is always legal; the result carries only log entries.
                let _ = game.advance(action);
                break;
            }
            let exploration = self.config.exploration;
            let Some(&next) = known.iter().max_by(|&&a, &&b| {
                tree[a]
                    .ucb(exploration)
                    .partial_cmp(&tree[b].ucb(exploration))
                    .unwrap_or(std::cmp::Ordering::Equal)
            }) else {
                break;
            };
            let Some(action) = tree[next].action else {
                break;
            };
            if game.advance(action).is_err() {
                break;
            }
            path.push(next);
            node = next;
        }
        self.rollout(&mut game, start_round, legal);
        let rewards = Seat::ALL.map(|seat| value(&game, seat));
        for &n in path.iter() {
            let node = &mut tree[n];
            node.visits += 1;
            if let Some(actor) = node.actor {
                node.reward += rewards[actor.index()];
            }
        }
        self.scratch = scratch;
    }

    /// Plays plausible moves until the horizon, with `legal` as the buffer of legal actions.
    fn rollout(&mut self, game: &mut Game, start_round: u8, legal: &mut Vec<Action>) {
        let horizon = start_round.saturating_add(self.config.rollout_rounds);
        while game.round() <= horizon {
            let Some((seat, decision)) = game.to_act() else {
                break;
            };
            // A vote is played as the voter's interest says, so that tabling is judged by
            // what the vote would bring rather than by a coin.
            if decision == Decision::AccordVote {
                votes_as_each_would(game);
                continue;
            }
            game.legal_actions_into(seat, legal);
            let action = plausible_action(game, legal, &mut self.rng);
            if game.advance(action).is_err() {
                break;
            }
        }
    }
}
