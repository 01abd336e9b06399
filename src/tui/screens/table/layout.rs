//! Where each part of the table screen goes: the one [`layout`] that both drawing and mouse
//! hit-testing read, so a click always lands on what was drawn there, and the hit tests
//! themselves (footer buttons, hand cards, table items, picker options). It must not draw.

use super::{Panel, Picker};
use crate::engine::{SeatView, Viewer};
use crate::tui::screens::hit;
use crate::tui::widgets::board;
use crate::tui::widgets::popup::{self, Menu};
use ratatui::prelude::*;
use ratatui::widgets::Block;

/// Where each part of the table screen goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Areas {
    /// Round, phase, whose turn.
    pub header: Rect,
    /// The meters.
    pub meters: Rect,
    /// The four baskets.
    pub baskets: Rect,
    /// The viewer's objective and capital.
    pub you: Rect,
    /// Demands and commitments.
    pub table: Rect,
    /// The hand.
    pub hand: Rect,
    /// The selected card or item in full.
    pub detail: Rect,
    /// The log.
    pub log: Rect,
    /// Notice and keys.
    pub footer: Rect,
}

/// Lays the screen out for `area` and a hand of `hand_len` cards.
pub fn layout(area: Rect, hand_len: usize, focus: Panel) -> Areas {
    let [header, body, footer] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(10),
        Constraint::Length(1),
    ])
    .areas(area);
    let left_width = if area.width >= 110 { 40 } else { 32 };
    let [left, right] =
        Layout::horizontal([Constraint::Length(left_width), Constraint::Min(40)]).areas(body);
    let [meters, baskets, you] = Layout::vertical([
        Constraint::Length(10),
        Constraint::Length(6),
        Constraint::Min(4),
    ])
    .areas(left);
    let tall = area.height >= 34;
    let hand_rows = (hand_len.max(1) as u16).min(if tall { 8 } else { 5 }) + 2;
    let detail_rows = match (focus, tall) {
        (Panel::Log, _) => 0,
        (_, true) => 8,
        (_, false) => 5,
    };
    let [table, hand, detail, log] = Layout::vertical([
        if tall {
            Constraint::Percentage(25)
        } else {
            Constraint::Length(5)
        },
        Constraint::Length(hand_rows),
        Constraint::Length(detail_rows),
        Constraint::Min(4),
    ])
    .areas(right);
    Areas {
        header,
        meters,
        baskets,
        you,
        table,
        hand,
        detail,
        log,
        footer,
    }
}

/// How many rows the hand panel wants for this view.
pub fn hand_rows(view: &SeatView) -> usize {
    match view.viewer {
        Viewer::Facilitator => 6,
        _ => view.own_hand().len(),
    }
}

/// The first line to show so that line `selected` of `total` is visible in `height` rows.
pub(super) fn scroll_to(selected: usize, height: u16) -> usize {
    selected.saturating_sub(usize::from(height.max(1)) - 1)
}

/// Where each footer button is drawn.
pub fn footer_buttons<C>(area: Rect, buttons: &[(String, C)]) -> Vec<Rect> {
    let mut x = area.x + 1;
    buttons
        .iter()
        .map(|(label, _)| {
            let width = label.chars().count() as u16;
            let rect = Rect {
                x,
                y: area.y,
                width: width.min(area.right().saturating_sub(x)),
                height: 1,
            };
            x = x.saturating_add(width + 2);
            rect
        })
        .collect()
}

/// The footer command under a click, if any.
pub fn footer_hit<C: Copy>(areas: &Areas, buttons: &[(String, C)], x: u16, y: u16) -> Option<C> {
    hit(&footer_buttons(areas.footer, buttons), x, y).map(|i| buttons[i].1)
}

/// The hand card under a click, if any.
pub fn hand_hit(areas: &Areas, selected: usize, len: usize, x: u16, y: u16) -> Option<usize> {
    let inner = Block::bordered().inner(areas.hand);
    if !inner.contains(Position::new(x, y)) {
        return None;
    }
    let index = scroll_to(selected, inner.height) + usize::from(y - inner.y);
    (index < len).then_some(index)
}

/// The table item under a click, if any.
pub fn table_hit(areas: &Areas, view: &SeatView, selected: usize, x: u16, y: u16) -> Option<usize> {
    let inner = Block::bordered().inner(areas.table);
    if !inner.contains(Position::new(x, y)) {
        return None;
    }
    let offset = if board::items(view).is_empty() {
        0
    } else {
        scroll_to(board::line_of_item(view, selected), inner.height)
    };
    board::item_at_line(view, offset + usize::from(y - inner.y))
}

/// Where a picker's box and options go.
pub fn picker_layout(area: Rect, picker: &Picker) -> Menu {
    let labels: Vec<String> = picker.options.iter().map(|(l, _)| l.clone()).collect();
    popup::menu_layout(area, &picker.intro, &labels)
}
