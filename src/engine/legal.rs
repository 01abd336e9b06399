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
        let mut out = Vec::new();
        self.legal_actions_into(seat, &mut out);
        out
    }

    /// [`Game::legal_actions`] written into `out` (cleared first), so a caller that asks every
    /// turn can reuse one buffer. No reason is put in words for the candidates refused.
    pub fn legal_actions_into(&self, seat: Seat, out: &mut Vec<Action>) {
        out.clear();
        let Some((who, decision)) = self.to_act() else {
            return;
        };
        if who != seat {
            return;
        }
        match decision {
            Decision::Negotiate => self.negotiation_candidates(seat, out),
            Decision::EventChoice => {
                let count = self.event_options();
                out.extend((0..count as u8).map(|option| Action::Choose { seat, option }));
            }
            Decision::Consent
            | Decision::AccordVote
            | Decision::Renew
            | Decision::Bridge
            | Decision::Offer => out.extend(
                [true, false]
                    .into_iter()
                    .filter_map(|accept| decision.answer(seat, accept)),
            ),
            Decision::Posture => {
                out.extend(Posture::ALL.map(|posture| Action::Posture { seat, posture }))
            }
            Decision::Package => self.package_answers(seat, out),
        }
        // The negotiation candidates were made only of cards no block stops (judged once
        // each by `negotiation_candidates`), so their blocks are not judged again.
        let blocks_judged = decision == Decision::Negotiate;
        // Every candidate is `seat`'s and answers `decision`, so only the rules are asked.
        out.retain(|a| {
            debug_assert_eq!((a.seat(), a.decision()), (seat, Some(decision)));
            self.rule_refusal(a, blocks_judged).is_none()
        });
    }

    /// Whether `action` is legal now: [`Game::check`] without putting a refusal in words.
    pub fn is_legal(&self, action: &Action) -> bool {
        match *action {
            Action::Undo { .. } | Action::Inject { .. } => self.check(action).is_ok(),
            _ => self.refusal(action, false).is_none(),
        }
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
        match self.refusal(action, false) {
            None => Ok(()),
            Some(refusal) => Err(self.refusal_error(refusal)),
        }
    }

    /// The number of options of the event choice waiting for an answer (0 when none).
    fn event_options(&self) -> usize {
        match self.prompt {
            Some(Prompt::EventChoice { event, .. }) => self.scenario.events[usize::from(event)]
                .choice
                .as_ref()
                .map_or(0, |c| c.options.len()),
            _ => 0,
        }
    }

    /// Why an action other than an undo or an inject is refused now, as data, or `None` when
    /// it is legal. The single source of truth of [`Game::check`] and the legal actions.
    /// `blocks_judged`: the action's card is known to be stopped by no [`CardBlock`] now, so
    /// its block is not judged again.
    fn refusal(&self, action: &Action, blocks_judged: bool) -> Option<Refusal> {
        let Some((expected, decision)) = self.to_act() else {
            return Some(Refusal::GameOver);
        };
        let seat = action.seat();
        if seat != expected {
            return Some(Refusal::NotYourTurn {
                seat,
                expected,
                decision,
            });
        }
        if action.decision() != Some(decision) {
            return Some(Refusal::WrongDecision {
                seat,
                expected: decision,
            });
        }
        self.rule_refusal(action, blocks_judged)
    }

    /// Why `action`, of the seat to act and answering the decision asked, is refused by the
    /// rules now, or `None` when it is legal (the part of [`Game::refusal`] after the turn).
    fn rule_refusal(&self, action: &Action, blocks_judged: bool) -> Option<Refusal> {
        match *action {
            Action::Play { seat, card, target } => {
                self.check_play(seat, card, target, blocks_judged)
            }
            Action::Meet { seat, demand, card } => match self.demand_aimed_at(seat, demand) {
                Ok(basket) => {
                    self.check_answer_card(seat, card, CardKind::Assurance, basket, blocks_judged)
                }
                Err(refusal) => Some(refusal),
            },
            Action::Counter { seat, demand, card } => match self.demand_aimed_at(seat, demand) {
                Ok(basket) => {
                    self.check_answer_card(seat, card, CardKind::Demand, basket, blocks_judged)
                }
                Err(refusal) => Some(refusal),
            },
            Action::Reject { seat, demand } => self.demand_aimed_at(seat, demand).err(),
            Action::TableAccord { seat } => self.check_table_accord(seat),
            Action::Choose { option, .. } => {
                (usize::from(option) >= self.event_options()).then_some(Refusal::NoOption(option))
            }
            Action::Renew { seat, accept: true } if !self.can_renew(seat) => {
                Some(Refusal::RenewCost)
            }
            Action::OfferPackage { seat, card, ask } => {
                self.check_offer_package(seat, card, ask, blocks_judged)
            }
            Action::AnswerPackage { seat, card } => self.check_answer_package(seat, card),
            Action::Pass { .. }
            | Action::Renew { .. }
            | Action::AnswerBridge { .. }
            | Action::AnswerOffer { .. }
            | Action::Consent { .. }
            | Action::Vote { .. }
            | Action::Posture { .. }
            | Action::Undo { .. }
            | Action::Inject { .. } => None,
        }
    }

    /// A refusal in words.
    fn refusal_error(&self, refusal: Refusal) -> RuleError {
        let name = |card: CardId| &self.scenario.cards[usize::from(card)].name;
        illegal(match refusal {
            Refusal::GameOver => return RuleError::GameOver,
            Refusal::NotYourTurn {
                seat,
                expected,
                decision,
            } => {
                let words = format!(
                    "it is not {}'s turn ({} must {decision})",
                    self.scenario.seat_name(seat),
                    self.scenario.seat_name(expected)
                );
                return RuleError::NotYourTurn {
                    seat,
                    expected,
                    decision,
                    words,
                };
            }
            Refusal::WrongDecision { seat, expected } => {
                let words = format!("{} must {expected} now", self.scenario.seat_name(seat));
                return RuleError::WrongDecision {
                    seat,
                    expected,
                    words,
                };
            }
            Refusal::NoOption(option) => format!("this event has no option {option}"),
            Refusal::RenewCost => format!(
                "renewing costs {} capital, and the pledge's card must not be back in play",
                self.scenario.rules.renew_capital
            ),
            Refusal::Block(block) => self.block_words(block),
            Refusal::NotInHand(seat) => format!(
                "that card is not in {}'s hand",
                self.scenario.seat_name(seat)
            ),
            Refusal::TakesNoTarget(card) => format!("{} takes no target", name(card)),
            Refusal::NoCommitment(id) => format!("there is no commitment #{id} on the table"),
            Refusal::AtMaxCredibility(id) => {
                format!("commitment #{id} is already at maximum credibility")
            }
            Refusal::NoDemand(id) => format!("there is no pending demand #{id}"),
            Refusal::MustTargetCommitment(card) => {
                format!("{} must target a commitment", name(card))
            }
            Refusal::MustTargetDemand(card) => {
                format!("{} must target a pending demand", name(card))
            }
            Refusal::NotAddressed(id, seat) => format!(
                "demand #{id} is not addressed to {}",
                self.scenario.seat_name(seat)
            ),
            Refusal::NotOfKind(card, kind) => format!("{} is not a {kind} card", name(card)),
            Refusal::NotInBasket(card, basket) => {
                format!("{} is not in the {basket} basket", name(card))
            }
            Refusal::NotMediator => "only the mediator can table the accord".to_string(),
            Refusal::AccordSigned => "the accord is signed: it is being implemented".to_string(),
            Refusal::AlreadyTabled => "the accord was already tabled this round".to_string(),
            Refusal::AccordNotReady => self.accord_not_ready().unwrap_or_default(),
            Refusal::PackagesNeedVersion2 => "packages are a rule of rules version 2".into(),
            Refusal::PackageNotByDelegation => "only a delegation can offer a package".into(),
            Refusal::PackageNotAssurance(card) => format!(
                "{} is not an assurance: only a pledge can be offered in a package",
                name(card)
            ),
            Refusal::PackageSameBasket(own) => {
                format!("a package trades across baskets: ask for a commitment outside {own}")
            }
            Refusal::PackageAskAgreed(ask) => format!("{ask} is agreed already"),
            Refusal::NoPackage => "no package is waiting for an answer".into(),
        })
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

    /// The negotiation candidates, added to `out`. A card [`Game::card_block`] blocks makes
    /// none (every action with it would be refused), so that its block is judged once, not
    /// once a target or a package.
    fn negotiation_candidates(&self, seat: Seat, out: &mut Vec<Action>) {
        let s = seat.index();
        let open = self.open_cards(seat);
        for &card in self.hands[s].iter().filter(|&&card| open(card)) {
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
            for &card in self.hands[s].iter().filter(|&&card| open(card)) {
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
        self.package_candidates(seat, &open, out);
        out.push(Action::TableAccord { seat });
        out.push(Action::Pass { seat });
    }

    /// Which cards of `seat`'s hand no [`CardBlock`] stops now, judged once each.
    fn open_cards(&self, seat: Seat) -> impl Fn(CardId) -> bool + use<'_> {
        let hand = &self.hands[seat.index()];
        // One bit a card of the hand, by its place in it; a hand longer than the mask lets
        // the rest through, to be judged one action at a time.
        let mut blocked = 0u64;
        for (i, &card) in hand.iter().enumerate().take(64) {
            if self.card_block(seat, card).is_some() {
                blocked |= 1 << i;
            }
        }
        move |card| {
            hand.iter()
                .position(|&c| c == card)
                .is_none_or(|i| i >= 64 || blocked & (1 << i) == 0)
        }
    }

    pub(super) fn check_play(
        &self,
        seat: Seat,
        card: CardId,
        target: Option<TableId>,
        blocks_judged: bool,
    ) -> Option<Refusal> {
        if !self.hands[seat.index()].contains(&card) {
            return Some(Refusal::NotInHand(seat));
        }
        if !blocks_judged && let Some(block) = self.card_block(seat, card) {
            return Some(Refusal::Block(block));
        }
        let def = &self.scenario.cards[usize::from(card)];
        match (def.target_kind(), target) {
            (TargetKind::None, None) => None,
            (TargetKind::None, Some(_)) => Some(Refusal::TakesNoTarget(card)),
            (TargetKind::Commitment, Some(id)) => {
                let Some(commitment) = self.commitments.iter().find(|c| c.id == id) else {
                    return Some(Refusal::NoCommitment(id));
                };
                if commitment.credibility >= self.scenario.rules.max_credibility {
                    return Some(Refusal::AtMaxCredibility(id));
                }
                self.scenario
                    .monitors_refusal(commitment.by, def)
                    .map(|kind| {
                        Refusal::Block(CardBlock::MonitorsRefused {
                            seat: commitment.by,
                            kind,
                        })
                    })
            }
            (TargetKind::Demand, Some(id)) => {
                (!self.demands.iter().any(|d| d.id == id)).then_some(Refusal::NoDemand(id))
            }
            (TargetKind::Commitment, None) => Some(Refusal::MustTargetCommitment(card)),
            (TargetKind::Demand, None) => Some(Refusal::MustTargetDemand(card)),
        }
    }

    /// The basket of demand `id`, if it is pending and aimed at `seat`.
    fn demand_aimed_at(&self, seat: Seat, id: TableId) -> Result<Basket, Refusal> {
        let demand = self
            .demands
            .iter()
            .find(|d| d.id == id)
            .ok_or(Refusal::NoDemand(id))?;
        if demand.to == seat {
            Ok(demand.basket)
        } else {
            Err(Refusal::NotAddressed(id, seat))
        }
    }

    pub(super) fn check_answer_card(
        &self,
        seat: Seat,
        card: CardId,
        kind: CardKind,
        basket: Basket,
        blocks_judged: bool,
    ) -> Option<Refusal> {
        if !self.hands[seat.index()].contains(&card) {
            return Some(Refusal::NotInHand(seat));
        }
        let def = &self.scenario.cards[usize::from(card)];
        if def.kind != kind {
            return Some(Refusal::NotOfKind(card, kind));
        }
        if def.basket != Some(basket) {
            return Some(Refusal::NotInBasket(card, basket));
        }
        if blocks_judged {
            return None;
        }
        self.card_block(seat, card).map(Refusal::Block)
    }

    /// A delegation may have only one pending demand per basket.
    fn has_pending_demand(&self, seat: Seat, basket: Basket) -> bool {
        self.demands
            .iter()
            .any(|d| d.by == seat && d.basket == basket)
    }

    fn check_table_accord(&self, seat: Seat) -> Option<Refusal> {
        if seat != Seat::Mediator {
            Some(Refusal::NotMediator)
        } else if self.accord.is_some() {
            Some(Refusal::AccordSigned)
        } else if self.stats.tabled_this_round {
            Some(Refusal::AlreadyTabled)
        } else if !self.accord_ready() {
            Some(Refusal::AccordNotReady)
        } else {
            None
        }
    }

    /// Whether the accord could be tabled as the baskets stand: three agreed, Security and
    /// Sovereignty among them. [`Game::accord_not_ready`] says why not.
    pub fn accord_ready(&self) -> bool {
        let agreed = self.baskets.iter().filter(|b| b.is_agreed()).count();
        agreed >= 3
            && self.baskets[Basket::Security.index()].is_agreed()
            && self.baskets[Basket::Sovereignty.index()].is_agreed()
    }

    /// Why the accord cannot be tabled yet, or `None` when it can.
    pub fn accord_not_ready(&self) -> Option<String> {
        if self.accord_ready() {
            return None;
        }
        let agreed = self.baskets.iter().filter(|b| b.is_agreed()).count();
        let security = self.baskets[Basket::Security.index()].is_agreed();
        let sovereignty = self.baskets[Basket::Sovereignty.index()].is_agreed();
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

fn illegal(reason: String) -> RuleError {
    RuleError::Illegal(reason)
}

/// Why an action is refused, as data: cheap to make (nothing is put in words), so the legal
/// actions can be sifted with it; `Game::refusal_error` says it in words when asked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Refusal {
    GameOver,
    NotYourTurn {
        seat: Seat,
        expected: Seat,
        decision: Decision,
    },
    WrongDecision {
        seat: Seat,
        expected: Decision,
    },
    NoOption(u8),
    RenewCost,
    Block(CardBlock),
    NotInHand(Seat),
    TakesNoTarget(CardId),
    NoCommitment(TableId),
    AtMaxCredibility(TableId),
    NoDemand(TableId),
    MustTargetCommitment(CardId),
    MustTargetDemand(CardId),
    NotAddressed(TableId, Seat),
    NotOfKind(CardId, CardKind),
    NotInBasket(CardId, Basket),
    NotMediator,
    AccordSigned,
    AlreadyTabled,
    AccordNotReady,
    PackagesNeedVersion2,
    PackageNotByDelegation,
    PackageNotAssurance(CardId),
    PackageSameBasket(Basket),
    PackageAskAgreed(Basket),
    NoPackage,
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
