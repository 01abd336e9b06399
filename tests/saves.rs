//! Saves: round trips at every phase, replay determinism, and every kind of bad file refused
//! with a message that names it, leaving its bytes untouched.

mod common;

use ceasefire::bot::Policy;
use ceasefire::engine::{Decision, Game};
use ceasefire::save::{self, SaveError, SaveFile};
use ceasefire::scenario::ScenarioSource;
use ceasefire::sim::seat_bots;
use std::collections::BTreeSet;
use std::fs;
use std::path::Path;
use std::sync::Arc;

fn source() -> ScenarioSource {
    ScenarioSource::from_dir(&common::mini_dir()).unwrap()
}

fn seats() -> [String; 3] {
    ["human".into(), "random".into(), "easy".into()]
}

/// A game of random bots on the fixture (as loaded from its files, not adjusted).
fn played(seed: u64, steps: usize) -> Game {
    let scenario = Arc::new(source().build().unwrap());
    let mut game = Game::new(scenario, seed);
    let mut bots = seat_bots(&[Policy::Random; 3], seed);
    for _ in 0..steps {
        let Some((seat, _)) = game.to_act() else {
            break;
        };
        let legal = game.legal_actions(seat);
        let action = bots[seat.index()].choose(&game.view(seat), &legal).action;
        game.apply(action).unwrap();
    }
    game
}

fn save_to(dir: &Path, game: &Game) -> std::path::PathBuf {
    let path = dir.join("game.json");
    save::save(
        &path,
        &SaveFile::of(game, &source(), seats(), Vec::new(), 1_700_000_000),
    )
    .unwrap();
    path
}

#[test]
fn a_save_round_trips_at_every_phase() {
    let dir = tempfile::tempdir().unwrap();
    let mut decisions_seen = BTreeSet::new();
    for seed in 0..40 {
        let full = played(seed, 10_000);
        for cut in 0..=full.actions().len() {
            let game = Game::replay(full.scenario().clone(), seed, &full.actions()[..cut]).unwrap();
            let decision = game.to_act().map(|(_, d)| d);
            if !decisions_seen.insert(format!("{decision:?}")) && cut % 17 != 0 {
                continue;
            }
            let path = save_to(dir.path(), &game);
            let loaded = save::load(&path).unwrap();
            assert_eq!(loaded.game, game, "seed {seed} after {cut} actions");
            assert_eq!(loaded.file.seats, seats());
            assert_eq!(loaded.file.summary.round, game.round());
        }
    }
    for expected in [
        Some(Decision::Negotiate),
        Some(Decision::Posture),
        Some(Decision::EventChoice),
        None,
    ] {
        assert!(
            decisions_seen.contains(&format!("{expected:?}")),
            "never saved at {expected:?}"
        );
    }
}

#[test]
fn replaying_saves_is_deterministic_over_many_games() {
    let dir = tempfile::tempdir().unwrap();
    for seed in 100..160 {
        let game = played(seed, 10_000);
        let path = save_to(dir.path(), &game);
        let first = save::load(&path).unwrap().game;
        let second = save::load(&path).unwrap().game;
        assert_eq!(first, game);
        assert_eq!(first.digest(), second.digest());
        assert_eq!(first.outcome(), game.outcome());
    }
}

#[test]
fn writing_over_a_save_is_atomic_and_leaves_no_temporary_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = save_to(dir.path(), &played(1, 5));
    let later = played(1, 30);
    save::save(
        &path,
        &SaveFile::of(&later, &source(), seats(), Vec::new(), 2),
    )
    .unwrap();
    assert_eq!(save::load(&path).unwrap().game, later);
    let names: Vec<_> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, vec![std::ffi::OsString::from("game.json")]);
}

/// Writes `bytes` as a save, loads it, and checks it is refused and left unchanged.
fn refused(bytes: &[u8]) -> SaveError {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("broken.json");
    fs::write(&path, bytes).unwrap();
    let err = save::load(&path).expect_err("a bad save must be refused");
    assert_eq!(
        fs::read(&path).unwrap(),
        bytes,
        "the file is left untouched"
    );
    assert!(
        err.to_string().contains("broken.json"),
        "the message names the file: {err}"
    );
    err
}

fn good_save_json() -> String {
    SaveFile::of(&played(7, 40), &source(), seats(), Vec::new(), 3).to_json()
}

#[test]
fn a_truncated_save_is_refused() {
    let json = good_save_json();
    let err = refused(&json.as_bytes()[..json.len() / 2]);
    assert!(matches!(err, SaveError::Corrupt { .. }), "{err}");
    assert!(err.to_string().contains("truncated or corrupt"), "{err}");
}

#[test]
fn garbage_is_refused() {
    let err = refused(&[0xde, 0xad, 0xbe, 0xef, 0x00, 0x01]);
    assert!(matches!(err, SaveError::Corrupt { .. }), "{err}");
}

#[test]
fn a_foreign_json_file_is_refused() {
    let err = refused(br#"{"name": "not a game", "version": 1}"#);
    assert!(matches!(err, SaveError::Foreign { .. }), "{err}");
    assert!(err.to_string().contains("not a Ceasefire save"), "{err}");
}

#[test]
fn a_save_from_a_future_version_is_refused() {
    let json = good_save_json().replacen("\"version\": 1", "\"version\": 99", 1);
    let err = refused(json.as_bytes());
    assert!(
        matches!(err, SaveError::FutureVersion { version: 99, .. }),
        "{err}"
    );
    assert!(err.to_string().contains("newer Ceasefire"), "{err}");
}

#[test]
fn a_tampered_digest_is_refused() {
    let mut file: SaveFile = serde_json::from_str(&good_save_json()).unwrap();
    file.digest = "0123456789abcdef".into();
    let err = refused(file.to_json().as_bytes());
    assert!(matches!(err, SaveError::Digest { .. }), "{err}");
}

#[test]
fn an_action_log_that_does_not_replay_is_refused() {
    let mut file: SaveFile = serde_json::from_str(&good_save_json()).unwrap();
    file.actions.insert(0, file.actions[3]);
    let err = refused(file.to_json().as_bytes());
    assert!(
        matches!(err, SaveError::Replay { .. } | SaveError::Digest { .. }),
        "{err}"
    );
}

#[test]
fn a_save_whose_embedded_scenario_is_broken_is_refused() {
    let mut file: SaveFile = serde_json::from_str(&good_save_json()).unwrap();
    file.scenario
        .files
        .insert("events.toml".into(), "[[event]]\nid = 3\n".into());
    let err = refused(file.to_json().as_bytes());
    assert!(matches!(err, SaveError::Scenario { .. }), "{err}");
    assert!(err.to_string().contains("events.toml"), "{err}");
}

#[test]
fn a_missing_save_is_an_error_naming_it() {
    let err = save::load(Path::new("/no/such/save.json")).unwrap_err();
    assert!(matches!(err, SaveError::Io { .. }) && err.to_string().contains("/no/such/save.json"));
}

#[test]
fn identical_tables_on_a_server_save_to_files_of_their_own() {
    use ceasefire::server::tables::Tables;
    let dir = tempfile::tempdir().unwrap();
    let tables = Tables::new(Some(dir.path().to_path_buf()), std::time::Duration::ZERO);
    let source = ScenarioSource::builtin("tutorial").unwrap();
    let first = tables.open(&source, 7, [None; 3]).unwrap();
    let second = tables.open(&source, 7, [None; 3]).unwrap();
    let paths = [&first, &second].map(|t| t.lock().save_path().unwrap().to_path_buf());
    assert_ne!(paths[0], paths[1]);
    // Each file already holds its table's game, before anyone has moved.
    for path in &paths {
        let loaded = save::load(path).unwrap();
        assert!(loaded.file.actions.is_empty());
    }
}
