//! Pieces the screens are built from. Each renders from borrowed data and mutates nothing.

pub mod board;
pub mod chart;
pub mod draft;
pub mod hand;
pub mod log;
pub mod meters;
pub mod popup;
pub mod talk;
pub mod team_bar;
pub mod wrap;
