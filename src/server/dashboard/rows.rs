//! The console's table of tables, drawn with ratatui's [`Table`]: one row a table (state,
//! round, phase, who is thinking and for how long, the meters as mini gauges, baskets agreed,
//! scenario and seed) under a header, in columns that fit an 80-column window.

use super::super::tables::{Occupant, Table as ServerTable};
use crate::engine::words::seat_tag;
use crate::engine::{Basket, Meter, Seat, Viewer};
use crate::tui::Theme;
use ratatui::prelude::*;
use ratatui::widgets::{Cell, HighlightSpacing, Row, Table, TableState};
use std::sync::Arc;

/// One block a meter, lowest to highest.
const LEVELS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

/// How wide the console's columns are: roomy from 110 columns, compact below (no phase
/// column, shorter state and turn) so an 80-column window still shows the meters and baskets.
pub(super) struct Columns {
    /// The room there is inside the border.
    width: u16,
    state: u16,
    /// Whether the phase has a column.
    pub(super) phase: bool,
    to_act: u16,
}

const ID: u16 = 5;
const ROUND: u16 = 5;
const PHASE: u16 = 11;
const METERS: u16 = 9;
const BASKETS: u16 = 7;

impl Columns {
    /// The columns for a console `width` columns wide inside its border.
    pub(super) fn for_width(width: u16) -> Columns {
        if width >= 110 {
            Columns {
                width,
                state: 28,
                phase: true,
                to_act: 28,
            }
        } else {
            Columns {
                width,
                state: 16,
                phase: false,
                to_act: 24,
            }
        }
    }

    /// What the mini gauges stand for, in the room there is.
    pub(super) fn meters_key(&self) -> &'static str {
        if self.phase {
            "meters, one block each: Trust Sovereignty Security Border Credibility Escalation, PK and AF pressure"
        } else {
            "meters: Trust Sovereignty Security Border Credibility Escalation, PK AF"
        }
    }

    fn widths(&self) -> Vec<u16> {
        let mut widths = vec![ID, self.state, ROUND];
        if self.phase {
            widths.push(PHASE);
        }
        widths.extend([self.to_act, METERS, BASKETS]);
        // The marker column and one space between columns come off the rest.
        let used: u16 = widths.iter().sum::<u16>() + 1 + widths.len() as u16;
        widths.push(self.width.saturating_sub(used));
        widths
    }

    /// The table of tables, with `selected` highlighted and kept in view.
    pub(super) fn draw(
        &self,
        frame: &mut Frame,
        area: Rect,
        tables: &[Arc<ServerTable>],
        selected: usize,
        theme: Theme,
    ) {
        let widths = self.widths();
        let last = usize::from(*widths.last().unwrap_or(&0));
        let mut header = vec![
            Cell::from(Line::from("table").right_aligned()),
            "state".into(),
        ];
        header.push(Cell::from(Line::from("round").right_aligned()));
        if self.phase {
            header.push("phase".into());
        }
        header.extend([
            Cell::from("to act (thinking)"),
            "meters".into(),
            "baskets".into(),
            Cell::from(clip("scenario / seed", last)),
        ]);
        let rows: Vec<Row> = tables.iter().map(|t| self.row(t, last)).collect();
        let table = Table::new(rows, widths.iter().map(|w| Constraint::Length(*w)))
            .header(Row::new(header).style(theme.dim()))
            .column_spacing(1)
            .style(theme.text())
            .row_highlight_style(theme.selected())
            .highlight_symbol("▸")
            .highlight_spacing(HighlightSpacing::Always);
        let mut state = TableState::default().with_selected(Some(selected));
        frame.render_stateful_widget(table, area, &mut state);
    }

    /// One table in a row: who is thinking and for how long, the main meters, baskets
    /// agreed, and the outcome or the pause; the scenario and seed last, where a narrow
    /// window cuts them (`last` columns).
    fn row(&self, table: &Arc<ServerTable>, last: usize) -> Row<'static> {
        let thinking = table.thinking_for().as_secs();
        let clock = table
            .clock()
            .map_or(String::new(), |c| format!(" · ⏱{}s", c.as_secs()));
        let missing = missing_seats(table);
        let session = table.lock();
        let game = session.game();
        let view = game.view(Viewer::Facilitator);
        // The seconds come first: a narrow column cuts the end, never the time. A seat
        // shared by a delegation names who holds its pen.
        let to_act = view.to_act.map_or("—".to_string(), |(seat, decision)| {
            let team = session.team(seat);
            let pen = match team.pen() {
                Some(holder) if team.len() > 1 => {
                    format!(" ({} {})", holder.name, crate::server::teams::PEN)
                }
                _ => String::new(),
            };
            format!(
                "{thinking}s {}{pen}: {decision}",
                game.scenario().seat_name(seat)
            )
        });
        let agreed = Basket::ALL
            .iter()
            .filter(|b| view.baskets[b.index()].is_agreed())
            .count();
        let state = match (game.outcome(), session.paused()) {
            (Some(outcome), _) => outcome.to_string(),
            (None, true) => format!("⏸ paused{clock}"),
            (None, false) if !missing.is_empty() => format!("{missing}{clock}"),
            (None, false) => format!("playing{clock}"),
        };
        // A table whose save keeps failing says so first (its detail line says why).
        let state = match session.save_status() {
            Some(crate::table::SaveStatus::Failed(_)) => format!("⚠ not saved · {state}"),
            _ => state,
        };
        // A mini gauge: one block a meter, in the order of the key line's names.
        let gauges: String = Meter::ALL
            .iter()
            .map(|&m| LEVELS[usize::from(view.meters.get(m)) * 7 / usize::from(m.max())])
            .collect();
        let mut cells = vec![
            Cell::from(Line::from(table.id.to_string()).right_aligned()),
            Cell::from(clip(&state, usize::from(self.state))),
            Cell::from(
                Line::from(format!("{}/{}", game.round(), game.scenario().rounds)).right_aligned(),
            ),
        ];
        if self.phase {
            cells.push(Cell::from(format!("{:?}", game.phase())));
        }
        cells.extend([
            Cell::from(clip(&to_act, usize::from(self.to_act))),
            Cell::from(gauges),
            Cell::from(format!("{agreed}/4")),
            Cell::from(clip(
                &format!("{} / {}", game.scenario().name, game.seed()),
                last,
            )),
        ]);
        Row::new(cells)
    }
}

/// Who a table waits for: seats whose player is away, and seats nobody has taken.
fn missing_seats(table: &ServerTable) -> String {
    let occupants = table.occupants();
    let seats_with = |wanted: Occupant| -> Vec<&str> {
        Seat::ALL
            .iter()
            .filter(|s| occupants[s.index()] == wanted)
            .map(|&s| seat_tag(s))
            .collect()
    };
    let (away, open) = (seats_with(Occupant::Away), seats_with(Occupant::Free));
    match (away.is_empty(), open.is_empty()) {
        (false, false) => format!("waiting: {} away, {} open", away.join(" "), open.join(" ")),
        (false, true) => format!("waiting: {} away", away.join(" ")),
        (true, false) => format!("open: {}", open.join(" ")),
        (true, true) => String::new(),
    }
}

/// The selected table in full, whatever the width: scenario, seed, clock and who sits where,
/// each seat's delegation by name with its pen-holder marked (a narrow console cuts these
/// from the rows).
pub(super) fn selected_summary(table: &ServerTable) -> String {
    let occupants = table.occupants();
    let clock = table.clock().map_or("no clock".to_string(), |c| {
        format!("clock {}s", c.as_secs())
    });
    let session = table.lock();
    let game = session.game();
    let seats: Vec<String> = Seat::ALL
        .iter()
        .map(|&seat| {
            let who = match occupants[seat.index()] {
                Occupant::Bot(policy) => format!("bot ({policy})"),
                Occupant::Free => "open".to_string(),
                Occupant::Player(_) => crate::server::teams::names(session.team(seat)),
                Occupant::Away => "away".to_string(),
            };
            format!("{} {who}", seat_tag(seat))
        })
        .collect();
    let saving = match session.save_status() {
        Some(failed @ crate::table::SaveStatus::Failed(_)) => format!(" · ⚠ {failed}"),
        _ => String::new(),
    };
    format!(
        "Table {}: {}, seed {} · {clock} · {}{saving}",
        table.id,
        game.scenario().name,
        game.seed(),
        seats.join(", ")
    )
}

/// `text` in at most `width` columns, cut with `…`.
pub(super) fn clip(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        text.to_string()
    } else {
        let kept: String = text.chars().take(width.saturating_sub(1)).collect();
        format!("{kept}…")
    }
}
