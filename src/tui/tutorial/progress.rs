//! How far a seat has come through its steps: a pure function of the game's public log (and
//! whether the seat has closed its brief), so it needs nothing saved and is recomputed the
//! same after a resume or an undo (an undo cuts the log back).

use crate::engine::{LogEntry, LogEvent, Seat, TableId};
use crate::scenario::steps::{DoneWhen, Step};
use std::collections::HashMap;

/// The number of `steps` done: each step counts only what the log records after the step
/// before it was done, so a step waits for its own action and is not completed by an earlier
/// one.
pub fn steps_done(steps: &[Step], seat: Seat, log: &[LogEntry], briefed: bool) -> usize {
    let mut done = 0;
    let skip_briefed = |done: &mut usize| {
        while briefed
            && steps
                .get(*done)
                .is_some_and(|s| s.done_when == DoneWhen::Briefed)
        {
            *done += 1;
        }
    };
    skip_briefed(&mut done);
    let mut demands: HashMap<TableId, Seat> = HashMap::new();
    for entry in log {
        if let LogEvent::DemandTabled { id, by, .. } = entry.event {
            demands.insert(id, by);
        }
        let Some(step) = steps.get(done) else {
            break;
        };
        if completes(step.done_when, seat, &entry.event, &demands) {
            done += 1;
            skip_briefed(&mut done);
        }
    }
    done
}

/// Whether log event `event` completes a step that waits for `done_when` of `seat`.
fn completes(
    done_when: DoneWhen,
    seat: Seat,
    event: &LogEvent,
    demands: &HashMap<TableId, Seat>,
) -> bool {
    match (done_when, *event) {
        (DoneWhen::Briefed, _) => false,
        (DoneWhen::DemandTabled, LogEvent::DemandTabled { by, .. })
        | (DoneWhen::DemandMet, LogEvent::DemandMet { by, .. })
        | (DoneWhen::Passed, LogEvent::Passed { seat: by })
        | (DoneWhen::Posture, LogEvent::PostureTaken { seat: by, .. })
        | (DoneWhen::EventChosen, LogEvent::EventChosen { seat: by, .. })
        | (DoneWhen::Voted, LogEvent::AccordVote { seat: by, .. }) => by == seat,
        (DoneWhen::OwnDemandMet, LogEvent::DemandMet { id, .. }) => demands.get(&id) == Some(&seat),
        (DoneWhen::Verified, LogEvent::CommitmentVerified { .. })
        | (DoneWhen::MonitorsDecided, LogEvent::MonitorsDeployed { .. })
        | (DoneWhen::MonitorsDecided, LogEvent::MonitorsRefused { .. })
        | (DoneWhen::Tested, LogEvent::CommitmentTested { .. })
        | (DoneWhen::AccordTabled, LogEvent::AccordTabled)
        | (DoneWhen::RoundStarted, LogEvent::RoundStarted) => true,
        _ => false,
    }
}
