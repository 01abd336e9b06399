//! The report as Markdown: headings, tables and a text chart that read well projected or
//! printed.

use super::{Bundle, Report};
use crate::engine::Meter;
use std::fmt::Write;

/// Every report of the bundle, then the comparisons. A control character in a text from the
/// save (a forged note, say) is written as a visible escape, never raw, so the report is
/// safe to print in a terminal.
pub fn to_markdown(bundle: &Bundle) -> String {
    let mut out = String::new();
    for report in &bundle.reports {
        write_report(&mut out, report);
    }
    if !bundle.comparisons.is_empty() {
        out.push_str("# Comparing the tables\n\n");
        out.push_str(
            "Same scenario, same seed: the games were identical until a choice differed.\n\n",
        );
        out.push_str("| tables | first different action | round | choices there | outcomes |\n");
        out.push_str("|---|---|---|---|---|\n");
        for c in &bundle.comparisons {
            let _ = writeln!(
                out,
                "| {} vs {} | {} | {} | {} / {} | {} / {} |",
                c.games[0],
                c.games[1],
                c.first_different_action
                    .map_or("none: identical".to_string(), |i| format!("#{}", i + 1)),
                c.round.map_or("–".to_string(), |r| r.to_string()),
                c.choices[0],
                c.choices[1],
                c.outcomes[0],
                c.outcomes[1]
            );
        }
        out.push('\n');
    }
    crate::scenario::limits::escape_controls(&out).into_owned()
}

fn write_report(out: &mut String, r: &Report) {
    let _ = writeln!(out, "# {} — {}\n", r.title, r.name);
    let _ = writeln!(
        out,
        "Scenario `{}`, seed {}, {} action{}, round {}.\n",
        r.scenario,
        r.seed,
        r.actions,
        if r.actions == 1 { "" } else { "s" },
        r.round
    );
    if !r.unverified.is_empty() {
        let _ = writeln!(
            out,
            "> **Not verified:** this save is in format version 1, whose digest covers only the \
             game (the moves and where they led). As the file gives them, unchecked: {}.\n",
            r.unverified.join("; ")
        );
    }
    out.push_str("## Outcome\n\n");
    match &r.outcome {
        Some(o) => {
            let _ = writeln!(out, "**{}.** {}\n", o.text, o.explanation);
        }
        None => out.push_str("The game is still in progress.\n\n"),
    }
    push_list(
        out,
        "Why it ended this way",
        &r.why,
        "The game is still in progress.",
    );
    if let Some(comparison) = &r.comparison {
        write_comparison(out, comparison);
    }

    out.push_str("## Seats, secret objectives and scores\n\n");
    out.push_str("| seat | played by | secret objective | met | score |\n|---|---|---|---|---|\n");
    for s in &r.seats {
        let _ = writeln!(
            out,
            "| {} | {} | **{}**: {} | {} | {} |",
            s.seat,
            s.played_by,
            s.objective,
            s.objective_text,
            s.objective_met
                .map_or("–", |met| if met { "yes" } else { "no" }),
            s.score.map_or("–".to_string(), |v| v.to_string())
        );
    }
    out.push('\n');

    write_crossed_lines(out, r);

    if r.seats.iter().any(|s| s.brief.is_some()) {
        out.push_str("## The confidential briefs\n\n");
        for s in &r.seats {
            let Some(brief) = &s.brief else { continue };
            let _ = writeln!(out, "### {}\n\n{}\n", s.seat, brief.situation);
            for line in &brief.red_lines {
                let _ = writeln!(out, "- Red line: {}", line.shown());
            }
            if let Some(kinds) = brief.refused_monitors_words() {
                let _ = writeln!(out, "- Refuses on its pledges: {kinds}");
            }
            for line in &brief.may_concede {
                let _ = writeln!(out, "- May concede: {line}");
            }
            if !brief.alternative.is_empty() {
                let _ = writeln!(out, "- If the talks fail: {}", brief.alternative);
            }
            out.push('\n');
        }
    }

    write_actors(out, r);

    out.push_str("## The meters, round by round\n\n");
    out.push_str("| when |");
    for meter in Meter::ALL {
        let _ = write!(out, " {} |", r.meter_name(meter));
    }
    out.push_str("\n|---|");
    out.push_str(&"---:|".repeat(Meter::ALL.len()));
    out.push('\n');
    for row in &r.meters {
        let _ = write!(out, "| {} |", row.when);
        for meter in Meter::ALL {
            let _ = write!(
                out,
                " {} |",
                row.values.get(meter.key()).copied().unwrap_or(0)
            );
        }
        out.push('\n');
    }
    out.push_str("\n```\n");
    for meter in Meter::ALL {
        let line: String = r
            .meters
            .iter()
            .map(|row| {
                let value = row.values.get(meter.key()).copied().unwrap_or(0);
                bar(value, meter.max())
            })
            .collect();
        let _ = writeln!(out, "{:<20} {line}", r.meter_name(meter));
    }
    out.push_str("```\n\n");

    out.push_str("## Commitments\n\n");
    if r.commitments.is_empty() {
        out.push_str("No commitment was made.\n\n");
    } else {
        out.push_str("| # | round | by | basket | credibility | verified to | fate |\n|---|---|---|---|---|---|---|\n");
        for c in &r.commitments {
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {}% | {} | {} |",
                c.id,
                c.round,
                c.by,
                c.basket,
                c.credibility,
                c.verified_to.map_or("–".to_string(), |v| format!("{v}%")),
                c.fate
            );
        }
        out.push('\n');
    }

    push_list(
        out,
        "Events, round by round",
        &r.events,
        "No event came up.",
    );
    push_list(
        out,
        "Decisions, round by round",
        &r.decisions,
        "Nobody decided anything yet.",
    );
    push_list(out, "Turning points", &r.turning_points, "None stood out.");
    push_list(
        out,
        "Injects",
        &r.injects,
        "The facilitator injected nothing.",
    );

    out.push_str("## Why the bots moved as they did\n\n");
    if r.bot_reasons.is_empty() {
        out.push_str("No bot played at this table.\n");
    }
    push_move_notes(out, &r.bot_reasons);
    out.push('\n');

    if !r.clock_moves.is_empty() {
        out.push_str(
            "## Moves the decision clock made

",
        );
        push_move_notes(out, &r.clock_moves);
        out.push('\n');
    }

    write_talk(out, r);

    out.push_str("## Reflections\n\n");
    for s in r.seats.iter().filter(|s| !s.own_reflection.is_empty()) {
        let _ = writeln!(out, "Asked of {} alone:\n", s.seat);
        for prompt in &s.own_reflection {
            let _ = writeln!(out, "- *{prompt}*");
        }
        out.push('\n');
    }
    if r.reflections.is_empty() {
        out.push_str("Nobody wrote a reflection.\n");
    }
    for reflection in &r.reflections {
        // The seat by the scenario's name for it: its section, found by the seat's index.
        let seat = crate::engine::Seat::from_key(&reflection.seat)
            .and_then(|s| r.seats.get(s.index()))
            .map_or_else(|| reflection.seat.clone(), |s| s.seat.clone());
        // A delegation's members answered apart: each answer under its writer's name.
        let seat = match &reflection.by {
            Some(by) => format!("{seat} ({})", crate::engine::talk::clean(by).text),
            None => seat,
        };
        let _ = writeln!(
            out,
            "- **{seat}** — *{}* {}",
            reflection.prompt, reflection.answer
        );
    }
    out.push('\n');

    if !r.questions.is_empty() {
        out.push_str("## For discussion\n\n");
        for (i, q) in r.questions.iter().enumerate() {
            let _ = writeln!(out, "{}. {q}", i + 1);
        }
        out.push('\n');
    }
}

/// A section that is a bulleted list, or `when_empty` when it has nothing.
/// The parties that held no seat: who they are, their strength at the start and at the end,
/// how often they acted. Nothing for a scenario without actors.
fn write_actors(out: &mut String, r: &Report) {
    if r.actors.is_empty() {
        return;
    }
    out.push_str("## Actors without a seat\n\n");
    for a in &r.actors {
        let times = if a.acted == 1 { "time" } else { "times" };
        let _ = writeln!(
            out,
            "- **{}**: strength {} at the start, {} at the end; acted {} {times}. {}",
            a.name, a.start, a.end, a.acted, a.about
        );
    }
    out.push('\n');
}

fn push_list(out: &mut String, heading: &str, items: &[String], when_empty: &str) {
    let _ = writeln!(out, "## {heading}\n");
    if items.is_empty() {
        let _ = writeln!(out, "{when_empty}");
    }
    for item in items {
        let _ = writeln!(out, "- {item}");
    }
    out.push('\n');
}

const LEVELS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

fn bar(value: u8, max: u8) -> char {
    let index = usize::from(value) * (LEVELS.len() - 1) / usize::from(max.max(1));
    LEVELS[index.min(LEVELS.len() - 1)]
}

/// One line for each note: the round, the action's number, the seat and why it moved.
fn push_move_notes(out: &mut String, notes: &[super::MoveNote]) {
    for note in notes {
        let _ = writeln!(
            out,
            "- round {}, action {}: {} — {}",
            note.round,
            note.action + 1,
            note.seat,
            note.reason
        );
    }
}

/// The game beside the real talks: each factor, then each remedy, where it showed up at this
/// table and what happened in the real talks.
fn write_comparison(out: &mut String, c: &super::ComparisonSection) {
    let _ = writeln!(out, "## {}\n", c.title);
    out.push_str(
        "Factor by factor, then remedy by remedy: where each showed up at this table, and what \
         happened in the real talks.\n\n",
    );
    for (heading, items) in [("Factors", &c.factors), ("Remedies", &c.remedies)] {
        if items.is_empty() {
            continue;
        }
        let _ = writeln!(out, "### {heading}\n");
        for item in items {
            let _ = writeln!(
                out,
                "- **{}.** At this table: {}. In the real talks: {}",
                item.name, item.at_this_table, item.history
            );
        }
        out.push('\n');
    }
}

/// The red lines the game crossed, seat by seat, when it crossed any.
fn write_crossed_lines(out: &mut String, r: &Report) {
    if r.seats.iter().all(|s| s.red_lines_crossed.is_empty()) {
        return;
    }
    out.push_str(
        "## Red lines crossed

",
    );
    out.push_str("| seat | red line | crossed by | round | points |\n|---|---|---|---|---|\n");
    for s in &r.seats {
        for line in &s.red_lines_crossed {
            let _ = writeln!(
                out,
                "| {} | {} | {} (`{}`) | {} | −{} |",
                s.seat, line.text, line.what, line.rule, line.round, line.cost
            );
        }
    }
    out.push('\n');
}

/// The table talk: every message in order, private ones marked; then, for each commitment
/// its delegations spoke around, the words beside the deed.
fn write_talk(out: &mut String, r: &Report) {
    out.push_str("## Table talk\n\n");
    if r.talk.is_empty() {
        out.push_str("Nobody wrote a message.\n\n");
        return;
    }
    for line in &r.talk {
        let _ = writeln!(out, "- round {}: {}", line.round, said(line));
    }
    out.push('\n');
    let spoken: Vec<&super::CommitmentRow> = r
        .commitments
        .iter()
        .filter(|c| !c.words.is_empty())
        .collect();
    if spoken.is_empty() {
        return;
    }
    out.push_str(
        "### Words and deeds\n\nWhat the two delegations said to each other in the round \
         each commitment was made and the round it broke.\n\n",
    );
    for c in spoken {
        let broke = c
            .broken_in
            .map_or(String::new(), |round| format!(", broken in round {round}"));
        let _ = writeln!(
            out,
            "**#{} {} in {}** (made in round {}{broke}):\n",
            c.id, c.by, c.basket, c.round
        );
        for line in &c.words {
            let when = match c.broken_in {
                Some(round) if round == line.round && round != c.round => "as it broke",
                _ => "as it was made",
            };
            let _ = writeln!(out, "- round {}, {when}: {}", line.round, said(line));
        }
        out.push('\n');
    }
}

/// One message in a line: `Pakistan [pakistan.2] → Afghanistan (private): text`.
fn said(line: &super::TalkLine) -> String {
    let login = line
        .login
        .as_ref()
        .map_or(String::new(), |login| format!(" [{login}]"));
    let to = if line.to == "the table" {
        String::new()
    } else {
        let private = if line.private { " (private)" } else { "" };
        format!(" → {}{private}", line.to)
    };
    format!("{}{login}{to}: {}", line.from, line.text)
}
