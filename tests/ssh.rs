//! The SSH server, tested with the real OpenSSH client running in tmux: two people and a bot
//! play a round, each seeing only their own hand; moves, resizes, drops and reconnections;
//! passwords; refusals. Skipped without tmux or ssh, except under CI or with
//! `CEASEFIRE_REQUIRE_TMUX` set, where a missing tool fails them (see `common/pane.rs`).

#[path = "common/pane.rs"]
mod pane;
#[path = "common/serve_port.rs"]
mod serve_port;

use pane::Pane;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A running `ceasefire serve` on a free loopback port.
struct Server {
    child: Child,
    port: u16,
    dir: tempfile::TempDir,
    _stdout: BufReader<std::process::ChildStdout>,
    /// What it printed at start after its first line (the join codes among it).
    printed: String,
}

impl Server {
    /// A server whose seats need no join code (`--open-seats`): for tests not about seats.
    fn start(extra: &[&str]) -> Server {
        let mut open = vec!["--open-seats"];
        open.extend_from_slice(extra);
        Server::start_in(tempfile::tempdir().unwrap(), &open)
    }

    /// A server whose seats are claimed with join codes, `tables` of them; its start lines
    /// (with the codes) are read.
    fn claimed(extra: &[&str], tables: usize) -> Server {
        let mut server = Server::start_in(tempfile::tempdir().unwrap(), extra);
        while server.printed.matches(" join codes: ").count() < tables {
            let read = server._stdout.read_line(&mut server.printed).unwrap();
            assert!(read > 0, "no join codes printed: {}", server.printed);
        }
        server
    }

    /// The join code `serve` printed for a login (`afghanistan.2`).
    fn code(&self, login: &str) -> String {
        let at = self
            .printed
            .rfind(&format!(" {login}@ "))
            .unwrap_or_else(|| panic!("no code for {login} in {}", self.printed));
        let rest = &self.printed[at + login.len() + 3..];
        rest.chars().take(6).collect()
    }

    /// Stops the server as a facilitator would (SIGTERM) and starts it again on the same
    /// saves folder and host key, with `extra` arguments; returns the new server and the
    /// lines it printed after the first.
    fn restart(mut self, extra: &[&str]) -> (Server, String) {
        let _ = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status();
        let _ = self.child.wait();
        let dir = tempfile::tempdir().unwrap();
        let old = std::mem::replace(&mut self.dir, dir);
        drop(self);
        let mut open = vec!["--open-seats"];
        open.extend_from_slice(extra);
        let mut server = Server::start_in(old, &open);
        let mut printed = String::new();
        for _ in 0..2 {
            let _ = server._stdout.read_line(&mut printed);
        }
        (server, printed)
    }

    fn start_in(dir: tempfile::TempDir, extra: &[&str]) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_ceasefire"))
            // The tester's own key config must not change what the game shows.
            .env("XDG_CONFIG_HOME", "/nonexistent/ceasefire-test-config")
            .arg("--saves")
            .arg(dir.path().join("saves"))
            .args(["serve", "--bind", "127.0.0.1:0", "--scenario", "tutorial"])
            .args([
                "--seed",
                "5",
                "--seat",
                "mediator=random",
                "--bot-delay-ms",
                "20",
            ])
            .arg("--host-key")
            .arg(dir.path().join("host_key"))
            .args(extra)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("the server starts");
        let mut first = String::new();
        let mut stdout = BufReader::new(child.stdout.take().unwrap());
        stdout.read_line(&mut first).unwrap();
        let port =
            serve_port::listening_port(&first).unwrap_or_else(|| panic!("no port in {first:?}"));
        assert!(first.contains("SHA256:"), "prints the host key: {first}");
        Server {
            child,
            port,
            dir,
            _stdout: stdout,
            printed: String::new(),
        }
    }

    fn known_hosts(&self) -> PathBuf {
        self.dir.path().join("known_hosts")
    }

    /// The ssh command line for `user` (extra options first).
    fn ssh(&self, user: &str, options: &str) -> String {
        format!(
            "ssh -F /dev/null -tt -p {port} -o StrictHostKeyChecking=accept-new \
             -o UserKnownHostsFile={kh} -o LogLevel=ERROR {options} {user}@127.0.0.1",
            port = self.port,
            kh = self.known_hosts().display()
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

/// Whether the OpenSSH client is installed (see `pane::tool_available`).
fn ssh_available() -> bool {
    pane::tool_available("ssh")
}

/// The game in table `table`'s autosave.
fn saved_game(saves: &Path, table: u32) -> ceasefire::engine::Game {
    let prefix = format!("table-{table}-");
    let file = std::fs::read_dir(saves)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .find(|p| {
            p.extension().is_some_and(|e| e == "json")
                && p.file_name()
                    .is_some_and(|n| n.to_string_lossy().starts_with(&prefix))
        })
        .unwrap_or_else(|| panic!("no autosave of table {table}"));
    ceasefire::save::load(&file).unwrap().game
}

/// How many actions table `table`'s autosave holds.
fn saved_actions(saves: &Path, table: u32) -> usize {
    saved_game(saves, table).actions().len()
}

/// Waits up to `seconds` for table `table`'s autosave to hold more than `than` actions;
/// whether it did.
fn wait_for_more_actions(saves: &Path, table: u32, than: usize, seconds: u64) -> bool {
    let deadline = Instant::now() + Duration::from_secs(seconds);
    while Instant::now() < deadline {
        if saved_actions(saves, table) > than {
            return true;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    false
}

/// A barrier: once it returns, every key sent to `pane` before it has been handled and the
/// screen drawn again since. Keys reach the server in order, so the quit question opened
/// here comes after them; closing it (any key but `y`) draws the screen anew.
fn settle(pane: &Pane, question: &str) -> String {
    pane.keys(&["q"]);
    pane.wait_for(question, 10);
    pane.keys(&["n"]);
    pane.wait_gone(question, 10)
}

/// The texts a seat's table screen shows: its hand's title and every card in it.
fn hand_on_screen<'a>(title: &'a str, hand: &'a [String]) -> Vec<&'a str> {
    let mut texts: Vec<&str> = hand.iter().map(String::as_str).collect();
    texts.push(title);
    texts
}

/// The card names in `seat`'s hand now, read from table 1's autosave.
fn hand(saves: &Path, seat: ceasefire::engine::Seat) -> Vec<String> {
    let game = saved_game(saves, 1);
    let view = game.view(ceasefire::engine::Viewer::Facilitator);
    view.hands[seat.index()]
        .clone()
        .unwrap()
        .iter()
        .map(|c| game.scenario().cards[usize::from(*c)].name.clone())
        .collect()
}

#[test]
fn two_players_and_a_bot_play_a_round_over_ssh() {
    use ceasefire::engine::Seat;
    if !ssh_available() {
        return;
    }
    // One login a seat: a second one is refused (delegations have their own test).
    let server = Server::start(&["--team-size", "1"]);
    let Some(pk) = Pane::start("pk", 100, 30, &server.ssh("pakistan", "")) else {
        return;
    };
    let af = Pane::start("af", 100, 30, &server.ssh("afghanistan", "")).unwrap();
    for pane in [&pk, &af] {
        pane.wait_for("Brief", 20);
        pane.keys(&["Enter"]);
    }
    // Each screen shows its own hand and never the other's. Waiting for every card at once
    // keeps a capture taken in the middle of a redraw from counting.
    let (pk_hand, af_hand) = (
        hand(&server.saves(), Seat::Pakistan),
        hand(&server.saves(), Seat::Afghanistan),
    );
    let pk_screen = pk.wait_for_all(&hand_on_screen("Pakistan's hand", &pk_hand), 10);
    let af_screen = af.wait_for_all(&hand_on_screen("Afghanistan's hand", &af_hand), 10);
    for name in &pk_hand {
        if !af_hand.contains(name) {
            assert!(
                !af_screen.contains(name.as_str()),
                "{name} leaked:\n{af_screen}"
            );
        }
    }
    assert!(!pk_screen.contains("Afghanistan's hand"));

    // Play until round 2: whoever must move passes or takes a prompt's first option; the
    // other screen sees the move.
    let mut saw_other = false;
    for _ in 0..40 {
        if pk.screen().contains("Round 2/4") && af.screen().contains("Round 2/4") {
            break;
        }
        for (me, other, name) in [(&pk, &af, "Pakistan"), (&af, &pk, "Afghanistan")] {
            let screen = me.screen();
            if !screen.contains("YOUR MOVE") {
                continue;
            }
            let before = saved_actions(&server.saves(), 1);
            if screen.contains("Enter choose") {
                me.keys(&["Enter"]);
            } else {
                me.keys(&["p"]);
                if !saw_other {
                    other.wait_for(&format!("{name} passed."), 10);
                    saw_other = true;
                }
            }
            // The move is saved before this screen is looked at again, so one screen is
            // never acted on twice. A key that did nothing is no failure here: the loop
            // looks again, and the round-2 checks below decide.
            wait_for_more_actions(&server.saves(), 1, before, 10);
            me.wait_changed(&screen, 2);
        }
    }
    assert!(saw_other, "a pass showed on the other screen");
    pk.wait_for("Round 2/4", 10);
    af.wait_for("Round 2/4", 10);
    // Pakistan's turn comes after the mediators' move, with the account of the round since
    // its last turn over the table: it closes it.
    pk.wait_for("Pakistan: since your last turn", 10);
    pk.keys(&["Escape"]);
    pk.wait_gone("since your last turn", 10);

    // Resizes follow the client's window.
    af.resize(70, 20);
    af.wait_for("80x24", 10);
    af.resize(100, 30);
    af.wait_for("Afghanistan's hand", 10);

    // A dropped connection keeps its seat; the same seat name reconnects, straight to the
    // table since the seat has already played.
    drop(af);
    pk.wait_for("Afghanistan is away", 10);
    let again = Pane::start("af2", 100, 30, &server.ssh("afghanistan", "")).unwrap();
    let back = again.wait_for("Afghanistan's hand", 20);
    assert!(!back.contains("Enter to begin"), "the brief again:\n{back}");
    pk.wait_gone("Afghanistan is away", 10);

    // A taken seat is refused with a clear message.
    let taken = Pane::start("taken", 100, 30, &server.ssh("pakistan", "")).unwrap();
    let refused = taken.wait_for("EXIT=", 20);
    assert!(refused.contains("Pakistan is taken"), "{refused}");

    // Quitting leaves the client's terminal clean.
    pk.keys(&["q"]);
    pk.wait_for("Quit Ceasefire?", 10);
    pk.keys(&["y"]);
    pk.wait_for("EXIT=0", 10);
    pk.assert_restored();
}

#[test]
fn a_spectator_sees_no_hand_and_cannot_act() {
    if !ssh_available() {
        return;
    }
    let server = Server::start(&[]);
    let Some(watch) = Pane::start("watch", 100, 30, &server.ssh("watch", "")) else {
        return;
    };
    let screen = watch.wait_for("Hands are private", 20);
    assert!(!screen.contains("YOUR MOVE"), "{screen}");
    assert!(screen.contains("No hand to show"), "{screen}");
    let files = |server: &Server| {
        std::fs::read_dir(server.saves())
            .map(|d| d.count())
            .unwrap_or(0)
    };
    let before = files(&server);
    watch.keys(&["p", "Enter"]);
    // Only once the keys are surely handled does "nothing happened" mean anything.
    let text = settle(&watch, "Quit Ceasefire?");
    assert!(!text.contains("YOUR MOVE"), "{text}");
    assert_eq!(
        before,
        files(&server),
        "no table started by a spectator's keys"
    );
}

/// An `ssh` command line that answers the password prompt with `password`.
fn with_password(server: &Server, user: &str, password: &str) -> String {
    let askpass = server.dir.path().join(format!("askpass-{user}.sh"));
    std::fs::write(&askpass, format!("#!/bin/sh\necho {password}\n")).unwrap();
    let mut perms = std::fs::metadata(&askpass).unwrap().permissions();
    std::os::unix::fs::PermissionsExt::set_mode(&mut perms, 0o755);
    std::fs::set_permissions(&askpass, perms).unwrap();
    format!(
        "SSH_ASKPASS={} SSH_ASKPASS_REQUIRE=force DISPLAY=none {}",
        askpass.display(),
        server.ssh(user, "-o PreferredAuthentications=password")
    )
}

/// Plays a pane's seat to the end: passes, and takes the first option of every prompt.
fn play_to_the_end(pane: &Pane) {
    play_until(pane, "debrief");
}

/// Passes (and takes each prompt's first option) until `wanted` is on the screen, for at most
/// two minutes.
fn play_until(pane: &Pane, wanted: &str) {
    let deadline = Instant::now() + Duration::from_secs(120);
    while Instant::now() < deadline {
        let screen = pane.screen();
        if screen.contains(wanted) {
            return;
        }
        if screen.contains("The talks are over") {
            pane.keys(&["Enter"]);
        }
        if screen.contains("Esc done, skip the rest") {
            pane.keys(&["Escape"]);
        }
        if screen.contains("Brief") && screen.contains("Enter to begin") {
            pane.keys(&["Enter"]);
        } else if screen.contains("YOUR MOVE") {
            if screen.contains("Enter choose") {
                pane.keys(&["Enter"]);
            } else {
                pane.keys(&["p"]);
            }
        }
        // Poll again once the screen has moved on (so one screen is not acted on twice), or
        // after two seconds when it waits for the others.
        pane.wait_changed(&screen, 2);
    }
    panic!("never saw {wanted:?}:\n{}", pane.screen());
}

#[test]
fn the_facilitator_pauses_one_table_and_writes_the_reports() {
    if !ssh_available() {
        return;
    }
    let server = Server::start(&[
        "--tables",
        "2",
        "--seat",
        "afghanistan=random",
        "--facilitator-password",
        "chair",
    ]);
    // Without the facilitator's password the console is refused.
    let Some(refused) = Pane::start(
        "nofac",
        100,
        30,
        &server.ssh("facilitator", "-o BatchMode=yes"),
    ) else {
        return;
    };
    assert!(refused.wait_for("EXIT=", 20).contains("Permission denied"));

    let console = Pane::start(
        "fac",
        120,
        30,
        &with_password(&server, "facilitator", "chair"),
    )
    .unwrap();
    console.wait_for("Facilitator console", 20);
    let one = Pane::start("pk1", 100, 30, &server.ssh("pakistan.1", "")).unwrap();
    let two = Pane::start("pk2", 100, 30, &server.ssh("pakistan.2", "")).unwrap();
    for pane in [&one, &two] {
        pane.wait_for("Brief", 20);
        pane.keys(&["Enter"]);
    }

    // Pause table 1: its player sees it, table 2's does not.
    console.keys(&["p"]);
    console.wait_for("Table 1 paused", 10);
    one.wait_for("PAUSED", 10);
    assert!(!two.screen().contains("PAUSED"));
    let before = saved_actions(&server.saves(), 1);
    one.keys(&["p"]);
    let text = settle(&one, "Quit Ceasefire?");
    assert!(text.contains("PAUSED"), "{text}");
    assert_eq!(
        saved_actions(&server.saves(), 1),
        before,
        "nobody acts while paused"
    );
    console.keys(&["p"]);
    console.wait_for("Table 1 resumed", 10);
    one.wait_gone("PAUSED", 10);

    // Inject an event into table 1: it shows there and nowhere else.
    console.keys(&["i"]);
    console.wait_for("Inject an event into table 1", 10);
    console.keys(&["Enter"]);
    let notice = console.wait_for("into table 1: it comes at the event phase", 10);
    let name = notice
        .split("Injected \"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("the console names the event")
        .to_string();
    // A surprise until it comes: the players are not told in advance. The console's notice
    // comes once the inject is in the game, so a screen drawn after it would show it.
    let text = settle(&one, "Quit Ceasefire?");
    assert!(!text.contains("injects"), "{text}");
    // At the next event phase it is table 1's event, marked as an inject.
    let first_word = name.split(' ').next().unwrap_or_default();
    play_until(&one, &format!("This round: {first_word}"));
    assert!(!two.screen().contains(&name), "{}", two.screen());

    play_to_the_end(&one);
    play_to_the_end(&two);
    console.keys(&["w"]);
    let screen = console.wait_for("Wrote the report of 2 finished table(s)", 10);
    let path = server.saves().join("reports").join("reports.md");
    let report = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{e}: {screen}"));
    assert!(report.contains("# Comparing the tables"), "{report}");
    assert!(report.contains("table-1") && report.contains("table-2"));
    assert!(
        report.contains("## Injects") && report.contains("INJECT"),
        "{report}"
    );
    let other = server.saves().join("reports").join("table-2.md");
    let other = std::fs::read_to_string(other).unwrap();
    assert!(!other.contains("INJECT"), "{other}");
    let one = server.saves().join("reports").join("table-1.md");
    let one = std::fs::read_to_string(one).unwrap();
    assert!(
        one.contains("## Outcome") && !one.contains("table-2"),
        "one file a table too"
    );
}

#[test]
fn a_password_is_required_when_set() {
    if !ssh_available() {
        return;
    }
    let server = Server::start(&["--password", "s3cret"]);
    let Some(refused) = Pane::start(
        "nopass",
        100,
        30,
        &server.ssh("pakistan", "-o BatchMode=yes"),
    ) else {
        return;
    };
    let text = refused.wait_for("EXIT=", 20);
    assert!(
        text.contains("EXIT=255") && text.contains("Permission denied"),
        "{text}"
    );

    // A mistyped password may be typed again (ssh asks three times).
    let mistyped = Pane::start(
        "typo",
        100,
        30,
        &with_password(&server, "pakistan", "s3cert"),
    )
    .unwrap();
    let text = mistyped.wait_for("EXIT=", 20);
    assert_eq!(
        text.matches("Permission denied, please try again").count(),
        2,
        "{text}"
    );

    let admitted = Pane::start(
        "pass",
        100,
        30,
        &with_password(&server, "pakistan", "s3cret"),
    )
    .unwrap();
    admitted.wait_for("Brief", 20);
}

#[test]
fn a_connection_idle_too_long_is_closed_cleanly_and_keeps_its_seat() {
    if !ssh_available() {
        return;
    }
    let server = Server::start(&["--idle-seconds", "3"]);
    let Some(idle) = Pane::start("idle", 100, 30, &server.ssh("pakistan", "")) else {
        return;
    };
    idle.wait_for("Brief", 20);
    let text = idle.wait_for("EXIT=", 20);
    assert!(
        text.contains("no key pressed for 3 seconds") && text.contains("log in again"),
        "{text}"
    );
    idle.assert_restored();
    // The seat waits for its player, who takes it back.
    let back = Pane::start("back", 100, 30, &server.ssh("pakistan", "")).unwrap();
    back.wait_for("Pakistan", 20);
    assert!(!back.screen().contains("is taken"), "{}", back.screen());
}

#[test]
fn a_command_without_a_terminal_gets_one_line_not_a_hang() {
    if !ssh_available() {
        return;
    }
    let server = Server::start(&[]);
    let out = Command::new("ssh")
        .args(["-F", "/dev/null", "-T", "-p", &server.port.to_string()])
        .args([
            "-o",
            "StrictHostKeyChecking=accept-new",
            "-o",
            "BatchMode=yes",
        ])
        .arg("-o")
        .arg(format!(
            "UserKnownHostsFile={}",
            server.known_hosts().display()
        ))
        .args(["pakistan@127.0.0.1", "ls"])
        .stdin(Stdio::null())
        .output()
        .unwrap();
    let text =
        String::from_utf8_lossy(&out.stdout).to_string() + &String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert!(text.contains("only runs the game"), "{text}");
    assert!(
        text.contains(&format!("ssh -p {} pakistan@127.0.0.1", server.port)),
        "names the way in that works: {text}"
    );
}

#[test]
fn an_open_non_loopback_bind_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_ceasefire"))
        .args(["serve", "--bind", "0.0.0.0:0", "--host-key"])
        .arg(dir.path().join("key"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("without authentication") && stderr.contains("--password"),
        "{stderr}"
    );
    assert!(
        !dir.path().join("key").exists(),
        "refused before anything was written"
    );
}

#[test]
fn stopping_the_server_leaves_clients_clean() {
    if !ssh_available() {
        return;
    }
    let mut server = Server::start(&[]);
    let Some(pk) = Pane::start("stop", 100, 30, &server.ssh("pakistan", "")) else {
        return;
    };
    pk.wait_for("Brief", 20);
    let killed = Command::new("kill")
        .args(["-TERM", &server.child.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    let text = pk.wait_for("EXIT=", 20);
    assert!(text.contains("server is stopping"), "{text}");
    pk.assert_restored();
    let _ = server.child.wait();
}

#[test]
fn after_a_restart_with_resume_a_player_carries_on_where_the_game_was() {
    if !ssh_available() {
        return;
    }
    let server = Server::start(&[]);
    let Some(pk) = Pane::start("resume-pk", 100, 30, &server.ssh("pakistan", "")) else {
        return;
    };
    pk.wait_for("Brief", 20);
    pk.keys(&["Enter"]);
    pk.wait_for("YOUR MOVE", 20);
    pk.keys(&["p"]);
    pk.wait_for("Pakistan passed", 10);
    let saved = |server: &Server| saved_actions(&server.saves(), 1);
    // The autosave is written in the background: count once it holds the pass.
    let passed = ceasefire::engine::Action::Pass {
        seat: ceasefire::engine::Seat::Pakistan,
    };
    let deadline = Instant::now() + Duration::from_secs(10);
    while saved_game(&server.saves(), 1).actions().last() != Some(&passed)
        && Instant::now() < deadline
    {
        std::thread::sleep(Duration::from_millis(50));
    }
    let before = saved(&server);
    assert!(before > 0);

    // The server stops: the player is told how the game carries on.
    let (server, printed) = server.restart(&["--resume"]);
    let told = pk.wait_for("EXIT=", 20);
    assert!(
        told.contains("when the facilitator starts it again"),
        "{told}"
    );
    pk.assert_restored();
    assert!(printed.contains("Resumed table 1"), "{printed}");

    // Back as Pakistan: the same game, straight to the table, nothing lost.
    let again = Pane::start("resume-pk2", 100, 30, &server.ssh("pakistan", "")).unwrap();
    let screen = again.wait_for("Pakistan's hand", 20);
    assert!(!screen.contains("Enter to begin"), "{screen}");
    assert!(screen.contains("Pakistan passed"), "{screen}");
    assert_eq!(saved(&server), before, "no new table, no move lost");
}

#[test]
fn a_table_picked_in_the_lobby_is_left_back_to_the_lobby() {
    if !ssh_available() {
        return;
    }
    let server = Server::start(&[]);
    let Some(maria) = Pane::start("lobby-maria", 100, 30, &server.ssh("maria", "")) else {
        return;
    };
    maria.wait_for("Welcome, maria", 20);
    // The first line to choose is table 1's Pakistan seat.
    maria.keys(&["Enter"]);
    maria.wait_for("Brief", 20);
    maria.keys(&["Enter"]);
    maria.wait_for("Pakistan's hand", 20);
    maria.keys(&["q"]);
    let asked = maria.wait_for("Back to the lobby?", 10);
    assert!(asked.contains("pick it again in the lobby"), "{asked}");
    maria.keys(&["y"]);
    let lobby = maria.wait_for("Welcome, maria", 10);
    assert!(lobby.contains("rejoin as Pakistan"), "{lobby}");
    assert!(!lobby.contains("EXIT="), "still connected:\n{lobby}");
    // And back to the same seat from there.
    maria.keys(&["Enter"]);
    maria.wait_for("Pakistan's hand", 20);
}

#[test]
fn a_terminal_left_in_the_game_screen_by_a_dropped_link_is_cleared_on_login() {
    if !ssh_available() {
        return;
    }
    let server = Server::start(&[]);
    // What a dropped connection leaves: the alternate screen, with the old game's text in it.
    let command = format!(
        "printf '\\033[?1049h\\033[28;40HLEFTOVER-FROM-BEFORE'; {}",
        server.ssh("maria", "")
    );
    let Some(pane) = Pane::start("dropped", 100, 30, &command) else {
        return;
    };
    let lobby = pane.wait_for("Welcome, maria", 20);
    assert!(!lobby.contains("LEFTOVER-FROM-BEFORE"), "{lobby}");
}

#[test]
fn a_mistyped_seat_name_is_answered_in_the_lobby() {
    if !ssh_available() {
        return;
    }
    let server = Server::start(&[]);
    let Some(pane) = Pane::start("typo", 100, 30, &server.ssh("pakstan.1", "")) else {
        return;
    };
    let lobby = pane.wait_for("Welcome, pakstan.1", 20);
    assert!(lobby.contains("did you mean pakistan.1@?"), "{lobby}");
}

/// Types `text` into a pane, one key at a time.
fn type_text(pane: &Pane, text: &str) {
    let keys: Vec<String> = text.chars().map(String::from).collect();
    let keys: Vec<&str> = keys.iter().map(String::as_str).collect();
    pane.keys(&keys);
}

#[test]
fn a_free_seat_at_a_same_seed_table_needs_its_join_code() {
    if !ssh_available() {
        return;
    }
    let server = Server::claimed(&["--tables", "2", "--password", "room"], 2);
    assert_ne!(server.code("afghanistan.2"), server.code("afghanistan"));
    // The room's password alone: the seat's code is asked for, and nothing of it is shown.
    let Some(pane) = Pane::start(
        "codeaf2",
        100,
        30,
        &with_password(&server, "afghanistan.2", "room"),
    ) else {
        return;
    };
    let asked = pane.wait_for("Join code for Afghanistan at table 2", 20);
    assert!(
        !asked.contains("Brief") && !asked.contains("Afghanistan's hand"),
        "{asked}"
    );
    // Table 1's code is not table 2's.
    type_text(&pane, &server.code("afghanistan"));
    pane.keys(&["Enter"]);
    let refused = pane.wait_for("That is not the join code", 10);
    assert!(!refused.contains("Brief"), "{refused}");
    type_text(&pane, &server.code("afghanistan.2").to_lowercase());
    pane.keys(&["Enter"]);
    pane.wait_for("Brief", 10);
}

#[test]
fn a_seats_code_is_its_password_and_an_away_seat_asks_anyone_else_for_it() {
    if !ssh_available() {
        return;
    }
    let server = Server::claimed(&["--password", "room"], 1);
    let code = server.code("pakistan");
    let Some(player) = Pane::start(
        "codepk",
        100,
        30,
        &with_password(&server, "pakistan", &code),
    ) else {
        return;
    };
    player.wait_for("Brief", 20);
    drop(player);
    // Someone else with the room's password cannot take the dropped player's seat back.
    let mut asked = String::new();
    for attempt in 0..20 {
        let intruder = Pane::start(
            &format!("intruder{attempt}"),
            100,
            30,
            &with_password(&server, "pakistan", "room"),
        )
        .unwrap();
        let screen = intruder.wait_for_any(&["Join code for Pakistan", "is taken"], 20);
        if screen.contains("Join code for Pakistan") {
            assert!(!screen.contains("Brief"), "{screen}");
            intruder.keys(&["Escape"]);
            asked = intruder.wait_for("Welcome, pakistan", 10);
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(300));
    }
    assert!(asked.contains("lobby"), "the code was never asked for");
    // The player, with the code, is back at once.
    let back = Pane::start(
        "codepk2",
        100,
        30,
        &with_password(&server, "pakistan", &code),
    )
    .unwrap();
    back.wait_for_any(&["Brief", "Pakistan's hand"], 20);
}

/// A new ed25519 key pair in `dir` named `name`; returns the private key's path and the
/// public key's line.
fn key_pair(dir: &Path, name: &str) -> (PathBuf, String) {
    let path = dir.join(name);
    let made = Command::new("ssh-keygen")
        .args(["-q", "-t", "ed25519", "-N", "", "-C", name, "-f"])
        .arg(&path)
        .status()
        .expect("ssh-keygen runs");
    assert!(made.success());
    let public = std::fs::read_to_string(path.with_extension("pub")).unwrap();
    (path, public)
}

#[test]
fn a_key_that_took_a_seat_comes_back_without_the_code_and_another_key_is_asked() {
    if !ssh_available() || !pane::tool_available("ssh-keygen") {
        return;
    }
    let keys = tempfile::tempdir().unwrap();
    let (mine, my_public) = key_pair(keys.path(), "mine");
    let (theirs, their_public) = key_pair(keys.path(), "theirs");
    let authorized = keys.path().join("authorized_keys");
    std::fs::write(&authorized, format!("{my_public}{their_public}")).unwrap();
    let server = Server::claimed(&["--authorized-keys", authorized.to_str().unwrap()], 1);
    let with_key = |key: &Path| {
        format!(
            "-o IdentitiesOnly=yes -o PreferredAuthentications=publickey -i {}",
            key.display()
        )
    };
    // The first time, the key is not bound: the code is asked for.
    let Some(first) = Pane::start(
        "keyfirst",
        100,
        30,
        &server.ssh("pakistan", &with_key(&mine)),
    ) else {
        return;
    };
    first.wait_for("Join code for Pakistan at table 1", 20);
    type_text(&first, &server.code("pakistan"));
    first.keys(&["Enter"]);
    first.wait_for("Brief", 10);
    drop(first);
    // Another authorized key is asked for the code; the bound one comes straight back.
    let mut asked = false;
    for attempt in 0..20 {
        let other = Pane::start(
            &format!("keyother{attempt}"),
            100,
            30,
            &server.ssh("pakistan", &with_key(&theirs)),
        )
        .unwrap();
        let screen = other.wait_for_any(&["Join code for Pakistan", "is taken"], 20);
        if screen.contains("Join code for Pakistan") {
            asked = true;
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(300));
    }
    assert!(asked, "another key was never asked for the code");
    let back = Pane::start(
        "keyback",
        100,
        30,
        &server.ssh("pakistan", &with_key(&mine)),
    )
    .unwrap();
    let screen = back.wait_for_any(&["Brief", "Pakistan's hand", "Join code"], 20);
    assert!(!screen.contains("Join code"), "{screen}");
}

/// Closes the account of what happened since the seat's last turn, if it is over `pane`.
fn close_account(pane: &Pane) {
    if pane.screen().contains("since your last turn") {
        pane.keys(&["Escape"]);
        pane.wait_gone("since your last turn", 10);
    }
}

/// Makes the seat's move on `pane` (a pass, or a prompt's first option): a move for the
/// pen-holder, a proposal for a teammate.
fn move_or_propose(pane: &Pane) {
    close_account(pane);
    let screen = pane.screen();
    if screen.contains("p pass") || screen.contains("p propose a pass") {
        pane.keys(&["p"]);
    } else {
        pane.keys(&["Enter"]);
    }
}

#[test]
fn two_logins_share_pakistans_seat_one_proposes_and_the_pen_changes_hands() {
    if !ssh_available() {
        return;
    }
    let server = Server::claimed(&["--seat", "afghanistan=random", "--password", "room"], 1);
    let code = server.code("pakistan");
    // The first to sit holds the pen; a name after `+` is what the team sees.
    let Some(ana) = Pane::start(
        "team-ana",
        100,
        30,
        &with_password(&server, "pakistan+ana", &code),
    ) else {
        return;
    };
    ana.wait_for("Brief", 20);
    ana.keys(&["Enter"]);
    ana.wait_for("Pakistan's hand", 10);
    // Joining the delegation takes the seat's code, as sitting alone does.
    let intruder = Pane::start(
        "team-intruder",
        100,
        30,
        &with_password(&server, "pakistan", "room"),
    )
    .unwrap();
    let asked = intruder.wait_for("Join code for Pakistan at table 1", 20);
    assert!(!asked.contains("Pakistan's hand"), "{asked}");
    drop(intruder);
    // A second login with the code joins it: the seat's own private view.
    let second = Pane::start(
        "team-two",
        100,
        30,
        &with_password(&server, "pakistan", &code),
    )
    .unwrap();
    let screen = second.wait_for("ana holds the pen: you propose, they act", 20);
    assert!(screen.contains("Pakistan's hand"), "{screen}");
    ana.wait_for("You hold the pen · P hands it to delegate 2", 10);

    // One acts: the pen-holder's move is the seat's.
    ana.wait_for("YOUR MOVE", 30);
    let before = saved_actions(&server.saves(), 1);
    move_or_propose(&ana);
    assert!(wait_for_more_actions(&server.saves(), 1, before, 10));

    // The other proposes at the seat's next decision: no move is made, and the pen-holder
    // sees it.
    second.wait_for("YOUR TEAM'S MOVE", 60);
    let before = saved_actions(&server.saves(), 1);
    move_or_propose(&second);
    second.wait_for("Proposed to ana, who holds the pen", 10);
    ana.wait_for("T takes delegate 2's proposal", 10);
    settle(&second, "Quit Ceasefire?");
    assert_eq!(
        saved_actions(&server.saves(), 1),
        before,
        "a proposal is no move"
    );

    // The pen is handed over: the second login acts, the first only proposes.
    ana.keys(&["P"]);
    ana.wait_for("You handed the pen to delegate 2", 10);
    second.wait_for("✎ You hold the pen", 10);
    ana.wait_for("delegate 2 holds the pen", 10);
    move_or_propose(&ana);
    ana.wait_for("Proposed to delegate 2, who holds the pen", 10);
    settle(&ana, "Quit Ceasefire?");
    assert_eq!(
        saved_actions(&server.saves(), 1),
        before,
        "ana cannot act now"
    );
    second.wait_for("T takes ana's proposal", 10);
    second.keys(&["T"]);
    assert!(
        wait_for_more_actions(&server.saves(), 1, before, 10),
        "the new pen-holder took ana's proposal:\n{}",
        second.screen()
    );
}

/// A key that only scrolls the brief (or the help) is drawn over the client's last frame, not
/// the whole screen again: scrolled through to its end and back to the top, the client's
/// screen is what it was at first, colours included, and the table around the brief is never
/// lost.
#[test]
fn scrolling_the_brief_over_ssh_and_back_leaves_the_screen_as_it_was() {
    if !ssh_available() {
        return;
    }
    let server = Server::start(&[]);
    let Some(pk) = Pane::start("brief", 100, 30, &server.ssh("pakistan", "")) else {
        return;
    };
    pk.wait_for("Enter to begin", 20);
    let first = stable_frame(&pk);
    let top = pk.screen();
    for key in ["Down", "End", "Up"] {
        let before = pk.screen();
        pk.keys(&[key]);
        assert!(pk.wait_changed(&before, 10), "{key} scrolled the brief");
        // The table's edge beside the brief stays as it was.
        let now = pk.screen();
        let edge = |screen: &str| -> Vec<String> {
            screen
                .lines()
                .map(|l| l.chars().take(3).collect())
                .collect()
        };
        assert_eq!(edge(&now), edge(&top), "after {key}:\n{now}");
    }
    pk.keys(&["Home"]);
    wait_for_frame(&pk, &first, "back at the top of the brief");
    // The help over the brief is drawn the same way: to its Rules and back to its Keys.
    pk.keys(&["?"]);
    pk.wait_for("Keys/Rules", 10);
    let help = stable_frame(&pk);
    for key in ["Tab", "Down", "Tab"] {
        let before = pk.screen();
        pk.keys(&[key]);
        assert!(pk.wait_changed(&before, 10), "{key} moved the help");
    }
    wait_for_frame(&pk, &help, "back on the help's first tab");
}

/// The screen with its styles once it has not changed for half a second.
fn stable_frame(pane: &Pane) -> String {
    let mut frame = pane.screen_with_styles();
    loop {
        std::thread::sleep(Duration::from_millis(500));
        let now = pane.screen_with_styles();
        if now == frame {
            return frame;
        }
        frame = now;
    }
}

/// Waits up to ten seconds for the screen, styles included, to be `frame` again.
fn wait_for_frame(pane: &Pane, frame: &str, when: &str) {
    let deadline = Instant::now() + Duration::from_secs(10);
    while pane.screen_with_styles() != frame {
        assert!(
            Instant::now() < deadline,
            "{when}, the screen differs from the frame it showed before:\n{}",
            pane.screen()
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}
