//! The table talk in the report: every message in order with its round (private ones
//! marked, all of them shown: the game is over), and beside each commitment what its two
//! delegations said to each other in the round it was made and the round it broke.

use super::CommitmentRow;
use crate::engine::Scenario;
use crate::engine::talk::{Audience, Message, clean};
use serde::Serialize;

/// One message, as the report gives it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TalkLine {
    /// The round it was said in.
    pub round: u8,
    /// How many actions the game held when it was said.
    pub action: usize,
    /// Who said it: a seat's name, or `Facilitator`.
    pub from: String,
    /// The login that typed it, when it came over the server.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub login: Option<String>,
    /// Who it was for: `the table`, a seat's name, or `Pakistan's delegation`.
    pub to: String,
    /// Whether only some of the table could read it while the game went on.
    pub private: bool,
    /// What was said.
    pub text: String,
}

/// Every message of the game, in order.
pub(super) fn talk_lines(scenario: &Scenario, messages: &[Message]) -> Vec<TalkLine> {
    messages.iter().map(|m| talk_line(scenario, m)).collect()
}

/// What the two delegations of each commitment said to each other (to the table, or
/// privately to one another) in the round it was made and, if it broke, the round it broke.
pub(super) fn words_beside_deeds(
    scenario: &Scenario,
    messages: &[Message],
    commitments: &mut [CommitmentRow],
) {
    let between_delegations = |m: &&Message| {
        let from = m.from.seat().filter(|s| s.is_delegation());
        let to_the_other = match m.to {
            Audience::Table => true,
            Audience::Seat(seat) => seat.is_delegation(),
            Audience::Team(_) => false,
        };
        from.is_some() && to_the_other
    };
    for row in commitments {
        let rounds = [Some(row.round), row.broken_in];
        row.words = messages
            .iter()
            .filter(between_delegations)
            .filter(|m| rounds.contains(&Some(m.round)))
            .map(|m| talk_line(scenario, m))
            .collect();
    }
}

fn talk_line(scenario: &Scenario, message: &Message) -> TalkLine {
    let to = match message.to {
        Audience::Table => "the table".to_string(),
        Audience::Seat(seat) => scenario.seat_name(seat).to_string(),
        Audience::Team(seat) => format!("{}'s delegation", scenario.seat_name(seat)),
    };
    TalkLine {
        round: message.round,
        action: message.action,
        from: message.from.name(&scenario.names).to_string(),
        login: message.login.as_ref().map(|l| clean(l).text),
        to,
        private: message.to.is_private(),
        text: clean(&message.text).text,
    }
}
