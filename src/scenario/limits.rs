//! The limits a scenario is held to (docs/scenarios.md lists them), and the characters no
//! scenario text may hold: every text reaches players' terminals, where a control character
//! (ESC and the rest) could move the cursor, recolour or rewrite the screen.

use std::borrow::Cow;

/// The largest scenario file read: 1 MiB (the shipped ones are under 16 KiB).
pub const MAX_FILE_BYTES: u64 = 1024 * 1024;
/// The most `.toml` files a scenario folder may hold.
pub const MAX_FILES: usize = 64;
/// The most cards in one deck file (a seat's deck, or the shared one).
pub const MAX_CARDS_PER_DECK: usize = 200;
/// The most events in the events file (the deck and the inject list together).
pub const MAX_EVENTS: usize = 200;
/// The most events written on the spot during one game.
pub const MAX_SPOT_EVENTS: usize = 1_000;
/// The most secret objectives, all seats together.
pub const MAX_OBJECTIVES: usize = 100;
/// The most actors (`[[actors]]`) in a scenario.
pub const MAX_ACTORS: usize = 4;
/// The most items in any other list (hints, questions, red lines, options, …).
pub const MAX_LIST_ITEMS: usize = 1_000;
/// The longest id, title, name or label, in characters.
pub const MAX_NAME_CHARS: usize = 200;
/// The longest of any other text (a briefing, a brief, a card's text), in characters.
pub const MAX_TEXT_CHARS: usize = 10_000;

/// The most problems one validation reports; past it they are only counted (a file with
/// thousands of mistakes is answered at once, and its first ones are what to fix first).
pub const MAX_PROBLEMS_SHOWN: usize = 100;

/// The keys whose texts are short names ([`MAX_NAME_CHARS`]); every other text may be up to
/// [`MAX_TEXT_CHARS`].
pub const NAME_KEYS: [&str; 4] = ["id", "title", "name", "label"];

/// Whether a scenario text may not hold `c`: a control character other than a line break or
/// a tab, or a character that reorders text on screen (bidirectional overrides).
pub fn forbidden(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// `text` with every character [`forbidden`] in a scenario text (and a carriage return)
/// written as a visible escape (`\u{1b}`), so it can be printed to a terminal safely. Line
/// breaks and tabs are kept.
pub fn escape_controls(text: &str) -> Cow<'_, str> {
    if !text.chars().any(forbidden) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if forbidden(c) {
            out.push_str(&c.escape_unicode().to_string());
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// The name of a forbidden character, for a message (`U+001B (ESC)`).
pub fn describe(c: char) -> String {
    let name = match c {
        '\u{1b}' => " (ESC, which starts terminal escape sequences)",
        '\r' => " (carriage return)",
        '\0' => " (NUL)",
        '\u{7}' => " (BEL)",
        '\u{8}' => " (backspace)",
        '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => " (a bidirectional override)",
        _ => "",
    };
    format!("U+{:04X}{name}", u32::from(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_only_what_a_terminal_would_obey() {
        assert_eq!(escape_controls("a\tb\nc"), "a\tb\nc");
        assert_eq!(escape_controls("\u{1b}[2J!"), "\\u{1b}[2J!");
        assert_eq!(escape_controls("x\ry"), "x\\u{d}y");
        assert_eq!(describe('\u{1b}').get(..6), Some("U+001B"));
    }
}
