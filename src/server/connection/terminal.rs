//! A connection's terminal: a fixed viewport the client's size whose frames go out through
//! one writer task, the screen drawn on it (the view, the theme, the help overlay), the
//! pty request that opens it, and redrawing and resizing.

use super::Connection;
use super::painter::{Backlog, Painter, clamped};
use super::router::View;
use crate::server::Shared;
use crate::tui::keys::{self, ConsoleCommand, MenuCommand};
use crate::tui::{MIN_SIZE, Theme};
use ratatui::backend::CrosstermBackend;
use ratatui::layout::Rect;
use ratatui::{Terminal, TerminalOptions, Viewport};
use russh::ChannelId;
use russh::server::{Handle, Session};
use std::io::Write;
use std::sync::Arc;
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
    backlog: Arc<Backlog>,
}

impl Write for Sink {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.buffer.extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        if !self.buffer.is_empty() {
            let bytes = std::mem::take(&mut self.buffer);
            self.backlog.add(bytes.len());
            self.sender
                .send(Outgoing::Bytes(bytes))
                .map_err(|_| std::io::Error::from(std::io::ErrorKind::BrokenPipe))?;
        }
        Ok(())
    }
}

type SshTerminal = Terminal<CrosstermBackend<Sink>>;

/// A connection's screen: its terminal and what it shows.
pub(super) struct Screen {
    terminal: SshTerminal,
    pub(super) view: View,
    theme: Theme,
    pub(super) help: bool,
}

impl Screen {
    /// Gives the terminal a new size (already clamped).
    pub(super) fn resize(&mut self, area: Rect) {
        let _ = self.terminal.resize(area);
    }

    /// Draws what the screen shows, the size of its terminal.
    pub(super) fn draw(&mut self, shared: &Shared, user: &str) {
        let tables = &shared.tables;
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
                console.server_status = Some(shared.status_line());
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

/// Starts the connection's one writer task for `channel`: what is sent to the returned
/// sender goes out in order, and `backlog` counts the frame bytes not yet taken by the
/// session (which stops taking them while the client does not read).
pub(super) fn spawn_writer(
    handle: Handle,
    id: ChannelId,
    backlog: Arc<Backlog>,
) -> UnboundedSender<Outgoing> {
    let (sender, mut receiver) = unbounded_channel::<Outgoing>();
    tokio::spawn(async move {
        while let Some(out) = receiver.recv().await {
            match out {
                Outgoing::Bytes(bytes) => {
                    let length = bytes.len();
                    let sent = handle.data(id, bytes).await;
                    backlog.sent(length);
                    if sent.is_err() {
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
    sender
}

impl Connection {
    fn send(&self, bytes: &[u8]) {
        if let Some(sender) = &self.sender {
            self.backlog.add(bytes.len());
            let _ = sender.send(Outgoing::Bytes(bytes.to_vec()));
        }
    }

    /// Ends the session with a one-line message (the terminal left clean first).
    pub(super) fn refuse(&self, channel: ChannelId, message: &str, session: &mut Session) {
        let _ = session.data(channel, format!("ceasefire: {message}\r\n").into_bytes());
        let _ = session.exit_status_request(channel, 1);
        let _ = session.eof(channel);
        let _ = session.close(channel);
    }

    /// Answers the pty request: opens the view the user name asks for (or refuses the
    /// session), the terminal the client's size, and the tasks that keep it drawn.
    pub(super) fn open_terminal(
        &mut self,
        channel: ChannelId,
        width: u32,
        height: u32,
        session: &mut Session,
    ) -> Result<(), russh::Error> {
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
        let rect = clamped(width, height);
        let backend = CrosstermBackend::new(Sink {
            buffer: Vec::new(),
            sender,
            backlog: self.backlog.clone(),
        });
        let terminal = Terminal::with_options(
            backend,
            TerminalOptions {
                viewport: Viewport::Fixed(rect),
            },
        )?;
        self.send(ENTER);
        self.start_painter();
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
        self.ready.store(true, std::sync::atomic::Ordering::SeqCst);
        session.channel_success(channel)?;
        Ok(())
    }

    /// Starts the task that draws this connection's screen when asked.
    fn start_painter(&mut self) {
        let painter = Arc::new(Painter::default());
        self.painter_task = Some(tokio::spawn(painter.clone().run(
            self.screen.clone(),
            self.backlog.clone(),
            self.shared.clone(),
            self.user.clone(),
        )));
        self.painter = Some(painter);
    }

    /// Asks for the connection's screen to be drawn again, if it has one.
    pub(super) fn redraw(&self) {
        if let Some(painter) = &self.painter {
            painter.request();
        }
    }

    /// Follows the client's window to its new size (clamped), and redraws; many resizes in a
    /// row come to one frame.
    pub(super) fn resize(&self, width: u32, height: u32) {
        if let Some(painter) = &self.painter {
            painter.resize(clamped(width, height));
        }
    }
}
