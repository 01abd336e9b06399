//! The table screen's talk pane, in the log's panel (the talk key swaps them): what was said
//! at the table as the viewer sees it, each message with its round, the newest at the
//! bottom unless scrolled back. While a message is typed it shows the keys to send and the
//! last refusal. It only draws and reports how far it can scroll.

use super::{Panel, TableData, TableUi, panel};
use crate::engine::Viewer;
use crate::tui::keys::{self, Command};
use crate::tui::theme::Theme;
use crate::tui::widgets::{talk, wrap};
use ratatui::prelude::*;
use ratatui::widgets::Paragraph;

/// Draws the talk, wrapped, its newest rows at the bottom unless scrolled back; returns how
/// far it can scroll back.
pub(super) fn draw_talk(
    frame: &mut Frame,
    area: Rect,
    data: &TableData,
    ui: &TableUi,
    theme: Theme,
) -> usize {
    let view = data.view;
    let writing = ui.message.is_some();
    let focused = ui.focus == Panel::Log || writing;
    let title = match (ui.log_scroll, writing) {
        (_, true) => " Talk ".to_string(),
        (0, false) => format!(" Talk · {} log ", keys::key(Command::Talk)),
        _ => " Talk (scrolled: End follows) ".to_string(),
    };
    let mut block = panel(title, focused, theme);
    if writing {
        block = block.title_bottom(Line::styled(
            " Enter send · Esc cancel · @seat: private ",
            theme.dim(),
        ));
    }
    let names = &view.scenario.names;
    let mut lines: Vec<Line> = data
        .talk
        .iter()
        .map(|m| {
            talk::line(
                m,
                view.viewer,
                names,
                view.viewer == Viewer::Facilitator,
                theme,
            )
        })
        .collect();
    if lines.is_empty() {
        lines.push(Line::styled(empty_words(data.can_speak), theme.dim()));
    }
    if let (true, Some(notice)) = (writing, data.notice) {
        lines.push(Line::styled(format!("» {notice}"), theme.warn()));
    }
    let inner = block.inner(area);
    let (height, width) = (usize::from(inner.height), usize::from(inner.width));
    let wrapped: Vec<Line> = lines
        .into_iter()
        .flat_map(|line| wrap::hanging_line(line, width))
        .collect();
    let rows = wrapped.len();
    let max_back = rows.saturating_sub(height);
    let back = if writing {
        0
    } else {
        ui.log_scroll.min(max_back)
    };
    let top = u16::try_from(rows.saturating_sub(height + back)).unwrap_or(u16::MAX);
    frame.render_widget(Paragraph::new(wrapped).scroll((top, 0)).block(block), area);
    max_back
}

/// What the pane says before anything was said: how to speak, to whoever may.
fn empty_words(can_speak: bool) -> String {
    if can_speak {
        format!(
            "Nothing said yet. {} writes to the table; start with @ and a seat's name to write \
             to that seat only.",
            keys::key(Command::Message)
        )
    } else {
        "Nothing said yet.".to_string()
    }
}
