//! How long each bot level takes to decide, from a mid-game istanbul position where Pakistan
//! negotiates (`hard-v1` is `hard` before issue 18, for the ratio). Run with `cargo bench
//! --bench bots`. Targets on the 2-core development machine:
//! `hard` under 300 ms, `normal` under 50 ms, `easy` under 5 ms (at the 95th percentile over
//! whole games, which `ceasefire sim --json` reports as `decision_ms`).

use ceasefire::bot::Policy;
use ceasefire::engine::{Decision, Game, Seat};
use divan::{Bencher, black_box};
use std::sync::Arc;

fn main() {
    divan::main();
}

/// Istanbul after a few rounds of random play, at a Pakistani negotiation decision.
fn position() -> Game {
    let scenario = Arc::new(ceasefire::scenario::load("istanbul").expect("valid"));
    for seed in 1.. {
        let mut game = Game::new(scenario.clone(), seed);
        let mut bot = Policy::Random.bot(seed);
        while let Some((seat, decision)) = game.to_act() {
            if game.round() >= 3 && seat == Seat::Pakistan && decision == Decision::Negotiate {
                return game;
            }
            let legal = game.legal_actions(seat);
            let choice = bot.choose(&game.view(seat), &legal);
            game.apply(choice.action)
                .expect("bots choose legal actions");
        }
    }
    unreachable!("some seed reaches round 3")
}

#[divan::bench(args = ["easy", "normal", "hard", "hard-v1"], sample_count = 20)]
fn decision(bencher: Bencher, level: &str) {
    let game = position();
    let view = game.view(Seat::Pakistan);
    let legal = game.legal_actions(Seat::Pakistan);
    let policy: Policy = level.parse().expect("a level");
    let mut seed = 0;
    bencher.bench_local(|| {
        seed += 1;
        let mut bot = policy.bot(seed);
        black_box(bot.choose(&view, &legal))
    });
}
