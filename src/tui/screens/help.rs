//! The help overlay (every key, from the one keymap) and the "really quit?" question.

use crate::tui::keys::{BINDINGS, Command};
use crate::tui::theme::Theme;
use crate::tui::widgets::popup::centered;
use ratatui::prelude::*;
use ratatui::widgets::{Block, BorderType, Clear, Paragraph, Wrap};

/// The replay viewer's keys, and what they do there.
const REPLAY_KEYS: [(&str, &str); 7] = [
    ("→ ↓ l j", "forward one action"),
    ("← ↑ h k", "back one action"),
    ("Tab", "into the table or the log: then ↑↓ move there"),
    ("PgDn PgUp", "ten actions forward / back"),
    ("Home End", "the start / the end of the game"),
    ("Esc q", "leave the replay"),
    ("?", "this help"),
];

/// Which keys the help lists: those that do something where it was opened.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HelpFor {
    /// A seat at a game on this machine (`true` for the mediator's, which tables the accord).
    LocalSeat(bool),
    /// A seat over SSH: the server saves, and rematches are the facilitator's.
    RemoteSeat(bool),
    /// A spectator or the facilitator watching a table: nothing to play.
    Watching,
    /// The title, setup and saves screens, and the server's lobby: moving and choosing.
    Menus,
}

impl HelpFor {
    fn lists(self, command: Command) -> bool {
        use Command::*;
        match self {
            HelpFor::LocalSeat(mediator) => mediator || command != TableAccord,
            HelpFor::RemoteSeat(mediator) => {
                !matches!(command, Save | Rematch) && (mediator || command != TableAccord)
            }
            HelpFor::Watching => matches!(
                command,
                Up | Down
                    | NextPanel
                    | PrevPanel
                    | PageUp
                    | PageDown
                    | Home
                    | End
                    | Back
                    | Brief
                    | Help
                    | Quit
            ),
            HelpFor::Menus => false,
        }
    }
}

/// The keys of the menus (title, setup, saves, lobby), in their own words.
const MENU_KEYS: [(&str, &str); 7] = [
    ("↑ ↓ k j", "move through the choices"),
    ("← → h l", "change a setting (new game)"),
    ("Enter", "choose"),
    ("Esc", "back"),
    ("Home End", "the first / the last choice"),
    ("?", "this help"),
    ("q", "quit (asks first; Ctrl-C too)"),
];

/// What a gauge's marks mean, for a help box with a row to spare.
const LEGEND: (&str, &str) = ("│ and !", "on a gauge: its danger line / a meter past it");

/// Lists the key bindings that work where the help was opened (with the gauges' legend at
/// a table, when there is room).
pub fn draw(frame: &mut Frame, theme: Theme, context: HelpFor) {
    let mut keys: Vec<(&str, &str)> = if context == HelpFor::Menus {
        MENU_KEYS.to_vec()
    } else {
        // Yes and no share a row, so an 80x24 screen has room for the gauges' legend.
        BINDINGS
            .iter()
            .filter(|b| context.lists(b.command) && b.command != Command::No)
            .map(|b| match b.command {
                Command::Yes => ("y n", "yes / no (when asked)"),
                _ => (b.label, b.help),
            })
            .collect()
    };
    if context != HelpFor::Menus && usize::from(frame.area().height) > keys.len() + 2 {
        keys.push(LEGEND);
    }
    draw_keys(
        frame,
        theme,
        &keys,
        " any key closes · mouse: click, wheel scrolls ",
    );
}

/// Lists the replay viewer's keys.
pub fn draw_replay(frame: &mut Frame, theme: Theme) {
    draw_keys(
        frame,
        theme,
        &REPLAY_KEYS,
        " any key closes · mouse: wheel steps, buttons click ",
    );
}

/// A box of keys and what each does, with a hint on its bottom border.
fn draw_keys(frame: &mut Frame, theme: Theme, keys: &[(&str, &str)], hint: &str) {
    let area = centered(frame.area(), 64, keys.len() as u16 + 2);
    frame.render_widget(Clear, area);
    let block = Block::bordered()
        .border_type(BorderType::Double)
        .border_style(theme.focus_border())
        .title(Line::styled(" Keys ", theme.heading()))
        .title_bottom(Line::styled(hint.to_string(), theme.dim()));
    let lines: Vec<Line> = keys
        .iter()
        .map(|(label, help)| {
            Line::from(vec![
                Span::styled(format!(" {label:<12}"), theme.key()),
                Span::raw(help.to_string()),
            ])
        })
        .collect();
    frame.render_widget(
        Paragraph::new(lines)
            .block(block)
            .wrap(Wrap { trim: false }),
        area,
    );
}

/// Asks `question` (quit, or leave the table), with a note on what becomes of the game, if
/// one is running.
pub fn draw_confirm_quit(frame: &mut Frame, theme: Theme, question: &str, note: Option<&str>) {
    let area = centered(frame.area(), 50, 6);
    frame.render_widget(Clear, area);
    let block = Block::bordered()
        .border_type(BorderType::Double)
        .border_style(theme.focus_border())
        .title(Line::styled(" Quit? ", theme.heading()));
    let lines = vec![
        Line::from(vec![
            Span::raw(format!(" {question}  ")),
            Span::styled("y", theme.key()),
            Span::raw(" yes   "),
            Span::styled("n", theme.key()),
            Span::raw(" no"),
        ]),
        Line::styled(format!(" {}", note.unwrap_or_default()), theme.dim()),
    ];
    frame.render_widget(
        Paragraph::new(lines)
            .block(block)
            .wrap(Wrap { trim: false }),
        area,
    );
}
