//! Helpers shared by the integration tests.
#![allow(dead_code)]

use ceasefire::engine::{Action, CardId, Decision, Game, Scenario, Seat};
use ceasefire::scenario::ScenarioSource;
use std::path::{Path, PathBuf};

/// The folder of the small test scenario.
pub fn mini_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/mini")
}

/// The small test scenario, with every card of a seat's deck in its opening hand.
pub fn mini() -> Scenario {
    let mut scenario = ScenarioSource::from_dir(&mini_dir())
        .and_then(|s| s.build())
        .expect("the mini fixture is valid");
    scenario.rules.hand_size = 10;
    scenario
}

/// The mini scenario with conditions and flags (`tests/fixtures/flags`), every card of a
/// seat's deck in its opening hand.
pub fn flags() -> Scenario {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/flags");
    let mut scenario = ScenarioSource::from_dir(&dir)
        .and_then(|s| s.build())
        .expect("the flags fixture is valid");
    scenario.rules.hand_size = 10;
    scenario
}

/// The id of the card named `id`.
pub fn card(scenario: &Scenario, id: &str) -> CardId {
    scenario
        .card_by_id(id)
        .unwrap_or_else(|| panic!("no card {id}"))
}

/// Applies an action that must be legal.
pub fn play(game: &mut Game, action: Action) {
    if let Err(e) = game.apply(action) {
        panic!("{action:?} refused: {e}");
    }
}

/// Passes (or takes the first option of any prompt) until `seat` must take `decision`.
pub fn advance_to(game: &mut Game, seat: Seat, decision: Decision) {
    for _ in 0..200 {
        match game.to_act() {
            Some((s, d)) if s == seat && d == decision => return,
            Some((s, Decision::Negotiate)) => play(game, Action::Pass { seat: s }),
            Some((s, Decision::Posture)) => play(
                game,
                Action::Posture {
                    seat: s,
                    posture: ceasefire::engine::Posture::Firm,
                },
            ),
            Some((s, _)) => {
                let first = game.legal_actions(s)[0];
                play(game, first);
            }
            None => panic!("the game ended before {seat} had to {decision}"),
        }
    }
    panic!("{seat} never had to {decision}");
}
