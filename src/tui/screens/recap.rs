//! The account of what happened since a seat's last turn, drawn over the table: each meter
//! that moved with what moved it, the postures revealed, then every round's happenings. The
//! account itself is [`crate::engine::recap`]'s; this only words and draws it.

use crate::engine::{Recap, Scenario, Seat};
use crate::tui::theme::Theme;
use crate::tui::widgets::{meters::short_name, popup};
use ratatui::prelude::*;
use ratatui::widgets::{Block, BorderType, Clear, Padding};

/// A change with its sign, a true minus for a loss.
fn signed(delta: i32) -> String {
    if delta < 0 {
        format!("−{}", -delta)
    } else {
        format!("+{delta}")
    }
}

/// The account as lines `width` columns wide, for `seat`'s eyes.
pub fn lines(
    recap: &Recap,
    scenario: &Scenario,
    seat: Seat,
    width: u16,
    theme: Theme,
) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    if recap.is_empty() {
        lines.push(Line::styled(
            "Nothing has happened since your last turn.",
            theme.dim(),
        ));
        return lines;
    }
    if !recap.meters.is_empty() {
        lines.push(Line::styled(
            "Meters since your last turn, and what moved them",
            theme.heading(),
        ));
        for m in &recap.meters {
            let net = i32::from(m.to) - i32::from(m.from);
            let causes: Vec<String> = m
                .causes
                .iter()
                .map(|(why, delta)| format!("{} {why}", signed(*delta)))
                .collect();
            let head = format!(
                "{} {} → {} ({}): ",
                short_name(scenario, m.meter),
                m.from,
                m.to,
                if net == 0 {
                    "±0".to_string()
                } else {
                    signed(net)
                }
            );
            let mut line = popup::hanging(
                "",
                &format!("{head}{}", causes.join(", ")),
                width,
                2,
                theme.text(),
            );
            // The meter and its change stand out from their causes.
            if let Some(first) = line.first_mut() {
                let text = first.to_string();
                let (name, rest) = text.split_at(head.len().min(text.len()));
                *first = Line::from(vec![
                    Span::styled(name.to_string(), theme.heading()),
                    Span::raw(rest.to_string()),
                ]);
            }
            lines.extend(line);
        }
    }
    // The postures revealed, each round's pair on one line.
    let mut rounds: Vec<u8> = recap.postures.iter().map(|p| p.0).collect();
    rounds.dedup();
    for round in rounds {
        let pair: Vec<String> = recap
            .postures
            .iter()
            .filter(|p| p.0 == round)
            .map(|&(_, who, posture)| {
                let you = if who == seat { " (you)" } else { "" };
                format!("{}{you} {posture}", scenario.seat_name(who))
            })
            .collect();
        lines.push(Line::raw(""));
        lines.extend(popup::hanging(
            "",
            &format!("Postures revealed, round {round}: {}", pair.join(" · ")),
            width,
            2,
            theme.text(),
        ));
    }
    for round in &recap.rounds {
        lines.push(Line::raw(""));
        lines.push(Line::styled(
            format!("Round {}", round.round),
            theme.heading(),
        ));
        for line in &round.lines {
            lines.extend(popup::hanging("  ", line, width, 4, theme.text()));
        }
    }
    lines
}

/// Draws the account over the table, `hint` on its bottom border; returns how far it can
/// scroll and a page of it.
pub fn draw(
    frame: &mut Frame,
    recap: &Recap,
    scenario: &Scenario,
    seat: Seat,
    scroll: u16,
    hint: &str,
    theme: Theme,
) -> (u16, u16) {
    let screen = frame.area();
    let width = screen.width.saturating_sub(2).min(90);
    let text = lines(recap, scenario, seat, width.saturating_sub(4), theme);
    let height = u16::try_from(text.len() + 2)
        .unwrap_or(u16::MAX)
        .min(screen.height.saturating_sub(2));
    let area = popup::centered(screen, width, height);
    frame.render_widget(Clear, area);
    let block = Block::bordered()
        .border_type(BorderType::Double)
        .border_style(theme.focus_border())
        .padding(Padding::horizontal(1))
        .title(Line::styled(
            format!(" {}: since your last turn ", scenario.seat_name(seat)),
            theme.heading(),
        ))
        .title_bottom(Line::styled(format!(" {hint} "), theme.dim()));
    let page = block.inner(area).height.saturating_sub(1).max(1);
    let max = popup::scrolled(frame, area, text, None, block, scroll, theme);
    (max, page)
}
