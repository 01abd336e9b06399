//! The `ceasefire` command line: play, validate scenarios, simulate.

use anyhow::{Context, Result, bail};
use ceasefire::bot::Policy;
use ceasefire::engine::{Scenario, Seat};
use ceasefire::save;
use ceasefire::scenario::{self, ScenarioError, ScenarioSource};
use ceasefire::sim::{self, SimConfig};
use clap::{Parser, Subcommand};
use serde_json::json;
use std::io::Write;
use std::process::ExitCode;
use std::sync::Arc;

/// Ceasefire: a negotiation war-game. Turn a fragile border ceasefire into a durable accord.
#[derive(Parser)]
#[command(version, about)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    #[command(flatten)]
    ui: UiArgs,
}

#[derive(Subcommand)]
enum Command {
    /// Play a game in the terminal (with no arguments at all: the title screen).
    Play(PlayArgs),
    /// Resume a saved game.
    Load {
        /// The save file.
        file: std::path::PathBuf,
        /// How fast bots' moves appear: instant, fast or normal.
        #[arg(long, default_value = "normal")]
        speed: String,
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
        file: std::path::PathBuf,
        /// Check the save's digest and exit 0 only when it matches.
        #[arg(long)]
        verify: bool,
    },
    /// Write the after-action report of saved games (Markdown, or JSON with --format json).
    Report {
        /// The save files; several of the same scenario and seed are compared.
        #[arg(required = true)]
        saves: Vec<std::path::PathBuf>,
        /// Write to this file instead of standard output.
        #[arg(long, value_name = "FILE")]
        out: Option<std::path::PathBuf>,
        /// markdown or json.
        #[arg(long, default_value = "markdown")]
        format: String,
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
    Serve(ServeArgs),
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
        file: std::path::PathBuf,
        /// As JSON: round, meters, outcome (or null), actions.
        #[arg(long)]
        json: bool,
    },
}

#[derive(clap::Args, Default)]
struct PlayArgs {
    /// Built-in scenario name or scenario folder.
    #[arg(long, default_value = "istanbul")]
    scenario: String,
    /// Who plays a seat, as SEAT=human|random|easy|normal|hard (repeatable). Unnamed seats:
    /// Pakistan is human, the others `normal` bots.
    #[arg(long = "seat", value_name = "SEAT=WHO")]
    seats: Vec<String>,
    /// The game's seed; a random one when omitted.
    #[arg(long)]
    seed: Option<u64>,
    /// How fast bots' moves appear: instant, fast or normal.
    #[arg(long, default_value = "normal")]
    speed: String,
}

/// Options every command that opens the terminal game shares.
#[derive(clap::Args, Default, Clone)]
struct UiArgs {
    /// Where games are saved (default: ./saves if it exists, else the user's data folder).
    #[arg(long, global = true, value_name = "DIR")]
    saves: Option<std::path::PathBuf>,
}

#[derive(clap::Args)]
struct ServeArgs {
    /// Address and port to listen on.
    #[arg(long, default_value = "127.0.0.1:2222")]
    bind: std::net::SocketAddr,
    /// The scenario of the tables opened at start (built-in name or folder).
    #[arg(long, default_value = "istanbul")]
    scenario: String,
    /// A bot at every table opened at start, as SEAT=BOT (repeatable); other seats wait for
    /// players.
    #[arg(long = "seat", value_name = "SEAT=BOT")]
    seats: Vec<String>,
    /// The seed of the tables opened at start; a random one when omitted.
    #[arg(long)]
    seed: Option<u64>,
    /// Open this many tables at start, all the same game (join table 3 as `pakistan.3@`).
    #[arg(long, default_value_t = 1)]
    tables: u32,
    /// The host key (created on first start and kept).
    #[arg(long, value_name = "FILE")]
    host_key: Option<std::path::PathBuf>,
    /// A password every player must give.
    #[arg(long, value_name = "SECRET")]
    password: Option<String>,
    /// Only holders of these keys may connect (an OpenSSH authorized_keys file).
    #[arg(long, value_name = "FILE")]
    authorized_keys: Option<std::path::PathBuf>,
    /// The facilitator's own password: `ssh facilitator@HOST` opens the console with it.
    #[arg(long, value_name = "SECRET")]
    facilitator_password: Option<String>,
    /// Allow anyone to connect on a non-loopback address without authentication.
    #[arg(long)]
    open: bool,
    /// Bring back the unfinished tables of an earlier run from the saves folder (after a
    /// restart or a crash); players log in as before. New tables open only if none is found.
    #[arg(long)]
    resume: bool,
    /// Most connections at once.
    #[arg(long, default_value_t = 100)]
    max_connections: usize,
    /// Minutes without a key pressed after which a connection is closed (its seat waits).
    #[arg(long, default_value_t = 30)]
    idle_minutes: u64,
    /// The same in seconds, for tests (overrides --idle-minutes).
    #[arg(long, hide = true)]
    idle_seconds: Option<u64>,
    /// Milliseconds a bot waits before each move, so players can follow.
    #[arg(long, default_value_t = 400)]
    bot_delay_ms: u64,
}

#[derive(clap::Args)]
struct SimArgs {
    /// Built-in scenario name or scenario folder.
    #[arg(long, default_value = "istanbul")]
    scenario: String,
    /// Number of games.
    #[arg(long, default_value_t = 1000)]
    games: u32,
    /// Master seed: the same seed gives the same results.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// A seat's bot, as SEAT=POLICY (repeatable); unnamed seats are random.
    #[arg(long = "seat", value_name = "SEAT=POLICY")]
    seats: Vec<String>,
    /// Print the results as JSON (with decision times and per-card statistics).
    #[arg(long)]
    json: bool,
    /// Print a balance report: confidence intervals, dead and dominant cards.
    #[arg(long, conflicts_with = "json")]
    report: bool,
    /// Worker threads (default: one per core); `--threads 1` measures one core.
    #[arg(long)]
    threads: Option<usize>,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        None => title(&cli.ui),
        Some(Command::Play(args)) => play(args, &cli.ui),
        Some(Command::Load { file, speed }) => load(&file, &speed, &cli.ui),
        Some(Command::Validate { path, json }) => validate(&path, json),
        Some(Command::Sim(args)) => simulate(args),
        Some(Command::Replay { file, verify }) => replay(&file, verify, &cli.ui),
        Some(Command::Inspect { file, json }) => inspect(&file, json),
        Some(Command::Serve(args)) => serve(args, &cli.ui),
        Some(Command::Facilitate { host, port }) => facilitate(&host, port),
        Some(Command::Report { saves, out, format }) => report(&saves, out.as_deref(), &format),
        Some(Command::Config {
            print_default,
            check,
        }) => config(print_default, check),
    };
    match result {
        Ok(code) => code,
        Err(error) => {
            if is_broken_pipe(&error) {
                return ExitCode::SUCCESS;
            }
            eprintln!("error: {}", error_text(&error));
            ExitCode::FAILURE
        }
    }
}

fn is_broken_pipe(error: &anyhow::Error) -> bool {
    error
        .downcast_ref::<std::io::Error>()
        .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
}

fn load_scenario(name_or_path: &str) -> Result<Arc<Scenario>> {
    let scenario = scenario::load(name_or_path).map_err(|e| anyhow::anyhow!("{e}"))?;
    Ok(Arc::new(scenario))
}

/// Parses `--seat SEAT=VALUE` pairs over per-seat `defaults` (`example` shows the form).
fn seat_values<T: std::str::FromStr<Err = String>>(
    pairs: &[String],
    defaults: [T; 3],
    example: &str,
) -> Result<[T; 3]> {
    let mut values = defaults;
    for pair in pairs {
        let Some((seat, value)) = pair.split_once('=') else {
            bail!("--seat takes SEAT=WHO, for example --seat {example} (got `{pair}`)");
        };
        let seat = Seat::from_key(seat).with_context(|| {
            format!("unknown seat `{seat}`: choose pakistan, afghanistan or mediator")
        })?;
        values[seat.index()] = value.parse().map_err(anyhow::Error::msg)?;
    }
    Ok(values)
}

/// `sim`: a bot per seat, `random` unless named.
fn seat_policies(pairs: &[String]) -> Result<[Policy; 3]> {
    seat_values(pairs, [Policy::Random; 3], "pakistan=hard")
}

/// An error and its causes on one line, leaving out a cause the message already quotes.
fn error_text(error: &anyhow::Error) -> String {
    let mut text = error.to_string();
    for cause in error.chain().skip(1) {
        let cause = cause.to_string();
        if !text.contains(&cause) {
            text = format!("{text}: {cause}");
        }
    }
    text
}

fn validate(path: &str, json: bool) -> Result<ExitCode> {
    let source = ScenarioSource::find(path);
    let unused = source
        .as_ref()
        .map_or_else(|_| Vec::new(), ScenarioSource::unused_files);
    let built = source.and_then(|source| source.build());
    let mut out = std::io::stdout().lock();
    // Not an error, but likely a surprise: a file of cards the game never reads.
    if !json {
        for file in &unused {
            eprintln!(
                "note: {file} is not named in scenario.toml's [decks]: nothing in it is in the game"
            );
        }
    }
    match built {
        Ok(scenario) if json => {
            writeln!(
                out,
                "{}",
                serde_json::to_string_pretty(&scenario_json(&scenario))?
            )?;
            Ok(ExitCode::SUCCESS)
        }
        Ok(scenario) => {
            writeln!(
                out,
                "{} is valid: {} cards, {} events, {} objectives, {} rounds.",
                scenario.title,
                scenario.cards.len(),
                scenario.events.len(),
                scenario.objectives.len(),
                scenario.rounds
            )?;
            Ok(ExitCode::SUCCESS)
        }
        Err(error) if json => {
            writeln!(
                out,
                "{}",
                serde_json::to_string_pretty(&error_json(&error))?
            )?;
            Ok(ExitCode::FAILURE)
        }
        Err(error) => {
            eprintln!("{error}");
            Ok(ExitCode::FAILURE)
        }
    }
}

fn scenario_json(scenario: &Scenario) -> serde_json::Value {
    json!({
        "valid": true,
        "name": scenario.name,
        "title": scenario.title,
        "rounds": scenario.rounds,
        "cards": scenario.cards.iter().map(|c| json!({
            "id": c.id, "name": c.name, "kind": c.kind.key(),
            "seats": c.seats.iter().map(|s| s.key()).collect::<Vec<_>>(), "cost": c.cost,
        })).collect::<Vec<_>>(),
        "events": scenario.events.iter().map(|e| json!({"id": e.id, "name": e.name})).collect::<Vec<_>>(),
        "objectives": scenario.objectives.iter().map(|o| json!({
            "id": o.id, "seat": o.seat.key(), "name": o.name,
        })).collect::<Vec<_>>(),
    })
}

/// `error` is the first problem, `errors` every problem found (the first included).
fn error_json(error: &ScenarioError) -> serde_json::Value {
    let one = |e: &ScenarioError| {
        json!({
            "file": e.file.display().to_string(),
            "line": e.line,
            "column": e.column,
            "message": e.message,
            "hint": e.hint,
        })
    };
    json!({
        "valid": false,
        "error": one(error),
        "errors": error.all().map(one).collect::<Vec<_>>(),
    })
}

fn replay(file: &std::path::Path, verify: bool, ui: &UiArgs) -> Result<ExitCode> {
    let loaded = save::load(file)?;
    if !verify {
        require_terminal()?;
        let viewer = ceasefire::tui::Replay::new(loaded.file, &loaded.game);
        let app = ceasefire::tui::App::replaying(ui_options(ui, "normal")?, viewer);
        ceasefire::tui::run(app)?;
        return Ok(ExitCode::SUCCESS);
    }
    let outcome = loaded
        .game
        .outcome()
        .map_or("in progress".to_string(), |o| o.to_string());
    println!(
        "{}: verified — {} actions replay to digest {} (round {}, {outcome}).",
        file.display(),
        loaded.file.actions.len(),
        loaded.file.digest,
        loaded.game.round()
    );
    Ok(ExitCode::SUCCESS)
}

fn inspect(file: &std::path::Path, json: bool) -> Result<ExitCode> {
    let loaded = save::load(file)?;
    let game = &loaded.game;
    let meters: serde_json::Map<String, serde_json::Value> = ceasefire::engine::Meter::ALL
        .iter()
        .map(|m| (m.key().to_string(), json!(game.meters().get(*m))))
        .collect();
    if json {
        let value = json!({
            "scenario": game.scenario().name,
            "seed": game.seed(),
            "round": game.round(),
            "meters": meters,
            "outcome": game.outcome().map(|o| o.kind().key()),
            "actions": game.actions().len(),
        });
        println!("{}", serde_json::to_string_pretty(&value)?);
    } else {
        println!(
            "{} — seed {}, round {}",
            game.scenario().title,
            game.seed(),
            game.round()
        );
        for meter in ceasefire::engine::Meter::ALL {
            println!("  {:<20} {}", meter.to_string(), game.meters().get(meter));
        }
        let outcome = game
            .outcome()
            .map_or("in progress".to_string(), |o| o.to_string());
        println!("{} actions; {outcome}", game.actions().len());
    }
    Ok(ExitCode::SUCCESS)
}

fn simulate(args: SimArgs) -> Result<ExitCode> {
    use std::io::IsTerminal;
    let config = SimConfig {
        scenario: load_scenario(&args.scenario)?,
        games: args.games,
        seed: args.seed,
        policies: seat_policies(&args.seats)?,
        progress: std::io::stderr().is_terminal(),
    };
    let mut pool = rayon::ThreadPoolBuilder::new();
    if let Some(threads) = args.threads {
        pool = pool.num_threads(threads.max(1));
    }
    let report = pool.build()?.install(|| sim::run(&config));
    let mut out = std::io::stdout().lock();
    if args.json {
        writeln!(out, "{}", serde_json::to_string_pretty(&report)?)?;
    } else if args.report {
        write!(out, "{}", sim::render_report(&config, &report))?;
    } else {
        write!(out, "{}", sim::render_summary(&config, &report))?;
    }
    Ok(ExitCode::SUCCESS)
}

/// The terminal game's options from the command line and the environment (and its keys from
/// the config file).
fn ui_options(ui: &UiArgs, speed: &str) -> Result<ceasefire::tui::Options> {
    ceasefire::tui::keys::install_config()?;
    Ok(ceasefire::tui::Options {
        saves_dir: Some(save::saves_dir(ui.saves.as_deref())),
        speed: speed.parse().map_err(anyhow::Error::msg)?,
        theme: ceasefire::tui::Theme::from_env(),
    })
}

/// Refuses to start the terminal game without a terminal to draw on.
fn require_terminal() -> Result<()> {
    use std::io::IsTerminal;
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        bail!(
            "the game needs a terminal to draw on; for headless games use `ceasefire sim`, \
             and to check a save `ceasefire replay FILE --verify`"
        );
    }
    Ok(())
}

fn title(ui: &UiArgs) -> Result<ExitCode> {
    require_terminal()?;
    let app = ceasefire::tui::App::new(ui_options(ui, "normal")?);
    ceasefire::tui::run(app)?;
    Ok(ExitCode::SUCCESS)
}

fn play(args: PlayArgs, ui: &UiArgs) -> Result<ExitCode> {
    let options = ui_options(ui, &args.speed)?;
    let seats = seat_controllers(&args.seats)?;
    let play = ceasefire::tui::Play::start(&args.scenario, seats, args.seed, &options)
        .map_err(anyhow::Error::msg)?;
    require_terminal()?;
    let app = ceasefire::tui::App::playing(options, play, std::time::Instant::now());
    ceasefire::tui::run(app)?;
    Ok(ExitCode::SUCCESS)
}

fn load(file: &std::path::Path, speed: &str, ui: &UiArgs) -> Result<ExitCode> {
    let options = ui_options(ui, speed)?;
    let play = ceasefire::tui::Play::load(file, &options).map_err(anyhow::Error::msg)?;
    require_terminal()?;
    let app = ceasefire::tui::App::playing(options, play, std::time::Instant::now());
    ceasefire::tui::run(app)?;
    Ok(ExitCode::SUCCESS)
}

/// `play`: Pakistan is a person and the other seats `normal` bots unless named.
fn seat_controllers(pairs: &[String]) -> Result<[ceasefire::table::Controller; 3]> {
    use ceasefire::table::Controller;
    let normal = Controller::Bot(Policy::Normal);
    seat_values(
        pairs,
        [Controller::Human, normal, normal],
        "afghanistan=human",
    )
}

fn serve(args: ServeArgs, ui: &UiArgs) -> Result<ExitCode> {
    // Seats named here get a bot; the others wait for players.
    let bots = seat_values(&args.seats, [SeatBot(None); 3], "mediator=hard")?.map(|b| b.0);
    let host_key = args.host_key.unwrap_or_else(|| {
        dirs::data_dir()
            .unwrap_or_else(|| std::path::PathBuf::from("."))
            .join("ceasefire")
            .join("host_ed25519")
    });
    let config = ceasefire::server::ServeConfig {
        bind: args.bind,
        scenario: ScenarioSource::find(&args.scenario).map_err(|e| anyhow::anyhow!("{e}"))?,
        bots,
        seed: args.seed.unwrap_or_else(ceasefire::table::seed_from_time),
        tables: args.tables,
        host_key,
        password: args.password,
        authorized_keys: args.authorized_keys,
        facilitator_password: args.facilitator_password,
        open: args.open,
        resume: args.resume,
        saves_dir: Some(save::saves_dir(ui.saves.as_deref())),
        max_connections: args.max_connections,
        idle_timeout: std::time::Duration::from_secs(
            args.idle_seconds.unwrap_or(args.idle_minutes * 60).max(1),
        ),
        bot_delay: std::time::Duration::from_millis(args.bot_delay_ms),
    };
    ceasefire::tui::keys::install_config()?;
    ceasefire::server::run(config)?;
    Ok(ExitCode::SUCCESS)
}

/// `ceasefire config`: prints the default config file, or checks one.
fn config(print_default: bool, check: Option<Option<std::path::PathBuf>>) -> Result<ExitCode> {
    use ceasefire::tui::keys;
    if print_default {
        print!("{}", keys::default_config_toml());
        return Ok(ExitCode::SUCCESS);
    }
    let path = match &check {
        Some(Some(path)) => path.clone(),
        _ => keys::config_path().context("no config directory on this system")?,
    };
    if !path.exists() && !matches!(check, Some(Some(_))) {
        println!(
            "{}: not there, so the default keys are used.",
            path.display()
        );
        return Ok(ExitCode::SUCCESS);
    }
    if check.is_none() {
        println!("{}", path.display());
        return Ok(ExitCode::SUCCESS);
    }
    keys::load_config_file(&path)?;
    println!("{}: the keys are fine.", path.display());
    Ok(ExitCode::SUCCESS)
}

fn report(
    saves: &[std::path::PathBuf],
    out: Option<&std::path::Path>,
    format: &str,
) -> Result<ExitCode> {
    if !matches!(format, "markdown" | "json") {
        bail!("unknown format `{format}`: choose markdown or json");
    }
    let mut games = Vec::new();
    for path in saves {
        let loaded = save::load(path)?;
        let name = path.file_stem().map_or_else(
            || path.display().to_string(),
            |s| s.to_string_lossy().to_string(),
        );
        games.push((name, loaded.file, loaded.game));
    }
    let bundle = ceasefire::report::bundle(&games);
    let text = if format == "json" {
        serde_json::to_string_pretty(&bundle)? + "\n"
    } else {
        ceasefire::report::to_markdown(&bundle)
    };
    match out {
        Some(path) => {
            save::write_atomic(path, text.as_bytes())?;
            eprintln!("wrote {}", path.display());
        }
        None => std::io::stdout().lock().write_all(text.as_bytes())?,
    }
    Ok(ExitCode::SUCCESS)
}

/// A `--seat SEAT=BOT` value for `serve`: a bot, or (unnamed) a seat for a person.
#[derive(Clone, Copy)]
struct SeatBot(Option<Policy>);

impl std::str::FromStr for SeatBot {
    type Err = String;
    fn from_str(s: &str) -> Result<SeatBot, String> {
        s.parse().map(|policy| SeatBot(Some(policy)))
    }
}

/// The console is served over SSH like every seat; this opens it with the user's own `ssh`.
fn facilitate(host: &str, port: u16) -> Result<ExitCode> {
    let status = std::process::Command::new("ssh")
        .args(["-t", "-p", &port.to_string()])
        .arg(format!("facilitator@{host}"))
        .status()
        .context("could not run `ssh`: install the OpenSSH client")?;
    Ok(match status.code() {
        Some(0) => ExitCode::SUCCESS,
        _ => ExitCode::FAILURE,
    })
}
