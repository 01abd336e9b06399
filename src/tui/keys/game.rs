//! The commands at a game (the table context): playing, moving around the table, the
//! prompts, the brief and the end screen, with their default keys.

use super::registry::*;
use ratatui::crossterm::event::KeyCode;

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
    /// Reopen the account of what happened since your last turn.
    Recap,
    /// Open the message line: words to the table, or (`@seat` first) to one seat.
    Message,
    /// Show the table talk in the log's panel, or the log again.
    Talk,
    /// Save the game now.
    Save,
    /// End screen: play again, same scenario and seed, seats rotated.
    Rematch,
    /// A seat shared by a delegation: hand the pen (acting for the seat) to the next
    /// teammate.
    Pen,
    /// A seat shared by a delegation: the pen-holder takes the move a teammate proposed.
    TakeProposal,
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
            Command::Recap,
            "recap",
            "recap",
            "what happened since your last turn (and why meters moved)",
            &[ch('w')],
        ),
        entry(
            Command::Message,
            "message",
            "talk",
            "write to the table (@seat first: to that seat only)",
            &[ch('m')],
        ),
        entry(
            Command::Talk,
            "talk",
            "talk",
            "the table talk in the log's place (again: the log)",
            &[ch('t')],
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
            Command::Pen,
            "pen",
            "pen",
            "in a delegation: hand the pen (who acts) to a teammate you pick",
            &[ch('P')],
        ),
        entry(
            Command::TakeProposal,
            "take_proposal",
            "take",
            "in a delegation: play the move a teammate proposed",
            &[ch('T')],
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
