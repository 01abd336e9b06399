//! The public log as lines: a header per round, every entry in words, meter changes indented,
//! and each bot's one-line reason just before what its move did.

use crate::engine::{LogEntry, LogEvent, Scenario, Seat, Viewer};
use crate::table::Reason;
use crate::tui::theme::Theme;
use ratatui::prelude::*;

/// Every line of the log as `viewer` may read it, oldest first.
pub fn lines(
    scenario: &Scenario,
    log: &[LogEntry],
    reasons: &[Reason],
    viewer: Viewer,
    theme: Theme,
) -> Vec<Line<'static>> {
    lines_from(scenario, log, reasons, viewer, theme, 0)
}

/// The last `count` lines of [`lines`] (all of them when there are fewer), built from the
/// newest entries only: a screen that follows the log describes what it shows, not the
/// whole game at every frame.
pub fn last_lines(
    scenario: &Scenario,
    log: &[LogEntry],
    reasons: &[Reason],
    viewer: Viewer,
    theme: Theme,
    count: usize,
) -> Vec<Line<'static>> {
    // Every entry the viewer can read gives a line or more: the newest `count` of them give
    // at least the lines wanted.
    let mut readable = 0;
    let mut start = log.len();
    while start > 0 && readable < count {
        start -= 1;
        if shows(&log[start].event, viewer) {
            readable += 1;
        }
    }
    let mut lines = lines_from(scenario, log, reasons, viewer, theme, start);
    let surplus = lines.len().saturating_sub(count);
    lines.drain(..surplus);
    lines
}

/// Whether `viewer` reads a line for this entry (the round's start has a header instead;
/// an inject is a surprise until its event phase: only the facilitator sees it coming).
fn shows(event: &LogEvent, viewer: Viewer) -> bool {
    match event {
        LogEvent::RoundStarted => false,
        LogEvent::InjectQueued { .. } => viewer == Viewer::Facilitator,
        _ => true,
    }
}

/// The lines of the log's entries from `start` on, as [`lines`] words them.
fn lines_from(
    scenario: &Scenario,
    log: &[LogEntry],
    reasons: &[Reason],
    viewer: Viewer,
    theme: Theme,
    start: usize,
) -> Vec<Line<'static>> {
    let mut out = Vec::with_capacity(log.len() - start + 12);
    // Reasons placed before `start` went with the entries before it.
    let mut reasons = reasons
        .iter()
        .skip_while(|r| r.log_index < start)
        .peekable();
    let mut round = start.checked_sub(1).map_or(0, |before| log[before].round);
    for (index, entry) in log.iter().enumerate().skip(start) {
        if entry.round != round {
            round = entry.round;
            out.push(Line::styled(
                format!("── Round {round} ──"),
                theme.heading(),
            ));
        }
        while let Some(reason) = reasons.next_if(|r| r.log_index <= index) {
            out.push(Line::from(vec![
                Span::styled(
                    format!("{} ({})", scenario.seat_name(reason.seat), reason.by),
                    theme.seat(reason.seat),
                ),
                Span::styled(format!(": {}", reason.text), theme.dim()),
            ]));
        }
        if !shows(&entry.event, viewer) {
            continue;
        }
        let text = entry.describe(scenario);
        let line = match entry.event {
            LogEvent::MeterChanged { .. }
            | LogEvent::CapitalChanged { .. }
            | LogEvent::Drew { .. } => Line::styled(format!("    {text}"), theme.dim()),
            LogEvent::CommitmentBroken { .. }
            | LogEvent::MilestoneBroken { .. }
            | LogEvent::BasketUnravelled { .. }
            | LogEvent::AccordRefused
            | LogEvent::HardlineEscalated { .. }
            | LogEvent::UnilateralPull
            | LogEvent::SeatPulled { .. } => Line::styled(format!("  ✗ {text}"), theme.danger()),
            LogEvent::BasketAgreed { .. }
            | LogEvent::BasketSecured { .. }
            | LogEvent::CommitmentHonoured { .. }
            | LogEvent::CommitmentKept { .. }
            | LogEvent::CommitmentImplemented { .. }
            | LogEvent::MilestonePassed { .. } => Line::styled(format!("  ✓ {text}"), theme.good()),
            LogEvent::GameOver { .. } => Line::styled(format!("■ {text}"), theme.heading()),
            _ => Line::styled(format!("  {text}"), theme.text()),
        };
        out.push(line);
        if let Some(seat) = breaks_nothing(scenario, log, index) {
            out.push(Line::styled(
                format!(
                    "    ({} has no commitment under test: nothing breaks)",
                    scenario.seat_name(seat)
                ),
                theme.dim(),
            ));
        }
    }
    out
}

/// For an event that breaks a delegation's least credible commitment, when it found none:
/// that delegation. The break, if any, follows the event among its own effects.
fn breaks_nothing(scenario: &Scenario, log: &[LogEntry], index: usize) -> Option<Seat> {
    let LogEvent::EventRevealed { event } = log[index].event else {
        return None;
    };
    let seat = scenario.events[usize::from(event)].breaks?;
    let broke = log[index + 1..]
        .iter()
        .take_while(|e| {
            matches!(
                e.event,
                LogEvent::MeterChanged { .. }
                    | LogEvent::MilestoneBroken { .. }
                    | LogEvent::CommitmentBroken { .. }
                    | LogEvent::BasketUnravelled { .. }
            )
        })
        .any(|e| matches!(e.event, LogEvent::CommitmentBroken { by, .. } if by == seat));
    (!broke).then_some(seat)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::Game;
    use crate::engine::rng::GameRng;
    use crate::table::MovedBy;

    /// A whole game of random moves, with a reason before every third move.
    fn played() -> (Game, Vec<Reason>) {
        let scenario = crate::scenario::load("istanbul").expect("istanbul builds");
        let mut game = Game::new(scenario, 11);
        let mut rng = GameRng::from_seed(3);
        let mut reasons = Vec::new();
        while let Some((seat, _)) = game.to_act() {
            let legal = game.legal_actions(seat);
            let action = legal[rng.below(legal.len() as u32) as usize];
            if game.actions().len().is_multiple_of(3) {
                reasons.push(Reason {
                    log_index: game.log().len(),
                    seat,
                    by: MovedBy::Clock,
                    text: format!("move {}", game.actions().len()),
                });
            }
            game.advance(action).expect("a legal move");
        }
        (game, reasons)
    }

    #[test]
    fn the_last_lines_are_the_tail_of_every_line_whatever_the_count_and_viewer() {
        let (game, reasons) = played();
        // Injects queued near the end, which only the facilitator reads.
        let mut entries = game.log().to_vec();
        let queued = LogEntry {
            round: entries[entries.len() - 1].round,
            event: LogEvent::InjectQueued {
                event: crate::engine::EventId(0),
            },
        };
        let at = entries.len() - 4;
        entries.splice(at..at, [queued, queued]);
        let theme = Theme::new(true);
        let viewers = [
            Viewer::Facilitator,
            Viewer::Seat(Seat::Pakistan),
            Viewer::Seat(Seat::Mediator),
        ];
        for viewer in viewers {
            // Part-way through the game too, so a cut falls before and after reasons.
            for end in [1, 7, entries.len() / 2, entries.len() - 3, entries.len()] {
                let log = &entries[..end];
                let all = lines(game.scenario(), log, &reasons, viewer, theme);
                assert!(all.len() > 1 || end == 1);
                for count in 0..all.len() + 3 {
                    let tail = last_lines(game.scenario(), log, &reasons, viewer, theme, count);
                    let expected = &all[all.len().saturating_sub(count)..];
                    assert_eq!(tail, expected, "{viewer:?}, {end} entries, last {count}");
                }
            }
        }
    }
}
