//! Measures the bots' public reasons (issue 16): over seeded games with one policy in every
//! seat, the share of reasons that are a bare "expects to score", the share that name no
//! motive (see [`ceasefire::bot::states_a_motive`]), the longest, and the commonest reasons
//! without a motive.
//!
//! `cargo run --release --example reasons -- [GAMES] [POLICY] [SCENARIO]`
//! (defaults: 200 games, `normal`, `istanbul`; seeds 0..GAMES).

use ceasefire::bot::{Policy, states_a_motive};
use ceasefire::engine::Game;
use ceasefire::scenario::ScenarioSource;
use ceasefire::sim::seat_bots;
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::sync::Arc;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let games: u64 = args.first().and_then(|a| a.parse().ok()).unwrap_or(200);
    let policy: Policy = args
        .get(1)
        .map_or(Ok(Policy::Normal), |p| p.parse())
        .unwrap_or_else(|e| panic!("{e}"));
    let name = args.get(2).map_or("istanbul", String::as_str);
    let source = ScenarioSource::find(name).unwrap_or_else(|e| panic!("{e}"));
    let scenario = Arc::new(source.build().unwrap_or_else(|e| panic!("{e}")));

    let reasons: Vec<String> = (0..games)
        .into_par_iter()
        .flat_map_iter(|seed| reasons_of_one_game(&scenario, seed, policy))
        .collect();
    let total = reasons.len().max(1) as f64;
    let bare = reasons
        .iter()
        .filter(|r| r.contains("expects to score"))
        .count();
    let generic: Vec<&String> = reasons.iter().filter(|r| !states_a_motive(r)).collect();
    let longest = reasons.iter().map(|r| r.chars().count()).max().unwrap_or(0);
    println!(
        "{games} games, {policy} in every seat, scenario {name}: {} reasons",
        reasons.len()
    );
    println!(
        "bare \"expects to score\": {bare} ({:.1}%)",
        100.0 * bare as f64 / total
    );
    println!(
        "without a motive: {} ({:.1}%)",
        generic.len(),
        100.0 * generic.len() as f64 / total
    );
    println!("longest: {longest} characters");
    // What the seats did, by the act's first two words.
    let mut acts: BTreeMap<String, usize> = BTreeMap::new();
    for reason in &reasons {
        let act: Vec<&str> = reason.split_whitespace().take(2).collect();
        *acts.entry(act.join(" ")).or_default() += 1;
    }
    let mut acts: Vec<(String, usize)> = acts.into_iter().collect();
    acts.sort_by_key(|a| std::cmp::Reverse(a.1));
    let shown: Vec<String> = acts
        .iter()
        .take(10)
        .map(|(act, n)| format!("{act} {:.1}%", 100.0 * *n as f64 / total))
        .collect();
    println!("acts: {}", shown.join(", "));
    let mut by_length: Vec<&String> = reasons.iter().collect();
    by_length.sort_by_key(|r| std::cmp::Reverse(r.chars().count()));
    by_length.dedup();
    for reason in by_length.iter().take(3) {
        println!("  {:>4}  {reason}", reason.chars().count());
    }
    // REASONS_SAMPLE=1: one reason of each opening; REASONS_SAMPLE=words: a few with them.
    if let Ok(wanted) = std::env::var("REASONS_SAMPLE") {
        let mut seen = std::collections::BTreeSet::new();
        for reason in &reasons {
            let key: String = if wanted == "1" {
                reason.chars().take(14).collect()
            } else if reason.contains(&wanted) {
                shape(reason)
            } else {
                continue;
            };
            if seen.insert(key) && seen.len() <= 40 {
                println!("  sample: {reason}");
            }
        }
    }
    let mut common: BTreeMap<String, usize> = BTreeMap::new();
    for reason in &generic {
        *common.entry(shape(reason)).or_default() += 1;
    }
    let mut common: Vec<(String, usize)> = common.into_iter().collect();
    common.sort_by_key(|c| std::cmp::Reverse(c.1));
    for (shape, count) in common.iter().take(12) {
        println!("  {count:>6}  {shape}");
    }
}

/// Every reason the bots gave in one seeded game.
fn reasons_of_one_game(
    scenario: &Arc<ceasefire::engine::Scenario>,
    seed: u64,
    policy: Policy,
) -> Vec<String> {
    let mut game = Game::new(scenario.clone(), seed);
    let mut bots = seat_bots(&[policy; 3], seed);
    let mut reasons = Vec::new();
    while let Some((seat, _)) = game.to_act() {
        let legal = game.legal_actions(seat);
        let choice = bots[seat.index()].choose(&game.view(seat), &legal);
        reasons.push(choice.reason);
        if game.apply(choice.action).is_err() {
            let _ = game.apply(legal[0]);
        }
    }
    reasons
}

/// A reason with its digits blanked, so reasons that differ only in numbers count together.
fn shape(reason: &str) -> String {
    reason
        .chars()
        .map(|c| if c.is_ascii_digit() { '#' } else { c })
        .collect()
}
