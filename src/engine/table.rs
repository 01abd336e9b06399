//! What lies on the negotiating table: pending demands, commitments and the four baskets.

use super::{Basket, CardId, MonitorKind, Seat, TableId};
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
    /// The kind of the monitoring last put on it, when regional or joint (see
    /// [`Commitment::monitoring`]). Left out of saves and digests when `None`, so the first
    /// format's monitors (international) encode exactly as before.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub monitor_kind: Option<MonitorKind>,
    /// A phased commitment (its card has `milestones`): how many of its stages have passed
    /// (see [`Commitment::stage`]). `None` for a plain pledge, which is left out of saves and
    /// digests, so plain pledges encode exactly as before.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stages_passed: Option<u8>,
}

impl Commitment {
    /// The monitoring on this pledge: the kind last put on it, international when only the
    /// first format's `monitors` is set, `None` when none was.
    pub fn monitoring(&self) -> Option<MonitorKind> {
        self.monitor_kind
            .or(self.monitors.then_some(MonitorKind::International))
    }
}

/// Hashes the fields in their declared order, `linked`, `monitor_kind` and `stages_passed`
/// only when set: version-1 saves' legacy digests hash every commitment, and must not change.
impl std::hash::Hash for Commitment {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        (self.id, self.card, self.holder, self.by, self.basket).hash(state);
        (self.credibility, self.verified, self.monitors).hash(state);
        (self.tests, self.duration, self.round).hash(state);
        if let Some(partner) = self.linked {
            partner.hash(state);
        }
        if let Some(kind) = self.monitor_kind {
            kind.hash(state);
        }
        if let Some(passed) = self.stages_passed {
            passed.hash(state);
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::hash::{Hash, Hasher};

    fn pledge(linked: Option<TableId>) -> Commitment {
        Commitment {
            id: TableId(4),
            card: CardId(7),
            holder: Seat::Pakistan,
            by: Seat::Pakistan,
            basket: Basket::Sovereignty,
            credibility: 55,
            verified: true,
            monitors: false,
            tests: 1,
            duration: 2,
            round: 3,
            linked,
            monitor_kind: None,
            stages_passed: None,
        }
    }

    /// What `Hash` wrote, byte for byte.
    #[derive(Default)]
    struct Bytes(Vec<u8>);

    impl Hasher for Bytes {
        fn write(&mut self, bytes: &[u8]) {
            self.0.extend_from_slice(bytes);
        }

        fn finish(&self) -> u64 {
            0
        }
    }

    fn hashed(value: &impl Hash) -> Vec<u8> {
        let mut out = Bytes::default();
        value.hash(&mut out);
        out.0
    }

    #[test]
    fn an_unlinked_commitment_encodes_as_before_packages() {
        let c = pledge(None);
        // The derived hash of the fields before `linked`, in their order.
        let fields = (
            c.id,
            c.card,
            c.holder,
            c.by,
            c.basket,
            c.credibility,
            c.verified,
        );
        let before = [
            hashed(&fields),
            hashed(&(c.monitors, c.tests, c.duration, c.round)),
        ];
        assert_eq!(hashed(&c), before.concat());
        let json = serde_json::to_value(c).unwrap();
        assert!(json.get("linked").is_none(), "{json}");
        let back: Commitment = serde_json::from_value(json).unwrap();
        assert_eq!(back, c);
    }

    #[test]
    fn a_linked_commitment_says_so_in_its_hash_and_encoding() {
        let linked = pledge(Some(TableId(5)));
        assert_ne!(hashed(&linked), hashed(&pledge(None)));
        let json = serde_json::to_value(linked).unwrap();
        assert_eq!(json["linked"], 5);
        assert_eq!(serde_json::from_value::<Commitment>(json).unwrap(), linked);
    }
}
