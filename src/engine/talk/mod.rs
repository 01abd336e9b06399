//! Table talk: the words said at a table beside the game. A [`Message`] is never a game
//! action: it changes nothing in the game, draws nothing from its generator, and is kept
//! beside the action list (in the save, with the round and the action it came after).
//!
//! This module holds the record ([`Message`], who speaks, [`Audience`]) and its rules: who may
//! read a message ([`Message::readable_by`]), who is only told that one was sent
//! ([`Message::noticed_by`]), how a typed line names its audience (`address`, an `@seat` at
//! its start) and what text is let through (`clean`: one line, no control characters, at
//! most [`MAX_CHARS`]). Who may send, how often, and who is muted is the table's business.

mod address;
mod clean;

pub use address::{Addressed, address, audience_words, mentions, preview};
pub use clean::{Cleaned, MAX_CHARS, clean};

use super::{Seat, SeatNames, Viewer};
use serde::{Deserialize, Serialize};
use std::fmt;

/// Who said something at a table.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(into = "String", try_from = "String")]
pub enum Speaker {
    /// A seat: its person (or one of its people), or its bot.
    Seat(Seat),
    /// The facilitator (an announcement, or a word to one table).
    Facilitator,
}

impl Speaker {
    /// The seat that spoke, when a seat did.
    pub fn seat(self) -> Option<Seat> {
        match self {
            Speaker::Seat(seat) => Some(seat),
            Speaker::Facilitator => None,
        }
    }

    /// The speaker's name as people read it: the scenario's name for the seat, or
    /// `Facilitator`.
    pub fn name(self, names: &SeatNames) -> &str {
        match self {
            Speaker::Seat(seat) => &names.seats[seat.index()],
            Speaker::Facilitator => "Facilitator",
        }
    }
}

impl From<Speaker> for String {
    fn from(speaker: Speaker) -> String {
        match speaker {
            Speaker::Seat(seat) => seat.key().to_string(),
            Speaker::Facilitator => "facilitator".to_string(),
        }
    }
}

impl TryFrom<String> for Speaker {
    type Error = String;
    fn try_from(key: String) -> Result<Speaker, String> {
        match key.as_str() {
            "facilitator" => Ok(Speaker::Facilitator),
            other => Seat::from_key(other)
                .map(Speaker::Seat)
                .ok_or_else(|| format!("no speaker is called `{other}`")),
        }
    }
}

/// Who a message is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(into = "String", try_from = "String")]
pub enum Audience {
    /// Everyone at the table, spectators too.
    Table,
    /// One seat, privately: read by that seat and the sender only (and the facilitator).
    /// The others are told that a private message was sent, not what it said.
    Seat(Seat),
    /// A seat's own delegation (its people, when several share the seat): read by that seat
    /// only (and the facilitator); nobody else is told of it.
    Team(Seat),
}

impl Audience {
    /// Whether only some of the table may read it.
    pub fn is_private(self) -> bool {
        self != Audience::Table
    }
}

impl From<Audience> for String {
    fn from(audience: Audience) -> String {
        match audience {
            Audience::Table => "table".to_string(),
            Audience::Seat(seat) => seat.key().to_string(),
            Audience::Team(seat) => format!("team:{}", seat.key()),
        }
    }
}

impl TryFrom<String> for Audience {
    type Error = String;
    fn try_from(key: String) -> Result<Audience, String> {
        let seat =
            |key: &str| Seat::from_key(key).ok_or_else(|| format!("no audience is called `{key}`"));
        match key.as_str() {
            "table" => Ok(Audience::Table),
            other => match other.strip_prefix("team:") {
                Some(team) => seat(team).map(Audience::Team),
                None => seat(other).map(Audience::Seat),
            },
        }
    }
}

/// One thing said at a table.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Message {
    /// The round it was said in.
    pub round: u8,
    /// How many actions the game held when it was said: it came after action `action`
    /// (counted from 1), before the next.
    pub action: usize,
    /// Who said it.
    pub from: Speaker,
    /// The login that typed it, when it came over the server (`pakistan.2`); `None` for a
    /// person at a local game and for a bot.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub login: Option<String>,
    /// Who it was for.
    pub to: Audience,
    /// What was said: one line, cleaned (see [`clean`]).
    pub text: String,
}

impl Message {
    /// Whether `viewer` may read the message: a public one everyone; a private one its
    /// sender's seat and its recipient; a delegation's own the seat; everything the
    /// facilitator.
    pub fn readable_by(&self, viewer: Viewer) -> bool {
        match (self.to, viewer) {
            (_, Viewer::Facilitator) | (Audience::Table, _) => true,
            (Audience::Seat(to), Viewer::Seat(me)) => to == me || self.from == Speaker::Seat(me),
            (Audience::Team(team), Viewer::Seat(me)) => team == me,
            (_, Viewer::Spectator) => false,
        }
    }

    /// Whether `viewer` is told that the message was sent without reading it: a private
    /// message between two seats (or from the facilitator to one), seen from elsewhere at the
    /// table. A delegation's own channel is not announced.
    pub fn noticed_by(&self, viewer: Viewer) -> bool {
        matches!(self.to, Audience::Seat(_)) && !self.readable_by(viewer)
    }

    /// Whether `viewer` sees anything of it: its text, or that it was sent.
    pub fn shown_to(&self, viewer: Viewer) -> bool {
        self.readable_by(viewer) || self.noticed_by(viewer)
    }

    /// The message in one line as `viewer` sees it, without its round: `Pakistan: text`,
    /// `Mediator → Pakistan (private): text`, or for a viewer who may not read it
    /// `Mediator → Pakistan: a private message`.
    pub fn line_for(&self, viewer: Viewer, names: &SeatNames) -> String {
        let from = self.from.name(names);
        let text = clean(&self.text).text;
        match self.to {
            Audience::Table => format!("{from}: {text}"),
            Audience::Seat(to) if self.readable_by(viewer) => {
                format!("{from} → {} (private): {text}", names.seats[to.index()])
            }
            Audience::Seat(to) => {
                format!("{from} → {}: a private message", names.seats[to.index()])
            }
            Audience::Team(_) => format!("{from} (to the delegation): {text}"),
        }
    }
}

impl fmt::Display for Speaker {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&String::from(*self))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn said(from: Speaker, to: Audience) -> Message {
        Message {
            round: 1,
            action: 0,
            from,
            login: None,
            to,
            text: "hello".into(),
        }
    }

    #[test]
    fn a_private_message_is_read_by_its_two_seats_and_the_facilitator_only() {
        let private = said(
            Speaker::Seat(Seat::Mediator),
            Audience::Seat(Seat::Pakistan),
        );
        let read: Vec<bool> = [
            Viewer::Seat(Seat::Pakistan),
            Viewer::Seat(Seat::Afghanistan),
            Viewer::Seat(Seat::Mediator),
            Viewer::Spectator,
            Viewer::Facilitator,
        ]
        .map(|v| private.readable_by(v))
        .to_vec();
        assert_eq!(read, [true, false, true, false, true]);
        assert!(private.noticed_by(Viewer::Seat(Seat::Afghanistan)));
        assert!(private.noticed_by(Viewer::Spectator));
        assert!(!private.noticed_by(Viewer::Seat(Seat::Pakistan)));
        let public = said(Speaker::Seat(Seat::Afghanistan), Audience::Table);
        assert!(public.readable_by(Viewer::Spectator));
        let team = said(
            Speaker::Seat(Seat::Pakistan),
            Audience::Team(Seat::Pakistan),
        );
        assert!(team.readable_by(Viewer::Seat(Seat::Pakistan)));
        assert!(!team.shown_to(Viewer::Seat(Seat::Afghanistan)));
        assert!(!team.shown_to(Viewer::Spectator));
        assert!(team.readable_by(Viewer::Facilitator));
    }

    #[test]
    fn speakers_and_audiences_are_written_as_words() {
        let message = Message {
            login: Some("pakistan.2".into()),
            ..said(Speaker::Facilitator, Audience::Team(Seat::Pakistan))
        };
        let json = serde_json::to_string(&message).unwrap();
        assert_eq!(
            json,
            r#"{"round":1,"action":0,"from":"facilitator","login":"pakistan.2","to":"team:pakistan","text":"hello"}"#
        );
        assert_eq!(serde_json::from_str::<Message>(&json).unwrap(), message);
        for to in [Audience::Table, Audience::Seat(Seat::Afghanistan)] {
            let text = String::from(to);
            assert_eq!(Audience::try_from(text).unwrap(), to);
        }
        assert!(Audience::try_from("team:nobody".to_string()).is_err());
        assert!(serde_json::from_str::<Message>(&json.replace("facilitator", "chair")).is_err());
    }
}
