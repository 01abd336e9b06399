//! Bytes from an SSH channel → the key and mouse events the terminal UI understands. The
//! escape sequences are decoded by termwiz's parser (they may arrive split across packets);
//! this module only maps its events onto crossterm's.
//!
//! termwiz's parser carries a table of every escape sequence it knows, about 700 KB, which
//! would be most of what a connection costs. So a connection owns none while its input is at
//! rest: each worker thread keeps one spare, lends it for a packet, and takes it back when the
//! packet has left nothing in it. Only a connection whose input stopped in the middle of
//! something (a sequence cut off, a paste not yet ended, bytes that are not text) keeps a
//! parser of its own until it is done.

use ratatui::crossterm::event::{
    Event, KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};
use std::cell::RefCell;
use termwiz::input::{InputEvent, InputParser, Modifiers, MouseButtons};

/// Bytes the parser may hold without producing an event (an unfinished escape sequence or a
/// bracketed paste that never ends) before they are thrown away: the game reads keys, not
/// pastes.
pub const MAX_PENDING_INPUT: usize = 16 * 1024;

thread_local! {
    /// This thread's parser at rest, lent to whichever connection's packet it decodes.
    static SPARE: RefCell<Option<InputParser>> = const { RefCell::new(None) };
}

/// Decodes one connection's input stream.
#[derive(Default)]
pub struct Input {
    /// A parser holding the unfinished input of this connection; `None` while at rest.
    parser: Option<InputParser>,
    buttons: MouseButtons,
    /// Bytes fed since the last event came out.
    pending: usize,
    /// The start of a control sequence (or of a character) that the last packet cut off.
    carry: Vec<u8>,
}

/// Whether `parser` holds nothing: a clean parser reads `x` as the key `x`, and is clean
/// after it; one holding bytes (a paste, an ESC, bytes that are not text) reads it otherwise.
fn at_rest(parser: &mut InputParser) -> bool {
    let mut events = Vec::new();
    parser.parse(b"x", |e| events.push(e), false);
    matches!(
        events.as_slice(),
        [InputEvent::Key(termwiz::input::KeyEvent {
            key: termwiz::input::KeyCode::Char('x'),
            modifiers: Modifiers::NONE,
        })]
    )
}

impl Input {
    /// The events in `bytes`. A lone ESC is a key press (nothing else can follow it in the
    /// same packet), so it is reported at once rather than held for a sequence. Input that
    /// has produced no event over [`MAX_PENDING_INPUT`] bytes is dropped.
    pub fn feed(&mut self, bytes: &[u8]) -> Vec<Event> {
        let mut parser = self
            .parser
            .take()
            .or_else(|| SPARE.with(|spare| spare.borrow_mut().take()))
            .unwrap_or_default();
        let mut raw = Vec::new();
        if bytes == b"\x1b" && self.carry.is_empty() {
            parser.parse(bytes, |e| raw.push(e), true);
            parser.parse(&[], |e| raw.push(e), false);
        } else {
            // A control sequence cut off at the packet's end waits for the rest: the parser
            // would read a mouse report cut in two as keys.
            let mut joined = std::mem::take(&mut self.carry);
            joined.extend_from_slice(bytes);
            let cut = unfinished_sequence_start(&joined);
            self.carry = joined.split_off(cut);
            parser.parse(&joined, |e| raw.push(e), true);
            if self.carry.is_empty() {
                // Nothing is cut off, so what the parser still holds is a sequence it does
                // not know (`ESC [ 2 J` typed into a message): it is read as the keys it is
                // made of, rather than holding back every key after it.
                parser.parse(&[], |e| raw.push(e), false);
            }
        }
        if raw.is_empty() {
            self.pending = self.pending.saturating_add(bytes.len());
            if self.pending > MAX_PENDING_INPUT {
                tracing::info!(bytes = self.pending, "unfinished input dropped");
                // What it held goes with it; the next packet starts from a clean parser.
                parser = InputParser::new();
                self.pending = 0;
            }
        } else {
            self.pending = 0;
        }
        if self.carry.is_empty() && at_rest(&mut parser) {
            SPARE.with(|spare| {
                spare.borrow_mut().get_or_insert(parser);
            });
        } else {
            self.parser = Some(parser);
        }
        raw.into_iter().filter_map(|e| self.convert(e)).collect()
    }

    /// Whether this connection holds a parser of its own (its input stopped in the middle of
    /// something); at rest it borrows its thread's.
    pub fn holds_parser(&self) -> bool {
        self.parser.is_some()
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

/// Where an unfinished control sequence (`ESC [` and parameters, no final byte yet) or an
/// unfinished UTF-8 character at the end of `bytes` starts, or `bytes.len()` when there is
/// none (or it is too long to be one).
fn unfinished_sequence_start(bytes: &[u8]) -> usize {
    let Some(escape) = bytes.iter().rposition(|&b| b == 0x1b) else {
        return unfinished_char_start(bytes);
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
    } else if unfinished {
        bytes.len()
    } else {
        unfinished_char_start(bytes)
    }
}

/// Where a UTF-8 character cut off at the end of `bytes` starts (its first bytes came, not
/// the rest), or `bytes.len()`.
fn unfinished_char_start(bytes: &[u8]) -> usize {
    let from = bytes.len().saturating_sub(3);
    for at in (from..bytes.len()).rev() {
        let length = match bytes[at] {
            0xc2..=0xdf => 2,
            0xe0..=0xef => 3,
            0xf0..=0xf4 => 4,
            0x80..=0xbf => continue,
            _ => return bytes.len(),
        };
        return if bytes.len() - at < length {
            at
        } else {
            bytes.len()
        };
    }
    bytes.len()
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
    fn a_connection_at_rest_holds_no_parser_of_its_own() {
        let mut input = Input::default();
        assert_eq!(keys(&mut input, b"q")[0].code, KeyCode::Char('q'));
        assert!(!input.holds_parser());
        keys(&mut input, b"x\x1b[");
        assert!(input.holds_parser(), "a sequence cut off is kept");
        assert_eq!(keys(&mut input, b"B")[0].code, KeyCode::Down);
        assert!(!input.holds_parser());
        assert!(input.feed(b"\x1b[200~pasted q").is_empty());
        assert!(input.holds_parser(), "a paste not yet ended is kept");
        assert!(input.feed(b" still pasted\x1b[201~").is_empty());
        assert_eq!(keys(&mut input, b"j")[0].code, KeyCode::Char('j'));
        assert!(!input.holds_parser());
    }

    #[test]
    fn one_connections_paste_never_swallows_anothers_keys() {
        let (mut pasting, mut other) = (Input::default(), Input::default());
        assert!(pasting.feed(b"\x1b[200~half a paste").is_empty());
        assert_eq!(keys(&mut other, b"k")[0].code, KeyCode::Char('k'));
        assert!(pasting.feed(b"\x1b[201~").is_empty());
        assert_eq!(keys(&mut pasting, b"q")[0].code, KeyCode::Char('q'));
    }

    #[test]
    fn a_character_cut_across_packets_comes_whole() {
        let mut input = Input::default();
        let euro = "€".as_bytes();
        assert!(input.feed(&euro[..2]).is_empty());
        assert_eq!(keys(&mut input, &euro[2..])[0].code, KeyCode::Char('€'));
        assert!(!input.holds_parser());
        let mut input = Input::default();
        assert!(input.feed(&euro[..1]).is_empty());
        let got = keys(&mut input, &[&euro[1..], b"a"].concat());
        assert_eq!(
            got.iter().map(|k| k.code).collect::<Vec<_>>(),
            [KeyCode::Char('€'), KeyCode::Char('a')]
        );
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
