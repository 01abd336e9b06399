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
    let mut out = Vec::with_capacity(log.len() + reasons.len() + 12);
    let mut reasons = reasons.iter().peekable();
    let mut round = 0;
    for (index, entry) in log.iter().enumerate() {
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
        if matches!(entry.event, LogEvent::RoundStarted) {
            continue;
        }
        // An inject is a surprise until its event phase: only the facilitator sees it coming.
        if matches!(entry.event, LogEvent::InjectQueued { .. }) && viewer != Viewer::Facilitator {
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
