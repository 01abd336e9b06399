//! Table talk and a delegation over the real OpenSSH client, in tmux, in one game: two
//! logins share Pakistan's seat (one acts, the other proposes, the pen changes hands and
//! proposals are taken), Afghanistan and the mediators have one each, a spectator watches and
//! the facilitator's console follows. A public message reaches everyone; a private one from
//! the mediators to Pakistan is read by both Pakistani logins and the facilitator only (the
//! others are told one was sent); a word to the delegation (`@team`) reaches the teammate
//! alone; a flood of escapes, ten thousand characters and a burst of a hundred leave another
//! seat's screen whole; each Pakistani login writes its own reflection; the report of the
//! finished game holds the talk and the reflections by person. Two people on one plain
//! login are muted apart. Skipped without tmux or ssh, except where the tools are required
//! (see `common/pane.rs`).

#[path = "common/pane.rs"]
mod pane;
#[path = "common/serve_port.rs"]
mod serve_port;

use pane::Pane;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};
use unicode_width::UnicodeWidthStr;

/// A `ceasefire serve` of one tutorial table whose three seats wait for people, with the
/// facilitator's password `chair`.
struct Server {
    child: Child,
    port: u16,
    dir: tempfile::TempDir,
}

impl Server {
    fn start() -> Server {
        let dir = tempfile::tempdir().unwrap();
        let mut child = Command::new(env!("CARGO_BIN_EXE_ceasefire"))
            .env("XDG_CONFIG_HOME", "/nonexistent/ceasefire-test-config")
            .arg("--saves")
            .arg(dir.path().join("saves"))
            .args(["serve", "--bind", "127.0.0.1:0", "--scenario", "tutorial"])
            .args(["--seed", "5", "--bot-delay-ms", "20", "--open-seats"])
            .args(["--facilitator-password", "chair", "--host-key"])
            .arg(dir.path().join("host_key"))
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("the server starts");
        let mut first = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut first)
            .unwrap();
        let port =
            serve_port::listening_port(&first).unwrap_or_else(|| panic!("no port in {first:?}"));
        Server { child, port, dir }
    }

    /// The ssh command line for `user`.
    fn ssh(&self, user: &str, options: &str) -> String {
        format!(
            "ssh -F /dev/null -tt -p {} -o StrictHostKeyChecking=accept-new \
             -o UserKnownHostsFile={} -o LogLevel=ERROR {options} {user}@127.0.0.1",
            self.port,
            self.dir.path().join("known_hosts").display()
        )
    }

    /// The ssh command line of the facilitator, answering the password prompt.
    fn facilitator(&self) -> String {
        let askpass = self.dir.path().join("askpass.sh");
        std::fs::write(&askpass, "#!/bin/sh\necho chair\n").unwrap();
        let mut perms = std::fs::metadata(&askpass).unwrap().permissions();
        std::os::unix::fs::PermissionsExt::set_mode(&mut perms, 0o755);
        std::fs::set_permissions(&askpass, perms).unwrap();
        format!(
            "SSH_ASKPASS={} SSH_ASKPASS_REQUIRE=force DISPLAY=none {}",
            askpass.display(),
            self.ssh("facilitator", "-o PreferredAuthentications=password")
        )
    }

    fn saves(&self) -> PathBuf {
        self.dir.path().join("saves")
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// How many actions the table's autosave holds.
fn saved_actions(saves: &Path) -> usize {
    saved(saves).game.actions().len()
}

/// Waits up to `seconds` for the autosave to hold more than `than` actions; whether it did.
fn more_actions(saves: &Path, than: usize, seconds: u64) -> bool {
    let deadline = Instant::now() + Duration::from_secs(seconds);
    while Instant::now() < deadline {
        if saved_actions(saves) > than {
            return true;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    false
}

/// A barrier: once it returns, every key sent to `pane` before has been handled and the
/// screen drawn since (the quit question opened here comes after them; `n` closes it).
fn settle(pane: &Pane) {
    pane.keys(&["q"]);
    pane.wait_for("Quit Ceasefire?", 10);
    pane.keys(&["n"]);
    pane.wait_gone("Quit Ceasefire?", 10);
}

/// Closes the account of what happened since the seat's last turn, if it is over `pane`.
fn close_account(pane: &Pane) {
    if pane.screen().contains("since your last turn") {
        pane.keys(&["Escape"]);
        pane.wait_gone("since your last turn", 10);
    }
}

/// The seat's move on `pane` (a pass, or a prompt's first option): a move for the
/// pen-holder, a proposal for a teammate without the pen.
fn move_or_propose(pane: &Pane) {
    close_account(pane);
    let mut screen = pane.screen();
    if screen.contains("Enter back to the question") {
        pane.keys(&["Enter"]);
        screen = pane.wait_for_any(&["Enter choose", "Enter propose"], 10);
    }
    if screen.contains("Enter choose") || screen.contains("Enter propose") {
        pane.keys(&["Enter"]);
    } else {
        pane.keys(&["p"]);
    }
}

/// Makes the moves of the seats on `others` whenever theirs come, until `pane` shows `text`.
fn others_play_until(others: &[&Pane], pane: &Pane, text: &str) -> String {
    let deadline = Instant::now() + Duration::from_secs(90);
    while Instant::now() < deadline {
        let screen = pane.screen();
        if screen.contains(text) {
            return screen;
        }
        for other in others {
            let theirs = other.screen();
            if theirs.contains("YOUR MOVE") {
                move_or_propose(other);
                other.wait_changed(&theirs, 2);
            }
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    panic!("never saw {text:?}:\n{}", pane.screen());
}

/// The table's autosave, loaded.
fn saved(saves: &Path) -> ceasefire::save::Loaded {
    let file = std::fs::read_dir(saves)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|e| e == "json"))
        .expect("the table's autosave");
    ceasefire::save::load(&file).unwrap()
}

/// Opens the message line, types `text` literally and sends it.
fn say(pane: &Pane, text: &str) {
    pane.keys(&["m"]);
    pane.keys(&["-l", text]);
    pane.keys(&["Enter"]);
}

/// The screen's left column (the meters, the baskets, the seat's panel) and header.
fn fixed_part(screen: &str) -> Vec<String> {
    screen
        .lines()
        .map(|row| row.chars().take(32).collect())
        .collect()
}

/// Plays every pane's seat to the debrief: each passes, or takes a prompt's first option,
/// when its move comes; the last table is passed by. A pane given an answer writes it to the
/// first reflection prompt and skips the rest; the others skip them all.
fn play_all_to_the_end(panes: &[(&Pane, Option<&str>)]) {
    let deadline = Instant::now() + Duration::from_secs(240);
    let mut written = vec![false; panes.len()];
    while Instant::now() < deadline {
        let mut done = 0;
        for (i, (pane, answer)) in panes.iter().enumerate() {
            let screen = pane.screen();
            if screen.contains("debrief") {
                done += 1;
                continue;
            }
            if screen.contains("since your last turn") {
                pane.keys(&["Escape"]);
            } else if screen.contains("The talks are over") {
                pane.keys(&["Enter"]);
            } else if screen.contains("Esc done, skip the rest") {
                match answer {
                    Some(text) if !written[i] => {
                        pane.keys(&["-l", text]);
                        pane.keys(&["Enter"]);
                        written[i] = true;
                    }
                    _ => pane.keys(&["Escape"]),
                }
            } else if screen.contains("YOUR MOVE") {
                pane.keys(&[if screen.contains("Enter choose") {
                    "Enter"
                } else {
                    "p"
                }]);
            } else {
                continue;
            }
            pane.wait_changed(&screen, 2);
        }
        if done == panes.len() {
            return;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    panic!("the game never ended:\n{}", panes[0].0.screen());
}

#[test]
fn a_delegation_and_the_table_talk_over_ssh_in_one_game_and_the_report_keeps_it() {
    if !pane::tool_available("ssh") {
        return;
    }
    let server = Server::start();
    let Some(ana) = Pane::start("talk-ana", 100, 30, &server.ssh("pakistan+ana", "")) else {
        return;
    };
    let af = Pane::start("talk-af", 100, 30, &server.ssh("afghanistan", "")).unwrap();
    let md = Pane::start("talk-md", 100, 30, &server.ssh("mediator", "")).unwrap();
    let watch = Pane::start("talk-watch", 100, 30, &server.ssh("watch", "")).unwrap();
    let console = Pane::start("talk-fac", 100, 30, &server.facilitator()).unwrap();
    console.wait_for("Facilitator console", 20);
    for (pane, hand) in [
        (&ana, "Pakistan's hand"),
        (&af, "Afghanistan's hand"),
        (&md, "Mediator's hand"),
    ] {
        pane.wait_for("Brief", 20);
        pane.keys(&["Enter"]);
        pane.wait_for(hand, 10);
    }
    // A second login to Pakistan's seat, once ana sits, joins her delegation: the seat's own
    // hand, and she holds the pen.
    let bilal = Pane::start("talk-bilal", 100, 30, &server.ssh("pakistan+bilal", "")).unwrap();
    // The seat's brief was read already: the table at once.
    bilal.wait_for_all(
        &[
            "ana holds the pen: you propose, they act",
            "Pakistan's hand",
        ],
        10,
    );
    ana.wait_for("You hold the pen · P hands it to bilal", 10);
    console.wait_for("PK ana ✎ + bilal", 10);
    watch.wait_for("Hands are private", 20);
    for pane in [&ana, &bilal, &md, &watch] {
        pane.keys(&["t"]);
        pane.wait_for("Talk · t log", 10);
    }

    // A public message from Afghanistan reaches everyone.
    say(&af, "Peace be with this table");
    for pane in [&ana, &bilal, &md, &watch, &af] {
        pane.wait_for("R1 Afghanistan: Peace be with this table", 10);
    }
    console.wait_for("R1 Afghanistan [afghanistan]: Peace be with this table", 10);

    // A private word from the mediators to Pakistan: both Pakistani logins and the
    // facilitator read it, the others are told one was sent.
    say(&md, "@pakistan a quiet word between us");
    for pane in [&ana, &bilal, &md] {
        pane.wait_for(
            "R1 Mediator → Pakistan (private): a quiet word between us",
            10,
        );
    }
    console.wait_for(
        "R1 Mediator [mediator] → Pakistan (private): a quiet word",
        10,
    );
    // Both have the talk in view: the spectator opened it, Afghanistan spoke.
    for pane in [&af, &watch] {
        let screen = pane.wait_for("R1 Mediator → Pakistan: a private message", 10);
        assert!(!screen.contains("quiet word"), "{screen}");
    }

    // A word within the delegation: ana reads it, the facilitator too; nobody else even
    // hears of it.
    say(&bilal, "@team let us hold firm on water");
    ana.wait_for(
        "R1 Pakistan (to the delegation): let us hold firm on water",
        10,
    );
    bilal.wait_for(
        "R1 Pakistan (to the delegation): let us hold firm on water",
        10,
    );
    console.wait_for(
        "R1 Pakistan [pakistan+bilal] (to the delegation): let us",
        10,
    );
    for pane in [&af, &md, &watch] {
        settle(pane);
        let screen = pane.screen();
        assert!(
            !screen.contains("hold firm") && !screen.contains("to the delegation"),
            "{screen}"
        );
    }
    af.keys(&["t"]);
    af.wait_for("Log · t talk", 10);

    // Escapes, ten thousand characters and a burst of a hundred from Afghanistan: refused or
    // trimmed with a word why, and Pakistan's screen stays whole.
    let before = ana.screen();
    say(&af, "\u{1b}[2J\u{1b}]0;pwned\u{7}\u{1b}[31mred?");
    af.keys(&["m"]);
    af.keys(&["-l", &"all talk and no deeds ".repeat(455)]);
    af.wait_for("(full: 300 characters at most)", 20);
    af.keys(&["Enter"]);
    for i in 0..100 {
        af.keys(&[
            "m",
            "b",
            "u",
            "r",
            "s",
            "t",
            "Space",
            &format!("{}", i % 10),
            "Enter",
        ]);
    }
    af.wait_for("Slow down: at most 5 messages in 10 seconds", 30);
    af.keys(&["Escape"]);
    let messages = |saves: &Path| saved(saves).file.messages;
    let deadline = Instant::now() + Duration::from_secs(10);
    while messages(&server.saves()).len() < 6 && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(100));
    }
    let said = messages(&server.saves());
    assert!(
        said.len() < 25,
        "most of the burst was refused: {}",
        said.len()
    );
    assert!(said.iter().all(|m| m.text.chars().count() <= 300));
    assert!(said.iter().all(|m| !m.text.contains('\u{1b}')), "{said:?}");
    let after = ana.wait_for("Talk · t log", 5);
    assert_eq!(after.lines().count(), before.lines().count());
    for (row, line) in after.lines().enumerate() {
        assert!(line.width() <= 100, "row {row} overflows:\n{after}");
    }
    assert_eq!(fixed_part(&after), fixed_part(&before), "{after}");
    assert!(after.contains("Pakistan's hand"), "{after}");

    // One acts: the pen-holder's move is the seat's.
    let others = [&af, &md];
    others_play_until(&others, &ana, "YOUR MOVE");
    let before = saved_actions(&server.saves());
    move_or_propose(&ana);
    assert!(more_actions(&server.saves(), before, 10), "ana acted");

    // The other proposes at the seat's next decision: no move is made; the pen-holder sees
    // it and takes it.
    others_play_until(&others, &bilal, "YOUR TEAM'S MOVE");
    let before = saved_actions(&server.saves());
    move_or_propose(&bilal);
    bilal.wait_for("Proposed to ana, who holds the pen", 10);
    ana.wait_for("T takes bilal's proposal", 10);
    settle(&bilal);
    assert_eq!(
        saved_actions(&server.saves()),
        before,
        "a proposal is no move"
    );
    ana.keys(&["T"]);
    assert!(more_actions(&server.saves(), before, 10), "ana took it");

    // The pen is handed over: bilal acts, ana only proposes, and bilal takes her proposal.
    others_play_until(&others, &ana, "YOUR MOVE");
    ana.keys(&["P"]);
    ana.wait_for("You handed the pen to bilal", 10);
    bilal.wait_for("✎ You hold the pen", 10);
    console.wait_for("PK ana + bilal ✎", 10);
    let before = saved_actions(&server.saves());
    move_or_propose(&ana);
    ana.wait_for("Proposed to bilal, who holds the pen", 10);
    settle(&ana);
    assert_eq!(saved_actions(&server.saves()), before, "ana cannot act now");
    bilal.wait_for("T takes ana's proposal", 10);
    bilal.keys(&["T"]);
    assert!(
        more_actions(&server.saves(), before, 10),
        "bilal took ana's proposal:\n{}",
        bilal.screen()
    );

    // The game to its end; the facilitator writes the report, which holds the talk.
    // The two Pakistani logins reflect each for themselves.
    play_all_to_the_end(&[
        (&bilal, Some("I would have talked more")),
        (&af, None),
        (&md, None),
        (&ana, Some("We held firm")),
    ]);
    console.keys(&["w"]);
    console.wait_for("Wrote the report of 1 finished table(s)", 10);
    let report = std::fs::read_to_string(server.saves().join("reports").join("table-1.md"))
        .expect("the table's report");
    let talk = report
        .split("## Table talk")
        .nth(1)
        .expect("a Table talk section");
    for line in [
        "- round 1: Afghanistan [afghanistan]: Peace be with this table",
        "- round 1: Mediator [mediator] → Pakistan (private): a quiet word between us",
        "- round 1: Pakistan [pakistan+bilal] → Pakistan's delegation (private): let us hold \
         firm on water",
    ] {
        assert!(talk.contains(line), "{line}\n{talk}");
    }
    let reflections = report
        .split("## Reflections")
        .nth(1)
        .expect("a Reflections section");
    for (who, answer) in [
        ("Pakistan (ana)", "We held firm"),
        ("Pakistan (bilal)", "I would have talked more"),
    ] {
        let line = reflections
            .lines()
            .find(|l| l.starts_with(&format!("- **{who}** — ")))
            .unwrap_or_else(|| panic!("no answer of {who}:\n{reflections}"));
        assert!(line.ends_with(answer), "{line}");
    }
}

#[test]
fn two_people_on_one_plain_login_are_muted_apart_over_ssh() {
    if !pane::tool_available("ssh") {
        return;
    }
    let server = Server::start();
    let Some(first) = Pane::start("same-1", 100, 30, &server.ssh("pakistan", "")) else {
        return;
    };
    first.wait_for("Brief", 20);
    first.keys(&["Enter"]);
    first.wait_for("Pakistan's hand", 10);
    let second = Pane::start("same-2", 100, 30, &server.ssh("pakistan", "")).unwrap();
    second.wait_for_all(&["delegate 1 holds the pen", "Pakistan's hand"], 20);
    // The console lists the two apart and mutes the second only.
    let console = Pane::start("same-fac", 100, 30, &server.facilitator()).unwrap();
    console.wait_for("Facilitator console", 20);
    console.keys(&["x"]);
    console.wait_for_all(
        &[
            "▸ pakistan (Pakistan: delegate 1) — may speak",
            "pakistan #2 (Pakistan: delegate 2) — may speak",
        ],
        10,
    );
    console.keys(&["Down", "Enter"]);
    console.wait_for("pakistan #2 is muted at table 1", 10);
    console.keys(&["Escape"]);
    second.keys(&["m"]);
    second.wait_for("The facilitator has muted you", 10);
    say(&first, "one voice of two");
    first.wait_for("R1 Pakistan: one voice of two", 10);
    console.wait_for("R1 Pakistan [pakistan]: one voice of two", 10);
    let said = saved(&server.saves()).file.messages;
    let logins: Vec<Option<&str>> = said.iter().map(|m| m.login.as_deref()).collect();
    assert_eq!(logins, [Some("pakistan")]);
}
