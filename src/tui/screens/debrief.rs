//! The end screen and debrief: the outcome and why, every seat's score with the secret
//! objectives revealed, a chart of the meters, the turning points, and the scenario's
//! discussion questions.

use crate::engine::Viewer;
use crate::table::Session;
use crate::tui::theme::Theme;
use crate::tui::widgets::draft::Draft;
use crate::tui::widgets::{chart, popup};
use ratatui::prelude::*;
use ratatui::widgets::{Block, BorderType, Paragraph, Wrap};

/// Points as the score breakdown writes them: a true minus sign for a loss.
fn signed(points: i16) -> String {
    if points < 0 {
        format!("−{}", points.unsigned_abs())
    } else {
        format!("+{points}")
    }
}

/// The red lines the game crossed, seat by seat, with when and what they cost; nothing when
/// none was crossed.
fn crossed_lines(game: &crate::engine::Game, width: u16, theme: Theme) -> Vec<Line<'static>> {
    let crossed = crate::report::crossed_lines(game);
    if crossed.iter().all(Vec::is_empty) {
        return Vec::new();
    }
    let mut out = vec![Line::styled("Red lines crossed", theme.heading())];
    for (seat, lines) in crate::engine::Seat::ALL.into_iter().zip(&crossed) {
        for line in lines {
            let text = format!(
                "round {}: \"{}\" — {} ({} points)",
                line.round,
                line.text,
                line.what,
                signed(-i16::from(line.cost))
            );
            out.extend(popup::hanging(
                &format!("  {:<12}", seat.to_string()),
                &text,
                width,
                14,
                theme.text(),
            ));
        }
    }
    out.push(Line::raw(""));
    out
}

/// The debrief's lines for a screen `width` columns wide.
pub fn lines(session: &Session, width: u16, theme: Theme) -> Vec<Line<'static>> {
    let game = session.game();
    let view = game.view(Viewer::Facilitator);
    let scenario = &view.scenario;
    let mut out = Vec::new();
    let Some(outcome) = game.outcome() else {
        return out;
    };
    out.push(Line::styled(
        format!("{} — after round {}", outcome, game.round()),
        theme.heading(),
    ));
    out.push(Line::raw(outcome.explanation_in(&scenario.rules)));
    out.push(Line::raw(""));

    out.push(Line::styled("Scores", theme.heading()));
    let controllers = session.controllers();
    for score in game.scores().into_iter().flatten() {
        let seat = score.seat;
        let objective = view.objectives[seat.index()].map(|o| &scenario.objectives[usize::from(o)]);
        let (name, text) = objective.map_or((String::new(), String::new()), |o| {
            (o.name.clone(), o.text.clone())
        });
        let verdict = if score.objective_met {
            "✓ met"
        } else {
            "✗ missed"
        };
        let red_lines = if score.red_lines < 0 {
            format!(" · red lines crossed {}", signed(score.red_lines))
        } else {
            String::new()
        };
        out.push(Line::from(vec![
            Span::styled(format!("  {:<12}", seat.to_string()), theme.seat(seat)),
            Span::styled(format!("{:>4} pts", score.total), theme.heading()),
            Span::raw(format!(
                "  {} · shared outcome {:+} · objective {:+} {}{red_lines}",
                controllers[seat.index()],
                score.shared,
                score.objective,
                verdict
            )),
        ]));
        out.extend(popup::hanging(
            "      Objective: ",
            &format!("{name} — {text}"),
            width,
            17,
            theme.dim(),
        ));
    }
    out.push(Line::raw(""));
    out.extend(crossed_lines(game, width, theme));

    for seat in crate::engine::Seat::ALL {
        if let Some(brief) = &view.briefs[seat.index()] {
            out.extend(super::table::brief_lines(seat, brief, width, theme));
        }
    }

    if !scenario.actors.is_empty() {
        out.push(Line::styled("Not at the table", theme.heading()));
        for (actor, &end) in scenario.actors.iter().zip(&view.actors) {
            out.extend(popup::hanging(
                "  ",
                &format!(
                    "{}: strength {} at the start, {end} at the end. {}",
                    actor.name, actor.strength, actor.about
                ),
                width,
                4,
                theme.text(),
            ));
        }
        out.push(Line::raw(""));
    }

    out.push(Line::styled("The meters, round by round", theme.heading()));
    let mut history = view.meter_history.clone();
    if history.last() != Some(&view.meters) {
        history.push(view.meters);
    }
    out.extend(chart::lines(&history, theme));
    out.push(Line::raw(""));

    out.push(Line::styled("Turning points", theme.heading()));
    let points = crate::report::turning_points(session.game());
    if points.is_empty() {
        out.push(Line::styled("  None stood out.", theme.dim()));
    }
    // A long point wraps under its own text, not under the bullet.
    for point in points {
        out.extend(popup::hanging("  • ", &point, width, 4, theme.text()));
    }
    out.push(Line::raw(""));

    let answered: Vec<_> = session
        .reflections()
        .iter()
        .filter(|r| !r.answer.is_empty())
        .collect();
    if !answered.is_empty() {
        out.push(Line::styled("Reflections", theme.heading()));
        for reflection in answered {
            let seat = crate::engine::Seat::from_key(&reflection.seat)
                .map_or_else(|| reflection.seat.clone(), |s| s.to_string());
            out.extend(popup::hanging(
                &format!("  {seat}: "),
                &format!("{} — {}", reflection.prompt, reflection.answer),
                width,
                4,
                theme.text(),
            ));
        }
        out.push(Line::raw(""));
    }

    if !scenario.questions.is_empty() {
        out.push(Line::styled("For discussion", theme.heading()));
        for (i, question) in scenario.questions.iter().enumerate() {
            let number = format!("  {}. ", i + 1);
            let indent = number.chars().count();
            out.extend(popup::hanging(
                &number,
                question,
                width,
                indent,
                theme.text(),
            ));
        }
    }
    out
}

/// Asks one reflection prompt of one seat, with the answer typed so far.
pub fn draw_reflection(
    frame: &mut Frame,
    seat: crate::engine::Seat,
    prompt: &str,
    (index, total): (usize, usize),
    draft: &Draft,
    theme: Theme,
) {
    let area = crate::tui::widgets::popup::centered(frame.area(), 76, 14);
    let lines = vec![
        Line::styled(
            format!("{seat}, in your own words ({index} of {total}):"),
            theme.heading(),
        ),
        Line::raw(""),
        Line::raw(prompt.to_string()),
        Line::raw(""),
        Line::from(
            [Span::styled("> ", theme.key())]
                .into_iter()
                .chain(draft.spans(theme))
                .collect::<Vec<_>>(),
        ),
    ];
    frame.render_widget(
        Paragraph::new(lines).wrap(Wrap { trim: false }).block(
            Block::bordered()
                .border_type(BorderType::Double)
                .border_style(theme.focus_border())
                .title(Line::styled(" Reflection ", theme.heading()))
                .title_bottom(Line::styled(
                    " type · ←→ move · Enter next · Esc done, skip the rest ",
                    theme.dim(),
                )),
        ),
        area,
    );
}

/// Draws the debrief, scrolled down by `scroll` lines, with `keys` on its border; returns the
/// furthest it can scroll.
pub fn draw(frame: &mut Frame, session: &Session, scroll: u16, keys: &str, theme: Theme) -> u16 {
    let area = frame.area();
    let title = format!(" {} — debrief ", session.game().scenario().title);
    let block = Block::bordered()
        .border_type(BorderType::Double)
        .border_style(theme.focus_border())
        .title(Line::styled(title, theme.heading()))
        .title_bottom(Line::styled(keys.to_string(), theme.dim()));
    let width = block.inner(area).width;
    let text = Paragraph::new(lines(session, width, theme)).wrap(Wrap { trim: false });
    popup::scrolled(frame, area, text, block, scroll, theme)
}
