//! The whole terminal UI as one value: which screen is showing, the overlays, and the game in
//! play. `handle` and `tick` update it; `draw` renders it and changes nothing. Time comes in
//! as an argument, so tests drive it without a clock or a terminal.

use super::keys::{self, Command, Commands, MenuCommand, ReplayCommand};
use super::screens::{self, Play, Replay, saves::SavesState, setup::SetupState, title::TitleState};
use super::theme::Theme;
use crate::engine::{Seat, Viewer};
use ratatui::crossterm::event::{
    Event, KeyCode, KeyEvent, MouseButton, MouseEvent, MouseEventKind,
};
use ratatui::prelude::*;
use std::path::PathBuf;
use std::str::FromStr;
use std::time::{Duration, Instant};

/// The smallest terminal the game draws in.
pub const MIN_SIZE: (u16, u16) = (80, 24);

/// How fast bots' moves appear.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Speed {
    /// No pause between moves.
    Instant,
    /// A short pause.
    Fast,
    /// Time to read each move.
    #[default]
    Normal,
}

impl Speed {
    /// Every speed, fastest first.
    pub const ALL: [Speed; 3] = [Speed::Instant, Speed::Fast, Speed::Normal];

    /// The pause after each bot move.
    pub fn delay(self) -> Duration {
        Duration::from_millis(match self {
            Speed::Instant => 0,
            Speed::Fast => 250,
            Speed::Normal => 900,
        })
    }

    /// The name used on the command line.
    pub fn key(self) -> &'static str {
        match self {
            Speed::Instant => "instant",
            Speed::Fast => "fast",
            Speed::Normal => "normal",
        }
    }
}

impl FromStr for Speed {
    type Err = String;
    fn from_str(s: &str) -> Result<Speed, String> {
        Speed::ALL
            .into_iter()
            .find(|speed| speed.key() == s)
            .ok_or_else(|| format!("unknown speed `{s}`: choose instant, fast or normal"))
    }
}

/// Settings that outlive one game.
#[derive(Clone, Debug)]
pub struct Options {
    /// Where games are autosaved (`None`: not saved).
    pub saves_dir: Option<PathBuf>,
    /// How fast bots' moves appear.
    pub speed: Speed,
    /// Colours or none.
    pub theme: Theme,
}

/// Which screen is showing.
pub(crate) enum Screen {
    Title(TitleState),
    Setup(SetupState),
    Saves(SavesState),
    Play(Box<Play>),
    Replay(Box<Replay>),
}

/// What a screen asks the app to do after an input.
pub(crate) enum Step {
    /// Nothing more.
    Stay,
    /// Show the title screen.
    Title,
    /// Show the new-game screen.
    Setup,
    /// Show the saved games.
    Saves,
    /// Start playing.
    Play(Box<Play>),
    /// Ask whether to quit.
    AskQuit,
    /// Show the keys.
    Help,
}

/// What a key asks of the app rather than of the screen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Asked {
    Yes,
    No,
    Back,
    Quit,
    Help,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Overlay {
    None,
    Help,
    ConfirmQuit,
}

/// The terminal UI.
pub struct App {
    screen: Screen,
    overlay: Overlay,
    options: Options,
    quit: bool,
    area: Rect,
    remote: bool,
    /// Quitting goes back to the server's lobby rather than closing the connection.
    to_lobby: bool,
    /// The help's tab and scroll at a game (Keys or Rules).
    help: screens::rules::HelpState,
    /// The last event only scrolled the box on top of a game (see
    /// [`App::only_an_overlay_scrolled`]).
    overlay_only: bool,
}

impl App {
    /// Opens on the title screen.
    pub fn new(options: Options) -> App {
        App {
            screen: Screen::Title(TitleState::default()),
            overlay: Overlay::None,
            options,
            quit: false,
            area: Rect::new(0, 0, MIN_SIZE.0, MIN_SIZE.1),
            remote: false,
            to_lobby: false,
            help: screens::rules::HelpState::new(),
            overlay_only: false,
        }
    }

    /// Opens straight into a game.
    pub fn playing(options: Options, play: Play, now: Instant) -> App {
        let mut app = App::new(options);
        app.screen = Screen::Play(Box::new(play));
        app.after_change(now);
        app
    }

    /// One connection's window on a shared table (the server): there is no title screen, so
    /// leaving the game ends the connection.
    pub fn remote(options: Options, play: Play) -> App {
        let mut app = App::new(options);
        app.screen = Screen::Play(Box::new(play));
        app.remote = true;
        app
    }

    /// Makes quitting (after the question) a way back to the lobby this table was picked in;
    /// the question says so.
    pub fn quits_to_lobby(mut self) -> App {
        self.to_lobby = true;
        self
    }

    /// The game in play, mutably (a server refreshes it when the table changes).
    pub fn play_mut(&mut self) -> Option<&mut Play> {
        match &mut self.screen {
            Screen::Play(play) => Some(play),
            _ => None,
        }
    }

    /// Opens the replay viewer on a save.
    pub fn replaying(options: Options, replay: Replay) -> App {
        let mut app = App::new(options);
        app.screen = Screen::Replay(Box::new(replay));
        app
    }

    /// The replay being viewed, if any.
    pub fn replay(&self) -> Option<&Replay> {
        match &self.screen {
            Screen::Replay(replay) => Some(replay),
            _ => None,
        }
    }

    /// Whether the player has asked to leave.
    pub fn should_quit(&self) -> bool {
        self.quit
    }

    /// The game in play, if any.
    pub fn play(&self) -> Option<&Play> {
        match &self.screen {
            Screen::Play(play) => Some(play),
            _ => None,
        }
    }

    /// When the app next wants `tick` without any input (a bot's move is due); `None` when
    /// it is waiting for a person.
    pub fn wake_at(&self) -> Option<Instant> {
        match (&self.screen, self.overlay) {
            (Screen::Play(play), Overlay::None) => play.wake_at(),
            _ => None,
        }
    }

    /// Lets time pass: plays a bot's move when one is due.
    pub fn tick(&mut self, now: Instant) {
        if self.overlay != Overlay::None {
            return;
        }
        if let Screen::Play(play) = &mut self.screen {
            play.tick(now);
        }
    }

    /// Handles one input event.
    pub fn handle(&mut self, event: &Event, now: Instant) {
        self.overlay_only = false;
        let step = match event {
            Event::Key(key) => self.handle_key(*key),
            Event::Mouse(mouse) => self.handle_mouse(*mouse),
            _ => Step::Stay,
        };
        self.apply(step, now);
    }

    /// Whether the terminal is below [`MIN_SIZE`], so only the "resize me" message shows.
    fn too_small(&self) -> bool {
        self.area.width < MIN_SIZE.0 || self.area.height < MIN_SIZE.1
    }

    /// What a key asks of the app itself (quit, help, an answer) on the screen showing, read
    /// in that screen's keymap context.
    fn asked(&self, key: KeyEvent) -> Option<Asked> {
        fn general<C: Commands>(command: Option<C>) -> Option<Asked> {
            match command?.entry().name {
                "yes" => Some(Asked::Yes),
                "no" => Some(Asked::No),
                "back" => Some(Asked::Back),
                "quit" => Some(Asked::Quit),
                "help" => Some(Asked::Help),
                _ => None,
            }
        }
        match &self.screen {
            Screen::Play(_) => general(keys::command::<Command>(key)),
            Screen::Replay(_) => general(keys::command::<ReplayCommand>(key)),
            _ => general(keys::command::<MenuCommand>(key)),
        }
    }

    /// The keys of quit, yes and no on the screen showing, for the quit question.
    fn question_keys(&self) -> [String; 3] {
        use keys::key;
        match &self.screen {
            Screen::Play(_) => [key(Command::Quit), key(Command::Yes), key(Command::No)],
            Screen::Replay(_) => [
                key(ReplayCommand::Quit),
                key(ReplayCommand::Yes),
                key(ReplayCommand::No),
            ],
            _ => [
                key(MenuCommand::Quit),
                key(MenuCommand::Yes),
                key(MenuCommand::No),
            ],
        }
    }

    fn handle_key(&mut self, key: KeyEvent) -> Step {
        let asked = self.asked(key);
        if self.too_small() {
            // Nothing is on screen to act on, so no key may change the game unseen: only
            // quitting (asked and answered on the message itself) works.
            let pressed = key.kind != ratatui::crossterm::event::KeyEventKind::Release;
            return match (self.overlay, asked) {
                (Overlay::ConfirmQuit, Some(Asked::Yes)) => {
                    self.quit = true;
                    Step::Stay
                }
                (Overlay::ConfirmQuit, _) if pressed => {
                    self.overlay = Overlay::None;
                    Step::Stay
                }
                (_, Some(Asked::Quit)) => Step::AskQuit,
                _ => Step::Stay,
            };
        }
        if self.overlay == Overlay::None
            && let Screen::Play(play) = &mut self.screen
            && play.typing()
        {
            if key.code == KeyCode::Char('c')
                && key
                    .modifiers
                    .contains(ratatui::crossterm::event::KeyModifiers::CONTROL)
            {
                return Step::AskQuit;
            }
            if key.kind != ratatui::crossterm::event::KeyEventKind::Release {
                play.type_key(key);
            }
            return Step::Stay;
        }
        match self.overlay {
            Overlay::ConfirmQuit => {
                let ctrl_c = key.code == KeyCode::Char('c')
                    && key
                        .modifiers
                        .contains(ratatui::crossterm::event::KeyModifiers::CONTROL);
                match asked {
                    // Ctrl-C twice is a sure way out.
                    Some(Asked::Yes) => self.quit = true,
                    Some(Asked::Quit) if ctrl_c => self.quit = true,
                    Some(Asked::No | Asked::Back | Asked::Quit) => self.overlay = Overlay::None,
                    _ => {}
                }
                return Step::Stay;
            }
            Overlay::Help => {
                // At a game the help has tabs and scrolls; any other key closes it.
                let stays = matches!(self.screen, Screen::Play(_))
                    && self.help.handle(keys::command::<Command>(key));
                if key.kind != ratatui::crossterm::event::KeyEventKind::Release && !stays {
                    self.overlay = Overlay::None;
                }
                // The box keeps its size on both tabs: only what is in it changed.
                self.overlay_only = stays;
                return Step::Stay;
            }
            Overlay::None => {}
        }
        match asked {
            Some(Asked::Quit) => return Step::AskQuit,
            Some(Asked::Help) => {
                self.open_help();
                return Step::Stay;
            }
            _ => {}
        }
        let options = &self.options;
        match &mut self.screen {
            Screen::Title(state) => state.handle(keys::command(key), options),
            Screen::Setup(state) => state.handle(key, keys::command(key), options),
            Screen::Saves(state) => state.handle(keys::command(key), options),
            Screen::Play(play) => {
                let step = play.handle(key, keys::command(key));
                self.overlay_only = play.overlay_scrolled();
                step
            }
            Screen::Replay(replay) => replay.handle(keys::command(key)),
        }
    }

    /// Whether the last event handled changed nothing but how far the box on top of a game
    /// is scrolled (its brief, the account of the others' moves, or the help's Keys and
    /// Rules): everything beneath the box is as the last frame drew it, and
    /// [`App::draw_overlay_over`] may draw the next frame over that one.
    pub fn only_an_overlay_scrolled(&self) -> bool {
        self.overlay_only && !self.quit
    }

    /// Draws the box on top of a game — the help, or else the brief or the account of the
    /// others' moves — over `frame` when `frame` already holds the last frame drawn at this
    /// size and nothing beneath the box has changed since (the server keeps what each client
    /// shows, so a scroll key costs the box, not the table beneath it). Returns false,
    /// drawing nothing, when the screen is not a game with one of those boxes on top.
    pub fn draw_overlay_over(&self, frame: &mut Frame) -> bool {
        let area = frame.area();
        if area.width < MIN_SIZE.0 || area.height < MIN_SIZE.1 {
            return false;
        }
        let Screen::Play(play) = &self.screen else {
            return false;
        };
        let theme = self.options.theme;
        match self.overlay {
            Overlay::None => play.draw_overlay_over(frame, theme),
            Overlay::Help => {
                let scenario = play.session().game().scenario().clone();
                screens::rules::draw(frame, theme, self.help_for(), &self.help, &scenario);
                true
            }
            Overlay::ConfirmQuit => false,
        }
    }

    /// Which keys the help lists on the screen showing now.
    fn help_for(&self) -> screens::help::HelpFor {
        use screens::help::HelpFor;
        match (&self.screen, self.remote) {
            (Screen::Play(play), _) if !matches!(play.shown(), Viewer::Seat(_)) => {
                HelpFor::Watching
            }
            (Screen::Play(play), true) => {
                HelpFor::RemoteSeat(play.shown() == Viewer::Seat(Seat::Mediator))
            }
            (Screen::Play(play), false) => {
                HelpFor::LocalSeat(play.shown() == Viewer::Seat(Seat::Mediator))
            }
            _ => HelpFor::Menus,
        }
    }

    fn handle_mouse(&mut self, mouse: MouseEvent) -> Step {
        let area = self.area;
        if self.too_small() {
            return Step::Stay;
        }
        match self.overlay {
            Overlay::Help => {
                match mouse.kind {
                    MouseEventKind::Down(MouseButton::Left) => self.overlay = Overlay::None,
                    MouseEventKind::ScrollDown => self.help.wheel(true),
                    MouseEventKind::ScrollUp => self.help.wheel(false),
                    _ => {}
                }
                return Step::Stay;
            }
            Overlay::ConfirmQuit => return Step::Stay,
            Overlay::None => {}
        }
        let options = &self.options;
        match &mut self.screen {
            Screen::Title(state) => state.mouse(mouse, area, options),
            Screen::Setup(state) => state.mouse(mouse, area, options),
            Screen::Saves(state) => state.mouse(mouse, area, options),
            Screen::Play(play) => play.mouse(mouse, area),
            Screen::Replay(replay) => replay.mouse(mouse, area),
        }
    }

    fn apply(&mut self, step: Step, now: Instant) {
        if self.remote && matches!(step, Step::Title | Step::Setup | Step::Saves) {
            self.quit = true;
            return;
        }
        match step {
            Step::Stay => {}
            Step::Title => self.screen = Screen::Title(TitleState::default()),
            Step::Setup => self.screen = Screen::Setup(SetupState::new(&self.options)),
            Step::Saves => self.screen = Screen::Saves(SavesState::load(&self.options)),
            Step::Play(play) => self.screen = Screen::Play(play),
            Step::AskQuit => self.overlay = Overlay::ConfirmQuit,
            Step::Help => self.open_help(),
        }
        self.after_change(now);
    }

    /// Opens the help on its first tab, from the top.
    fn open_help(&mut self) {
        self.overlay = Overlay::Help;
        self.help = screens::rules::HelpState::new();
    }

    fn after_change(&mut self, now: Instant) {
        if let Screen::Play(play) = &mut self.screen {
            play.schedule(now);
        }
    }

    /// Tells the app the size it is drawn at (for mouse hit-testing before the next draw).
    pub fn resize(&mut self, area: Rect) {
        self.area = area;
    }

    /// Draws the current screen and overlays.
    pub fn draw(&self, frame: &mut Frame) {
        let area = frame.area();
        let theme = self.options.theme;
        if area.width < MIN_SIZE.0 || area.height < MIN_SIZE.1 {
            let asking = self.overlay == Overlay::ConfirmQuit;
            screens::small::draw(frame, theme, asking, self.question_keys());
            return;
        }
        match &self.screen {
            Screen::Title(state) => state.draw(frame, theme),
            Screen::Setup(state) => state.draw(frame, theme),
            Screen::Saves(state) => state.draw(frame, theme),
            Screen::Play(play) => play.draw(frame, theme),
            Screen::Replay(replay) => replay.draw(frame, theme),
        }
        match self.overlay {
            Overlay::None => {}
            Overlay::Help if matches!(self.screen, Screen::Replay(_)) => {
                screens::help::draw_replay(frame, theme)
            }
            Overlay::Help => match &self.screen {
                Screen::Play(play) => {
                    let scenario = play.session().game().scenario().clone();
                    screens::rules::draw(frame, theme, self.help_for(), &self.help, &scenario)
                }
                _ => screens::help::draw(frame, theme, self.help_for()),
            },
            Overlay::ConfirmQuit => {
                let note = match self.play() {
                    None => None,
                    Some(play) if self.remote && play.session().game().outcome().is_some() => {
                        Some("The game is over and saved on the server.")
                    }
                    Some(play) if self.remote && !matches!(play.shown(), Viewer::Seat(_)) => {
                        Some("The table plays on; log in again to watch it.")
                    }
                    Some(_) if self.to_lobby => {
                        Some("Your seat waits: pick it again in the lobby to go on.")
                    }
                    Some(_) if self.remote => Some("Your seat is kept: log in again to go on."),
                    Some(play) if play.session().game().outcome().is_some() => {
                        Some("The game is over (and saved, if saving is on).")
                    }
                    Some(play) if play.autosaves() => Some("Saved: continue it from the title."),
                    Some(_) => Some("This game is not being saved."),
                };
                let question = if self.to_lobby {
                    "Back to the lobby?"
                } else {
                    "Quit Ceasefire?"
                };
                let [_, yes, no] = self.question_keys();
                screens::help::draw_confirm_quit(frame, theme, question, (yes, no), note)
            }
        }
    }
}
