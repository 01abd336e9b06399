//! The keymap end to end: in every context the help lists every command with the keys it has
//! and each of those keys dispatches to it; a remapped key changes dispatch, footer and help;
//! a bad config file is refused with file:line:column; `ceasefire config --print-default`
//! prints a file that reads back as the defaults.

use ceasefire::bot::Policy;
use ceasefire::scenario::ScenarioSource;
use ceasefire::server::dashboard::Dashboard;
use ceasefire::server::tables::Tables;
use ceasefire::table::Controller;
use ceasefire::tui::keys::{
    self, Command, Commands, ConsoleCommand, Keymap, MenuCommand, ReplayCommand,
};
use ceasefire::tui::screens::help::{self, HelpFor};
use ceasefire::tui::{App, Options, Play, Speed, Theme};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent};
use ratatui::layout::Rect;
use std::path::Path;
use std::time::{Duration, Instant};

fn options() -> Options {
    Options {
        saves_dir: None,
        speed: Speed::Instant,
        theme: Theme::new(false),
    }
}

fn press(app: &mut App, code: KeyCode) {
    app.handle(&Event::Key(KeyEvent::from(code)), Instant::now());
}

fn settle(app: &mut App) {
    for _ in 0..2000 {
        if app.wake_at().is_none() {
            return;
        }
        app.tick(Instant::now() + Duration::from_secs(3600));
    }
    panic!("bots never stopped");
}

fn render(app: &mut App) -> String {
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    app.resize(Rect::new(0, 0, 80, 24));
    terminal.draw(|frame| app.draw(frame)).unwrap();
    terminal.backend().to_string()
}

/// A solo tutorial game with the brief closed and the bots settled: Pakistan to act.
fn at_the_table() -> App {
    let bot = Controller::Bot(Policy::Random);
    let play = Play::start(
        "tutorial",
        [Controller::Human, bot, bot],
        Some(11),
        &options(),
    )
    .expect("the tutorial starts");
    let mut app = App::playing(options(), play, Instant::now());
    press(&mut app, KeyCode::Enter);
    settle(&mut app);
    app
}

/// Every command `listed` has a row in `screen` (its keys, then what it does), and each of
/// its keys dispatches to it.
fn help_and_dispatch_agree<C: Commands>(screen: &str, listed: impl Fn(C) -> bool + Copy) {
    let keymap = keys::current();
    let rows = help::rows::<C>(listed);
    for (label, text) in &rows {
        let row = format!(" {label:<12}{text}");
        assert!(screen.contains(&row), "no row `{row}` in:\n{screen}");
    }
    for entry in C::ENTRIES.iter().filter(|e| listed(e.command)) {
        // Yes and no share a row (`y n`, "yes / no (when asked)"), and so, at a game, do up
        // and down, left and right, the next and previous panel: the row's keys start or end
        // with the command's.
        let keys = keys::all_keys(entry.command);
        let shown = rows.iter().any(|(label, text)| {
            *text == entry.help
                || label.starts_with(&format!("{keys} "))
                || label.ends_with(&format!(" {keys}"))
        });
        assert!(shown, "{} is missing from the help:\n{screen}", entry.name);
        for key in keymap.keys(entry.command) {
            assert_eq!(
                keymap.command::<C>(key.event()),
                Some(entry.command),
                "{key} in {:?}",
                C::CONTEXT
            );
        }
    }
}

#[test]
fn in_every_context_the_help_lists_every_command_and_its_keys_dispatch_to_it() {
    // A seat at a game (Pakistan's: the accord is the mediator's).
    let mut app = at_the_table();
    press(&mut app, KeyCode::Char('?'));
    let seat = HelpFor::LocalSeat(false);
    help_and_dispatch_agree::<Command>(&render(&mut app), |c| seat.lists(c));
    assert!(!seat.lists(Command::TableAccord));

    // The menus.
    let mut title = App::new(options());
    press(&mut title, KeyCode::F(1));
    help_and_dispatch_agree::<MenuCommand>(&render(&mut title), |_| true);

    // The replay viewer.
    let session = app.play().unwrap().session();
    let (file, game) = (session.save_file(0), session.game().clone());
    let mut replay = App::replaying(options(), ceasefire::tui::Replay::new(file, &game));
    press(&mut replay, KeyCode::Char('?'));
    help_and_dispatch_agree::<ReplayCommand>(&render(&mut replay), |_| true);

    // The facilitator's console.
    let tables = Tables::new(None, Duration::ZERO);
    let source = ScenarioSource::builtin("tutorial").unwrap();
    tables
        .open(&source, 7, [None, Some(Policy::Random), None])
        .unwrap();
    let mut console = Dashboard::default();
    let help = keys::command::<ConsoleCommand>(KeyEvent::from(KeyCode::Char('?')));
    assert_eq!(help, Some(ConsoleCommand::Help));
    console.handle(help, None, &tables, Path::new("."));
    assert!(console.showing_help());
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    terminal
        .draw(|frame| console.draw(frame, &tables, Theme::new(false)))
        .unwrap();
    let screen = terminal.backend().to_string();
    help_and_dispatch_agree::<ConsoleCommand>(&screen, |_| true);
}

#[test]
fn a_remapped_key_changes_dispatch_footer_and_help() {
    let keymap = keys::parse_config(
        Path::new("config.toml"),
        "[keys.table]\npass = [\"x\"]\nundo = [\"ctrl-z\", \"u\"]\n",
    )
    .unwrap();
    let _remapped = keys::scoped(keymap);
    let mut app = at_the_table();
    let acted = |app: &App| app.play().unwrap().session().game().actions().len();
    let screen = render(&mut app);
    assert!(
        screen.contains("x pass") && !screen.contains("p pass"),
        "{screen}"
    );
    // `p` no longer passes; `x` does.
    let before = acted(&app);
    press(&mut app, KeyCode::Char('p'));
    assert_eq!(acted(&app), before);
    press(&mut app, KeyCode::Char('x'));
    assert!(acted(&app) > before, "x passes");
    settle(&mut app);
    press(&mut app, KeyCode::Char('?'));
    let help = render(&mut app);
    assert!(help.contains(" x           pass: end your turn"), "{help}");
    assert!(
        help.contains(" Ctrl-z u    undo your last action"),
        "{help}"
    );
}

#[test]
fn the_consoles_p_pauses_through_its_own_command_and_follows_a_remap() {
    let tables = Tables::new(None, Duration::ZERO);
    let source = ScenarioSource::builtin("tutorial").unwrap();
    tables
        .open(&source, 7, [None, Some(Policy::Random), None])
        .unwrap();
    let table = tables.all()[0].clone();
    let p = KeyEvent::from(KeyCode::Char('p'));
    assert_eq!(
        keys::command::<ConsoleCommand>(p),
        Some(ConsoleCommand::Pause)
    );
    // At the table, the same key passes: each context has its own commands.
    assert_eq!(keys::command::<Command>(p), Some(Command::Pass));
    let mut console = Dashboard::default();
    console.handle(keys::command(p), Some('p'), &tables, Path::new("."));
    assert!(table.paused(), "{:?}", console.notice);

    let text = "[keys.console]\npause = [\"space\"]\nnew_tables = [\"N\"]\n";
    let keymap = keys::parse_config(Path::new("c.toml"), text).unwrap();
    let _remapped = keys::scoped(keymap);
    assert_eq!(keys::command::<ConsoleCommand>(p), None);
    let space = KeyEvent::from(KeyCode::Char(' '));
    console.handle(keys::command(space), Some(' '), &tables, Path::new("."));
    assert!(!table.paused(), "space resumes: {:?}", console.notice);
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    terminal
        .draw(|frame| console.draw(frame, &tables, Theme::new(false)))
        .unwrap();
    let screen = terminal.backend().to_string();
    assert!(
        screen.contains("Space/a pause") && screen.contains("N copies"),
        "{screen}"
    );
}

#[test]
fn a_bad_config_is_refused_with_its_place_and_a_hint() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("config.toml");
    std::fs::write(&path, "[keys.table]\npass = [\"p\"]\nbrief = [\"p\"]\n").unwrap();
    let error = keys::load_config_file(&path).unwrap_err().to_string();
    let place = format!("{}:3:10:", path.display());
    assert!(error.starts_with(&place), "{error}");
    assert!(
        error.contains("both `brief` and `pass`") && error.contains("hint: "),
        "{error}"
    );

    // The command line says the same, and fails.
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_ceasefire"))
        .args(["config", "--check"])
        .arg(&path)
        .output()
        .unwrap();
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains(&place), "{stderr}");
}

#[test]
fn print_default_reads_back_as_the_default_keymap() {
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_ceasefire"))
        .args(["config", "--print-default"])
        .output()
        .unwrap();
    assert!(output.status.success());
    let text = String::from_utf8(output.stdout).unwrap();
    assert_eq!(text, keys::default_config_toml());
    assert_eq!(
        keys::parse_config(Path::new("default.toml"), &text),
        Ok(Keymap::default())
    );
    // Every context and command is in it.
    for context in keys::Context::ALL {
        assert!(text.contains(&format!("[keys.{}]", context.name())));
        for (name, ..) in context.entries() {
            assert!(text.contains(&format!("\n{name} = [")), "{name}");
        }
    }
}
