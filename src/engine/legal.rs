//! Which actions are legal, and why the others are not.
//!
//! `check` is the single source of truth: `legal_actions` enumerates candidates and keeps the
//! ones `check` accepts, so the list and the refusals can never disagree.

use super::game::Prompt;
use super::{
    Action, Basket, CardId, CardKind, Decision, Game, Meter, Posture, RuleError, Seat, TableId,
    TargetKind,
};

impl Game {
    /// Every legal action for `seat`, in a fixed order: card plays (hand order, then targets),
    /// answers to demands, tabling the accord, passing; or the options of the pending prompt.
    /// Empty when it is not `seat`'s decision.
    pub fn legal_actions(&self, seat: Seat) -> Vec<Action> {
        let Some((who, decision)) = self.to_act() else {
            return Vec::new();
        };
        if who != seat {
            return Vec::new();
        }
        let candidates = match decision {
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
            Decision::Consent => [true, false]
                .map(|accept| Action::Consent { seat, accept })
                .to_vec(),
            Decision::AccordVote => [true, false]
                .map(|accept| Action::Vote { seat, accept })
                .to_vec(),
            Decision::Posture => Posture::ALL
                .map(|posture| Action::Posture { seat, posture })
                .to_vec(),
        };
        candidates
            .into_iter()
            .filter(|a| self.check(a).is_ok())
            .collect()
    }

    /// Whether `action` is legal now, and if not, why.
    pub fn check(&self, action: &Action) -> Result<(), RuleError> {
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
        if action.decision() != decision {
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
            Action::Pass { .. }
            | Action::Consent { .. }
            | Action::Vote { .. }
            | Action::Posture { .. } => Ok(()),
        }
    }

    /// What `seat` would pay for `card` now: its cost, plus one for a conciliatory card while
    /// the seat's own domestic pressure is at or above the surcharge level.
    pub fn effective_cost(&self, seat: Seat, card: CardId) -> u8 {
        let card = &self.scenario.cards[usize::from(card)];
        let surcharge = card.kind.is_conciliatory()
            && Meter::pressure_of(seat)
                .is_some_and(|m| self.meters.get(m) >= self.scenario.rules.surcharge_pressure);
        card.cost + u8::from(surcharge)
    }

    /// Why `seat` could not play `card` on its own right now (ignoring whose turn it is), or
    /// `None` when it could. Screens use this to dim a card and say why.
    pub fn card_block_reason(&self, seat: Seat, card: CardId) -> Option<String> {
        let def = &self.scenario.cards[usize::from(card)];
        if !def.seats.contains(&seat) {
            return Some(format!("{seat} cannot play this card"));
        }
        let cost = self.effective_cost(seat, card);
        let capital = self.capital[seat.index()];
        if cost > capital {
            return Some(format!("costs {cost} capital, you have {capital}"));
        }
        if let Some(reason) = def.requires.meters.first_unmet(&self.meters) {
            return Some(reason);
        }
        if let Some(basket) = def.requires.agreed
            && !self.baskets[basket.index()].is_agreed()
        {
            return Some(format!("needs the {basket} basket agreed"));
        }
        if let Some(basket) = def.requires.open
            && self.baskets[basket.index()].is_agreed()
        {
            return Some(format!("the {basket} basket is already agreed"));
        }
        if def.kind == CardKind::Demand
            && let Some(basket) = def.basket
            && let Err(RuleError::Illegal(reason)) = self.check_demand_slot(seat, basket)
        {
            return Some(reason);
        }
        match def.target_kind() {
            TargetKind::None => None,
            TargetKind::Commitment => self
                .commitments
                .iter()
                .all(|c| c.credibility >= self.scenario.rules.max_credibility)
                .then(|| "needs a commitment on the table below maximum credibility".to_string()),
            TargetKind::Demand => self
                .demands
                .is_empty()
                .then(|| "needs a pending demand to bridge".to_string()),
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
                out.push(Action::Meet {
                    seat,
                    demand: demand.id,
                    card,
                });
                out.push(Action::Counter {
                    seat,
                    demand: demand.id,
                    card,
                });
            }
            out.push(Action::Reject {
                seat,
                demand: demand.id,
            });
        }
        out.push(Action::TableAccord { seat });
        out.push(Action::Pass { seat });
        out
    }

    fn check_play(
        &self,
        seat: Seat,
        card: CardId,
        target: Option<TableId>,
    ) -> Result<(), RuleError> {
        self.check_in_hand(seat, card)?;
        if let Some(reason) = self.card_block_reason(seat, card) {
            return Err(illegal(reason));
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
                Ok(())
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
            Err(illegal(format!("that card is not in {seat}'s hand")))
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
            Err(illegal(format!("demand #{id} is not addressed to {seat}")))
        }
    }

    fn check_answer_card(
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
        match self.card_block_reason(seat, card) {
            Some(reason) => Err(illegal(reason)),
            None => Ok(()),
        }
    }

    /// A delegation may have only one pending demand per basket.
    fn check_demand_slot(&self, seat: Seat, basket: Basket) -> Result<(), RuleError> {
        if !seat.is_delegation() {
            return Err(illegal("only a delegation can make demands".to_string()));
        }
        if self
            .demands
            .iter()
            .any(|d| d.by == seat && d.basket == basket)
        {
            return Err(illegal(format!(
                "{seat} already has a pending demand in {basket}"
            )));
        }
        Ok(())
    }

    fn check_table_accord(&self, seat: Seat) -> Result<(), RuleError> {
        if seat != Seat::Mediator {
            return Err(illegal(
                "only the mediator can table the accord".to_string(),
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
            Some(format!(
                "the accord needs 3 agreed baskets including Security and Sovereignty ({agreed} agreed)"
            ))
        }
    }
}

fn illegal(reason: String) -> RuleError {
    RuleError::Illegal(reason)
}
