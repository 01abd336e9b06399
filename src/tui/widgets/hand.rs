//! A seat's hand: one row per card with its kind, cost and basket; a card that cannot be
//! played now is dimmed and marked `✗` (the reason is shown beside the hand).

use crate::engine::{Basket, CardKind, SeatView};
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
    // Full kind and basket names when there is room, short ones otherwise, so a narrow hand
    // keeps room for the card's name.
    let roomy = width >= 60;
    let kind_width: usize = if roomy { 11 } else { 9 };
    let basket_width: usize = if roomy { 12 } else { 4 };
    let name_width = usize::from(width)
        .saturating_sub(6 + kind_width + basket_width)
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
            let basket = match def.basket {
                Some(basket) if roomy => short_basket(basket),
                Some(basket) => tiny_basket(basket),
                None => "",
            };
            let name = cut(&def.name, name_width);
            let kind = if roomy {
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

/// `text` in at most `width` characters, ending in `…` when cut.
fn cut(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        text.to_string()
    } else {
        let mut kept: String = text.chars().take(width.saturating_sub(1)).collect();
        kept.push('…');
        kept
    }
}

/// Baskets in four characters, for a narrow hand (the details name them in full).
fn tiny_basket(basket: Basket) -> &'static str {
    match basket {
        Basket::Security => "Sec.",
        Basket::Verification => "Ver.",
        Basket::Sovereignty => "Sov.",
        Basket::Humanitarian => "Hum.",
    }
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
