//! A program running in a real terminal: a tmux server of its own with one window, driven
//! with `send-keys` and read with `capture-pane`.
//!
//! Without tmux the tests that use it skip with a note, unless `CEASEFIRE_REQUIRE_TMUX` is set
//! (CI sets it, and installs tmux), in which case a missing tmux fails them.
#![allow(dead_code)]

use std::process::Command;
use std::time::{Duration, Instant};

/// One tmux server (its own socket) running one window.
pub struct Pane {
    socket: String,
}

/// Whether tmux can be used; fails when it is required but missing.
pub fn tmux_available(test: &str) -> bool {
    if Command::new("tmux").arg("-V").output().is_ok() {
        return true;
    }
    assert!(
        std::env::var_os("CEASEFIRE_REQUIRE_TMUX").is_none(),
        "tmux is required but not installed"
    );
    eprintln!("tmux not installed: skipping {test}");
    false
}

impl Pane {
    /// Runs `command` in a `width`×`height` window; after it ends the pane prints `EXIT=<status>`.
    pub fn start(name: &str, width: u16, height: u16, command: &str) -> Option<Pane> {
        if !tmux_available(name) {
            return None;
        }
        let socket = format!("ceasefire-{}-{name}", std::process::id());
        // A killed program leaves the terminal raw (no carriage return on newline), so the
        // status starts its own line explicitly.
        let wrapped = format!("{command}; printf \"\\r\\nEXIT=%s\\r\\n\" $?; sleep 120");
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

    /// Waits until the screen no longer shows `text`.
    pub fn wait_gone(&self, text: &str, seconds: u64) -> String {
        self.wait_until(&format!("no {text}"), seconds, |screen| {
            !screen.contains(text)
        })
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
