//! Rules version 2: what another seat proposes, a delegation decides. Monitors the Afghan
//! seat refuses do not deploy (their verification is withdrawn); the mediators' bridge is a
//! proposal the delegation accepts, making the pledge itself, or declines; and a pledge a
//! delegation makes unasked is offered to the other, which may welcome it and so agree its
//! basket — any delegation can open any basket.

use super::game::Prompt;
use super::{Basket, CardId, Game, LogEvent, Meter, Seat, TableId};

impl Game {
    /// Version 2: the Afghan seat refused monitors, and they do not deploy. The verification
    /// they came with is withdrawn (the pledge's credibility goes back to what it was) and the
    /// refusal costs Trust.
    pub(super) fn veto_monitors(&mut self, id: TableId, (credibility, verified): (u8, bool)) {
        if let Some(commitment) = self.commitments.iter_mut().find(|c| c.id == id) {
            commitment.credibility = credibility;
            commitment.verified = verified;
        }
        self.note(LogEvent::MonitorsRefused { id, credibility });
        let cost = i32::from(self.scenario.rules.refused_monitors_trust);
        self.shift(Meter::Trust, -cost);
    }

    /// Version 2: the mediators' bridge is a proposal to the delegation the demand is aimed
    /// at. The card waits in the mediators' discard until it is answered.
    pub(super) fn propose_bridge(&mut self, demand: TableId, card: CardId) {
        self.discards[Seat::Mediator.index()].push(card);
        let Some(to) = self.demands.iter().find(|d| d.id == demand).map(|d| d.to) else {
            return;
        };
        self.note(LogEvent::BridgeProposed { id: demand, to });
        self.prompt = Some(Prompt::Bridge {
            seat: to,
            demand,
            card,
        });
    }

    /// Version 2: accepted, the bridge makes the delegation's pledge; declined, the demand
    /// stays open and Trust pays.
    pub(super) fn answer_bridge(&mut self, seat: Seat, accept: bool) {
        let Some(Prompt::Bridge { demand, card, .. }) = self.prompt.take() else {
            return;
        };
        if accept {
            self.take_from_discard(Seat::Mediator, card);
            self.bridge(demand, card);
        } else {
            self.note(LogEvent::BridgeDeclined { id: demand, seat });
            let cost = i32::from(self.scenario.rules.declined_bridge_trust);
            self.shift(Meter::Trust, -cost);
        }
    }

    /// Version 2: a pledge made unasked is offered to the other delegation, unless its
    /// basket is agreed already.
    pub(super) fn offer_pledge(&mut self, by: Seat, id: TableId, basket: Basket) {
        let Some(to) = by.rival() else { return };
        if self.baskets[basket.index()].is_agreed() {
            return;
        }
        self.note(LogEvent::PledgeOffered { id, to });
        self.prompt = Some(Prompt::Offer {
            seat: to,
            commitment: id,
        });
    }

    /// Version 2: welcomed, the offered pledge brings Trust as a met demand does and agrees
    /// its basket if Trust reaches the threshold.
    pub(super) fn answer_offer(&mut self, seat: Seat, accept: bool) {
        let Some(Prompt::Offer { commitment, .. }) = self.prompt.take() else {
            return;
        };
        self.note(LogEvent::OfferAnswered {
            id: commitment,
            seat,
            accept,
        });
        let basket = self
            .commitments
            .iter()
            .find(|c| c.id == commitment)
            .map(|c| c.basket);
        if let (true, Some(basket)) = (accept, basket) {
            self.welcome(basket, commitment);
        }
    }

    /// Version 2: a commitment the other delegation welcomes (an offered pledge, either half
    /// of a package) brings Trust as a met demand does and agrees `basket` if Trust reaches
    /// its threshold.
    pub(super) fn welcome(&mut self, basket: Basket, commitment: TableId) {
        self.shift(Meter::Trust, i32::from(self.scenario.rules.meet_trust));
        self.try_agree(basket, commitment);
    }
}
