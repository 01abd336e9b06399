//! The small closed vocabularies of the game: seats, baskets, card kinds and postures.
//!
//! Scenario files name these in `snake_case`; the enums below are the only spellings accepted.

use serde::{Deserialize, Serialize};
use std::fmt;

/// One of the three seats at the table. It prints as its usual name ("Pakistan"); the texts
/// people read use the scenario's name for it, [`super::Scenario::seat_name`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Seat {
    /// The Pakistani delegation.
    Pakistan,
    /// The Afghan delegation.
    Afghanistan,
    /// The mediators (Türkiye and Qatar as hosts).
    Mediator,
}

impl Seat {
    /// Every seat, in index order.
    pub const ALL: [Seat; 3] = [Seat::Pakistan, Seat::Afghanistan, Seat::Mediator];
    /// The two delegations, in index order.
    pub const DELEGATIONS: [Seat; 2] = [Seat::Pakistan, Seat::Afghanistan];

    /// A dense index (0, 1, 2) for per-seat arrays.
    pub fn index(self) -> usize {
        self as usize
    }

    /// The name used in files and on the command line (`pakistan`).
    pub fn key(self) -> &'static str {
        match self {
            Seat::Pakistan => "pakistan",
            Seat::Afghanistan => "afghanistan",
            Seat::Mediator => "mediator",
        }
    }

    /// True for the two delegations, false for the mediator.
    pub fn is_delegation(self) -> bool {
        self != Seat::Mediator
    }

    /// The other delegation, or `None` for the mediator.
    pub fn rival(self) -> Option<Seat> {
        match self {
            Seat::Pakistan => Some(Seat::Afghanistan),
            Seat::Afghanistan => Some(Seat::Pakistan),
            Seat::Mediator => None,
        }
    }

    /// Parses a seat name as used on the command line.
    pub fn from_key(key: &str) -> Option<Seat> {
        Seat::ALL.into_iter().find(|s| s.key() == key)
    }
}

impl fmt::Display for Seat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Seat::Pakistan => "Pakistan",
            Seat::Afghanistan => "Afghanistan",
            Seat::Mediator => "Mediator",
        })
    }
}

/// One of the four baskets of the accord.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Basket {
    /// Action against sanctuaries, patrols, intelligence coordination.
    Security,
    /// Monitoring and verification mechanisms.
    Verification,
    /// Non-interference and respect for territorial integrity.
    Sovereignty,
    /// Crossings, trade, corridors and refugees.
    Humanitarian,
}

impl Basket {
    /// Every basket, in index order.
    pub const ALL: [Basket; 4] = [
        Basket::Security,
        Basket::Verification,
        Basket::Sovereignty,
        Basket::Humanitarian,
    ];

    /// A dense index (0..4) for per-basket arrays.
    pub fn index(self) -> usize {
        self as usize
    }

    /// The name used in files (`humanitarian`).
    pub fn key(self) -> &'static str {
        match self {
            Basket::Security => "security",
            Basket::Verification => "verification",
            Basket::Sovereignty => "sovereignty",
            Basket::Humanitarian => "humanitarian",
        }
    }
}

impl fmt::Display for Basket {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Basket::Security => "Security",
            Basket::Verification => "Verification",
            Basket::Sovereignty => "Sovereignty",
            Basket::Humanitarian => "Humanitarian & Trade",
        })
    }
}

/// What sort of move a card is; decides who may play it and how it resolves.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CardKind {
    /// Asks the other delegation for something in a basket; stays pending until answered.
    Demand,
    /// Puts a commitment on the table; answers a demand or stands alone.
    Assurance,
    /// Small, immediate confidence-building step; anyone may play one.
    Confidence,
    /// The mediator's tools: verification, guarantees, bridging proposals.
    Mediation,
    /// A unilateral move: relief at home, cost at the table.
    Pressure,
}

impl CardKind {
    /// The name used in files and shown on cards.
    pub fn key(self) -> &'static str {
        match self {
            CardKind::Demand => "demand",
            CardKind::Assurance => "assurance",
            CardKind::Confidence => "confidence",
            CardKind::Mediation => "mediation",
            CardKind::Pressure => "pressure",
        }
    }

    /// Conciliatory kinds cost more while the player's domestic Pressure is high.
    pub fn is_conciliatory(self) -> bool {
        matches!(self, CardKind::Assurance | CardKind::Confidence)
    }
}

impl fmt::Display for CardKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}

/// A delegation's public posture at the end of a round.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Posture {
    /// Soft words at home: Trust rises, domestic Pressure rises.
    Conciliatory,
    /// Holding the line: small Pressure rise, nothing else.
    Firm,
    /// "Open war" rhetoric: Pressure falls, Trust falls, Escalation may rise.
    Hardline,
}

impl Posture {
    /// Every posture, in the order offered to players.
    pub const ALL: [Posture; 3] = [Posture::Conciliatory, Posture::Firm, Posture::Hardline];
}

impl fmt::Display for Posture {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Posture::Conciliatory => "conciliatory",
            Posture::Firm => "firm",
            Posture::Hardline => "hard-line",
        })
    }
}
