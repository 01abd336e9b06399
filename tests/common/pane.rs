//! A program running in a real terminal: a tmux server of its own with one window, driven
//! with `send-keys` and read with `capture-pane`.
//!
//! Without tmux (or, for the SSH tests, the OpenSSH client) a test says
//! `SKIP <test>: tmux not installed` and passes, on a developer's machine; where the tools are
//! required, under CI (`CI=true`) or with `CEASEFIRE_REQUIRE_TMUX` set, a missing tool fails it.
#![allow(dead_code)]

use std::io::Write;
use std::process::Command;
use std::time::{Duration, Instant};

/// One tmux server (its own socket) running one window.
pub struct Pane {
    socket: String,
}

/// Whether an environment variable's value means "yes" (`1`, `true`, `yes`…): anything but
/// empty, `0`, `false`, `no` or `off`, in any case.
pub fn truthy(value: &str) -> bool {
    !matches!(
        value.trim().to_ascii_lowercase().as_str(),
        "" | "0" | "false" | "no" | "off"
    )
}

/// Why a missing tool must fail the test rather than skip it, if it must.
fn tools_required() -> Option<&'static str> {
    let set = |name: &str| std::env::var(name).is_ok_and(|v| truthy(&v));
    if set("CEASEFIRE_REQUIRE_TMUX") {
        Some("CEASEFIRE_REQUIRE_TMUX is set")
    } else if set("CI") {
        Some("CI is set")
    } else {
        None
    }
}

/// Whether the command-line `tool` (run as `tool -V`) is installed. When it is not: fails
/// the running test where the tools are required (see [`tools_required`]); otherwise says
/// `SKIP <test>: <tool> not installed` and returns false. The line goes straight to the
/// process's stderr, past the test harness's capture, so it shows in `cargo test`'s output.
pub fn tool_available(tool: &str) -> bool {
    if Command::new(tool).arg("-V").output().is_ok() {
        return true;
    }
    // The harness names each test's thread after the test.
    let current = std::thread::current();
    let test = current.name().unwrap_or("a test");
    if let Some(why) = tools_required() {
        panic!("{test}: {tool} is required ({why}) but not installed");
    }
    let _ = writeln!(std::io::stderr(), "SKIP {test}: {tool} not installed");
    false
}

/// Whether tmux can be used; see [`tool_available`].
pub fn tmux_available() -> bool {
    tool_available("tmux")
}

#[test]
fn only_no_like_values_are_false() {
    for yes in ["true", "1", "TRUE", "yes", " on "] {
        assert!(truthy(yes), "{yes:?}");
    }
    for no in ["", "0", "false", "False", "no", "off"] {
        assert!(!truthy(no), "{no:?}");
    }
}

impl Pane {
    /// Runs `command` in a `width`×`height` window; after it ends the pane prints `EXIT=<status>`.
    pub fn start(name: &str, width: u16, height: u16, command: &str) -> Option<Pane> {
        if !tmux_available() {
            return None;
        }
        let socket = format!("ceasefire-{}-{name}", std::process::id());
        // A killed program leaves the terminal raw (no carriage return on newline), so the
        // status starts its own line explicitly.
        // The tester's own key config must not change what the game shows.
        let wrapped = format!(
            "export XDG_CONFIG_HOME=/nonexistent/ceasefire-test-config; {command}; printf \"\\r\\nEXIT=%s\\r\\n\" $?; sleep 120"
        );
        let status = Command::new("tmux")
            .args([
                "-L",
                &socket,
                "-f",
                "/dev/null",
                "new-session",
                "-d",
                "-s",
                "game",
            ])
            .args(["-x", &width.to_string(), "-y", &height.to_string()])
            .arg(wrapped)
            .status()
            .expect("tmux starts");
        assert!(status.success());
        Some(Pane { socket })
    }

    fn tmux(&self, args: &[&str]) -> String {
        let out = Command::new("tmux")
            .args(["-L", &self.socket])
            .args(args)
            .output()
            .expect("tmux runs");
        String::from_utf8_lossy(&out.stdout).to_string()
    }

    /// The screen's text now.
    pub fn screen(&self) -> String {
        self.tmux(&["capture-pane", "-p", "-t", "game"])
    }

    /// The screen's text now, with its colours and attributes as escape sequences.
    pub fn screen_with_styles(&self) -> String {
        self.tmux(&["capture-pane", "-p", "-e", "-t", "game"])
    }

    /// Types keys (tmux key names: `Enter`, `Down`, `q`).
    pub fn keys(&self, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", "game"];
        args.extend_from_slice(keys);
        self.tmux(&args);
    }

    /// Asserts the program left the terminal as it found it: main screen, cursor shown, no
    /// mouse reporting.
    pub fn assert_restored(&self) {
        let flags = self.tmux(&[
            "display-message",
            "-p",
            "-t",
            "game",
            "#{alternate_on} #{cursor_flag} #{mouse_any_flag} #{mouse_button_flag}",
        ]);
        assert_eq!(flags.trim(), "0 1 0 0", "alternate, cursor, mouse flags");
    }

    /// Resizes the window, as a person dragging its corner.
    pub fn resize(&self, width: u16, height: u16) {
        self.tmux(&[
            "resize-window",
            "-t",
            "game",
            "-x",
            &width.to_string(),
            "-y",
            &height.to_string(),
        ]);
    }

    /// Waits until the screen shows `text`; fails with the screen when it never does.
    pub fn wait_for(&self, text: &str, seconds: u64) -> String {
        self.wait_until(text, seconds, |screen| screen.contains(text))
    }

    /// Waits until the screen shows every one of `texts` at once, so a capture taken in the
    /// middle of a redraw (the new screen's title over the old screen's body) does not count.
    pub fn wait_for_all(&self, texts: &[&str], seconds: u64) -> String {
        self.wait_until(&texts.join(" + "), seconds, |screen| {
            texts.iter().all(|text| screen.contains(text))
        })
    }

    /// Waits until the screen shows one of `texts`; fails with the screen when none comes.
    pub fn wait_for_any(&self, texts: &[&str], seconds: u64) -> String {
        self.wait_until(&texts.join(" or "), seconds, |screen| {
            texts.iter().any(|text| screen.contains(text))
        })
    }

    /// Waits until the screen no longer shows `text`.
    pub fn wait_gone(&self, text: &str, seconds: u64) -> String {
        self.wait_until(&format!("no {text}"), seconds, |screen| {
            !screen.contains(text)
        })
    }

    /// Waits up to `seconds` for the screen to differ from `before`; whether it did. For
    /// loops that must not act twice on one screen, where an unchanged screen is no failure.
    pub fn wait_changed(&self, before: &str, seconds: u64) -> bool {
        let deadline = Instant::now() + Duration::from_secs(seconds);
        while Instant::now() < deadline {
            if self.screen() != before {
                return true;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        false
    }

    fn wait_until(&self, what: &str, seconds: u64, done: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + Duration::from_secs(seconds);
        loop {
            let screen = self.screen();
            if done(&screen) {
                return screen;
            }
            assert!(
                Instant::now() < deadline,
                "never saw {what:?}; the screen:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

impl Drop for Pane {
    fn drop(&mut self) {
        self.tmux(&["kill-server"]);
    }
}
