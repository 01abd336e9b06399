//! A connection's terminal: the cells its client shows, whose changes go out through one
//! writer task; the screen drawn on it (the view, the theme, the help overlay), the pty
//! request that opens it, and redrawing and resizing. A frame is drawn on its thread's
//! canvas and compared with the cells the client shows, so a connection keeps one screen's
//! cells, not ratatui's two.

use super::Connection;
use super::painter::{Backlog, Painter, clamped};
use super::router::View;
use crate::server::Shared;
use crate::tui::keys::{self, ConsoleCommand, MenuCommand};
use crate::tui::{MIN_SIZE, Theme};
use ratatui::backend::{Backend, ClearType, CrosstermBackend, WindowSize};
use ratatui::buffer::{Buffer, Cell};
use ratatui::layout::{Position, Rect, Size};
use ratatui::{Frame, Terminal, TerminalOptions, Viewport};
use russh::ChannelId;
use russh::server::{Handle, Session};
use std::cell::RefCell;
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

/// A backend that shows nothing: the canvas frames are drawn on before they are compared
/// with what a client shows. It is as large as any terminal, so a canvas of any size fits.
struct Nowhere;

impl Backend for Nowhere {
    type Error = std::io::Error;

    fn draw<'a, I>(&mut self, _content: I) -> std::io::Result<()>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        Ok(())
    }

    fn hide_cursor(&mut self) -> std::io::Result<()> {
        Ok(())
    }

    fn show_cursor(&mut self) -> std::io::Result<()> {
        Ok(())
    }

    fn get_cursor_position(&mut self) -> std::io::Result<Position> {
        Ok(Position::ORIGIN)
    }

    fn set_cursor_position<P: Into<Position>>(&mut self, _position: P) -> std::io::Result<()> {
        Ok(())
    }

    fn clear(&mut self) -> std::io::Result<()> {
        Ok(())
    }

    fn clear_region(&mut self, _clear_type: ClearType) -> std::io::Result<()> {
        Ok(())
    }

    fn size(&self) -> std::io::Result<Size> {
        Ok(Size::new(u16::MAX, u16::MAX))
    }

    fn window_size(&mut self) -> std::io::Result<WindowSize> {
        Ok(WindowSize {
            columns_rows: Size::new(u16::MAX, u16::MAX),
            pixels: Size::new(0, 0),
        })
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Cells a canvas may keep without being let go, whatever the screen drawn on it.
const MIN_CANVAS_CELLS: usize = 200 * 60;

thread_local! {
    /// The canvas every connection drawn on this thread draws its next frame on, resized to
    /// each connection's terminal in turn: a connection keeps only what its client shows.
    static CANVAS: RefCell<Option<Terminal<Nowhere>>> = const { RefCell::new(None) };
}

/// A connection's screen: what its client's terminal shows, and what it shows.
pub(super) struct Screen {
    /// The cells on the client's screen now (a blank screen at first and after a resize).
    shown: Buffer,
    /// Where the changes of the next frame are written.
    backend: CrosstermBackend<Sink>,
    pub(super) view: View,
    theme: Theme,
    pub(super) help: bool,
}

impl Screen {
    /// Gives the terminal a new size (already clamped): the client's screen is cleared and the
    /// next frame drawn whole.
    pub(super) fn resize(&mut self, area: Rect) {
        if area == self.shown.area {
            return;
        }
        self.shown = Buffer::empty(area);
        let _ = Backend::clear(&mut self.backend);
    }

    /// Draws what the screen shows, the size of its terminal, and sends the client the cells that
    /// changed. Unless `whole`, only the box on top of a game (its brief, the account of the
    /// others' moves, the help) is drawn, over what the client shows, when that box is what it
    /// shows on top.
    pub(super) fn draw(&mut self, shared: &Shared, user: &str, whole: bool) {
        let area = self.shown.area;
        CANVAS.with(|canvas| {
            let mut canvas = canvas.borrow_mut();
            // A canvas left far larger than this screen by a huge terminal is let go.
            let wanted = usize::from(area.width) * usize::from(area.height);
            let oversized = canvas.as_mut().is_some_and(|terminal| {
                let held = terminal.current_buffer_mut().content.capacity();
                held > 4 * wanted.max(MIN_CANVAS_CELLS)
            });
            if oversized {
                *canvas = None;
            }
            let terminal = match canvas.as_mut() {
                Some(terminal) => terminal,
                None => {
                    let options = TerminalOptions {
                        viewport: Viewport::Fixed(area),
                    };
                    match Terminal::with_options(Nowhere, options) {
                        Ok(terminal) => canvas.insert(terminal),
                        Err(_) => return,
                    }
                }
            };
            if terminal.get_frame().area() != area {
                let _ = terminal.resize(area);
            }
            let mut over = false;
            if !whole && let View::Game { app, .. } = &self.view {
                // The canvas starts as the client's screen: cells the box does not cover
                // are sent nothing.
                terminal
                    .current_buffer_mut()
                    .content
                    .clone_from(&self.shown.content);
                over = app.draw_overlay_over(&mut terminal.get_frame());
                if !over {
                    terminal.current_buffer_mut().reset();
                }
            }
            if !over {
                let mut frame = terminal.get_frame();
                self.render(&mut frame, shared, user);
            }
            let drawn = terminal.current_buffer_mut();
            let _ = self.backend.draw(self.shown.diff(drawn).into_iter());
            // What the client shows now; the canvas is blank for the next frame.
            std::mem::swap(&mut self.shown, drawn);
            drawn.reset();
            // The canvas's cells may have room left by a larger screen drawn before: a
            // connection keeps only what its own screen needs.
            self.shown.content.shrink_to_fit();
        });
        let _ = self.backend.hide_cursor();
        let _ = Backend::flush(&mut self.backend);
    }

    /// Renders the view (the lobby, the console or a game) on `frame`.
    fn render(&mut self, frame: &mut Frame, shared: &Shared, user: &str) {
        let tables = &shared.tables;
        let area = frame.area();
        let theme = self.theme;
        match &mut self.view {
            View::Game { app, .. } => {
                app.resize(area);
                app.draw(frame);
            }
            View::Lobby(lobby) => {
                if area.width < MIN_SIZE.0 || area.height < MIN_SIZE.1 {
                    let quit = keys::key(MenuCommand::Quit);
                    let answers = [quit, String::new(), String::new()];
                    crate::tui::screens::small::draw(frame, theme, false, answers);
                } else {
                    lobby.draw(frame, tables, user, theme);
                    if self.help {
                        crate::tui::screens::help::draw(
                            frame,
                            theme,
                            crate::tui::screens::help::HelpFor::Menus,
                        );
                    }
                }
            }
            View::Dashboard(console) => {
                console.server_status = Some(shared.status_line());
                if area.width < MIN_SIZE.0 || area.height < MIN_SIZE.1 {
                    let quit = keys::key(ConsoleCommand::Quit);
                    let answers = [quit, String::new(), String::new()];
                    crate::tui::screens::small::draw(frame, theme, false, answers);
                } else {
                    console.draw(frame, tables, theme);
                }
            }
        }
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
        self.send(ENTER);
        self.start_painter();
        *self.screen.lock().unwrap_or_else(|p| p.into_inner()) = Some(Screen {
            shown: Buffer::empty(rect),
            backend,
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
