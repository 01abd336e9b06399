//! Which actions are legal, and why the others are not.
//!
//! `check` is the single source of truth: `legal_actions` enumerates candidates and keeps the
//! ones `check` accepts, so the list and the refusals can never disagree.

use super::game::Prompt;
use super::{
    Action, Basket, CardId, CardKind, Decision, Game, Meter, MonitorKind, Posture, RuleError, Seat,
    TableId, TargetKind,
};
use super::{BasketNeed, Unmet, UnmetBound};
use std::fmt;

impl Game {
    /// Every legal action for `seat`, in a fixed order: card plays (hand order, then targets),
    /// answers to demands, package offers (rules version 2), tabling the accord, passing; or the options of the pending prompt.
    /// Empty when it is not `seat`'s decision.
    pub fn legal_actions(&self, seat: Seat) -> Vec<Action> {
        let Some((who, decision)) = self.to_act() else {
            return Vec::new();
        };
        if who != seat {
            return Vec::new();
        }
        let mut candidates = match decision {
            Decision::Negotiate => self.negotiation_candidates(seat),
            Decision::EventChoice => {
                let count = match self.prompt {
                    Some(Prompt::EventChoice { event, .. }) => self.scenario.events
                        [usize::from(event)]
                    .choice
                    .as_ref()
                    .map_or(0, |c| c.options.len()),
                    _ => 0,
                };
                (0..count as u8)
                    .map(|option| Action::Choose { seat, option })
                    .collect()
            }
            Decision::Consent
            | Decision::AccordVote
            | Decision::Renew
            | Decision::Bridge
            | Decision::Offer => [true, false]
                .into_iter()
                .filter_map(|accept| decision.answer(seat, accept))
                .collect(),
            Decision::Posture => Posture::ALL
                .map(|posture| Action::Posture { seat, posture })
                .to_vec(),
            Decision::Package => self.package_answers(seat),
        };
        candidates.retain(|a| self.check(a).is_ok());
        candidates
    }

    /// Whether `action` is legal now, and if not, why.
    pub fn check(&self, action: &Action) -> Result<(), RuleError> {
        if let Action::Undo { seat } = *action {
            return self.check_undo(seat);
        }
        if let Action::Inject { event } = *action {
            return if self.outcome.is_some() {
                Err(RuleError::GameOver)
            } else if usize::from(event) < self.scenario.events.len() {
                Ok(())
            } else {
                Err(illegal(format!("the scenario has no event {event}")))
            };
        }
        let Some((expected, decision)) = self.to_act() else {
            return Err(RuleError::GameOver);
        };
        let seat = action.seat();
        if seat != expected {
            return Err(RuleError::NotYourTurn {
                seat,
                expected,
                decision,
            });
        }
        if action.decision() != Some(decision) {
            return Err(RuleError::WrongDecision {
                seat,
                expected: decision,
            });
        }
        match *action {
            Action::Play { seat, card, target } => self.check_play(seat, card, target),
            Action::Meet { seat, demand, card } => {
                let basket = self.demand_aimed_at(seat, demand)?;
                self.check_answer_card(seat, card, CardKind::Assurance, basket)
            }
            Action::Counter { seat, demand, card } => {
                let basket = self.demand_aimed_at(seat, demand)?;
                self.check_answer_card(seat, card, CardKind::Demand, basket)
            }
            Action::Reject { seat, demand } => self.demand_aimed_at(seat, demand).map(|_| ()),
            Action::TableAccord { seat } => self.check_table_accord(seat),
            Action::Choose { option, .. } => {
                let count = match self.prompt {
                    Some(Prompt::EventChoice { event, .. }) => self.scenario.events
                        [usize::from(event)]
                    .choice
                    .as_ref()
                    .map_or(0, |c| c.options.len()),
                    _ => 0,
                };
                if usize::from(option) < count {
                    Ok(())
                } else {
                    Err(illegal(format!("this event has no option {option}")))
                }
            }
            Action::Renew { seat, accept: true } if !self.can_renew(seat) => Err(illegal(format!(
                "renewing costs {} capital, and the pledge's card must not be back in play",
                self.scenario.rules.renew_capital
            ))),
            Action::OfferPackage { seat, card, ask } => self.check_offer_package(seat, card, ask),
            Action::AnswerPackage { seat, card } => self.check_answer_package(seat, card),
            Action::Pass { .. }
            | Action::Renew { .. }
            | Action::AnswerBridge { .. }
            | Action::AnswerOffer { .. }
            | Action::Consent { .. }
            | Action::Vote { .. }
            | Action::Posture { .. }
            | Action::Undo { .. }
            | Action::Inject { .. } => Ok(()),
        }
    }

    /// What `seat` would pay for `card` now: its cost, plus one for a conciliatory card while
    /// the seat's own domestic pressure is at or above the surcharge level.
    pub fn effective_cost(&self, seat: Seat, card: CardId) -> u8 {
        effective_cost(&self.scenario, self.meters, seat, card)
    }

    /// Why `seat` could not play `card` right now (ignoring whose turn it is), or `None` when
    /// it could. Screens use this to dim a card and say why.
    pub fn card_block(&self, seat: Seat, card: CardId) -> Option<CardBlock> {
        let def = &self.scenario.cards[usize::from(card)];
        if !def.seats.contains(&seat) {
            return Some(CardBlock::NotYourCard);
        }
        let need = self.effective_cost(seat, card);
        let have = self.capital[seat.index()];
        if need > have {
            return Some(CardBlock::Capital { need, have });
        }
        if let Some(unmet) = def.requires.first_unmet(&self.situation()) {
            return Some(match unmet {
                Unmet::Meter(bound) => CardBlock::Meter(bound),
                Unmet::Basket(basket, BasketNeed::Agreed) => CardBlock::BasketNotAgreed(basket),
                Unmet::Basket(basket, BasketNeed::Open) => CardBlock::BasketAlreadyAgreed(basket),
                other => CardBlock::Condition(other),
            });
        }
        if def.kind == CardKind::Demand
            && let Some(basket) = def.basket
            && self.has_pending_demand(seat, basket)
        {
            return Some(CardBlock::DemandPending(basket));
        }
        match def.target_kind() {
            TargetKind::None => None,
            TargetKind::Commitment => {
                let max = self.scenario.rules.max_credibility;
                let mut below_max = self.commitments.iter().filter(|c| c.credibility < max);
                let Some(first) = below_max.next() else {
                    return Some(CardBlock::NoCommitmentToVerify);
                };
                // A pledge whose seat refuses this card's kind of monitoring cannot be
                // verified with it: blocked when every one below maximum refuses.
                let kind = self.scenario.monitors_refusal(first.by, def)?;
                below_max
                    .all(|c| self.scenario.monitors_refusal(c.by, def).is_some())
                    .then_some(CardBlock::MonitorsRefused {
                        seat: first.by,
                        kind,
                    })
            }
            TargetKind::Demand => self
                .demands
                .is_empty()
                .then_some(CardBlock::NoDemandToBridge),
        }
    }

    /// The reason of [`Game::card_block`] in words, for screens.
    pub fn card_block_reason(&self, seat: Seat, card: CardId) -> Option<String> {
        self.card_block(seat, card).map(|b| self.block_words(b))
    }

    /// A card block in words, flags by their names.
    fn block_words(&self, block: CardBlock) -> String {
        match block {
            CardBlock::Condition(unmet) => unmet.describe(&self.scenario),
            CardBlock::MonitorsRefused { seat, kind } => format!(
                "{} refuses {kind} (its brief)",
                self.scenario.seat_name(seat)
            ),
            other => other.to_string(),
        }
    }

    fn negotiation_candidates(&self, seat: Seat) -> Vec<Action> {
        let s = seat.index();
        let mut out = Vec::new();
        for &card in &self.hands[s] {
            match self.scenario.cards[usize::from(card)].target_kind() {
                TargetKind::None => out.push(Action::Play {
                    seat,
                    card,
                    target: None,
                }),
                TargetKind::Commitment => {
                    out.extend(self.commitments.iter().map(|c| Action::Play {
                        seat,
                        card,
                        target: Some(c.id),
                    }))
                }
                TargetKind::Demand => out.extend(self.demands.iter().map(|d| Action::Play {
                    seat,
                    card,
                    target: Some(d.id),
                })),
            }
        }
        for demand in self.demands.iter().filter(|d| d.to == seat) {
            for &card in &self.hands[s] {
                let def = &self.scenario.cards[usize::from(card)];
                if def.basket != Some(demand.basket) {
                    continue;
                }
                let demand = demand.id;
                match def.kind {
                    CardKind::Assurance => out.push(Action::Meet { seat, demand, card }),
                    CardKind::Demand => out.push(Action::Counter { seat, demand, card }),
                    _ => {}
                }
            }
            out.push(Action::Reject {
                seat,
                demand: demand.id,
            });
        }
        out.extend(self.package_candidates(seat));
        out.push(Action::TableAccord { seat });
        out.push(Action::Pass { seat });
        out
    }

    pub(super) fn check_play(
        &self,
        seat: Seat,
        card: CardId,
        target: Option<TableId>,
    ) -> Result<(), RuleError> {
        self.check_in_hand(seat, card)?;
        if let Some(block) = self.card_block(seat, card) {
            return Err(RuleError::Illegal(self.block_words(block)));
        }
        let def = &self.scenario.cards[usize::from(card)];
        match (def.target_kind(), target) {
            (TargetKind::None, None) => Ok(()),
            (TargetKind::None, Some(_)) => Err(illegal(format!("{} takes no target", def.name))),
            (TargetKind::Commitment, Some(id)) => {
                let commitment = self
                    .commitments
                    .iter()
                    .find(|c| c.id == id)
                    .ok_or_else(|| illegal(format!("there is no commitment #{id} on the table")))?;
                if commitment.credibility >= self.scenario.rules.max_credibility {
                    return Err(illegal(format!(
                        "commitment #{id} is already at maximum credibility"
                    )));
                }
                match self.scenario.monitors_refusal(commitment.by, def) {
                    Some(kind) => Err(illegal(self.block_words(CardBlock::MonitorsRefused {
                        seat: commitment.by,
                        kind,
                    }))),
                    None => Ok(()),
                }
            }
            (TargetKind::Demand, Some(id)) => {
                if self.demands.iter().any(|d| d.id == id) {
                    Ok(())
                } else {
                    Err(illegal(format!("there is no pending demand #{id}")))
                }
            }
            (TargetKind::Commitment, None) => {
                Err(illegal(format!("{} must target a commitment", def.name)))
            }
            (TargetKind::Demand, None) => Err(illegal(format!(
                "{} must target a pending demand",
                def.name
            ))),
        }
    }

    fn check_in_hand(&self, seat: Seat, card: CardId) -> Result<(), RuleError> {
        if self.hands[seat.index()].contains(&card) {
            Ok(())
        } else {
            Err(illegal(format!(
                "that card is not in {}'s hand",
                self.scenario.seat_name(seat)
            )))
        }
    }

    /// The basket of demand `id`, if it is pending and aimed at `seat`.
    fn demand_aimed_at(&self, seat: Seat, id: TableId) -> Result<Basket, RuleError> {
        let demand = self
            .demands
            .iter()
            .find(|d| d.id == id)
            .ok_or_else(|| illegal(format!("there is no pending demand #{id}")))?;
        if demand.to == seat {
            Ok(demand.basket)
        } else {
            Err(illegal(format!(
                "demand #{id} is not addressed to {}",
                self.scenario.seat_name(seat)
            )))
        }
    }

    pub(super) fn check_answer_card(
        &self,
        seat: Seat,
        card: CardId,
        kind: CardKind,
        basket: Basket,
    ) -> Result<(), RuleError> {
        self.check_in_hand(seat, card)?;
        let def = &self.scenario.cards[usize::from(card)];
        if def.kind != kind {
            return Err(illegal(format!("{} is not a {kind} card", def.name)));
        }
        if def.basket != Some(basket) {
            return Err(illegal(format!(
                "{} is not in the {basket} basket",
                def.name
            )));
        }
        match self.card_block(seat, card) {
            Some(block) => Err(RuleError::Illegal(self.block_words(block))),
            None => Ok(()),
        }
    }

    /// A delegation may have only one pending demand per basket.
    fn has_pending_demand(&self, seat: Seat, basket: Basket) -> bool {
        self.demands
            .iter()
            .any(|d| d.by == seat && d.basket == basket)
    }

    fn check_table_accord(&self, seat: Seat) -> Result<(), RuleError> {
        if seat != Seat::Mediator {
            return Err(illegal(
                "only the mediator can table the accord".to_string(),
            ));
        }
        if self.accord.is_some() {
            return Err(illegal(
                "the accord is signed: it is being implemented".to_string(),
            ));
        }
        if self.stats.tabled_this_round {
            return Err(illegal(
                "the accord was already tabled this round".to_string(),
            ));
        }
        if let Some(reason) = self.accord_not_ready() {
            return Err(illegal(reason));
        }
        Ok(())
    }

    /// Why the accord cannot be tabled yet, or `None` when it can.
    pub fn accord_not_ready(&self) -> Option<String> {
        let agreed = self.baskets.iter().filter(|b| b.is_agreed()).count();
        let security = self.baskets[Basket::Security.index()].is_agreed();
        let sovereignty = self.baskets[Basket::Sovereignty.index()].is_agreed();
        if agreed >= 3 && security && sovereignty {
            None
        } else {
            let missing: Vec<&str> = [(security, "Security"), (sovereignty, "Sovereignty")]
                .into_iter()
                .filter(|(agreed, _)| !agreed)
                .map(|(_, name)| name)
                .collect();
            let why = if missing.is_empty() {
                format!("only {agreed} agreed")
            } else {
                format!("{} not agreed yet", missing.join(" and "))
            };
            Some(format!(
                "the accord needs 3 agreed baskets including Security and Sovereignty ({why})"
            ))
        }
    }
}

fn illegal(reason: String) -> RuleError {
    RuleError::Illegal(reason)
}

/// Why a card cannot be played now. Cheap to compute; formatted only when shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CardBlock {
    /// The card is not playable by this seat.
    NotYourCard,
    /// Not enough political capital.
    Capital {
        /// What it costs now.
        need: u8,
        /// What the seat has.
        have: u8,
    },
    /// A meter requirement does not hold.
    Meter(UnmetBound),
    /// Needs a basket agreed first.
    BasketNotAgreed(Basket),
    /// Needs a basket still open.
    BasketAlreadyAgreed(Basket),
    /// The seat already has a demand pending in this basket.
    DemandPending(Basket),
    /// A verification card with no commitment it could raise.
    NoCommitmentToVerify,
    /// Another part of the card's `requires` does not hold (a round, a basket to be
    /// secured, a flag).
    Condition(Unmet),
    /// A bridging card with no pending demand.
    NoDemandToBridge,
    /// A verification card whose kind of monitoring the pledging seat's brief refuses (on
    /// every pledge it could verify).
    MonitorsRefused {
        /// The seat that refuses.
        seat: Seat,
        /// The kind it refuses.
        kind: MonitorKind,
    },
}

impl fmt::Display for CardBlock {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CardBlock::NotYourCard => f.write_str("your seat cannot play this card"),
            CardBlock::Capital { need, have } => {
                write!(f, "costs {need} capital, you have {have}")
            }
            CardBlock::Meter(unmet) => write!(f, "{unmet}"),
            CardBlock::BasketNotAgreed(b) => write!(f, "needs the {b} basket agreed"),
            CardBlock::BasketAlreadyAgreed(b) => write!(f, "the {b} basket is already agreed"),
            CardBlock::DemandPending(b) => write!(f, "you already have a pending demand in {b}"),
            CardBlock::NoCommitmentToVerify => {
                f.write_str("needs a commitment on the table below maximum credibility")
            }
            CardBlock::NoDemandToBridge => f.write_str("needs a pending demand to bridge"),
            CardBlock::MonitorsRefused { seat, kind } => {
                write!(f, "{seat} refuses {kind} (its brief)")
            }
            CardBlock::Condition(unmet) => write!(f, "{unmet}"),
        }
    }
}

/// What `seat` pays for `card` with the meters at `meters`: its cost, plus one for a
/// conciliatory card while the seat's own domestic pressure is at or above the surcharge level.
pub(crate) fn effective_cost(
    scenario: &super::Scenario,
    meters: super::Meters,
    seat: Seat,
    card: CardId,
) -> u8 {
    let card = &scenario.cards[usize::from(card)];
    let surcharge = card.kind.is_conciliatory()
        && Meter::pressure_of(seat)
            .is_some_and(|m| meters.get(m) >= scenario.rules.surcharge_pressure);
    card.cost + u8::from(surcharge)
}
