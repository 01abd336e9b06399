//! What a tabled accord binds, and whether its terms could make a durable peace.
//!
//! Under rules version 2 the accord is its terms: tabling it binds every commitment then
//! standing, basket by basket, and a durable peace needs, among them, Afghan action against
//! the sanctuaries under verification (a verified Afghan commitment in Security) and a
//! Pakistani commitment Kabul values (in Sovereignty or Humanitarian & Trade: non-
//! interference, crossings kept open, no unilateral strikes) — the two halves the Istanbul
//! talks never put together. Under version 1 only Trust and the Verification basket count.

use super::{Basket, Commitment, Seat, TableId};

/// The terms of an accord tabled now: the commitments it binds and what they add up to.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AccordTerms {
    /// The commitments it binds, in table order.
    pub bound: Vec<TableId>,
    /// A verified Afghan commitment in Security is among them.
    pub afghan_security_verified: bool,
    /// A Pakistani commitment in Sovereignty or Humanitarian & Trade is among them.
    pub pakistani_assurance: bool,
}

impl AccordTerms {
    /// The terms binding `standing`, the commitments on the table.
    pub fn of(standing: &[Commitment]) -> AccordTerms {
        AccordTerms {
            bound: standing.iter().map(|c| c.id).collect(),
            afghan_security_verified: standing
                .iter()
                .any(|c| afghan_security_half(c.by, c.basket, c.verified)),
            pakistani_assurance: standing.iter().any(|c| pakistani_half(c.by, c.basket)),
        }
    }

    /// Whether both halves of a lasting deal are bound (rules version 2's condition).
    pub fn both_halves(&self) -> bool {
        self.afghan_security_verified && self.pakistani_assurance
    }

    /// What the terms still lack for a durable peace, in words (empty when nothing).
    pub fn missing(&self) -> Vec<&'static str> {
        let mut missing = Vec::new();
        if !self.afghan_security_verified {
            missing
                .push("a verified Afghan commitment in Security (action against the sanctuaries)");
        }
        if !self.pakistani_assurance {
            missing.push(
                "a Pakistani commitment in Sovereignty or Humanitarian & Trade (what Kabul values)",
            );
        }
        missing
    }
}

/// Whether a commitment by `by` in `basket` is the Afghan half of a lasting deal: Afghan
/// action against the sanctuaries (Security) under verification.
pub(super) fn afghan_security_half(by: Seat, basket: Basket, verified: bool) -> bool {
    by == Seat::Afghanistan && basket == Basket::Security && verified
}

/// Whether a commitment by `by` in `basket` is the Pakistani half of a lasting deal: one
/// Kabul values, in Sovereignty or Humanitarian & Trade.
pub(super) fn pakistani_half(by: Seat, basket: Basket) -> bool {
    by == Seat::Pakistan && matches!(basket, Basket::Sovereignty | Basket::Humanitarian)
}
