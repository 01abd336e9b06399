//! One SSH connection: authentication, its terminal (a fixed viewport the client's size,
//! written to the channel), and its screen — the lobby, or a window on one table's game for
//! the connection's seat. Input bytes become key events for the same UI as local play.
//!
//! This file holds the connection's state and the russh `Handler` that answers the client;
//! `auth` decides who may log in, `terminal` draws to the client and `router` decides
//! which view is on screen and moves between them.

mod auth;
mod painter;
mod router;
mod seating;
mod terminal;

pub use auth::{delegate_name, methods, parse_user};
pub use painter::{MAX_SIZE, OUTPUT_BACKLOG};
pub use terminal::{LEAVE, Outgoing, Sink};

use super::Shared;
use super::input::Input;
use painter::{Backlog, Painter};
use russh::keys::PublicKey;
use russh::server::{Auth, ChannelOpenHandle, Handler, Msg, Session};
use russh::{Channel, ChannelId, Pty};
use std::net::IpAddr;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use terminal::Screen;
use tokio::sync::mpsc::UnboundedSender;

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
    painter: Option<Arc<Painter>>,
    painter_task: Option<tokio::task::JoinHandle<()>>,
    /// Frame bytes on their way to the client.
    backlog: Arc<Backlog>,
    /// When the user last pressed a key.
    last_input: Arc<Mutex<std::time::Instant>>,
    no_color: bool,
    /// The client's address (for slowing password guesses), when known.
    address: Option<IpAddr>,
    /// Set once the connection has a screen: before that it is on the clock to log in.
    ready: Arc<AtomicBool>,
    /// The codes and key it has shown towards sitting.
    passes: crate::server::seats::Passes,
}

impl Connection {
    /// A new connection from `address`; `ready` is set once it has logged in and has a
    /// screen.
    pub fn new(
        id: u64,
        shared: Arc<Shared>,
        address: Option<IpAddr>,
        ready: Arc<AtomicBool>,
    ) -> Connection {
        shared.connections.fetch_add(1, Ordering::SeqCst);
        tracing::info!(conn = id, address = ?address, "connection opened");
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
            painter: None,
            painter_task: None,
            backlog: Arc::new(Backlog::default()),
            last_input: Arc::new(Mutex::new(std::time::Instant::now())),
            no_color: false,
            address,
            ready,
            passes: Default::default(),
        }
    }

    /// Stops the tasks that draw and watch for this connection.
    fn stop_tasks(&mut self) {
        for task in [
            self.watcher.take(),
            self.ticker.take(),
            self.idler.take(),
            self.painter_task.take(),
        ]
        .into_iter()
        .flatten()
        {
            task.abort();
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
        self.stop_tasks();
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
        Ok(self.auth_by_none(user))
    }

    async fn auth_password(&mut self, user: &str, password: &str) -> Result<Auth, Self::Error> {
        Ok(self.auth_by_password_in_turn(user, password).await)
    }

    async fn auth_publickey(
        &mut self,
        user: &str,
        key: russh::server::VerifiedPublicKey<'_>,
    ) -> Result<Auth, Self::Error> {
        let key: &PublicKey = key.public_key;
        Ok(self.auth_by_key(user, key))
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
        self.sender = Some(terminal::spawn_writer(
            session.handle(),
            id,
            self.backlog.clone(),
        ));
        Ok(())
    }

    async fn env_request(
        &mut self,
        channel: ChannelId,
        name: &str,
        value: &str,
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        if name == "NO_COLOR" {
            self.no_color = !value.is_empty();
            session.channel_success(channel)?;
        } else {
            session.channel_failure(channel)?;
        }
        Ok(())
    }

    async fn x11_request(
        &mut self,
        channel: ChannelId,
        _single_connection: bool,
        _x11_auth_protocol: &str,
        _x11_auth_cookie: &str,
        _x11_screen_number: u32,
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        // Every request is answered: a client waiting on a reply would otherwise hang.
        session.channel_failure(channel)?;
        Ok(())
    }

    async fn signal(
        &mut self,
        channel: ChannelId,
        _signal: russh::Sig,
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        session.channel_failure(channel)?;
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
        self.open_terminal(channel, width, height, session)
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
        match self.handle_events(events) {
            router::Handled::Left => self.leave(channel, session),
            router::Handled::OverlayScrolled => {
                if let Some(painter) = &self.painter {
                    painter.request_overlay();
                }
            }
            router::Handled::Redraw => self.redraw(),
        }
        Ok(())
    }

    async fn window_change_request(
        &mut self,
        channel: ChannelId,
        width: u32,
        height: u32,
        _pix_width: u32,
        _pix_height: u32,
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        self.resize(width, height);
        session.channel_success(channel)?;
        Ok(())
    }
}
