//! The bar of a seat shared by a delegation, at the foot of the play screen under the keys:
//! who holds the pen and who is in the team, then a teammate's proposal. A row a line, cut
//! with `…` where the screen ends, so the table above keeps its room. It only draws.

use super::wrap::clip_line;
use crate::tui::theme::Theme;
use ratatui::prelude::*;
use ratatui::widgets::Paragraph;

/// One line of the bar.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BarLine {
    /// Its words (the keys and names first: a narrow screen cuts the end).
    pub text: String,
    /// Whether it asks for this person's attention (a proposal for the pen-holder).
    pub loud: bool,
}

/// How many rows `lines` take: one each.
pub fn height(lines: &[BarLine]) -> u16 {
    u16::try_from(lines.len()).unwrap_or(u16::MAX)
}

/// Draws `lines` in `area`, one a row.
pub fn draw(frame: &mut Frame, area: Rect, lines: &[BarLine], theme: Theme) {
    for (line, y) in lines.iter().zip(area.y..area.bottom()) {
        let style = if line.loud {
            theme.selected()
        } else {
            theme.heading()
        };
        let text = clip_line(
            Line::raw(format!(" {}", line.text)),
            usize::from(area.width),
        );
        frame.render_widget(
            Paragraph::new(text).style(style),
            Rect {
                y,
                height: 1,
                ..area
            },
        );
    }
}
