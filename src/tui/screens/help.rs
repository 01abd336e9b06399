//! The help overlays (every key of a context, from its command registry, with the keys it has
//! now) and the "really quit?" question.

use crate::tui::keys::{self, Command, Commands, ConsoleCommand, MenuCommand, ReplayCommand};
use crate::tui::theme::Theme;
use crate::tui::widgets::popup::centered;
use ratatui::prelude::*;
use ratatui::widgets::{Block, BorderType, Clear, Paragraph, Wrap};

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
    /// Whether the help lists `command` at a table.
    pub fn lists(self, command: Command) -> bool {
        use Command::*;
        match self {
            // A game on one machine has no delegations to share a seat.
            HelpFor::LocalSeat(mediator) => {
                (mediator || command != TableAccord) && !matches!(command, Pen | TakeProposal)
            }
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

/// Commands that share a row of a game's help (the first's name, the second's, the row's
/// words), so every key of a seat fits an 80x24 screen.
const TABLE_PAIRS: [(&str, &str, &str); 3] = [
    ("up", "down", "move up / down"),
    (
        "left",
        "right",
        "left / right: previous / next option, change a setting",
    ),
    (
        "next_panel",
        "prev_panel",
        "next / previous panel, down the screen: table, hand, log",
    ),
];

/// The rows of a context's help: each command's keys and what it does, yes and no sharing a
/// row (at a game, up and down, left and right, the next and previous panel too).
pub fn rows<C: Commands>(listed: impl Fn(C) -> bool) -> Vec<(String, String)> {
    let mut pairs = vec![("yes", "no", "yes / no (when asked)")];
    if C::CONTEXT == keys::Context::Table {
        pairs.extend(TABLE_PAIRS);
    }
    let entry = |name: &str| C::ENTRIES.iter().find(|e| e.name == name);
    let both = |first: &str, second: &str| {
        entry(first)
            .zip(entry(second))
            .filter(|(a, b)| listed(a.command) && listed(b.command))
    };
    C::ENTRIES
        .iter()
        .filter(|e| listed(e.command))
        .filter(|e| {
            !pairs
                .iter()
                .any(|(first, second, _)| e.name == *second && both(first, second).is_some())
        })
        .map(|e| {
            let pair = pairs.iter().find_map(|&(first, second, words)| {
                (e.name == first).then(|| both(first, second).map(|p| (p, words)))?
            });
            match pair {
                Some(((a, b), words)) => (
                    format!(
                        "{} {}",
                        keys::all_keys(a.command),
                        keys::all_keys(b.command)
                    ),
                    words.to_string(),
                ),
                None => (keys::all_keys(e.command), e.help.to_string()),
            }
        })
        .collect()
}

/// What a gauge's marks mean, for a help box with a row to spare.
const LEGEND: (&str, &str) = ("│ and !", "on a gauge: its danger line / a meter past it");

/// The rows of the help where it was opened: each key and what it does, with the gauges'
/// legend at a table when `room` rows leave space for it.
pub fn key_rows(context: HelpFor, room: usize) -> Vec<(String, String)> {
    let mut keys = if context == HelpFor::Menus {
        rows::<MenuCommand>(|_| true)
    } else {
        rows::<Command>(|c| context.lists(c))
    };
    if context != HelpFor::Menus && room > keys.len() {
        keys.push((LEGEND.0.to_string(), LEGEND.1.to_string()));
    }
    keys
}

/// Lists the key bindings that work where the help was opened (with the gauges' legend at
/// a table, when there is room).
pub fn draw(frame: &mut Frame, theme: Theme, context: HelpFor) {
    let keys = key_rows(context, usize::from(frame.area().height).saturating_sub(2));
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
        &rows::<ReplayCommand>(|_| true),
        " any key closes · mouse: wheel steps, buttons click ",
    );
}

/// Lists the facilitator console's keys.
pub fn draw_console(frame: &mut Frame, theme: Theme) {
    draw_keys(
        frame,
        theme,
        &rows::<ConsoleCommand>(|_| true),
        " any key closes ",
    );
}

/// A box of keys and what each does, with a hint on its bottom border.
fn draw_keys(frame: &mut Frame, theme: Theme, keys: &[(String, String)], hint: &str) {
    let area = centered(frame.area(), 64, keys.len() as u16 + 2);
    frame.render_widget(Clear, area);
    let block = Block::bordered()
        .border_type(BorderType::Double)
        .border_style(theme.focus_border())
        .title(Line::styled(" Keys ", theme.heading()))
        .title_bottom(Line::styled(hint.to_string(), theme.dim()));
    frame.render_widget(
        Paragraph::new(key_lines(keys, theme))
            .block(block)
            .wrap(Wrap { trim: false }),
        area,
    );
}

/// Help rows as lines: the keys in a column, then what they do.
pub fn key_lines(keys: &[(String, String)], theme: Theme) -> Vec<Line<'static>> {
    keys.iter()
        .map(|(label, help)| {
            Line::from(vec![
                Span::styled(format!(" {label:<12}"), theme.key()),
                Span::raw(help.clone()),
            ])
        })
        .collect()
}

/// Asks `question` (quit, or leave the table), with a note on what becomes of the game, if
/// one is running; `answers` are the keys of yes and no where it is asked.
pub fn draw_confirm_quit(
    frame: &mut Frame,
    theme: Theme,
    question: &str,
    answers: (String, String),
    note: Option<&str>,
) {
    let (yes, no) = answers;
    let area = centered(frame.area(), 50, 6);
    frame.render_widget(Clear, area);
    let block = Block::bordered()
        .border_type(BorderType::Double)
        .border_style(theme.focus_border())
        .title(Line::styled(" Quit? ", theme.heading()));
    let lines = vec![
        Line::from(vec![
            Span::raw(format!(" {question}  ")),
            Span::styled(yes, theme.key()),
            Span::raw(" yes   "),
            Span::styled(no, theme.key()),
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
