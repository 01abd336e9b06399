//! One key as the keymap knows it: a key code and whether Ctrl is held. Keys are read from
//! the config file's names (`p`, `ctrl-z`, `pageup`), written back in those names, and shown
//! on screen in short labels (`p`, `Ctrl-z`, `PgUp`).

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::fmt;

/// A key, with or without Ctrl. Shift is part of the character (`G`), and Alt is ignored.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Key {
    /// The key itself.
    pub code: KeyCode,
    /// Whether Ctrl is held.
    pub ctrl: bool,
}

/// The named keys: config name, other accepted spellings, screen label.
const NAMED: &[(KeyCode, &str, &[&str], &str)] = &[
    (KeyCode::Up, "up", &["↑"], "↑"),
    (KeyCode::Down, "down", &["↓"], "↓"),
    (KeyCode::Left, "left", &["←"], "←"),
    (KeyCode::Right, "right", &["→"], "→"),
    (KeyCode::Tab, "tab", &[], "Tab"),
    (
        KeyCode::BackTab,
        "shift-tab",
        &["backtab", "s-tab"],
        "S-Tab",
    ),
    (KeyCode::Enter, "enter", &["return"], "Enter"),
    (KeyCode::Char(' '), "space", &[], "Space"),
    (KeyCode::Esc, "esc", &["escape"], "Esc"),
    (KeyCode::Backspace, "backspace", &[], "Bksp"),
    (KeyCode::Delete, "delete", &["del"], "Del"),
    (KeyCode::Insert, "insert", &["ins"], "Ins"),
    (KeyCode::PageUp, "pageup", &["pgup", "page-up"], "PgUp"),
    (
        KeyCode::PageDown,
        "pagedown",
        &["pgdn", "page-down"],
        "PgDn",
    ),
    (KeyCode::Home, "home", &[], "Home"),
    (KeyCode::End, "end", &[], "End"),
];

impl Key {
    /// A key without Ctrl.
    pub const fn plain(code: KeyCode) -> Key {
        Key { code, ctrl: false }
    }

    /// The key with Ctrl held; a letter is taken in lower case, as terminals send it.
    pub fn ctrl(code: KeyCode) -> Key {
        let code = match code {
            KeyCode::Char(c) => KeyCode::Char(c.to_ascii_lowercase()),
            code => code,
        };
        Key { code, ctrl: true }
    }

    /// The key a terminal event stands for.
    pub fn of(event: KeyEvent) -> Key {
        if event.modifiers.contains(KeyModifiers::CONTROL) {
            Key::ctrl(event.code)
        } else {
            Key::plain(event.code)
        }
    }

    /// A press of this key, as a terminal reports it.
    pub fn event(self) -> KeyEvent {
        let modifiers = if self.ctrl {
            KeyModifiers::CONTROL
        } else {
            KeyModifiers::NONE
        };
        KeyEvent::new(self.code, modifiers)
    }

    /// Reads a key's name from the config file: a single character (`p`, `?`, `G`), a named
    /// key (`enter`, `pageup`, `f1`), either after `ctrl-` (`ctrl-z`). Named keys ignore case.
    pub fn parse(text: &str) -> Result<Key, String> {
        let lower = text.trim().to_lowercase();
        if let Some(rest) = lower
            .strip_prefix("ctrl-")
            .or_else(|| lower.strip_prefix("c-"))
            && !rest.is_empty()
        {
            let start = text.len() - rest.len();
            let key = Key::parse(&text[start..])?;
            return Ok(Key::ctrl(key.code));
        }
        let text = text.trim();
        let mut chars = text.chars();
        if let (Some(c), None) = (chars.next(), chars.next()) {
            return Ok(NAMED
                .iter()
                .find(|(_, _, aliases, _)| aliases.contains(&text))
                .map_or(Key::plain(KeyCode::Char(c)), |(code, ..)| Key::plain(*code)));
        }
        if let Some(n) = lower.strip_prefix('f').and_then(|n| n.parse::<u8>().ok())
            && (1..=12).contains(&n)
        {
            return Ok(Key::plain(KeyCode::F(n)));
        }
        NAMED
            .iter()
            .find(|(_, name, aliases, _)| *name == lower || aliases.contains(&lower.as_str()))
            .map(|(code, ..)| Key::plain(*code))
            .ok_or_else(|| format!("`{text}` is not a key name"))
    }

    /// How the key is shown on screen: `p`, `Enter`, `PgUp`, `Ctrl-z`.
    pub fn label(self) -> String {
        let base = match self.code {
            KeyCode::Char(' ') => "Space".to_string(),
            KeyCode::Char(c) => c.to_string(),
            KeyCode::F(n) => format!("F{n}"),
            code => NAMED
                .iter()
                .find(|(named, ..)| *named == code)
                .map_or_else(|| format!("{code:?}"), |(.., label)| label.to_string()),
        };
        if self.ctrl {
            format!("Ctrl-{base}")
        } else {
            base
        }
    }
}

/// The key's name in the config file, which [`Key::parse`] reads back.
impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.ctrl {
            write!(f, "ctrl-")?;
        }
        match self.code {
            KeyCode::Char(' ') => write!(f, "space"),
            KeyCode::Char(c) => write!(f, "{c}"),
            KeyCode::F(n) => write!(f, "f{n}"),
            code => {
                let name = NAMED
                    .iter()
                    .find(|(named, ..)| *named == code)
                    .map_or("?", |(_, name, ..)| name);
                write!(f, "{name}")
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_read_back() {
        for text in [
            "p", "G", "?", "[", "ctrl-z", "enter", "pageup", "f1", "space", "up",
        ] {
            let key = Key::parse(text).expect(text);
            assert_eq!(key.to_string(), text);
            assert_eq!(Key::parse(&key.to_string()), Ok(key));
        }
    }

    #[test]
    fn spellings_and_labels() {
        assert_eq!(Key::parse("PgDn"), Ok(Key::plain(KeyCode::PageDown)));
        assert_eq!(Key::parse("↑"), Ok(Key::plain(KeyCode::Up)));
        assert_eq!(Key::parse("Ctrl-Z").map(Key::label), Ok("Ctrl-z".into()));
        assert_eq!(Key::parse("shift-tab").map(Key::label), Ok("S-Tab".into()));
        assert!(Key::parse("hyper").is_err());
        assert!(Key::parse("f13").is_err());
        assert!(Key::parse("").is_err());
    }
}
