//! The log of a game folded into what the ending is explained from: the meters at the end,
//! each basket's story, every pledge and its fate, the accord's terms at signing and its
//! breaches, and what moved each meter. Only the log and the scenario are read, so a
//! hand-written log explains as a played one does.

use super::causes::{Cause, Moves};
use crate::engine::{Basket, LogEntry, LogEvent, Meter, Meters, Scenario, Seat, TableId};

/// A pledge and what became of it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Pledge {
    /// Its table id.
    pub(super) id: TableId,
    /// The delegation bound by it.
    pub(super) by: Seat,
    /// Its basket.
    pub(super) basket: Basket,
    /// Whether it stands verified.
    pub(super) verified: bool,
    /// The round it broke in, if it did.
    pub(super) broken: Option<u8>,
}

/// A pledge that left the table: broken, or released when its package partner broke.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Gone {
    /// The pledge.
    pub(super) id: TableId,
    /// The package partner whose breaking released it, if that was why.
    pub(super) partner: Option<TableId>,
}

/// What happened to a demand.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Fate {
    /// Still pending (and, after a round, ignored) when the game ended.
    Open,
    /// Met with a pledge.
    Met,
    /// Countered by the other delegation.
    Countered,
    /// Rejected by the other delegation.
    Rejected,
    /// Bridged by the mediators.
    Bridged,
}

/// A demand tabled, and its answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Asked {
    /// Its table id.
    pub(super) id: TableId,
    /// The delegation that tabled it.
    pub(super) by: Seat,
    /// Its basket.
    pub(super) basket: Basket,
    /// The round it was tabled in.
    pub(super) round: u8,
    /// Its answer, and the round of it.
    pub(super) fate: (Fate, u8),
    /// The mediators proposed a bridge on it that was declined.
    pub(super) bridge_declined: bool,
}

/// One basket's story.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(super) struct BasketStory {
    /// Agreed at the end.
    pub(super) agreed: bool,
    /// The round it was last agreed in.
    pub(super) agreed_in: Option<u8>,
    /// The last time it unravelled: the round, and the pledge that left the table.
    pub(super) unravelled: Option<(u8, Option<Gone>)>,
    /// The last time a pledge answered in it fell short of Trust: round, Trust, threshold.
    pub(super) short: Option<(u8, u8, u8)>,
    /// A pledge offered in it unasked that was not taken up, and the round of the offer.
    pub(super) offer_left: Option<(TableId, u8)>,
}

/// The accord, as signed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(super) struct Signing {
    /// The round it was signed in.
    pub(super) round: u8,
    /// Trust at signing.
    pub(super) trust: u8,
    /// Whether Verification was agreed at signing.
    pub(super) verification: bool,
    /// The pledges it bound, as they stood at signing.
    pub(super) bound: Vec<Pledge>,
    /// Bound pledges that broke under it: the pledge and the round.
    pub(super) breaches: Vec<(Pledge, u8)>,
    /// Broken pledges renewed.
    pub(super) renewed: Vec<TableId>,
    /// Bound pledges released when their package's other half broke.
    pub(super) released: Vec<TableId>,
}

/// The game's log, folded.
#[derive(Clone, Debug)]
pub(super) struct Record {
    /// The meters at the end.
    pub(super) meters: Meters,
    /// Each basket's story, by basket index.
    pub(super) baskets: [BasketStory; 4],
    /// Every demand tabled, in order.
    pub(super) demands: Vec<Asked>,
    /// Every pledge made, in order.
    pub(super) pledges: Vec<Pledge>,
    /// Rounds the accord was tabled in and refused, with the delegation that refused it.
    pub(super) refusals: Vec<(u8, Option<Seat>)>,
    /// The first round in which the baskets an accord needs were all agreed.
    pub(super) ready_in: Option<u8>,
    /// The accord, once signed.
    pub(super) signing: Option<Signing>,
    /// What moved each meter, and when.
    pub(super) moves: Moves,
}

impl Record {
    /// Folds `log`, a game of `scenario`.
    pub(super) fn of(scenario: &Scenario, log: &[LogEntry]) -> Record {
        let mut record = Record {
            meters: scenario.start,
            baskets: Default::default(),
            demands: Vec::new(),
            pledges: Vec::new(),
            refusals: Vec::new(),
            ready_in: None,
            signing: None,
            moves: Moves::default(),
        };
        let mut cause = Cause::Other;
        let mut tabled: Vec<TableId> = Vec::new();
        let mut last_no: Option<Seat> = None;
        let mut gone: Option<Gone> = None;
        for entry in log {
            if let Some(next) = Cause::of(&entry.event) {
                cause = next;
            }
            match entry.event {
                LogEvent::CommitmentBroken { id, .. } => gone = Some(Gone { id, partner: None }),
                LogEvent::CommitmentReleased { id, partner } => {
                    gone = Some(Gone {
                        id,
                        partner: Some(partner),
                    })
                }
                LogEvent::BasketUnravelled { basket } => {
                    record.baskets[basket.index()].agreed = false;
                    record.baskets[basket.index()].unravelled = Some((entry.round, gone));
                }
                _ => {}
            }
            record.note(entry, &cause, &mut tabled, &mut last_no);
        }
        record
    }

    /// The pledge with this id, if it was made.
    pub(super) fn pledge(&self, id: TableId) -> Option<&Pledge> {
        self.pledges.iter().rev().find(|p| p.id == id)
    }

    /// Whether the baskets an accord needs are agreed: three, Security and Sovereignty
    /// among them.
    fn accord_ready(&self) -> bool {
        let agreed = self.baskets.iter().filter(|b| b.agreed).count();
        agreed >= 3
            && self.baskets[Basket::Security.index()].agreed
            && self.baskets[Basket::Sovereignty.index()].agreed
    }

    fn pledge_mut(&mut self, id: TableId) -> Option<&mut Pledge> {
        self.pledges.iter_mut().rev().find(|p| p.id == id)
    }

    fn demand_mut(&mut self, id: TableId) -> Option<&mut Asked> {
        self.demands.iter_mut().rev().find(|d| d.id == id)
    }

    fn answer(&mut self, id: TableId, fate: Fate, round: u8) {
        if let Some(d) = self.demand_mut(id) {
            d.fate = (fate, round);
        }
    }

    fn note(
        &mut self,
        entry: &LogEntry,
        cause: &Cause,
        tabled: &mut Vec<TableId>,
        last_no: &mut Option<Seat>,
    ) {
        let round = entry.round;
        match entry.event {
            LogEvent::MeterChanged { meter, delta, now } => {
                self.meters.set(meter, i32::from(now));
                self.moves.push(meter, cause.clone(), delta, round);
            }
            LogEvent::DemandTabled { id, by, basket } => self.demands.push(Asked {
                id,
                by,
                basket,
                round,
                fate: (Fate::Open, round),
                bridge_declined: false,
            }),
            LogEvent::DemandMet { id, .. } => self.answer(id, Fate::Met, round),
            LogEvent::DemandCountered { id, .. } => self.answer(id, Fate::Countered, round),
            LogEvent::DemandRejected { id, .. } => self.answer(id, Fate::Rejected, round),
            LogEvent::DemandBridged { id, .. } => self.answer(id, Fate::Bridged, round),
            LogEvent::BridgeDeclined { id, .. } => {
                if let Some(d) = self.demand_mut(id) {
                    d.bridge_declined = true;
                }
            }
            LogEvent::CommitmentMade { id, by, basket, .. } => self.pledges.push(Pledge {
                id,
                by,
                basket,
                verified: false,
                broken: None,
            }),
            LogEvent::CommitmentVerified { id, .. } => {
                if let Some(p) = self.pledge_mut(id) {
                    p.verified = true;
                }
            }
            // A refusal withdraws the verification the monitors came with.
            LogEvent::MonitorsRefused { id, .. } => {
                if let Some(p) = self.pledge_mut(id) {
                    p.verified = false;
                }
            }
            LogEvent::CommitmentBroken { id, .. } => {
                if let Some(p) = self.pledge_mut(id) {
                    p.broken = Some(round);
                }
            }
            LogEvent::PledgeOffered { id, .. } => {
                if let Some(basket) = self.pledge(id).map(|p| p.basket) {
                    self.baskets[basket.index()].offer_left = Some((id, round));
                }
            }
            LogEvent::OfferAnswered {
                id, accept: true, ..
            } => {
                for story in &mut self.baskets {
                    if story.offer_left.is_some_and(|(offered, _)| offered == id) {
                        story.offer_left = None;
                    }
                }
            }
            LogEvent::BasketAgreed { basket } => {
                let story = &mut self.baskets[basket.index()];
                story.agreed = true;
                story.agreed_in = Some(round);
                if self.ready_in.is_none() && self.accord_ready() {
                    self.ready_in = Some(round);
                }
            }
            LogEvent::BasketShortOfTrust {
                basket,
                trust,
                threshold,
            } => self.baskets[basket.index()].short = Some((round, trust, threshold)),
            LogEvent::AccordTabled => {
                tabled.clear();
                *last_no = None;
            }
            LogEvent::CommitmentBound { id } => tabled.push(id),
            LogEvent::AccordVote {
                seat,
                accept: false,
            } => *last_no = Some(seat),
            LogEvent::AccordRefused => self.refusals.push((round, *last_no)),
            LogEvent::AccordSigned { .. } => self.sign(round, tabled),
            LogEvent::AccordBreached { id } => {
                let pledge = self.pledge(id).copied();
                if let (Some(signing), Some(pledge)) = (self.signing.as_mut(), pledge) {
                    signing.breaches.push((pledge, round));
                }
            }
            LogEvent::CommitmentRenewed { id, .. } => {
                if let Some(signing) = self.signing.as_mut() {
                    signing.renewed.push(id);
                }
            }
            LogEvent::CommitmentReleased { id, .. } => {
                if let Some(signing) = self.signing.as_mut() {
                    signing.released.push(id);
                }
            }
            // Rules version 1 ends the game at signing: the accord is signed when it ends in one.
            LogEvent::GameOver { outcome } if self.signing.is_none() => {
                if matches!(
                    outcome,
                    crate::engine::Outcome::DurablePeace | crate::engine::Outcome::FragileAccord
                ) {
                    self.sign(round, tabled);
                }
            }
            _ => {}
        }
    }

    /// The accord is signed now: its terms as they stand.
    fn sign(&mut self, round: u8, tabled: &[TableId]) {
        let bound = tabled
            .iter()
            .filter_map(|&id| self.pledge(id).copied())
            .collect();
        self.signing = Some(Signing {
            round,
            trust: self.meters.get(Meter::Trust),
            verification: self.baskets[Basket::Verification.index()].agreed,
            bound,
            ..Signing::default()
        });
    }
}
