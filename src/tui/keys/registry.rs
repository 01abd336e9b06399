//! The command registries: one per context (a seat at the table, the menus, the facilitator's
//! console, the replay viewer). Each entry gives a command its name in the config file, the
//! word its footer button shows, what the help says it does, and its default keys.

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

const fn entry<C>(
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

const fn code(code: KeyCode) -> Key {
    Key { code, ctrl: false }
}

const fn ch(c: char) -> Key {
    code(KeyCode::Char(c))
}

const UP: &[Key] = &[code(KeyCode::Up), ch('k')];
const DOWN: &[Key] = &[code(KeyCode::Down), ch('j')];
const LEFT: &[Key] = &[code(KeyCode::Left), ch('h')];
const RIGHT: &[Key] = &[code(KeyCode::Right), ch('l')];
const HOME: &[Key] = &[code(KeyCode::Home), ch('g')];
const END: &[Key] = &[code(KeyCode::End), ch('G')];
const PAGE_UP: &[Key] = &[code(KeyCode::PageUp), ch('[')];
const PAGE_DOWN: &[Key] = &[code(KeyCode::PageDown), ch(']')];
const CONFIRM: &[Key] = &[code(KeyCode::Enter), ch(' ')];
const ESC: &[Key] = &[code(KeyCode::Esc)];
const HELP: &[Key] = &[ch('?'), code(KeyCode::F(1))];

/// What a key asks for at a game, whatever is showing there.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Command {
    /// Move the selection up.
    Up,
    /// Move the selection down.
    Down,
    /// Move left (previous option or panel column).
    Left,
    /// Move right.
    Right,
    /// Next panel.
    NextPanel,
    /// Previous panel.
    PrevPanel,
    /// Play the selected card, pick the selected option, confirm.
    Confirm,
    /// Close a prompt or overlay, go back.
    Back,
    /// End your negotiation turn.
    Pass,
    /// Mediator: table the accord for signature.
    TableAccord,
    /// Take back your last action.
    Undo,
    /// Reopen your brief and objective.
    Brief,
    /// Save the game now.
    Save,
    /// End screen: play again, same scenario and seed, seats rotated.
    Rematch,
    /// Scroll the log (or a long page) up.
    PageUp,
    /// Scroll the log (or a long page) down.
    PageDown,
    /// Jump to the start.
    Home,
    /// Jump to the end.
    End,
    /// Show or hide the help overlay.
    Help,
    /// Answer yes to a question.
    Yes,
    /// Answer no to a question.
    No,
    /// Quit (after asking).
    Quit,
}

impl Commands for Command {
    const CONTEXT: Context = Context::Table;
    const QUIT: Command = Command::Quit;
    const ENTRIES: &'static [Entry<Command>] = &[
        entry(Command::Up, "up", "up", "move up", UP),
        entry(Command::Down, "down", "down", "move down", DOWN),
        entry(
            Command::Left,
            "left",
            "left",
            "previous option / change a setting",
            LEFT,
        ),
        entry(
            Command::Right,
            "right",
            "right",
            "next option / change a setting",
            RIGHT,
        ),
        entry(
            Command::NextPanel,
            "next_panel",
            "panel",
            "next panel, down the screen: table, hand, log",
            &[code(KeyCode::Tab)],
        ),
        entry(
            Command::PrevPanel,
            "prev_panel",
            "panel",
            "previous panel",
            &[code(KeyCode::BackTab)],
        ),
        entry(
            Command::Confirm,
            "confirm",
            "choose",
            "play the card / answer the demand / confirm",
            CONFIRM,
        ),
        entry(Command::Back, "back", "back", "close, go back", ESC),
        entry(
            Command::Pass,
            "pass",
            "pass",
            "pass: end your turn",
            &[ch('p')],
        ),
        entry(
            Command::TableAccord,
            "table_accord",
            "accord",
            "mediator: table the accord",
            &[ch('a')],
        ),
        entry(
            Command::Undo,
            "undo",
            "undo",
            "undo your last action",
            &[ch('u')],
        ),
        entry(
            Command::Brief,
            "brief",
            "brief",
            "your brief and objective",
            &[ch('b')],
        ),
        entry(
            Command::Save,
            "save",
            "save",
            "save now (autosave is on)",
            &[ch('s')],
        ),
        entry(
            Command::Rematch,
            "rematch",
            "rematch",
            "end screen: rematch, same seed, seats rotated",
            &[ch('r')],
        ),
        entry(
            Command::PageUp,
            "page_up",
            "scroll up",
            "scroll the details up (in the log: the log)",
            PAGE_UP,
        ),
        entry(
            Command::PageDown,
            "page_down",
            "scroll down",
            "scroll the details down (in the log: the log)",
            PAGE_DOWN,
        ),
        entry(
            Command::Home,
            "home",
            "first",
            "first card or item; the log's oldest line",
            HOME,
        ),
        entry(
            Command::End,
            "end",
            "last",
            "last card or item; the log's newest line",
            END,
        ),
        entry(Command::Help, "help", "help", "this help", HELP),
        entry(Command::Yes, "yes", "yes", "yes (when asked)", &[ch('y')]),
        entry(Command::No, "no", "no", "no (when asked)", &[ch('n')]),
        entry(
            Command::Quit,
            "quit",
            "quit",
            "quit (asks first; Ctrl-C too)",
            &[ch('q')],
        ),
    ];

    fn index(self) -> usize {
        self as usize
    }
}

/// What a key asks for in the menus: the title, new-game and saves screens, and the lobby.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MenuCommand {
    /// The choice above.
    Up,
    /// The choice below.
    Down,
    /// Change a setting one way.
    Left,
    /// Change a setting the other way.
    Right,
    /// Choose.
    Confirm,
    /// Go back.
    Back,
    /// The first choice.
    Home,
    /// The last choice.
    End,
    /// Five choices up.
    PageUp,
    /// Five choices down.
    PageDown,
    /// Show the keys.
    Help,
    /// Answer yes to a question.
    Yes,
    /// Answer no to a question.
    No,
    /// Quit (after asking).
    Quit,
}

impl Commands for MenuCommand {
    const CONTEXT: Context = Context::Menus;
    const QUIT: MenuCommand = MenuCommand::Quit;
    const ENTRIES: &'static [Entry<MenuCommand>] = &[
        entry(MenuCommand::Up, "up", "up", "the choice above", UP),
        entry(MenuCommand::Down, "down", "down", "the choice below", DOWN),
        entry(
            MenuCommand::Left,
            "left",
            "change",
            "change a setting (new game, lobby)",
            LEFT,
        ),
        entry(
            MenuCommand::Right,
            "right",
            "change",
            "change a setting the other way",
            RIGHT,
        ),
        entry(MenuCommand::Confirm, "confirm", "select", "choose", CONFIRM),
        entry(MenuCommand::Back, "back", "back", "back", ESC),
        entry(MenuCommand::Home, "home", "first", "the first choice", HOME),
        entry(MenuCommand::End, "end", "last", "the last choice", END),
        entry(
            MenuCommand::PageUp,
            "page_up",
            "page up",
            "five choices up (saved games)",
            PAGE_UP,
        ),
        entry(
            MenuCommand::PageDown,
            "page_down",
            "page down",
            "five choices down (saved games)",
            PAGE_DOWN,
        ),
        entry(MenuCommand::Help, "help", "help", "this help", HELP),
        entry(
            MenuCommand::Yes,
            "yes",
            "yes",
            "yes (when asked)",
            &[ch('y')],
        ),
        entry(MenuCommand::No, "no", "no", "no (when asked)", &[ch('n')]),
        entry(
            MenuCommand::Quit,
            "quit",
            "quit",
            "quit (asks first; Ctrl-C too)",
            &[ch('q')],
        ),
    ];

    fn index(self) -> usize {
        self as usize
    }
}

/// What a key asks for in the facilitator's console.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ConsoleCommand {
    /// The table (or event) above.
    Up,
    /// The table (or event) below.
    Down,
    /// The first table.
    Home,
    /// The last table.
    End,
    /// Open the selected table in the full view (or inject the chosen event).
    Open,
    /// Cancel choosing an event.
    Back,
    /// Pause or resume the selected table.
    Pause,
    /// Pause or resume every table in play.
    PauseAll,
    /// Inject one of the scenario's events into the selected table.
    Inject,
    /// Write an event on the spot and inject it.
    InjectNew,
    /// Step the selected table's decision clock.
    Clock,
    /// Open more tables like the selected one.
    NewTables,
    /// Open the rematch of a finished table.
    Rematch,
    /// Write the reports of the finished tables.
    WriteReports,
    /// Show the keys.
    Help,
    /// Answer yes to a question (any other key is no).
    Yes,
    /// Leave the console (after asking).
    Quit,
}

impl Commands for ConsoleCommand {
    const CONTEXT: Context = Context::Console;
    const QUIT: ConsoleCommand = ConsoleCommand::Quit;
    const ENTRIES: &'static [Entry<ConsoleCommand>] = &[
        entry(
            ConsoleCommand::Up,
            "up",
            "up",
            "the table (or event) above",
            UP,
        ),
        entry(
            ConsoleCommand::Down,
            "down",
            "down",
            "the table (or event) below",
            DOWN,
        ),
        entry(
            ConsoleCommand::Home,
            "home",
            "first",
            "the first table",
            HOME,
        ),
        entry(ConsoleCommand::End, "end", "last", "the last table", END),
        entry(
            ConsoleCommand::Open,
            "open",
            "open",
            "open the table in the full view / inject the event",
            &[code(KeyCode::Enter)],
        ),
        entry(
            ConsoleCommand::Back,
            "back",
            "cancel",
            "cancel choosing an event",
            ESC,
        ),
        entry(
            ConsoleCommand::Pause,
            "pause",
            "pause",
            "pause or resume the selected table",
            &[ch('p')],
        ),
        entry(
            ConsoleCommand::PauseAll,
            "pause_all",
            "pause all",
            "pause or resume every table in play",
            &[ch('a')],
        ),
        entry(
            ConsoleCommand::Inject,
            "inject",
            "inject",
            "inject one of the scenario's events",
            &[ch('i')],
        ),
        entry(
            ConsoleCommand::InjectNew,
            "inject_new",
            "write",
            "write an event on the spot and inject it",
            &[ch('I')],
        ),
        entry(
            ConsoleCommand::Clock,
            "clock",
            "clock",
            "decision clock: 30 s, 60 s, 120 s, none",
            &[ch('c')],
        ),
        entry(
            ConsoleCommand::NewTables,
            "new_tables",
            "copies",
            "open tables like the selected one (then 1-9)",
            &[ch('n')],
        ),
        entry(
            ConsoleCommand::Rematch,
            "rematch",
            "rematch",
            "rematch of a finished table, seats rotated",
            &[ch('r')],
        ),
        entry(
            ConsoleCommand::WriteReports,
            "write_reports",
            "reports",
            "write the reports of the finished tables",
            &[ch('w')],
        ),
        entry(ConsoleCommand::Help, "help", "help", "this help", HELP),
        entry(
            ConsoleCommand::Yes,
            "yes",
            "yes",
            "yes (when asked; any other key is no)",
            &[ch('y')],
        ),
        entry(
            ConsoleCommand::Quit,
            "quit",
            "quit",
            "leave the console (asks first; tables play on)",
            &[ch('q')],
        ),
    ];

    fn index(self) -> usize {
        self as usize
    }
}

/// What a key asks for in the replay viewer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReplayCommand {
    /// Forward one action.
    Forward,
    /// Back one action.
    Backward,
    /// In the table or the log: move down; elsewhere forward one action.
    Down,
    /// In the table or the log: move up; elsewhere back one action.
    Up,
    /// Ten actions forward.
    TenForward,
    /// Ten actions back.
    TenBack,
    /// The start of the game.
    Start,
    /// The end of the game.
    End,
    /// Next panel.
    NextPanel,
    /// Previous panel.
    PrevPanel,
    /// Show the keys.
    Help,
    /// Answer yes to a question.
    Yes,
    /// Answer no to a question.
    No,
    /// Leave the replay (after asking).
    Quit,
}

impl Commands for ReplayCommand {
    const CONTEXT: Context = Context::Replay;
    const QUIT: ReplayCommand = ReplayCommand::Quit;
    const ENTRIES: &'static [Entry<ReplayCommand>] = &[
        entry(
            ReplayCommand::Forward,
            "forward",
            "step",
            "forward one action",
            RIGHT,
        ),
        entry(
            ReplayCommand::Backward,
            "backward",
            "back",
            "back one action",
            LEFT,
        ),
        entry(
            ReplayCommand::Down,
            "down",
            "down",
            "in the table or the log: down; else forward",
            DOWN,
        ),
        entry(
            ReplayCommand::Up,
            "up",
            "up",
            "in the table or the log: up; else back",
            UP,
        ),
        entry(
            ReplayCommand::TenForward,
            "ten_forward",
            "+10",
            "ten actions forward",
            PAGE_DOWN,
        ),
        entry(
            ReplayCommand::TenBack,
            "ten_back",
            "-10",
            "ten actions back",
            PAGE_UP,
        ),
        entry(
            ReplayCommand::Start,
            "start",
            "start",
            "the start of the game",
            HOME,
        ),
        entry(ReplayCommand::End, "end", "end", "the end of the game", END),
        entry(
            ReplayCommand::NextPanel,
            "next_panel",
            "panel",
            "into the table or the log, to move there",
            &[code(KeyCode::Tab)],
        ),
        entry(
            ReplayCommand::PrevPanel,
            "prev_panel",
            "panel",
            "previous panel",
            &[code(KeyCode::BackTab)],
        ),
        entry(ReplayCommand::Help, "help", "help", "this help", HELP),
        entry(
            ReplayCommand::Yes,
            "yes",
            "yes",
            "yes (when asked)",
            &[ch('y')],
        ),
        entry(ReplayCommand::No, "no", "no", "no (when asked)", &[ch('n')]),
        entry(
            ReplayCommand::Quit,
            "quit",
            "quit",
            "leave the replay (asks first)",
            &[ch('q'), code(KeyCode::Esc)],
        ),
    ];

    fn index(self) -> usize {
        self as usize
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
