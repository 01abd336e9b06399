//! The replay viewer: a saved game in the facilitator's view, stepped back and forth one
//! action at a time, or jumped to its start and end, with what was said by then at the
//! table (the talk key shows it in the log's place). Nothing is ever written.

use super::table::{self, Panel, TableUi};
use crate::engine::words;
use crate::engine::{Game, Scenario, Viewer};
use crate::save::SaveFile;
use crate::table::Session;
use crate::tui::app::Step;
use crate::tui::keys::{self, ReplayCommand};
use crate::tui::theme::Theme;
use crate::tui::widgets::board;
use ratatui::crossterm::event::{MouseButton, MouseEvent, MouseEventKind};
use ratatui::prelude::*;
use std::cell::Cell;
use std::sync::Arc;

/// A save being replayed, at some action.
pub struct Replay {
    file: SaveFile,
    scenario: Arc<Scenario>,
    cursor: usize,
    session: Session,
    ui: TableUi,
    /// How far the log could scroll back at the last draw.
    limits: Cell<table::Limits>,
}

impl Replay {
    /// Opens a verified save at its last action.
    pub fn new(file: SaveFile, game: &Game) -> Replay {
        let scenario = game.scenario().clone();
        let cursor = file.actions.len();
        let session = Session::replayed(&file, game.clone(), cursor);
        Replay {
            file,
            scenario,
            cursor,
            session,
            ui: TableUi::default(),
            limits: Cell::new(table::Limits::default()),
        }
    }

    /// How many actions are shown as played.
    pub fn cursor(&self) -> usize {
        self.cursor
    }

    /// The game as it stands at the cursor.
    pub fn game(&self) -> &Game {
        self.session.game()
    }

    fn seek(&mut self, to: usize) {
        let to = to.min(self.file.actions.len());
        if to == self.cursor {
            return;
        }
        // Replaying from the start is cheap (microseconds an action) and always exact.
        let Ok(game) = Game::replay(
            self.scenario.clone(),
            self.file.seed,
            &self.file.actions[..to],
        ) else {
            return;
        };
        self.session = Session::replayed(&self.file, game, to);
        self.cursor = to;
        self.ui.log_scroll = 0;
        self.ui
            .clamp(&self.session.game().view(Viewer::Facilitator));
    }

    /// Reacts to a key.
    pub(crate) fn handle(&mut self, command: Option<ReplayCommand>) -> Step {
        let view = self.session.game().view(Viewer::Facilitator);
        let items = board::items(&view).len();
        match (command, self.ui.focus) {
            // With the table or the log in focus, up and down move in it; the rest step.
            (Some(ReplayCommand::Down), Panel::Table) => {
                self.ui.board = (self.ui.board + 1).min(items.saturating_sub(1));
            }
            (Some(ReplayCommand::Up), Panel::Table) => {
                self.ui.board = self.ui.board.saturating_sub(1)
            }
            (Some(ReplayCommand::Up), Panel::Log) => {
                self.ui.log_scroll = (self.ui.log_scroll + 1).min(self.limits.get().log);
            }
            (Some(ReplayCommand::Down), Panel::Log) => {
                self.ui.log_scroll = self.ui.log_scroll.saturating_sub(1);
            }
            (Some(ReplayCommand::Talk), _) => {
                self.ui.talk = !self.ui.talk;
                self.ui.log_scroll = 0;
            }
            (Some(ReplayCommand::NextPanel), _) => self.ui.focus = self.ui.focus.next(),
            (Some(ReplayCommand::PrevPanel), _) => self.ui.focus = self.ui.focus.prev(),
            _ => return self.step(command),
        }
        Step::Stay
    }

    /// Steps through the game.
    fn step(&mut self, command: Option<ReplayCommand>) -> Step {
        match command {
            Some(ReplayCommand::Forward | ReplayCommand::Down) => self.seek(self.cursor + 1),
            Some(ReplayCommand::Backward | ReplayCommand::Up) => {
                self.seek(self.cursor.saturating_sub(1))
            }
            Some(ReplayCommand::TenForward) => self.seek(self.cursor + 10),
            Some(ReplayCommand::TenBack) => self.seek(self.cursor.saturating_sub(10)),
            Some(ReplayCommand::Start) => self.seek(0),
            Some(ReplayCommand::End) => self.seek(self.file.actions.len()),
            Some(ReplayCommand::Quit) => return Step::AskQuit,
            Some(ReplayCommand::Help) => return Step::Help,
            _ => {}
        }
        Step::Stay
    }

    /// Draws the table as the facilitator saw it after `cursor` actions.
    pub fn draw(&self, frame: &mut Frame, theme: Theme) {
        let game = self.session.game();
        let view = game.view(Viewer::Facilitator);
        let since = view.meter_history.last().copied().unwrap_or(view.meters);
        let last = match self.cursor {
            0 => "the start: nothing played yet".to_string(),
            n => {
                let before = Game::replay(
                    self.scenario.clone(),
                    self.file.seed,
                    &self.file.actions[..n - 1],
                );
                let action = &self.file.actions[n - 1];
                let text = before
                    .map(|g| words::action_in(&g, action))
                    .unwrap_or_default();
                format!("{}: {text}", words::actor(&self.scenario, action))
            }
        };
        let notice = format!(
            "Replay · action {}/{} · {last}",
            self.cursor,
            self.file.actions.len()
        );
        let data = table::TableData {
            view: &view,
            since,
            moved: true,
            blocked: &[],
            block_reason: None,
            log: game.log(),
            reasons: self.session.reasons(),
            players: self.session.players(),
            actor: None,
            proposing: false,
            notice: Some(&notice),
            paused: false,
            clock_left: None,
            footer: footer().into_iter().map(|(label, _)| label).collect(),
            talk: self.session.messages().iter().collect(),
            unread: 0,
            can_speak: false,
        };
        self.limits.set(table::draw(frame, &data, &self.ui, theme));
    }

    /// Reacts to the mouse: the footer's buttons work like their keys, and the wheel steps
    /// forward (down) and back (up).
    pub(crate) fn mouse(&mut self, mouse: MouseEvent, area: Rect) -> Step {
        match mouse.kind {
            MouseEventKind::ScrollDown => self.handle(Some(ReplayCommand::Forward)),
            MouseEventKind::ScrollUp => self.handle(Some(ReplayCommand::Backward)),
            MouseEventKind::Down(MouseButton::Left) => {
                let view = self.session.game().view(Viewer::Facilitator);
                let areas = table::layout(area, table::hand_rows(&view), self.ui.focus);
                let command = table::footer_hit(&areas, &footer(), mouse.column, mouse.row);
                self.handle(command)
            }
            _ => Step::Stay,
        }
    }
}

/// The replay's footer buttons, named with the keys they have now.
fn footer() -> Vec<(String, ReplayCommand)> {
    use ReplayCommand::*;
    let ten = format!("{}/{} ±10", keys::key(TenForward), keys::key(TenBack));
    vec![
        (keys::button(Forward), Forward),
        (keys::button(Backward), Backward),
        (ten, TenForward),
        (keys::button(Start), Start),
        (keys::button(End), End),
        (keys::button(NextPanel), NextPanel),
        (keys::button(Help), Help),
        (keys::button(Quit), Quit),
    ]
}
