//! The headless simulator: many seeded games between bots, summarised.
//!
//! Game `i` of a run with seed `s` is seeded from `(s, i)` alone, so the same command prints
//! the same results. Throughput is measured here (wall clock), never inside the engine.

use crate::bot::{Bot, Policy};
use crate::engine::{Game, OutcomeKind, Scenario, Seat};
use serde::Serialize;
use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::Instant;

/// What to simulate.
#[derive(Clone, Debug)]
pub struct SimConfig {
    /// The scenario played.
    pub scenario: Arc<Scenario>,
    /// Number of games.
    pub games: u32,
    /// Master seed.
    pub seed: u64,
    /// The policy of each seat, by seat index.
    pub policies: [Policy; 3],
}

/// The summary of a run.
#[derive(Clone, Debug, Serialize)]
pub struct SimReport {
    /// Games played.
    pub games: u32,
    /// Games per outcome category (`durable_peace`, …, `breakdown`).
    pub outcomes: BTreeMap<&'static str, u32>,
    /// Mean total score per seat (`pakistan`, `afghanistan`, `mediator`).
    pub mean_score: BTreeMap<&'static str, f64>,
    /// Mean number of actions per game.
    pub mean_actions: f64,
    /// Games per second of wall-clock time on one core.
    pub games_per_second: f64,
}

/// A well-mixed 64-bit value derived from a seed and an index (SplitMix64 finaliser).
pub fn derive_seed(seed: u64, index: u64) -> u64 {
    let mut z = seed ^ index.wrapping_mul(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// Plays one game to the end with one bot per seat and returns it.
pub fn play_game(scenario: Arc<Scenario>, seed: u64, bots: &mut [Box<dyn Bot>; 3]) -> Game {
    let mut game = Game::new(scenario, seed);
    while let Some((seat, _)) = game.to_act() {
        let legal = game.legal_actions(seat);
        let view = game.view(seat);
        let choice = bots[seat.index()].choose(&view, &legal);
        if game.apply(choice.action).is_err() {
            // A bot offered an action outside the legal list: fall back to the first legal one.
            let _ = game.apply(legal[0]);
        }
    }
    game
}

/// Runs the simulation.
pub fn run(config: &SimConfig) -> SimReport {
    let started = Instant::now();
    let mut outcomes: BTreeMap<&'static str, u32> =
        OutcomeKind::ALL.iter().map(|k| (k.key(), 0)).collect();
    let mut totals = [0i64; 3];
    let mut actions = 0u64;
    for index in 0..config.games {
        let game_seed = derive_seed(config.seed, u64::from(index));
        let mut bots = Seat::ALL.map(|seat| {
            config.policies[seat.index()].bot(derive_seed(game_seed, seat.index() as u64 + 1))
        });
        let game = play_game(config.scenario.clone(), game_seed, &mut bots);
        actions += game.actions().len() as u64;
        if let (Some(outcome), Some(scores)) = (game.outcome(), game.scores()) {
            *outcomes.entry(outcome.kind().key()).or_default() += 1;
            for score in scores {
                totals[score.seat.index()] += i64::from(score.total);
            }
        }
    }
    let seconds = started.elapsed().as_secs_f64().max(1e-9);
    let games = f64::from(config.games.max(1));
    SimReport {
        games: config.games,
        outcomes,
        mean_score: Seat::ALL
            .iter()
            .map(|s| (s.key(), totals[s.index()] as f64 / games))
            .collect(),
        mean_actions: actions as f64 / games,
        games_per_second: f64::from(config.games) / seconds,
    }
}
