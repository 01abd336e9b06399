//! Helpers shared by the integration tests.
#![allow(dead_code)]

use ceasefire::engine::{Action, CardId, Decision, Game, Scenario, Seat};
use ceasefire::scenario::{ScenarioError, ScenarioSource};
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

/// An edit of one file of the mini fixture: its name and the edit.
pub type Edit<'a> = (&'a str, &'a dyn Fn(&str) -> String);

/// A copy of the mini fixture with `edits` made, in a temporary folder.
pub fn mini_copy(edits: &[Edit]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for entry in std::fs::read_dir(mini_dir()).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), dir.path().join(entry.file_name())).unwrap();
    }
    for (file, edit) in edits {
        let path = dir.path().join(file);
        std::fs::write(&path, edit(&std::fs::read_to_string(&path).unwrap())).unwrap();
    }
    dir
}

/// The mini fixture with `edits` made, built.
pub fn mini_with(edits: &[Edit]) -> Result<Scenario, ScenarioError> {
    let dir = mini_copy(edits);
    ScenarioSource::from_dir(dir.path()).and_then(|s| s.build())
}

/// The error of the mini fixture with `edit` made to `file`, and the line of `marker` in it
/// after the edit.
pub fn refused(file: &str, edit: &dyn Fn(&str) -> String, marker: &str) -> (ScenarioError, usize) {
    let err = mini_with(&[(file, edit)]).expect_err("the broken scenario must be refused");
    let text = edit(&std::fs::read_to_string(mini_dir().join(file)).unwrap());
    let line = text.lines().position(|l| l.contains(marker)).unwrap() + 1;
    (err, line)
}

/// Asserts a loader error names `file` and `line`, and says `message` with `hint`.
pub fn assert_at(err: &ScenarioError, file: &str, line: usize, message: &str, hint: &str) {
    assert!(err.file.ends_with(file), "{err}");
    assert_eq!(err.line, line, "{err}");
    assert!(err.column >= 1, "{err}");
    assert!(err.message.contains(message), "message: {err}");
    assert!(err.hint.contains(hint), "hint: {err}");
    let shown = err.to_string();
    assert!(shown.contains("hint: "), "{shown}");
}
