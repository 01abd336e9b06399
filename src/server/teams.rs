//! The delegations at a server's tables in words, for the lobby and the facilitator's
//! console: who is in each seat's team and who holds its pen.

use crate::table::Team;

/// The mark beside the name of the delegate who holds the pen.
pub const PEN: char = '✎';

/// A delegation's names in the order they arrived, joined by `+`, the pen-holder marked
/// (`ana ✎ + delegate 2`): a list of seats can then be parted by commas.
pub fn names(team: &Team) -> String {
    team.members()
        .iter()
        .map(|m| match team.holds_pen(m.id) {
            true => format!("{} {PEN}", m.name),
            false => m.name.clone(),
        })
        .collect::<Vec<_>>()
        .join(" + ")
}
