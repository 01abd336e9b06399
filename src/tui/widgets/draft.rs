//! A line of text being typed (a reflection answer), with a cursor the arrow keys move.

use crate::tui::theme::Theme;
use ratatui::crossterm::event::KeyCode;
use ratatui::prelude::*;

/// The most characters an answer may hold.
pub const MAX_CHARS: usize = 600;

/// Text being typed and where the cursor stands in it (counted in characters).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Draft {
    text: String,
    cursor: usize,
}

impl Draft {
    /// The text so far.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Takes the text out, leaving the draft empty.
    pub fn take(&mut self) -> String {
        self.cursor = 0;
        std::mem::take(&mut self.text)
    }

    /// Edits the text for one key: characters go in at the cursor, Backspace and Delete
    /// remove around it, arrows, Home and End move it. Other keys change nothing.
    pub fn key(&mut self, code: KeyCode) {
        let len = self.text.chars().count();
        match code {
            KeyCode::Char(c) if len < MAX_CHARS => {
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
        assert_eq!(draft.take().len(), MAX_CHARS);
        assert_eq!(draft, Draft::default());
    }
}
