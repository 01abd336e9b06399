//! A seat's hand: one row per card with its kind, cost and basket; a card that cannot be
//! played now is dimmed and marked `✗` (the reason is shown beside the hand).

use crate::engine::{CardId, CardKind, Scenario};
use crate::tui::theme::Theme;
use crate::tui::widgets::board::short_basket;
use ratatui::prelude::*;

/// The hand's rows. `blocked[i]` says whether card `i` cannot be played now.
pub fn lines(
    scenario: &Scenario,
    hand: &[CardId],
    blocked: &[bool],
    selected: usize,
    focused: bool,
    width: u16,
    theme: Theme,
) -> Vec<Line<'static>> {
    if hand.is_empty() {
        return vec![Line::styled("(no cards in hand)", theme.dim())];
    }
    let name_width = usize::from(width.saturating_sub(25)).clamp(8, 40);
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
            let text = format!(
                "{marker}{name:<name_width$} {}◆ {:<6} {basket}",
                def.cost,
                short_kind(def.kind),
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

/// Card kinds in six letters or fewer, for the hand's narrow column.
pub fn short_kind(kind: CardKind) -> &'static str {
    match kind {
        CardKind::Demand => "demand",
        CardKind::Assurance => "assure",
        CardKind::Confidence => "trust",
        CardKind::Mediation => "mediat",
        CardKind::Pressure => "press",
    }
}
