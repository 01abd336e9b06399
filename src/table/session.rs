//! The table's core: its game, who controls each seat, the bots' turns, and the moves people
//! (or the decision clock, for them) make, with undo.

use super::history::meters_after_move;
use super::history::{clock_reason, meters_after_last_actions, place_notes};
use super::{Controller, MovedBy, Reason, rotated_from};
use crate::bot::{self, Bot, Policy};
use crate::engine::{Action, Game, Meters, RuleError, Scenario, Seat, SeatView, Viewer};
use crate::save::{self, Note, SaveFile};
use crate::scenario::ScenarioSource;
use crate::sim::derive_seed;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// A game in play, with its seats' controllers and its save file.
pub struct Session {
    pub(super) game: Game,
    pub(super) source: ScenarioSource,
    pub(super) controllers: [Controller; 3],
    pub(super) bots: [Option<Box<dyn Bot>>; 3],
    pub(super) notes: Vec<Note>,
    pub(super) reasons: Vec<Reason>,
    pub(super) meters_at_last_action: [Meters; 3],
    pub(super) save_path: Option<PathBuf>,
    pub(super) away: [bool; 3],
    pub(super) open: [bool; 3],
    pub(super) briefed: [bool; 3],
    /// The length of the action list just after the decision clock moved for a seat: that
    /// move cannot be taken back.
    pub(super) clock_moved_at: Option<usize>,
    pub(super) paused: bool,
    pub(super) reflections: Vec<crate::save::Reflection>,
    pub(super) deadline: Option<std::time::Instant>,
    pub(super) rematch_table: Option<u32>,
    /// The join codes of the rematch's seats, by seat of the rematch (a server with claimed
    /// seats): each player's end screen shows the code of the seat they move to.
    pub(super) rematch_codes: Option<[String; 3]>,
    /// A server table's decision clock in seconds, kept in the save.
    pub(super) clock_seconds: Option<u64>,
    /// Writes the save file off the caller's thread (present when the game is saved).
    pub(super) writer: Option<super::writer::SaveWriter>,
    /// Whether other people see every move at once (a server's table): then a card once
    /// played cannot go back into the hidden hand.
    pub(super) shared: bool,
    /// Who sits in each seat of a shared table, and who holds its pen.
    pub(super) teams: [super::Team; 3],
    /// Counts changes to the teams (see [`Session::team_revision`]).
    pub(super) team_revision: u64,
    /// What was said at the table, and who may say more.
    pub(super) talk: super::talk::Talk,
}

/// A bot's decision taken out of the session so it can be thought about without holding the
/// session's lock; hand it back with [`Session::finish_bot_turn`].
pub struct BotTurn {
    seat: Seat,
    policy: Policy,
    bot: Box<dyn Bot>,
    view: SeatView,
    legal: Vec<Action>,
    actions_before: usize,
    /// Why the bot failed to choose, when it panicked.
    failed: Option<String>,
}

/// What the log and the notes say when a bot failed and the clock's move stood in for it.
pub const BOT_FAILED: &str = "the bot failed; the clock's move was played.";

impl BotTurn {
    /// Lets the bot choose (the slow part: a search can take milliseconds). A bot that
    /// panics does not stop the table: the clock's move (see [`bot::passive_action`]) is
    /// chosen instead, and [`Session::finish_bot_turn`] records it as the clock's.
    pub fn think(&mut self) -> crate::bot::Choice {
        let (bot, view, legal) = (&mut self.bot, &self.view, &self.legal);
        let thought =
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| bot.choose(view, legal)));
        match thought {
            Ok(choice) => choice,
            Err(panic) => {
                self.failed = Some(panic_message(panic.as_ref()));
                let action = bot::passive_action(&self.view)
                    .filter(|a| self.legal.contains(a))
                    .or_else(|| self.legal.first().copied())
                    .unwrap_or(Action::Pass { seat: self.seat });
                crate::bot::Choice {
                    action,
                    reason: BOT_FAILED.to_string(),
                }
            }
        }
    }

    /// Thinks on a thread of its own; the turn and its choice arrive on the channel, for
    /// [`Session::finish_bot_turn`]. A screen that must keep answering keys uses this.
    pub fn think_elsewhere(mut self) -> std::sync::mpsc::Receiver<(BotTurn, crate::bot::Choice)> {
        let (sender, receiver) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let choice = self.think();
            let _ = sender.send((self, choice));
        });
        receiver
    }

    /// Why the bot failed in [`BotTurn::think`], if it did.
    pub fn failed(&self) -> Option<&str> {
        self.failed.as_deref()
    }
}

/// The text a panic carried, when it was a string.
pub fn panic_message(panic: &(dyn std::any::Any + Send)) -> String {
    panic
        .downcast_ref::<&str>()
        .map(|s| (*s).to_string())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "a panic".to_string())
}

impl Session {
    /// A new game. With `saves_dir`, it is autosaved there after every action.
    pub fn new(
        source: ScenarioSource,
        scenario: Arc<Scenario>,
        seed: u64,
        controllers: [Controller; 3],
        saves_dir: Option<&Path>,
    ) -> Session {
        Session::new_named(source, scenario, seed, controllers, saves_dir, "")
    }

    /// Like [`Session::new`], with `prefix` before the save file's name (a server's
    /// `table-3-`, so its saves can be told apart by table).
    pub fn new_named(
        source: ScenarioSource,
        scenario: Arc<Scenario>,
        seed: u64,
        controllers: [Controller; 3],
        saves_dir: Option<&Path>,
        prefix: &str,
    ) -> Session {
        let game = Game::new(scenario, seed);
        let seats = controllers.map(|c| c.key().to_string());
        let name = save::file_name(&game.scenario().name, seed, &seats);
        let mut session = Session::assemble(game, source, controllers, Vec::new(), None);
        // The file holds the game from the start (before any move), so a save listed in a
        // folder is always a readable one.
        if let Some(dir) = saves_dir {
            session.start_saving(&dir.join(format!("{prefix}{name}")));
        }
        session
    }

    /// Resumes a loaded save; it keeps saving to the same file.
    pub fn resume(loaded: save::Loaded, path: &Path) -> Result<Session, String> {
        let reflections = loaded.file.reflections.clone();
        let controllers = loaded.file.seats.clone().map(|s| s.parse::<Controller>());
        let mut parsed = [Controller::Human; 3];
        for (slot, result) in parsed.iter_mut().zip(controllers) {
            *slot = result.map_err(|e| format!("{}: a seat's controller: {e}", path.display()))?;
        }
        let mut session = Session::assemble(
            loaded.game,
            loaded.file.scenario,
            parsed,
            loaded.file.notes,
            Some(path.to_path_buf()),
        );
        session.reflections = reflections;
        session.clock_seconds = loaded.file.clock_seconds;
        session.talk = super::talk::Talk::of(loaded.file.messages);
        Ok(session)
    }

    /// A read-only session of a save's first `upto` actions, with what was said by then, for
    /// the replay viewer: it is never saved.
    pub fn replayed(file: &SaveFile, game: Game, upto: usize) -> Session {
        let controllers = file
            .seats
            .clone()
            .map(|s| s.parse::<Controller>().unwrap_or(Controller::Human));
        let notes = file
            .notes
            .iter()
            .filter(|n| n.action < upto)
            .cloned()
            .collect();
        let mut session = Session::assemble(game, file.scenario.clone(), controllers, notes, None);
        let said = file.messages.iter().filter(|m| m.action <= upto);
        session.talk = super::talk::Talk::of(said.cloned().collect());
        session
    }

    fn assemble(
        game: Game,
        source: ScenarioSource,
        controllers: [Controller; 3],
        notes: Vec<Note>,
        save_path: Option<PathBuf>,
    ) -> Session {
        let seed = game.seed();
        let bots = Seat::ALL.map(|seat| match controllers[seat.index()] {
            Controller::Human => None,
            Controller::Bot(policy) => Some(policy.bot(derive_seed(seed, seat.index() as u64 + 1))),
        });
        let reasons = place_notes(&game, &controllers, &notes);
        let meters_at_last_action = meters_after_last_actions(&game);
        let writer = save_path.clone().map(super::writer::SaveWriter::start);
        Session {
            writer,
            game,
            source,
            controllers,
            bots,
            notes,
            reasons,
            meters_at_last_action,
            save_path,
            away: [false; 3],
            open: [false; 3],
            briefed: [false; 3],
            clock_moved_at: None,
            rematch_table: None,
            rematch_codes: None,
            paused: false,
            reflections: Vec::new(),
            deadline: None,
            clock_seconds: None,
            shared: false,
            teams: Default::default(),
            team_revision: 0,
            talk: super::talk::Talk::default(),
        }
    }

    /// Puts `bot` in the place of the bot that plays `seat` (a custom or scripted bot, kept
    /// for this session only: a resumed save gets the seat's usual bot). A person's seat is
    /// left as it is.
    pub fn with_bot(mut self, seat: Seat, bot: Box<dyn Bot>) -> Session {
        if let Controller::Bot(_) = self.controllers[seat.index()] {
            self.bots[seat.index()] = Some(bot);
        }
        self
    }

    /// The scenario's source, as the save keeps it.
    pub fn source(&self) -> &ScenarioSource {
        &self.source
    }

    /// The game.
    pub fn game(&self) -> &Game {
        &self.game
    }

    /// Who plays each seat.
    pub fn controllers(&self) -> [Controller; 3] {
        self.controllers
    }

    /// The seats played by people at this screen.
    pub fn humans(&self) -> Vec<Seat> {
        Seat::ALL
            .into_iter()
            .filter(|s| self.controllers[s.index()] == Controller::Human)
            .collect()
    }

    /// The bots' reasons, in log order.
    pub fn reasons(&self) -> &[Reason] {
        &self.reasons
    }

    /// The same scenario and seed with every controller moved one seat on (Pakistan's to
    /// Afghanistan, Afghanistan's to the mediator, the mediator's to Pakistan), so people
    /// argue the other side's case. Saved beside this game.
    pub fn rematch(&self) -> Session {
        let old = self.controllers;
        let rotated = Seat::ALL.map(|seat| old[rotated_from(seat).index()]);
        Session::new(
            self.source.clone(),
            self.game.scenario().clone(),
            self.game.seed(),
            rotated,
            self.save_path.as_deref().and_then(Path::parent),
        )
    }

    /// A server opened this table's rematch as table `id`.
    pub fn set_rematch(&mut self, id: u32) {
        self.rematch_table = Some(id);
    }

    /// Keeps the join codes of the rematch's seats, by seat of the rematch.
    pub fn set_rematch_codes(&mut self, codes: [String; 3]) {
        self.rematch_codes = Some(codes);
    }

    /// The join code of `seat` at the rematch, if its seats are claimed.
    pub fn rematch_code(&self, seat: Seat) -> Option<&str> {
        self.rematch_codes
            .as_ref()
            .map(|codes| codes[seat.index()].as_str())
    }

    /// The table a server opened as this one's rematch, if any.
    pub fn rematch_table(&self) -> Option<u32> {
        self.rematch_table
    }

    /// Where the game is saved, if anywhere.
    pub fn save_path(&self) -> Option<&Path> {
        self.save_path.as_deref()
    }

    /// The meters as they stood after `seat`'s last action (the start, before its first).
    pub fn meters_at_last_action(&self, seat: Seat) -> Meters {
        self.meters_at_last_action[seat.index()]
    }

    /// The seat that must act now when it is a person's, with what that seat sees.
    pub fn human_to_act(&self) -> Option<Seat> {
        self.game
            .to_act()
            .map(|(seat, _)| seat)
            .filter(|seat| self.controllers[seat.index()] == Controller::Human)
    }

    /// Whether a bot must act now.
    pub fn bot_to_act(&self) -> bool {
        self.game
            .to_act()
            .is_some_and(|(seat, _)| self.controllers[seat.index()] != Controller::Human)
    }

    /// What `viewer` sees.
    pub fn view(&self, viewer: Viewer) -> SeatView {
        self.game.view(viewer)
    }

    /// Lets the bot whose turn it is act. Returns its seat, or `None` when no bot must act.
    pub fn play_bot(&mut self) -> Option<Seat> {
        let mut turn = self.bot_turn()?;
        let choice = turn.think();
        self.finish_bot_turn(turn, choice)
    }

    /// Takes out the bot whose turn it is, with what it sees and may do (none while paused).
    pub fn bot_turn(&mut self) -> Option<BotTurn> {
        if self.paused {
            return None;
        }
        let (seat, _) = self.game.to_act()?;
        let Controller::Bot(policy) = self.controllers[seat.index()] else {
            return None;
        };
        let bot = self.bots[seat.index()].take()?;
        Some(BotTurn {
            seat,
            policy,
            bot,
            view: self.game.view(seat),
            legal: self.game.legal_actions(seat),
            actions_before: self.game.actions().len(),
            failed: None,
        })
    }

    /// Puts the bot back and applies its choice, unless the game moved on meanwhile. Returns
    /// the bot's seat when it acted.
    pub fn finish_bot_turn(&mut self, turn: BotTurn, choice: crate::bot::Choice) -> Option<Seat> {
        let BotTurn {
            seat,
            policy,
            bot,
            legal,
            actions_before,
            failed,
            ..
        } = turn;
        self.bots[seat.index()] = Some(bot);
        if self.game.actions().len() != actions_before {
            return None;
        }
        let action = if legal.contains(&choice.action) {
            choice.action
        } else {
            *legal.first()?
        };
        let log_index = self.game.log().len();
        self.apply(action).ok()?;
        // A bot that failed had the clock's move played for it, and the log says so.
        let by = match failed {
            Some(_) => MovedBy::Clock,
            None => MovedBy::Bot(policy),
        };
        self.notes.push(Note {
            action: actions_before,
            text: choice.reason.clone(),
            by_clock: by == MovedBy::Clock,
        });
        self.bot_acted_on_words(seat, &choice.reason);
        self.reasons.push(Reason {
            log_index,
            seat,
            by,
            text: choice.reason,
        });
        self.autosave();
        Some(seat)
    }

    /// The facilitator injects one of the scenario's events (resolved at the next event
    /// phase); saved like any action.
    pub fn inject(&mut self, event: crate::engine::EventId) -> Result<(), RuleError> {
        self.game.apply(Action::Inject { event })?;
        self.autosave();
        Ok(())
    }

    /// The move a person makes by letting the clock run out (see [`bot::passive_action`]),
    /// if it is legal now.
    pub fn passive_action(&self) -> Option<Action> {
        let (seat, _) = self.game.to_act()?;
        let action = bot::passive_action(&self.game.view(seat))?;
        self.game.check(&action).is_ok().then_some(action)
    }

    /// The facilitator injects an event written on the spot: it joins this game's scenario
    /// (and its save) on the inject list, then is injected like any other.
    pub fn inject_new(&mut self, event: &crate::scenario::SpotEvent) -> Result<(), String> {
        let mut source = self.source.clone();
        let id = source.add_spot_event(event);
        let scenario = source.build().map_err(|e| e.to_string())?;
        let index = scenario
            .events
            .iter()
            .position(|e| e.id == id)
            .map(|i| crate::engine::EventId(i as u16))
            .ok_or("the new event was lost")?;
        self.game
            .extend_events(Arc::new(scenario))
            .map_err(|e| e.to_string())?;
        self.source = source;
        self.inject(index).map_err(|e| e.to_string())
    }

    /// Applies a person's action (an undo included), then autosaves.
    pub fn act(&mut self, action: Action) -> Result<(), RuleError> {
        self.apply_for_a_person(action)?;
        self.autosave();
        Ok(())
    }

    /// Applies an action for a person's seat, if the table and the seat allow it.
    fn apply_for_a_person(&mut self, action: Action) -> Result<(), RuleError> {
        let seat = action.seat();
        if let Action::Undo { seat } = action {
            self.check_undo(seat)?;
        }
        if self.paused {
            return Err(RuleError::Illegal(
                "the facilitator has paused this table".into(),
            ));
        }
        if self.controllers[seat.index()] != Controller::Human {
            return Err(RuleError::Illegal(format!(
                "{} is played by a bot",
                self.game.scenario().seat_name(seat)
            )));
        }
        self.apply(action)
    }

    /// The decision clock ran out: `action` (a pass or another passive move) is taken for the
    /// acting seat, and cannot be undone.
    pub fn act_on_expiry(&mut self, action: Action) -> Result<(), RuleError> {
        let actions_before = self.game.actions().len();
        let log_index = self.game.log().len();
        self.apply_for_a_person(action)?;
        self.clock_moved_at = Some(self.game.actions().len());
        let text = clock_reason(&action);
        self.notes.push(Note {
            action: actions_before,
            text: text.clone(),
            by_clock: true,
        });
        self.reasons.push(Reason {
            log_index,
            seat: action.seat(),
            by: MovedBy::Clock,
            text,
        });
        self.autosave();
        Ok(())
    }

    /// Whether `seat` may take back its last action: the engine's rule, never a move the
    /// decision clock made for it, and never once another person has the decision.
    pub fn check_undo(&self, seat: Seat) -> Result<(), RuleError> {
        self.check_undo_before_handover(seat)?;
        if self.human_to_act().is_some_and(|deciding| deciding != seat) {
            // Someone else may be about to answer what this seat did (a vote, a demand).
            return Err(RuleError::Illegal(
                "another person is deciding now: too late to take it back".into(),
            ));
        }
        Ok(())
    }

    /// Marks the session as seen by other people as it goes (a server's table: every seat,
    /// spectator and the console redraw on each move). Undo then never takes back a card that
    /// was shown: what a seat revealed stays revealed.
    pub fn set_shared(&mut self, shared: bool) {
        self.shared = shared;
    }

    /// Whether `seat` may take back its last action while the keyboard is still its own (the
    /// hot-seat curtain is down, so the next person has seen nothing): the engine's rule,
    /// never a move the decision clock made, and never, at a shared table, a move that showed
    /// a card from the hand (the others saw it: it must not become secret again).
    pub fn check_undo_before_handover(&self, seat: Seat) -> Result<(), RuleError> {
        if self.shared
            && self
                .game
                .last_in_force()
                .is_some_and(|last| last.seat() == seat && last.card_shown().is_some())
        {
            return Err(RuleError::Illegal(
                "too late to take it back: everyone at the table has seen the card".into(),
            ));
        }
        if self.clock_moved_at == Some(self.game.actions().len()) {
            return Err(RuleError::Illegal(
                "the decision clock made that move: it cannot be taken back".into(),
            ));
        }
        if self.controllers[seat.index()] != Controller::Human {
            return Err(RuleError::Illegal(format!(
                "{} is played by a bot",
                self.game.scenario().seat_name(seat)
            )));
        }
        self.game.check_undo(seat)
    }

    /// Takes back `seat`'s last action before the keyboard is handed over (see
    /// [`Session::check_undo_before_handover`]).
    pub fn undo_before_handover(&mut self, seat: Seat) -> Result<(), RuleError> {
        self.check_undo_before_handover(seat)?;
        if self.paused {
            return Err(RuleError::Illegal(
                "the facilitator has paused this table".into(),
            ));
        }
        self.apply(Action::Undo { seat })?;
        self.autosave();
        Ok(())
    }

    fn apply(&mut self, action: Action) -> Result<(), RuleError> {
        let before = self.game.meters();
        let entries = self.game.apply(action)?;
        self.meters_at_last_action[action.seat().index()] =
            meters_after_move(&action, before, &entries, &self.game);
        let log_len = self.game.log().len();
        self.reasons.retain(|r| r.log_index < log_len);
        self.forget_lapsed_proposals();
        Ok(())
    }
}
