//! End-to-end tests of the real binary in a real terminal: tmux runs `ceasefire`, keys go in
//! with `send-keys`, the screen comes back with `capture-pane` (see `common/pane.rs`).

#[path = "common/pane.rs"]
mod pane;

use pane::Pane;
use std::path::Path;
use std::process::Command;

/// Closes the brief, passes Pakistan's turn and waits for the posture prompt. Under rules
/// version 2 the other delegation may offer a pledge first: Pakistan welcomes it.
fn to_the_posture_prompt(pane: &Pane) {
    pane.wait_for("Brief", 20);
    pane.keys(&["Enter"]);
    pane.wait_for("YOUR MOVE", 20);
    pane.keys(&["p"]);
    let screen = pane.wait_for_any(&["Public posture", "offered to you"], 20);
    if !screen.contains("Public posture") {
        pane.keys(&["Enter"]);
        pane.wait_for("Public posture", 20);
    }
}

fn binary() -> &'static str {
    env!("CARGO_BIN_EXE_ceasefire")
}

fn game_command(saves: &Path, rest: &str) -> String {
    format!(
        "echo $$ > {pid}; exec {bin} --saves {dir} {rest}",
        pid = saves.join("pid").display(),
        bin = binary(),
        dir = saves.display()
    )
}

fn pid(saves: &Path) -> String {
    std::fs::read_to_string(saves.join("pid"))
        .unwrap()
        .trim()
        .to_string()
}

const SOLO: &str = "play --scenario tutorial --seed 7 --seat afghanistan=random \
                    --seat mediator=random --speed instant";

#[test]
fn play_resize_and_quit_in_a_real_terminal() {
    let saves = tempfile::tempdir().unwrap();
    // `exec` would lose the exit status line; run the game as a child of the shell here.
    let command = format!("{} --saves {} {SOLO}", binary(), saves.path().display());
    let Some(pane) = Pane::start("play", 80, 24, &command) else {
        return;
    };
    to_the_posture_prompt(&pane);
    pane.keys(&["Down", "Enter"]);
    pane.wait_for("Round 2/4", 20);

    pane.resize(70, 20);
    let small = pane.wait_for("80x24", 10);
    assert!(small.contains("70x20"), "{small}");
    pane.resize(120, 40);
    pane.wait_for("Meters", 10);

    pane.keys(&["q"]);
    pane.wait_for("Quit Ceasefire?", 10);
    pane.keys(&["y"]);
    let after = pane.wait_for("EXIT=", 10);
    assert!(after.contains("EXIT=0"), "{after}");
    pane.assert_restored();
}

#[test]
fn nothing_of_the_game_is_left_on_the_screen_after_the_window_grew() {
    let saves = tempfile::tempdir().unwrap();
    let command = format!(
        "echo before; {} --saves {} {SOLO}",
        binary(),
        saves.path().display()
    );
    let Some(pane) = Pane::start("grew", 70, 20, &command) else {
        return;
    };
    pane.wait_for("80x24", 20);
    pane.resize(80, 24);
    pane.wait_for("Brief", 10);
    pane.keys(&["q"]);
    pane.wait_for("Quit Ceasefire?", 10);
    pane.keys(&["y"]);
    let after = pane.wait_for("EXIT=", 10);
    let left: Vec<&str> = after.lines().filter(|l| !l.trim().is_empty()).collect();
    assert_eq!(left, ["before", "EXIT=0"], "{after}");
    pane.assert_restored();
}

#[test]
fn an_all_bot_game_at_instant_speed_reaches_the_end_screen() {
    let saves = tempfile::tempdir().unwrap();
    let command = format!(
        "{} --saves {} play --scenario tutorial --seed 3 --seat pakistan=random \
         --seat afghanistan=easy --seat mediator=easy --speed instant",
        binary(),
        saves.path().display()
    );
    let Some(pane) = Pane::start("bots", 100, 30, &command) else {
        return;
    };
    // The game ends on its last table, then Enter shows the results.
    pane.wait_for("The talks are over", 60);
    pane.keys(&["Enter"]);
    // A capture can catch the debrief half drawn over the table, so wait for all of it.
    pane.wait_for_all(&["debrief", "Scores", "Objective"], 10);
    pane.keys(&["q", "y"]);
    assert!(pane.wait_for("EXIT=", 10).contains("EXIT=0"));
}

#[test]
fn sigterm_and_sighup_restore_the_terminal() {
    for (signal, status) in [("TERM", 143), ("HUP", 129)] {
        let saves = tempfile::tempdir().unwrap();
        let command = format!("sh -c '{}'", game_command(saves.path(), SOLO));
        let Some(pane) = Pane::start(&format!("sig{signal}"), 80, 24, &command) else {
            return;
        };
        pane.wait_for("Brief", 20);
        let killed = Command::new("kill")
            .args([&format!("-{signal}"), &pid(saves.path())])
            .status()
            .unwrap();
        assert!(killed.success());
        let after = pane.wait_for("EXIT=", 10);
        assert!(
            after.contains(&format!("EXIT={status}")),
            "{signal}: {after}"
        );
        assert!(
            !after.contains("Brief"),
            "{signal} left the game screen:\n{after}"
        );
        pane.assert_restored();
    }
}

#[test]
fn a_game_killed_with_sigkill_resumes_from_its_last_action() {
    let saves = tempfile::tempdir().unwrap();
    let command = format!("sh -c '{}'", game_command(saves.path(), SOLO));
    let Some(pane) = Pane::start("kill", 80, 24, &command) else {
        return;
    };
    to_the_posture_prompt(&pane);
    // Saves are written in the background: the kill comes once the pass is on disk and the
    // autosave has stopped changing, so that it holds every move up to the prompt on screen
    // (an answer to an offer made on the way may land a moment after the pass).
    assert!(
        saved_a_pakistani_pass(saves.path()),
        "the pass reached the autosave"
    );
    assert!(
        autosave_settled(saves.path()),
        "the autosave stopped changing while the game waits for Pakistan's posture"
    );
    let status = Command::new("kill")
        .args(["-KILL", &pid(saves.path())])
        .status()
        .unwrap();
    assert!(status.success());
    pane.wait_for("EXIT=137", 10);

    let file = std::fs::read_dir(saves.path())
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|e| e == "json"))
        .expect("an autosave");
    let killed: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    let killed_actions = killed["actions"].as_array().unwrap().clone();
    assert!(
        killed_actions
            .iter()
            .any(|a| a["type"] == "pass" && a["seat"] == "pakistan"),
        "the pass made before the kill was saved"
    );

    let resume = format!(
        "{} --saves {} load {} --speed instant",
        binary(),
        saves.path().display(),
        file.display()
    );
    let Some(pane) = Pane::start("resume", 80, 24, &resume) else {
        return;
    };
    // The game resumes at the decision the killed one was waiting for.
    pane.wait_for("Public posture", 20);
    pane.keys(&["Enter"]);
    pane.wait_for("Round 2/4", 20);
    pane.keys(&["q", "y"]);
    assert!(pane.wait_for("EXIT=", 10).contains("EXIT=0"));
    let resumed: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    let resumed_actions = resumed["actions"].as_array().unwrap();
    assert!(resumed_actions.len() >= killed_actions.len());
    assert_eq!(
        &resumed_actions[..killed_actions.len()],
        &killed_actions[..],
        "the resumed game continues the killed one"
    );
}

/// Whether the autosave in `dir` holds a pass by Pakistan, within ten seconds.
fn saved_a_pakistani_pass(dir: &Path) -> bool {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while std::time::Instant::now() < deadline {
        let passed = autosaves(dir)
            .iter()
            .filter_map(|text| serde_json::from_str::<serde_json::Value>(text).ok())
            .any(|save| {
                save["actions"].as_array().is_some_and(|actions| {
                    actions
                        .iter()
                        .any(|a| a["type"] == "pass" && a["seat"] == "pakistan")
                })
            });
        if passed {
            return true;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    false
}

/// The texts of the autosaves in `dir` now, sorted.
fn autosaves(dir: &Path) -> Vec<String> {
    let mut saves: Vec<String> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .collect();
    saves.sort();
    saves
}

/// Whether the autosaves in `dir` stay the same for half a second, within ten seconds.
fn autosave_settled(dir: &Path) -> bool {
    let read = || autosaves(dir);
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    let mut last = read();
    let mut since = std::time::Instant::now();
    while std::time::Instant::now() < deadline {
        std::thread::sleep(std::time::Duration::from_millis(50));
        let now = read();
        if now != last {
            last = now;
            since = std::time::Instant::now();
        } else if since.elapsed() >= std::time::Duration::from_millis(500) {
            return true;
        }
    }
    false
}

#[path = "common/steps.rs"]
mod reader;

/// The guided tutorial, from the title screen to its last step, in a real 80x24 terminal:
/// each move is read from the step banner on screen and made with only the keys it names.
#[test]
fn the_tutorial_is_completed_with_only_the_keys_its_steps_name() {
    let saves = tempfile::tempdir().unwrap();
    let command = format!("{} --saves {}", binary(), saves.path().display());
    let Some(pane) = Pane::start("tutorial", 80, 24, &command) else {
        return;
    };
    pane.wait_for("Tutorial (guided", 20);
    pane.keys(&["Down", "Enter"]);
    pane.wait_for("Which seat", 10);
    pane.keys(&["Enter"]);
    pane.wait_for("Step 1 of", 20);
    let settle = || std::thread::sleep(std::time::Duration::from_millis(300));
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(300);
    let mut last = 0;
    loop {
        assert!(
            std::time::Instant::now() < deadline,
            "stuck:\n{}",
            pane.screen()
        );
        let screen = pane.screen();
        if reader::complete(&screen) {
            break;
        }
        let Some((number, text)) = reader::banner(&screen) else {
            settle();
            continue;
        };
        assert!(number >= last, "the steps went back:\n{screen}");
        last = number;
        if !reader::my_move(&screen) {
            settle();
            continue;
        }
        let mut read = || pane.screen();
        let mut press = |key: &str| {
            pane.keys(&[key]);
            settle();
        };
        for key in reader::follow(&text, &mut read, &mut press) {
            let named = text.contains(key) || (key == "Down" && text.contains('↓'));
            assert!(named, "{key} is not named in step {number}: {text}");
        }
        settle();
    }
    assert_eq!(last, 11, "Pakistan's tutorial has eleven steps");
}

#[test]
fn the_account_of_the_others_moves_opens_at_the_next_turn_and_w_reopens_it() {
    let saves = tempfile::tempdir().unwrap();
    let command = format!("{} --saves {} {SOLO}", binary(), saves.path().display());
    let Some(pane) = Pane::start("recap", 80, 24, &command) else {
        return;
    };
    to_the_posture_prompt(&pane);
    pane.keys(&["Enter"]);
    let screen = pane.wait_for("Pakistan: since your last turn", 20);
    assert!(screen.contains("what moved them"), "{screen}");
    pane.keys(&["Escape"]);
    pane.wait_for("Enter play", 10);
    pane.keys(&["w"]);
    pane.wait_for("since your last turn", 10);
    pane.keys(&["w"]);
    pane.wait_for("Enter play", 10);
    pane.keys(&["q", "y"]);
    assert!(pane.wait_for("EXIT=", 10).contains("EXIT=0"));
}
