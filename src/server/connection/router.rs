//! Which view a connection shows and how it moves between them: the lobby, a seat or a
//! spectator's window on a table, the facilitator's console; the user name's first view,
//! input events routed to the view on screen, the tasks that redraw it, and leaving (by
//! choice, or after too long idle).

use super::Connection;
use super::auth::parse_user;
use super::terminal::{LEAVE, Outgoing};
use crate::engine::{Seat, Viewer};
use crate::server::dashboard::{Dashboard, Request};
use crate::server::lobby::{Choice, Lobby};
use crate::server::tables::Table;
use crate::tui::keys::{self, Command, ConsoleCommand, MenuCommand};
use crate::tui::{App, Options, Play, Speed, Theme};
use ratatui::crossterm::event::Event;
use russh::ChannelId;
use russh::server::Session;
use std::sync::Arc;
use std::time::Instant;

/// What the connection shows.
pub(super) enum View {
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
pub(super) enum Origin {
    /// Its user name (`pakistan.2@`): leaving ends the connection.
    Login,
    /// The lobby: leaving goes back to it.
    Lobby,
    /// The facilitator's console: Esc or q goes straight back to it.
    Console,
}

/// What the input events came to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Handled {
    /// The user has left.
    Left,
    /// Only the box on top of a game (its brief, the account of the others' moves, the help) was
    /// scrolled: it is drawn over the last frame.
    OverlayScrolled,
    /// The screen is drawn again, whole.
    Redraw,
}

impl Connection {
    /// The user left: nothing more is drawn, and the writer task restores the terminal and
    /// ends the session once every frame already queued has gone out.
    pub(super) fn leave(&mut self, channel: ChannelId, session: &mut Session) {
        self.stop_tasks();
        *self.screen.lock().unwrap_or_else(|p| p.into_inner()) = None;
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
    pub(super) fn first_view(&mut self) -> Result<View, String> {
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
    pub(super) fn sit_from(
        &mut self,
        table: Arc<Table>,
        viewer: Viewer,
        origin: Origin,
    ) -> Result<View, String> {
        if let Viewer::Seat(seat) = viewer {
            if !self.may_sit(&table, seat) {
                return Ok(Self::ask_code(&table, seat, origin));
            }
            let name = super::auth::delegate_name(&self.user);
            table.claim_as(seat, self.id, name.as_deref())?;
            self.bind_key(&table, seat);
        }
        let options = Options {
            saves_dir: None,
            speed: Speed::Instant,
            theme: Theme::new(!self.no_color),
        };
        let mut play = Play::remote(table.session.clone(), viewer, Speed::Instant);
        if let Viewer::Seat(_) = viewer {
            play = play.as_member(self.id);
        }
        play.set_connection(self.id, &self.user);
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
    pub(super) fn watch(&mut self, table: &Arc<Table>) {
        if let Some(old) = self.watcher.take() {
            old.abort();
        }
        let mut changes = table.watch();
        let screen = self.screen.clone();
        let painter = self.painter.clone();
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
                drop(guard);
                if let Some(painter) = &painter {
                    painter.request();
                }
            }
        }));
    }

    /// The console shows every table and how long each has been thinking: it redraws every
    /// second while it is on screen.
    pub(super) fn tick_console(&mut self) {
        let screen = self.screen.clone();
        let painter = self.painter.clone();
        self.ticker = Some(tokio::spawn(async move {
            loop {
                tokio::time::sleep(std::time::Duration::from_secs(1)).await;
                let on_console = screen
                    .lock()
                    .unwrap_or_else(|p| p.into_inner())
                    .as_ref()
                    .is_some_and(|screen| matches!(screen.view, View::Dashboard(_)));
                if on_console && let Some(painter) = &painter {
                    painter.request();
                }
            }
        }));
    }

    /// Closes the connection once no key has been pressed for the server's idle time; a seat
    /// is kept for its player, as when a link drops.
    pub(super) fn close_when_idle(&mut self) {
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

    /// Handles input events; says whether the user has left, or else what to redraw.
    pub(super) fn handle_events(&mut self, events: Vec<Event>) -> Handled {
        let mut guard = self.screen.lock().unwrap_or_else(|p| p.into_inner());
        let Some(screen) = guard.as_mut() else {
            return Handled::Redraw;
        };
        let mut switch_to = None;
        let mut open_table = None;
        let mut left = false;
        let mut overlay_only = true;
        for event in events {
            overlay_only &= matches!(screen.view, View::Game { .. });
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
                        overlay_only = false;
                        continue;
                    }
                    // A move, a message, or a change in the seat's delegation (a proposal,
                    // the pen handed on): every screen at the table redraws.
                    let revision = |table: &Table| {
                        let session = table.lock();
                        (
                            session.game().actions().len(),
                            session.team_revision(),
                            session.messages().len(),
                        )
                    };
                    let before = revision(table);
                    app.handle(&event, Instant::now());
                    if revision(table) != before {
                        table.changed();
                        overlay_only = false;
                    }
                    overlay_only &= app.only_an_overlay_scrolled();
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
                                let lobby = self.leave_to_lobby(table);
                                screen.view = View::Lobby(lobby);
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
                    if lobby.joining.is_some() {
                        switch_to = lobby.type_code(key);
                        if switch_to.is_none() {
                            continue;
                        }
                        break;
                    }
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
            return Handled::Redraw;
        }
        drop(guard);
        if let Some(choice) = switch_to {
            self.choose(choice);
        }
        match (left, overlay_only) {
            (true, _) => Handled::Left,
            (false, true) => Handled::OverlayScrolled,
            (false, false) => Handled::Redraw,
        }
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
            Choice::Code {
                table,
                seat,
                code,
                from_login,
            } => self.enter_code(table, seat, &code, from_login),
            Choice::Open { scenario, bots } => crate::scenario::ScenarioSource::find(scenario)
                .map_err(|e| e.to_string())
                .and_then(|source| {
                    tables.open_from_lobby(&self.user, &source, self.shared.seed, bots)
                })
                .and_then(|t| {
                    // Who opens a table is shown its codes to hand out, and needs none.
                    for seat in Seat::ALL.into_iter().filter(|s| bots[s.index()].is_none()) {
                        self.passes.prove(t.id, seat);
                    }
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
}
