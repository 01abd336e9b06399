//! The one keymap: key handling and the help overlay both read [`BINDINGS`], so they can never
//! disagree.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

/// What a key asks for, whatever screen is showing.
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
    /// Show or hide the help overlay.
    Help,
    /// Quit (after asking).
    Quit,
    /// End your negotiation turn.
    Pass,
    /// Mediator: table the accord for signature.
    TableAccord,
    /// Take back your last action.
    Undo,
    /// Save the game now.
    Save,
    /// Scroll the log (or a long page) up.
    PageUp,
    /// Scroll the log (or a long page) down.
    PageDown,
    /// Jump to the start.
    Home,
    /// Jump to the end.
    End,
    /// Answer yes to a question.
    Yes,
    /// Answer no to a question.
    No,
    /// Reopen your brief and objective.
    Brief,
    /// End screen: play again, same scenario and seed, seats rotated.
    Rematch,
}

/// One line of the keymap: the keys, how the help overlay names them, and what they do.
#[derive(Clone, Copy, Debug)]
pub struct Binding {
    /// What the keys do.
    pub command: Command,
    /// The keys.
    pub keys: &'static [KeyCode],
    /// How the keys are written in the help overlay and footers.
    pub label: &'static str,
    /// What they do, in a few words.
    pub help: &'static str,
}

const fn bind(
    command: Command,
    keys: &'static [KeyCode],
    label: &'static str,
    help: &'static str,
) -> Binding {
    Binding {
        command,
        keys,
        label,
        help,
    }
}

/// Every key the game understands.
pub const BINDINGS: &[Binding] = &[
    bind(
        Command::Up,
        &[KeyCode::Up, KeyCode::Char('k')],
        "↑ k",
        "move up",
    ),
    bind(
        Command::Down,
        &[KeyCode::Down, KeyCode::Char('j')],
        "↓ j",
        "move down",
    ),
    bind(
        Command::Left,
        &[KeyCode::Left, KeyCode::Char('h')],
        "← h",
        "previous option / change a setting",
    ),
    bind(
        Command::Right,
        &[KeyCode::Right, KeyCode::Char('l')],
        "→ l",
        "next option / change a setting",
    ),
    bind(
        Command::NextPanel,
        &[KeyCode::Tab],
        "Tab",
        "next panel, down the screen: table, hand, log",
    ),
    bind(
        Command::PrevPanel,
        &[KeyCode::BackTab],
        "S-Tab",
        "previous panel",
    ),
    bind(
        Command::Confirm,
        &[KeyCode::Enter, KeyCode::Char(' ')],
        "Enter",
        "play the card / answer the demand / confirm",
    ),
    bind(Command::Back, &[KeyCode::Esc], "Esc", "close, go back"),
    bind(
        Command::Pass,
        &[KeyCode::Char('p')],
        "p",
        "pass: end your turn",
    ),
    bind(
        Command::TableAccord,
        &[KeyCode::Char('a')],
        "a",
        "mediator: table the accord",
    ),
    bind(
        Command::Undo,
        &[KeyCode::Char('u')],
        "u",
        "undo your last action",
    ),
    bind(
        Command::Brief,
        &[KeyCode::Char('b')],
        "b",
        "your brief and objective",
    ),
    bind(
        Command::Save,
        &[KeyCode::Char('s')],
        "s",
        "save now (autosave is on)",
    ),
    bind(
        Command::Rematch,
        &[KeyCode::Char('r')],
        "r",
        "end screen: rematch, same seed, seats rotated",
    ),
    bind(
        Command::PageUp,
        &[KeyCode::PageUp, KeyCode::Char('[')],
        "PgUp [",
        "scroll the details up (in the log: the log)",
    ),
    bind(
        Command::PageDown,
        &[KeyCode::PageDown, KeyCode::Char(']')],
        "PgDn ]",
        "scroll the details down (in the log: the log)",
    ),
    bind(
        Command::Home,
        &[KeyCode::Home, KeyCode::Char('g')],
        "Home g",
        "first card or item; the log's oldest line",
    ),
    bind(
        Command::End,
        &[KeyCode::End, KeyCode::Char('G')],
        "End G",
        "last card or item; the log's newest line",
    ),
    bind(
        Command::Help,
        &[KeyCode::Char('?'), KeyCode::F(1)],
        "?",
        "this help",
    ),
    bind(Command::Yes, &[KeyCode::Char('y')], "y", "yes (when asked)"),
    bind(Command::No, &[KeyCode::Char('n')], "n", "no (when asked)"),
    bind(
        Command::Quit,
        &[KeyCode::Char('q')],
        "q",
        "quit (asks first; Ctrl-C too)",
    ),
];

/// The command a key press asks for, if any. Key releases and repeats are ignored; Ctrl-C
/// asks to quit like `q`.
pub fn command_for(key: KeyEvent) -> Option<Command> {
    if key.kind == KeyEventKind::Release {
        return None;
    }
    if key.modifiers.contains(KeyModifiers::CONTROL) {
        return (key.code == KeyCode::Char('c')).then_some(Command::Quit);
    }
    BINDINGS
        .iter()
        .find(|b| b.keys.contains(&key.code))
        .map(|b| b.command)
}

/// How the help overlay names the keys of `command`.
pub fn label(command: Command) -> &'static str {
    BINDINGS
        .iter()
        .find(|b| b.command == command)
        .map_or("", |b| b.label)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_key_is_bound_twice() {
        let mut seen = Vec::new();
        for binding in BINDINGS {
            for key in binding.keys {
                assert!(!seen.contains(key), "{key:?} is bound twice");
                seen.push(*key);
            }
        }
    }

    #[test]
    fn arrows_and_vim_keys_agree() {
        let press = |code| command_for(KeyEvent::from(code));
        assert_eq!(press(KeyCode::Up), press(KeyCode::Char('k')));
        assert_eq!(press(KeyCode::Down), Some(Command::Down));
        assert_eq!(
            command_for(KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL)),
            Some(Command::Quit)
        );
        assert_eq!(press(KeyCode::Char('z')), None);
    }
}
