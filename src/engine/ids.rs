//! Typed ids: a card, an event, an objective and a table item each have an id type of their
//! own, so one can never be passed where another is meant. Each is a small number (an index
//! into the scenario's lists, or a counter for table items), written to saves as that number.

use serde::{Deserialize, Serialize};
use std::fmt;

/// Declares an id type: a `u16` newtype that serialises as the bare number, indexes a list
/// through `usize::from`, and prints as the number.
macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(
            Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize,
            Deserialize,
        )]
        #[serde(transparent)]
        pub struct $name(pub u16);

        impl From<$name> for usize {
            fn from(id: $name) -> usize {
                usize::from(id.0)
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }

        impl $name {
            /// The ids of a list of `len` items, in order (a scenario holds fewer than
            /// 65,536 of anything: the loader refuses more).
            pub fn all(len: usize) -> impl Iterator<Item = $name> {
                (0..len).map(|index| $name(index as u16))
            }
        }
    };
}

id_type!(
    /// Index of a card in [`super::Scenario::cards`].
    CardId
);
id_type!(
    /// Index of an event in [`super::Scenario::events`].
    EventId
);
id_type!(
    /// Index of an objective in [`super::Scenario::objectives`].
    ObjectiveId
);
id_type!(
    /// Id of a pending demand or a commitment on the table (unique within a game).
    TableId
);
id_type!(
    /// Index of a named member of the mediators' seat in [`super::SeatNames::members`]: the
    /// voice a mediator card or a mediator's answer to an event speaks in.
    MemberId
);
id_type!(
    /// Index of an actor in [`super::Scenario::actors`].
    ActorId
);
