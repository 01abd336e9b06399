//! A line of text being typed (a reflection answer, a message), with a cursor the arrow
//! keys move and a most it may hold.

use crate::tui::theme::Theme;
use ratatui::crossterm::event::KeyCode;
use ratatui::prelude::*;

/// The most characters an answer may hold.
pub const MAX_CHARS: usize = 600;

/// Text being typed and where the cursor stands in it (counted in characters).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Draft {
    text: String,
    cursor: usize,
    /// The most characters it takes.
    limit: usize,
    /// A character was turned away because the draft was full.
    overflowed: bool,
}

impl Default for Draft {
    /// An empty draft of at most [`MAX_CHARS`].
    fn default() -> Draft {
        Draft::with_limit(MAX_CHARS)
    }
}

impl Draft {
    /// An empty draft that takes at most `limit` characters.
    pub fn with_limit(limit: usize) -> Draft {
        Draft {
            text: String::new(),
            cursor: 0,
            limit,
            overflowed: false,
        }
    }

    /// Where the cursor stands, in characters from the start.
    pub fn cursor(&self) -> usize {
        self.cursor
    }

    /// The most characters it takes.
    pub fn limit(&self) -> usize {
        self.limit
    }

    /// Whether a character typed was turned away since the draft was last edited otherwise
    /// (it was full): the screen says why.
    pub fn overflowed(&self) -> bool {
        self.overflowed
    }

    /// The text so far.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Takes the text out, leaving the draft empty.
    pub fn take(&mut self) -> String {
        self.cursor = 0;
        self.overflowed = false;
        std::mem::take(&mut self.text)
    }

    /// Edits the text for one key: characters go in at the cursor, Backspace and Delete
    /// remove around it, arrows, Home and End move it. Other keys change nothing.
    pub fn key(&mut self, code: KeyCode) {
        let len = self.text.chars().count();
        self.overflowed = matches!(code, KeyCode::Char(_)) && len >= self.limit;
        match code {
            KeyCode::Char(c) if len < self.limit => {
                let at = self.byte(self.cursor);
                self.text.insert(at, c);
                self.cursor += 1;
            }
            KeyCode::Backspace if self.cursor > 0 => {
                self.cursor -= 1;
                let at = self.byte(self.cursor);
                self.text.remove(at);
            }
            KeyCode::Delete if self.cursor < len => {
                let at = self.byte(self.cursor);
                self.text.remove(at);
            }
            KeyCode::Left => self.cursor = self.cursor.saturating_sub(1),
            KeyCode::Right => self.cursor = (self.cursor + 1).min(len),
            KeyCode::Home => self.cursor = 0,
            KeyCode::End => self.cursor = len,
            _ => {}
        }
    }

    /// The text with the cursor drawn where it stands.
    pub fn spans(&self, theme: Theme) -> Vec<Span<'static>> {
        let at = self.byte(self.cursor);
        vec![
            Span::raw(self.text[..at].to_string()),
            Span::styled("▏", theme.key()),
            Span::raw(self.text[at..].to_string()),
        ]
    }

    /// The byte offset of character `index`.
    fn byte(&self, index: usize) -> usize {
        self.text
            .char_indices()
            .nth(index)
            .map_or(self.text.len(), |(i, _)| i)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed(keys: &[KeyCode]) -> Draft {
        let mut draft = Draft::default();
        for &key in keys {
            draft.key(key);
        }
        draft
    }

    #[test]
    fn typing_goes_in_at_the_cursor() {
        use KeyCode::*;
        let draft = typed(&[Char('a'), Char('c'), Left, Char('b'), End, Char('d')]);
        assert_eq!(draft.text(), "abcd");
        let draft = typed(&[Char('é'), Char('x'), Home, Delete, Right, Backspace]);
        assert_eq!(draft.text(), "");
        let draft = typed(&[Char('ü'), Char('b'), Left, Backspace, Char('a')]);
        assert_eq!(draft.text(), "ab");
    }

    #[test]
    fn the_answer_has_a_limit_and_take_empties_it() {
        let mut draft = typed(&vec![KeyCode::Char('x'); MAX_CHARS + 5]);
        assert_eq!(draft.text().len(), MAX_CHARS);
        assert!(draft.overflowed());
        assert_eq!(draft.take().len(), MAX_CHARS);
        assert_eq!(draft, Draft::default());
        let mut short = Draft::with_limit(2);
        for c in "abc".chars() {
            short.key(KeyCode::Char(c));
        }
        assert_eq!((short.text(), short.overflowed()), ("ab", true));
        short.key(KeyCode::Backspace);
        assert!(!short.overflowed());
    }
}
