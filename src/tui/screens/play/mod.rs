//! A game in play: the [`Play`] screen's state (whose eyes it shows, the hot-seat curtain,
//! what is open over the table), who drives it ([`Role`]), and how a screen is made for a new,
//! loaded or shared game. The screen's jobs live beside this file: `flow` (bot turns, acting,
//! undo, save, notices), `choices` (prompts and pickers), `reflect` (reflections and the
//! debrief), `team` (a seat shared by a delegation: the pen and proposals), `talk` (the
//! message line and the talk pane), `input` (keys and clicks) and `view` (drawing and the
//! footer). This file holds
//! state and construction only: no drawing, no key handling, no game rules.

mod choices;
mod flow;
mod input;
mod recap;
mod reflect;
mod talk;
mod team;
mod tutorial;
mod view;

use super::table::{self, TableUi};
use crate::bot::Choice;
use crate::engine::{Action, Seat, Viewer};
use crate::save;
use crate::scenario::ScenarioSource;
use crate::table::{BotTurn, Controller, Session};
use crate::tui::app::{Options, Speed};
use crate::tui::widgets::draft::Draft;
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
    /// The last key only scrolled the box over the table (the brief, or the account of the
    /// others' moves): the table beneath it is as it was drawn.
    overlay_scrolled: bool,
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
    /// The guided tutorial this game is, if it is one.
    tutorial: Option<crate::tui::tutorial::Tutorial>,
    /// The account of what happened since the shown seat's last turn, when open.
    recap: Option<recap::RecapOpen>,
    /// The round whose account each seat was last shown unasked (0: none yet).
    recap_seen: [u8; 3],
    /// How far the account could scroll, and a page of it, when last drawn.
    recap_limits: Cell<(u16, u16)>,
    /// The login this screen is in its seat's delegation (a server's table): its moves go
    /// through the pen.
    member: Option<u64>,
    /// The login this screen's person came in as, over the server (for the table talk).
    login: Option<String>,
    /// How many messages each seat's viewer (then anyone else) has had in view.
    talk_read: Cell<[usize; 4]>,
    /// How many of the facilitator's messages to this viewer have been shown as a notice.
    facilitator_heard: usize,
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
        let (tutorial, notice) = match crate::tui::tutorial::Tutorial::of(&session) {
            Some(Ok(tutorial)) => (Some(tutorial), None),
            Some(Err(e)) => (
                None,
                Some(format!("The tutorial's steps cannot be read: {e}")),
            ),
            None => (None, None),
        };
        Play {
            curtain,
            brief_open,
            tutorial,
            notice,
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
            overlay_scrolled: false,
            notice: None,
            next_bot_at: None,
            thinking: None,
            debrief_scroll: 0,
            brief_scroll: 0,
            debrief_max: Cell::new(u16::MAX),
            brief_max: Cell::new(u16::MAX),
            limits: Cell::default(),
            draft: Draft::default(),
            tutorial: None,
            recap: None,
            recap_seen: [0; 3],
            recap_limits: Cell::new((u16::MAX, 10)),
            member: None,
            login: None,
            talk_read: Cell::new([0; 4]),
            facilitator_heard: 0,
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
        let mut play = Play {
            brief_open,
            ..Play::new(session, Role::Remote, viewer, speed)
        };
        // What the facilitator said before this screen opened is in the talk, not a notice.
        play.facilitator_heard = play.facilitator_words().0;
        play
    }

    /// Names the footer button (Esc) that goes back to whatever opened this screen.
    pub fn set_back_button(&mut self, label: impl Into<String>) {
        self.back_button = Some(label.into());
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
}

/// Whether `action` puts `card` into play.
fn uses_card(action: &Action, card: crate::engine::CardId) -> bool {
    match *action {
        Action::Play { card: c, .. }
        | Action::Meet { card: c, .. }
        | Action::Counter { card: c, .. }
        | Action::OfferPackage { card: c, .. }
        | Action::AnswerPackage { card: Some(c), .. } => c == card,
        _ => false,
    }
}

/// The index one down (or up) from `at` in a list of `len`, wrapping round; 0 when empty.
fn step(at: usize, len: usize, down: bool) -> usize {
    if len == 0 {
        0
    } else if down {
        (at + 1) % len
    } else {
        (at + len - 1) % len
    }
}
