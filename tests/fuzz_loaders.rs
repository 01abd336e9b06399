//! Property-based fuzzing of the two loaders (issue 14): random byte mutations and
//! truncations of real scenario files and real saves, and random values put into a save's
//! fields, never panic: the scenario loader returns a scenario that a game can be played on,
//! or an error that names a file and prints no control character; the save loader returns a
//! verified game, or an error that leaves the file byte-identical. The case counts are
//! bounded so each property runs in seconds in a debug build (CI runs them with the rest).

mod common;

use ceasefire::engine::Game;
use ceasefire::save::{self, SaveFile};
use ceasefire::scenario::ScenarioSource;
use proptest::prelude::*;
use std::fs;
use std::sync::Arc;

/// One change to a file's bytes.
#[derive(Clone, Debug)]
enum Mutation {
    /// Sets the byte at this position (modulo the length) to this value.
    Set(usize, u8),
    /// Inserts these bytes at this position.
    Insert(usize, Vec<u8>),
    /// Removes up to this many bytes from this position.
    Remove(usize, usize),
    /// Cuts the file at this position.
    Truncate(usize),
    /// Copies a stretch of the file over another place (repeats structure: `[[card]]`, ids).
    Splice(usize, usize, usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        4 => (any::<usize>(), any::<u8>()).prop_map(|(at, b)| Mutation::Set(at, b)),
        2 => (
            any::<usize>(),
            prop::collection::vec(
                prop_oneof![
                    Just(b'"'), Just(b'['), Just(b']'), Just(b'='), Just(b'\n'), Just(b'{'),
                    Just(b'}'), Just(b','), Just(0x1b), Just(0xff), Just(b'\\'), Just(b'0'),
                    any::<u8>()
                ],
                1..8
            )
        )
            .prop_map(|(at, bytes)| Mutation::Insert(at, bytes)),
        2 => (any::<usize>(), 1usize..64).prop_map(|(at, n)| Mutation::Remove(at, n)),
        1 => any::<usize>().prop_map(Mutation::Truncate),
        1 => (any::<usize>(), any::<usize>(), 1usize..200)
            .prop_map(|(from, to, n)| Mutation::Splice(from, to, n)),
    ]
}

fn mutate(bytes: &mut Vec<u8>, mutation: &Mutation) {
    let len = bytes.len().max(1);
    match mutation {
        Mutation::Set(at, b) => {
            if !bytes.is_empty() {
                bytes[at % len] = *b;
            }
        }
        Mutation::Insert(at, new) => {
            let at = at % (bytes.len() + 1);
            bytes.splice(at..at, new.iter().copied());
        }
        Mutation::Remove(at, n) => {
            let at = at % len;
            let end = (at + n).min(bytes.len());
            if at < end {
                bytes.drain(at..end);
            }
        }
        Mutation::Truncate(at) => bytes.truncate(at % len),
        Mutation::Splice(from, to, n) => {
            let from = from % len;
            let end = (from + n).min(bytes.len());
            if from < end {
                let piece: Vec<u8> = bytes[from..end].to_vec();
                let to = to % (bytes.len() + 1);
                bytes.splice(to..to, piece);
            }
        }
    }
}

/// The fixture's files and the tutorial's, by name.
fn scenario_sources() -> Vec<ScenarioSource> {
    vec![
        ScenarioSource::from_dir(&common::mini_dir()).unwrap(),
        ScenarioSource::builtin("tutorial").unwrap(),
    ]
}

/// Builds `source`; a scenario that builds is played a few dozen moves (the first legal
/// action each time), an error must name a file and print no raw control character.
fn check_scenario(built: Result<ceasefire::engine::Scenario, ceasefire::scenario::ScenarioError>) {
    match built {
        Ok(scenario) => {
            let mut game = Game::new(Arc::new(scenario), 3);
            for _ in 0..60 {
                let Some((seat, _)) = game.to_act() else {
                    break;
                };
                let legal = game.legal_actions(seat);
                let Some(action) = legal.first() else {
                    break;
                };
                game.apply(*action).unwrap();
            }
        }
        Err(error) => {
            let shown = error.to_string();
            assert!(!error.file.as_os_str().is_empty());
            assert!(
                !shown
                    .chars()
                    .any(|c| c.is_control() && c != '\n' && c != '\t'),
                "raw control character in: {shown:?}"
            );
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(192))]

    /// Mutated scenario files, built from memory (text that is not UTF-8 is read lossily).
    #[test]
    fn mutated_scenarios_build_or_are_refused(
        which in 0usize..2,
        file in any::<prop::sample::Index>(),
        mutations in prop::collection::vec(mutation(), 1..6),
    ) {
        let mut source = scenario_sources().swap_remove(which);
        let names: Vec<String> = source.files.keys().cloned().collect();
        let name = file.get(&names).clone();
        let mut bytes = source.files[&name].clone().into_bytes();
        for m in &mutations {
            mutate(&mut bytes, m);
        }
        source
            .files
            .insert(name, String::from_utf8_lossy(&bytes).into_owned());
        check_scenario(source.build());
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Mutated scenario files read from a folder, raw bytes and all (invalid UTF-8 too).
    #[test]
    fn mutated_scenario_folders_load_or_are_refused(
        file in any::<prop::sample::Index>(),
        mutations in prop::collection::vec(mutation(), 1..6),
    ) {
        let dir = tempfile::tempdir().unwrap();
        let mut names = Vec::new();
        for entry in fs::read_dir(common::mini_dir()).unwrap() {
            let entry = entry.unwrap();
            fs::copy(entry.path(), dir.path().join(entry.file_name())).unwrap();
            names.push(entry.file_name());
        }
        names.sort();
        let path = dir.path().join(file.get(&names));
        let mut bytes = fs::read(&path).unwrap();
        for m in &mutations {
            mutate(&mut bytes, m);
        }
        fs::write(&path, &bytes).unwrap();
        check_scenario(ScenarioSource::from_dir(dir.path()).and_then(|s| s.build()));
    }
}

/// A fresh save of a few moves of the fixture, and the version-1 fixture save.
fn real_saves() -> Vec<Vec<u8>> {
    let source = ScenarioSource::from_dir(&common::mini_dir()).unwrap();
    let mut game = Game::new(Arc::new(source.build().unwrap()), 9);
    for _ in 0..25 {
        let Some((seat, _)) = game.to_act() else {
            break;
        };
        let legal = game.legal_actions(seat);
        game.apply(legal[legal.len() / 2]).unwrap();
    }
    let seats = [
        "human".to_string(),
        "easy".to_string(),
        "random".to_string(),
    ];
    let file = SaveFile::of(&game, &source, seats, Vec::new(), 1_700_000_000);
    vec![
        file.to_json().into_bytes(),
        fs::read("tests/fixtures/saves/v1-tutorial-in-progress.json").unwrap(),
    ]
}

/// Loads `bytes` as a save file: it loads, or is refused and left byte-identical.
fn check_save(bytes: &[u8]) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("fuzzed.json");
    fs::write(&path, bytes).unwrap();
    match save::load(&path) {
        Ok(loaded) => assert_eq!(loaded.game.actions().len(), loaded.file.actions.len()),
        Err(error) => {
            assert!(error.to_string().contains("fuzzed.json"), "{error}");
        }
    }
    assert_eq!(
        fs::read(&path).unwrap(),
        bytes,
        "the file is left as it was"
    );
}

/// Every leaf of a JSON value (numbers, strings, booleans, nulls), by path.
fn leaves(value: &serde_json::Value, path: &mut Vec<String>, out: &mut Vec<Vec<String>>) {
    match value {
        serde_json::Value::Object(map) => {
            for (key, v) in map {
                path.push(key.clone());
                leaves(v, path, out);
                path.pop();
            }
        }
        serde_json::Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                path.push(i.to_string());
                leaves(v, path, out);
                path.pop();
            }
        }
        _ => out.push(path.clone()),
    }
}

fn json_value() -> impl Strategy<Value = serde_json::Value> {
    prop_oneof![
        any::<u64>().prop_map(serde_json::Value::from),
        (0u64..300).prop_map(serde_json::Value::from),
        any::<i64>().prop_map(serde_json::Value::from),
        any::<bool>().prop_map(serde_json::Value::from),
        Just(serde_json::Value::Null),
        "[a-z_\\-]{0,12}".prop_map(serde_json::Value::from),
        Just(serde_json::Value::from("\u{1b}[2J")),
        Just(serde_json::Value::from(65_535)),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    /// Byte mutations and truncations of real saves.
    #[test]
    fn mutated_saves_load_or_are_refused_untouched(
        which in 0usize..2,
        mutations in prop::collection::vec(mutation(), 1..5),
    ) {
        let mut bytes = real_saves().swap_remove(which);
        for m in &mutations {
            mutate(&mut bytes, m);
        }
        check_save(&bytes);
    }

    /// Real saves with random values in random fields (an action's card, a seat, a round,
    /// a note's index…), so the fuzzing gets past the JSON parser into the replay.
    #[test]
    fn saves_with_random_field_values_load_or_are_refused_untouched(
        which in 0usize..2,
        edits in prop::collection::vec((any::<prop::sample::Index>(), json_value()), 1..4),
    ) {
        let bytes = real_saves().swap_remove(which);
        let mut value: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
        for (pick, new) in edits {
            let mut all = Vec::new();
            leaves(&value, &mut Vec::new(), &mut all);
            // The embedded scenario's texts are fuzzed above; here, the save's own fields.
            all.retain(|path| path.first().is_none_or(|k| k != "scenario"));
            let path = pick.get(&all).clone();
            let pointer = format!("/{}", path.join("/"));
            if let Some(slot) = value.pointer_mut(&pointer) {
                *slot = new;
            }
        }
        check_save(&serde_json::to_vec_pretty(&value).unwrap());
    }
}
