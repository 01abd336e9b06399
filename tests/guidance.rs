//! What the table screen tells a player beyond the cards: the rules in the help (`?`, a Keys
//! and a Rules tab, with the scenario's numbers), the account of what happened since the
//! player's last turn, the ± column's basis, and a card whose effect a cap would waste; also
//! the focus after an event prompt answered from the log.

use ceasefire::bot::Policy;
use ceasefire::engine::Decision;
use ceasefire::table::Controller;
use ceasefire::tui::{App, Options, Play, Speed, Theme};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent};
use ratatui::layout::Rect;
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

/// Lets bots move until a person must act or the game ends.
fn settle(app: &mut App) {
    for _ in 0..2000 {
        if app.wake_at().is_none() {
            return;
        }
        app.tick(Instant::now() + Duration::from_secs(3600));
    }
    panic!("bots never stopped");
}

fn render(app: &mut App, (width, height): (u16, u16)) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    app.resize(Rect::new(0, 0, width, height));
    terminal.draw(|frame| app.draw(frame)).unwrap();
    terminal.backend().to_string()
}

/// A solo game of `scenario` (Pakistan a person, random bots elsewhere) with the brief
/// closed and the bots settled: Pakistan to act.
fn solo(scenario: &str, seed: u64) -> App {
    let bot = Controller::Bot(Policy::Random);
    let play = Play::start(
        scenario,
        [Controller::Human, bot, bot],
        Some(seed),
        &options(),
    )
    .expect("the scenario starts");
    let mut app = App::playing(options(), play, Instant::now());
    press(&mut app, KeyCode::Enter);
    settle(&mut app);
    app
}

/// What Pakistan must decide now, if anything.
fn decision(app: &App) -> Option<Decision> {
    app.play()
        .and_then(|p| p.session().game().to_act())
        .map(|(_, d)| d)
}

fn actions(app: &App) -> usize {
    app.play().unwrap().session().game().actions().len()
}

#[test]
fn an_event_answered_after_a_look_at_the_log_leaves_enter_playing_cards() {
    // The tutorial's third round opens with an attack that asks Pakistan how to respond.
    let mut app = solo("tutorial", 11);
    for _ in 0..40 {
        if decision(&app) == Some(Decision::EventChoice) {
            break;
        }
        press(&mut app, KeyCode::Char('p'));
        press(&mut app, KeyCode::Enter);
        settle(&mut app);
    }
    assert_eq!(decision(&app), Some(Decision::EventChoice));
    // Esc puts the question aside; Tab goes to the log; Enter brings the question back and
    // answers it.
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Enter);
    settle(&mut app);
    // Close whatever account of the others' moves is showing, as a player would.
    for _ in 0..3 {
        if render(&mut app, (80, 24)).contains("p pass") {
            break;
        }
        press(&mut app, KeyCode::Esc);
    }
    assert_eq!(decision(&app), Some(Decision::Negotiate));
    let screen = render(&mut app, (80, 24));
    assert!(screen.contains("Enter play"), "{screen}");
    let before = actions(&app);
    press(&mut app, KeyCode::Enter);
    let screen = render(&mut app, (80, 24));
    assert!(
        actions(&app) > before || screen.contains("Esc cancel"),
        "Enter played nothing:\n{screen}"
    );
}

fn snapshot(name: &str, app: &mut App) {
    for size in [(80, 24), (120, 40)] {
        let screen = render(app, size);
        insta::assert_snapshot!(format!("{name}_{}x{}", size.0, size.1), screen);
    }
}

#[test]
fn the_help_has_a_rules_tab_with_the_scenarios_numbers() {
    for scenario in ["tutorial", "istanbul"] {
        let mut app = solo(scenario, 11);
        press(&mut app, KeyCode::Char('?'));
        let keys = render(&mut app, (80, 24));
        assert!(keys.contains("[Keys]"), "{keys}");
        press(&mut app, KeyCode::Tab);
        let rules = render(&mut app, (80, 24));
        assert!(
            rules.contains("[Rules]") && rules.contains("The round"),
            "{rules}"
        );
        snapshot(&format!("rules_{scenario}"), &mut app);
        // Scrolled to its end, the last part shows.
        press(&mut app, KeyCode::End);
        let end = render(&mut app, (80, 24));
        assert!(end.contains("Reading the table"), "{end}");
        snapshot(&format!("rules_{scenario}_end"), &mut app);
        // ← goes back to the keys; Esc closes.
        press(&mut app, KeyCode::Left);
        assert!(render(&mut app, (80, 24)).contains("[Keys]"));
        press(&mut app, KeyCode::Esc);
        assert!(!render(&mut app, (80, 24)).contains("[Keys]"));
    }
}

/// The rules of a scenario as one text.
fn rules_text(scenario: &ceasefire::engine::Scenario) -> String {
    ceasefire::engine::rulebook(scenario)
        .iter()
        .flat_map(|s| std::iter::once(s.title.clone()).chain(s.points.clone()))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn the_rules_text_reads_its_numbers_from_the_scenario() {
    use ceasefire::engine::Basket;
    let mut scenario = ceasefire::scenario::load("istanbul").unwrap();
    let text = rules_text(&scenario);
    // istanbul's own numbers, where they differ from the defaults.
    for expected in [
        "10 rounds",
        "Credibility −7",
        "Credibility −13",
        "Verification ≥35",
        "Pakistan 75, Afghanistan 60",
        "rules version 2",
        "Sovereignty is below 15",
    ] {
        assert!(text.contains(expected), "{expected}:\n{text}");
    }
    // Each number changed changes the text.
    scenario.rules.durable_trust = 73;
    scenario.thresholds[Basket::Security.index()] = 41;
    scenario.rules.walkout_sovereignty = 12;
    scenario.rules.stall_credibility = 9;
    scenario.scoring.durable_peace = 12;
    scenario.rounds = 7;
    let changed = rules_text(&scenario);
    for expected in [
        "Trust ≥73",
        "Security ≥41",
        "Sovereignty is below 12",
        "Credibility −9",
        "durable peace +12",
        "7 rounds",
    ] {
        assert!(changed.contains(expected), "{expected}:\n{changed}");
        assert!(!text.contains(expected), "{expected} was there before");
    }
    // Version 1 says what its accord does.
    scenario.rules.version = 1;
    let first = rules_text(&scenario);
    assert!(first.contains("rules version 1") && first.contains("Signed, the talks end"));
}
