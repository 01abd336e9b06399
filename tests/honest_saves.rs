//! Honest saves (issue 14, finding 9): only regular files of a sane size are read, so a
//! device or a FIFO is refused at once instead of hanging or filling memory; a new game's
//! first save appears whole; temporary files of killed writers are cleaned; a refusal never
//! prints the digest a replay gives; and a report says what a version-1 digest leaves
//! unverified, and never prints a control character raw.

mod common;

use ceasefire::save::{self, SaveError, SaveFile};
use ceasefire::scenario::ScenarioSource;
use ceasefire::server::tables::Tables;
use ceasefire::table::{Controller, Session};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

const ISTANBUL_V1: &str = "tests/fixtures/saves/v1-istanbul-finished.json";

fn mkfifo(path: &Path) {
    let made = Command::new("mkfifo").arg(path).status().unwrap();
    assert!(made.success(), "mkfifo {}", path.display());
}

/// Runs `f` on a thread and fails the test if it has not returned within `limit`.
fn within<T: Send + 'static>(limit: Duration, f: impl FnOnce() -> T + Send + 'static) -> T {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(f());
    });
    rx.recv_timeout(limit)
        .expect("it must answer at once, not hang")
}

/// Runs the binary with `args`, killing it (and failing) after `limit`.
fn cli_within(args: &[&str], limit: Duration) -> std::process::Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_ceasefire"))
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let start = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > limit {
            let _ = child.kill();
            panic!("`ceasefire {}` still ran after {limit:?}", args.join(" "));
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().unwrap()
}

#[test]
fn a_symlink_to_a_device_is_refused_at_once_by_inspect_replay_and_report() {
    let dir = tempfile::tempdir().unwrap();
    let link = dir.path().join("zero.json");
    std::os::unix::fs::symlink("/dev/zero", &link).unwrap();
    let err = save::load(&link).unwrap_err();
    assert!(matches!(err, SaveError::NotAFile { .. }), "{err}");
    assert!(err.to_string().contains("a device"), "{err}");
    let link = link.to_str().unwrap();
    for args in [
        vec!["inspect", link],
        vec!["replay", link, "--verify"],
        vec!["report", link],
    ] {
        let out = cli_within(&args, Duration::from_secs(20));
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success());
        assert!(
            stderr.contains("zero.json") && stderr.contains("only a regular file"),
            "{args:?}: {stderr}"
        );
    }
}

#[test]
fn a_fifo_named_like_a_save_is_refused_without_blocking() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("game.json");
    mkfifo(&fifo);
    let err = within(Duration::from_secs(10), move || {
        save::load(&fifo).unwrap_err().to_string()
    });
    assert!(err.contains("FIFO"), "{err}");
}

#[test]
fn a_fifo_in_the_saves_folder_does_not_stop_the_server_from_starting_or_resuming() {
    let dir = tempfile::tempdir().unwrap();
    mkfifo(
        &dir.path()
            .join("table-1-tutorial-7-pk-human_af-human_md-human.json"),
    );
    let folder = dir.path().to_path_buf();
    let (unfinished, report) = within(Duration::from_secs(20), move || {
        let tables = Tables::new(Some(folder), Duration::ZERO);
        (tables.unfinished_saves(), tables.resume_saved())
    });
    assert_eq!(unfinished, 0);
    assert!(
        report
            .iter()
            .any(|l| l.contains("Not resumed") && l.contains("FIFO")),
        "{report:?}"
    );
}

#[test]
fn a_file_larger_than_any_save_is_refused_unread_and_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.json");
    let file = fs::File::create(&path).unwrap();
    file.set_len(save::MAX_SAVE_BYTES + 1).unwrap();
    let err = save::load(&path).unwrap_err();
    assert!(matches!(err, SaveError::TooLarge { .. }), "{err}");
    assert!(err.to_string().contains("64 MiB"), "{err}");
    assert_eq!(fs::metadata(&path).unwrap().len(), save::MAX_SAVE_BYTES + 1);
}

fn new_session(dir: &Path) -> Session {
    let source = ScenarioSource::from_dir(&common::mini_dir()).unwrap();
    let scenario = Arc::new(source.build().unwrap());
    Session::new(source, scenario, 5, [Controller::Human; 3], Some(dir))
}

#[test]
fn a_new_games_save_never_shows_up_empty() {
    let dir = tempfile::tempdir().unwrap();
    let done = Arc::new(AtomicBool::new(false));
    let watcher = {
        let (dir, done) = (dir.path().to_path_buf(), done.clone());
        std::thread::spawn(move || {
            let mut empty = Vec::new();
            while !done.load(Ordering::Relaxed) {
                for entry in fs::read_dir(&dir).unwrap().flatten() {
                    let name = entry.file_name().to_string_lossy().to_string();
                    let len = entry.metadata().map_or(1, |m| m.len());
                    if name.ends_with(".json") && len == 0 {
                        empty.push(name);
                    }
                }
            }
            empty
        })
    };
    let sessions: Vec<Session> = (0..30).map(|_| new_session(dir.path())).collect();
    done.store(true, Ordering::Relaxed);
    let empty = watcher.join().unwrap();
    assert!(empty.is_empty(), "empty saves were seen: {empty:?}");
    // Thirty games of one scenario, seed and seats: thirty files, each whole.
    let paths: std::collections::BTreeSet<PathBuf> = sessions
        .iter()
        .map(|s| s.save_path().unwrap().to_path_buf())
        .collect();
    assert_eq!(paths.len(), 30);
    for path in &paths {
        assert!(save::load(path).unwrap().file.actions.is_empty());
    }
    let names: Vec<String> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(names.is_empty(), "temporary files left: {names:?}");
}

#[test]
fn temporary_files_of_killed_writers_are_cleaned_when_a_writer_starts() {
    let dir = tempfile::tempdir().unwrap();
    let at = |name: &str| dir.path().join(name);
    // A writer that no longer runs (no such process), one that runs (pid 1) but wrote
    // long ago, one that runs and writes now, this process's own, and a file not ours.
    let gone = at(".table-1-x.json.4000000000.tmp");
    let old = at(".table-2-x.json.1.tmp");
    let live = at(".table-3-x.json.1.tmp");
    let own = at(&format!(".table-4-x.json.{}.tmp", std::process::id()));
    let other = at(".notes.txt.12.tmp");
    for path in [&gone, &old, &live, &own, &other] {
        fs::write(path, b"{").unwrap();
    }
    let long_ago = std::time::SystemTime::now() - Duration::from_secs(3600);
    fs::File::options()
        .write(true)
        .open(&old)
        .unwrap()
        .set_modified(long_ago)
        .unwrap();
    let _session = new_session(dir.path());
    assert!(
        !gone.exists() && !old.exists(),
        "stale temporary files stay"
    );
    assert!(live.exists() && own.exists() && other.exists());
}

/// The fixture's finished game saved as version 2 in `dir`, with its JSON.
fn version_2_save(dir: &Path) -> (PathBuf, serde_json::Value) {
    let loaded = save::load(Path::new(ISTANBUL_V1)).unwrap();
    let path = dir.join("v2.json");
    save::save(&path, &loaded.file).unwrap();
    let value = serde_json::from_slice(&fs::read(&path).unwrap()).unwrap();
    (path, value)
}

#[test]
fn a_refusal_does_not_give_away_the_digest_an_edit_needs() {
    let dir = tempfile::tempdir().unwrap();
    let (path, mut value) = version_2_save(dir.path());
    value["notes"][0]["text"] = "FORGED: the mediators were bribed".into();
    let forged = serde_json::to_vec_pretty(&value).unwrap();
    fs::write(&path, &forged).unwrap();
    let err = save::load(&path).unwrap_err();
    assert!(matches!(err, SaveError::Digest { .. }), "{err}");
    // The digest that would seal the edit is nowhere in what the user is told.
    let file: SaveFile = serde_json::from_value(value).unwrap();
    let loaded = save::load(Path::new(ISTANBUL_V1)).unwrap();
    let sealing = file.digest_with(&loaded.game.digest()).unwrap();
    let message = err.to_string();
    assert!(!message.contains(&sealing), "{message}");
    assert!(!message.contains(&file.digest), "{message}");
    assert!(message.contains("do not match its digest"), "{message}");
    let out = cli_within(
        &["replay", path.to_str().unwrap(), "--verify"],
        Duration::from_secs(20),
    );
    assert!(!String::from_utf8_lossy(&out.stderr).contains(&sealing));
    assert_eq!(
        fs::read(&path).unwrap(),
        forged,
        "a refused file is left as it is"
    );
}

#[test]
fn a_version_1_report_says_what_its_digest_does_not_verify() {
    let text = fs::read_to_string(ISTANBUL_V1).unwrap();
    let mut value: serde_json::Value = serde_json::from_str(&text).unwrap();
    // A version-1 digest covers the game only: a forged note and seat still load...
    value["notes"][0]["text"] = "FORGED NOTE".into();
    value["seats"][1] = "hard".into();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v1-forged.json");
    fs::write(&path, serde_json::to_vec_pretty(&value).unwrap()).unwrap();
    let loaded = save::load(&path).unwrap();
    assert_eq!(loaded.file.unverified(), &save::LEGACY_UNVERIFIED);
    // ...and the report says that these are unverified.
    let out = cli_within(&["report", path.to_str().unwrap()], Duration::from_secs(30));
    let markdown = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success());
    assert!(markdown.contains("**Not verified:**"), "{markdown}");
    assert!(markdown.contains("the bots' and the clock's reasons"));
    assert!(markdown.contains("who played each seat"));
    let out = cli_within(
        &["report", path.to_str().unwrap(), "--format", "json"],
        Duration::from_secs(30),
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        json["reports"][0]["unverified"].as_array().unwrap().len(),
        4
    );
    let out = cli_within(
        &["replay", path.to_str().unwrap(), "--verify"],
        Duration::from_secs(30),
    );
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        said.contains("which does not cover who played each seat"),
        "{said}"
    );
    // A version-2 save's digest covers everything its report prints: no such note.
    let (v2, _) = version_2_save(dir.path());
    let out = cli_within(&["report", v2.to_str().unwrap()], Duration::from_secs(30));
    let markdown = String::from_utf8_lossy(&out.stdout);
    assert!(!markdown.contains("Not verified"), "{markdown}");
    let out = cli_within(
        &["report", v2.to_str().unwrap(), "--format", "json"],
        Duration::from_secs(30),
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(json["reports"][0].get("unverified").is_none());
}

#[test]
fn a_report_never_prints_a_control_character_from_a_save() {
    let text = fs::read_to_string(ISTANBUL_V1).unwrap();
    let mut value: serde_json::Value = serde_json::from_str(&text).unwrap();
    value["notes"][0]["text"] = "\u{1b}[2J\u{1b}]0;pwned\u{7}".into();
    value["reflections"][0]["answer"] = "fine\u{1b}[31m red".into();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v1-escapes.json");
    fs::write(&path, serde_json::to_vec_pretty(&value).unwrap()).unwrap();
    let out = cli_within(&["report", path.to_str().unwrap()], Duration::from_secs(30));
    assert!(out.status.success());
    assert!(!out.stdout.contains(&0x1b) && !out.stdout.contains(&0x07));
    let markdown = String::from_utf8_lossy(&out.stdout);
    assert!(markdown.contains("\\u{1b}[2J"), "{markdown}");
}
