//! The table screen's left column: the meters, the accord baskets and the You panel (the
//! seat's secret objective and the round's event, or every seat for a viewer without one),
//! with the warnings of a stalled round or the last round that the brief repeats. It only
//! draws and words these; it must not decide anything about the game.

use super::{TableData, panel};
use crate::engine::{Decision, Seat, SeatView, Viewer};
use crate::tui::theme::Theme;
use crate::tui::widgets::{board, meters};
use ratatui::prelude::*;
use ratatui::widgets::{Paragraph, Wrap};

/// The meters panel: each gauge with what changed since the viewer last moved (or since
/// the start, or this round for a viewer without a seat). The ± column's basis is written
/// over it, at the right of the top border; a seat's bottom border names the key of the
/// account that says what moved them.
pub(super) fn draw_meters(frame: &mut Frame, area: Rect, data: &TableData, theme: Theme) {
    let view = data.view;
    let basis = match view.viewer {
        Viewer::Seat(_) if data.moved => " ± since your move ",
        Viewer::Seat(_) => " ± since the start ",
        _ => " ± this round ",
    };
    let mut meters_block = panel(" Meters ".into(), false, theme)
        .title_top(Line::styled(basis, theme.dim()).right_aligned());
    if let Viewer::Seat(_) = view.viewer {
        let recap = crate::tui::keys::hint(crate::tui::keys::Command::Recap, "what moved them");
        meters_block = meters_block
            .title_bottom(Line::styled(format!(" {recap} "), theme.key()).right_aligned());
    }
    let inner = meters_block.inner(area);
    frame.render_widget(
        Paragraph::new(meters::lines(
            &view.scenario,
            view.meters,
            data.since,
            inner.width,
            theme,
        ))
        .block(meters_block),
        area,
    );
}

/// The accord baskets panel, marked when the round has made no progress yet.
pub(super) fn draw_baskets(frame: &mut Frame, area: Rect, view: &SeatView, theme: Theme) {
    // Mediation fatigue is coming unless something counts as progress this round.
    let stalled = stalling(view);
    let mut baskets_block = panel(" Accord baskets ".into(), false, theme);
    if stalled {
        baskets_block = baskets_block
            .title_bottom(Line::styled(" no progress this round ", theme.warn()).right_aligned());
    }
    frame.render_widget(
        Paragraph::new(board::basket_lines(view, theme)).block(baskets_block),
        area,
    );
}

/// The flags set (public), by name, when there are any.
fn flags_line(view: &SeatView, theme: Theme) -> Option<Line<'static>> {
    (!view.flags.is_empty()).then(|| {
        let names: Vec<&str> = view
            .flags
            .iter()
            .map(|&flag| view.scenario.flag_name(flag))
            .collect();
        Line::from(vec![
            Span::styled("Flags: ", theme.dim()),
            Span::raw(names.join(", ")),
        ])
    })
}

/// Each actor's strength (public), when the scenario has any: "Armed groups beyond Kabul's
/// control 55". Who they are is in the brief (`b`).
fn actors_lines(view: &SeatView, theme: Theme) -> Vec<Line<'static>> {
    view.scenario
        .actors
        .iter()
        .zip(&view.actors)
        .map(|(actor, &strength)| {
            Line::from(vec![
                Span::styled("Not at the table: ", theme.dim()),
                Span::raw(crate::engine::strength_words(actor, strength)),
            ])
        })
        .collect()
}

/// The You panel: a seat's event, objective and warnings, or, for a viewer without a seat,
/// each seat's player, hand size and objective (when shown).
pub(super) fn draw_you(frame: &mut Frame, area: Rect, data: &TableData, theme: Theme) {
    let view = data.view;
    let scenario = &view.scenario;
    let (title, lines) = match view.viewer {
        Viewer::Seat(seat) => {
            let objective =
                view.objectives[seat.index()].map(|o| &scenario.objectives[usize::from(o)]);
            // The round's event by name first, so a short panel still shows it; what it did
            // comes last.
            let event = view.current_event.map(|e| &scenario.events[usize::from(e)]);
            let mut lines = Vec::new();
            if let Some(event) = event {
                lines.push(Line::from(vec![
                    Span::styled("This round: ", theme.dim()),
                    Span::styled(event.name.clone(), theme.heading()),
                ]));
            }
            lines.extend(last_round_notice(view, theme));
            lines.extend(actors_lines(view, theme));
            lines.extend(flags_line(view, theme));
            lines.push(Line::from(vec![
                Span::styled("Secret objective: ", theme.dim()),
                Span::styled(
                    objective.map_or("—".to_string(), |o| format!("{} (+{})", o.name, o.points)),
                    theme.heading(),
                ),
            ]));
            if let Some(o) = objective {
                lines.push(Line::raw(o.text.clone()));
            }
            if let Some(event) = event {
                lines.push(Line::raw(""));
                lines.push(Line::styled(
                    format!("{}: {}", event.name, event.text),
                    theme.dim(),
                ));
            }
            let fatigue = stall_notice(view, theme);
            if !fatigue.is_empty() {
                lines.push(Line::raw(""));
                lines.extend(fatigue);
            }
            (
                format!(
                    " You: {} · ◆{} ",
                    scenario.seat_name(seat),
                    view.capital[seat.index()]
                ),
                lines,
            )
        }
        _ => {
            let column = board::seat_column(scenario);
            let mut lines: Vec<Line> = Seat::ALL
                .iter()
                .map(|&seat| {
                    let objective = view.objectives[seat.index()]
                        .map_or("hidden".to_string(), |o| {
                            scenario.objectives[usize::from(o)].name.clone()
                        });
                    Line::from(vec![
                        Span::styled(
                            format!("{:<column$}", scenario.seat_name(seat)),
                            theme.seat(seat),
                        ),
                        // No-break spaces keep each `·` with what follows it, so a wrapped
                        // line never ends in one.
                        Span::raw(format!(
                            "{} ·\u{a0}{}\u{a0}cards ·\u{a0}{objective}",
                            data.players[seat.index()],
                            view.hand_sizes[seat.index()]
                        )),
                    ])
                })
                .collect();
            lines.extend(actors_lines(view, theme));
            lines.extend(flags_line(view, theme));
            let title = if view.viewer == Viewer::Facilitator {
                " Facilitator view "
            } else {
                " Spectator "
            };
            (title.to_string(), lines)
        }
    };
    // Not focusable, so never scrolled: when text is cut the border points at the brief
    // (`b`), which holds the objective and the round's event whole.
    let text = Paragraph::new(lines).wrap(Wrap { trim: true });
    let mut block = panel(title, false, theme);
    let inner = block.inner(area);
    if text.line_count(inner.width) > usize::from(inner.height) {
        let more = match view.viewer {
            Viewer::Seat(_) => format!(
                " ↓ more: {} ",
                crate::tui::keys::key(crate::tui::keys::Command::Brief)
            ),
            _ => " ↓ more ".to_string(),
        };
        block = block.title_bottom(Line::styled(more, theme.key()).right_aligned());
    }
    frame.render_widget(text.block(block), area);
}

/// Whether the round has made no progress yet (no basket agreed, no commitment made or
/// honoured) while the talks go on: at its end the mediators lose Credibility.
fn stalling(view: &SeatView) -> bool {
    view.outcome.is_none()
        && !view.stats.progress_this_round
        && view.scenario.rules.stall_credibility > 0
}

/// The accord's last chance: the mediators table it in their turn of the last round, or
/// never. Empty before the last round.
pub(super) fn last_round_notice(view: &SeatView, theme: Theme) -> Vec<Line<'static>> {
    if view.round != view.scenario.rounds || view.outcome.is_some() || view.accord.is_some() {
        return Vec::new();
    }
    let text = if accord_still_possible(view) {
        "Last round: an accord can still be signed only if the mediators table it in their \
         negotiation turn this round."
    } else {
        "Last round: the mediators' turn has passed, so no accord can be signed now; the talks \
         end with this round."
    };
    vec![Line::styled(text, theme.warn())]
}

/// Mediation fatigue to come at the round's end, while nothing counts as progress yet.
pub(super) fn stall_notice(view: &SeatView, theme: Theme) -> Vec<Line<'static>> {
    if !stalling(view) {
        return Vec::new();
    }
    vec![Line::styled(
        format!(
            "No progress yet this round: at its end Credibility −{} (mediation fatigue), unless \
             a basket is agreed or a commitment is made or honoured.",
            view.scenario.rules.stall_credibility
        ),
        theme.warn(),
    )]
}

/// Whether the mediators can still table the accord this round (or it is being voted on):
/// their negotiation turn has not passed yet.
fn accord_still_possible(view: &SeatView) -> bool {
    use crate::engine::Phase;
    let order = view.scenario.seat_order_in(view.round);
    let place = |seat: Seat| order.iter().position(|&s| s == seat);
    match (view.phase, view.to_act) {
        _ if view.accord_tabled => true,
        (Phase::Event, _) => true,
        // A consent answers the mediators' own verification, in their turn.
        (Phase::Negotiation, Some((_, Decision::Consent))) => true,
        (Phase::Negotiation, Some((seat, _))) => place(Seat::Mediator) >= place(seat),
        _ => false,
    }
}
