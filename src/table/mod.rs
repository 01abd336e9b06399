//! A table being played: the engine's game, who controls each seat, the bots' turns and
//! reasons, presence (away, open, briefed, the delegations sharing a seat and their pens),
//! pauses, the decision clock, injects, reflections, rematches, the table talk and the
//! autosave.
//!
//! It is shared by the terminal game and the SSH server, and knows nothing of terminals,
//! sockets: the decision clock's time is passed in. It never changes the rules (that is the
//! engine's job) and never decides for a bot (that is the bot's).

mod autosave;
mod controller;
mod history;
mod presence;
mod session;
mod talk;
mod team;
mod writer;

pub use controller::{Controller, MovedBy, Reason, rotated, rotated_from};
pub use history::after_own_part;
pub use session::{BOT_FAILED, BotTurn, Session, panic_message};
pub use talk::{MAX_MESSAGES, RATE_COUNT, RATE_WINDOW, Sent};
pub use team::{MAX_NAME, Member, Proposal, Team, clean_name};
pub use writer::{SaveStatus, SaveWriter};

/// A seed for a game nobody seeded, from the system clock: the one place a new table's game
/// depends on the time.
pub fn seed_from_time() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos() as u64)
}
