//! The tutorial's step banner: one line at the foot of the play screen, under the keys,
//! always in view ("Step 3 of 9 ▸ …"), two when a step's words need them. It only draws.

use super::Position;
use crate::tui::keys::{self, Command};
use crate::tui::theme::Theme;
use ratatui::prelude::*;
use ratatui::widgets::{Paragraph, Wrap};

/// The banner's words for `position`.
pub fn text(position: &Position) -> String {
    match &position.now {
        Some(now) => format!("Step {} of {} ▸ {now}", position.done + 1, position.total),
        None => format!(
            "✓ Tutorial complete ({} steps). Play on to the end of the talks, or {} to leave.",
            position.total,
            keys::key(Command::Quit)
        ),
    }
}

/// How many rows the banner takes on a screen `width` wide: one, or two when its words do
/// not fit on one.
pub fn height(position: &Position, width: u16) -> u16 {
    let room = usize::from(width.saturating_sub(2)).max(1);
    if text(position).chars().count() <= room {
        1
    } else {
        2
    }
}

/// The area a screen of `area` leaves the table above a banner of `rows`, and the banner's.
pub fn split(area: Rect, rows: u16) -> (Rect, Rect) {
    let rows = rows.min(area.height);
    let table = Rect {
        height: area.height - rows,
        ..area
    };
    let banner = Rect {
        y: area.y + table.height,
        height: rows,
        ..area
    };
    (table, banner)
}

/// Draws the banner in `area`.
pub fn draw(frame: &mut Frame, area: Rect, position: &Position, theme: Theme) {
    let style = if position.now.is_some() {
        theme.selected()
    } else {
        theme.good().add_modifier(Modifier::BOLD)
    };
    frame.render_widget(
        Paragraph::new(format!(" {}", text(position)))
            .style(style)
            .wrap(Wrap { trim: false }),
        area,
    );
}
