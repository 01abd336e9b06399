//! What a table rebuilds from its game's history: the meters after each seat's last move, and
//! where each bot or clock reason sits in the log.

use super::{Controller, MovedBy, Reason};
use crate::engine::{Action, Game, LogEntry, LogEvent, Meters, own_part};
use crate::save::Note;

/// The meters just after each seat's last action in `game` (the start for a seat that has not
/// acted), found by replaying the actions, so a resumed game shows changes since then.
pub(super) fn meters_after_last_actions(game: &Game) -> [Meters; 3] {
    let mut after = [game.scenario().start; 3];
    let mut replay = Game::new(game.scenario().clone(), game.seed());
    for action in game.actions() {
        let before = replay.meters();
        let Ok(entries) = replay.apply(*action) else {
            break;
        };
        after[action.seat().index()] = meters_after_move(action, before, &entries, &replay);
    }
    after
}

/// The meters a seat sees as "after its move" once `action` has been applied to `game`: an
/// undo leaves the game as it now stands; any other move, its own part (see
/// [`after_own_part`]).
pub(super) fn meters_after_move(
    action: &Action,
    before: Meters,
    entries: &[LogEntry],
    game: &Game,
) -> Meters {
    match action {
        Action::Undo { .. } => game.meters(),
        _ => after_own_part(before, entries),
    }
}

/// The meters once an action's own effects were applied (from `before` and the log entries
/// the action wrote), leaving out what the game then resolved by itself: the postures'
/// reveal, the round-end tests and upkeep, the next event, a refused accord. So a seat whose
/// move closed a phase still sees all of that as change on its next turn.
pub fn after_own_part(before: Meters, entries: &[LogEntry]) -> Meters {
    let mut meters = before;
    for entry in own_part(entries) {
        if let LogEvent::MeterChanged { meter, now, .. } = entry.event {
            meters.set(meter, i32::from(now));
        }
    }
    meters
}

/// What the log says when the decision clock moves for a seat.
pub(super) fn clock_reason(action: &Action) -> String {
    format!("time ran out: {}.", crate::bot::passive_reason(action))
}

/// Where each saved note's action starts in the log, found by replaying the actions.
pub(super) fn place_notes(
    game: &Game,
    controllers: &[Controller; 3],
    notes: &[Note],
) -> Vec<Reason> {
    if notes.is_empty() {
        return Vec::new();
    }
    let mut replay = Game::new(game.scenario().clone(), game.seed());
    let mut starts = Vec::with_capacity(game.actions().len());
    for action in game.actions() {
        starts.push(replay.log().len());
        if replay.apply(*action).is_err() {
            break;
        }
    }
    notes
        .iter()
        .filter_map(|note| {
            let action = game.actions().get(note.action)?;
            let by = match controllers[action.seat().index()] {
                _ if note.by_clock => MovedBy::Clock,
                Controller::Bot(policy) => MovedBy::Bot(policy),
                Controller::Human => return None,
            };
            Some(Reason {
                log_index: *starts.get(note.action)?,
                seat: action.seat(),
                by,
                text: note.text.clone(),
            })
        })
        .filter(|r| r.log_index < game.log().len())
        .collect()
}
