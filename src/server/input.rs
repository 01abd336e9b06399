//! Bytes from an SSH channel → the key and mouse events the terminal UI understands. The
//! escape sequences are decoded by termwiz's parser (they may arrive split across packets);
//! this module only maps its events onto crossterm's.

use ratatui::crossterm::event::{
    Event, KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};
use termwiz::input::{InputEvent, InputParser, Modifiers, MouseButtons};

/// Bytes the parser may hold without producing an event (an unfinished escape sequence or a
/// bracketed paste that never ends) before they are thrown away: the game reads keys, not
/// pastes.
pub const MAX_PENDING_INPUT: usize = 16 * 1024;

/// Decodes one connection's input stream.
pub struct Input {
    parser: InputParser,
    buttons: MouseButtons,
    /// Bytes fed since the last event came out.
    pending: usize,
    /// The start of a control sequence that the last packet cut off.
    carry: Vec<u8>,
}

impl Default for Input {
    fn default() -> Self {
        Input {
            parser: InputParser::new(),
            buttons: MouseButtons::NONE,
            pending: 0,
            carry: Vec::new(),
        }
    }
}

impl Input {
    /// The events in `bytes`. A lone ESC is a key press (nothing else can follow it in the
    /// same packet), so it is reported at once rather than held for a sequence. Input that
    /// has produced no event over [`MAX_PENDING_INPUT`] bytes is dropped.
    pub fn feed(&mut self, bytes: &[u8]) -> Vec<Event> {
        let mut raw = Vec::new();
        if bytes == b"\x1b" && self.carry.is_empty() {
            self.parser.parse(bytes, |e| raw.push(e), true);
            self.parser.parse(&[], |e| raw.push(e), false);
        } else {
            // A control sequence cut off at the packet's end waits for the rest: the parser
            // would read a mouse report cut in two as keys.
            let mut joined = std::mem::take(&mut self.carry);
            joined.extend_from_slice(bytes);
            let cut = unfinished_sequence_start(&joined);
            self.carry = joined.split_off(cut);
            self.parser.parse(&joined, |e| raw.push(e), true);
            if self.carry.is_empty() {
                // Nothing is cut off, so what the parser still holds is a sequence it does
                // not know (`ESC [ 2 J` typed into a message): it is read as the keys it is
                // made of, rather than holding back every key after it.
                self.parser.parse(&[], |e| raw.push(e), false);
            }
        }
        if raw.is_empty() {
            self.pending = self.pending.saturating_add(bytes.len());
            if self.pending > MAX_PENDING_INPUT {
                tracing::info!(bytes = self.pending, "unfinished input dropped");
                self.parser = InputParser::new();
                self.pending = 0;
            }
        } else {
            self.pending = 0;
        }
        raw.into_iter().filter_map(|e| self.convert(e)).collect()
    }

    /// Bytes taken since the last event, which the parser may still be holding.
    pub fn pending(&self) -> usize {
        self.pending
    }

    fn convert(&mut self, event: InputEvent) -> Option<Event> {
        match event {
            InputEvent::Key(key) => key_event(key).map(Event::Key),
            InputEvent::Mouse(mouse) => {
                let before = std::mem::replace(&mut self.buttons, mouse.mouse_buttons.clone());
                let kind = if mouse.mouse_buttons.contains(MouseButtons::VERT_WHEEL) {
                    if mouse.mouse_buttons.contains(MouseButtons::WHEEL_POSITIVE) {
                        MouseEventKind::ScrollUp
                    } else {
                        MouseEventKind::ScrollDown
                    }
                } else if mouse.mouse_buttons.contains(MouseButtons::LEFT)
                    && !before.contains(MouseButtons::LEFT)
                {
                    MouseEventKind::Down(MouseButton::Left)
                } else {
                    return None;
                };
                Some(Event::Mouse(MouseEvent {
                    kind,
                    column: mouse.x.saturating_sub(1),
                    row: mouse.y.saturating_sub(1),
                    modifiers: KeyModifiers::NONE,
                }))
            }
            _ => None,
        }
    }
}

/// The longest control sequence held back for the rest of it to arrive.
const LONGEST_SEQUENCE: usize = 64;

/// Where an unfinished control sequence (`ESC [` and parameters, no final byte yet) at the
/// end of `bytes` starts, or `bytes.len()` when there is none (or it is too long to be one).
fn unfinished_sequence_start(bytes: &[u8]) -> usize {
    let Some(escape) = bytes.iter().rposition(|&b| b == 0x1b) else {
        return bytes.len();
    };
    let tail = &bytes[escape..];
    let unfinished = match tail {
        [_] | [_, b'O'] => true,
        [_, b'[', rest @ ..] => rest.iter().all(|b| (0x20..=0x3f).contains(b)),
        _ => false,
    };
    if unfinished && tail.len() <= LONGEST_SEQUENCE && escape > 0 {
        escape
    } else if unfinished && tail.len() <= LONGEST_SEQUENCE && tail.len() > 1 {
        0
    } else {
        bytes.len()
    }
}

fn key_event(key: termwiz::input::KeyEvent) -> Option<KeyEvent> {
    use termwiz::input::KeyCode as T;
    let mut modifiers = KeyModifiers::NONE;
    if key.modifiers.contains(Modifiers::CTRL) {
        modifiers |= KeyModifiers::CONTROL;
    }
    if key.modifiers.contains(Modifiers::ALT) {
        modifiers |= KeyModifiers::ALT;
    }
    let shift = key.modifiers.contains(Modifiers::SHIFT);
    let code = match key.key {
        T::Char('\r') | T::Char('\n') | T::Enter => KeyCode::Enter,
        T::Char('\t') if shift => KeyCode::BackTab,
        T::Char('\t') | T::Tab if !shift => KeyCode::Tab,
        T::Tab => KeyCode::BackTab,
        T::Char('\u{7f}') | T::Char('\u{8}') | T::Backspace => KeyCode::Backspace,
        T::Char('\u{1b}') | T::Escape => KeyCode::Esc,
        T::Char(c) if c.is_control() => {
            let letter = (c as u8).checked_add(b'a' - 1).map(char::from)?;
            modifiers |= KeyModifiers::CONTROL;
            KeyCode::Char(letter)
        }
        T::Char(c) => KeyCode::Char(c),
        T::UpArrow | T::ApplicationUpArrow => KeyCode::Up,
        T::DownArrow | T::ApplicationDownArrow => KeyCode::Down,
        T::LeftArrow | T::ApplicationLeftArrow => KeyCode::Left,
        T::RightArrow | T::ApplicationRightArrow => KeyCode::Right,
        T::PageUp => KeyCode::PageUp,
        T::PageDown => KeyCode::PageDown,
        T::Home => KeyCode::Home,
        T::End => KeyCode::End,
        T::Function(n) => KeyCode::F(n),
        T::Delete => KeyCode::Delete,
        _ => return None,
    };
    Some(KeyEvent::new(code, modifiers))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(input: &mut Input, bytes: &[u8]) -> Vec<KeyEvent> {
        input
            .feed(bytes)
            .into_iter()
            .filter_map(|e| match e {
                Event::Key(k) => Some(k),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn enter_ctrl_c_letters_and_escape() {
        let mut input = Input::default();
        assert_eq!(keys(&mut input, b"\r")[0].code, KeyCode::Enter);
        let ctrl_c = keys(&mut input, b"\x03")[0];
        assert_eq!(ctrl_c.code, KeyCode::Char('c'));
        assert!(ctrl_c.modifiers.contains(KeyModifiers::CONTROL));
        assert_eq!(keys(&mut input, b"q")[0].code, KeyCode::Char('q'));
        assert_eq!(keys(&mut input, b"\x1b")[0].code, KeyCode::Esc);
    }

    #[test]
    fn an_arrow_split_across_packets_is_one_key() {
        let mut input = Input::default();
        let mut got = keys(&mut input, b"\x1b[");
        got.extend(keys(&mut input, b"A"));
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(got[0].code, KeyCode::Up);
    }

    #[test]
    fn an_unknown_sequence_is_read_as_its_keys_and_holds_nothing_back() {
        let mut input = Input::default();
        let got = keys(&mut input, b"\x1b[2J\x1b[31mred");
        let typed: String = got
            .iter()
            .filter_map(|k| match k.code {
                KeyCode::Char(c) => Some(c),
                _ => None,
            })
            .collect();
        assert!(typed.ends_with("red"), "{got:?}");
        assert_eq!(input.pending(), 0);
        assert_eq!(keys(&mut input, b"q")[0].code, KeyCode::Char('q'));
        // An SS3 key cut after its `ESC O` still comes whole.
        let mut got = keys(&mut input, b"x\x1bO");
        got.extend(keys(&mut input, b"P"));
        assert_eq!(got.last().map(|k| k.code), Some(KeyCode::F(1)), "{got:?}");
    }

    #[test]
    fn an_unterminated_paste_is_dropped_not_kept_and_keys_work_after_it() {
        let mut input = Input::default();
        assert!(input.feed(b"\x1b[200~").is_empty());
        let chunk = vec![b'a'; 32 * 1024];
        for _ in 0..64 {
            input.feed(&chunk);
            assert!(input.pending() <= MAX_PENDING_INPUT + chunk.len());
        }
        assert!(input.pending() <= MAX_PENDING_INPUT);
        let got = keys(&mut input, b"q");
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(got[0].code, KeyCode::Char('q'));
    }

    #[test]
    fn a_left_click_is_reported_once_at_zero_based_cells() {
        let mut input = Input::default();
        let events = input.feed(b"\x1b[<0;10;5M\x1b[<0;10;5m");
        let clicks: Vec<_> = events
            .iter()
            .filter_map(|e| match e {
                Event::Mouse(m) => Some(m),
                _ => None,
            })
            .collect();
        assert_eq!(clicks.len(), 1, "{events:?}");
        assert_eq!((clicks[0].column, clicks[0].row), (9, 4));
    }
}
