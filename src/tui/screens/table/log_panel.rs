//! The table screen's log panel: the public log (and bots' reasons) wrapped, following the
//! newest lines unless scrolled back; its title says how many messages of the table talk
//! wait unread. It only draws and reports how far it can scroll.

use super::{Panel, TableData, TableUi, panel};
use crate::tui::theme::Theme;
use crate::tui::widgets::{log, wrap};
use ratatui::prelude::*;
use ratatui::widgets::Paragraph;

/// Draws the log, wrapped, its newest rows at the bottom unless scrolled back; returns how
/// far it can scroll back.
pub(super) fn draw_log(
    frame: &mut Frame,
    area: Rect,
    data: &TableData,
    ui: &TableUi,
    theme: Theme,
) -> usize {
    let focused = ui.focus == Panel::Log;
    let talk = crate::tui::keys::key(crate::tui::keys::Command::Talk);
    let title = match (ui.log_scroll, data.unread) {
        (1.., _) => " Log (scrolled: End follows) ".to_string(),
        (0, 0) => format!(" Log · {talk} talk "),
        (0, unread) => format!(" Log · ✉ {unread} new: {talk} talk "),
    };
    let block = panel(title, focused, theme);
    let inner = block.inner(area);
    let height = usize::from(inner.height);
    // Following the newest lines, only the last `height` lines can show (each takes a row or
    // more), so only they are described and wrapped; how far back the log goes is then left
    // unknown.
    let following = ui.log_scroll == 0;
    let (scenario, viewer) = (&data.view.scenario, data.view.viewer);
    let lines = if following {
        log::last_lines(scenario, data.log, data.reasons, viewer, theme, height)
    } else {
        log::lines(scenario, data.log, data.reasons, viewer, theme)
    };
    let width = usize::from(inner.width);
    let wrapped: Vec<Line> = lines
        .into_iter()
        .flat_map(|line| wrap::hanging_line(line, width))
        .collect();
    let rows = wrapped.len();
    let text = Paragraph::new(wrapped);
    let max_back = rows.saturating_sub(height);
    let back = ui.log_scroll.min(max_back);
    let top = u16::try_from(rows.saturating_sub(height + back)).unwrap_or(u16::MAX);
    frame.render_widget(text.scroll((top, 0)).block(block), area);
    if following { usize::MAX } else { max_back }
}
