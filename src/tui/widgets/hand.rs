//! A seat's hand: one row per card with its kind, cost and basket; a card that cannot be
//! played now is dimmed and marked `✗` (the reason is shown beside the hand).

use crate::engine::{CardKind, SeatView};
use crate::tui::theme::Theme;
use crate::tui::widgets::board::short_basket;
use ratatui::prelude::*;

/// The viewer's hand as rows, each with what the card costs the viewer now (the surcharge of
/// high domestic Pressure included). `blocked[i]` says whether card `i` cannot be played now.
pub fn lines(
    view: &SeatView,
    blocked: &[bool],
    selected: usize,
    focused: bool,
    width: u16,
    theme: Theme,
) -> Vec<Line<'static>> {
    let (scenario, hand) = (&view.scenario, view.own_hand());
    if hand.is_empty() {
        return vec![Line::styled("(no cards in hand)", theme.dim())];
    }
    // Full kind names when there is room, short ones otherwise (each with a space after).
    let kind_width: usize = if width >= 60 { 11 } else { 9 };
    let name_width = usize::from(width)
        .saturating_sub(18 + kind_width)
        .clamp(8, 40);
    hand.iter()
        .enumerate()
        .map(|(i, &card)| {
            let def = &scenario.cards[usize::from(card)];
            let is_blocked = blocked.get(i).copied().unwrap_or(true);
            let is_selected = i == selected;
            let marker = match (is_selected && focused, is_blocked) {
                (true, true) => "▸✗",
                (true, false) => "▸ ",
                (false, true) => " ✗",
                (false, false) => "  ",
            };
            let basket = def.basket.map_or("", short_basket);
            let name: String = def.name.chars().take(name_width).collect();
            let kind = if kind_width == 11 {
                def.kind.key()
            } else {
                short_kind(def.kind)
            };
            let text = format!(
                "{marker}{name:<name_width$} {}◆ {kind:<kind_width$}{basket}",
                view.cost_of(card),
            );
            let style = match (is_selected && focused, is_blocked) {
                (true, _) => theme.selected(),
                (false, true) => theme.dim(),
                (false, false) => theme.text(),
            };
            Line::styled(text, style)
        })
        .collect()
}

/// Card kinds in eight characters or fewer, for a narrow hand.
fn short_kind(kind: CardKind) -> &'static str {
    match kind {
        CardKind::Demand => "demand",
        CardKind::Assurance => "assure",
        CardKind::Confidence => "confid.",
        CardKind::Mediation => "mediate",
        CardKind::Pressure => "pressure",
    }
}
