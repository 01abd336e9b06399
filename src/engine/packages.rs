//! Rules version 2: packages — trading across issues.
//!
//! A delegation offers a package: one of its assurances, as its pledge in the card's basket,
//! on condition that the other delegation commits in another basket it names (`ask`, not
//! agreed yet). The offer is paid for at once, as the pledge played unasked would be, and the
//! card waits in its delegation's discard while the other delegation answers.
//!
//! - Accepted with one of the answering delegation's assurances in `ask` (paid for too), both
//!   pledges are made as any pledge is (their cards set credibility and duration), each
//!   linked to the other. Both cards' effects apply, and each pledge is welcomed as a met
//!   demand is: Trust rises for each and each basket is agreed if Trust reaches its
//!   threshold.
//! - Declined, the offered card goes back to its delegation's hand; the capital spent on it
//!   stays spent, its effects never apply, and nothing else changes.
//! - If a linked commitment breaks (a failed test, in talks or in implementation, or an event),
//!   its partner is released at once, without penalty: it leaves the table, its card goes to
//!   its holder's discard, the basket it held up unravels, and an accord being implemented
//!   stops binding it without counting a breach. No meter moves and nothing is counted as
//!   broken or honoured.
//! - If a linked commitment is honoured, the deal has been kept: its partner stands on, no
//!   longer linked.

use super::game::Prompt;
use super::legal::Refusal;
use super::{Action, Basket, BasketState, CardId, CardKind, Game, LogEvent, Seat, TableId};

/// A package waiting for an answer (public: the offered card was played in the open).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct PackageOffer {
    /// The offering delegation.
    pub by: Seat,
    /// Its assurance card, waiting in its discard.
    pub card: CardId,
    /// The basket the other delegation is asked to commit in.
    pub ask: Basket,
}

impl Game {
    /// The package waiting for an answer, if any.
    pub(super) fn package_offer(&self) -> Option<PackageOffer> {
        match self.prompt {
            Some(Prompt::Package { seat, card, ask }) => Some(PackageOffer {
                by: seat.rival()?,
                card,
                ask,
            }),
            _ => None,
        }
    }

    /// The package offers `seat` could make, added to `out`: each assurance in hand that is
    /// `open` (no card block stops it), asking for each other basket (`check` then keeps the
    /// legal ones). None under rules version 1.
    pub(super) fn package_candidates(
        &self,
        seat: Seat,
        open: &impl Fn(CardId) -> bool,
        out: &mut Vec<Action>,
    ) {
        if self.scenario.rules.version < 2 || seat.rival().is_none() {
            return;
        }
        for &card in self.hands[seat.index()].iter().filter(|&&card| open(card)) {
            let Some(own) = self.assurance_basket(card) else {
                continue;
            };
            out.extend(
                Basket::ALL
                    .into_iter()
                    .filter(|&ask| ask != own)
                    .map(|ask| Action::OfferPackage { seat, card, ask }),
            );
        }
    }

    /// The answers to a package, added to `out`: each of `seat`'s assurances in the asked
    /// basket, then declining.
    pub(super) fn package_answers(&self, seat: Seat, out: &mut Vec<Action>) {
        let Some(Prompt::Package { ask, .. }) = self.prompt else {
            return;
        };
        out.extend(
            self.hands[seat.index()]
                .iter()
                .filter(|&&card| self.assurance_basket(card) == Some(ask))
                .map(|&card| Action::AnswerPackage {
                    seat,
                    card: Some(card),
                }),
        );
        out.push(Action::AnswerPackage { seat, card: None });
    }

    /// Why `seat` may not offer `card` as a package asking for a commitment in `ask`, or
    /// `None` when it may.
    pub(super) fn check_offer_package(
        &self,
        seat: Seat,
        card: CardId,
        ask: Basket,
        blocks_judged: bool,
    ) -> Option<Refusal> {
        if self.scenario.rules.version < 2 {
            return Some(Refusal::PackagesNeedVersion2);
        }
        if seat.rival().is_none() {
            return Some(Refusal::PackageNotByDelegation);
        }
        if let Some(refusal) = self.check_play(seat, card, None, blocks_judged) {
            return Some(refusal);
        }
        let Some(own) = self.assurance_basket(card) else {
            return Some(Refusal::PackageNotAssurance(card));
        };
        if own == ask {
            Some(Refusal::PackageSameBasket(own))
        } else if self.baskets[ask.index()].is_agreed() {
            Some(Refusal::PackageAskAgreed(ask))
        } else {
            None
        }
    }

    /// Why `seat` may not answer the package so, or `None` when it may: declining always,
    /// accepting with an assurance in the asked basket that it can play now.
    pub(super) fn check_answer_package(&self, seat: Seat, card: Option<CardId>) -> Option<Refusal> {
        let Some(Prompt::Package { ask, .. }) = self.prompt else {
            return Some(Refusal::NoPackage);
        };
        card.and_then(|card| self.check_answer_card(seat, card, CardKind::Assurance, ask, false))
    }

    /// `seat` offers `card` as its half of a package: it pays, the card waits in its discard
    /// and the other delegation is asked to answer.
    pub(super) fn offer_package(&mut self, seat: Seat, card: CardId, ask: Basket) {
        let (Some(to), Some(basket)) = (seat.rival(), self.assurance_basket(card)) else {
            return;
        };
        self.take_from_hand(seat, card);
        self.discards[seat.index()].push(card);
        let bonus = self.scenario.cards[usize::from(card)].credibility;
        self.note(LogEvent::PackageOffered {
            by: seat,
            basket,
            credibility: self.pledge_credibility(seat, bonus),
            ask,
        });
        self.prompt = Some(Prompt::Package {
            seat: to,
            card,
            ask,
        });
    }

    /// `seat` answers the package: with its own assurance both pledges are made and linked;
    /// with `None` the offered card goes back to the offering delegation's hand.
    pub(super) fn answer_package(&mut self, seat: Seat, answer: Option<CardId>) {
        let Some(Prompt::Package { card, ask, .. }) = self.prompt.take() else {
            return;
        };
        let Some(by) = seat.rival() else { return };
        self.take_from_discard(by, card);
        match answer {
            Some(own) => self.agree_package((by, card), (seat, own), ask),
            None => {
                self.hands[by.index()].push(card);
                self.note(LogEvent::PackageDeclined { seat, ask });
            }
        }
    }

    /// Makes both halves of an accepted package, links them, applies both cards' effects and
    /// welcomes each pledge as a met demand.
    fn agree_package(
        &mut self,
        (by, card): (Seat, CardId),
        (seat, own): (Seat, CardId),
        ask: Basket,
    ) {
        let scenario = self.scenario.clone();
        let (offered, answered) = (
            &scenario.cards[usize::from(card)],
            &scenario.cards[usize::from(own)],
        );
        let Some(basket) = offered.basket else { return };
        self.take_from_hand(seat, own);
        let (bonus, duration) = (offered.credibility, offered.duration);
        let offer = self.make_commitment(by, by, card, basket, bonus, duration);
        let (bonus, duration) = (answered.credibility, answered.duration);
        let answer = self.make_commitment(seat, seat, own, ask, bonus, duration);
        self.set_link(offer, Some(answer));
        self.set_link(answer, Some(offer));
        self.note(LogEvent::PackageAgreed { offer, answer });
        self.apply_effects(&offered.effects, Some(by));
        self.apply_effects(&answered.effects, Some(seat));
        self.welcome(basket, offer);
        self.welcome(ask, answer);
    }

    /// A linked commitment broke: its partner (if still standing) is released without
    /// penalty — off the table, its card to its holder's discard, its basket unravelled if it
    /// held it up, no longer bound by an accord (and no breach counted).
    pub(super) fn release_partner(&mut self, broken: TableId, partner: Option<TableId>) {
        let Some(index) = partner.and_then(|p| self.commitments.iter().position(|c| c.id == p))
        else {
            return;
        };
        let c = self.commitments.remove(index);
        self.discards[c.holder.index()].push(c.card);
        self.note(LogEvent::CommitmentReleased {
            id: c.id,
            partner: broken,
        });
        if self.baskets[c.basket.index()] == (BasketState::Agreed { commitment: c.id }) {
            self.baskets[c.basket.index()] = BasketState::Open;
            self.note(LogEvent::BasketUnravelled { basket: c.basket });
        }
        if let Some(accord) = self.accord.as_mut() {
            accord.bound.retain(|&b| b != c.id);
        }
    }

    /// A linked commitment was honoured: the deal was kept, and its partner stands on alone.
    pub(super) fn unlink_partner(&mut self, partner: Option<TableId>) {
        if let Some(partner) = partner {
            self.set_link(partner, None);
        }
    }

    fn set_link(&mut self, id: TableId, partner: Option<TableId>) {
        if let Some(c) = self.commitments.iter_mut().find(|c| c.id == id) {
            c.linked = partner;
        }
    }

    /// The basket of `card` if it is an assurance.
    fn assurance_basket(&self, card: CardId) -> Option<Basket> {
        let def = &self.scenario.cards[usize::from(card)];
        def.basket.filter(|_| def.kind == CardKind::Assurance)
    }
}
