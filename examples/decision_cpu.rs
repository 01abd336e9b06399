//! The CPU time of one seat's bot decisions over whole istanbul games, the other seats
//! `normal`: p50, p95 and max in milliseconds. On a machine shared with other work a decision's
//! wall time counts the time its thread waited for a core; its CPU time does not, so this is
//! what a player at an idle machine would wait. Linux only (it reads the thread's run time
//! from `/proc/thread-self/schedstat`), and only as fine as the kernel counts it: on a kernel
//! that counts run time by scheduler ticks (4 ms on the development machine) it is for
//! decisions of tens of milliseconds, such as `hard`'s, not `normal`'s.
//!
//! `cargo run --release --example decision_cpu -- LEVEL SEAT GAMES SEED`, e.g.
//! `… -- hard pakistan 8 2026`.

use ceasefire::bot::Policy;
use ceasefire::engine::{Game, Seat};
use ceasefire::sim::{derive_seed, quantile, seat_bots};
use std::sync::Arc;

/// Nanoseconds this thread has run on a core, or `None` where the kernel does not say.
fn cpu_ns() -> Option<u64> {
    let text = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    text.split_whitespace().next()?.parse().ok()
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [level, seat, games, seed] = args.as_slice() else {
        eprintln!("usage: decision_cpu LEVEL SEAT GAMES SEED");
        std::process::exit(2);
    };
    let level: Policy = level.parse().expect("a bot level");
    let seat = Seat::from_key(seat).expect("a seat");
    let games: u64 = games.parse().expect("a number of games");
    let seed: u64 = seed.parse().expect("a seed");
    let scenario = Arc::new(ceasefire::scenario::load("istanbul").expect("istanbul loads"));
    let mut policies = [Policy::Normal; 3];
    policies[seat.index()] = level;
    let mut times = Vec::new();
    let mut legal = Vec::new();
    for index in 0..games {
        let game_seed = derive_seed(seed, index);
        let mut bots = seat_bots(&policies, game_seed);
        let mut game = Game::new(scenario.clone(), game_seed);
        while let Some((to_act, _)) = game.to_act() {
            game.legal_actions_into(to_act, &mut legal);
            let before = cpu_ns();
            let action = bots[to_act.index()].choose_action(&|| game.view(to_act), &legal);
            if to_act == seat
                && let (Some(before), Some(after)) = (before, cpu_ns())
            {
                times.push(after.saturating_sub(before) as f64 / 1e6);
            }
            if game.advance(action).is_err() {
                let _ = game.advance(legal[0]);
            }
        }
    }
    let count = times.len();
    let p50 = quantile(&mut times, 0.5);
    let p95 = quantile(&mut times, 0.95);
    let max = quantile(&mut times, 1.0);
    println!(
        "{level} at {} over {games} games (seed {seed}): {count} decisions, CPU p50 {p50:.1} ms, \
         p95 {p95:.1} ms, max {max:.1} ms",
        seat.key()
    );
}
