//! Conditions (`requires`) on cards, events and objectives, and the scenario's flags.
//!
//! A condition is checked against a [`Situation`]: the meters, the actors' strength, the
//! round, the baskets and the flags set. Flags are public game state, set and cleared by event choices and cards; the
//! game logs every change, so the log alone (which the digests hash) says which are set.

use super::{ActorId, Basket, BasketState, MeterBounds, Meters, Scenario, UnmetBound};
use serde::{Deserialize, Serialize};
use std::fmt;

/// Index of a flag in [`Scenario::flags`].
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct FlagId(pub u16);

impl From<FlagId> for usize {
    fn from(id: FlagId) -> usize {
        usize::from(id.0)
    }
}

/// What a basket must be for a condition to hold.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BasketNeed {
    /// Not agreed.
    Open,
    /// Agreed or secured.
    Agreed,
    /// Secured: its commitment honoured, it can no longer unravel.
    Secured,
}

impl BasketNeed {
    /// Whether a basket in `state` meets this need.
    pub fn met_by(self, state: BasketState) -> bool {
        match self {
            BasketNeed::Open => !state.is_agreed(),
            BasketNeed::Agreed => state.is_agreed(),
            BasketNeed::Secured => state == BasketState::Secured,
        }
    }
}

/// The range an actor's strength must lie in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct ActorBound {
    /// The actor.
    pub actor: ActorId,
    /// The lowest strength allowed.
    pub min: u8,
    /// The highest strength allowed.
    pub max: u8,
}

/// What must hold for a card to be played, an event to be revealed or an objective to score.
/// The default holds always.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Requirements {
    /// Meter thresholds.
    pub meters: MeterBounds,
    /// Ranges of actors' strength. Left out of the serialized form when empty.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub actors: Vec<ActorBound>,
    /// The earliest round it holds in.
    pub min_round: u8,
    /// The last round it holds in.
    pub max_round: u8,
    /// What baskets must be, checked in order.
    pub baskets: Vec<(Basket, BasketNeed)>,
    /// Flags that must be set.
    pub flags: Vec<FlagId>,
    /// Flags that must not be set.
    pub not_flags: Vec<FlagId>,
}

impl Default for Requirements {
    fn default() -> Requirements {
        Requirements {
            meters: MeterBounds::default(),
            actors: Vec::new(),
            min_round: 0,
            max_round: u8::MAX,
            baskets: Vec::new(),
            flags: Vec::new(),
            not_flags: Vec::new(),
        }
    }
}

/// The public state a condition is checked against.
#[derive(Clone, Copy, Debug)]
pub struct Situation<'a> {
    /// The meters.
    pub meters: &'a Meters,
    /// Each actor's strength, by [`ActorId`].
    pub actors: &'a [u8],
    /// The current round (1-based).
    pub round: u8,
    /// Basket states, by basket index.
    pub baskets: &'a [BasketState; 4],
    /// The flags set, in id order.
    pub flags: &'a [FlagId],
}

/// The first part of a condition that does not hold.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unmet {
    /// A meter bound.
    Meter(UnmetBound),
    /// An actor's strength is out of its range.
    Actor {
        /// The actor.
        actor: ActorId,
        /// The bound it breaks.
        bound: u8,
        /// True for a lower bound ("at least"), false for an upper one.
        at_least: bool,
        /// Its strength now.
        now: u8,
    },
    /// Too early: the condition holds from round `round` on.
    TooEarly {
        /// The first round it holds in.
        round: u8,
        /// The round now.
        now: u8,
    },
    /// Too late: the condition held until round `round`.
    TooLate {
        /// The last round it holds in.
        round: u8,
        /// The round now.
        now: u8,
    },
    /// A basket is not what it must be.
    Basket(Basket, BasketNeed),
    /// A flag that must be set is not.
    FlagNotSet(FlagId),
    /// A flag that must not be set is.
    FlagSet(FlagId),
}

impl Requirements {
    /// Whether this is the condition that always holds.
    pub fn is_always(&self) -> bool {
        *self == Requirements::default()
    }

    /// The first part that does not hold in `situation` (meters, then actors, rounds,
    /// baskets, flags that must be set and flags that must not), or `None` when it all holds.
    pub fn first_unmet(&self, situation: &Situation) -> Option<Unmet> {
        if let Some(unmet) = self.meters.first_unmet(situation.meters) {
            return Some(Unmet::Meter(unmet));
        }
        if let Some(unmet) = self.actors.iter().find_map(|b| b.unmet(situation.actors)) {
            return Some(unmet);
        }
        let now = situation.round;
        if now < self.min_round {
            return Some(Unmet::TooEarly {
                round: self.min_round,
                now,
            });
        }
        if now > self.max_round {
            return Some(Unmet::TooLate {
                round: self.max_round,
                now,
            });
        }
        if let Some(&(basket, need)) = self
            .baskets
            .iter()
            .find(|(b, need)| !need.met_by(situation.baskets[b.index()]))
        {
            return Some(Unmet::Basket(basket, need));
        }
        if let Some(&flag) = self
            .flags
            .iter()
            .find(|f| situation.flags.binary_search(f).is_err())
        {
            return Some(Unmet::FlagNotSet(flag));
        }
        self.not_flags
            .iter()
            .find(|f| situation.flags.binary_search(f).is_ok())
            .map(|&flag| Unmet::FlagSet(flag))
    }

    /// Whether the whole condition holds in `situation`.
    pub fn holds(&self, situation: &Situation) -> bool {
        self.first_unmet(situation).is_none()
    }
}

impl ActorBound {
    /// The part of this range the strengths break, if any.
    fn unmet(&self, strengths: &[u8]) -> Option<Unmet> {
        let now = strengths.get(usize::from(self.actor)).copied().unwrap_or(0);
        let (bound, at_least) = if now < self.min {
            (self.min, true)
        } else if now > self.max {
            (self.max, false)
        } else {
            return None;
        };
        Some(Unmet::Actor {
            actor: self.actor,
            bound,
            at_least,
            now,
        })
    }
}

impl Unmet {
    /// In words, naming flags and actors by their names in `scenario` ("needs Trust at least
    /// 40 (now 31)", "needs the flag talks_moved_to_doha").
    pub fn describe(&self, scenario: &Scenario) -> String {
        let name = |flag: FlagId| scenario.flag_name(flag);
        match *self {
            Unmet::Actor {
                actor,
                bound,
                at_least,
                now,
            } => {
                let side = if at_least { "at least" } else { "at most" };
                format!(
                    "needs {} at strength {side} {bound} (now {now})",
                    scenario.actor_name(actor)
                )
            }
            Unmet::FlagNotSet(flag) => format!("needs the flag {}", name(flag)),
            Unmet::FlagSet(flag) => format!("needs the flag {} not set", name(flag)),
            other => other.to_string(),
        }
    }
}

/// In words, flags by their number (see [`Unmet::describe`] for their names).
impl fmt::Display for Unmet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Unmet::Meter(unmet) => write!(f, "{unmet}"),
            Unmet::Actor {
                actor,
                bound,
                at_least,
                now,
            } => {
                let side = if *at_least { "at least" } else { "at most" };
                write!(
                    f,
                    "needs actor #{} at strength {side} {bound} (now {now})",
                    actor.0
                )
            }
            Unmet::TooEarly { round, now } => {
                write!(f, "needs round {round} or later (now round {now})")
            }
            Unmet::TooLate { round, now } => {
                write!(f, "only until round {round} (now round {now})")
            }
            Unmet::Basket(basket, BasketNeed::Open) => {
                write!(f, "the {basket} basket is already agreed")
            }
            Unmet::Basket(basket, BasketNeed::Agreed) => {
                write!(f, "needs the {basket} basket agreed")
            }
            Unmet::Basket(basket, BasketNeed::Secured) => {
                write!(f, "needs the {basket} basket secured")
            }
            Unmet::FlagNotSet(flag) => write!(f, "needs flag #{} set", flag.0),
            Unmet::FlagSet(flag) => write!(f, "needs flag #{} not set", flag.0),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn situation<'a>(
        meters: &'a Meters,
        baskets: &'a [BasketState; 4],
        flags: &'a [FlagId],
    ) -> Situation<'a> {
        Situation {
            meters,
            actors: &[],
            round: 3,
            baskets,
            flags,
        }
    }

    #[test]
    fn each_part_of_a_condition_is_checked_in_order() {
        let meters = Meters::new([50; 8]);
        let baskets = [
            BasketState::Secured,
            BasketState::Open,
            BasketState::Open,
            BasketState::Open,
        ];
        let flags = [FlagId(1)];
        let now = situation(&meters, &baskets, &flags);
        assert!(Requirements::default().holds(&now));
        let early = Requirements {
            min_round: 4,
            ..Requirements::default()
        };
        assert_eq!(
            early.first_unmet(&now),
            Some(Unmet::TooEarly { round: 4, now: 3 })
        );
        let secured = Requirements {
            baskets: vec![
                (Basket::Security, BasketNeed::Secured),
                (Basket::Verification, BasketNeed::Agreed),
            ],
            ..Requirements::default()
        };
        assert_eq!(
            secured.first_unmet(&now),
            Some(Unmet::Basket(Basket::Verification, BasketNeed::Agreed))
        );
        let flagged = Requirements {
            flags: vec![FlagId(1)],
            not_flags: vec![FlagId(0)],
            ..Requirements::default()
        };
        assert!(flagged.holds(&now));
        let cleared = Requirements {
            not_flags: vec![FlagId(1)],
            ..Requirements::default()
        };
        assert_eq!(cleared.first_unmet(&now), Some(Unmet::FlagSet(FlagId(1))));
    }
}
