//! The table screen's details panel: the message for the player, then the selected card or
//! table item in full (whose it is, what its pledge means for its basket, why a card cannot
//! be played, the tutorial's hint), or the round's event. It only draws.

use super::{Panel, TableData, TableUi, panel};
use crate::engine::{BasketState, CardId, Commitment, Decision, SeatView};
use crate::tui::keys;
use crate::tui::theme::Theme;
use crate::tui::widgets::board;
use crate::tui::widgets::popup;
use ratatui::prelude::*;
use ratatui::widgets::Wrap;

/// The details panel: the message, then the selected table item or hand card in full;
/// returns how far it can scroll.
pub(super) fn draw_detail(
    frame: &mut Frame,
    area: Rect,
    data: &TableData,
    ui: &TableUi,
    theme: Theme,
) -> u16 {
    let view = data.view;
    let name = |seat| view.scenario.seat_name(seat);
    let mut lines = Vec::new();
    if let Some(notice) = data.notice {
        // A notice that brings its own mark (■ the end) needs no other.
        let mark = if notice.starts_with('■') { "" } else { "» " };
        lines.push(Line::styled(format!("{mark}{notice}"), theme.warn()));
    }
    match ui.focus {
        Panel::Table if board::items(view).is_empty() => lines.push(Line::styled(
            "Demands and commitments appear on the table once played.",
            theme.dim(),
        )),
        Panel::Table => {
            let items = board::items(view);
            if let Some(item) = items.get(ui.board) {
                // Whose card it is, since its text says "you" for the seat that played it.
                let played = match item {
                    board::Item::Demand(id) => view.demands.iter().find(|d| d.id == *id).map(|d| {
                        let (by, to) = (name(d.by), name(d.to));
                        (d.card, d.by, format!("Demand #{id}, {by} → {to}."))
                    }),
                    board::Item::Commitment(id) => {
                        view.commitments.iter().find(|c| c.id == *id).map(|c| {
                            let state = format!(
                                "Commitment #{id}, by {} in {}: {}% credible, {} of {} \
                                 round-end tests held{}.",
                                name(c.by),
                                c.basket,
                                c.credibility,
                                c.tests,
                                c.duration,
                                if c.verified { ", verified" } else { "" }
                            );
                            // A bridged pledge rests on the mediators' card, at their cost.
                            let through = if c.holder == c.by {
                                String::new()
                            } else {
                                format!(
                                    " Bridged: {} played the card below and paid for it.",
                                    name(c.holder)
                                )
                            };
                            // Why a standing pledge may not count for its basket.
                            let basket = match view.baskets[c.basket.index()] {
                                BasketState::Agreed { commitment } if commitment == c.id => {
                                    format!(
                                        " {} is agreed on this pledge: if it breaks, the basket \
                                         unravels; honoured, it is secured for good.",
                                        c.basket
                                    )
                                }
                                BasketState::Agreed { commitment } => format!(
                                    " {} is agreed on #{commitment}; this pledge stands beside \
                                     it.",
                                    c.basket
                                ),
                                BasketState::Secured => {
                                    format!(" {} is secured for good.", c.basket)
                                }
                                BasketState::Open => format!(
                                    " {} is still open: only a demand in it met while Trust \
                                     ≥{} agrees it; a pledge made alone or with Trust lower \
                                     does not.",
                                    c.basket,
                                    view.scenario.threshold(c.basket)
                                ),
                            };
                            let kept = if c.tests >= c.duration {
                                " Kept: it held every test it owed and stays on the table, no \
                                 longer tested, for an accord to bind."
                            } else {
                                ""
                            };
                            let stage = phased_state(view, c);
                            (
                                c.card,
                                c.by,
                                format!("{state}{stage}{kept}{basket}{through}"),
                            )
                        })
                    }
                };
                if let Some((card, by, whose)) = played {
                    lines.push(Line::styled(
                        format!("{whose} \"You\" in its text is {}.", name(by)),
                        theme.dim(),
                    ));
                    let printed = view.scenario.cards[usize::from(card)].cost;
                    lines.extend(card_detail(view, card, printed, theme));
                    let passed = match item {
                        board::Item::Commitment(id) => view
                            .commitments
                            .iter()
                            .find(|c| c.id == *id)
                            .and_then(|c| c.stages_passed),
                        board::Item::Demand(_) => None,
                    };
                    lines.extend(stage_lines(view, card, passed, theme));
                }
            }
        }
        _ => {
            if let Some(&card) = view.own_hand().get(ui.hand) {
                let mut shown = card_detail(view, card, view.cost_of(card), theme);
                // What a cap would waste of it, before the capital is spent: under its text,
                // above the flavour, so a short panel still shows it.
                if let crate::engine::Viewer::Seat(seat) = view.viewer {
                    let caps = crate::engine::card_caps(view, seat, card);
                    let at = shown.len().min(2);
                    shown.splice(
                        at..at,
                        caps.iter().map(|cap| {
                            let words = cap.describe(&view.scenario);
                            Line::styled(format!("⚠ {words}"), theme.warn())
                        }),
                    );
                }
                lines.extend(shown);
                lines.extend(stage_lines(view, card, None, theme));
                lines.extend(hint_lines(view, card, theme));
                if data.blocked.get(ui.hand).copied().unwrap_or(false) {
                    let why = data.block_reason.clone().unwrap_or_else(|| {
                        match (data.actor, view.to_act) {
                            (Some(_), Some((_, Decision::Negotiate))) => {
                                "not usable now (does it answer a demand aimed at you?)".to_string()
                            }
                            (Some(_), Some((_, decision))) => {
                                format!("cards are played when negotiating; now you {decision}")
                            }
                            _ if view.outcome.is_some() => "the talks are over".to_string(),
                            _ => "wait for your turn".to_string(),
                        }
                    });
                    lines.push(Line::styled(
                        format!("✗ Cannot play: {why}"),
                        theme.danger(),
                    ));
                }
            } else if let Some(event) = view.current_event {
                let event = &view.scenario.events[usize::from(event)];
                lines.push(Line::styled(
                    format!("Event: {}", event.name),
                    theme.heading(),
                ));
                lines.push(Line::raw(event.text.clone()));
            }
        }
    }
    let block = panel(" Details ".into(), false, theme);
    let wrap = Some(Wrap { trim: true });
    popup::scrolled(frame, area, lines, wrap, block, ui.detail_scroll, theme)
}

/// A card in full; `cost` is what it costs the viewer now (from the hand), or its printed cost.
fn card_detail(view: &SeatView, card: CardId, cost: u8, theme: Theme) -> Vec<Line<'static>> {
    let def = &view.scenario.cards[usize::from(card)];
    let mut meta = if cost > def.cost {
        format!(
            "{} · cost {cost} ({} +1 while your Pressure ≥ {})",
            def.kind.key(),
            def.cost,
            view.scenario.rules.surcharge_pressure
        )
    } else {
        format!("{} · cost {cost}", def.kind.key())
    };
    if let Some(basket) = def.basket {
        meta.push_str(&format!(" · {basket}"));
    }
    if let Some(kind) = def.monitors {
        meta.push_str(&format!(" · {kind}"));
    }
    if let Some(voice) = view.scenario.card_voice(card) {
        meta.push_str(&format!(" · {voice} speaks"));
    }
    let mut lines = vec![
        Line::from(vec![
            Span::styled(def.name.clone(), theme.heading()),
            Span::styled(format!("  {meta}"), theme.dim()),
        ]),
        Line::raw(def.text.clone()),
    ];
    if !def.flavour.is_empty() {
        lines.push(Line::styled(def.flavour.clone(), theme.dim()));
    }
    lines
}

/// A phased commitment's stage, as a sentence for its details (empty for a plain pledge).
fn phased_state(view: &SeatView, c: &Commitment) -> String {
    match c.stage(&view.scenario) {
        Some(stage) if stage.done => format!(
            " Phased: all {} stages passed, each with its credit.",
            stage.of
        ),
        Some(stage) => format!(
            " Phased: on stage {} of {}, {}; honoured only when the last stage passes.",
            stage.number, stage.of, stage.name
        ),
        None => String::new(),
    }
}

/// A phased assurance's stages, one a line with its tests and credit; on the table (`passed`
/// given) the stages passed are ticked (✓) and the current one pointed at (▸).
fn stage_lines(
    view: &SeatView,
    card: CardId,
    passed: Option<u8>,
    theme: Theme,
) -> Vec<Line<'static>> {
    let stages = &view.scenario.cards[usize::from(card)].milestones;
    if stages.is_empty() {
        return Vec::new();
    }
    let mut lines = vec![Line::styled(
        "Milestones (honoured when the last one passes):",
        theme.heading(),
    )];
    for (i, m) in stages.iter().enumerate() {
        let tests = if m.tests == 1 {
            "1 test".to_string()
        } else {
            format!("{} tests", m.tests)
        };
        let mut credit = Vec::new();
        if m.trust != 0 {
            credit.push(format!("Trust {:+}", m.trust));
        }
        if m.credibility != 0 {
            credit.push(format!("credibility {:+}", m.credibility));
        }
        let credit = if credit.is_empty() {
            String::new()
        } else {
            format!(", {}", credit.join(", "))
        };
        let mark = match passed.map(usize::from) {
            Some(p) if i < p => "✓",
            Some(p) if i == p => "▸",
            _ => "·",
        };
        lines.push(Line::raw(format!(
            "{mark} {}. {} — {tests}{credit}",
            i + 1,
            m.name
        )));
    }
    lines
}

/// The tutorial's coaching hint for a card in hand (not for one already on the table).
fn hint_lines(view: &SeatView, card: CardId, theme: Theme) -> Vec<Line<'static>> {
    view.scenario
        .hints
        .iter()
        .filter(|h| h.card == card)
        .map(|hint| Line::styled(format!("Hint: {}", keys::fill(&hint.text)), theme.warn()))
        .collect()
}
