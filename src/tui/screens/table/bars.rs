//! The table screen's one-line bars: the header (round, phase, whose turn, actions left,
//! the clock, capital) and the footer's buttons. Where the buttons sit is `layout`'s job;
//! this file only draws.

use super::TableData;
use crate::tui::theme::Theme;
use ratatui::prelude::*;
use ratatui::widgets::Paragraph;

/// The header: round, phase (left out when the line is short of room), whose turn and
/// what they decide, actions used, the decision clock, and every seat's capital.
pub(super) fn draw_header(frame: &mut Frame, area: Rect, data: &TableData, theme: Theme) {
    let view = data.view;
    let turn = match (view.to_act, data.actor) {
        _ if data.paused => "⏸ PAUSED by the facilitator".to_string(),
        (Some((_, decision)), Some(_)) if data.proposing => {
            format!("▶ YOUR TEAM'S MOVE: {decision}")
        }
        (Some((_, decision)), Some(_)) => format!("▶ YOUR MOVE: {decision}"),
        (Some((seat, decision)), None) => {
            let who = &data.players[seat.index()];
            format!("{} ({who}) to {decision}", view.scenario.seat_name(seat))
        }
        (None, _) => "the talks are over".to_string(),
    };
    let actions = if !data.paused
        && view
            .to_act
            .is_some_and(|(_, d)| d == crate::engine::Decision::Negotiate)
    {
        format!(
            " {}/{}",
            view.actions_used + 1,
            view.scenario.rules.actions_per_turn
        )
    } else {
        String::new()
    };
    let actions = match data.clock_left {
        Some(left) => format!("{actions} ⏱ {left}s"),
        None => actions,
    };
    let tag = |seat| view.scenario.seat_tag(seat);
    let capital = format!(
        "◆ {} {} {} {} {} {}",
        tag(crate::engine::Seat::Pakistan),
        view.capital[0],
        tag(crate::engine::Seat::Afghanistan),
        view.capital[1],
        tag(crate::engine::Seat::Mediator),
        view.capital[2]
    );
    let round = match &view.accord {
        Some(accord) => format!(
            " Round {}/{} · implementing the accord ",
            view.round, accord.until
        ),
        None => format!(" Round {}/{} ", view.round, view.scenario.rounds),
    };
    let phase = format!("· {:?} · ", view.phase);
    let full = round.chars().count()
        + phase.chars().count()
        + turn.chars().count()
        + actions.chars().count()
        + capital.chars().count()
        + 3;
    // On a narrow screen the phase goes first: the turn already says what is being decided.
    let phase = if full > usize::from(area.width) || view.to_act.is_none() {
        "· ".to_string()
    } else {
        phase
    };
    let line = Line::from(vec![
        Span::styled(round, theme.heading()),
        Span::styled(phase, theme.text()),
        Span::styled(
            format!("{turn}{actions}"),
            if data.actor.is_some() {
                theme.warn()
            } else {
                theme.text()
            },
        ),
        Span::styled(format!(" · {capital}"), theme.dim()),
    ]);
    frame.render_widget(Paragraph::new(line), area);
}

/// The footer: each button's key highlighted, then what it does.
pub(super) fn draw_footer(frame: &mut Frame, area: Rect, data: &TableData, theme: Theme) {
    let mut spans = vec![Span::raw(" ")];
    for label in &data.footer {
        let (key, rest) = label.split_once(' ').unwrap_or((label, ""));
        spans.push(Span::styled(key.to_string(), theme.key()));
        spans.push(Span::raw(format!(" {rest}  ")));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}
