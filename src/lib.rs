//! Ceasefire: a terminal negotiation war-game about turning a fragile border ceasefire into a
//! durable, verifiable accord.
//!
//! Map of the crate, in layers: each module uses only the ones listed before it (the test
//! `tests/layers.rs` enforces it).
//! - [`engine`]: the rules, a pure deterministic state machine (no I/O); the words for actions
//!   and log events; [`engine::Game::preview`], what an action would do.
//! - [`scenario`]: TOML scenario folders → validated [`engine::Scenario`], with errors that
//!   name file, line and column; the shipped scenarios are compiled in.
//! - [`bot`]: seat controllers that choose actions from a seat's view, `passive` (the
//!   decision clock's move) to `hard`.
//! - [`sim`]: the headless simulator behind `ceasefire sim`.
//! - [`save`]: versioned save files, atomic writes, replay with a digest check.
//! - [`report`]: the after-action report (Markdown or JSON) and comparisons of tables.
//! - [`table`]: a table in play: seats' controllers, bot turns, presence, pause, the
//!   decision clock, injects, reflections, rematch, autosave.
//! - [`tui`]: the terminal game (ratatui): screens, keys, the local event loop.
//! - [`server`]: the SSH server (russh): tables, a lobby, one UI per connection.
#![forbid(unsafe_code)]

pub mod bot;
pub mod engine;
pub mod report;
pub mod save;
pub mod scenario;
pub mod server;
pub mod sim;
pub mod table;
pub mod tui;
