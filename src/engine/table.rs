//! What lies on the negotiating table: pending demands, commitments and the four baskets.

use super::{Basket, CardId, Seat, TableId};
use serde::{Deserialize, Serialize};

/// A demand waiting for an answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Demand {
    /// Table id.
    pub id: TableId,
    /// The demand card (it stays here until the demand is resolved).
    pub card: CardId,
    /// The demanding delegation.
    pub by: Seat,
    /// The delegation that must answer.
    pub to: Seat,
    /// The basket it is in.
    pub basket: Basket,
    /// The round it was tabled.
    pub round: u8,
}

/// A pledge on the table, tested at every round's end until honoured or broken.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Commitment {
    /// Table id.
    pub id: TableId,
    /// The card that made it (returns to `holder`'s discard when it leaves the table).
    pub card: CardId,
    /// The seat whose discard pile gets the card back.
    pub holder: Seat,
    /// The delegation bound by it.
    pub by: Seat,
    /// The basket it is in.
    pub basket: Basket,
    /// Percent chance of holding at each test.
    pub credibility: u8,
    /// A mediator verification has been applied.
    pub verified: bool,
    /// Monitors are deployed on Afghan soil for it.
    pub monitors: bool,
    /// Tests survived so far.
    pub tests: u8,
    /// Tests it must survive to be honoured.
    pub duration: u8,
    /// The round it was made.
    pub round: u8,
    /// Rules version 2: the other delegation's commitment this one was traded for in a
    /// package. If either breaks, the other is released without penalty. Left out of saves
    /// and digests when `None`, so unlinked commitments encode exactly as before.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub linked: Option<TableId>,
}

/// Hashes the fields in their declared order, `linked` only when it is set: version-1 saves'
/// legacy digests hash every commitment, and must not change.
impl std::hash::Hash for Commitment {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        (self.id, self.card, self.holder, self.by, self.basket).hash(state);
        (self.credibility, self.verified, self.monitors).hash(state);
        (self.tests, self.duration, self.round).hash(state);
        if let Some(partner) = self.linked {
            partner.hash(state);
        }
    }
}

/// The state of one basket of the accord.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum BasketState {
    /// Not agreed.
    Open,
    /// Agreed, resting on a standing commitment: unravels if it breaks.
    Agreed {
        /// The commitment holding it up.
        commitment: TableId,
    },
    /// Agreed and its commitment honoured: it can no longer unravel.
    Secured,
}

impl BasketState {
    /// Agreed or secured.
    pub fn is_agreed(self) -> bool {
        !matches!(self, BasketState::Open)
    }
}
