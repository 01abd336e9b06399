//! Engine speed: a whole game between random bots, and single engine steps.
//!
//! Run with `cargo bench --bench engine`. Search bots drive the engine hard, so a random
//! playout should take well under 50 µs (20,000 games per second on one core).
//! `full_random_game` adds what a bot game costs on top: a seat's view before every move.

use ceasefire::bot::{Bot, Policy};
use ceasefire::engine::rng::GameRng;
use ceasefire::engine::{Game, Scenario, Seat};
use ceasefire::sim::{derive_seed, play_game};
use divan::{Bencher, black_box};
use std::sync::Arc;

fn main() {
    divan::main();
}

const SCENARIOS: &[&str] = &["istanbul", "tutorial"];

fn scenario(name: &str) -> Arc<Scenario> {
    Arc::new(ceasefire::scenario::load(name).expect("shipped scenarios are valid"))
}

fn random_bots(seed: u64) -> [Box<dyn Bot>; 3] {
    Seat::ALL.map(|s| Policy::Random.bot(derive_seed(seed, s.index() as u64)))
}

/// One whole game, set-up to outcome, with three random bots.
#[divan::bench(args = SCENARIOS)]
fn full_random_game(bencher: Bencher, name: &str) {
    let scenario = scenario(name);
    let mut seed = 0u64;
    bencher.bench_local(|| {
        seed += 1;
        let mut bots = random_bots(seed);
        black_box(play_game(scenario.clone(), seed, &mut bots))
    });
}

/// One whole game driven the way search bots drive the engine in rollouts: list the legal
/// actions into a reused buffer, pick one at random, apply it; no views are built.
#[divan::bench(args = SCENARIOS)]
fn random_playout(bencher: Bencher, name: &str) {
    let scenario = scenario(name);
    let mut seed = 0u64;
    bencher.bench_local(|| {
        seed += 1;
        let mut rng = GameRng::from_seed(seed);
        let mut game = Game::new(scenario.clone(), seed);
        let mut legal = Vec::new();
        while let Some((seat, _)) = game.to_act() {
            game.legal_actions_into(seat, &mut legal);
            let pick = legal[rng.below(legal.len() as u32) as usize];
            let _ = game.advance(pick);
        }
        black_box(game)
    });
}

/// Setting up a game: shuffles, deals, objectives and the first event.
#[divan::bench(args = SCENARIOS)]
fn new_game(bencher: Bencher, name: &str) {
    let scenario = scenario(name);
    let mut seed = 0u64;
    bencher.bench_local(|| {
        seed += 1;
        black_box(Game::new(scenario.clone(), seed))
    });
}

/// One engine step from a mid-game position: list the legal actions and apply the first.
#[divan::bench(args = SCENARIOS)]
fn legal_actions_and_apply(bencher: Bencher, name: &str) {
    let scenario = scenario(name);
    let mut game = Game::new(scenario, 7);
    for _ in 0..20 {
        let Some((seat, _)) = game.to_act() else {
            break;
        };
        let action = *game.legal_actions(seat).last().unwrap();
        game.apply(action).unwrap();
    }
    bencher.bench_local(|| {
        let mut copy = game.clone();
        if let Some((seat, _)) = copy.to_act() {
            let action = copy.legal_actions(seat)[0];
            black_box(copy.apply(action).ok());
        }
        copy
    });
}
