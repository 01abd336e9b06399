//! The end screen and debrief: the outcome and the conditions that decided it, every seat's
//! score with the secret objectives revealed, a chart of the meters, the turning points, the
//! game set beside the real talks (when the scenario draws that comparison), the table talk
//! (private messages too), and the scenario's discussion questions.

use crate::engine::Viewer;
use crate::table::Session;
use crate::tui::theme::Theme;
use crate::tui::widgets::draft::Draft;
use crate::tui::widgets::{board, chart, popup};
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
    let scenario = game.scenario();
    let column = board::seat_column(scenario);
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
                &format!("  {:<column$}", scenario.seat_name(seat)),
                &text,
                width,
                column + 2,
                theme.text(),
            ));
        }
    }
    out.push(Line::raw(""));
    out
}

/// Why it ended this way: the decisive conditions, one bullet each.
fn why_it_ended(game: &crate::engine::Game, width: u16, theme: Theme) -> Vec<Line<'static>> {
    let mut out = vec![Line::styled("Why it ended this way", theme.heading())];
    for line in crate::report::why_it_ended(game) {
        out.extend(popup::hanging("  • ", &line, width, 4, theme.text()));
    }
    out.push(Line::raw(""));
    out
}

/// The game beside the real talks, when the scenario draws that comparison: each factor, then
/// each remedy, with where it showed up at this table and what happened in the real talks.
fn comparison(game: &crate::engine::Game, width: u16, theme: Theme) -> Vec<Line<'static>> {
    let Some(section) = crate::report::comparison(game) else {
        return Vec::new();
    };
    let mut out = vec![Line::styled(section.title, theme.heading())];
    for (heading, items) in [("Factors", section.factors), ("Remedies", section.remedies)] {
        if items.is_empty() {
            continue;
        }
        out.push(Line::styled(format!("  {heading}"), theme.heading()));
        for item in items {
            out.push(Line::styled(format!("  • {}", item.name), theme.text()));
            out.extend(popup::hanging(
                "      At this table: ",
                &item.at_this_table,
                width,
                6,
                theme.text(),
            ));
            out.extend(popup::hanging(
                "      In the real talks: ",
                &item.history,
                width,
                6,
                theme.dim(),
            ));
        }
    }
    out.push(Line::raw(""));
    out
}

/// Everything said at the table, private messages too (the game is over): nothing when
/// nobody spoke.
fn table_talk(session: &Session, width: u16, theme: Theme) -> Vec<Line<'static>> {
    let messages = session.messages();
    if messages.is_empty() {
        return Vec::new();
    }
    let names = &session.game().scenario().names;
    let mut out = vec![Line::styled("Table talk", theme.heading())];
    for message in messages {
        let line =
            crate::tui::widgets::talk::line(message, Viewer::Facilitator, names, true, theme);
        let mut spans = vec![Span::raw("  ")];
        spans.extend(line.spans);
        out.extend(crate::tui::widgets::wrap::hanging_line(
            Line::from(spans),
            usize::from(width),
        ));
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
    out.extend(why_it_ended(game, width, theme));

    out.push(Line::styled("Scores", theme.heading()));
    let controllers = session.controllers();
    let column = board::seat_column(scenario);
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
            Span::styled(
                format!("  {:<column$}", scenario.seat_name(seat)),
                theme.seat(seat),
            ),
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
            out.extend(super::table::brief_lines(
                scenario, seat, brief, width, theme,
            ));
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
    out.extend(chart::lines(&view.scenario, &history, theme));
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
    out.extend(comparison(game, width, theme));
    out.extend(table_talk(session, width, theme));

    let answered: Vec<_> = session
        .reflections()
        .iter()
        .filter(|r| !r.answer.is_empty())
        .collect();
    if !answered.is_empty() {
        out.push(Line::styled("Reflections", theme.heading()));
        for reflection in answered {
            let seat = crate::engine::Seat::from_key(&reflection.seat).map_or_else(
                || reflection.seat.clone(),
                |s| scenario.seat_name(s).to_string(),
            );
            let seat = match &reflection.by {
                Some(by) => format!("{seat} ({})", crate::engine::talk::clean(by).text),
                None => seat,
            };
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

/// Asks one reflection prompt of one seat (`seat`: the scenario's name for it), with the
/// answer typed so far.
pub fn draw_reflection(
    frame: &mut Frame,
    seat: &str,
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
    let text = lines(session, width, theme);
    popup::scrolled(
        frame,
        area,
        text,
        Some(Wrap { trim: false }),
        block,
        scroll,
        theme,
    )
}
