//! Rules version 2: after signing, the accord must be implemented.
//!
//! Signing no longer ends the talks. The game runs on to the end of the scenario's rounds,
//! and at least [`super::Rules::implementation_rounds`] more. Every commitment the accord
//! binds gains [`super::Rules::accord_credibility`] and owes
//! [`super::Rules::implementation_tests`] tests under it, one a round (spoilers act through
//! the event deck until it has held them). A bound commitment that breaks breaches the
//! accord; the delegation that made it may renew it once, at a cost in political capital, at
//! the start of the next negotiation. At the end: no breach left, durable terms at signing and
//! both halves still bound make a durable peace; one breach (or none, without those) a
//! fragile accord; more a relapse.

use super::game::Prompt;
use super::{AccordTerms, Basket, Game, LogEvent, Meter, Outcome, Seat, TableId};
use serde::{Deserialize, Serialize};

/// A signed accord being implemented (public).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Implementation {
    /// The round it was signed in.
    pub signed_round: u8,
    /// The last round of implementation.
    pub until: u8,
    /// The commitments it binds that still stand.
    pub bound: Vec<TableId>,
    /// Whether, at signing, Trust, the Verification basket and the terms made for a durable
    /// peace.
    pub durable_terms: bool,
    /// Breaches not (or not yet) repaired.
    pub breaches: u8,
    /// Whether the one renewal has been used.
    pub renewal_used: bool,
    /// A broken bound commitment its delegation may renew at the next negotiation.
    pub renewable: Option<Renewable>,
}

/// What a renewal would put back on the table.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Renewable {
    /// The broken commitment.
    pub id: TableId,
    /// The delegation that made it.
    pub by: Seat,
    /// Its basket.
    pub basket: Basket,
    /// Its credibility when it broke.
    pub credibility: u8,
    /// Whether it was verified.
    pub verified: bool,
    /// The card that made it (now in `holder`'s discard).
    pub card: super::CardId,
    /// The seat whose discard holds the card.
    pub holder: Seat,
}

impl Game {
    /// Version 2: both delegations signed; implementation begins.
    pub(super) fn sign_accord(&mut self) {
        let terms = AccordTerms::of(&self.commitments);
        let rules = &self.scenario.rules;
        let durable_terms = self.meters.get(Meter::Trust) >= rules.durable_trust
            && self.baskets[Basket::Verification.index()].is_agreed()
            && terms.both_halves();
        let until = self
            .scenario
            .rounds
            .max(self.round.saturating_add(rules.implementation_rounds));
        self.note(LogEvent::AccordSigned { until });
        self.ratify();
        let rules = &self.scenario.rules;
        let (bonus, max, owed) = (
            rules.accord_credibility,
            rules.max_credibility,
            rules.implementation_tests,
        );
        for c in self
            .commitments
            .iter_mut()
            .filter(|c| terms.bound.contains(&c.id))
        {
            if c.credibility < max {
                c.credibility = c.credibility.saturating_add(bonus).min(max);
            }
            c.bind(owed);
        }
        self.accord = Some(Implementation {
            signed_round: self.round,
            until,
            bound: terms.bound,
            durable_terms,
            breaches: 0,
            renewal_used: false,
            renewable: None,
        });
        self.prompt = None;
        self.stats.progress_this_round = true;
        self.end_turn_if_spent();
    }

    /// Whether commitment `id` is bound by an accord being implemented (it is then tested
    /// every round and never honoured off the table).
    pub(super) fn is_bound(&self, id: TableId) -> bool {
        self.accord.as_ref().is_some_and(|a| a.bound.contains(&id))
    }

    /// A bound commitment broke: the accord is breached, and the delegation may renew it once.
    pub(super) fn breach(&mut self, id: TableId, renewable: Renewable) {
        let Some(accord) = self.accord.as_mut() else {
            return;
        };
        accord.bound.retain(|&b| b != id);
        accord.breaches = accord.breaches.saturating_add(1);
        if !accord.renewal_used {
            accord.renewable = Some(renewable);
        }
        self.note(LogEvent::AccordBreached { id });
    }

    /// At the start of a negotiation: the delegation whose bound commitment broke is asked
    /// whether it renews it.
    pub(super) fn offer_renewal(&mut self) {
        if let Some(r) = self.accord.as_ref().and_then(|a| a.renewable) {
            self.prompt = Some(Prompt::Renew { seat: r.by });
        }
    }

    /// Whether `seat` can renew the pledge it is offered: it can pay, and the pledge's card is
    /// still in the discard it went to (a reshuffle may have put it back in play).
    pub(super) fn can_renew(&self, seat: Seat) -> bool {
        let card_at_hand = self
            .accord
            .as_ref()
            .and_then(|a| a.renewable)
            .is_some_and(|r| self.discards[r.holder.index()].contains(&r.card));
        card_at_hand && self.capital[seat.index()] >= self.scenario.rules.renew_capital
    }

    /// The delegation renews its broken commitment (paying capital) or lets the breach stand.
    pub(super) fn renew(&mut self, seat: Seat, accept: bool) {
        self.prompt = None;
        let Some(r) = self.accord.as_mut().and_then(|a| a.renewable.take()) else {
            return;
        };
        // Refused, or no longer possible (the check runs before, so only a caller that
        // skipped it gets here with a card back in play).
        let card_back = self.discards[r.holder.index()].contains(&r.card);
        if !accept || !card_back {
            return;
        }
        let cost = self.scenario.rules.renew_capital;
        self.capital[seat.index()] = self.capital[seat.index()].saturating_sub(cost);
        // The card comes back from the discard it went to when the pledge broke.
        let (card, holder) = (r.card, r.holder);
        self.take_from_discard(holder, card);
        let renewal = self.new_table_id();
        self.commitments.push(super::Commitment {
            id: renewal,
            card,
            holder,
            by: r.by,
            basket: r.basket,
            credibility: r.credibility,
            verified: r.verified,
            monitors: false,
            tests: 0,
            duration: self.scenario.rules.implementation_tests,
            round: self.round,
            linked: None,
            monitor_kind: None,
            // A renewal is a plain pledge for the tests the accord owes: the stages were the
            // broken pledge's, and their credit stays with it.
            stages_passed: None,
        });
        if let Some(accord) = self.accord.as_mut() {
            accord.bound.push(renewal);
            accord.breaches = accord.breaches.saturating_sub(1);
            accord.renewal_used = true;
        }
        // Logged as a pledge made (and verified, if the broken one was), then as the renewal,
        // so the log alone says what stands and what is verified.
        self.note(LogEvent::CommitmentMade {
            id: renewal,
            by: r.by,
            basket: r.basket,
            credibility: r.credibility,
        });
        if r.verified {
            self.note(LogEvent::CommitmentVerified {
                id: renewal,
                credibility: r.credibility,
            });
        }
        self.note(LogEvent::CommitmentRenewed { id: r.id, renewal });
    }

    /// At the end of a round of implementation: the outcome once its last round is over.
    pub(super) fn implementation_outcome(&self) -> Option<Outcome> {
        let accord = self.accord.as_ref()?;
        if self.round < accord.until {
            return None;
        }
        // Both halves must still be bound at the end: a half released with its package, or
        // renewed without its verification, no longer carries a durable peace.
        let bound: Vec<super::Commitment> = self
            .commitments
            .iter()
            .filter(|c| accord.bound.contains(&c.id))
            .copied()
            .collect();
        let halves_hold = AccordTerms::of(&bound).both_halves();
        Some(match accord.breaches {
            0 if accord.durable_terms && halves_hold => Outcome::DurablePeace,
            0 | 1 => Outcome::FragileAccord,
            _ => Outcome::Relapse,
        })
    }
}
