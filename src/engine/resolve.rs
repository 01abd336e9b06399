//! Carrying out a legal action: cards, answers to demands, verification, the accord vote.
//!
//! Everything here assumes `Game::check` has accepted the action.

use super::game::Prompt;
use super::{
    AccordTerms, Action, Basket, BasketState, CardId, CardKind, Commitment, Demand, Effects, Game,
    LogEvent, Meter, MeterTarget, MonitorKind, Outcome, Renewable, Seat, TableId, TargetKind,
};

impl Game {
    /// Applies a checked action, then runs every automatic step it sets off.
    pub(super) fn resolve(&mut self, action: Action) {
        match action {
            Action::Play { seat, card, target } => {
                self.play_card(seat, card, target);
                self.count_negotiation_action();
            }
            Action::Meet { seat, demand, card } => {
                self.meet(seat, demand, card);
                self.count_negotiation_action();
            }
            Action::Counter { seat, demand, card } => {
                self.counter(seat, demand, card);
                self.count_negotiation_action();
            }
            Action::Reject { seat, demand } => {
                self.reject(seat, demand);
                self.count_negotiation_action();
            }
            Action::TableAccord { .. } => {
                self.stats.tabled_this_round = true;
                self.note(LogEvent::AccordTabled);
                if self.scenario.rules.version >= 2 {
                    for id in AccordTerms::of(&self.commitments).bound {
                        self.note(LogEvent::CommitmentBound { id });
                    }
                }
                self.prompt = Some(Prompt::Vote {
                    seat: Seat::Pakistan,
                });
                self.count_negotiation_action();
            }
            Action::Pass { seat } => {
                self.note(LogEvent::Passed { seat });
                if self.actions_used == 0 {
                    self.idle_turn(seat);
                }
                self.next_seat();
            }
            Action::Choose { seat, option } => self.choose(seat, option),
            Action::Consent { accept, .. } => self.consent(accept),
            Action::Vote { seat, accept } => self.vote(seat, accept),
            Action::AnswerOffer { seat, accept } => {
                self.answer_offer(seat, accept);
                self.end_turn_if_spent();
            }
            Action::AnswerBridge { seat, accept } => {
                self.answer_bridge(seat, accept);
                self.end_turn_if_spent();
            }
            Action::Renew { seat, accept } => {
                self.renew(seat, accept);
                self.end_turn_if_spent();
            }
            Action::OfferPackage { seat, card, ask } => {
                self.offer_package(seat, card, ask);
                self.count_negotiation_action();
            }
            Action::AnswerPackage { seat, card } => {
                self.answer_package(seat, card);
                self.end_turn_if_spent();
            }
            Action::Posture { seat, posture } => self.take_posture(seat, posture),
            Action::Undo { .. } => {}
            Action::Inject { event } => {
                self.injects.push(event);
                self.note(LogEvent::InjectQueued { event });
            }
        }
    }

    /// Counts a negotiation action and ends the turn when the seat has used them all (unless a
    /// prompt interrupted it: the turn then ends when the prompt is answered).
    fn count_negotiation_action(&mut self) {
        self.actions_used += 1;
        self.end_turn_if_spent();
    }

    pub(super) fn end_turn_if_spent(&mut self) {
        if self.outcome.is_none()
            && self.prompt.is_none()
            && self.actions_used >= self.scenario.rules.actions_per_turn
        {
            self.next_seat();
        }
    }

    /// Applies effects on behalf of `actor` (`None` for events): meters, capital, draws,
    /// then the flags set and cleared.
    pub(super) fn apply_effects(&mut self, effects: &Effects, actor: Option<Seat>) {
        for &(target, delta) in &effects.meters {
            let meter = match target {
                MeterTarget::Fixed(meter) => Some(meter),
                MeterTarget::OwnPressure => actor.and_then(Meter::pressure_of),
                MeterTarget::RivalPressure => {
                    actor.and_then(Seat::rival).and_then(Meter::pressure_of)
                }
            };
            if let Some(meter) = meter {
                self.shift(meter, i32::from(delta));
            }
        }
        if let Some(seat) = actor {
            if effects.capital != 0 {
                let s = seat.index();
                let before = i32::from(self.capital[s]);
                let after = (before + i32::from(effects.capital)).clamp(0, 10);
                self.capital[s] = after as u8;
                if after != before {
                    self.note(LogEvent::CapitalChanged {
                        seat,
                        delta: (after - before) as i8,
                        now: after as u8,
                    });
                }
            }
            if effects.draw > 0 {
                self.draw(seat, effects.draw);
            }
        }
        for &flag in &effects.sets {
            self.set_flag(flag);
        }
        for &flag in &effects.clears {
            self.clear_flag(flag);
        }
        self.apply_actor_effects(effects);
    }

    /// Takes a card out of hand and pays for it.
    pub(super) fn take_from_hand(&mut self, seat: Seat, card: CardId) {
        let cost = self.effective_cost(seat, card);
        let s = seat.index();
        self.capital[s] = self.capital[s].saturating_sub(cost);
        self.hands[s].retain(|&c| c != card);
        self.note(LogEvent::CardPlayed { seat, card });
    }

    fn play_card(&mut self, seat: Seat, card: CardId, target: Option<TableId>) {
        self.take_from_hand(seat, card);
        let scenario = self.scenario.clone();
        let def = &scenario.cards[usize::from(card)];
        match (def.kind, def.target_kind()) {
            (CardKind::Demand, _) => {
                if let Some(basket) = def.basket {
                    self.table_demand(seat, card, basket);
                }
            }
            (CardKind::Assurance, _) => {
                if let Some(basket) = def.basket {
                    let id = self.make_commitment(
                        seat,
                        seat,
                        card,
                        basket,
                        def.credibility,
                        def.duration,
                    );
                    if scenario.rules.version >= 2 {
                        self.offer_pledge(seat, id, basket);
                    }
                }
            }
            (_, TargetKind::Commitment) => {
                self.discards[seat.index()].push(card);
                if let Some(id) = target {
                    self.verify(id, card);
                }
            }
            (_, TargetKind::Demand) if scenario.rules.version >= 2 => {
                if let Some(id) = target {
                    self.propose_bridge(id, card);
                }
            }
            (_, TargetKind::Demand) => {
                if let Some(id) = target {
                    self.bridge(id, card);
                }
            }
            (_, TargetKind::None) => self.discards[seat.index()].push(card),
        }
        self.apply_effects(&def.effects, Some(seat));
    }

    fn table_demand(&mut self, seat: Seat, card: CardId, basket: Basket) {
        let Some(to) = seat.rival() else { return };
        let id = self.new_table_id();
        self.demands.push(Demand {
            id,
            card,
            by: seat,
            to,
            basket,
            round: self.round,
        });
        self.note(LogEvent::DemandTabled {
            id,
            by: seat,
            basket,
        });
    }

    /// The credibility a pledge by `by` starts at, with its card's `bonus`.
    pub(super) fn pledge_credibility(&self, by: Seat, bonus: i8) -> u8 {
        let base = i32::from(self.scenario.enforcement[by.index()]);
        let max = i32::from(self.scenario.rules.max_credibility);
        (base + i32::from(bonus)).clamp(0, max) as u8
    }

    /// Puts a commitment by `by` on the table; `holder` gets the card back when it leaves.
    pub(super) fn make_commitment(
        &mut self,
        by: Seat,
        holder: Seat,
        card: CardId,
        basket: Basket,
        bonus: i8,
        duration: u8,
    ) -> TableId {
        let credibility = self.pledge_credibility(by, bonus);
        let id = self.new_table_id();
        self.commitments.push(Commitment {
            id,
            card,
            holder,
            by,
            basket,
            credibility,
            verified: false,
            monitors: false,
            tests: 0,
            duration: duration.max(1),
            round: self.round,
            linked: None,
            monitor_kind: None,
            stages_passed: super::milestones::first_stage(&self.scenario.cards[usize::from(card)]),
        });
        self.stats.progress_this_round = true;
        self.note(LogEvent::CommitmentMade {
            id,
            by,
            basket,
            credibility,
        });
        id
    }

    /// Removes a pending demand, returning it and sending its card to the demander's discard.
    fn discharge_demand(&mut self, id: TableId) -> Option<Demand> {
        let index = self.demands.iter().position(|d| d.id == id)?;
        let demand = self.demands.remove(index);
        self.discards[demand.by.index()].push(demand.card);
        Some(demand)
    }

    /// Agrees `basket` on commitment `commitment` if Trust reaches its threshold.
    pub(super) fn try_agree(&mut self, basket: Basket, commitment: TableId) {
        if self.baskets[basket.index()].is_agreed() {
            return;
        }
        let trust = self.meters.get(Meter::Trust);
        let threshold = self.scenario.threshold(basket);
        if trust >= threshold {
            self.baskets[basket.index()] = BasketState::Agreed { commitment };
            self.stats.progress_this_round = true;
            self.note(LogEvent::BasketAgreed { basket });
        } else {
            self.note(LogEvent::BasketShortOfTrust {
                basket,
                trust,
                threshold,
            });
        }
    }

    fn meet(&mut self, seat: Seat, demand_id: TableId, card: CardId) {
        self.take_from_hand(seat, card);
        let Some(demand) = self.discharge_demand(demand_id) else {
            return;
        };
        let scenario = self.scenario.clone();
        let def = &scenario.cards[usize::from(card)];
        let id = self.make_commitment(
            seat,
            seat,
            card,
            demand.basket,
            def.credibility,
            def.duration,
        );
        self.note(LogEvent::DemandMet {
            id: demand_id,
            by: seat,
            commitment: id,
        });
        self.shift(Meter::Trust, i32::from(scenario.rules.meet_trust));
        self.apply_effects(&def.effects, Some(seat));
        self.relieve_the_demander(demand.by);
        self.try_agree(demand.basket, id);
    }

    fn counter(&mut self, seat: Seat, demand_id: TableId, card: CardId) {
        self.take_from_hand(seat, card);
        let Some(demand) = self.discharge_demand(demand_id) else {
            return;
        };
        self.table_demand(seat, card, demand.basket);
        let counter = TableId(self.next_table_id.0 - 1);
        self.note(LogEvent::DemandCountered {
            id: demand_id,
            by: seat,
            counter,
        });
        let scenario = self.scenario.clone();
        self.apply_effects(&scenario.cards[usize::from(card)].effects, Some(seat));
    }

    fn reject(&mut self, seat: Seat, demand_id: TableId) {
        if self.discharge_demand(demand_id).is_none() {
            return;
        }
        self.note(LogEvent::DemandRejected {
            id: demand_id,
            by: seat,
        });
        let scenario = self.scenario.clone();
        let rules = &scenario.rules;
        self.shift(Meter::Trust, -i32::from(rules.reject_trust));
        if let Some(pressure) = Meter::pressure_of(seat) {
            self.shift(pressure, -i32::from(rules.reject_relief));
        }
    }

    fn verify(&mut self, id: TableId, card: CardId) {
        let max = self.scenario.rules.max_credibility;
        let def = &self.scenario.cards[usize::from(card)];
        let (boost, kind, on_the_ground) = (def.verify, def.monitors, def.sends_monitors());
        let version = self.scenario.rules.version;
        let Some(commitment) = self.commitments.iter_mut().find(|c| c.id == id) else {
            return;
        };
        let before = (commitment.credibility, commitment.verified);
        commitment.credibility = commitment.credibility.saturating_add(boost).min(max);
        commitment.verified = true;
        let credibility = commitment.credibility;
        let by = commitment.by;
        self.note(LogEvent::CommitmentVerified { id, credibility });
        // Monitors go where the pledge is kept: only an Afghan pledge puts them on Afghan soil,
        // and only that needs consent. A Pakistani pledge is verified without monitors there.
        if on_the_ground && by == Seat::Afghanistan {
            self.prompt = Some(Prompt::Consent {
                commitment: id,
                card,
            });
            // Version 2: a refusal is a veto, so what the pledge was before must be kept.
            if version >= 2 {
                self.consent_before = Some(before);
            }
        } else if kind == Some(MonitorKind::Joint) {
            // Joint teams, formed with the pledging delegation: no foreign monitors, nobody
            // asked, no deployment counted.
            if let Some(commitment) = self.commitments.iter_mut().find(|c| c.id == id) {
                commitment.monitor_kind = Some(MonitorKind::Joint);
            }
            self.note(LogEvent::MonitoringSet {
                id,
                kind: MonitorKind::Joint,
                consented: true,
            });
        }
    }

    /// Monitors of the kind `card` sends deploy on commitment `id`. International monitors
    /// are logged as the first format logged them, so its games replay to the same digest.
    fn deploy_monitors(&mut self, id: TableId, card: CardId, consented: bool) {
        let kind = self.scenario.cards[usize::from(card)]
            .monitors
            .unwrap_or(MonitorKind::International);
        let recorded = (kind != MonitorKind::International).then_some(kind);
        if let Some(commitment) = self.commitments.iter_mut().find(|c| c.id == id) {
            commitment.monitors = true;
            commitment.monitor_kind = recorded;
        }
        self.stats.monitors_deployed = self.stats.monitors_deployed.saturating_add(1);
        self.note(match recorded {
            None => LogEvent::MonitorsDeployed { id, consented },
            Some(kind) => LogEvent::MonitoringSet {
                id,
                kind,
                consented,
            },
        });
    }

    fn consent(&mut self, accept: bool) {
        let Some(Prompt::Consent { commitment, card }) = self.prompt.take() else {
            return;
        };
        if let Some(before) = self.consent_before.take()
            && !accept
        {
            self.veto_monitors(commitment, before);
            self.end_turn_if_spent();
            return;
        }
        let def = &self.scenario.cards[usize::from(card)];
        let (pressure, cost) = (def.consent_pressure(), def.sovereignty_cost);
        self.deploy_monitors(commitment, card, accept);
        if accept {
            self.shift(Meter::AfghanistanPressure, i32::from(pressure));
        } else {
            self.shift(Meter::Sovereignty, -i32::from(cost));
        }
        self.end_turn_if_spent();
    }

    pub(super) fn bridge(&mut self, demand_id: TableId, card: CardId) {
        let Some(demand) = self.discharge_demand(demand_id) else {
            self.discards[Seat::Mediator.index()].push(card);
            return;
        };
        let def = &self.scenario.cards[usize::from(card)];
        let (bonus, duration) = (def.credibility, def.duration);
        let id = self.make_commitment(
            demand.to,
            Seat::Mediator,
            card,
            demand.basket,
            bonus,
            duration,
        );
        self.note(LogEvent::DemandBridged {
            id: demand_id,
            commitment: id,
        });
        self.relieve_the_demander(demand.by);
        self.try_agree(demand.basket, id);
    }

    fn choose(&mut self, seat: Seat, option: u8) {
        let Some(Prompt::EventChoice { event, .. }) = self.prompt.take() else {
            return;
        };
        self.note(LogEvent::EventChosen {
            seat,
            event,
            option,
        });
        let scenario = self.scenario.clone();
        if let Some(chosen) = scenario.events[usize::from(event)]
            .choice
            .as_ref()
            .and_then(|c| c.options.get(usize::from(option)))
        {
            self.apply_effects(&chosen.effects, Some(seat));
        }
        self.check_breakdown();
        if self.outcome.is_none() {
            self.begin_negotiation();
        }
    }

    fn vote(&mut self, seat: Seat, accept: bool) {
        self.note(LogEvent::AccordVote { seat, accept });
        if !accept {
            self.prompt = None;
            self.note(LogEvent::AccordRefused);
            let cost = i32::from(self.scenario.rules.refused_accord_trust);
            self.shift(Meter::Trust, -cost);
            self.shift(Meter::Credibility, -cost);
            self.end_turn_if_spent();
        } else if seat == Seat::Pakistan {
            self.prompt = Some(Prompt::Vote {
                seat: Seat::Afghanistan,
            });
        } else if self.scenario.rules.version >= 2 {
            self.sign_accord();
        } else {
            let durable = self.meters.get(Meter::Trust) >= self.scenario.rules.durable_trust
                && self.baskets[Basket::Verification.index()].is_agreed();
            self.ratify();
            self.finish(if durable {
                Outcome::DurablePeace
            } else {
                Outcome::FragileAccord
            });
        }
    }

    /// Breaks commitment `id`: penalties, and its basket unravels if it rested on it.
    pub(super) fn break_commitment(&mut self, id: TableId) {
        let Some(index) = self.commitments.iter().position(|c| c.id == id) else {
            return;
        };
        let c = self.commitments.remove(index);
        self.note_broken_milestone(&c);
        self.discards[c.holder.index()].push(c.card);
        let broken = &mut self.stats.broken[c.by.index()];
        *broken = broken.saturating_add(1);
        self.note(LogEvent::CommitmentBroken {
            id,
            by: c.by,
            basket: c.basket,
        });
        self.actors_react(c.by, c.basket, false);
        let scenario = self.scenario.clone();
        let rules = &scenario.rules;
        self.shift(Meter::Trust, -i32::from(rules.broken_trust));
        self.shift(Meter::Credibility, -i32::from(rules.broken_credibility));
        if c.basket == Basket::Security {
            let hurt = if c.by == Seat::Afghanistan {
                Meter::Security
            } else {
                Meter::Sovereignty
            };
            self.shift(hurt, -i32::from(rules.broken_security));
            self.shift(Meter::Escalation, 1);
        }
        if self.baskets[c.basket.index()] == (BasketState::Agreed { commitment: id }) {
            self.baskets[c.basket.index()] = BasketState::Open;
            self.note(LogEvent::BasketUnravelled { basket: c.basket });
        }
        if self.is_bound(id) {
            self.breach(
                id,
                Renewable {
                    id,
                    by: c.by,
                    basket: c.basket,
                    credibility: c.credibility,
                    verified: c.verified,
                    card: c.card,
                    holder: c.holder,
                },
            );
        }
        self.release_partner(id, c.linked);
    }

    /// Honours commitment `id`: its basket is secured, and it leaves the table — except under
    /// rules version 2, where it is kept there (no longer tested) for an accord to bind, so
    /// that a pledge kept early still counts among the accord's terms.
    pub(super) fn honour_commitment(&mut self, id: TableId) {
        let Some(index) = self.commitments.iter().position(|c| c.id == id) else {
            return;
        };
        let kept = self.scenario.rules.version >= 2;
        let c = if kept {
            self.commitments[index]
        } else {
            let c = self.commitments.remove(index);
            self.discards[c.holder.index()].push(c.card);
            c
        };
        let honoured = &mut self.stats.honoured[c.by.index()];
        *honoured = honoured.saturating_add(1);
        if c.verified {
            self.stats.verified_honoured[c.basket.index()] = true;
        }
        self.stats.progress_this_round = true;
        let (by, basket) = (c.by, c.basket);
        self.note(if kept {
            LogEvent::CommitmentKept { id, by, basket }
        } else {
            LogEvent::CommitmentHonoured { id, by, basket }
        });
        self.shift(Meter::Trust, i32::from(self.scenario.rules.honoured_trust));
        self.actors_react(by, basket, true);
        if self.baskets[c.basket.index()] == (BasketState::Agreed { commitment: id }) {
            self.baskets[c.basket.index()] = BasketState::Secured;
            self.note(LogEvent::BasketSecured { basket: c.basket });
        }
        // A kept commitment still stands, so its package link holds.
        if !kept {
            self.unlink_partner(c.linked);
        }
    }

    /// Whether commitment `id` rests: under rules version 2, a commitment that has held every
    /// test it owed is no longer tested — kept on the table until an accord binds it (which
    /// sets it new tests), or implemented under the accord.
    pub(super) fn rests(&self, id: TableId) -> bool {
        self.scenario.rules.version >= 2
            && self
                .commitments
                .iter()
                .any(|c| c.id == id && c.tests >= c.duration)
    }
}
