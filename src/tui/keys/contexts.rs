//! The commands of the menus, the facilitator's console and the replay viewer, with their
//! default keys.

use super::registry::*;
use ratatui::crossterm::event::KeyCode;

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
    /// Write a message to the selected table.
    Message,
    /// Write a message to every table (an announcement).
    Announce,
    /// Mute or unmute a login at the selected table.
    Mute,
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
            "open the table's full view / inject the event",
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
        entry(
            ConsoleCommand::Message,
            "message",
            "message",
            "write to the selected table (@seat: one seat)",
            &[ch('m')],
        ),
        entry(
            ConsoleCommand::Announce,
            "announce",
            "announce",
            "write to every table (\"ten minutes left\")",
            &[ch('M')],
        ),
        entry(
            ConsoleCommand::Mute,
            "mute",
            "mute",
            "mute or unmute a login at the selected table",
            &[ch('x')],
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
    /// The table talk in the log's panel, or the log again.
    Talk,
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
        entry(
            ReplayCommand::Talk,
            "talk",
            "talk",
            "what was said by then, in the log's place",
            &[ch('t')],
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
