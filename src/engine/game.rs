//! The game state and its small public surface: `new`, `to_act`, `legal_actions`, `apply`,
//! `view`, `outcome`, `scores`.
//!
//! Chance (shuffles, commitment tests, hard-line rolls) is drawn only from the game's own
//! seeded generator, so a scenario, a seed and a list of actions reproduce a game exactly.

use super::implementation::Implementation;
use super::outcome::FinalFacts;
use super::{
    Action, BasketState, CardId, Commitment, Decision, Demand, EventId, LogEntry, LogEvent, Meter,
    Meters, ObjectiveId, Outcome, Posture, RuleError, Scenario, Seat, SeatScore, TableId,
    rng::GameRng,
};
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// Where the round is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Phase {
    /// The round's event is being resolved.
    Event,
    /// Seats take their negotiation turns.
    Negotiation,
    /// Delegations choose public postures.
    Posture,
    /// Round-end bookkeeping (never waits for anyone).
    Upkeep,
    /// The game has ended.
    Over,
}

/// A decision that interrupts the normal flow and must be answered first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(super) enum Prompt {
    /// The current event offers `seat` a choice.
    EventChoice { event: EventId, seat: Seat },
    /// Intrusive monitors await the Afghan seat's consent.
    Consent { commitment: TableId, card: CardId },
    /// The tabled accord awaits `seat`'s vote.
    Vote { seat: Seat },
    /// Rules version 2: `seat` may renew its broken commitment that the accord bound.
    Renew { seat: Seat },
    /// Rules version 2: `seat` answers the mediators' proposal to meet `demand` with `card`.
    Bridge {
        seat: Seat,
        demand: TableId,
        card: CardId,
    },
    /// Rules version 2: `seat` answers the other delegation's unasked pledge `commitment`.
    Offer { seat: Seat, commitment: TableId },
    /// Rules version 2: `seat` answers the other delegation's package: its `card` (waiting in
    /// its discard) as a pledge, if `seat` commits in basket `ask`.
    Package {
        seat: Seat,
        card: CardId,
        ask: super::Basket,
    },
}

/// Public running counts that objectives and the mediator's fatigue depend on.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Stats {
    /// Monitor deployments on Afghan soil so far.
    pub monitors_deployed: u8,
    /// Commitments honoured so far, by the seat that made them.
    pub honoured: [u8; 3],
    /// Commitments broken so far, by the seat that made them.
    pub broken: [u8; 3],
    /// Baskets in which a verified commitment was honoured, by basket index.
    pub verified_honoured: [bool; 4],
    /// Whether this round has seen progress (a basket agreed, a commitment made or honoured).
    pub progress_this_round: bool,
    /// Whether the accord was tabled this round.
    pub tabled_this_round: bool,
}

/// A game in progress (or finished). Cheap to clone; compare with `==` for bit-for-bit checks.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Game {
    pub(super) scenario: Arc<Scenario>,
    pub(super) seed: u64,
    pub(super) rng: GameRng,
    pub(super) round: u8,
    pub(super) phase: Phase,
    pub(super) meters: Meters,
    pub(super) capital: [u8; 3],
    pub(super) piles: [Vec<CardId>; 3],
    pub(super) hands: [Vec<CardId>; 3],
    pub(super) discards: [Vec<CardId>; 3],
    pub(super) event_pile: Vec<EventId>,
    pub(super) event_discard: Vec<EventId>,
    /// Events the facilitator injected, waiting for the next event phase (public).
    pub(super) injects: Vec<EventId>,
    pub(super) current_event: Option<EventId>,
    pub(super) objectives: [ObjectiveId; 3],
    pub(super) demands: Vec<Demand>,
    pub(super) commitments: Vec<Commitment>,
    pub(super) baskets: [BasketState; 4],
    pub(super) next_table_id: TableId,
    pub(super) turn: usize,
    pub(super) actions_used: u8,
    pub(super) prompt: Option<Prompt>,
    pub(super) postures: [Option<Posture>; 2],
    pub(super) stats: Stats,
    pub(super) meter_history: Vec<Meters>,
    pub(super) log: Vec<LogEntry>,
    pub(super) actions: Vec<Action>,
    /// The actions still in force (undone ones removed), each with where its log entries begin.
    pub(super) effective: Vec<(Action, u32)>,
    pub(super) outcome: Option<Outcome>,
    /// Rules version 2, while monitors await consent: the commitment's credibility and
    /// whether it was verified before they were proposed, restored if they are refused.
    pub(super) consent_before: Option<(u8, bool)>,
    /// Rules version 2: the signed accord being implemented.
    pub(super) accord: Option<Implementation>,
    /// The public log as the red lines read it, followed entry by entry. Derived from the
    /// log alone, so the digests (which hash the log) cover it without naming it.
    pub(super) red_line_record: super::RedLineRecord,
    /// The flags set, in id order. Changed only with a log entry ([`LogEvent::FlagSet`],
    /// [`LogEvent::FlagCleared`]), so the digests (which hash the log) cover it.
    pub(super) flags: Vec<super::FlagId>,
    /// Each actor's strength, by [`super::ActorId`] (public; empty without actors).
    pub(super) actors: Vec<u8>,
}

impl Game {
    /// Sets up a new game: decks shuffled and dealt, objectives drawn, round 1's event revealed.
    pub fn new(scenario: impl Into<Arc<Scenario>>, seed: u64) -> Game {
        let scenario = scenario.into();
        let mut rng = GameRng::from_seed(seed);
        let piles = deal_piles(&scenario, &mut rng);
        let event_pile = stack_events(&scenario, &mut rng);
        let objectives = Seat::ALL.map(|seat| draw_objective(&scenario, seat, &mut rng));
        let capital = [scenario.rules.capital_start; 3];
        let mut game = Game {
            meters: scenario.start,
            meter_history: vec![scenario.start],
            scenario,
            seed,
            rng,
            round: 1,
            phase: Phase::Event,
            capital,
            piles,
            hands: Default::default(),
            discards: Default::default(),
            event_pile,
            event_discard: Vec::new(),
            injects: Vec::new(),
            current_event: None,
            objectives,
            demands: Vec::new(),
            commitments: Vec::new(),
            baskets: [BasketState::Open; 4],
            next_table_id: TableId(1),
            turn: 0,
            actions_used: 0,
            prompt: None,
            postures: [None; 2],
            stats: Stats::default(),
            log: Vec::new(),
            actions: Vec::new(),
            effective: Vec::new(),
            outcome: None,
            consent_before: None,
            accord: None,
            red_line_record: Default::default(),
            flags: Vec::new(),
            actors: Vec::new(),
        };
        game.actors = game.scenario.actors.iter().map(|a| a.strength).collect();
        for seat in Seat::ALL {
            let hand_size = game.scenario.rules.hand_size;
            game.draw(seat, hand_size);
        }
        game.start_round();
        game
    }

    /// Rebuilds a game from its seed and action list; fails at the first illegal action.
    pub fn replay(
        scenario: impl Into<Arc<Scenario>>,
        seed: u64,
        actions: &[Action],
    ) -> Result<Game, (usize, RuleError)> {
        let mut game = Game::new(scenario, seed);
        for (index, action) in actions.iter().enumerate() {
            game.apply(*action).map_err(|e| (index, e))?;
        }
        Ok(game)
    }

    /// Which seat must decide now and what kind of decision; `None` once the game is over.
    pub fn to_act(&self) -> Option<(Seat, Decision)> {
        if self.outcome.is_some() {
            return None;
        }
        if let Some(prompt) = self.prompt {
            return Some(match prompt {
                Prompt::EventChoice { seat, .. } => (seat, Decision::EventChoice),
                Prompt::Consent { .. } => (Seat::Afghanistan, Decision::Consent),
                Prompt::Vote { seat } => (seat, Decision::AccordVote),
                Prompt::Renew { seat } => (seat, Decision::Renew),
                Prompt::Bridge { seat, .. } => (seat, Decision::Bridge),
                Prompt::Offer { seat, .. } => (seat, Decision::Offer),
                Prompt::Package { seat, .. } => (seat, Decision::Package),
            });
        }
        match self.phase {
            Phase::Negotiation => Some((
                self.scenario.seat_at(self.round, self.turn),
                Decision::Negotiate,
            )),
            Phase::Posture if self.postures[0].is_none() => {
                Some((Seat::Pakistan, Decision::Posture))
            }
            Phase::Posture => Some((Seat::Afghanistan, Decision::Posture)),
            Phase::Event | Phase::Upkeep | Phase::Over => None,
        }
    }

    /// Applies one action. An illegal action is refused with a reason and changes nothing.
    /// Returns the log entries the action produced (including any automatic steps it set off).
    pub fn apply(&mut self, action: Action) -> Result<Vec<LogEntry>, RuleError> {
        let from = self.advance(action)?;
        Ok(self.log[from..].to_vec())
    }

    /// Applies one action as [`Game::apply`] does, without copying the log entries it
    /// produced: returns the index in [`Game::log`] where they start. For callers that read
    /// the log themselves or not at all (the simulator, bots' playouts).
    pub fn advance(&mut self, action: Action) -> Result<usize, RuleError> {
        self.check(&action)?;
        if let Action::Undo { seat } = action {
            self.undo(seat);
            return Ok(self.log.len() - 1);
        }
        let log_start = self.log.len();
        self.actions.push(action);
        self.effective.push((action, log_start as u32));
        self.resolve(action);
        self.check_breakdown();
        Ok(log_start)
    }

    /// Whether `seat` may take back its last action now, and if not, why: it must be the
    /// last action still in force, and nothing hidden may have been revealed since (no card
    /// drawn, no event revealed, no commitment tested, no posture revealed).
    pub fn check_undo(&self, seat: Seat) -> Result<(), RuleError> {
        if self.outcome.is_some() {
            return Err(RuleError::GameOver);
        }
        let Some(&(last, start)) = self.effective.last() else {
            return Err(RuleError::Illegal("there is nothing to take back".into()));
        };
        if last.is_inject() {
            return Err(RuleError::Illegal(
                "the facilitator's inject came since: it cannot be taken back".into(),
            ));
        }
        if last.seat() != seat {
            // Which seat acted is not said: in the secret posture phase that would be a leak.
            return Err(RuleError::Illegal(format!(
                "another seat has acted since {}'s last action",
                self.scenario.seat_name(seat)
            )));
        }
        let revealed = self.log[start as usize..]
            .iter()
            .find_map(|e| match e.event {
                LogEvent::Drew { .. } => Some("a card has been drawn"),
                LogEvent::RoundStarted | LogEvent::EventRevealed { .. } => {
                    Some("an event has been revealed")
                }
                LogEvent::CommitmentTested { .. } => Some("commitments have been tested"),
                LogEvent::PostureTaken { .. } => Some("the postures have been revealed"),
                _ => None,
            });
        match revealed {
            Some(what) => Err(RuleError::Illegal(format!(
                "too late to take it back ({what} since)"
            ))),
            None => Ok(()),
        }
    }

    /// The last action still in force (the one an undo would take back).
    pub fn last_in_force(&self) -> Option<Action> {
        self.effective.last().map(|(action, _)| *action)
    }

    /// Takes back the last action in force: the game is rebuilt from the actions before it,
    /// the log keeps what came before and records the undo.
    fn undo(&mut self, seat: Seat) {
        let Some((_, start)) = self.effective.pop() else {
            return;
        };
        let in_force: Vec<Action> = self.effective.iter().map(|(a, _)| *a).collect();
        let Ok(mut rebuilt) = Game::replay(self.scenario.clone(), self.seed, &in_force) else {
            return;
        };
        self.log.truncate(start as usize);
        rebuilt.log = std::mem::take(&mut self.log);
        rebuilt.effective = std::mem::take(&mut self.effective);
        rebuilt.actions = std::mem::take(&mut self.actions);
        rebuilt.actions.push(Action::Undo { seat });
        *self = rebuilt;
        self.note(LogEvent::Undone { seat });
    }

    /// Swaps in a scenario that only adds events at the end of this one's (a facilitator's
    /// events written during the game): every id in play keeps its meaning, and the deck is
    /// untouched because added events are on the inject list.
    pub fn extend_events(&mut self, scenario: Arc<Scenario>) -> Result<(), RuleError> {
        let old = &self.scenario;
        let mut trimmed = (*scenario).clone();
        let added = trimmed
            .events
            .split_off(old.events.len().min(trimmed.events.len()));
        if trimmed != **old || added.iter().any(|e| !e.inject) {
            return Err(RuleError::Illegal(
                "the new scenario must only add events on the inject list".into(),
            ));
        }
        self.scenario = scenario;
        Ok(())
    }

    /// The shared outcome, once the game has ended.
    pub fn outcome(&self) -> Option<Outcome> {
        self.outcome
    }

    /// Every seat's score (shared outcome + secret objective − red lines crossed), once the
    /// game has ended.
    pub fn scores(&self) -> Option<[SeatScore; 3]> {
        let outcome = self.outcome?;
        let facts = self.final_facts(outcome);
        let red_lines = self.red_line_points();
        Some(Seat::ALL.map(|seat| {
            let objective = &self.scenario.objectives[usize::from(self.objectives[seat.index()])];
            let met = objective.condition.holds(seat, &facts)
                && objective.requires.holds(&self.situation());
            let shared = outcome.points(&self.scenario.scoring);
            let bonus = if met { i16::from(objective.points) } else { 0 };
            let red_lines = red_lines[seat.index()];
            SeatScore {
                seat,
                shared,
                objective_met: met,
                objective: bonus,
                red_lines,
                total: shared + bonus + red_lines,
            }
        }))
    }

    /// The scenario being played.
    pub fn scenario(&self) -> &Arc<Scenario> {
        &self.scenario
    }

    /// The seed the game was created with.
    pub fn seed(&self) -> u64 {
        self.seed
    }

    /// The current round (1-based).
    pub fn round(&self) -> u8 {
        self.round
    }

    /// The current phase.
    pub fn phase(&self) -> Phase {
        self.phase
    }

    /// The public meters.
    pub fn meters(&self) -> Meters {
        self.meters
    }

    /// Every action applied so far, in order: with the seed, the whole game.
    pub fn actions(&self) -> &[Action] {
        &self.actions
    }

    /// The public log.
    pub fn log(&self) -> &[LogEntry] {
        &self.log
    }

    /// Basket states, by basket index.
    pub fn baskets(&self) -> [BasketState; 4] {
        self.baskets
    }

    /// Standing commitments.
    pub fn commitments(&self) -> &[Commitment] {
        &self.commitments
    }

    /// Pending demands.
    pub fn demands(&self) -> &[Demand] {
        &self.demands
    }

    /// The signed accord being implemented (rules version 2), if any.
    pub fn accord(&self) -> Option<&super::Implementation> {
        self.accord.as_ref()
    }

    /// Public running counts.
    pub fn stats(&self) -> Stats {
        self.stats
    }

    /// The flags set, in id order (public).
    pub fn flags(&self) -> &[super::FlagId] {
        &self.flags
    }

    /// The public state conditions are checked against.
    pub fn situation(&self) -> super::Situation<'_> {
        super::Situation {
            meters: &self.meters,
            actors: &self.actors,
            round: self.round,
            baskets: &self.baskets,
            flags: &self.flags,
        }
    }

    /// Sets a flag, logging it if it was not set.
    pub(super) fn set_flag(&mut self, flag: super::FlagId) {
        if let Err(at) = self.flags.binary_search(&flag) {
            self.flags.insert(at, flag);
            self.note(LogEvent::FlagSet { flag });
        }
    }

    /// Clears a flag, logging it if it was set.
    pub(super) fn clear_flag(&mut self, flag: super::FlagId) {
        if let Ok(at) = self.flags.binary_search(&flag) {
            self.flags.remove(at);
            self.note(LogEvent::FlagCleared { flag });
        }
    }

    /// Political capital of each seat.
    pub fn capital(&self) -> [u8; 3] {
        self.capital
    }

    /// A seat's secret objective. Only trusted callers (the table's owner, a bot's own
    /// determinized sample) hold a `Game`; players and bots get a [`super::SeatView`].
    pub fn objective(&self, seat: Seat) -> ObjectiveId {
        self.objectives[seat.index()]
    }

    /// The negotiation actions the acting seat has used this turn.
    pub fn actions_used(&self) -> u8 {
        self.actions_used
    }

    /// Every card id wherever it lies (piles, hands, discards, demands, commitments), for
    /// invariant checks: each card of the scenario appears exactly once.
    pub fn card_positions(&self) -> Vec<CardId> {
        let mut all: Vec<CardId> = Vec::new();
        for seat in 0..3 {
            all.extend(&self.piles[seat]);
            all.extend(&self.hands[seat]);
            all.extend(&self.discards[seat]);
        }
        all.extend(self.demands.iter().map(|d| d.card));
        all.extend(self.commitments.iter().map(|c| c.card));
        all
    }

    /// Appends a log entry for the current round.
    pub(super) fn note(&mut self, event: LogEvent) {
        let entry = LogEntry {
            round: self.round,
            event,
        };
        self.red_line_record.follow(&entry);
        self.log.push(entry);
    }

    /// A fresh id for a demand or commitment.
    pub(super) fn new_table_id(&mut self) -> TableId {
        let id = self.next_table_id;
        self.next_table_id.0 += 1;
        id
    }

    /// Moves a meter, logging the change actually applied.
    pub(super) fn shift(&mut self, meter: Meter, delta: i32) {
        let applied = self.meters.add(meter, delta);
        if applied != 0 {
            self.note(LogEvent::MeterChanged {
                meter,
                delta: applied as i8,
                now: self.meters.get(meter),
            });
        }
    }

    /// Draws up to `count` cards for a seat, reshuffling its discard pile when the pile runs out.
    pub(super) fn draw(&mut self, seat: Seat, count: u8) {
        let s = seat.index();
        let mut drawn = 0;
        for _ in 0..count {
            if self.piles[s].is_empty() {
                if self.discards[s].is_empty() {
                    break;
                }
                self.piles[s].append(&mut self.discards[s]);
                self.rng.shuffle(&mut self.piles[s]);
            }
            if let Some(card) = self.piles[s].pop() {
                self.hands[s].push(card);
                drawn += 1;
            }
        }
        if drawn > 0 && self.outcome.is_none() && !self.log.is_empty() {
            self.note(LogEvent::Drew { seat, count: drawn });
        }
    }

    /// Takes `card` back out of `seat`'s discard (its latest copy there), for a card that
    /// returns to the table. Returns whether it was there.
    pub(super) fn take_from_discard(&mut self, seat: Seat, card: CardId) -> bool {
        let discard = &mut self.discards[seat.index()];
        match discard.iter().rposition(|&c| c == card) {
            Some(at) => {
                discard.remove(at);
                true
            }
            None => false,
        }
    }

    /// Ends the game with `outcome`.
    pub(super) fn finish(&mut self, outcome: Outcome) {
        if self.outcome.is_some() {
            return;
        }
        self.outcome = Some(outcome);
        self.phase = Phase::Over;
        self.prompt = None;
        self.meter_history.push(self.meters);
        self.note(LogEvent::GameOver { outcome });
    }

    /// Ends the game in a breakdown if any breakdown condition holds.
    pub(super) fn check_breakdown(&mut self) {
        use super::Breakdown;
        if self.outcome.is_some() {
            return;
        }
        let m = &self.meters;
        let cause = if m.get(Meter::Escalation) >= Meter::Escalation.max() {
            Some(Breakdown::Escalation)
        } else if let Some(walkout) = self.walkout() {
            Some(walkout)
        } else if m.get(Meter::Credibility) == 0 {
            Some(Breakdown::MediatorsWithdrew)
        } else {
            None
        };
        if let Some(cause) = cause {
            self.finish(Outcome::Breakdown(cause));
        }
    }

    fn final_facts(&self, outcome: Outcome) -> FinalFacts {
        let mut verified_held = self.stats.verified_honoured;
        for c in self.commitments.iter().filter(|c| c.verified) {
            verified_held[c.basket.index()] = true;
        }
        FinalFacts {
            outcome,
            meters: self.meters,
            agreed: self.baskets.map(BasketState::is_agreed),
            verified_held,
            monitors_deployed: self.stats.monitors_deployed,
            honoured: self.stats.honoured,
            broken: self.stats.broken,
        }
    }
}

/// Seat decks go to their seats; shared cards are shuffled and dealt round-robin to the seats
/// allowed to play them; then every pile is shuffled.
fn deal_piles(scenario: &Scenario, rng: &mut GameRng) -> [Vec<CardId>; 3] {
    let mut piles: [Vec<CardId>; 3] = Default::default();
    let mut shared = Vec::new();
    for (id, card) in scenario.cards.iter().enumerate() {
        match card.deck {
            Some(seat) => piles[seat.index()].push(CardId(id as u16)),
            None => shared.push(CardId(id as u16)),
        }
    }
    rng.shuffle(&mut shared);
    let mut next = 0;
    for id in shared {
        let seats = &scenario.cards[usize::from(id)].seats;
        let seat = (0..3)
            .map(|k| Seat::ALL[(next + k) % 3])
            .find(|s| seats.contains(s))
            .unwrap_or(Seat::Mediator);
        piles[seat.index()].push(id);
        next = (seat.index() + 1) % 3;
    }
    for pile in &mut piles {
        rng.shuffle(pile);
    }
    piles
}

/// The event pile, top last: the opening events in order on top of the shuffled rest.
fn stack_events(scenario: &Scenario, rng: &mut GameRng) -> Vec<EventId> {
    let mut rest: Vec<EventId> = EventId::all(scenario.events.len())
        .filter(|e| !scenario.opening_events.contains(e))
        .filter(|e| !scenario.events[usize::from(*e)].inject)
        .collect();
    rng.shuffle(&mut rest);
    rest.extend(scenario.opening_events.iter().rev());
    rest
}

fn draw_objective(scenario: &Scenario, seat: Seat, rng: &mut GameRng) -> ObjectiveId {
    let mine: Vec<ObjectiveId> = ObjectiveId::all(scenario.objectives.len())
        .filter(|&o| scenario.objectives[usize::from(o)].seat == seat)
        .collect();
    mine[rng.below(mine.len() as u32) as usize]
}
