//! A game in play: whose eyes the screen shows, the hot-seat curtain, prompts for decisions,
//! the pacing of bots' moves, and the keys and clicks of the table and end screens.

use super::table::{self, Panel, Picker, TableUi};
use super::{debrief, hit};
use crate::bot::Choice;
use crate::engine::words;
use crate::engine::{Action, Basket, Decision, Meter, Seat, SeatView, Viewer};
use crate::save;
use crate::scenario::ScenarioSource;
use crate::table::{BotTurn, Controller, SaveStatus, Session};
use crate::tui::app::{Options, Speed, Step};
use crate::tui::keys::{self, Command};
use crate::tui::theme::Theme;
use crate::tui::widgets::board;
use crate::tui::widgets::draft::Draft;
use ratatui::crossterm::event::{KeyCode, KeyEvent, MouseButton, MouseEvent, MouseEventKind};
use ratatui::prelude::*;
use std::cell::Cell;
use std::path::Path;
use std::sync::mpsc;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

/// Who drives the game a screen shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    /// This screen owns the game: it plays the bots and lowers the hot-seat curtain.
    Local,
    /// The game belongs to a table elsewhere (a server); this screen is one viewer's window
    /// on it and acts only for that viewer's seat.
    Remote,
}

/// How often the screen looks for a thinking bot's choice.
const THINKING_POLL: Duration = Duration::from_millis(10);

/// A bot's turn being thought about on another thread.
struct Thinking {
    result: mpsc::Receiver<(BotTurn, Choice)>,
    /// When to look for the choice next.
    poll_at: Instant,
}

/// A game at this screen.
pub struct Play {
    session: Arc<Mutex<Session>>,
    role: Role,
    speed: Speed,
    ui: TableUi,
    shown: Viewer,
    curtain: Option<Seat>,
    /// In hot-seat, the seat the keyboard was last handed to for its reflection.
    reflection_seat: Option<Seat>,
    /// The finished game's last table has been seen (Enter moves on to reflection and debrief).
    end_seen: bool,
    /// How many actions the game had when the message was last checked for staleness.
    actions_seen: usize,
    /// A footer button that leaves this screen for the one that opened it (the console).
    back_button: Option<String>,
    brief_open: bool,
    notice: Option<String>,
    next_bot_at: Option<Instant>,
    /// A bot thinking on its own thread, so keys are answered meanwhile.
    thinking: Option<Thinking>,
    debrief_scroll: u16,
    brief_scroll: u16,
    /// How far the debrief and the brief could scroll when last drawn (they depend on the
    /// screen's size), so scrolling stops at their ends.
    debrief_max: Cell<u16>,
    brief_max: Cell<u16>,
    /// How far the table screen's details and log could scroll when last drawn.
    limits: Cell<table::Limits>,
    draft: Draft,
}

impl Play {
    /// Starts a new game of a scenario (built-in name or folder). Without a seed, one is
    /// taken from the clock.
    pub fn start(
        scenario: &str,
        seats: [Controller; 3],
        seed: Option<u64>,
        options: &Options,
    ) -> Result<Play, String> {
        let source = ScenarioSource::find(scenario).map_err(|e| e.to_string())?;
        let built = source.build().map_err(|e| e.to_string())?;
        let seed = seed.unwrap_or_else(crate::table::seed_from_time);
        let session = Session::new(
            source,
            Arc::new(built),
            seed,
            seats,
            options.saves_dir.as_deref(),
        );
        Ok(Play::with_session(session, options.speed))
    }

    /// Resumes a save.
    pub fn load(path: &Path, options: &Options) -> Result<Play, String> {
        let loaded = save::load(path).map_err(|e| e.to_string())?;
        let session = Session::resume(loaded, path)?;
        Ok(Play::with_session(session, options.speed))
    }

    /// Wraps a session; the screen starts on the first human seat (behind the curtain when
    /// several people share the keyboard), or on the facilitator's view when all are bots.
    pub fn with_session(mut session: Session, speed: Speed) -> Play {
        let humans = session.humans();
        let shown = match humans.as_slice() {
            [] => Viewer::Facilitator,
            [only] => Viewer::Seat(*only),
            [first, ..] => Viewer::Seat(session.human_to_act().unwrap_or(*first)),
        };
        let curtain = match (humans.len(), shown) {
            (2.., Viewer::Seat(seat)) => Some(seat),
            _ => None,
        };
        // A game already under way has been briefed; a new one shows the first person their
        // brief now, or after the curtain in hot-seat.
        if !session.game().actions().is_empty() {
            for seat in Seat::ALL {
                session.mark_briefed(seat);
            }
        }
        let brief_open =
            curtain.is_none() && matches!(shown, Viewer::Seat(seat) if !session.was_briefed(seat));
        Play {
            curtain,
            brief_open,
            ..Play::new(Arc::new(Mutex::new(session)), Role::Local, shown, speed)
        }
    }

    /// A screen on `session` for `shown`, with nothing open yet.
    fn new(session: Arc<Mutex<Session>>, role: Role, shown: Viewer, speed: Speed) -> Play {
        Play {
            session,
            role,
            speed,
            ui: TableUi::default(),
            shown,
            curtain: None,
            reflection_seat: None,
            end_seen: false,
            actions_seen: 0,
            back_button: None,
            brief_open: false,
            notice: None,
            next_bot_at: None,
            thinking: None,
            debrief_scroll: 0,
            brief_scroll: 0,
            debrief_max: Cell::new(u16::MAX),
            brief_max: Cell::new(u16::MAX),
            limits: Cell::default(),
            draft: Draft::default(),
        }
    }

    /// The session (game, seats, reasons), locked for as long as the guard lives. Never hold
    /// it across a call to another method of `Play`: the lock is not re-entrant.
    pub fn session(&self) -> MutexGuard<'_, Session> {
        self.session
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// One viewer's window on a shared table's game: no curtain, no bots driven from here.
    /// A seat sees its brief first until it has read it or made a move, so a reconnection
    /// goes straight back to the table.
    pub fn remote(session: Arc<Mutex<Session>>, viewer: Viewer, speed: Speed) -> Play {
        let brief_open = match viewer {
            Viewer::Seat(seat) => !session
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner())
                .was_briefed(seat),
            _ => false,
        };
        Play {
            brief_open,
            ..Play::new(session, Role::Remote, viewer, speed)
        }
    }

    /// Names the footer button (Esc) that goes back to whatever opened this screen.
    pub fn set_back_button(&mut self, label: impl Into<String>) {
        self.back_button = Some(label.into());
    }

    /// Called when the shared game changed elsewhere: keeps selections inside the new view.
    pub fn refresh(&mut self) {
        self.forget_stale_notice();
        let resumed = !self.session().paused();
        if resumed
            && self
                .notice
                .as_deref()
                .is_some_and(|n| n.contains("paused this table"))
        {
            self.notice = None;
        }
        let view = self.view();
        self.ui.clamp(&view);
        if self.ui.picker.is_some() && self.actor().is_none() {
            self.ui.picker = None;
        }
    }

    /// Whose eyes the screen shows.
    pub fn shown(&self) -> Viewer {
        self.shown
    }

    /// The seat behind the curtain, while it is down.
    pub fn curtain(&self) -> Option<Seat> {
        self.curtain
    }

    /// Whether this game is autosaved.
    pub fn autosaves(&self) -> bool {
        self.session().save_path().is_some()
    }

    /// When the next bot move is due, or when to look for a thinking bot's choice.
    pub fn wake_at(&self) -> Option<Instant> {
        if let Some(thinking) = &self.thinking {
            return Some(thinking.poll_at);
        }
        if self.brief_open || self.curtain.is_some() {
            return None;
        }
        self.next_bot_at
    }

    /// Schedules the next bot move if a bot must act.
    pub fn schedule(&mut self, now: Instant) {
        if self.role == Role::Local && self.next_bot_at.is_none() && self.session().bot_to_act() {
            self.next_bot_at = Some(now + self.speed.delay());
        }
    }

    /// Starts a due bot move (the bot thinks on its own thread) and plays it once chosen.
    pub fn tick(&mut self, now: Instant) {
        if self.thinking.is_none() && self.wake_at().is_some_and(|at| at <= now) {
            self.next_bot_at = None;
            let turn = self.session().bot_turn();
            self.thinking = turn.map(|turn| Thinking {
                result: turn.think_elsewhere(),
                poll_at: now,
            });
        }
        self.collect_thought(now);
        if self.thinking.is_none() {
            self.schedule(now);
        }
    }

    /// Plays a thinking bot's choice if it has come. A `now` ahead of the real clock (a
    /// test driving time) is time the bot had to think: the choice is waited for that long.
    fn collect_thought(&mut self, now: Instant) {
        let Some(thinking) = &mut self.thinking else {
            return;
        };
        let wait = now.saturating_duration_since(Instant::now());
        match thinking.result.recv_timeout(wait) {
            Ok((turn, choice)) => {
                self.thinking = None;
                self.session().finish_bot_turn(turn, choice);
                self.forget_stale_notice();
                self.sync();
            }
            Err(mpsc::RecvTimeoutError::Timeout) => thinking.poll_at = now + THINKING_POLL,
            // The thinking thread died without answering; a bot's panic cannot do that (it
            // is caught in `think`), so this is not expected. Stop waiting for it.
            Err(mpsc::RecvTimeoutError::Disconnected) => self.thinking = None,
        }
    }

    /// Drops the message once someone else has moved: it was about a moment that has passed
    /// (a "wait for your turn" would otherwise linger into the next prompt).
    fn forget_stale_notice(&mut self) {
        let actions = self.session().game().actions().len();
        if actions != self.actions_seen {
            self.actions_seen = actions;
            self.notice = None;
        }
    }

    /// While the curtain is down, the person who made the last move, if it can still be
    /// taken back: they may, before handing over the keyboard.
    fn undo_behind_curtain(&self) -> Option<Seat> {
        let session = self.session();
        let last = session.game().actions().last()?;
        let seat = last.seat();
        (!last.is_inject() && session.check_undo_before_handover(seat).is_ok()).then_some(seat)
    }

    /// The person who may act at this screen now: the acting seat, when it is human, shown
    /// and not behind the curtain.
    fn actor(&self) -> Option<Seat> {
        let seat = self.session().human_to_act()?;
        (self.curtain.is_none() && self.shown == Viewer::Seat(seat)).then_some(seat)
    }

    /// After any move: lower the curtain for the next person, or show the acting seat.
    fn sync(&mut self) {
        self.ui.clamp(&self.view());
        let Some(seat) = self.session().human_to_act() else {
            return;
        };
        if self.shown == Viewer::Seat(seat) || self.role == Role::Remote {
            return;
        }
        self.ui = TableUi::default();
        if self.session().humans().len() >= 2 {
            self.curtain = Some(seat);
        }
        self.shown = Viewer::Seat(seat);
    }

    fn view(&self) -> SeatView {
        self.session().view(self.shown)
    }

    fn legal(&self) -> Vec<Action> {
        self.actor()
            .map(|seat| self.session().game().legal_actions(seat))
            .unwrap_or_default()
    }

    fn act(&mut self, action: Action) {
        let result = self.session().act(action);
        match result {
            Ok(()) => {
                self.notice = None;
                self.ui.picker = None;
                self.ui.prompt = 0;
                self.ui.prompt_hidden = false;
                self.ui.detail_scroll = 0;
                self.sync();
            }
            Err(e) => self.notice = Some(e.to_string()),
        }
    }

    /// The decision prompt the actor must answer now (not a negotiation turn).
    pub(crate) fn decision_prompt(&self) -> Option<Picker> {
        let seat = self.actor()?;
        let (_, decision) = self.session().game().to_act()?;
        if decision == Decision::Negotiate {
            return None;
        }
        let view = self.view();
        let scenario = &view.scenario;
        let (title, intro) = match decision {
            Decision::EventChoice => {
                let event = view.current_event.map(|e| &scenario.events[usize::from(e)]);
                let name = event.map_or("Event", |e| e.name.as_str());
                let question = event
                    .and_then(|e| e.choice.as_ref())
                    .map_or(String::new(), |c| c.prompt.clone());
                let text = event.map_or(String::new(), |e| e.text.clone());
                (format!("Event: {name}"), format!("{text}\n\n{seat}: {question}"))
            }
            Decision::Consent => {
                let card = view
                    .consent_card
                    .map_or("verification", |c| scenario.cards[usize::from(c)].name.as_str());
                // The pledge by number, basket and card: the table's full row is too much here.
                let target = view
                    .consent_for
                    .and_then(|id| view.commitments.iter().find(|c| c.id == id))
                    .map_or("your pledge".to_string(), |c| {
                        format!(
                            "your pledge #{} in {} ({})",
                            c.id,
                            c.basket,
                            scenario.cards[usize::from(c.card)].name
                        )
                    });
                (
                    "Monitors on Afghan soil".to_string(),
                    format!(
                        "The mediator's {card} would put monitors on your soil to verify \
                         {target}. Do you consent?"
                    ),
                )
            }
            Decision::AccordVote => {
                let agreed: Vec<String> = crate::engine::Basket::ALL
                    .iter()
                    .filter(|b| view.baskets[b.index()].is_agreed())
                    .map(|b| b.to_string())
                    .collect();
                (
                    "The accord is tabled".to_string(),
                    format!(
                        "Agreed baskets: {}. Trust is {}; a durable peace needs Trust ≥ {} and Verification agreed. Both delegations must sign.",
                        agreed.join(", "),
                        view.meters.get(crate::engine::Meter::Trust),
                        scenario.rules.durable_trust
                    ),
                )
            }
            Decision::Posture => (
                format!("Public posture — round {}", view.round),
                "Both delegations choose in secret; the postures are revealed together. If both are conciliatory, Escalation falls by 1.".to_string(),
            ),
            Decision::Negotiate => return None,
        };
        let options = self
            .legal()
            .into_iter()
            .map(|a| (words::action_in(self.session().game(), &a), a))
            .collect();
        Some(Picker {
            title,
            intro,
            options,
            selected: self.ui.prompt,
        })
    }

    /// The reflection prompt a person at this screen should answer now, once the game is
    /// over: the seat, the prompt, and which of how many it is.
    pub fn reflecting(&self) -> Option<(Seat, String, usize, usize)> {
        if self.at_the_last_table() {
            return None;
        }
        let session = self.session();
        let seats = match (self.role, self.shown) {
            (Role::Remote, Viewer::Seat(seat)) => vec![seat],
            (Role::Remote, _) => Vec::new(),
            (Role::Local, _) => session.humans(),
        };
        let total = session.game().scenario().reflection.len();
        seats.into_iter().find_map(|seat| {
            let left = session.unanswered(seat);
            let prompt = left.first()?.clone();
            Some((seat, prompt, total - left.len() + 1, total))
        })
    }

    /// Whether the game is over but its final table (the last postures, the last tests of
    /// the commitments) is still on screen, waiting for Enter.
    pub fn at_the_last_table(&self) -> bool {
        !self.end_seen && self.session().game().outcome().is_some()
    }

    /// In hot-seat, the seat whose reflection waits for the keyboard to be passed to it, so
    /// nobody reads or types another person's answers.
    fn reflection_handover(&self) -> Option<Seat> {
        let (seat, ..) = self.reflecting()?;
        let shared = self.role == Role::Local && self.session().humans().len() > 1;
        (shared && self.reflection_seat != Some(seat)).then_some(seat)
    }

    /// Whether keys are being typed as text (a reflection) rather than commands.
    pub fn typing(&self) -> bool {
        self.reflecting().is_some() && self.reflection_handover().is_none()
    }

    /// Takes a typed key: `Enter` keeps the answer and goes on, `Esc` keeps it and skips this
    /// seat's remaining prompts, any other key edits the answer.
    pub fn type_key(&mut self, key: KeyEvent) {
        let Some((seat, prompt, _, _)) = self.reflecting() else {
            return;
        };
        match key.code {
            KeyCode::Enter => {
                let answer = self.draft.take();
                self.session().reflect(seat, &prompt, &answer);
            }
            KeyCode::Esc => {
                // What was typed so far is kept as this prompt's answer; the rest are skipped.
                let answer = self.draft.take();
                let mut session = self.session();
                session.reflect(seat, &prompt, &answer);
                for prompt in session.unanswered(seat) {
                    session.reflect(seat, &prompt, "");
                }
            }
            code => self.draft.key(code),
        }
    }

    /// Reacts to a key.
    pub(crate) fn handle(&mut self, _key: KeyEvent, command: Option<Command>) -> Step {
        let Some(command) = command else {
            return Step::Stay;
        };
        if self.at_the_last_table() {
            if command == Command::Confirm {
                self.end_seen = true;
            } else {
                self.handle_table(command);
            }
            return Step::Stay;
        }
        if let Some(seat) = self.reflection_handover() {
            if command == Command::Confirm {
                self.reflection_seat = Some(seat);
            }
            return Step::Stay;
        }
        if self.session().game().outcome().is_some() {
            return self.handle_debrief(command);
        }
        if self.curtain.is_some() {
            // The person who just passed the keyboard may still take their move back.
            if command == Command::Undo
                && let Some(seat) = self.undo_behind_curtain()
            {
                let undone = self.session().undo_before_handover(seat);
                self.notice = Some(match undone {
                    Ok(()) => {
                        self.curtain = None;
                        self.shown = Viewer::Seat(seat);
                        self.ui = TableUi::default();
                        format!("{seat}'s last action was taken back.")
                    }
                    Err(e) => format!("Nothing to undo: {e}."),
                });
                return Step::Stay;
            }
            if command == Command::Confirm
                && let Some(seat) = self.curtain.take()
            {
                let briefed = self.session().was_briefed(seat);
                self.brief_open = !briefed;
            }
            return Step::Stay;
        }
        if self.brief_open {
            match command {
                Command::Confirm | Command::Back | Command::Brief => {
                    self.brief_open = false;
                    self.brief_scroll = 0;
                    if let Viewer::Seat(seat) = self.shown {
                        self.session().mark_briefed(seat);
                    }
                }
                // ↑↓ a few lines, PgUp/PgDn about a screenful.
                Command::Down | Command::PageDown => {
                    let step = if command == Command::Down { 3 } else { 15 };
                    self.brief_scroll = (self.brief_scroll + step).min(self.brief_max.get())
                }
                Command::Up | Command::PageUp => {
                    let step = if command == Command::Up { 3 } else { 15 };
                    self.brief_scroll = self
                        .brief_scroll
                        .min(self.brief_max.get())
                        .saturating_sub(step)
                }
                Command::Home => self.brief_scroll = 0,
                Command::End => self.brief_scroll = self.brief_max.get(),
                _ => {}
            }
            return Step::Stay;
        }
        if self.ui.picker.is_some() {
            self.handle_picker(command);
            return Step::Stay;
        }
        if !self.ui.prompt_hidden
            && let Some(prompt) = self.decision_prompt()
        {
            let n = prompt.options.len().max(1);
            match command {
                Command::Up => self.ui.prompt = (self.ui.prompt + n - 1) % n,
                Command::Down => self.ui.prompt = (self.ui.prompt + 1) % n,
                Command::Confirm => {
                    if let Some((_, action)) = prompt.options.get(self.ui.prompt) {
                        self.act(*action);
                    }
                }
                Command::Back => self.ui.prompt_hidden = true,
                Command::Undo => self.undo(),
                Command::Brief => self.brief_open = true,
                _ => {}
            }
            return Step::Stay;
        }
        self.handle_table(command);
        Step::Stay
    }

    fn handle_picker(&mut self, command: Command) {
        let Some(picker) = &mut self.ui.picker else {
            return;
        };
        let n = picker.options.len().max(1);
        match command {
            Command::Up => picker.selected = (picker.selected + n - 1) % n,
            Command::Down => picker.selected = (picker.selected + 1) % n,
            Command::Confirm => {
                if let Some((_, action)) = picker.options.get(picker.selected) {
                    let action = *action;
                    self.act(action);
                }
            }
            Command::Back => self.ui.picker = None,
            _ => {}
        }
    }

    fn handle_table(&mut self, command: Command) {
        let view = self.view();
        let selected = (self.ui.focus, self.ui.hand, self.ui.board);
        let (hand_len, board_len) = (view.own_hand().len(), board::items(&view).len());
        let log_focused = self.ui.focus == Panel::Log;
        match command {
            Command::NextPanel => self.ui.focus = self.ui.focus.next(),
            Command::PrevPanel => self.ui.focus = self.ui.focus.prev(),
            Command::Up | Command::Down => {
                let down = command == Command::Down;
                match self.ui.focus {
                    Panel::Hand => self.ui.hand = step(self.ui.hand, view.own_hand().len(), down),
                    Panel::Table => {
                        self.ui.board = step(self.ui.board, board::items(&view).len(), down)
                    }
                    Panel::Log => self.scroll_log(if down { -1 } else { 1 }),
                }
            }
            Command::PageUp if log_focused => self.scroll_log(self.log_page()),
            Command::PageDown if log_focused => self.scroll_log(-self.log_page()),
            Command::PageUp => self.scroll_detail(-3),
            Command::PageDown => self.scroll_detail(3),
            Command::Home | Command::End => {
                let start = command == Command::Home;
                match self.ui.focus {
                    Panel::Log if start => self.scroll_log(isize::MAX),
                    Panel::Log => self.ui.log_scroll = 0,
                    Panel::Hand => {
                        self.ui.hand = if start { 0 } else { hand_len.saturating_sub(1) }
                    }
                    Panel::Table => {
                        self.ui.board = if start {
                            0
                        } else {
                            board_len.saturating_sub(1)
                        }
                    }
                }
            }
            Command::Confirm => match self.ui.focus {
                _ if self.ui.prompt_hidden && self.decision_prompt().is_some() => {
                    self.ui.prompt_hidden = false
                }
                Panel::Hand => self.use_card(),
                Panel::Table => self.use_item(),
                Panel::Log => {}
            },
            Command::Pass => self.simple(|seat| Action::Pass { seat }, "pass"),
            Command::TableAccord => self.table_accord(),
            Command::Undo => self.undo(),
            Command::Save => self.save(),
            Command::Brief => self.brief_open = true,
            _ => {}
        }
        if (self.ui.focus, self.ui.hand, self.ui.board) != selected {
            // A new selection: its details from the top, without the last message; leaving
            // the log makes it follow the newest lines again.
            self.ui.detail_scroll = 0;
            self.notice = None;
            if self.ui.focus != Panel::Log {
                self.ui.log_scroll = 0;
            }
        }
    }

    /// A page of log: the rows on screen, less one kept for context.
    fn log_page(&self) -> isize {
        isize::try_from(self.limits.get().log_page).unwrap_or(5)
    }

    /// Scrolls the log back (positive) or forward (negative) by rows, within its length.
    fn scroll_log(&mut self, by: isize) {
        let limit = self.limits.get().log;
        self.ui.log_scroll = self
            .ui
            .log_scroll
            .min(limit)
            .saturating_add_signed(by)
            .min(limit);
    }

    /// Scrolls the details panel down (positive) or up (negative) by rows, within its text.
    fn scroll_detail(&mut self, by: i16) {
        let limit = self.limits.get().detail;
        self.ui.detail_scroll = self
            .ui
            .detail_scroll
            .min(limit)
            .saturating_add_signed(by)
            .min(limit);
    }

    fn simple(&mut self, make: impl Fn(Seat) -> Action, what: &str) {
        let Some(seat) = self.actor() else {
            self.notice = Some(format!("You cannot {what} now: it is not your turn."));
            return;
        };
        let action = make(seat);
        if self.legal().contains(&action) {
            self.act(action);
        } else {
            self.notice = Some(format!("You cannot {what} now."));
        }
    }

    fn table_accord(&mut self) {
        if self.shown != Viewer::Seat(Seat::Mediator) {
            self.notice = Some("Only the mediator can table the accord.".into());
            return;
        }
        if let Some(seat) = self.actor()
            && seat == Seat::Mediator
            && !self.legal().contains(&Action::TableAccord { seat })
        {
            let why = self
                .session()
                .game()
                .accord_not_ready()
                .unwrap_or_else(|| "not now".into());
            self.notice = Some(format!("The accord cannot be tabled: {why}."));
            return;
        }
        let Some(seat) = self.actor().filter(|&s| s == Seat::Mediator) else {
            self.notice = Some("You cannot table the accord now: it is not your turn.".into());
            return;
        };
        // A refusal costs, so the mediator sees what is at stake before tabling it.
        let view = self.view();
        let rules = &view.scenario.rules;
        let agreed: Vec<String> = Basket::ALL
            .iter()
            .filter(|b| view.baskets[b.index()].is_agreed())
            .map(|b| b.to_string())
            .collect();
        let trust = view.meters.get(Meter::Trust);
        let verified = view.baskets[Basket::Verification.index()].is_agreed();
        let kind = if trust >= rules.durable_trust && verified {
            format!(
                "signed as things stand it is a durable peace (Trust {trust} ≥ {} and \
                 Verification agreed)",
                rules.durable_trust
            )
        } else if verified {
            format!(
                "signed as things stand it is a fragile accord (Trust {trust}: a durable peace \
                 needs {})",
                rules.durable_trust
            )
        } else {
            "signed as things stand it is a fragile accord (a durable peace needs Verification \
             agreed)"
                .to_string()
        };
        self.ui.picker = Some(Picker {
            title: "Table the accord".into(),
            intro: format!(
                "Agreed: {}. Both delegations vote now; {kind}. If either refuses, Trust −{cost} \
                 and Credibility −{cost}. Esc: not yet.",
                agreed.join(", "),
                cost = rules.refused_accord_trust
            ),
            options: vec![(
                "Table the accord for signature".to_string(),
                Action::TableAccord { seat },
            )],
            selected: 0,
        });
    }

    fn undo(&mut self) {
        let humans = self.session().humans();
        let Some(seat) = humans
            .into_iter()
            .find(|s| Viewer::Seat(*s) == self.shown && self.session().check_undo(*s).is_ok())
        else {
            let why = match self.shown {
                Viewer::Seat(seat) => self
                    .session()
                    .check_undo(seat)
                    .err()
                    .map_or_else(String::new, |e| e.to_string()),
                _ => "only a person in a seat can undo".to_string(),
            };
            self.notice = Some(format!("Nothing to undo: {why}."));
            return;
        };
        self.act(Action::Undo { seat });
        if self.notice.is_none() {
            self.notice = Some("Your last action was taken back.".into());
        }
    }

    fn save(&mut self) {
        if self.role == Role::Remote {
            self.notice =
                Some("The server saves this game after every move: nothing is lost.".into());
            return;
        }
        let saved = self.session().save();
        self.notice = Some(match saved {
            Ok(path) => format!("Saved to {}.", path.display()),
            Err(e) => format!("Could not save: {e}"),
        });
    }

    /// Enter on a card: play it when there is one way to, else offer the ways.
    fn use_card(&mut self) {
        let view = self.view();
        let Some(&card) = view.own_hand().get(self.ui.hand) else {
            return;
        };
        let name = view.scenario.cards[usize::from(card)].name.clone();
        let Some(seat) = self.actor() else {
            self.notice = Some(format!("{name}: wait for your turn."));
            return;
        };
        let mut ways: Vec<Action> = self
            .legal()
            .into_iter()
            .filter(|a| uses_card(a, card))
            .collect();
        // Meeting a demand first: played alone, an assurance agrees nothing.
        ways.sort_by_key(|a| !matches!(a, Action::Meet { .. }));
        match ways.as_slice() {
            [] => {
                let why = self
                    .session()
                    .game()
                    .card_block_reason(seat, card)
                    .unwrap_or_else(|| "not now".to_string());
                self.notice = Some(format!("{name} cannot be played: {why}."));
            }
            // A card aimed at a table item asks first, even with one target, so its effect
            // on that item (a new credibility, monitors) is seen before it is played.
            [only]
                if !matches!(
                    only,
                    Action::Play {
                        target: Some(_),
                        ..
                    }
                ) =>
            {
                self.act(*only)
            }
            _ => {
                self.ui.picker = Some(Picker {
                    title: name.clone(),
                    intro: format!("How do you play {name}?"),
                    options: ways
                        .iter()
                        .map(|a| (words::action_in(self.session().game(), a), *a))
                        .collect(),
                    selected: 0,
                })
            }
        }
    }

    /// Enter on a demand or commitment: offer what can be done with it.
    /// Whether the selected hand card can be used now (Enter would do something).
    fn selected_card_playable(&self) -> bool {
        let view = self.view();
        view.own_hand()
            .get(self.ui.hand)
            .is_some_and(|&card| self.legal().iter().any(|a| uses_card(a, card)))
    }

    /// Whether some action can be taken on the selected table item now.
    fn selected_item_usable(&self) -> bool {
        let view = self.view();
        board::items(&view)
            .get(self.ui.board)
            .is_some_and(|item| !self.actions_on(item.id()).is_empty())
    }

    /// The legal actions aimed at table item `id`: answers to a demand, cards played on it.
    fn actions_on(&self, id: crate::engine::TableId) -> Vec<Action> {
        self.legal()
            .into_iter()
            .filter(|a| match *a {
                Action::Meet { demand, .. }
                | Action::Counter { demand, .. }
                | Action::Reject { demand, .. } => demand == id,
                Action::Play { target, .. } => target == Some(id),
                _ => false,
            })
            .collect()
    }

    fn use_item(&mut self) {
        let view = self.view();
        let Some(item) = board::items(&view).get(self.ui.board).copied() else {
            return;
        };
        let id = item.id();
        let ways = self.actions_on(id);
        if ways.is_empty() {
            self.notice = Some(format!(
                "Nothing you can do with {} now.",
                words::table_item(&view, id)
            ));
            return;
        }
        let mut intro = words::table_item(&view, id);
        // A demand on this seat that it cannot meet: say what meeting it would take.
        let demand = view.demands.iter().find(|d| d.id == id);
        let can_meet = ways.iter().any(|a| matches!(a, Action::Meet { .. }));
        if let Some(d) = demand.filter(|d| Some(d.to) == self.actor() && !can_meet) {
            intro.push_str(&format!(
                "\n\nTo meet it you need an assurance in {} that you can play now (in your \
                 hand, with the capital for it).",
                d.basket
            ));
        }
        self.ui.picker = Some(Picker {
            title: format!("#{id}"),
            intro,
            options: ways
                .iter()
                .map(|a| (words::action_in(self.session().game(), a), *a))
                .collect(),
            selected: 0,
        });
    }

    /// Scrolls the debrief down by `lines`, stopping at its end.
    fn scroll_debrief(&mut self, lines: u16) {
        self.debrief_scroll = (self.debrief_scroll + lines).min(self.debrief_max.get());
    }

    fn handle_debrief(&mut self, command: Command) -> Step {
        match command {
            Command::Down => self.scroll_debrief(1),
            Command::Up => self.debrief_scroll = self.debrief_scroll.saturating_sub(1),
            Command::PageDown => self.scroll_debrief(10),
            Command::PageUp => self.debrief_scroll = self.debrief_scroll.saturating_sub(10),
            Command::Home => self.debrief_scroll = 0,
            Command::End => self.debrief_scroll = self.debrief_max.get(),
            // Over ssh there is no title screen to go back to: only q leaves (and asks).
            Command::Confirm | Command::Back if self.role == Role::Local => return Step::Title,
            Command::Rematch if self.role == Role::Local => {
                let session = self.session().rematch();
                let mut play = Play::with_session(session, self.speed);
                // At one keyboard nothing on screen shows the seats moved: say who goes where.
                play.notice = Some(
                    "Rematch, seats rotated: Pakistan's player now argues Afghanistan's case, \
                     Afghanistan's the mediators', the mediators' Pakistan's. Same seed: the \
                     same events and secret objectives."
                        .to_string(),
                );
                return Step::Play(Box::new(play));
            }
            _ => {}
        }
        Step::Stay
    }

    /// Reacts to the mouse: clicks select and use cards, table items, options and buttons;
    /// the wheel scrolls the log.
    pub(crate) fn mouse(&mut self, mouse: MouseEvent, area: Rect) -> Step {
        match mouse.kind {
            MouseEventKind::ScrollUp => {
                self.scroll_log(1);
                self.debrief_scroll = self.debrief_scroll.saturating_sub(1);
                return Step::Stay;
            }
            MouseEventKind::ScrollDown => {
                self.scroll_log(-1);
                self.scroll_debrief(1);
                return Step::Stay;
            }
            MouseEventKind::Down(MouseButton::Left) => {}
            _ => return Step::Stay,
        }
        let (x, y) = (mouse.column, mouse.row);
        if self.session().game().outcome().is_some() || self.curtain.is_some() || self.brief_open {
            return self.handle(KeyEvent::from(KeyCode::Enter), Some(Command::Confirm));
        }
        // The footer's buttons work even while a prompt is open.
        {
            let view = self.view();
            let areas = table::layout(area, table::hand_rows(&view), self.ui.focus);
            if let Some(command) = table::footer_hit(&areas, &self.footer(), x, y) {
                return match command {
                    Command::Quit => Step::AskQuit,
                    Command::Help => Step::Help,
                    _ => self.handle(KeyEvent::from(KeyCode::Null), Some(command)),
                };
            }
        }
        let picker = self.ui.picker.clone().or_else(|| {
            (!self.ui.prompt_hidden)
                .then(|| self.decision_prompt())
                .flatten()
        });
        if let Some(picker) = picker {
            let menu = table::picker_layout(area, &picker);
            match hit(&menu.rows, x, y) {
                Some(i) => {
                    if self.ui.picker.is_some() {
                        if let Some(p) = &mut self.ui.picker {
                            p.selected = i;
                        }
                    } else {
                        self.ui.prompt = i;
                    }
                    return self.handle(KeyEvent::from(KeyCode::Enter), Some(Command::Confirm));
                }
                None if !menu.area.contains(Position::new(x, y)) => {
                    if self.ui.picker.is_some() {
                        self.ui.picker = None;
                    } else {
                        self.ui.prompt_hidden = true;
                    }
                }
                None => {}
            }
            return Step::Stay;
        }
        let view = self.view();
        let areas = table::layout(area, table::hand_rows(&view), self.ui.focus);
        if let Some(i) = table::hand_hit(&areas, self.ui.hand, view.own_hand().len(), x, y) {
            let again = self.ui.focus == Panel::Hand && self.ui.hand == i;
            self.ui.focus = Panel::Hand;
            self.ui.hand = i;
            self.ui.detail_scroll = 0;
            self.ui.log_scroll = 0;
            if again {
                self.use_card();
            }
        } else if let Some(i) = table::table_hit(&areas, &view, self.ui.board, x, y) {
            let again = self.ui.focus == Panel::Table && self.ui.board == i;
            self.ui.focus = Panel::Table;
            self.ui.board = i;
            self.ui.detail_scroll = 0;
            self.ui.log_scroll = 0;
            if again {
                self.use_item();
            }
        } else if areas.log.contains(Position::new(x, y)) {
            self.ui.focus = Panel::Log;
        }
        Step::Stay
    }

    /// The buttons in the footer for the current state.
    pub(crate) fn footer(&self) -> Vec<(String, Command)> {
        let mut buttons = Vec::new();
        if self.brief_open {
            buttons.push((
                keys::hint(Command::Confirm, "close the brief"),
                Command::Confirm,
            ));
            buttons.push((keys::button(Command::Help), Command::Help));
            buttons.push((keys::button(Command::Quit), Command::Quit));
            return buttons;
        }
        if self.at_the_last_table() {
            buttons.push((keys::hint(Command::Confirm, "results"), Command::Confirm));
        } else if self.ui.picker.is_some() {
            buttons.push((keys::button(Command::Confirm), Command::Confirm));
            buttons.push((keys::hint(Command::Back, "cancel"), Command::Back));
            buttons.push((keys::button(Command::Help), Command::Help));
            buttons.push((keys::button(Command::Quit), Command::Quit));
            return buttons;
        } else if self.session().paused() {
            // Nothing can be played until the facilitator resumes the table.
        } else if let Some(seat) = self.actor() {
            let prompt = self.decision_prompt().is_some();
            if prompt && self.ui.prompt_hidden {
                buttons.push((
                    keys::hint(Command::Confirm, "back to the question"),
                    Command::Confirm,
                ));
            } else if prompt {
                buttons.push((keys::button(Command::Confirm), Command::Confirm));
                buttons.push((
                    keys::hint(Command::Back, "look at the table"),
                    Command::Back,
                ));
            } else {
                let enter = match self.ui.focus {
                    Panel::Hand if self.selected_card_playable() => Some("play"),
                    Panel::Table if self.selected_item_usable() => Some("act on it"),
                    _ => None,
                };
                if let Some(enter) = enter {
                    buttons.push((keys::hint(Command::Confirm, enter), Command::Confirm));
                }
                buttons.push((keys::button(Command::Pass), Command::Pass));
                let accord = Action::TableAccord { seat };
                if seat == Seat::Mediator && self.legal().contains(&accord) {
                    buttons.push((keys::button(Command::TableAccord), Command::TableAccord));
                }
            }
        }
        if let Viewer::Seat(seat) = self.shown {
            if self.session().check_undo(seat).is_ok() {
                buttons.push((keys::button(Command::Undo), Command::Undo));
            }
            buttons.push((keys::button(Command::Brief), Command::Brief));
        }
        if let Some(back) = &self.back_button {
            buttons.push((back.clone(), Command::Back));
        }
        buttons.push((keys::button(Command::NextPanel), Command::NextPanel));
        buttons.push((keys::button(Command::Help), Command::Help));
        buttons.push((keys::button(Command::Quit), Command::Quit));
        buttons
    }

    /// Draws the table, the curtain, the brief or the end screen.
    pub fn draw(&self, frame: &mut Frame, theme: Theme) {
        if self.session().game().outcome().is_some() && !self.at_the_last_table() {
            if let Some(seat) = self.reflection_handover() {
                table::draw_curtain(frame, seat, &format!("{seat}'s reflection"), None, theme);
            } else if let Some((seat, prompt, index, total)) = self.reflecting() {
                debrief::draw_reflection(frame, seat, &prompt, (index, total), &self.draft, theme);
            } else {
                let rematch = self.session().rematch_table();
                let scroll = format!("{} scroll", keys::pair(Command::Up, Command::Down));
                let leave = keys::hint(Command::Quit, "leave");
                let keys = match (self.role, rematch, self.shown) {
                    (Role::Local, _, _) => format!(
                        " {scroll} · {} · {} · {} ",
                        keys::hint(Command::Rematch, "rematch, seats rotated"),
                        keys::hint(Command::Confirm, "title"),
                        keys::button(Command::Quit)
                    ),
                    (Role::Remote, Some(id), Viewer::Seat(seat)) => format!(
                        " Rematch open: log in as {}.{id}@ · {scroll} · {leave} ",
                        crate::table::rotated(seat).key()
                    ),
                    (Role::Remote, Some(id), _) => {
                        format!(" Rematch open as table {id} · {scroll} · {leave} ")
                    }
                    (Role::Remote, None, _) => format!(" {scroll} · {leave} "),
                };
                let max = debrief::draw(frame, &self.session(), self.debrief_scroll, &keys, theme);
                self.debrief_max.set(max);
            }
            return;
        }
        if let Some(seat) = self.curtain {
            let shows = format!("{seat}'s hand and secret objective");
            table::draw_curtain(frame, seat, &shows, self.undo_behind_curtain(), theme);
            return;
        }
        let view = self.view();
        let legal = self.legal();
        let actor = self.actor();
        let footer = self.footer().into_iter().map(|(label, _)| label).collect();
        let prompt = (!self.ui.prompt_hidden)
            .then(|| self.decision_prompt())
            .flatten();
        let session = self.session();
        let game = session.game();
        let away: Vec<String> = session
            .away()
            .iter()
            .map(|seat| format!("{seat} is away: waiting for them to reconnect."))
            .chain(
                session
                    .open_seats()
                    .iter()
                    .map(|seat| format!("{seat}'s seat is open: waiting for someone to take it.")),
            )
            .collect();
        let clock = session
            .deadline()
            .filter(|_| session.human_to_act().is_some())
            .map(|at| at.saturating_duration_since(Instant::now()).as_secs());
        let notice = if let Some(outcome) = game.outcome() {
            Some(format!(
                "■ The talks are over: {outcome}. Look back at the table and the log; {}: results.",
                keys::key(Command::Confirm)
            ))
        } else if session.paused() {
            Some("⏸ PAUSED by the facilitator: wait for the table to resume.".to_string())
        } else {
            // A save that keeps failing is said until it works again.
            let unsaved = session
                .save_status()
                .filter(|s| matches!(s, SaveStatus::Failed(_)));
            match (&self.notice, unsaved, away.is_empty()) {
                (Some(notice), ..) => Some(notice.clone()),
                (None, Some(unsaved), _) => Some(format!("This game is {unsaved}.")),
                (None, None, false) => Some(away.join(" ")),
                (None, None, true) => None,
            }
        };
        let since = match self.shown {
            Viewer::Seat(seat) => session.meters_at_last_action(seat),
            _ => view.meter_history.last().copied().unwrap_or(view.meters),
        };
        let blocks: Vec<bool> = match self.shown {
            Viewer::Seat(seat) => view
                .own_hand()
                .iter()
                .map(|&card| match actor {
                    _ if game.outcome().is_some() => true,
                    Some(_) => !legal.iter().any(|a| uses_card(a, card)),
                    None => game.card_block(seat, card).is_some(),
                })
                .collect(),
            _ => Vec::new(),
        };
        let block_reason = match self.shown {
            Viewer::Seat(seat) => view
                .own_hand()
                .get(self.ui.hand)
                .and_then(|&card| game.card_block_reason(seat, card)),
            _ => None,
        };
        let moved = match self.shown {
            Viewer::Seat(seat) => game
                .actions()
                .iter()
                .any(|a| !a.is_inject() && a.seat() == seat),
            _ => true,
        };
        let data = table::TableData {
            view: &view,
            since,
            moved,
            blocked: &blocks,
            block_reason,
            log: game.log(),
            reasons: session.reasons(),
            players: session.players(),
            actor,
            notice: notice.as_deref(),
            paused: session.paused(),
            clock_left: clock,
            footer,
        };
        self.limits.set(table::draw(frame, &data, &self.ui, theme));
        if self.brief_open {
            // "Enter to begin" only the first time; a reopened brief just closes.
            let first = match view.viewer {
                Viewer::Seat(seat) => !session.was_briefed(seat),
                _ => false,
            };
            let max = table::draw_brief(frame, &view, self.brief_scroll, first, theme);
            self.brief_max.set(max);
        } else if let Some(picker) = &self.ui.picker {
            let keys = format!(
                "{} · {}",
                keys::button(Command::Confirm),
                keys::hint(Command::Back, "cancel")
            );
            table::draw_picker(frame, picker, &keys, theme);
        } else if let Some(prompt) = prompt {
            // A message (say, why undo did nothing) shows on the prompt, not hidden behind it.
            let keys = format!(
                "{} · {}",
                keys::button(Command::Confirm),
                keys::hint(Command::Back, "look at the table")
            );
            table::draw_picker(
                frame,
                &prompt,
                self.notice.as_deref().unwrap_or(&keys),
                theme,
            );
        }
    }
}

/// Whether `action` puts `card` into play.
fn uses_card(action: &Action, card: crate::engine::CardId) -> bool {
    match *action {
        Action::Play { card: c, .. }
        | Action::Meet { card: c, .. }
        | Action::Counter { card: c, .. } => c == card,
        _ => false,
    }
}

fn step(at: usize, len: usize, down: bool) -> usize {
    if len == 0 {
        0
    } else if down {
        (at + 1) % len
    } else {
        (at + len - 1) % len
    }
}
