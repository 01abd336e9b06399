//! The round's automatic steps: revealing the event, handing turns on, resolving postures
//! and the upkeep that tests commitments and ends the game when time runs out.

use super::game::{Phase, Prompt};
use super::{Game, LogEvent, Meter, Outcome, Posture, Seat};

impl Game {
    /// Phase 1: reveal the round's event; wait for its choice or move to negotiation.
    pub(super) fn start_round(&mut self) {
        self.phase = Phase::Event;
        self.stats.progress_this_round = false;
        self.stats.tabled_this_round = false;
        self.note(LogEvent::RoundStarted);
        self.reveal_event();
        self.check_breakdown();
        if self.outcome.is_none() && self.prompt.is_none() {
            self.begin_negotiation();
        }
    }

    /// The round's event: an inject if the facilitator sent one (whatever its `requires`),
    /// else the topmost event of the pile whose `requires` holds, the events above it staying
    /// where they are. When none in the pile holds, the discarded events are shuffled back
    /// in with them and the topmost that holds is taken; when none holds even then, the round
    /// has no event. (An empty pile is refilled from the discard first, as ever.)
    fn reveal_event(&mut self) {
        let event = if self.injects.is_empty() {
            if self.event_pile.is_empty() {
                self.reshuffle_events();
            }
            let at = match self.topmost_revealable() {
                Some(at) => Some(at),
                None if !self.event_discard.is_empty() => {
                    self.reshuffle_events();
                    self.topmost_revealable()
                }
                None => None,
            };
            let Some(at) = at else {
                self.current_event = None;
                if !self.event_pile.is_empty() {
                    self.note(LogEvent::NoEvent);
                }
                return;
            };
            let event = self.event_pile.remove(at);
            self.event_discard.push(event);
            event
        } else {
            // An inject comes before the deck, which keeps its order for the next round.
            let event = self.injects.remove(0);
            self.note(LogEvent::Injected { event });
            event
        };
        self.current_event = Some(event);
        self.note(LogEvent::EventRevealed { event });
        let scenario = self.scenario.clone();
        let card = &scenario.events[usize::from(event)];
        self.apply_effects(&card.effects, None);
        if let Some(seat) = card.breaks {
            // A commitment kept for the accord has been carried out; spoilers reach it again
            // only once an accord binds it.
            let weakest = self
                .commitments
                .iter()
                .filter(|c| c.by == seat && !self.rests(c.id))
                .min_by_key(|c| (c.credibility, c.id))
                .map(|c| c.id);
            if let Some(id) = weakest {
                self.break_commitment(id);
            }
        }
        if let Some(choice) = &card.choice {
            self.prompt = Some(Prompt::EventChoice {
                event,
                seat: choice.seat,
            });
        }
    }

    /// The discarded events shuffled back into the pile (with any still in it).
    fn reshuffle_events(&mut self) {
        self.event_pile.append(&mut self.event_discard);
        self.rng.shuffle(&mut self.event_pile);
    }

    /// Where in the pile (top last) the topmost event whose `requires` holds now lies.
    fn topmost_revealable(&self) -> Option<usize> {
        let situation = self.situation();
        self.event_pile.iter().rposition(|&e| {
            self.scenario.events[usize::from(e)]
                .requires
                .holds(&situation)
        })
    }

    /// Phase 2: the first seat in the scenario's order takes its turn.
    pub(super) fn begin_negotiation(&mut self) {
        self.phase = Phase::Negotiation;
        self.turn = 0;
        self.actions_used = 0;
        self.offer_renewal();
    }

    /// Hands the turn to the next seat, or moves on to postures after the last.
    pub(super) fn next_seat(&mut self) {
        self.actions_used = 0;
        self.turn += 1;
        if self.turn >= self.scenario.seat_order.len() {
            self.phase = Phase::Posture;
            self.postures = [None; 2];
        }
    }

    /// Phase 3: records a posture; once both are in, resolves them and runs upkeep.
    /// Postures are hidden from the log until both delegations have chosen.
    pub(super) fn take_posture(&mut self, seat: Seat, posture: Posture) {
        self.postures[seat.index()] = Some(posture);
        let [Some(pakistan), Some(afghanistan)] = self.postures else {
            return;
        };
        self.resolve_posture(Seat::Pakistan, pakistan);
        self.resolve_posture(Seat::Afghanistan, afghanistan);
        if pakistan == Posture::Conciliatory && afghanistan == Posture::Conciliatory {
            self.shift(Meter::Escalation, -1);
        }
        self.check_breakdown();
        if self.outcome.is_none() {
            self.upkeep();
        }
    }

    fn resolve_posture(&mut self, seat: Seat, posture: Posture) {
        self.note(LogEvent::PostureTaken { seat, posture });
        let scenario = self.scenario.clone();
        let rules = &scenario.rules;
        let Some(pressure) = Meter::pressure_of(seat) else {
            return;
        };
        match posture {
            Posture::Conciliatory => {
                self.shift(Meter::Trust, i32::from(rules.conciliatory_trust));
                self.shift(pressure, i32::from(rules.conciliatory_pressure));
            }
            Posture::Firm => self.shift(pressure, i32::from(rules.firm_pressure)),
            Posture::Hardline => {
                self.shift(pressure, -i32::from(rules.hardline_relief));
                self.shift(Meter::Trust, -i32::from(rules.hardline_trust));
                if self.rng.percent() <= rules.hardline_escalation_chance {
                    self.note(LogEvent::HardlineEscalated { seat });
                    self.shift(Meter::Escalation, 1);
                }
            }
        }
    }

    /// Phase 4: test commitments, the pull toward unilateral action, mediation fatigue,
    /// pressure drift; then either the next round or the end of time.
    fn upkeep(&mut self) {
        self.phase = Phase::Upkeep;
        self.test_commitments();
        if self.outcome.is_some() {
            return;
        }
        self.actors_act();
        if self.outcome.is_some() {
            return;
        }
        let scenario = self.scenario.clone();
        let rules = &scenario.rules;
        self.unilateral_pulls();
        self.demands_ignored();
        if !self.stats.progress_this_round {
            self.note(LogEvent::Stalled);
            self.shift(Meter::Credibility, -i32::from(rules.stall_credibility));
        }
        for seat in Seat::DELEGATIONS {
            if let Some(pressure) = Meter::pressure_of(seat) {
                self.shift(pressure, i32::from(rules.pressure_drift));
            }
        }
        self.check_breakdown();
        if self.outcome.is_some() {
            return;
        }
        if let Some(outcome) = self.implementation_outcome() {
            self.finish(outcome);
            return;
        }
        if self.accord.is_none() && self.round >= self.scenario.rounds {
            let outcome = if self.meters.get(Meter::Escalation) <= 2 {
                Outcome::FragilePause
            } else {
                Outcome::Relapse
            };
            self.finish(outcome);
            return;
        }
        self.meter_history.push(self.meters);
        for seat in Seat::ALL {
            let s = seat.index();
            let missing = rules.hand_size.saturating_sub(self.hands[s].len() as u8);
            self.draw(seat, missing);
            self.capital[s] = (self.capital[s] + rules.capital_per_round).min(10);
        }
        self.round += 1;
        self.start_round();
    }

    /// Tests every standing commitment, oldest first; a held test may pass a phased
    /// commitment's stage.
    fn test_commitments(&mut self) {
        let standing: Vec<_> = self.commitments.iter().map(|c| c.id).collect();
        for id in standing {
            if self.rests(id) {
                continue;
            }
            let Some(c) = self.commitments.iter_mut().find(|c| c.id == id) else {
                continue;
            };
            let credibility = c.credibility;
            let roll = self.rng.percent();
            let held = roll <= credibility;
            if held {
                c.tests += 1;
            }
            let done = held && c.tests >= c.duration;
            self.note(LogEvent::CommitmentTested {
                id,
                roll,
                credibility,
                held,
            });
            if !held {
                self.break_commitment(id);
            } else {
                // A phased pledge's last stage passes on the test that honours it.
                self.pass_milestone(id);
                if done && self.is_bound(id) {
                    self.note(LogEvent::CommitmentImplemented { id });
                    if let Some(c) = self.commitments.iter().find(|c| c.id == id) {
                        let (by, basket) = (c.by, c.basket);
                        self.actors_react(by, basket, true);
                    }
                } else if done {
                    self.honour_commitment(id);
                }
            }
            self.check_breakdown();
            if self.outcome.is_some() {
                return;
            }
        }
    }
}
