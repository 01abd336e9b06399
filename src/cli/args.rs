//! The command line's shape: every command, option and typed value, as clap derives it.
//!
//! Values with a fixed set of choices are parsed here (see [`super::values`]), so a bad one
//! exits 2 with clap's error listing the choices before any command runs.

use super::values::{ReportFormat, SeatChoice, SeatParser, SpeedArg};
use ceasefire::bot::Policy;
use ceasefire::table::Controller;
use clap::{Parser, Subcommand};
use std::path::PathBuf;

/// Ceasefire: a negotiation war-game. Turn a fragile border ceasefire into a durable accord.
#[derive(Parser)]
#[command(name = "ceasefire", version, about)]
pub struct Cli {
    /// The command; none opens the title screen.
    #[command(subcommand)]
    pub command: Option<Command>,
    /// Options every terminal-game command shares.
    #[command(flatten)]
    pub ui: UiArgs,
}

/// The commands, one per job.
#[derive(Subcommand)]
pub enum Command {
    /// Play a game in the terminal (with no arguments at all: the title screen).
    Play(PlayArgs),
    /// Resume a saved game.
    Load {
        /// The save file.
        file: PathBuf,
        /// How fast bots' moves appear.
        #[arg(long, value_enum, default_value_t)]
        speed: SpeedArg,
    },
    /// Check a scenario folder (or a built-in scenario name) for mistakes.
    Validate {
        /// The scenario folder, or the name of a built-in scenario.
        path: String,
        /// Print the scenario's cards, events and objectives as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Play many headless games between bots and summarise the outcomes.
    Sim(SimArgs),
    /// Step through a saved game in the terminal (with --verify: replay headless, check it).
    Replay {
        /// The save file.
        file: PathBuf,
        /// Check the save's digest and exit 0 only when it matches.
        #[arg(long)]
        verify: bool,
    },
    /// Write the after-action report of saved games (Markdown, or JSON with --format json).
    Report {
        /// The save files; several of the same scenario and seed are compared.
        #[arg(required = true)]
        saves: Vec<PathBuf>,
        /// Write to this file instead of standard output.
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
        /// The report's format.
        #[arg(long, value_enum, default_value_t)]
        format: ReportFormat,
    },
    /// Open the facilitator's console of a server (runs `ssh -p PORT facilitator@HOST`).
    Facilitate {
        /// The server's address.
        #[arg(long, default_value = "127.0.0.1")]
        host: String,
        /// The server's port.
        #[arg(long, default_value_t = 2222)]
        port: u16,
    },
    /// Run an SSH server: players join tables with a plain `ssh` client.
    Serve(Box<ServeArgs>),
    /// The config file of keys (~/.config/ceasefire/config.toml): print the defaults, or check one.
    Config {
        /// Print a config file with every command and its default keys.
        #[arg(long)]
        print_default: bool,
        /// Check a config file (without FILE: the one the game reads) and say what is wrong.
        #[arg(long, value_name = "FILE", num_args = 0..=1)]
        check: Option<Option<std::path::PathBuf>>,
    },
    /// Print a save's state.
    Inspect {
        /// The save file.
        file: PathBuf,
        /// As JSON: rules version, round, meters, outcome (or null), actions.
        #[arg(long)]
        json: bool,
    },
    /// Print a shell completion script (install it where the shell looks for completions).
    Completions {
        /// The shell to complete in.
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff), or write one page per command into a folder.
    Man {
        /// Write `ceasefire.1`, `ceasefire-play.1`, … into this folder instead.
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
    },
}

/// `play`: a new game in the terminal.
#[derive(clap::Args)]
pub struct PlayArgs {
    /// Built-in scenario name or scenario folder.
    #[arg(long, default_value = "istanbul")]
    pub scenario: String,
    /// Who plays a seat, as SEAT=human|random|easy|normal|hard (repeatable). Unnamed seats:
    /// Pakistan is human, the others `normal` bots.
    #[arg(
        long = "seat",
        value_name = "SEAT=WHO",
        value_parser = SeatParser::<Controller>::new(),
        hide_possible_values = true
    )]
    pub seats: Vec<SeatChoice<Controller>>,
    /// The game's seed; a random one when omitted.
    #[arg(long)]
    pub seed: Option<u64>,
    /// How fast bots' moves appear.
    #[arg(long, value_enum, default_value_t)]
    pub speed: SpeedArg,
}

/// Options every command that opens the terminal game shares.
#[derive(clap::Args, Default, Clone)]
pub struct UiArgs {
    /// Where games are saved (default: ./saves if it exists, else the user's data folder).
    #[arg(long, global = true, value_name = "DIR")]
    pub saves: Option<PathBuf>,
}

/// `serve`: the SSH server.
#[derive(clap::Args)]
pub struct ServeArgs {
    /// Address and port to listen on.
    #[arg(long, default_value = "127.0.0.1:2222")]
    pub bind: std::net::SocketAddr,
    /// The scenario of the tables opened at start (built-in name or folder).
    #[arg(long, default_value = "istanbul")]
    pub scenario: String,
    /// A bot at every table opened at start, as SEAT=BOT (repeatable); other seats wait for
    /// players.
    #[arg(
        long = "seat",
        value_name = "SEAT=BOT",
        value_parser = SeatParser::<Policy>::new(),
        hide_possible_values = true
    )]
    pub seats: Vec<SeatChoice<Policy>>,
    /// The seed of the tables opened at start; a random one when omitted.
    #[arg(long)]
    pub seed: Option<u64>,
    /// Open this many tables at start, all the same game (join table 3 as `pakistan.3@`).
    #[arg(long, default_value_t = 1)]
    pub tables: u32,
    /// The host key (created on first start and kept).
    #[arg(long, value_name = "FILE")]
    pub host_key: Option<PathBuf>,
    /// A password every player must give.
    #[arg(long, value_name = "SECRET")]
    pub password: Option<String>,
    /// Only holders of these keys may connect (an OpenSSH authorized_keys file).
    #[arg(long, value_name = "FILE")]
    pub authorized_keys: Option<PathBuf>,
    /// The facilitator's own password: `ssh facilitator@HOST` opens the console with it.
    #[arg(long, value_name = "SECRET")]
    pub facilitator_password: Option<String>,
    /// Allow anyone to connect on a non-loopback address without authentication.
    #[arg(long)]
    pub open: bool,
    /// Bring back the unfinished tables of an earlier run from the saves folder (after a
    /// restart or a crash); players log in as before. New tables open only if none is found.
    #[arg(long)]
    pub resume: bool,
    /// Most connections at once, logged in or not; more are refused at once with one line.
    /// Lowered at start if the open-file limit (`ulimit -n`) cannot hold them.
    #[arg(long, default_value_t = 500)]
    pub max_connections: usize,
    /// Most connections at once from one address (a whole room may share one, behind NAT).
    #[arg(long, default_value_t = 250)]
    pub max_per_address: usize,
    /// Seconds a connection may take to log in and open its terminal before it is closed.
    #[arg(long, default_value_t = 60)]
    pub login_seconds: u64,
    /// Minutes without a key pressed after which a connection is closed (its seat waits).
    #[arg(long, default_value_t = 30)]
    pub idle_minutes: u64,
    /// The same in seconds, for tests (overrides --idle-minutes).
    #[arg(long, hide = true)]
    pub idle_seconds: Option<u64>,
    /// Append the server's log (connections, logins, failures) to FILE; RUST_LOG sets the
    /// filter.
    #[arg(long, value_name = "FILE")]
    pub log: Option<std::path::PathBuf>,
    /// Milliseconds a bot waits before each move, so players can follow.
    #[arg(long, default_value_t = 400)]
    pub bot_delay_ms: u64,
    /// Seats need no join code: anyone admitted may sit in any free or away seat (a
    /// trusted room). Without it each seat has a code, printed at start and shown in the
    /// console: the login's password (`ssh pakistan.2@HOST`, password the code) or typed
    /// when asked; a key-authenticated player's key is bound to the seat it takes.
    #[arg(long)]
    pub open_seats: bool,
    /// Most logins that may share one seat as its delegation (1 to 32): the first to sit
    /// holds the pen and acts, the others see the seat and propose moves; one more is
    /// refused. 1: one login a seat.
    #[arg(long, default_value_t = 4, value_parser = clap::value_parser!(u8).range(1..=32))]
    pub team_size: u8,
    /// The seed of tables opened from the lobby: `fresh` (a random one each) or `same` (the
    /// room's seed, like the tables opened at start).
    #[arg(long, value_name = "fresh|same", default_value = "fresh")]
    pub lobby_seed: ceasefire::server::room::LobbySeed,
    /// Most tables open at once, in all.
    #[arg(long, default_value_t = 32)]
    pub max_tables: usize,
    /// Most unfinished tables one lobby user may have opened at once.
    #[arg(long, default_value_t = 2)]
    pub tables_per_user: usize,
    /// Minutes a table opened from the lobby stays open with nobody seated or watching (a
    /// finished one: one minute); then it closes, its save kept.
    #[arg(long, default_value_t = 10)]
    pub reclaim_minutes: u64,
    /// Threads that draw the players' screens and speak SSH (default: one per core; at least
    /// 1). The bots think on a pool of their own, not on these.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..=1024))]
    pub workers: Option<u16>,
}

/// `sim`: headless games between bots.
#[derive(clap::Args)]
pub struct SimArgs {
    /// Built-in scenario name or scenario folder.
    #[arg(long, default_value = "istanbul")]
    pub scenario: String,
    /// Number of games (at least 1).
    #[arg(long, default_value_t = 1000, value_parser = clap::value_parser!(u32).range(1..))]
    pub games: u32,
    /// Master seed: the same seed gives the same results.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// A seat's bot, as SEAT=POLICY (repeatable); unnamed seats are random.
    #[arg(
        long = "seat",
        value_name = "SEAT=POLICY",
        value_parser = SeatParser::<Policy>::new(),
        hide_possible_values = true
    )]
    pub seats: Vec<SeatChoice<Policy>>,
    /// Print the results as JSON (with decision times and per-card statistics).
    #[arg(long)]
    pub json: bool,
    /// Print a balance report: confidence intervals, the design's targets with measured
    /// advice for a miss, dead and dominant cards.
    #[arg(long, conflicts_with = "json")]
    pub report: bool,
    /// Games a value the report's probe plays for each candidate knob when a target is
    /// missed (13 runs, two more per actor); 0 skips the probe and suggests sweeps instead.
    #[arg(long, value_name = "N", default_value_t = 100, requires = "report")]
    pub probe_games: u32,
    /// Run the same games once per value of one scenario setting, as KEY=A,B,C (KEY is
    /// rules.X, meters.X, enforcement.X, thresholds.X or actors.ID.strength|drift), and
    /// print the outcome shares and mean scores per value.
    #[arg(
        long,
        value_name = "KEY=A,B,C",
        value_parser = super::values::parse_sweep,
        conflicts_with = "report"
    )]
    pub sweep: Option<ceasefire::sim::sweep::SweepSpec>,
    /// Measure every decision's time even when no seat's bot thinks (easy, normal and hard
    /// bots are always timed; passive and random ones answer at once, and timing them would
    /// cost more than their decisions).
    #[arg(long)]
    pub decision_times: bool,
    /// Worker threads (default: one per core); `--threads 1` measures one core.
    #[arg(long)]
    pub threads: Option<usize>,
}
