//! The guided tutorial at the play screen: where its banner goes (the table gives up the
//! rows below its keys) and what it says now. It reads the session; it must not change it.

use super::Play;
use crate::tui::tutorial::{Position, banner};
use ratatui::prelude::*;

impl Play {
    /// The tutorial this game is, if it is one.
    pub fn tutorial(&self) -> Option<&crate::tui::tutorial::Tutorial> {
        self.tutorial.as_ref()
    }

    /// Where the person is in the tutorial's steps, when this game is a tutorial.
    pub fn tutorial_position(&self) -> Option<Position> {
        let tutorial = self.tutorial.as_ref()?;
        Some(tutorial.position(&self.session()))
    }

    /// The part of a screen of `area` the table is drawn in (and clicked in), and what lies
    /// below it: the tutorial's banner, then a delegation's bar (no rows when this game is
    /// neither a tutorial nor a seat shared by several logins).
    pub(super) fn table_area(&self, area: Rect, position: Option<&Position>) -> (Rect, Rect) {
        let rows = position.map_or(0, |p| banner::height(p, area.width));
        let team = crate::tui::widgets::team_bar::height(&self.team_lines());
        banner::split(area, rows + team)
    }
}
