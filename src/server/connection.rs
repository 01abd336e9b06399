//! One SSH connection: authentication, its terminal (a fixed viewport the client's size,
//! written to the channel), and its screen — the lobby, or a window on one table's game for
//! the connection's seat. Input bytes become key events for the same UI as local play.

use super::dashboard::{Dashboard, Request};
use super::input::Input;
use super::lobby::{Choice, Lobby};
use super::tables::Table;
use super::{Access, Shared};
use crate::engine::{Seat, Viewer};
use crate::tui::keys::{self, Command, ConsoleCommand, MenuCommand};
use crate::tui::{App, MIN_SIZE, Options, Play, Speed, Theme};
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::event::Event;
use ratatui::layout::Rect;
use ratatui::{Terminal, TerminalOptions, Viewport};
use russh::keys::PublicKey;
use russh::server::{Auth, ChannelOpenHandle, Handle, Handler, Msg, Session};
use russh::{Channel, ChannelId, MethodKind, MethodSet, Pty};
use std::io::Write;
use std::sync::atomic::Ordering;
use std::sync::{Arc, Mutex};
use std::time::Instant;
use tokio::sync::mpsc::{UnboundedSender, unbounded_channel};

/// What a client's terminal needs to enter game mode: alternate screen, cleared (a terminal
/// left in it by a dropped connection keeps the old game's screen, which would show through
/// the cells the first frame leaves blank), hidden cursor, mouse.
const ENTER: &[u8] = b"\x1b[?1049h\x1b[2J\x1b[H\x1b[?25l\x1b[?1000h\x1b[?1002h\x1b[?1006h";
/// What leaves it clean: the game's screen cleared (tmux otherwise copies rows of it into
/// the shell's screen when the window grew meanwhile), mouse off, cursor shown, main screen
/// back.
pub const LEAVE: &[u8] = b"\x1b[2J\x1b[H\x1b[?1006l\x1b[?1002l\x1b[?1000l\x1b[?25h\x1b[?1049l";

/// What goes out to the client, in order, through the connection's one writer task.
pub enum Outgoing {
    /// Bytes for the terminal (a frame, or a sequence).
    Bytes(Vec<u8>),
    /// Leave the terminal clean, say goodbye (if there is something to say), then end the
    /// session: queued after every frame before it, so no frame can land on the client's
    /// screen after it has been restored.
    Leave(Option<String>),
}

/// Bytes for the client, gathered by the terminal and sent on flush.
pub struct Sink {
    buffer: Vec<u8>,
    sender: UnboundedSender<Outgoing>,
}

impl Write for Sink {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.buffer.extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        if !self.buffer.is_empty() {
            let bytes = std::mem::take(&mut self.buffer);
            self.sender
                .send(Outgoing::Bytes(bytes))
                .map_err(|_| std::io::Error::from(std::io::ErrorKind::BrokenPipe))?;
        }
        Ok(())
    }
}

type SshTerminal = Terminal<CrosstermBackend<Sink>>;

/// What the connection shows.
enum View {
    Lobby(Lobby),
    Dashboard(Dashboard),
    Game {
        app: Box<App>,
        table: Arc<Table>,
        /// Where it was opened from, and so where leaving goes.
        origin: Origin,
    },
}

/// Where a connection opened the table it shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Origin {
    /// Its user name (`pakistan.2@`): leaving ends the connection.
    Login,
    /// The lobby: leaving goes back to it.
    Lobby,
    /// The facilitator's console: Esc or q goes straight back to it.
    Console,
}

/// A connection's screen: its terminal and what it shows.
struct Screen {
    terminal: SshTerminal,
    view: View,
    theme: Theme,
    help: bool,
}

impl Screen {
    fn draw(&mut self, tables: &super::tables::Tables, user: &str) {
        let area = self.terminal.get_frame().area();
        let theme = self.theme;
        let _ = match &mut self.view {
            View::Game { app, .. } => {
                app.resize(area);
                self.terminal.draw(|frame| app.draw(frame))
            }
            View::Lobby(lobby) => {
                let help = self.help;
                self.terminal.draw(|frame| {
                    if frame.area().width < MIN_SIZE.0 || frame.area().height < MIN_SIZE.1 {
                        let quit = keys::key(MenuCommand::Quit);
                        let answers = [quit, String::new(), String::new()];
                        crate::tui::screens::small::draw(frame, theme, false, answers);
                    } else {
                        lobby.draw(frame, tables, user, theme);
                        if help {
                            crate::tui::screens::help::draw(
                                frame,
                                theme,
                                crate::tui::screens::help::HelpFor::Menus,
                            );
                        }
                    }
                })
            }
            View::Dashboard(console) => self.terminal.draw(|frame| {
                if frame.area().width < MIN_SIZE.0 || frame.area().height < MIN_SIZE.1 {
                    let quit = keys::key(ConsoleCommand::Quit);
                    let answers = [quit, String::new(), String::new()];
                    crate::tui::screens::small::draw(frame, theme, false, answers);
                } else {
                    console.draw(frame, tables, theme);
                }
            }),
        };
    }
}

/// The server side of one connection.
pub struct Connection {
    id: u64,
    shared: Arc<Shared>,
    user: String,
    channel: Option<ChannelId>,
    sender: Option<UnboundedSender<Outgoing>>,
    screen: Arc<Mutex<Option<Screen>>>,
    input: Input,
    watcher: Option<tokio::task::JoinHandle<()>>,
    ticker: Option<tokio::task::JoinHandle<()>>,
    idler: Option<tokio::task::JoinHandle<()>>,
    /// When the user last pressed a key.
    last_input: Arc<Mutex<std::time::Instant>>,
    no_color: bool,
    counted: bool,
}

impl Connection {
    /// A new connection, counted against the server's limit.
    pub fn new(id: u64, shared: Arc<Shared>) -> Connection {
        let counted = shared.connections.fetch_add(1, Ordering::SeqCst) < shared.max_connections;
        tracing::info!(conn = id, "connection opened");
        Connection {
            id,
            shared,
            user: String::new(),
            channel: None,
            sender: None,
            screen: Arc::new(Mutex::new(None)),
            input: Input::default(),
            watcher: None,
            ticker: None,
            idler: None,
            last_input: Arc::new(Mutex::new(std::time::Instant::now())),
            no_color: false,
            counted,
        }
    }

    fn send(&self, bytes: &[u8]) {
        if let Some(sender) = &self.sender {
            let _ = sender.send(Outgoing::Bytes(bytes.to_vec()));
        }
    }

    /// Ends the session with a one-line message (the terminal left clean first).
    fn refuse(&self, channel: ChannelId, message: &str, session: &mut Session) {
        let _ = session.data(channel, format!("ceasefire: {message}\r\n").into_bytes());
        let _ = session.exit_status_request(channel, 1);
        let _ = session.eof(channel);
        let _ = session.close(channel);
    }

    /// The user left: nothing more is drawn, and the writer task restores the terminal and
    /// ends the session once every frame already queued has gone out.
    fn leave(&mut self, channel: ChannelId, session: &mut Session) {
        if let Some(ticker) = self.ticker.take() {
            ticker.abort();
        }
        if let Some(watcher) = self.watcher.take() {
            watcher.abort();
        }
        *self.screen.lock().unwrap_or_else(|p| p.into_inner()) = None;
        if let Some(idler) = self.idler.take() {
            idler.abort();
        }
        match &self.sender {
            Some(sender) if sender.send(Outgoing::Leave(None)).is_ok() => {}
            _ => {
                let _ = session.data(channel, LEAVE.to_vec());
                let _ = session.exit_status_request(channel, 0);
                let _ = session.eof(channel);
                let _ = session.close(channel);
            }
        }
    }

    /// Opens what the user name asks for: a seat, the spectators' or facilitator's view of
    /// the first table, or the lobby.
    fn first_view(&mut self) -> Result<View, String> {
        if self.user == "facilitator" {
            return Ok(View::Dashboard(Dashboard::default()));
        }
        let Some((viewer, table)) = parse_user(&self.user) else {
            // A seat's name mistyped lands in the lobby too: say which name was meant.
            let name = self.user.split('.').next().unwrap_or_default();
            let known = [
                "pakistan",
                "afghanistan",
                "mediator",
                "watch",
                "facilitator",
            ]
            .map(String::from);
            let mut lobby = Lobby::default();
            if let Some(meant) = crate::scenario::closest(name, &known) {
                let rest = &self.user[name.len()..];
                lobby.notice = Some(format!(
                    "No seat is called {}: did you mean {meant}{rest}@? Log in again as that, \
                     or choose below.",
                    self.user
                ));
            }
            return Ok(View::Lobby(lobby));
        };
        let table = self
            .shared
            .tables
            .get(table)
            .ok_or_else(|| format!("there is no table {table} on this server"))?;
        self.sit(table, viewer)
    }

    fn sit(&mut self, table: Arc<Table>, viewer: Viewer) -> Result<View, String> {
        self.sit_from(table, viewer, Origin::Login)
    }

    /// Like [`Connection::sit`], for a table picked in `origin`.
    fn sit_from(
        &mut self,
        table: Arc<Table>,
        viewer: Viewer,
        origin: Origin,
    ) -> Result<View, String> {
        if let Viewer::Seat(seat) = viewer {
            table.claim(seat, self.id)?;
        }
        let options = Options {
            saves_dir: None,
            speed: Speed::Instant,
            theme: Theme::new(!self.no_color),
        };
        let play = Play::remote(table.session.clone(), viewer, Speed::Instant);
        let mut app = App::remote(options, play);
        if origin == Origin::Lobby {
            app = app.quits_to_lobby();
        }
        Ok(View::Game {
            app: Box::new(app),
            table,
            origin,
        })
    }

    /// Redraws this connection whenever its table changes.
    fn watch(&mut self, table: &Arc<Table>) {
        if let Some(old) = self.watcher.take() {
            old.abort();
        }
        let mut changes = table.watch();
        let screen = self.screen.clone();
        let shared = self.shared.clone();
        let user = self.user.clone();
        self.watcher = Some(tokio::spawn(async move {
            while changes.changed().await.is_ok() {
                let mut guard = screen.lock().unwrap_or_else(|p| p.into_inner());
                let Some(screen) = guard.as_mut() else {
                    continue;
                };
                if let View::Game { app, .. } = &mut screen.view
                    && let Some(play) = app.play_mut()
                {
                    play.refresh();
                }
                screen.draw(&shared.tables, &user);
            }
        }));
    }

    /// The console shows every table and how long each has been thinking: it redraws every
    /// second while it is on screen.
    fn tick_console(&mut self) {
        let screen = self.screen.clone();
        let shared = self.shared.clone();
        let user = self.user.clone();
        self.ticker = Some(tokio::spawn(async move {
            loop {
                tokio::time::sleep(std::time::Duration::from_secs(1)).await;
                let mut guard = screen.lock().unwrap_or_else(|p| p.into_inner());
                if let Some(screen) = guard.as_mut()
                    && matches!(screen.view, View::Dashboard(_))
                {
                    screen.draw(&shared.tables, &user);
                }
            }
        }));
    }

    /// Closes the connection once no key has been pressed for the server's idle time; a seat
    /// is kept for its player, as when a link drops.
    fn close_when_idle(&mut self) {
        let (Some(sender), limit) = (self.sender.clone(), self.shared.idle_timeout) else {
            return;
        };
        let last_input = self.last_input.clone();
        let check = (limit / 4).clamp(
            std::time::Duration::from_secs(1),
            std::time::Duration::from_secs(30),
        );
        self.idler = Some(tokio::spawn(async move {
            loop {
                tokio::time::sleep(check).await;
                let idle = last_input
                    .lock()
                    .unwrap_or_else(|p| p.into_inner())
                    .elapsed();
                if idle >= limit {
                    let secs = limit.as_secs();
                    let how_long = match secs {
                        s if s % 60 == 0 => format!("{} minutes", s / 60),
                        s => format!("{s} seconds"),
                    };
                    let _ = sender.send(Outgoing::Leave(Some(format!(
                        "no key pressed for {how_long}, so you were disconnected; log in again \
                         to go on."
                    ))));
                    return;
                }
            }
        }));
    }

    /// Handles input events; returns true when the user has left.
    fn handle_events(&mut self, events: Vec<Event>) -> bool {
        let mut guard = self.screen.lock().unwrap_or_else(|p| p.into_inner());
        let Some(screen) = guard.as_mut() else {
            return false;
        };
        let mut switch_to = None;
        let mut open_table = None;
        let mut left = false;
        for event in events {
            match &mut screen.view {
                View::Game { app, table, origin } => {
                    // From the console, Esc or q goes straight back to it: nothing is lost.
                    if *origin == Origin::Console
                        && let Event::Key(key) = &event
                        && matches!(
                            keys::command::<Command>(*key),
                            Some(Command::Back | Command::Quit)
                        )
                    {
                        screen.view =
                            View::Dashboard(Dashboard::at_table(table.id, &self.shared.tables));
                        continue;
                    }
                    let before = table.lock().game().actions().len();
                    app.handle(&event, Instant::now());
                    let after = table.lock().game().actions().len();
                    if after != before {
                        table.changed();
                    }
                    if app.should_quit() {
                        match origin {
                            Origin::Console => {
                                screen.view = View::Dashboard(Dashboard::at_table(
                                    table.id,
                                    &self.shared.tables,
                                ));
                            }
                            Origin::Lobby => {
                                // The seat waits for them, as if the link had dropped.
                                table.leave(self.id);
                                screen.view =
                                    View::Lobby(Lobby::at_table(table.id, &self.shared.tables));
                            }
                            Origin::Login => left = true,
                        }
                    }
                }
                View::Dashboard(console) => {
                    let Event::Key(key) = event else { continue };
                    if console.typing() {
                        console.type_key(key, &self.shared.tables);
                        continue;
                    }
                    let command = keys::command::<ConsoleCommand>(key);
                    let raw = match key.code {
                        ratatui::crossterm::event::KeyCode::Char(c) => Some(c),
                        _ => None,
                    };
                    match console.handle(
                        command,
                        raw,
                        &self.shared.tables,
                        &self.shared.reports_dir,
                    ) {
                        Some(Request::Open(id)) => open_table = Some(id),
                        Some(Request::Leave) => left = true,
                        None => {}
                    }
                }
                View::Lobby(lobby) => {
                    let Event::Key(key) = event else { continue };
                    let command = keys::command::<MenuCommand>(key);
                    if screen.help {
                        screen.help = false;
                        continue;
                    }
                    match command {
                        Some(MenuCommand::Quit) => left = true,
                        Some(MenuCommand::Help) => screen.help = true,
                        _ => {
                            if let Some(choice) = lobby.handle(command, &self.shared.tables) {
                                switch_to = Some(choice);
                            }
                        }
                    }
                }
            }
            if left || switch_to.is_some() || open_table.is_some() {
                break;
            }
        }
        if let Some(id) = open_table
            && let Some(table) = self.shared.tables.get(id)
        {
            let options = Options {
                saves_dir: None,
                speed: Speed::Instant,
                theme: Theme::new(!self.no_color),
            };
            let mut play = Play::remote(table.session.clone(), Viewer::Facilitator, Speed::Instant);
            let back = keys::key(Command::Back);
            play.set_back_button(format!("Table {id} · {back} back to the console"));
            screen.view = View::Game {
                app: Box::new(App::remote(options, play)),
                table: table.clone(),
                origin: Origin::Console,
            };
            drop(guard);
            self.watch(&table);
            return false;
        }
        drop(guard);
        if let Some(choice) = switch_to {
            self.choose(choice);
        }
        left
    }

    fn choose(&mut self, choice: Choice) {
        let tables = self.shared.tables.clone();
        let outcome = match choice {
            Choice::Join { table, seat } => tables
                .get(table)
                .ok_or_else(|| format!("table {table} has closed"))
                .and_then(|t| self.sit_from(t, Viewer::Seat(seat), Origin::Lobby)),
            Choice::Watch { table } => tables
                .get(table)
                .ok_or_else(|| format!("table {table} has closed"))
                .and_then(|t| self.sit_from(t, Viewer::Spectator, Origin::Lobby)),
            Choice::Open { scenario, bots } => crate::scenario::ScenarioSource::find(scenario)
                .map_err(|e| e.to_string())
                .and_then(|source| tables.open(&source, self.shared.seed, bots))
                .and_then(|t| {
                    // One seat for a person: the opener takes it. None: they watch the bots.
                    // More: they pick theirs, and tell the others their logins.
                    let people: Vec<Seat> = Seat::ALL
                        .into_iter()
                        .filter(|s| bots[s.index()].is_none())
                        .collect();
                    match people.as_slice() {
                        [] => self.sit_from(t, Viewer::Spectator, Origin::Lobby),
                        [seat] => self.sit_from(t, Viewer::Seat(*seat), Origin::Lobby),
                        _ => Ok(View::Lobby(Lobby::after_opening(t.id, &tables))),
                    }
                }),
            Choice::Setting(_) => return,
        };
        let table = match &outcome {
            Ok(View::Game { table, .. }) => Some(table.clone()),
            _ => None,
        };
        let mut guard = self.screen.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(screen) = guard.as_mut() {
            match outcome {
                Ok(view) => screen.view = view,
                Err(message) => {
                    if let View::Lobby(lobby) = &mut screen.view {
                        lobby.notice = Some(message);
                    }
                }
            }
        }
        drop(guard);
        if let Some(table) = table {
            self.watch(&table);
        }
    }

    fn redraw(&self) {
        let mut guard = self.screen.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(screen) = guard.as_mut() {
            screen.draw(&self.shared.tables, &self.user);
        }
    }

    fn resize(&self, width: u32, height: u32) {
        let rect = Rect::new(0, 0, width.min(1000) as u16, height.min(1000) as u16);
        let mut guard = self.screen.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(screen) = guard.as_mut() {
            let _ = screen.terminal.resize(rect);
            screen.draw(&self.shared.tables, &self.user);
        }
    }

    /// Whether `user` asks for the facilitator's console or view (`facilitator`,
    /// `facilitator.N`, in any case): those need the facilitator's own password.
    fn is_facilitator(user: &str) -> bool {
        user.to_ascii_lowercase().split('.').next() == Some("facilitator")
    }

    fn authorize(&mut self, user: &str, accepted: bool) -> Auth {
        if accepted {
            // Names are matched in any case: `Pakistan@` takes the Pakistani seat.
            self.user = user.to_ascii_lowercase();
            tracing::info!(conn = self.id, user = %self.user, "logged in");
            Auth::Accept
        } else {
            tracing::info!(conn = self.id, user, "login refused");
            Auth::Reject {
                proceed_with_methods: None,
                partial_success: false,
            }
        }
    }
}

impl Drop for Connection {
    /// Also runs when the connection's task panicked (the panic is logged by the server's
    /// panic hook): its seats are marked away and the other connections go on.
    fn drop(&mut self) {
        if std::thread::panicking() {
            tracing::error!(conn = self.id, user = %self.user, "connection ended by a panic");
        } else {
            tracing::info!(conn = self.id, user = %self.user, "connection closed");
        }
        if let Some(watcher) = self.watcher.take() {
            watcher.abort();
        }
        if let Some(ticker) = self.ticker.take() {
            ticker.abort();
        }
        if let Some(idler) = self.idler.take() {
            idler.abort();
        }
        for table in self.shared.tables.all() {
            table.leave(self.id);
        }
        self.shared.connections.fetch_sub(1, Ordering::SeqCst);
        self.shared
            .open
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .remove(&self.id);
    }
}

impl Handler for Connection {
    type Error = russh::Error;

    async fn auth_none(&mut self, user: &str) -> Result<Auth, Self::Error> {
        let open = matches!(self.shared.access, Access::Open) && !Self::is_facilitator(user);
        Ok(self.authorize(user, open))
    }

    async fn auth_password(&mut self, user: &str, password: &str) -> Result<Auth, Self::Error> {
        let ok = if Self::is_facilitator(user) {
            self.shared
                .facilitator_password
                .as_ref()
                .is_some_and(|secret| constant_time_eq(secret.as_bytes(), password.as_bytes()))
        } else {
            match &self.shared.access {
                Access::Password(secret) => {
                    constant_time_eq(secret.as_bytes(), password.as_bytes())
                }
                Access::Open => true,
                Access::Keys(_) => false,
            }
        };
        let auth = self.authorize(user, ok);
        // A mistyped password may be typed again: keep offering passwords (russh would drop
        // the method after one failure, and ssh then says only "publickey").
        Ok(match auth {
            Auth::Reject {
                partial_success, ..
            } => Auth::Reject {
                proceed_with_methods: Some(methods(
                    &self.shared.access,
                    self.shared.facilitator_password.is_some(),
                )),
                partial_success,
            },
            accepted => accepted,
        })
    }

    async fn auth_publickey(
        &mut self,
        user: &str,
        key: russh::server::VerifiedPublicKey<'_>,
    ) -> Result<Auth, Self::Error> {
        let key: &PublicKey = key.public_key;
        if Self::is_facilitator(user) {
            return Ok(self.authorize(user, false));
        }
        let ok = match &self.shared.access {
            Access::Keys(allowed) => allowed.iter().any(|k| k.key_data() == key.key_data()),
            Access::Open => true,
            Access::Password(_) => false,
        };
        Ok(self.authorize(user, ok))
    }

    async fn channel_open_session(
        &mut self,
        channel: Channel<Msg>,
        reply: ChannelOpenHandle,
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        if self.channel.is_some() {
            reply
                .reject(russh::ChannelOpenFailure::AdministrativelyProhibited)
                .await;
            return Ok(());
        }
        reply.accept().await;
        let id = channel.id();
        self.channel = Some(id);
        let (sender, mut receiver) = unbounded_channel::<Outgoing>();
        let handle: Handle = session.handle();
        tokio::spawn(async move {
            while let Some(out) = receiver.recv().await {
                match out {
                    Outgoing::Bytes(bytes) => {
                        if handle.data(id, bytes).await.is_err() {
                            break;
                        }
                    }
                    Outgoing::Leave(goodbye) => {
                        let mut bytes = LEAVE.to_vec();
                        if let Some(goodbye) = goodbye {
                            bytes.extend_from_slice(format!("ceasefire: {goodbye}\r\n").as_bytes());
                        }
                        let _ = handle.data(id, bytes).await;
                        let _ = handle.exit_status_request(id, 0).await;
                        let _ = handle.eof(id).await;
                        let _ = handle.close(id).await;
                        break;
                    }
                }
            }
        });
        self.sender = Some(sender);
        if !self.counted {
            self.refuse(id, "the server is full; try again later", session);
        }
        Ok(())
    }

    async fn env_request(
        &mut self,
        _channel: ChannelId,
        name: &str,
        value: &str,
        _session: &mut Session,
    ) -> Result<(), Self::Error> {
        if name == "NO_COLOR" && !value.is_empty() {
            self.no_color = true;
        }
        Ok(())
    }

    async fn pty_request(
        &mut self,
        channel: ChannelId,
        _term: &str,
        width: u32,
        height: u32,
        _pix_width: u32,
        _pix_height: u32,
        _modes: &[(Pty, u32)],
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        let Some(sender) = self.sender.clone() else {
            session.channel_failure(channel)?;
            return Ok(());
        };
        let view = match self.first_view() {
            Ok(view) => view,
            Err(message) => {
                session.channel_success(channel)?;
                self.refuse(channel, &message, session);
                return Ok(());
            }
        };
        let table = match &view {
            View::Game { table, .. } => Some(table.clone()),
            View::Lobby(_) | View::Dashboard(_) => None,
        };
        let console = matches!(view, View::Dashboard(_));
        let rect = Rect::new(0, 0, width.min(1000) as u16, height.min(1000) as u16);
        let backend = CrosstermBackend::new(Sink {
            buffer: Vec::new(),
            sender,
        });
        let terminal = Terminal::with_options(
            backend,
            TerminalOptions {
                viewport: Viewport::Fixed(rect),
            },
        )?;
        self.send(ENTER);
        *self.screen.lock().unwrap_or_else(|p| p.into_inner()) = Some(Screen {
            terminal,
            view,
            theme: Theme::new(!self.no_color),
            help: false,
        });
        self.shared
            .open
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .insert(self.id, (session.handle(), channel));
        if let Some(table) = table {
            self.watch(&table);
        }
        if console {
            self.tick_console();
        }
        self.close_when_idle();
        self.redraw();
        session.channel_success(channel)?;
        Ok(())
    }

    async fn shell_request(
        &mut self,
        channel: ChannelId,
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        if self
            .screen
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .is_none()
        {
            session.channel_success(channel)?;
            self.refuse(
                channel,
                "the game needs a terminal: connect with `ssh -t` (and no command)",
                session,
            );
            return Ok(());
        }
        session.channel_success(channel)?;
        Ok(())
    }

    async fn exec_request(
        &mut self,
        channel: ChannelId,
        _command: &[u8],
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        session.channel_success(channel)?;
        // The way in that works: this very login, without the command.
        let (port, host) = self.shared.address.get().map_or_else(
            || ("PORT".to_string(), "HOST".to_string()),
            |a| {
                let host = if a.ip().is_unspecified() {
                    "HOST".to_string()
                } else {
                    a.ip().to_string()
                };
                (a.port().to_string(), host)
            },
        );
        let message = format!(
            "this server only runs the game; connect without a command: ssh -p {port} {}@{host}",
            self.user
        );
        self.refuse(channel, &message, session);
        Ok(())
    }

    async fn subsystem_request(
        &mut self,
        channel: ChannelId,
        _name: &str,
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        session.channel_failure(channel)?;
        Ok(())
    }

    async fn data(
        &mut self,
        channel: ChannelId,
        data: &[u8],
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        *self.last_input.lock().unwrap_or_else(|p| p.into_inner()) = std::time::Instant::now();
        let events = self.input.feed(data);
        if events.is_empty() {
            return Ok(());
        }
        if self.handle_events(events) {
            self.leave(channel, session);
            return Ok(());
        }
        self.redraw();
        Ok(())
    }

    async fn window_change_request(
        &mut self,
        _channel: ChannelId,
        width: u32,
        height: u32,
        _pix_width: u32,
        _pix_height: u32,
        _session: &mut Session,
    ) -> Result<(), Self::Error> {
        self.resize(width, height);
        Ok(())
    }
}

/// What a user name asks for: `pakistan`, `afghanistan`, `mediator`, `watch` or
/// `facilitator`, optionally with a table number (`afghanistan.2`; table 1 without one).
/// `None` for any other name: the lobby.
pub fn parse_user(user: &str) -> Option<(Viewer, u32)> {
    let (name, table) = match user.split_once('.') {
        Some((name, number)) => (name, number.parse().ok()?),
        None => (user, 1),
    };
    let viewer = match name {
        "watch" => Viewer::Spectator,
        "facilitator" => Viewer::Facilitator,
        seat => Viewer::Seat(Seat::from_key(seat)?),
    };
    Some((viewer, table))
}

/// Compares secrets without an early exit on the first differing byte.
fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// The authentication methods offered for an access policy (password too when the
/// facilitator has one).
pub fn methods(access: &Access, facilitator: bool) -> MethodSet {
    let kinds: &[MethodKind] = match (access, facilitator) {
        (Access::Open, _) => &[
            MethodKind::None,
            MethodKind::Password,
            MethodKind::PublicKey,
        ],
        (Access::Password(_), _) => &[MethodKind::Password],
        (Access::Keys(_), false) => &[MethodKind::PublicKey],
        (Access::Keys(_), true) => &[MethodKind::PublicKey, MethodKind::Password],
    };
    MethodSet::from(kinds)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_names_pick_a_viewer_and_a_table() {
        assert_eq!(
            parse_user("pakistan"),
            Some((Viewer::Seat(Seat::Pakistan), 1))
        );
        assert_eq!(parse_user("watch.4"), Some((Viewer::Spectator, 4)));
        assert_eq!(parse_user("facilitator"), Some((Viewer::Facilitator, 1)));
        assert_eq!(parse_user("maria"), None);
        assert_eq!(parse_user("mediator.x"), None);
    }

    #[test]
    fn the_facilitators_names_need_its_password_in_any_case() {
        assert!(Connection::is_facilitator("facilitator"));
        assert!(Connection::is_facilitator("Facilitator.2"));
        assert!(Connection::is_facilitator("FACILITATOR"));
        assert!(!Connection::is_facilitator("maria"));
    }

    #[test]
    fn secrets_compare_whole() {
        assert!(constant_time_eq(b"s3cret", b"s3cret"));
        assert!(!constant_time_eq(b"s3cret", b"s3creT"));
        assert!(!constant_time_eq(b"s3cret", b"s3cre"));
    }
}
