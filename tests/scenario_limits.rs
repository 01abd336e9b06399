//! Scenario limits (issue 14, finding 10): validation is linear, counts and lengths have
//! documented limits refused with file and line, invalid UTF-8 is named by line and column,
//! and no control character from a file reaches the terminal (refused at load, escaped in
//! every message).

mod common;

use ceasefire::engine::Game;
use ceasefire::scenario::limits;
use ceasefire::scenario::{ScenarioError, ScenarioSource};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// A copy of the fixture scenario in a temporary folder.
fn copy_of_mini() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for entry in fs::read_dir(common::mini_dir()).unwrap() {
        let entry = entry.unwrap();
        fs::copy(entry.path(), dir.path().join(entry.file_name())).unwrap();
    }
    dir
}

/// Applies `edit` to `file` of a copy of the fixture and builds it.
fn built_with(
    file: &str,
    edit: impl Fn(&str) -> String,
) -> (tempfile::TempDir, Result<(), ScenarioError>) {
    let dir = copy_of_mini();
    let path = dir.path().join(file);
    fs::write(&path, edit(&fs::read_to_string(&path).unwrap())).unwrap();
    let result = ScenarioSource::from_dir(dir.path())
        .and_then(|s| s.build())
        .map(drop);
    (dir, result)
}

fn refused(file: &str, edit: impl Fn(&str) -> String) -> ScenarioError {
    built_with(file, edit)
        .1
        .expect_err("the scenario must be refused")
}

fn events(count: usize) -> String {
    (0..count)
        .map(|i| {
            format!(
                "\n[[event]]\nid = \"ev-x{i}\"\nname = \"E{i}\"\ntext = \"Border +1.\"\neffects = {{ border = 1 }}\n"
            )
        })
        .collect()
}

fn cli(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_ceasefire"))
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn sixteen_thousand_events_are_answered_at_once() {
    let start = Instant::now();
    let err = refused("events.toml", |text| format!("{text}{}", events(16_000)));
    assert!(
        start.elapsed() < Duration::from_secs(3),
        "took {:?}",
        start.elapsed()
    );
    assert!(err.file.ends_with("events.toml"), "{err}");
    // Held in memory, it is over the size limit; split in ten it is over the count.
    let err = refused("events.toml", |text| format!("{text}{}", events(5_000)));
    assert_eq!(
        (err.line, err.message.contains("at most 200")),
        (1, true),
        "{err}"
    );
}

#[test]
fn a_scenario_at_every_count_limit_validates_quickly_and_plays() {
    let dir = copy_of_mini();
    let cards = |prefix: &str, kind: &str, n: usize| -> String {
        (0..n)
            .map(|i| {
                format!(
                    "\n[[card]]\nid = \"{prefix}-{i}\"\nname = \"C{i}\"\nkind = \"{kind}\"\ncost = 1\n\
                     effects = {{ trust = 1 }}\ntext = \"Trust +1.\"\n"
                )
            })
            .collect()
    };
    for (file, prefix) in [
        ("pakistan.toml", "pk"),
        ("afghanistan.toml", "af"),
        ("mediator.toml", "md"),
    ] {
        let path = dir.path().join(file);
        let text = fs::read_to_string(&path).unwrap();
        let have = text.matches("[[card]]").count();
        let more = cards(
            &format!("{prefix}-x"),
            "confidence",
            limits::MAX_CARDS_PER_DECK - have,
        );
        fs::write(&path, text + &more).unwrap();
    }
    let path = dir.path().join("events.toml");
    let text = fs::read_to_string(&path).unwrap();
    let have = text.matches("[[event]]").count();
    fs::write(&path, text + &events(limits::MAX_EVENTS - have)).unwrap();
    let path = dir.path().join("objectives.toml");
    let text = fs::read_to_string(&path).unwrap();
    let have = text.matches("[[objective]]").count();
    let more: String = (0..limits::MAX_OBJECTIVES - have)
        .map(|i| {
            format!(
                "\n[[objective]]\nid = \"ob-x{i}\"\nseat = \"afghanistan\"\nname = \"O{i}\"\n\
                 text = \"Trust at least 10.\"\npoints = 1\ncondition = {{ min = {{ trust = 10 }} }}\n"
            )
        })
        .collect();
    fs::write(&path, text + &more).unwrap();
    let start = Instant::now();
    let scenario = ScenarioSource::from_dir(dir.path())
        .and_then(|s| s.build())
        .unwrap();
    assert!(
        start.elapsed() < Duration::from_secs(5),
        "took {:?}",
        start.elapsed()
    );
    assert_eq!(scenario.objectives.len(), limits::MAX_OBJECTIVES);
    assert_eq!(scenario.events.len(), limits::MAX_EVENTS);
    for seed in 0..20 {
        let game = Game::new(Arc::new(scenario.clone()), seed);
        assert!(game.to_act().is_some());
    }
}

#[test]
fn sixty_five_thousand_objectives_are_refused_not_a_panic() {
    let objectives = |n: usize| -> String {
        (0..n)
            .map(|i| {
                format!(
                    "[[objective]]\nid = \"o{i}\"\nseat = \"pakistan\"\nname = \"O\"\ntext = \"T\"\n\
                     points = 1\ncondition = {{ min = {{ trust = 1 }} }}\n"
                )
            })
            .collect()
    };
    // 65,536 and more: over the file size a scenario file may have.
    let mut source = ScenarioSource::from_dir(&common::mini_dir()).unwrap();
    let text = source.files["objectives.toml"].clone() + &objectives(65_536);
    source.files.insert("objectives.toml".into(), text);
    let err = source.build().expect_err("refused");
    assert!(
        err.file.ends_with("objectives.toml") && err.message.contains("KiB"),
        "{err}"
    );
    // One more than the limit: refused by count, with the file and its line.
    let err = refused("objectives.toml", |text| {
        format!("{text}\n{}", objectives(limits::MAX_OBJECTIVES))
    });
    assert!(err.file.ends_with("objectives.toml"), "{err}");
    assert!(
        err.line >= 1 && err.message.contains("at most 100"),
        "{err}"
    );
}

#[test]
fn texts_and_lists_over_their_limits_are_refused_with_their_line() {
    let long = "x".repeat(limits::MAX_NAME_CHARS + 1);
    let err = refused("scenario.toml", |t| {
        t.replace("title = \"Mini\"", &format!("title = \"{long}\""))
    });
    assert_eq!(err.line, 2, "{err}");
    assert!(
        err.message.contains("`title` is 201 characters long"),
        "{err}"
    );
    let err = refused("pakistan.toml", |t| {
        t.replacen(
            "text = \"Demand (Security). Your Pressure -3.\"",
            &format!("text = \"{}\"", "y".repeat(limits::MAX_TEXT_CHARS + 1)),
            1,
        )
    });
    assert_eq!(err.line, 7, "{err}");
    assert!(err.message.contains("`text` is 10001 characters"), "{err}");
    let many: Vec<String> = (0..=limits::MAX_LIST_ITEMS)
        .map(|i| format!("\"q{i}\""))
        .collect();
    let err = refused("scenario.toml", |t| {
        t.replace(
            "questions = [\"What changed your mind?\"]",
            &format!("questions = [{}]", many.join(", ")),
        )
    });
    assert!(err.message.contains("`questions` has 1001 items"), "{err}");
}

#[test]
fn invalid_utf8_is_named_by_its_line_and_column() {
    let dir = copy_of_mini();
    let path = dir.path().join("pakistan.toml");
    let mut bytes = fs::read(&path).unwrap();
    let line_3 = bytes
        .iter()
        .enumerate()
        .filter(|(_, b)| **b == b'\n')
        .nth(1)
        .unwrap()
        .0
        + 1;
    // `name = "Dis\xffmantle…"` on line 3: the bad byte is its twelfth character.
    bytes.splice(line_3 + 11..line_3 + 11, [0xff]);
    fs::write(&path, &bytes).unwrap();
    let err = ScenarioSource::from_dir(dir.path()).unwrap_err();
    assert!(err.file.ends_with("pakistan.toml"), "{err}");
    assert_eq!((err.line, err.column), (3, 12), "{err}");
    assert!(err.message.contains("UTF-8"), "{err}");
    let shown = err.to_string();
    assert!(shown.contains("pakistan.toml:3:12"), "{shown}");
}

/// Every text a scenario shows, each given an ESC (as TOML's `\e`, `\u001b`) or another
/// control character: each refused with its file and line.
#[test]
fn control_characters_in_any_text_are_refused_at_load_with_their_line() {
    let cases: [(&str, &str, &str); 6] = [
        (
            "scenario.toml",
            "title = \"Mini\"",
            "title = \"Mini\\e[2J\"",
        ),
        (
            "scenario.toml",
            "situation = \"PK-BRIEF",
            "situation = \"\\u001b]0;owned\\u0007PK-BRIEF",
        ),
        (
            "pakistan.toml",
            "name = \"Dismantle sanctuaries\"",
            "name = \"Dismantle\\u009b2J sanctuaries\"",
        ),
        (
            "events.toml",
            "name = \"A calm week\"",
            "name = \"A calm\\r week\"",
        ),
        (
            "objectives.toml",
            "text = \"A verified commitment held in Security.\"",
            "text = \"A verified\\u202e commitment\"",
        ),
        (
            "scenario.toml",
            "questions = [\"What changed your mind?\"]",
            "questions = [\"What changed\\u0008 your mind?\"]",
        ),
    ];
    for (file, from, to) in cases {
        let (_dir, result) = built_with(file, |t| {
            assert!(t.contains(from), "{file} holds {from}");
            t.replacen(from, to, 1)
        });
        let err = result.expect_err(to);
        let at = err
            .all()
            .find(|e| e.message.contains("control character"))
            .unwrap_or_else(|| panic!("{to}: {err}"));
        assert!(at.file.ends_with(file), "{err}");
        let text = fs::read_to_string(common::mini_dir().join(file)).unwrap();
        let line = text.lines().position(|l| l.contains(from)).unwrap() + 1;
        assert_eq!(at.line, line, "{err}");
        assert!(at.hint.contains("remove it"), "{err}");
    }
}

#[test]
fn a_scenario_written_with_crlf_line_ends_still_validates() {
    let dir = copy_of_mini();
    for entry in fs::read_dir(dir.path()).unwrap() {
        let path = entry.unwrap().path();
        let text = fs::read_to_string(&path).unwrap().replace('\n', "\r\n");
        fs::write(&path, text).unwrap();
    }
    let path = dir.path().join("scenario.toml");
    let text = fs::read_to_string(&path).unwrap().replace(
        "briefing = \"A test table.\"",
        "briefing = \"\"\"\r\nA test table.\r\nTwo lines.\"\"\"",
    );
    fs::write(&path, text).unwrap();
    let scenario = ScenarioSource::from_dir(dir.path())
        .and_then(|s| s.build())
        .unwrap();
    assert!(scenario.briefing.contains("Two lines."));
}

/// Raw bytes no terminal must receive from a file.
fn has_raw_escape(bytes: &[u8]) -> bool {
    bytes.contains(&0x1b) || bytes.contains(&0x07) || bytes.contains(&0x9b)
}

#[test]
fn validate_never_writes_a_files_escape_sequence_to_the_terminal() {
    let dir = copy_of_mini();
    // A raw ESC byte in a title, and one in a file name the folder holds.
    let path = dir.path().join("scenario.toml");
    let text = fs::read_to_string(&path).unwrap().replace(
        "title = \"Mini\"",
        "title = \"Mini\u{1b}[2J\u{1b}]0;x\u{7}\"",
    );
    fs::write(&path, text).unwrap();
    fs::write(dir.path().join("x\u{1b}[31m.toml"), "").unwrap();
    let folder = dir.path().to_str().unwrap();
    for args in [vec!["validate", folder], vec!["validate", folder, "--json"]] {
        let out = cli(&args);
        assert!(!out.status.success(), "{args:?}");
        assert!(
            !has_raw_escape(&out.stdout) && !has_raw_escape(&out.stderr),
            "{args:?}: {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

/// A version-1 save whose embedded scenario's title was given escape sequences (written as
/// TOML escapes: TOML refuses a raw control character in a string).
fn save_with_escape_in_title(dir: &Path) -> PathBuf {
    let text = fs::read_to_string("tests/fixtures/saves/v1-istanbul-finished.json").unwrap();
    let mut value: serde_json::Value = serde_json::from_str(&text).unwrap();
    let main = value["scenario"]["files"]["scenario.toml"]
        .as_str()
        .unwrap()
        .to_string();
    let title = main.lines().find(|l| l.starts_with("title = ")).unwrap();
    let forged = main.replacen(title, "title = \"\\e[2J\\u001b]0;pwned\\u0007Istanbul\"", 1);
    value["scenario"]["files"]["scenario.toml"] = forged.into();
    let path = dir.join("escape.json");
    fs::write(&path, serde_json::to_vec_pretty(&value).unwrap()).unwrap();
    path
}

#[test]
fn inspect_replay_and_report_never_write_a_saves_escape_sequence() {
    let dir = tempfile::tempdir().unwrap();
    let path = save_with_escape_in_title(dir.path());
    let path = path.to_str().unwrap();
    for args in [
        vec!["inspect", path],
        vec!["inspect", path, "--json"],
        vec!["replay", path, "--verify"],
        vec!["report", path],
    ] {
        let out = cli(&args);
        assert!(!out.status.success(), "{args:?}: the scenario is refused");
        assert!(
            !has_raw_escape(&out.stdout) && !has_raw_escape(&out.stderr),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(
            String::from_utf8_lossy(&out.stderr).contains("control character"),
            "{args:?}"
        );
    }
}

#[test]
fn a_thousand_mistakes_are_answered_at_once_and_the_first_hundred_shown() {
    let hints: String = (0..999)
        .map(|i| {
            format!(
                // A near miss of `pk-sanctuary`, so each is worth a suggestion.
                "\n[[hints]]\ncard = \"pk-sanctuar-{i}\"\ntext = \"x\"\n"
            )
        })
        .collect();
    let start = Instant::now();
    let err = refused("scenario.toml", |t| format!("{t}{hints}"));
    assert!(
        start.elapsed() < Duration::from_secs(5),
        "took {:?}",
        start.elapsed()
    );
    let all: Vec<&ScenarioError> = err.all().collect();
    assert_eq!(all.len(), limits::MAX_PROBLEMS_SHOWN + 1, "{err}");
    assert!(all[0].hint.contains("did you mean"), "{err}");
    assert!(
        all[limits::MAX_PROBLEMS_SHOWN]
            .message
            .contains("899 more problems found, not shown"),
        "{err}"
    );
    // The count counts every problem found, shown or not (the note itself is none).
    assert_eq!(err.count(), 999, "{err}");
    assert!(
        err.to_string().ends_with("999 problems in 1 file."),
        "{err}"
    );
}
