//! The headless simulator: many seeded games between bots, on all cores, summarised.
//!
//! Game `i` of a run with seed `s` is seeded from `(s, i)` alone and results are gathered in
//! game order, so the same command prints the same outcomes and scores whatever the number
//! of threads. Only throughput and decision times depend on the machine: they are measured
//! here (wall clock), never inside the engine or the bots.

mod accords;
pub mod advice;
pub mod knobs;
mod report;
mod stats;
pub mod sweep;

pub use accords::{AccordFacts, accord_facts};
pub use report::{
    DOMINANT_MIN_GAMES, DOMINANT_PLAY_RATE, DOMINANT_SCORE_LIFT, is_dominant, render_report,
    render_summary,
};
pub use stats::{mean_interval, quantile, wilson_interval};

use crate::bot::{Bot, Policy};
use crate::engine::{Action, Game, OutcomeKind, Scenario, Seat};
use accords::AccordTotals;
use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;
use serde::Serialize;
use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::Instant;

/// What to simulate.
#[derive(Clone, Debug)]
pub struct SimConfig {
    /// The scenario played.
    pub scenario: Arc<Scenario>,
    /// The scenario as the command line named it (a built-in name or a folder path), used in
    /// the commands a report suggests so they can be pasted back as they are.
    pub scenario_arg: String,
    /// Number of games.
    pub games: u32,
    /// Master seed.
    pub seed: u64,
    /// The policy of each seat, by seat index.
    pub policies: [Policy; 3],
    /// Show a progress bar on standard error (drawn only when it is a terminal).
    pub progress: bool,
    /// Measure every decision's time (two clock reads a decision); when false the report's
    /// `decision_ms` is empty and the games run without reading the clock.
    pub decision_times: bool,
}

/// Decision times of one bot level, in milliseconds.
#[derive(Clone, Debug, Serialize)]
pub struct DecisionTimes {
    /// Decisions measured.
    pub count: u64,
    /// Median.
    pub p50: f64,
    /// 95th percentile.
    pub p95: f64,
    /// Slowest.
    pub max: f64,
}

/// How one card fared over the run.
#[derive(Clone, Debug, Serialize)]
pub struct CardStats {
    /// Card id.
    pub id: String,
    /// Card name.
    pub name: String,
    /// Games in which it was playable at least once.
    pub playable: u32,
    /// Games in which it was played.
    pub played: u32,
    /// Mean final score of the seat that played it, over the games it was played in.
    pub mean_score_when_played: Option<f64>,
    /// Over the games it was played in: the score of the seat that played it, less that
    /// seat's mean score over all games, averaged. A shared card counts for whoever played it.
    pub score_lift: Option<f64>,
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
    /// Half-width of the 95% confidence interval of each mean score.
    pub score_ci95: BTreeMap<&'static str, f64>,
    /// Mean number of actions per game.
    pub mean_actions: f64,
    /// Games per second of wall-clock time, over all threads.
    pub games_per_second: f64,
    /// Threads used.
    pub threads: usize,
    /// Decision times per bot level.
    pub decision_ms: BTreeMap<&'static str, DecisionTimes>,
    /// Per-card statistics, in scenario order.
    pub cards: Vec<CardStats>,
    /// Games in which both delegations signed an accord, read from each game's log.
    pub accords_signed: u32,
    /// Durable peaces whose accord bound no verified Afghan Security commitment that held a
    /// test after the signing (see [`AccordFacts`]). Under rules version 1 this is every
    /// durable peace: the game ends at the signing, so nothing is tested after it.
    pub durable_without_afghan_security: u32,
    /// Mean rounds from `AccordSigned` to the end, over the games with one; 0.0 when none
    /// (rules version 1 has no implementation phase).
    pub mean_implementation_rounds: f64,
}

/// A well-mixed 64-bit value derived from a seed and an index (SplitMix64 finaliser).
pub fn derive_seed(seed: u64, index: u64) -> u64 {
    let mut z = seed ^ index.wrapping_mul(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// The bots of game `game_seed`: one per seat, each seeded from the game's seed.
pub fn seat_bots(policies: &[Policy; 3], game_seed: u64) -> [Box<dyn Bot>; 3] {
    Seat::ALL
        .map(|seat| policies[seat.index()].bot(derive_seed(game_seed, seat.index() as u64 + 1)))
}

/// Plays one game to the end with one bot per seat and returns it.
pub fn play_game(scenario: Arc<Scenario>, seed: u64, bots: &mut [Box<dyn Bot>; 3]) -> Game {
    let mut game = Game::new(scenario, seed);
    let mut legal = Vec::new();
    while let Some((seat, _)) = game.to_act() {
        game.legal_actions_into(seat, &mut legal);
        let action = bots[seat.index()].choose_action(&|| game.view(seat), &legal);
        apply_or_first(&mut game, action, &legal);
    }
    game
}

/// Applies a bot's action; one outside the legal list is replaced by the first legal action.
fn apply_or_first(game: &mut Game, action: Action, legal: &[Action]) {
    if game.advance(action).is_err() {
        let _ = game.advance(legal[0]);
    }
}

/// What one game contributes to the report.
struct GameRecord {
    outcome: Option<OutcomeKind>,
    scores: [i16; 3],
    actions: usize,
    decision_ms: Vec<(Policy, f64)>,
    playable: Vec<bool>,
    played_by: Vec<Option<Seat>>,
    accord: AccordFacts,
}

fn card_of(action: &Action) -> Option<crate::engine::CardId> {
    match *action {
        Action::Play { card, .. } | Action::Meet { card, .. } | Action::Counter { card, .. } => {
            Some(card)
        }
        _ => None,
    }
}

fn simulate_one(config: &SimConfig, index: u32, legal: &mut Vec<Action>) -> GameRecord {
    let cards = config.scenario.cards.len();
    let game_seed = derive_seed(config.seed, u64::from(index));
    let mut bots = seat_bots(&config.policies, game_seed);
    let mut decision_ms = Vec::new();
    let mut playable = vec![false; cards];
    let mut played_by = vec![None; cards];
    let mut game = Game::new(config.scenario.clone(), game_seed);
    while let Some((seat, _)) = game.to_act() {
        game.legal_actions_into(seat, legal);
        for card in legal.iter().filter_map(card_of) {
            playable[usize::from(card)] = true;
        }
        let bot = &mut bots[seat.index()];
        let action = if config.decision_times {
            let started = Instant::now();
            let action = bot.choose_action(&|| game.view(seat), legal);
            if decision_ms.is_empty() {
                decision_ms.reserve(TIMED_DECISIONS);
            }
            decision_ms.push((
                config.policies[seat.index()],
                started.elapsed().as_secs_f64() * 1000.0,
            ));
            action
        } else {
            bot.choose_action(&|| game.view(seat), legal)
        };
        if let Some(card) = card_of(&action) {
            played_by[usize::from(card)].get_or_insert(seat);
        }
        apply_or_first(&mut game, action, legal);
    }
    let scores = game.scores().map_or([0; 3], |s| s.map(|score| score.total));
    GameRecord {
        outcome: game.outcome().map(|o| o.kind()),
        scores,
        actions: game.actions().len(),
        decision_ms,
        playable,
        played_by,
        accord: accord_facts(game.log()),
    }
}

/// Room made for a game's decision times at its first decision: more than most games take.
const TIMED_DECISIONS: usize = 128;

/// Runs the simulation on rayon's thread pool.
pub fn run(config: &SimConfig) -> SimReport {
    let started = Instant::now();
    let bar = if config.progress {
        ProgressBar::new(u64::from(config.games)).with_style(
            ProgressStyle::default_bar()
                .template("{bar:40} {pos}/{len} games  {per_sec}  eta {eta}")
                .unwrap_or_else(|_| ProgressStyle::default_bar()),
        )
    } else {
        ProgressBar::hidden()
    };
    let records: Vec<GameRecord> = (0..config.games)
        .into_par_iter()
        // One buffer of legal actions per worker, reused from decision to decision.
        .map_init(Vec::new, |legal, index| {
            let record = simulate_one(config, index, legal);
            bar.inc(1);
            record
        })
        .collect();
    bar.finish_and_clear();
    let seconds = started.elapsed().as_secs_f64().max(1e-9);
    summarise(config, &records, seconds)
}

fn summarise(config: &SimConfig, records: &[GameRecord], seconds: f64) -> SimReport {
    let mut outcomes: BTreeMap<&'static str, u32> =
        OutcomeKind::ALL.iter().map(|k| (k.key(), 0)).collect();
    let mut scores: [Vec<f64>; 3] = Default::default();
    let mut times: BTreeMap<&'static str, Vec<f64>> = BTreeMap::new();
    let cards = &config.scenario.cards;
    let mut playable = vec![0u32; cards.len()];
    let mut played = vec![0u32; cards.len()];
    let mut played_score = vec![0f64; cards.len()];
    let mut played_lift = vec![0f64; cards.len()];
    let seat_mean: [f64; 3] = Seat::ALL.map(|seat| {
        records
            .iter()
            .map(|r| f64::from(r.scores[seat.index()]))
            .sum::<f64>()
            / records.len().max(1) as f64
    });
    for record in records {
        if let Some(kind) = record.outcome {
            *outcomes.entry(kind.key()).or_default() += 1;
        }
        for seat in Seat::ALL {
            scores[seat.index()].push(f64::from(record.scores[seat.index()]));
        }
        for &(policy, ms) in &record.decision_ms {
            times.entry(policy.key()).or_default().push(ms);
        }
        for card in 0..cards.len() {
            playable[card] += u32::from(record.playable[card]);
            if let Some(seat) = record.played_by[card] {
                played[card] += 1;
                played_score[card] += f64::from(record.scores[seat.index()]);
                played_lift[card] +=
                    f64::from(record.scores[seat.index()]) - seat_mean[seat.index()];
            }
        }
    }
    let intervals = scores.each_ref().map(|s| mean_interval(s));
    let games = config.games.max(1) as f64;
    let accords = AccordTotals::of(&records.iter().map(|r| r.accord).collect::<Vec<_>>());
    SimReport {
        games: config.games,
        outcomes,
        mean_score: Seat::ALL
            .iter()
            .map(|s| (s.key(), intervals[s.index()].0))
            .collect(),
        score_ci95: Seat::ALL
            .iter()
            .map(|s| (s.key(), intervals[s.index()].1))
            .collect(),
        mean_actions: records.iter().map(|r| r.actions as f64).sum::<f64>() / games,
        games_per_second: f64::from(config.games) / seconds,
        threads: rayon::current_num_threads(),
        decision_ms: times
            .into_iter()
            .map(|(policy, mut ms)| {
                let times = DecisionTimes {
                    count: ms.len() as u64,
                    p50: quantile(&mut ms, 0.5),
                    p95: quantile(&mut ms, 0.95),
                    max: quantile(&mut ms, 1.0),
                };
                (policy, times)
            })
            .collect(),
        cards: cards
            .iter()
            .enumerate()
            .map(|(i, card)| CardStats {
                id: card.id.clone(),
                name: card.name.clone(),
                playable: playable[i],
                played: played[i],
                mean_score_when_played: (played[i] > 0)
                    .then(|| played_score[i] / f64::from(played[i])),
                score_lift: (played[i] > 0).then(|| played_lift[i] / f64::from(played[i])),
            })
            .collect(),
        accords_signed: accords.signed,
        durable_without_afghan_security: accords.durable_without_afghan_security,
        mean_implementation_rounds: accords.mean_implementation_rounds,
    }
}
