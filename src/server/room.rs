//! The rules that share a room out fairly: whether seats need their join codes, how many
//! logins a seat's delegation takes, the seed of tables opened from the lobby, how many tables may be open (in all and a lobby user), when
//! an abandoned lobby table is reclaimed, and how many bot decisions may think at once.

use std::time::Duration;

/// The seed a table opened from the lobby gets.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum LobbySeed {
    /// A fresh random one each (the default): a lobby table shares no secret with another.
    #[default]
    Fresh,
    /// The room's seed, like the tables opened at start (a room comparing one game; the
    /// join codes still keep each seat's hand to its player).
    Same,
}

impl std::str::FromStr for LobbySeed {
    type Err = String;

    fn from_str(s: &str) -> Result<LobbySeed, String> {
        match s {
            "fresh" => Ok(LobbySeed::Fresh),
            "same" => Ok(LobbySeed::Same),
            other => Err(format!(
                "unknown lobby seed `{other}`: choose fresh or same"
            )),
        }
    }
}

/// How many logins may share a seat unless `--team-size` says otherwise: a room of 24 at 4
/// tables of 3 seats needs 2, and 4 leaves room for late arrivals.
pub const DEFAULT_TEAM_SIZE: usize = 4;

/// How a server shares its room out.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RoomRules {
    /// Seats need no join code (a trusted room: anyone admitted may sit anywhere free).
    pub open_seats: bool,
    /// The most logins that may share one seat as its delegation (`--team-size`; 1: one
    /// login a seat, a second is refused).
    pub team_size: usize,
    /// The seed of tables opened from the lobby.
    pub lobby_seed: LobbySeed,
    /// Most tables open at once, in all.
    pub max_tables: usize,
    /// Most unfinished tables one lobby user (one login name) may have opened at once.
    pub tables_per_user: usize,
    /// A table opened from the lobby with nobody seated or watching for this long is closed
    /// (its save is kept); a finished one nobody watches goes after [`RoomRules::finished_grace`].
    pub reclaim_after: Duration,
    /// How long a finished lobby table nobody watches is kept.
    pub finished_grace: Duration,
    /// Most bot decisions thinking at once across every table.
    pub thinkers: usize,
}

impl Default for RoomRules {
    fn default() -> RoomRules {
        RoomRules {
            open_seats: false,
            team_size: DEFAULT_TEAM_SIZE,
            lobby_seed: LobbySeed::Fresh,
            max_tables: 32,
            tables_per_user: 2,
            reclaim_after: Duration::from_secs(10 * 60),
            finished_grace: Duration::from_secs(60),
            thinkers: default_thinkers(),
        }
    }
}

/// One bot decision at a time per core but one, so players' connections always have a core
/// (at least one thinks).
pub fn default_thinkers() -> usize {
    std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .saturating_sub(1)
        .max(1)
}
