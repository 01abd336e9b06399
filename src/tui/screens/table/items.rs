//! The table screen's "On the table" panel: the demands and commitments in play, the
//! selected one kept in sight. The lines themselves come from the board widget; this file
//! only frames and scrolls them.

use super::layout::scroll_to;
use super::{Panel, TableUi, panel};
use crate::engine::SeatView;
use crate::tui::keys::{self, Command};
use crate::tui::theme::Theme;
use crate::tui::widgets::{board, wrap};
use ratatui::prelude::*;
use ratatui::widgets::Paragraph;

/// The table's demands and commitments, scrolled to keep the selected item in sight, with
/// arrows on the border when more lies above or below.
pub(super) fn draw_items(
    frame: &mut Frame,
    area: Rect,
    view: &SeatView,
    ui: &TableUi,
    theme: Theme,
) {
    let focused = ui.focus == Panel::Table;
    let mut table_block = panel(" On the table ".into(), focused, theme);
    let table_inner = table_block.inner(area);
    let table_lines = board::table_lines(view, ui.board, focused, theme);
    let offset = if focused && !board::items(view).is_empty() {
        scroll_to(board::line_of_item(view, ui.board), table_inner.height)
    } else {
        0
    };
    if offset > 0 {
        table_block = table_block.title_top(Line::styled(" ↑ more ", theme.key()).right_aligned());
    }
    if offset + usize::from(table_inner.height) < table_lines.len() {
        let more = if focused {
            " ↓ more ".to_string()
        } else {
            format!(" ↓ more: {} here ", keys::key(Command::NextPanel))
        };
        table_block = table_block.title_bottom(Line::styled(more, theme.key()).right_aligned());
    }
    // A line too long for the panel ends in `…`, so nothing is cut silently.
    let width = usize::from(table_inner.width);
    let table_lines: Vec<Line> = table_lines
        .into_iter()
        .map(|line| wrap::clip_line(line, width))
        .collect();
    frame.render_widget(
        Paragraph::new(table_lines)
            .block(table_block)
            .scroll((offset as u16, 0)),
        area,
    );
}
