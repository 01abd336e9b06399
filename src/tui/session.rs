//! A game being played at one screen: the engine's game, who controls each seat, the bots'
//! reasons, and the autosave. It knows nothing of terminals; the screens read it and hand it
//! the actions people choose.

use crate::bot::{Bot, Policy};
use crate::engine::{
    Action, Game, LogEntry, LogEvent, Meters, RuleError, Scenario, Seat, SeatView, Viewer,
};
use crate::save::{self, Note, SaveError, SaveFile};
use crate::scenario::ScenarioSource;
use crate::sim::derive_seed;
use std::fmt;
use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::sync::Arc;

/// Who plays a seat.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Controller {
    /// A person at this screen.
    Human,
    /// A bot of this level.
    Bot(Policy),
}

impl Controller {
    /// Every choice, in the order the setup screen cycles through them.
    pub const ALL: [Controller; 5] = [
        Controller::Human,
        Controller::Bot(Policy::Random),
        Controller::Bot(Policy::Easy),
        Controller::Bot(Policy::Normal),
        Controller::Bot(Policy::Hard),
    ];

    /// The name used on the command line and in saves (`human`, `normal`, …).
    pub fn key(self) -> &'static str {
        match self {
            Controller::Human => "human",
            Controller::Bot(policy) => policy.key(),
        }
    }
}

impl fmt::Display for Controller {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}

impl FromStr for Controller {
    type Err = String;
    fn from_str(s: &str) -> Result<Controller, String> {
        if s == "human" {
            return Ok(Controller::Human);
        }
        s.parse::<Policy>()
            .map(Controller::Bot)
            .map_err(|e| format!("{e}, or human"))
    }
}

/// A bot's reason, placed in the log just before the entries its action produced.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reason {
    /// Index of the first log entry the action produced.
    pub log_index: usize,
    /// The seat that moved.
    pub seat: Seat,
    /// Who chose the move.
    pub by: MovedBy,
    /// Why it acted so.
    pub text: String,
}

/// Who chose a move that no person at the seat chose.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MovedBy {
    /// The seat's bot, of this level.
    Bot(Policy),
    /// The facilitator's decision clock, when the person's time ran out.
    Clock,
}

impl std::fmt::Display for MovedBy {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            MovedBy::Bot(policy) => write!(f, "{policy}"),
            MovedBy::Clock => f.write_str("clock"),
        }
    }
}

/// A game in play, with its seats' controllers and its save file.
pub struct Session {
    game: Game,
    source: ScenarioSource,
    controllers: [Controller; 3],
    bots: [Option<Box<dyn Bot>>; 3],
    notes: Vec<Note>,
    reasons: Vec<Reason>,
    meters_at_last_action: [Meters; 3],
    save_path: Option<PathBuf>,
    away: [bool; 3],
    open: [bool; 3],
    briefed: [bool; 3],
    /// The length of the action list just after the decision clock moved for a seat: that
    /// move cannot be taken back.
    clock_moved_at: Option<usize>,
    paused: bool,
    reflections: Vec<crate::save::Reflection>,
    deadline: Option<std::time::Instant>,
    rematch_table: Option<u32>,
    /// A server table's decision clock in seconds, kept in the save.
    clock_seconds: Option<u64>,
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
}

impl BotTurn {
    /// Lets the bot choose (the slow part: a search can take milliseconds).
    pub fn think(&mut self) -> crate::bot::Choice {
        self.bot.choose(&self.view, &self.legal)
    }
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
        let save_path = saves_dir.map(|dir| {
            let name = save::file_name(&game.scenario().name, seed, &seats);
            claim_unused_path(&dir.join(format!("{prefix}{name}")))
        });
        let session = Session::assemble(game, source, controllers, Vec::new(), save_path);
        session.autosave();
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
        Ok(session)
    }

    /// A read-only session of a save's first `upto` actions, for the replay viewer: it is
    /// never saved.
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
        Session::assemble(game, file.scenario.clone(), controllers, notes, None)
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
        Session {
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
            paused: false,
            reflections: Vec::new(),
            deadline: None,
            clock_seconds: None,
        }
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
        self.notes.push(Note {
            action: actions_before,
            text: choice.reason.clone(),
            by_clock: false,
        });
        self.reasons.push(Reason {
            log_index,
            seat,
            by: MovedBy::Bot(policy),
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

    /// Sets when the acting person's decision clock runs out (`None`: no clock).
    pub fn set_deadline(&mut self, deadline: Option<std::time::Instant>) {
        self.deadline = deadline;
    }

    /// When the acting person's decision clock runs out.
    pub fn deadline(&self) -> Option<std::time::Instant> {
        self.deadline
    }

    /// The move a person makes by letting the clock run out: pass a negotiation turn, hold a
    /// firm posture, decline a vote or monitors, take an event's mildest option.
    pub fn passive_action(&self) -> Option<Action> {
        let (seat, decision) = self.game.to_act()?;
        let action = match decision {
            crate::engine::Decision::Negotiate => Action::Pass { seat },
            crate::engine::Decision::Posture => Action::Posture {
                seat,
                posture: crate::engine::Posture::Firm,
            },
            crate::engine::Decision::AccordVote => Action::Vote {
                seat,
                accept: false,
            },
            crate::engine::Decision::Consent => Action::Consent {
                seat,
                accept: false,
            },
            crate::engine::Decision::EventChoice => Action::Choose {
                seat,
                option: self.mildest_option(),
            },
        };
        self.game.check(&action).is_ok().then_some(action)
    }

    /// The option of this round's event that moves the meters least (Escalation weighs most):
    /// what the clock chooses for a person who did not, so nobody is made to retaliate.
    fn mildest_option(&self) -> u8 {
        let scenario = self.game.scenario();
        let Some(choice) = self
            .game
            .view(crate::engine::Viewer::Facilitator)
            .current_event
            .and_then(|e| scenario.events[usize::from(e)].choice.as_ref())
        else {
            return 0;
        };
        let weight = |option: &crate::engine::EventOption| -> i32 {
            option
                .effects
                .meters
                .iter()
                .map(|&(target, delta)| {
                    let scale = match target {
                        crate::engine::MeterTarget::Fixed(crate::engine::Meter::Escalation) => 20,
                        _ => 1,
                    };
                    i32::from(delta).abs() * scale
                })
                .sum()
        };
        let mildest = (0..choice.options.len()).min_by_key(|&i| weight(&choice.options[i]));
        mildest.and_then(|i| u8::try_from(i).ok()).unwrap_or(0)
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
            .ok_or("the new event was lost")? as crate::engine::EventId;
        self.game
            .extend_events(Arc::new(scenario))
            .map_err(|e| e.to_string())?;
        self.source = source;
        self.inject(index).map_err(|e| e.to_string())
    }

    /// Pauses or resumes the table: while paused nobody, bot or person, can act.
    pub fn set_paused(&mut self, paused: bool) {
        self.paused = paused;
    }

    /// Whether the table is paused.
    pub fn paused(&self) -> bool {
        self.paused
    }

    /// Marks a remote seat's player as away (disconnected) or back.
    pub fn set_away(&mut self, seat: Seat, away: bool) {
        self.away[seat.index()] = away;
    }

    /// Records that `seat`'s person has read (and closed) its brief at this table.
    pub fn mark_briefed(&mut self, seat: Seat) {
        self.briefed[seat.index()] = true;
    }

    /// Whether `seat` has read its brief here, or has moved already: a reconnection then goes
    /// straight back to the table.
    pub fn was_briefed(&self, seat: Seat) -> bool {
        self.briefed[seat.index()] || self.game.actions().iter().any(|a| a.seat() == seat)
    }

    /// Marks a remote seat as open (nobody has taken it yet) or taken.
    pub fn set_open(&mut self, seat: Seat, open: bool) {
        self.open[seat.index()] = open;
    }

    /// Who plays `seat`, in a word or two: a bot's level, `human`, or for a remote seat
    /// `open seat` (nobody has taken it) or `away` (its player dropped).
    pub fn player(&self, seat: Seat) -> String {
        if self.open[seat.index()] {
            "open seat".to_string()
        } else if self.away[seat.index()] {
            "away".to_string()
        } else {
            self.controllers[seat.index()].to_string()
        }
    }

    /// Every seat's [`Session::player`].
    pub fn players(&self) -> [String; 3] {
        Seat::ALL.map(|seat| self.player(seat))
    }

    /// The seats nobody has taken yet.
    pub fn open_seats(&self) -> Vec<Seat> {
        Seat::ALL
            .into_iter()
            .filter(|s| self.open[s.index()])
            .collect()
    }

    /// The seats whose remote players are away.
    pub fn away(&self) -> Vec<Seat> {
        Seat::ALL
            .into_iter()
            .filter(|s| self.away[s.index()])
            .collect()
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
            return Err(RuleError::Illegal(format!("{seat} is played by a bot")));
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

    /// Whether `seat` may take back its last action while the keyboard is still its own (the
    /// hot-seat curtain is down, so the next person has seen nothing): the engine's rule,
    /// and never a move the decision clock made.
    pub fn check_undo_before_handover(&self, seat: Seat) -> Result<(), RuleError> {
        if self.clock_moved_at == Some(self.game.actions().len()) {
            return Err(RuleError::Illegal(
                "the decision clock made that move: it cannot be taken back".into(),
            ));
        }
        if self.controllers[seat.index()] != Controller::Human {
            return Err(RuleError::Illegal(format!("{seat} is played by a bot")));
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
        self.meters_at_last_action[action.seat().index()] = match action {
            Action::Undo { .. } => self.game.meters(),
            _ => after_own_part(before, &entries),
        };
        let log_len = self.game.log().len();
        self.reasons.retain(|r| r.log_index < log_len);
        Ok(())
    }

    /// The save file describing the game now.
    pub fn save_file(&self, saved_at: u64) -> SaveFile {
        let mut file = SaveFile::of(
            &self.game,
            &self.source,
            self.controllers.map(|c| c.key().to_string()),
            self.notes.clone(),
            saved_at,
        );
        file.reflections = self.reflections.clone();
        file.clock_seconds = self.clock_seconds;
        file
    }

    /// Records a server table's decision clock (seconds per decision), saving it at once.
    pub fn set_clock_seconds(&mut self, seconds: Option<u64>) {
        self.clock_seconds = seconds;
        self.autosave();
    }

    /// The decision clock kept in this game's save, in seconds per decision.
    pub fn clock_seconds(&self) -> Option<u64> {
        self.clock_seconds
    }

    /// The reflection answers written so far (skipped prompts have empty answers).
    pub fn reflections(&self) -> &[crate::save::Reflection] {
        &self.reflections
    }

    /// The reflection prompts `seat` has not answered (or skipped) yet, once the game is over.
    pub fn unanswered(&self, seat: Seat) -> Vec<String> {
        if self.game.outcome().is_none() {
            return Vec::new();
        }
        self.game
            .scenario()
            .reflection
            .iter()
            .filter(|prompt| {
                !self
                    .reflections
                    .iter()
                    .any(|r| r.seat == seat.key() && &r.prompt == *prompt)
            })
            .cloned()
            .collect()
    }

    /// Records `seat`'s answer to a reflection prompt (an empty answer marks it skipped) and
    /// saves.
    pub fn reflect(&mut self, seat: Seat, prompt: &str, answer: &str) {
        self.reflections.push(crate::save::Reflection {
            seat: seat.key().to_string(),
            prompt: prompt.to_string(),
            answer: answer.trim().to_string(),
        });
        self.autosave();
    }

    /// Writes the save now (atomically). Returns where, or why it failed.
    pub fn save(&self) -> Result<PathBuf, SaveError> {
        let Some(path) = &self.save_path else {
            return Err(SaveError::Io {
                path: PathBuf::from("(no saves folder)"),
                source: std::io::Error::other("saving is off for this game"),
            });
        };
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|source| SaveError::Io {
                path: dir.to_path_buf(),
                source,
            })?;
        }
        save::save(path, &self.save_file(unix_now()))?;
        Ok(path.clone())
    }

    fn autosave(&self) {
        if self.save_path.is_some() {
            // A failed autosave is reported when the player saves by hand; play goes on.
            let _ = self.save();
        }
    }
}

/// `path`, or `name-2.json`, `name-3.json`, …: the first that does not exist yet, claimed at
/// once by creating it, so a new game never overwrites an old one's save and two games started
/// together (a server's set of identical tables) never share a file.
fn claim_unused_path(path: &Path) -> PathBuf {
    if let Some(dir) = path.parent() {
        let _ = std::fs::create_dir_all(dir);
    }
    let stem = path
        .file_stem()
        .map_or_else(String::new, |s| s.to_string_lossy().to_string());
    let candidates = std::iter::once(path.to_path_buf())
        .chain((2..).map(|n| path.with_file_name(format!("{stem}-{n}.json"))));
    for candidate in candidates {
        let claimed = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&candidate);
        match claimed {
            Ok(_) => return candidate,
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            // The folder cannot be written: the first save will say so.
            Err(_) => return candidate,
        }
    }
    path.to_path_buf()
}

/// Seconds since the Unix epoch, for a save's timestamp.
fn unix_now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

/// The meters just after each seat's last action in `game` (the start for a seat that has not
/// acted), found by replaying the actions, so a resumed game shows changes since then.
fn meters_after_last_actions(game: &Game) -> [Meters; 3] {
    let mut after = [game.scenario().start; 3];
    let mut replay = Game::new(game.scenario().clone(), game.seed());
    for action in game.actions() {
        let before = replay.meters();
        let Ok(entries) = replay.apply(*action) else {
            break;
        };
        after[action.seat().index()] = match action {
            Action::Undo { .. } => replay.meters(),
            _ => after_own_part(before, &entries),
        };
    }
    after
}

/// The meters once an action's own effects were applied (from `before` and the log entries
/// the action wrote), leaving out what the game then resolved by itself: the postures'
/// reveal, the round-end tests and upkeep, the next event, a refused accord. So a seat whose
/// move closed a phase still sees all of that as change on its next turn.
pub fn after_own_part(before: Meters, entries: &[LogEntry]) -> Meters {
    let mut meters = before;
    for entry in entries {
        match entry.event {
            LogEvent::MeterChanged { meter, now, .. } => meters.set(meter, i32::from(now)),
            LogEvent::PostureTaken { .. }
            | LogEvent::HardlineEscalated { .. }
            | LogEvent::CommitmentTested { .. }
            | LogEvent::CommitmentBroken { .. }
            | LogEvent::CommitmentHonoured { .. }
            | LogEvent::UnilateralPull
            | LogEvent::Stalled
            | LogEvent::RoundStarted
            | LogEvent::EventRevealed { .. }
            | LogEvent::Injected { .. }
            | LogEvent::AccordRefused
            | LogEvent::GameOver { .. } => break,
            _ => {}
        }
    }
    meters
}

/// The seat a player moves to in a rematch: Pakistan's player argues Afghanistan's case,
/// Afghanistan's the mediators', the mediators' Pakistan's.
pub fn rotated(seat: Seat) -> Seat {
    match seat {
        Seat::Pakistan => Seat::Afghanistan,
        Seat::Afghanistan => Seat::Mediator,
        Seat::Mediator => Seat::Pakistan,
    }
}

/// The seat whose player moves to `seat` in a rematch.
pub fn rotated_from(seat: Seat) -> Seat {
    rotated(rotated(seat))
}

/// What the log says when the decision clock moves for a seat.
fn clock_reason(action: &Action) -> String {
    let what = match action {
        Action::Posture { .. } => "a firm posture by default",
        Action::Vote { .. } => "no vote counts as rejecting the accord",
        Action::Consent { .. } => "no answer counts as refusing",
        Action::Choose { .. } => "the mildest option by default",
        _ => "passed",
    };
    format!("time ran out: {what}.")
}

/// Where each saved note's action starts in the log, found by replaying the actions.
fn place_notes(game: &Game, controllers: &[Controller; 3], notes: &[Note]) -> Vec<Reason> {
    if notes.is_empty() {
        return Vec::new();
    }
    let mut replay = Game::new(game.scenario().clone(), game.seed());
    let mut starts = Vec::with_capacity(game.actions().len());
    for action in game.actions() {
        starts.push(replay.log().len());
        if replay.apply(*action).is_err() {
            break;
        }
    }
    notes
        .iter()
        .filter_map(|note| {
            let action = game.actions().get(note.action)?;
            let by = match controllers[action.seat().index()] {
                _ if note.by_clock => MovedBy::Clock,
                Controller::Bot(policy) => MovedBy::Bot(policy),
                Controller::Human => return None,
            };
            Some(Reason {
                log_index: *starts.get(note.action)?,
                seat: action.seat(),
                by,
                text: note.text.clone(),
            })
        })
        .filter(|r| r.log_index < game.log().len())
        .collect()
}
