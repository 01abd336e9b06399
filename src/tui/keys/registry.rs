//! The command registries: one per context (a seat at the table, the menus, the facilitator's
//! console, the replay viewer). Each entry gives a command its name in the config file, the
//! word its footer button shows, what the help says it does, and its default keys.

pub use super::contexts::{ConsoleCommand, MenuCommand, ReplayCommand};
pub use super::game::Command;
use super::key::Key;
use ratatui::crossterm::event::KeyCode;
use std::fmt::Debug;

/// Where a key is pressed: each context has its own commands, so one key may mean different
/// things in the menus and at the table, but never two things in one context.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Context {
    /// A seat at a game (or watching one): the table, the hand, the log, the prompts.
    Table,
    /// The title, new-game and saves screens, and the server's lobby.
    Menus,
    /// The facilitator's console on the server.
    Console,
    /// The replay viewer.
    Replay,
}

impl Context {
    /// Every context, in the order the default config lists them.
    pub const ALL: [Context; 4] = [
        Context::Table,
        Context::Menus,
        Context::Console,
        Context::Replay,
    ];

    /// The context's name in the config file (`[keys.table]`).
    pub fn name(self) -> &'static str {
        match self {
            Context::Table => "table",
            Context::Menus => "menus",
            Context::Console => "console",
            Context::Replay => "replay",
        }
    }

    /// Where this context's keys work, for the default config's comments.
    pub fn about(self) -> &'static str {
        match self {
            Context::Table => "at a game: the table, the hand, the log and the prompts",
            Context::Menus => "the title, new-game and saves screens, and the server's lobby",
            Context::Console => "the facilitator's console on the server",
            Context::Replay => "the replay viewer",
        }
    }

    /// The context's entries, without their command type: name, help and default keys.
    pub fn entries(self) -> Vec<(&'static str, &'static str, &'static [Key])> {
        fn erase<C: Commands>() -> Vec<(&'static str, &'static str, &'static [Key])> {
            C::ENTRIES
                .iter()
                .map(|e| (e.name, e.help, e.keys))
                .collect()
        }
        match self {
            Context::Table => erase::<Command>(),
            Context::Menus => erase::<MenuCommand>(),
            Context::Console => erase::<ConsoleCommand>(),
            Context::Replay => erase::<ReplayCommand>(),
        }
    }

    /// Where the context's keys are kept in a keymap.
    pub(crate) fn index(self) -> usize {
        self as usize
    }
}

/// One command of a context's registry.
#[derive(Clone, Copy, Debug)]
pub struct Entry<C: 'static> {
    /// The command.
    pub command: C,
    /// Its name in the config file and in `{key:…}` placeholders (`pass`, `table_accord`).
    pub name: &'static str,
    /// The word on its footer button, after the key (`p pass`).
    pub word: &'static str,
    /// What it does, as the help says it.
    pub help: &'static str,
    /// The keys it has unless the config file says otherwise.
    pub keys: &'static [Key],
}

/// A context's command enum: its entries are listed in the order of the variants.
pub trait Commands: Copy + Eq + Debug + 'static {
    /// Where these commands work.
    const CONTEXT: Context;
    /// Every command, in the order of the enum's variants.
    const ENTRIES: &'static [Entry<Self>];
    /// What Ctrl-C asks for in this context (it always asks to quit; it cannot be remapped).
    const QUIT: Self;

    /// The command's place in [`Commands::ENTRIES`].
    fn index(self) -> usize;

    /// The command's registry entry.
    fn entry(self) -> &'static Entry<Self> {
        &Self::ENTRIES[self.index()]
    }
}

pub(super) const fn entry<C>(
    command: C,
    name: &'static str,
    word: &'static str,
    help: &'static str,
    keys: &'static [Key],
) -> Entry<C> {
    Entry {
        command,
        name,
        word,
        help,
        keys,
    }
}

/// A key without Ctrl (short for [`Key::plain`] in the tables below).
pub(super) const fn code(code: KeyCode) -> Key {
    Key::plain(code)
}

pub(super) const fn ch(c: char) -> Key {
    code(KeyCode::Char(c))
}

pub(super) const UP: &[Key] = &[code(KeyCode::Up), ch('k')];
pub(super) const DOWN: &[Key] = &[code(KeyCode::Down), ch('j')];
pub(super) const LEFT: &[Key] = &[code(KeyCode::Left), ch('h')];
pub(super) const RIGHT: &[Key] = &[code(KeyCode::Right), ch('l')];
pub(super) const HOME: &[Key] = &[code(KeyCode::Home), ch('g')];
pub(super) const END: &[Key] = &[code(KeyCode::End), ch('G')];
pub(super) const PAGE_UP: &[Key] = &[code(KeyCode::PageUp), ch('[')];
pub(super) const PAGE_DOWN: &[Key] = &[code(KeyCode::PageDown), ch(']')];
pub(super) const CONFIRM: &[Key] = &[code(KeyCode::Enter), ch(' ')];
pub(super) const ESC: &[Key] = &[code(KeyCode::Esc)];
pub(super) const HELP: &[Key] = &[ch('?'), code(KeyCode::F(1))];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::keys::{Command, ConsoleCommand, MenuCommand, ReplayCommand};

    fn ordered<C: Commands>() {
        for (i, entry) in C::ENTRIES.iter().enumerate() {
            assert_eq!(
                entry.command.index(),
                i,
                "{:?} is out of order",
                entry.command
            );
            assert!(!entry.keys.is_empty(), "{} has no default key", entry.name);
        }
        // Quit is each enum's last variant, so every variant has its entry.
        assert_eq!(C::QUIT.index(), C::ENTRIES.len() - 1);
        let names: Vec<&str> = C::ENTRIES.iter().map(|e| e.name).collect();
        for (i, name) in names.iter().enumerate() {
            assert!(!names[..i].contains(name), "{name} is named twice");
        }
    }

    #[test]
    fn entries_follow_their_enums() {
        ordered::<Command>();
        ordered::<MenuCommand>();
        ordered::<ConsoleCommand>();
        ordered::<ReplayCommand>();
    }
}
