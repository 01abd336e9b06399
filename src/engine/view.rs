//! What one viewer may see of a game. Screens and bots receive a `SeatView`, never a `Game`.
//!
//! A seat sees every public thing plus its own hand and objective; a spectator sees only the
//! public things; the facilitator sees everything, including the event deck's order. When the
//! game is over every objective is revealed (the debrief needs them).
//!
//! The log is not copied into a view: it holds nothing secret, so every viewer reads it from
//! [`Game::log`] (copying it into every view would dominate the cost of simulation).

use super::game::{Phase, Prompt};
use super::{
    BasketState, Brief, CardId, Commitment, Decision, Demand, EventId, Game, Meters, ObjectiveId,
    Outcome, Posture, Scenario, Seat, SeatScore, Stats, TableId,
};
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// Who is looking.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Viewer {
    /// A player in a seat.
    Seat(Seat),
    /// Sees everything.
    Facilitator,
    /// Sees only what is public.
    Spectator,
}

impl From<Seat> for Viewer {
    fn from(seat: Seat) -> Viewer {
        Viewer::Seat(seat)
    }
}

impl Viewer {
    /// Whether this viewer may see `seat`'s private things (hand, objective).
    pub fn sees_private(self, seat: Seat) -> bool {
        match self {
            Viewer::Seat(own) => own == seat,
            Viewer::Facilitator => true,
            Viewer::Spectator => false,
        }
    }
}

/// One viewer's picture of the game.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SeatView {
    /// Who this view is for.
    pub viewer: Viewer,
    /// The scenario (public: every card text is public knowledge).
    pub scenario: Arc<Scenario>,
    /// Current round (1-based).
    pub round: u8,
    /// Current phase.
    pub phase: Phase,
    /// Who must decide now, and what.
    pub to_act: Option<(Seat, Decision)>,
    /// Negotiation actions the acting seat has already used this turn.
    pub actions_used: u8,
    /// Public meters.
    pub meters: Meters,
    /// Meters at the start and at the end of every finished round.
    pub meter_history: Vec<Meters>,
    /// The public log as the red lines read it: a sampled game carries it on, so it decides
    /// the red lines crossed as the real game does.
    pub red_line_record: super::RedLineRecord,
    /// Political capital of each seat (public).
    pub capital: [u8; 3],
    /// Hands this viewer may see, by seat index.
    pub hands: [Option<Vec<CardId>>; 3],
    /// Size of every hand.
    pub hand_sizes: [u8; 3],
    /// Size of every draw pile.
    pub pile_sizes: [u8; 3],
    /// Every played card, by the seat whose discard holds it (public).
    pub discards: [Vec<CardId>; 3],
    /// Objectives this viewer may see, by seat index.
    pub objectives: [Option<ObjectiveId>; 3],
    /// Briefs this viewer may see, by seat index: its own, or all once the game is over.
    pub briefs: [Option<Arc<Brief>>; 3],
    /// The event deck's order, top last (facilitator only).
    pub event_pile: Option<Vec<EventId>>,
    /// Events left in the deck.
    pub event_pile_size: u8,
    /// The event revealed this round.
    pub current_event: Option<EventId>,
    /// Pending demands.
    pub demands: Vec<Demand>,
    /// Standing commitments.
    pub commitments: Vec<Commitment>,
    /// Basket states, by basket index.
    pub baskets: [BasketState; 4],
    /// Postures this viewer may see that were chosen this round but not yet revealed.
    pub postures: [Option<Posture>; 2],
    /// The commitment awaiting the Afghan seat's consent to monitors.
    pub consent_for: Option<TableId>,
    /// The verification card whose monitors await consent.
    pub consent_card: Option<CardId>,
    /// Rules version 2, while monitors await consent: the commitment's credibility and
    /// whether it was verified before them (what a refusal restores).
    pub consent_before: Option<(u8, bool)>,
    /// Rules version 2: the mediators' bridging proposal awaiting an answer: the demand it
    /// would meet and the card it would meet it with (public).
    pub bridge_offer: Option<(TableId, CardId)>,
    /// Rules version 2: the pledge the other delegation offered unasked, awaiting an answer.
    pub offered: Option<TableId>,
    /// Rules version 2: the package the other delegation offered, awaiting an answer.
    pub package: Option<super::PackageOffer>,
    /// Rules version 2: the signed accord being implemented (public).
    pub accord: Option<super::Implementation>,
    /// Index into the scenario's seat order of the seat whose negotiation turn it is.
    pub turn: usize,
    /// The id the next demand or commitment will get.
    pub next_table_id: TableId,
    /// Public running counts.
    pub stats: Stats,
    /// Events revealed since the event deck was last shuffled (the current one last).
    pub event_discard: Vec<EventId>,
    /// Events the facilitator injected that wait for the next event phase.
    pub injects: Vec<EventId>,
    /// Whether the accord was already tabled this round.
    pub accord_tabled: bool,
    /// The outcome, once over.
    pub outcome: Option<Outcome>,
    /// Scores, once over.
    pub scores: Option<[SeatScore; 3]>,
    /// The flags set, in id order (public).
    pub flags: Vec<super::FlagId>,
    /// Each actor's strength, by [`super::ActorId`] (public; empty without actors).
    pub actors: Vec<u8>,
}

impl SeatView {
    /// What the viewing seat would pay for `card` now, surcharge included (the printed cost
    /// for viewers who are not a seat).
    pub fn cost_of(&self, card: CardId) -> u8 {
        match self.viewer {
            Viewer::Seat(seat) => {
                super::legal::effective_cost(&self.scenario, self.meters, seat, card)
            }
            _ => self.scenario.cards[usize::from(card)].cost,
        }
    }

    /// Whether meeting demand `demand` with `card` would agree its basket: the basket is open
    /// and Trust, after the meeting's own Trust and the card's, reaches its threshold.
    pub fn meeting_agrees(&self, demand: super::TableId, card: CardId) -> bool {
        let Some(basket) = self
            .demands
            .iter()
            .find(|d| d.id == demand)
            .map(|d| d.basket)
        else {
            return false;
        };
        let card_trust: i32 = self.scenario.cards[usize::from(card)]
            .effects
            .meters
            .iter()
            .filter(|(target, _)| *target == super::MeterTarget::Fixed(super::Meter::Trust))
            .map(|&(_, delta)| i32::from(delta))
            .sum();
        let trust = i32::from(self.meters.get(super::Meter::Trust))
            + i32::from(self.scenario.rules.meet_trust)
            + card_trust;
        !self.baskets[basket.index()].is_agreed()
            && trust.clamp(0, 100) >= i32::from(self.scenario.threshold(basket))
    }

    /// The last round of the talks: the scenario's, or a signed accord's last round of
    /// implementation (rules version 2), which may come later.
    pub fn last_round(&self) -> u8 {
        self.accord
            .as_ref()
            .map_or(self.scenario.rounds, |accord| accord.until)
    }

    /// The viewer's own hand (empty for spectators; the facilitator has no hand of its own).
    pub fn own_hand(&self) -> &[CardId] {
        match self.viewer {
            Viewer::Seat(seat) => self.hands[seat.index()].as_deref().unwrap_or(&[]),
            _ => &[],
        }
    }
}

impl Game {
    /// What `viewer` may see now.
    pub fn view(&self, viewer: impl Into<Viewer>) -> SeatView {
        let viewer = viewer.into();
        let over = self.outcome.is_some();
        let postures = [Seat::Pakistan, Seat::Afghanistan]
            .map(|seat| self.postures[seat.index()].filter(|_| viewer.sees_private(seat)));
        SeatView {
            viewer,
            scenario: self.scenario.clone(),
            round: self.round,
            phase: self.phase,
            to_act: self.to_act(),
            actions_used: self.actions_used,
            meters: self.meters,
            meter_history: self.meter_history.clone(),
            red_line_record: self.red_line_record.clone(),
            capital: self.capital,
            hands: Seat::ALL.map(|seat| {
                viewer
                    .sees_private(seat)
                    .then(|| self.hands[seat.index()].clone())
            }),
            hand_sizes: self.hands.each_ref().map(|h| h.len() as u8),
            pile_sizes: self.piles.each_ref().map(|p| p.len() as u8),
            discards: self.discards.clone(),
            objectives: Seat::ALL.map(|seat| {
                (over || viewer.sees_private(seat)).then_some(self.objectives[seat.index()])
            }),
            briefs: Seat::ALL.map(|seat| {
                self.scenario.briefs[seat.index()]
                    .clone()
                    .filter(|_| over || viewer.sees_private(seat))
            }),
            event_pile: (viewer == Viewer::Facilitator).then(|| self.event_pile.clone()),
            event_pile_size: self.event_pile.len() as u8,
            current_event: self.current_event,
            demands: self.demands.clone(),
            commitments: self.commitments.clone(),
            baskets: self.baskets,
            postures,
            consent_for: match self.prompt {
                Some(Prompt::Consent { commitment, .. }) => Some(commitment),
                _ => None,
            },
            consent_card: match self.prompt {
                Some(Prompt::Consent { card, .. }) => Some(card),
                _ => None,
            },
            consent_before: self.consent_before,
            accord: self.accord.clone(),
            offered: match self.prompt {
                Some(Prompt::Offer { commitment, .. }) => Some(commitment),
                _ => None,
            },
            package: self.package_offer(),
            bridge_offer: match self.prompt {
                Some(Prompt::Bridge { demand, card, .. }) => Some((demand, card)),
                _ => None,
            },
            turn: self.turn,
            next_table_id: self.next_table_id,
            stats: self.stats,
            event_discard: self.event_discard.clone(),
            injects: self.injects.clone(),
            accord_tabled: self.stats.tabled_this_round,
            outcome: self.outcome,
            scores: self.scores(),
            flags: self.flags.clone(),
            actors: self.actors.clone(),
        }
    }
}
