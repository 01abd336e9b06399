//! What a message may hold: one line of text that cannot move a terminal. Control characters
//! (ESC and the rest) are shown as visible text (`^[`), never passed on; characters that
//! reorder or hide text, and those whose width terminals disagree on (joiners, variation
//! selectors), are shown as `<U+202E>` or dropped; line breaks and tabs become spaces; piled
//! up combining marks are cut; a message longer than [`MAX_CHARS`] is trimmed. Each change
//! that a person should know of comes with a word why.

/// The most characters a message holds; a longer one is trimmed, with a word why.
pub const MAX_CHARS: usize = 300;

/// The most combining marks (zero-width characters) kept after one character: more would
/// pile up on one cell.
const MAX_MARKS: usize = 2;

/// A message's text once cleaned, and what was changed in it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Cleaned {
    /// The text to send: one line, trimmed, safe to draw.
    pub text: String,
    /// Why the text differs from what was typed, in words (`control characters are shown as
    /// ^X and never sent`, `trimmed to 300 characters`); empty when nothing was changed
    /// that matters.
    pub notes: Vec<String>,
}

/// `text` made safe to show at a table (see the module doc), with what was changed.
pub fn clean(text: &str) -> Cleaned {
    let mut out = String::with_capacity(text.len().min(MAX_CHARS * 4));
    let mut notes = Vec::new();
    let mut note = |why: &str| {
        if !notes.iter().any(|n| n == why) {
            notes.push(why.to_string());
        }
    };
    let mut marks = 0;
    for c in text.chars() {
        match c {
            '\n' | '\r' | '\t' => {
                out.push(' ');
                marks = 0;
            }
            c if c.is_control() => {
                out.push_str(&caret(c));
                marks = 0;
                note("control characters are shown as ^X and never sent");
            }
            c if reorders(c) => {
                out.push_str(&format!("<U+{:04X}>", u32::from(c)));
                marks = 0;
                note("characters that reorder text are shown as <U+…>");
            }
            c if unsteady(c) => {}
            c if unicode_width::UnicodeWidthChar::width(c) == Some(0) => {
                marks += 1;
                if marks <= MAX_MARKS {
                    out.push(c);
                } else {
                    note("accents piled on one letter were cut");
                }
            }
            c => {
                out.push(c);
                marks = 0;
            }
        }
    }
    let trimmed = out.trim();
    let text = if trimmed.chars().count() > MAX_CHARS {
        note(&format!(
            "trimmed to {MAX_CHARS} characters, the most a message holds"
        ));
        let cut: String = trimmed.chars().take(MAX_CHARS).collect();
        cut.trim_end().to_string()
    } else {
        trimmed.to_string()
    };
    Cleaned { text, notes }
}

/// A control character as caret notation: ESC as `^[`, DEL as `^?`, a C1 control as
/// `<U+009B>`.
fn caret(c: char) -> String {
    match u32::from(c) {
        code @ 0..=0x1f => format!("^{}", char::from(b'@' + code as u8)),
        0x7f => "^?".to_string(),
        code => format!("<U+{code:04X}>"),
    }
}

/// Whether `c` reorders or hides the text around it: bidirectional embeddings, overrides and
/// isolates, and the byte-order mark.
fn reorders(c: char) -> bool {
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{feff}')
}

/// Whether `c` is dropped quietly: invisible characters whose effect on a line's width
/// terminals disagree on (zero-width spaces and joiners, direction marks, word joiners,
/// variation selectors), so a line always takes the columns it is measured to take.
fn unsteady(c: char) -> bool {
    matches!(
        c,
        '\u{200b}'..='\u{200f}' | '\u{2060}'..='\u{2064}' | '\u{fe00}'..='\u{fe0f}' | '\u{ad}'
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_width::UnicodeWidthStr;

    #[test]
    fn escape_sequences_are_shown_never_sent() {
        let cleaned = clean("\u{1b}[2J\u{1b}]0;owned\u{7} hi\u{9b}1m\u{7f}");
        assert_eq!(cleaned.text, "^[[2J^[]0;owned^G hi<U+009B>1m^?");
        assert!(!cleaned.text.chars().any(char::is_control));
        assert_eq!(cleaned.notes.len(), 1, "{:?}", cleaned.notes);
        assert!(cleaned.notes[0].contains("^X"));
    }

    #[test]
    fn one_line_trimmed_with_a_word_why() {
        assert_eq!(clean("  a\nb\tc\r\n ").text, "a b c");
        let long = "word ".repeat(2_000);
        let cleaned = clean(&long);
        assert!(cleaned.text.chars().count() <= MAX_CHARS);
        assert!(cleaned.notes[0].contains("trimmed to 300"));
        assert!(clean("fine").notes.is_empty());
    }

    #[test]
    fn the_width_drawn_is_the_width_measured() {
        let cleaned = clean("a\u{202e}b\u{200d}c\u{fe0f}e\u{301}\u{301}\u{301}\u{301}");
        assert_eq!(cleaned.text, "a<U+202E>bce\u{301}\u{301}");
        assert_eq!(cleaned.notes.len(), 2, "{:?}", cleaned.notes);
        assert_eq!(clean("漢字").text.width(), 4);
        // Cleaning what is clean changes nothing.
        assert_eq!(clean(&cleaned.text).text, cleaned.text);
    }
}
