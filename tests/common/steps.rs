//! A newcomer who reads the tutorial's step banner and presses only the keys it names: the
//! same reader drives the snapshot tests (TestBackend) and the end-to-end test (tmux).
//!
//! It reads the banner's instruction clause by clause ("Tab to the table", "↑↓ to “X”",
//! "Enter twice", "press p") and turns each into key presses, watching the screen to know when
//! a named card or option is selected or the named panel has the keyboard. The key names
//! it sends are tmux's (`Enter`, `Tab`, `Down`, `p`); every one must appear in the banner.
#![allow(dead_code)]

/// The banner's line on `screen`, if a step is shown: (step number, instruction).
pub fn banner(screen: &str) -> Option<(usize, String)> {
    let line = screen
        .lines()
        .rev()
        .find(|l| l.contains("Step ") && l.contains(" ▸ "))?;
    let at = line.find("Step ")?;
    let rest = &line[at + 5..];
    let number = rest.split(' ').next()?.parse().ok()?;
    let text = rest.split_once(" ▸ ")?.1.trim().to_string();
    Some((number, text))
}

/// Whether the tutorial says it is complete.
pub fn complete(screen: &str) -> bool {
    screen.contains("Tutorial complete")
}

/// Whether the person may act now (their move, or their brief open).
pub fn my_move(screen: &str) -> bool {
    screen.contains("YOUR MOVE") || screen.contains("Enter to begin")
}

/// The lines of the screen other than the banner's.
fn body(screen: &str) -> impl Iterator<Item = &str> {
    screen
        .lines()
        .filter(|l| !l.trim_start().starts_with("Step "))
}

/// Whether the selected row (marked ▸) of a list or picker names `name`.
fn selected(screen: &str, name: &str) -> bool {
    let name = name.to_lowercase();
    body(screen).any(|l| l.contains('▸') && l.to_lowercase().contains(&name))
}

/// Follows one instruction: `screen` reads the screen now, `press` sends one key (and lets
/// the screen settle). Returns the keys pressed.
pub fn follow(
    text: &str,
    screen: &mut dyn FnMut() -> String,
    press: &mut dyn FnMut(&str),
) -> Vec<&'static str> {
    let mut pressed = Vec::new();
    let mut key = |k: &'static str, pressed: &mut Vec<&'static str>| {
        press(k);
        pressed.push(k);
    };
    let instruction = text.split_once(": ").map_or(text, |(_, rest)| rest);
    let start = banner(&screen());
    for clause in instruction.split(", ") {
        // Once the step is done, the rest of its words are for a moment gone by.
        if banner(&screen()) != start {
            break;
        }
        let quoted = clause
            .split_once('“')
            .and_then(|(_, rest)| rest.split_once('”'))
            .map(|(name, _)| name.to_string());
        let words: Vec<&str> = clause
            .split_whitespace()
            .map(|w| w.trim_matches(|c: char| c.is_ascii_punctuation()))
            .collect();
        if clause.starts_with("Tab") {
            // To the table (or "to it", the demand there); else to the hand.
            let table = clause.contains("table") || clause.contains("to it");
            let focused = if table { "┏ On the table" } else { "s hand" };
            for _ in 0..3 {
                let now = screen();
                let thick = now.lines().any(|l| l.contains(focused) && l.contains('┏'));
                if thick {
                    break;
                }
                key("Tab", &mut pressed);
            }
        }
        if let Some(name) = &quoted
            && (clause.contains('↓') || clause.contains("on “"))
        {
            for _ in 0..12 {
                if selected(&screen(), name) {
                    break;
                }
                key("Down", &mut pressed);
            }
            assert!(
                selected(&screen(), name),
                "“{name}” never selected:\n{}",
                screen()
            );
        }
        // "Enter on prompts" is for a prompt; passing is for the table.
        let prompt_open = screen().contains("Enter choose");
        if clause.contains("on prompts") {
            if prompt_open {
                key("Enter", &mut pressed);
            }
            continue;
        }
        if words.contains(&"p") && prompt_open {
            continue;
        }
        if clause.contains("Enter twice") {
            key("Enter", &mut pressed);
            key("Enter", &mut pressed);
        } else if clause.contains("Enter") {
            key("Enter", &mut pressed);
        }
        if words.contains(&"p") {
            key("p", &mut pressed);
        }
    }
    pressed
}

#[test]
fn the_banner_is_read_from_the_screen() {
    let screen = " Enter play  p pass\n Step 3 of 11 ▸ End your turn: press p. Next\n";
    assert_eq!(
        banner(screen),
        Some((3, "End your turn: press p. Next".to_string()))
    );
}
