//! The terminal screens, drawn to ratatui's `TestBackend` after feeding keys to the app as a
//! player would: snapshots (insta) of every screen at 80x24 and 120x40, and checks of what
//! each seat can and cannot see.

use ceasefire::bot::Policy;
use ceasefire::engine::{Decision, Seat};
use ceasefire::table::Controller;
use ceasefire::tui::{App, Options, Play, Speed, Theme};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, MouseEventKind};
use ratatui::layout::Rect;
use std::time::{Duration, Instant};

const SIZES: [(u16, u16); 2] = [(80, 24), (120, 40)];

fn options() -> Options {
    Options {
        saves_dir: None,
        speed: Speed::Instant,
        theme: Theme::new(false),
    }
}

/// The test options, saving games to `dir`.
fn saving_to(dir: &std::path::Path) -> Options {
    Options {
        saves_dir: Some(dir.to_path_buf()),
        ..options()
    }
}

fn later() -> Instant {
    Instant::now() + Duration::from_secs(3600)
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
        app.tick(later());
    }
    panic!("bots never stopped");
}

fn render(app: &mut App, (width, height): (u16, u16)) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    app.resize(Rect::new(0, 0, width, height));
    terminal.draw(|frame| app.draw(frame)).unwrap();
    terminal.backend().to_string()
}

fn game(seats: [Controller; 3], seed: u64) -> App {
    let play = Play::start("tutorial", seats, Some(seed), &options()).unwrap();
    App::playing(options(), play, Instant::now())
}

fn solo() -> App {
    let bot = Controller::Bot(Policy::Random);
    game([Controller::Human, bot, bot], 11)
}

/// A solo game with the brief closed and the bots settled: Pakistan to act.
fn at_the_table() -> App {
    let mut app = solo();
    press(&mut app, KeyCode::Enter);
    settle(&mut app);
    app
}

/// Plays every human seat to the end of the game (lifting curtains, closing briefs, passing,
/// taking each prompt's first option), then moves on from the last table.
fn play_through(app: &mut App) {
    for _ in 0..400 {
        if app.play().unwrap().session().game().outcome().is_some() {
            break;
        }
        if app.play().unwrap().curtain().is_none() {
            press(app, KeyCode::Char('p'));
        }
        press(app, KeyCode::Enter);
        settle(app);
    }
    assert!(app.play().unwrap().at_the_last_table(), "the game ended");
    press(app, KeyCode::Enter);
}

/// Closes the account of what happened since Pakistan's last turn, if it is open.
fn close_recap(app: &mut App) {
    if render(app, (120, 40)).contains("since your last turn") {
        press(app, KeyCode::Esc);
    }
}

fn snapshot(name: &str, app: &mut App) {
    for size in SIZES {
        let screen = render(app, size);
        insta::assert_snapshot!(format!("{name}_{}x{}", size.0, size.1), screen);
    }
}

/// A tutorial game of three people in which `policy` bots make every move, seed after seed,
/// until `wanted` says the seat to act has reached the position a test needs: that session
/// (nobody has moved in it yet from there), and what `wanted` found.
fn drive_tutorial_until<T>(
    policy: Policy,
    seeds: std::ops::Range<u64>,
    wanted: impl Fn(Seat, &[ceasefire::engine::Action]) -> Option<T>,
) -> Option<(ceasefire::table::Session, T)> {
    drive_tutorial_under_rules(1, policy, seeds, wanted)
}

/// [`drive_tutorial_until`] under rules `version` (1 or 2).
fn drive_tutorial_under_rules<T>(
    version: u8,
    policy: Policy,
    seeds: std::ops::Range<u64>,
    wanted: impl Fn(Seat, &[ceasefire::engine::Action]) -> Option<T>,
) -> Option<(ceasefire::table::Session, T)> {
    use ceasefire::engine::Viewer;
    use ceasefire::scenario::ScenarioSource;
    let source = ScenarioSource::builtin("tutorial").unwrap();
    let mut built = source.build().unwrap();
    built.rules.version = version;
    let scenario = std::sync::Arc::new(built);
    seeds.into_iter().find_map(|seed| {
        let mut session = ceasefire::table::Session::new(
            source.clone(),
            scenario.clone(),
            seed,
            [Controller::Human; 3],
            None,
        );
        let mut bots = ceasefire::sim::seat_bots(&[policy; 3], seed);
        while let Some((seat, _)) = session.game().to_act() {
            let legal = session.game().legal_actions(seat);
            if let Some(found) = wanted(seat, &legal) {
                return Some((session, found));
            }
            let view = session.game().view(Viewer::Seat(seat));
            let choice = bots[seat.index()].choose(&view, &legal);
            session.act(choice.action).unwrap();
        }
        None
    })
}

/// Solo games of the tutorial (Pakistan a person, random bots elsewhere), seed after seed, in
/// which Pakistan only passes (taking each prompt's first option), until `wanted` finds the
/// position a test needs in the game at Pakistan's turn (`step` counts Pakistan's turns in
/// this seed's game, from 0). Returns the app there, its table drawn, and what was found.
fn solo_until<T>(
    seeds: std::ops::Range<u64>,
    mut wanted: impl FnMut(&ceasefire::engine::Game, usize) -> Option<T>,
) -> (App, T) {
    for seed in seeds {
        let bot = Controller::Bot(Policy::Random);
        let mut app = game([Controller::Human, bot, bot], seed);
        press(&mut app, KeyCode::Enter);
        settle(&mut app);
        for step in 0..40 {
            // Drawn at every turn, as a player sees it: the table's selection follows.
            render(&mut app, (120, 40));
            let found = {
                let session = app.play().unwrap().session();
                if session.game().outcome().is_some() {
                    break;
                }
                wanted(session.game(), step)
            };
            if let Some(found) = found {
                return (app, found);
            }
            press(&mut app, KeyCode::Char('p'));
            press(&mut app, KeyCode::Enter);
            settle(&mut app);
        }
    }
    panic!("no seed reached the position the test needs");
}

#[test]
fn title_screen() {
    let mut app = App::new(options());
    snapshot("title", &mut app);
}

#[test]
fn setup_screen() {
    let mut app = App::new(options());
    press(&mut app, KeyCode::Enter);
    snapshot("setup", &mut app);
}

#[test]
fn brief_then_table_screen() {
    let mut app = solo();
    snapshot("brief", &mut app);
    press(&mut app, KeyCode::Enter);
    settle(&mut app);
    snapshot("table", &mut app);
}

/// The solo game at the table, passed through negotiation up to its first posture prompt.
fn at_the_posture_prompt() -> App {
    let mut app = at_the_table();
    for _ in 0..10 {
        let decision = app
            .play()
            .and_then(|p| p.session().game().to_act())
            .map(|(_, d)| d);
        if decision == Some(Decision::Posture) {
            break;
        }
        press(&mut app, KeyCode::Char('p'));
        settle(&mut app);
    }
    app
}

#[test]
fn prompt_screen() {
    let mut app = at_the_posture_prompt();
    let screen = render(&mut app, (80, 24));
    assert!(screen.contains("Public posture"), "{screen}");
    snapshot("prompt", &mut app);
}

#[test]
fn help_overlay() {
    let mut app = at_the_table();
    press(&mut app, KeyCode::Char('?'));
    let screen = render(&mut app, (80, 24));
    // Every key but the mediator's (this seat is Pakistan's).
    use ceasefire::tui::keys::{self, Command, Commands};
    for entry in Command::ENTRIES {
        if entry.command == Command::TableAccord {
            assert!(
                !screen.contains(entry.help),
                "Pakistan cannot table the accord"
            );
            continue;
        }
        if matches!(entry.command, Command::Yes | Command::No) {
            continue;
        }
        // A game on one machine has no delegations sharing a seat.
        if matches!(entry.command, Command::Pen | Command::TakeProposal) {
            assert!(!screen.contains(entry.help), "{screen}");
            continue;
        }
        // Up and down, left and right, the next and previous panel share a row.
        let paired = [
            Command::Up,
            Command::Down,
            Command::Left,
            Command::Right,
            Command::NextPanel,
            Command::PrevPanel,
        ];
        if paired.contains(&entry.command) {
            let keys = format!(" {} ", keys::all_keys(entry.command));
            assert!(
                screen.contains(&keys),
                "help lacks {}:\n{screen}",
                entry.name
            );
            continue;
        }
        assert!(screen.contains(entry.help), "help lacks {}", entry.help);
    }
    // Yes and no share a row, which leaves room for the gauges' marks even at 80x24.
    assert!(
        screen.contains("y n         yes / no (when asked)"),
        "{screen}"
    );
    assert!(screen.contains("danger line"), "{screen}");
    snapshot("help", &mut app);
    press(&mut app, KeyCode::Esc);
    assert!(!render(&mut app, (80, 24)).contains("any key closes"));
}

#[test]
fn the_title_screens_help_lists_only_the_keys_that_work_there() {
    let mut app = App::new(options());
    press(&mut app, KeyCode::Char('?'));
    let help = render(&mut app, (80, 24));
    assert!(
        help.contains("the choice above") && help.contains("quit"),
        "{help}"
    );
    for missing in ["end your turn", "table the accord", "undo", "rematch"] {
        assert!(!help.contains(missing), "{missing}:\n{help}");
    }
}

#[test]
fn too_small_screen_names_the_size_needed() {
    let mut app = at_the_table();
    let screen = render(&mut app, (60, 20));
    assert!(screen.contains("80x24"), "{screen}");
    assert!(screen.contains("60x20"), "{screen}");
    insta::assert_snapshot!("too_small_60x20", screen);

    // Keys cannot change the game unseen; q asks on the message itself, n stays.
    let actions = |app: &App| app.play().unwrap().session().game().actions().len();
    let before = actions(&app);
    for key in [
        KeyCode::Char('p'),
        KeyCode::Enter,
        KeyCode::Down,
        KeyCode::Enter,
    ] {
        press(&mut app, key);
    }
    assert_eq!(actions(&app), before, "a key acted on a hidden screen");
    press(&mut app, KeyCode::Char('q'));
    assert!(render(&mut app, (60, 20)).contains("Quit Ceasefire?"));
    press(&mut app, KeyCode::Char('n'));
    assert!(render(&mut app, (60, 20)).contains("make the window larger"));
    assert!(!app.should_quit());
    press(&mut app, KeyCode::Char('q'));
    press(&mut app, KeyCode::Char('y'));
    assert!(app.should_quit());
}

#[test]
fn end_screen_after_an_all_bot_game() {
    let bot = Controller::Bot(Policy::Random);
    let mut app = game([bot; 3], 4);
    settle(&mut app);
    let play = app.play().unwrap();
    assert!(play.session().game().outcome().is_some());
    // First the last table, with the final round's log, until Enter.
    let last = render(&mut app, (120, 40));
    assert!(
        last.contains("The talks are over") && last.contains("Enter results"),
        "{last}"
    );
    // Looking at the log hides the details panel; the header still says it is over.
    press(&mut app, KeyCode::Tab);
    let log = render(&mut app, (120, 40));
    assert!(
        log.lines().next().unwrap().contains("the talks are over"),
        "{log}"
    );
    press(&mut app, KeyCode::Enter);
    let screen = render(&mut app, (120, 40));
    assert!(
        screen.contains("debrief") && screen.contains("Scores"),
        "{screen}"
    );
    snapshot("end", &mut app);
}

#[test]
fn the_debrief_opens_with_why_and_scrolls_to_the_real_talks_at_80x24() {
    let bot = Controller::Bot(Policy::Random);
    let mut app = game([bot; 3], 4);
    settle(&mut app);
    press(&mut app, KeyCode::Enter);
    let top = render(&mut app, (80, 24));
    let second = top.lines().nth(2).unwrap_or_default();
    assert!(second.contains("Why it ended this way"), "{top}");
    // Down, line by line, until the comparison's title is the first line shown.
    let mut screen = top;
    for _ in 0..400 {
        if screen
            .lines()
            .nth(1)
            .is_some_and(|l| l.contains("This table and Istanbul 2025"))
        {
            break;
        }
        press(&mut app, KeyCode::Down);
        screen = render(&mut app, (80, 24));
    }
    assert!(
        screen
            .lines()
            .nth(1)
            .is_some_and(|l| l.contains("This table and Istanbul 2025")),
        "{screen}"
    );
    for words in ["Factors", "At this table: round", "In the real talks:"] {
        assert!(screen.contains(words), "{words}: {screen}");
    }
    insta::assert_snapshot!("end_comparison_80x24", screen);
}

#[test]
fn hot_seat_curtain_hides_the_previous_seat() {
    let bot = Controller::Bot(Policy::Random);
    let mut app = game([Controller::Human, Controller::Human, bot], 21);
    // The first person to act sits behind the curtain.
    let screen = render(&mut app, (80, 24));
    assert!(screen.contains("Pass the keyboard"), "{screen}");
    snapshot("curtain", &mut app);
    let first = app.play().unwrap().curtain().unwrap();
    press(&mut app, KeyCode::Enter); // lift the curtain
    press(&mut app, KeyCode::Enter); // close the brief
    let session = app.play().unwrap().session();
    let game = session.game();
    let own_card = game.view(first).own_hand()[0];
    let own_name = game.scenario().cards[usize::from(own_card)].name.clone();
    drop(session);
    // Play until the other person must act: the curtain comes down again.
    for _ in 0..20 {
        if app.play().unwrap().curtain().is_some() {
            break;
        }
        press(&mut app, KeyCode::Char('p'));
        if app.play().unwrap().curtain().is_none() {
            // A prompt (posture, event choice): take its first option.
            press(&mut app, KeyCode::Enter);
        }
        settle(&mut app);
    }
    let next = app
        .play()
        .unwrap()
        .curtain()
        .expect("the curtain came down");
    assert_ne!(next, first);
    let screen = render(&mut app, (120, 40));
    assert!(
        !screen.contains(&own_name),
        "curtain shows {own_name}:\n{screen}"
    );
    assert!(screen.contains("Pass the keyboard"));
}

#[test]
fn each_human_sees_only_their_own_hand() {
    let bot = Controller::Bot(Policy::Random);
    let mut app = game([Controller::Human, Controller::Human, bot], 21);
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Enter);
    let screen = render(&mut app, (120, 40));
    let play = app.play().unwrap();
    let shown = play.shown();
    let session = play.session();
    let game = session.game();
    for seat in Seat::ALL {
        let view = game.view(ceasefire::engine::Viewer::Facilitator);
        let hand = view.hands[seat.index()].clone().unwrap();
        let names: Vec<&str> = hand
            .iter()
            .map(|c| game.scenario().cards[usize::from(*c)].name.as_str())
            .collect();
        if ceasefire::engine::Viewer::Seat(seat) == shown {
            assert!(names.iter().all(|n| screen.contains(&n[..n.len().min(12)])));
        }
        // Cards only another seat holds never appear, unless a card of that name is public
        // (played and logged, or on the table) or also in the viewer's own hand.
        let own = game.view(shown).own_hand().to_vec();
        let public: String = game
            .log()
            .iter()
            .map(|e| e.describe(game.scenario()))
            .chain(
                own.iter()
                    .map(|c| game.scenario().cards[usize::from(*c)].name.clone()),
            )
            .collect();
        for card in hand.iter().filter(|c| !own.contains(c)) {
            let name = &game.scenario().cards[usize::from(*card)].name;
            if !public.contains(name.as_str()) {
                assert!(!screen.contains(name.as_str()), "{name} leaked");
            }
        }
    }
}

#[test]
fn keys_play_the_game() {
    let mut app = at_the_table();
    let before = app.play().unwrap().session().game().actions().len();
    assert_eq!(
        app.play()
            .unwrap()
            .session()
            .game()
            .to_act()
            .map(|(s, _)| s),
        Some(Seat::Pakistan)
    );
    press(&mut app, KeyCode::Char('p'));
    let session = app.play().unwrap().session();
    let game = session.game();
    assert!(game.actions().len() > before);
    assert!(game.log().iter().any(|e| matches!(
        e.event,
        ceasefire::engine::LogEvent::Passed {
            seat: Seat::Pakistan
        }
    )));
}

#[test]
fn quitting_asks_first() {
    let mut app = App::new(options());
    press(&mut app, KeyCode::Char('q'));
    assert!(!app.should_quit());
    assert!(render(&mut app, (80, 24)).contains("Quit Ceasefire?"));
    press(&mut app, KeyCode::Char('n'));
    assert!(!app.should_quit());
    press(&mut app, KeyCode::Char('q'));
    press(&mut app, KeyCode::Char('y'));
    assert!(app.should_quit());
}

#[test]
fn no_color_draws_without_colour() {
    use ratatui::style::Color;
    let app = at_the_table();
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
    terminal.draw(|frame| app.draw(frame)).unwrap();
    let buffer = terminal.backend().buffer();
    assert!(
        buffer
            .content()
            .iter()
            .all(|cell| cell.fg == Color::Reset && cell.bg == Color::Reset)
    );

    let coloured = Options {
        theme: Theme::new(true),
        ..options()
    };
    let bot = Controller::Bot(Policy::Random);
    let play = Play::start(
        "tutorial",
        [Controller::Human, bot, bot],
        Some(11),
        &coloured,
    )
    .unwrap();
    let mut app = App::playing(coloured, play, Instant::now());
    terminal.draw(|frame| app.draw(frame)).unwrap();
    let _ = &mut app;
    assert!(
        terminal
            .backend()
            .buffer()
            .content()
            .iter()
            .any(|cell| cell.fg != Color::Reset)
    );
}

#[test]
fn mouse_clicks_pick_title_entries() {
    use ratatui::crossterm::event::{KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
    let mut app = App::new(options());
    let screen = render(&mut app, (80, 24));
    let row = screen.lines().position(|l| l.contains("New game")).unwrap() as u16;
    let column = screen
        .lines()
        .nth(usize::from(row))
        .unwrap()
        .find("New")
        .unwrap() as u16;
    app.handle(
        &Event::Mouse(MouseEvent {
            kind: MouseEventKind::Down(MouseButton::Left),
            column,
            row,
            modifiers: KeyModifiers::NONE,
        }),
        Instant::now(),
    );
    assert!(render(&mut app, (80, 24)).contains("Start the game"));
}

#[test]
fn replay_viewer_steps_back_and_forth() {
    let bot = Controller::Bot(Policy::Easy);
    let mut app = game([bot; 3], 8);
    settle(&mut app);
    let session = app.play().unwrap().session();
    let file = session.save_file(0);
    let total = file.actions.len();
    let finished = session.game().clone();
    let mut viewer = App::replaying(options(), ceasefire::tui::Replay::new(file, &finished));
    assert_eq!(viewer.replay().unwrap().cursor(), total);
    assert!(render(&mut viewer, (80, 24)).contains(&format!("action {total}/{total}")));
    press(&mut viewer, KeyCode::Home);
    assert_eq!(viewer.replay().unwrap().cursor(), 0);
    assert!(viewer.replay().unwrap().game().actions().is_empty());
    press(&mut viewer, KeyCode::Right);
    press(&mut viewer, KeyCode::Right);
    press(&mut viewer, KeyCode::Left);
    let replay = viewer.replay().unwrap();
    assert_eq!(replay.cursor(), 1);
    assert_eq!(replay.game().actions(), &finished.actions()[..1]);
    let screen = render(&mut viewer, (80, 24));
    assert!(screen.contains(&format!("action 1/{total}")), "{screen}");
    snapshot("replay", &mut viewer);
    press(&mut viewer, KeyCode::End);
    assert_eq!(viewer.replay().unwrap().game(), &finished);

    // The footer's buttons work like their keys; the wheel steps.
    let screen = render(&mut viewer, (80, 24));
    let (column, row) = find(&screen, "Home start").expect("a start button");
    click(&mut viewer, column, row);
    assert_eq!(viewer.replay().unwrap().cursor(), 0);
    let (column, row) = find(&screen, "→ step").expect("a step button");
    click(&mut viewer, column, row);
    assert_eq!(viewer.replay().unwrap().cursor(), 1);
    wheel(&mut viewer, MouseEventKind::ScrollDown);
    wheel(&mut viewer, MouseEventKind::ScrollDown);
    wheel(&mut viewer, MouseEventKind::ScrollUp);
    assert_eq!(viewer.replay().unwrap().cursor(), 2);

    // Tab puts the log in focus: ↑ scrolls it back instead of stepping.
    let at = viewer.replay().unwrap().cursor();
    press(&mut viewer, KeyCode::End);
    let total = viewer.replay().unwrap().cursor();
    press(&mut viewer, KeyCode::Tab);
    press(&mut viewer, KeyCode::Up);
    assert_eq!(viewer.replay().unwrap().cursor(), total);
    assert!(render(&mut viewer, (80, 24)).contains("Log (scrolled"));
    press(&mut viewer, KeyCode::Left);
    assert_eq!(
        viewer.replay().unwrap().cursor(),
        total - 1,
        "← still steps"
    );
    assert!(at < total);

    // Its help lists the replay's own keys, not the game's.
    press(&mut viewer, KeyCode::Char('?'));
    let help = render(&mut viewer, (80, 24));
    assert!(help.contains("forward one action"), "{help}");
    assert!(help.contains("leave the replay"), "{help}");
    assert!(!help.contains("end your turn"), "the game's keys:\n{help}");
    press(&mut viewer, KeyCode::Char('x'));
    assert!(!render(&mut viewer, (80, 24)).contains("forward one action"));
}

fn wheel(app: &mut App, kind: MouseEventKind) {
    use ratatui::crossterm::event::{KeyModifiers, MouseEvent};
    app.handle(
        &Event::Mouse(MouseEvent {
            kind,
            column: 40,
            row: 10,
            modifiers: KeyModifiers::NONE,
        }),
        Instant::now(),
    );
}

#[test]
fn a_rematch_rotates_the_seats_and_keeps_the_seed() {
    let mut app = game(
        [
            Controller::Bot(Policy::Random),
            Controller::Bot(Policy::Easy),
            Controller::Bot(Policy::Normal),
        ],
        4,
    );
    settle(&mut app);
    let seed = app.play().unwrap().session().game().seed();
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char('r'));
    let session = app.play().unwrap().session();
    assert!(session.game().actions().is_empty(), "a new game");
    assert_eq!(session.game().seed(), seed);
    assert_eq!(
        session.controllers(),
        [
            Controller::Bot(Policy::Normal),
            Controller::Bot(Policy::Random),
            Controller::Bot(Policy::Easy),
        ]
    );
}

#[test]
fn a_new_game_never_overwrites_an_old_save() {
    let dir = tempfile::tempdir().unwrap();
    let saving = saving_to(dir.path());
    let bot = Controller::Bot(Policy::Random);
    for _ in 0..2 {
        let play = Play::start("tutorial", [bot; 3], Some(3), &saving).unwrap();
        let mut app = App::playing(saving.clone(), play, Instant::now());
        settle(&mut app);
    }
    let saves = std::fs::read_dir(dir.path()).unwrap().count();
    assert_eq!(saves, 2, "the second game got its own file");
}

#[test]
fn after_the_game_each_person_writes_a_reflection_that_is_saved() {
    let dir = tempfile::tempdir().unwrap();
    let saving = saving_to(dir.path());
    let bot = Controller::Bot(Policy::Random);
    let play = Play::start("tutorial", [Controller::Human, bot, bot], Some(11), &saving).unwrap();
    let mut app = App::playing(saving, play, Instant::now());
    play_through(&mut app);
    let screen = render(&mut app, (80, 24));
    assert!(
        screen.contains("Reflection") && screen.contains("1 of 2"),
        "{screen}"
    );
    snapshot("reflection", &mut app);
    // Letters are text here, even q: typing never quits the game.
    for c in "quiet wins".chars() {
        press(&mut app, KeyCode::Char(c));
    }
    assert!(!app.should_quit());
    assert!(render(&mut app, (80, 24)).contains("quiet wins"));
    press(&mut app, KeyCode::Enter);
    assert!(render(&mut app, (80, 24)).contains("2 of 2"));
    // The cursor moves with the arrows; Esc keeps what was typed and ends the reflection.
    for c in "half thought".chars() {
        press(&mut app, KeyCode::Char(c));
    }
    for _ in 0.."thought".len() {
        press(&mut app, KeyCode::Left);
    }
    for c in "a ".chars() {
        press(&mut app, KeyCode::Char(c));
    }
    press(&mut app, KeyCode::Esc);
    let screen = render(&mut app, (120, 40));
    assert!(screen.contains("debrief"), "{screen}");
    // The debrief shows the answers, near its end.
    press(&mut app, KeyCode::End);
    let end = render(&mut app, (120, 40));
    assert!(
        end.contains("Reflections") && end.contains("quiet wins"),
        "{end}"
    );

    let path = app
        .play()
        .unwrap()
        .session()
        .save_path()
        .unwrap()
        .to_path_buf();
    app.play().unwrap().session().flush(Duration::from_secs(5));
    let saved = ceasefire::save::load(&path).unwrap().file;
    assert_eq!(saved.reflections.len(), 2);
    assert_eq!(saved.reflections[0].answer, "quiet wins");
    assert_eq!(saved.reflections[0].seat, "pakistan");
    assert_eq!(saved.reflections[1].answer, "half a thought");
}

fn click(app: &mut App, column: u16, row: u16) {
    use ratatui::crossterm::event::{KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
    app.handle(
        &Event::Mouse(MouseEvent {
            kind: MouseEventKind::Down(MouseButton::Left),
            column,
            row,
            modifiers: KeyModifiers::NONE,
        }),
        Instant::now(),
    );
}

/// Where `text` is drawn on `screen`, as (column, row) in cells.
fn find(screen: &str, text: &str) -> Option<(u16, u16)> {
    screen.lines().enumerate().find_map(|(row, line)| {
        let byte = line.find(text)?;
        Some((line[..byte].chars().count() as u16, row as u16))
    })
}

#[test]
fn clicking_a_footer_button_and_a_card_works_like_the_keys() {
    let mut app = at_the_table();
    let screen = render(&mut app, (120, 40));
    // The footer's "p pass" button passes, as the key does.
    let before = app.play().unwrap().session().game().actions().len();
    let (column, row) = find(&screen, "p pass").expect("a pass button");
    click(&mut app, column, row);
    let session = app.play().unwrap().session();
    assert!(session.game().actions().len() > before);
    assert!(session.game().log().iter().any(|e| matches!(
        e.event,
        ceasefire::engine::LogEvent::Passed {
            seat: Seat::Pakistan
        }
    )));
    drop(session);

    // Back at Pakistan's turn: clicking the second card selects it; clicking it again uses it.
    for _ in 0..50 {
        settle(&mut app);
        let turn = app.play().unwrap().session().game().to_act();
        if turn == Some((Seat::Pakistan, Decision::Negotiate)) {
            break;
        }
        press(&mut app, KeyCode::Enter);
    }
    close_recap(&mut app);
    let screen = render(&mut app, (120, 40));
    let session = app.play().unwrap().session();
    let game = session.game();
    let second = game.view(Seat::Pakistan).own_hand()[1];
    let name = game.scenario().cards[usize::from(second)].name.clone();
    drop(session);
    let (column, row) = find(&screen, &name[..name.len().min(12)]).expect("the card is drawn");
    click(&mut app, column, row);
    let screen = render(&mut app, (120, 40));
    assert!(
        screen.contains(&format!("▸ {}", &name[..name.len().min(12)]))
            || screen.contains(&format!("▸✗{}", &name[..name.len().min(12)])),
        "selected:\n{screen}"
    );
    let before = app.play().unwrap().session().game().actions().len();
    click(&mut app, column, row);
    let after = app.play().unwrap().session().game().actions().len();
    let screen = render(&mut app, (120, 40));
    assert!(
        after > before || screen.contains("cannot be played") || screen.contains("How do you play"),
        "the second click uses the card (or says why not):\n{screen}"
    );
}

#[test]
fn clicking_a_prompt_option_chooses_it_and_clicking_outside_hides_the_prompt() {
    let mut app = at_the_posture_prompt();
    let screen = render(&mut app, (80, 24));
    // A click beside the prompt puts it away to look at the table; the footer brings it back.
    click(&mut app, 0, 0);
    let hidden = render(&mut app, (80, 24));
    assert!(!hidden.contains("Public posture"), "{hidden}");
    let (column, row) = find(&hidden, "Enter back to the question").expect("a button back");
    click(&mut app, column, row);
    assert_eq!(render(&mut app, (80, 24)), screen);

    let (column, row) = find(&screen, "Hard-line").expect("the hard-line option");
    click(&mut app, column, row);
    let session = app.play().unwrap().session();
    assert!(
        session
            .game()
            .actions()
            .contains(&ceasefire::engine::Action::Posture {
                seat: Seat::Pakistan,
                posture: ceasefire::engine::Posture::Hardline,
            }),
        "the clicked option was chosen: {:?}",
        session.game().actions().last()
    );
}

#[test]
fn the_brief_scrolls_to_its_end_and_no_further_and_reopens_to_close() {
    let mut app = solo();
    let top = render(&mut app, (80, 24));
    assert!(top.contains("↓ more") && !top.contains("↑ more"), "{top}");
    for _ in 0..50 {
        press(&mut app, KeyCode::Down);
    }
    let bottom = render(&mut app, (80, 24));
    assert!(
        bottom.contains("↑ more") && !bottom.contains("↓ more"),
        "{bottom}"
    );
    // One step up moves at once: the scroll did not run on past the end.
    press(&mut app, KeyCode::Up);
    let above = render(&mut app, (80, 24));
    assert!(above.contains("↓ more"), "{above}");

    press(&mut app, KeyCode::Enter);
    settle(&mut app);
    press(&mut app, KeyCode::Char('p'));
    settle(&mut app);
    press(&mut app, KeyCode::Char('b'));
    let reopened = render(&mut app, (80, 24));
    assert!(
        reopened.contains("Enter or b closes it") && !reopened.contains("Enter to begin"),
        "{reopened}"
    );
}

/// The top and bottom border lines of the details panel on `screen`.
fn detail_borders(screen: &str) -> (String, String) {
    let lines: Vec<&str> = screen.lines().collect();
    let top = lines
        .iter()
        .position(|l| l.contains("Details"))
        .expect("a details panel");
    // The panel's own columns: from its top-left corner rightwards.
    let title = lines[top].find(" Details ").unwrap();
    let column = lines[top][..title].chars().count() - 1;
    let right = |line: &str| line.chars().skip(column).collect::<String>();
    let bottom = (top + 1..lines.len())
        .find(|&i| right(lines[i]).starts_with('└'))
        .expect("its bottom border");
    (right(lines[top]), right(lines[bottom]))
}

#[test]
fn long_card_text_scrolls_in_the_details_and_home_end_pick_cards() {
    let mut app = at_the_table();
    let names: Vec<String> = {
        let session = app.play().unwrap().session();
        let game = session.game();
        game.view(Seat::Pakistan)
            .own_hand()
            .iter()
            .map(|&c| game.scenario().cards[usize::from(c)].name.clone())
            .collect()
    };
    let hand = names.len();
    // Find a card whose text runs past the details panel at 80x24.
    let mut overflowing = false;
    for _ in 0..hand {
        let (_, bottom) = detail_borders(&render(&mut app, (80, 24)));
        if bottom.contains("↓ more") {
            overflowing = true;
            break;
        }
        press(&mut app, KeyCode::Down);
    }
    assert!(
        overflowing,
        "some card's text is longer than 4 lines at 80x24"
    );
    for _ in 0..20 {
        press(&mut app, KeyCode::PageDown);
    }
    let (top, bottom) = detail_borders(&render(&mut app, (80, 24)));
    assert!(
        top.contains("↑ more") && !bottom.contains("↓ more"),
        "{top}\n{bottom}"
    );
    // One step back up shows more below again: the scroll stopped at the end.
    press(&mut app, KeyCode::PageUp);
    let (_, bottom) = detail_borders(&render(&mut app, (80, 24)));
    assert!(bottom.contains("↓ more"), "{bottom}");

    // Home and End pick the first and last card, and leave the log following.
    let detail_title = |app: &mut App| {
        let screen = render(app, (80, 24));
        let lines: Vec<&str> = screen.lines().collect();
        let top = lines.iter().position(|l| l.contains("Details")).unwrap();
        (lines[top + 1].to_string(), screen)
    };
    press(&mut app, KeyCode::End);
    let (title, _) = detail_title(&mut app);
    assert!(title.contains(&names[hand - 1][..12]), "{title}");
    press(&mut app, KeyCode::Home);
    let (title, screen) = detail_title(&mut app);
    assert!(title.contains(&names[0][..12]), "{title}");
    assert!(!screen.contains("scrolled"), "{screen}");
}

#[test]
fn the_log_wraps_long_lines_so_bot_reasons_read_in_full() {
    let bot = Controller::Bot(Policy::Easy);
    let mut app = game([Controller::Human, bot, bot], 13);
    press(&mut app, KeyCode::Enter);
    settle(&mut app);
    let screen = render(&mut app, (80, 24));
    let reasons = app.play().unwrap().session().reasons().to_vec();
    let last = reasons.last().expect("the bots gave reasons");
    assert!(
        last.text.chars().count() > 46,
        "the reason is wider than the log: {}",
        last.text
    );
    // The reason's last word is on screen even though the line is wider than the log.
    let last_word = last.text.split_whitespace().last().unwrap();
    assert!(
        screen.contains(last_word),
        "{last_word:?} missing:\n{screen}"
    );
}

#[test]
fn the_saves_list_shows_each_game_with_its_seed_and_scrolls() {
    let dir = tempfile::tempdir().unwrap();
    let saving = saving_to(dir.path());
    let bot = Controller::Bot(Policy::Random);
    for seed in 1..=11 {
        let play = Play::start("tutorial", [bot; 3], Some(seed), &saving).unwrap();
        let mut app = App::playing(saving.clone(), play, Instant::now());
        settle(&mut app);
    }
    std::fs::write(dir.path().join("broken.json"), "{\"format\": \"ceasef").unwrap();

    let mut app = App::new(saving);
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Enter);
    let screen = render(&mut app, (80, 24));
    assert!(screen.contains("Continue a saved game"), "{screen}");
    assert!(screen.contains("seed "), "{screen}");
    assert!(screen.contains("rules version 2"), "{screen}");
    assert!(
        screen.contains("PK random · AF random · MD random · seed"),
        "who played shows before what a narrow screen cuts:\n{screen}"
    );
    // Room is kept at the bottom for why a file cannot be read.
    assert!(screen.contains("0 more above · 4 more below"), "{screen}");
    // End goes to the last, Home back to the first.
    press(&mut app, KeyCode::End);
    assert!(render(&mut app, (80, 24)).contains("4 more above · 0 more below"));
    press(&mut app, KeyCode::Home);
    assert!(render(&mut app, (80, 24)).contains("0 more above · 4 more below"));
    // Moving past the last one shown scrolls the list.
    for _ in 0..11 {
        press(&mut app, KeyCode::Down);
    }
    let screen = render(&mut app, (80, 24));
    assert!(screen.contains("4 more above · 0 more below"), "{screen}");
    assert!(
        screen.contains("broken.json: cannot be read") && screen.contains("not a readable save"),
        "{screen}"
    );
    // Selected, it says why in full, down to the line and column.
    assert!(screen.contains("at line 1 column"), "{screen}");
}

#[test]
fn in_hot_seat_each_reflection_waits_behind_the_curtain() {
    let bot = Controller::Bot(Policy::Random);
    let mut app = game([Controller::Human, Controller::Human, bot], 21);
    play_through(&mut app);

    let mut handed = Vec::new();
    for _ in 0..2 {
        let screen = render(&mut app, (80, 24));
        let seat = ["Pakistan", "Afghanistan"]
            .into_iter()
            .find(|s| screen.contains(&format!("{s}'s reflection")))
            .unwrap_or_else(|| panic!("no handover:\n{screen}"));
        // Behind the curtain, keys are not typed into anyone's answer.
        press(&mut app, KeyCode::Char('x'));
        assert!(!app.play().unwrap().typing());
        press(&mut app, KeyCode::Enter);
        let screen = render(&mut app, (80, 24));
        assert!(
            screen.contains("Reflection") && screen.contains(seat),
            "{screen}"
        );
        press(&mut app, KeyCode::Esc);
        handed.push(seat);
    }
    assert_eq!(handed.len(), 2);
    assert_ne!(handed[0], handed[1]);
    assert!(render(&mut app, (120, 40)).contains("debrief"));
}

#[test]
fn the_log_scrolls_back_to_its_start_and_forward_to_follow_again() {
    let mut app = at_the_table();
    let following = render(&mut app, (80, 24));
    // Tab: from the hand down to the log.
    press(&mut app, KeyCode::Tab);
    assert!(
        render(&mut app, (80, 24)).contains("┏ Log"),
        "the log has focus"
    );
    press(&mut app, KeyCode::Home);
    let oldest = render(&mut app, (80, 24));
    assert!(oldest.contains("Log (scrolled: End follows)"), "{oldest}");
    assert!(oldest.contains("── Round 1 ──"), "{oldest}");
    // The first step forward from the start moves at once.
    press(&mut app, KeyCode::PageDown);
    assert_ne!(render(&mut app, (80, 24)), oldest);
    press(&mut app, KeyCode::End);
    let back = render(&mut app, (80, 24));
    assert!(!back.contains("scrolled"), "{back}");
    assert!(!following.contains("── Round 1 ──") || back.contains("── Round 1 ──"));
}

#[test]
fn the_footer_names_what_enter_does_in_each_place_and_the_log_follows_when_left() {
    let mut app = at_the_table();
    let footer = |app: &mut App| render(app, (80, 24)).lines().last().unwrap().to_string();
    assert!(
        footer(&mut app).contains("Enter play"),
        "{}",
        footer(&mut app)
    );
    // Undo is offered only once there is something of one's own to take back.
    assert!(!footer(&mut app).contains("u undo"), "{}", footer(&mut app));
    press(&mut app, KeyCode::Enter);
    let undoable = app
        .play()
        .unwrap()
        .session()
        .game()
        .check_undo(Seat::Pakistan)
        .is_ok();
    assert!(undoable, "playing a card can be taken back");
    assert!(footer(&mut app).contains("u undo"), "{}", footer(&mut app));
    press(&mut app, KeyCode::Char('u'));
    // The header keeps every seat's capital on screen at 80 columns.
    let screen = render(&mut app, (80, 24));
    let header = screen.lines().next().unwrap().trim_matches('"').trim_end();
    assert!(
        header
            .split("MD ")
            .nth(1)
            .is_some_and(|n| n.trim().parse::<u8>().is_ok()),
        "{header}"
    );
    // In the log, Enter does nothing, so it is not offered.
    press(&mut app, KeyCode::Tab);
    assert!(!footer(&mut app).contains("Enter"), "{}", footer(&mut app));
    press(&mut app, KeyCode::Up);
    assert!(render(&mut app, (80, 24)).contains("scrolled"));
    // Leaving the log makes it follow the newest lines again.
    press(&mut app, KeyCode::Tab);
    assert!(!render(&mut app, (80, 24)).contains("scrolled"));
    // Brief open: the footer says how to close it.
    press(&mut app, KeyCode::Char('b'));
    assert!(
        footer(&mut app).contains("Enter close the brief"),
        "{}",
        footer(&mut app)
    );
}

#[test]
fn a_resumed_game_shows_meter_changes_since_each_seats_last_action() {
    let dir = tempfile::tempdir().unwrap();
    let saving = saving_to(dir.path());
    let bot = Controller::Bot(Policy::Random);
    let play = Play::start("tutorial", [Controller::Human, bot, bot], Some(5), &saving).unwrap();
    let mut app = App::playing(saving.clone(), play, Instant::now());
    press(&mut app, KeyCode::Enter);
    for _ in 0..6 {
        settle(&mut app);
        press(&mut app, KeyCode::Char('p'));
        press(&mut app, KeyCode::Enter);
    }
    settle(&mut app);
    let (path, live) = {
        let session = app.play().unwrap().session();
        // Autosaves are written by the table's save writer: wait for the last one.
        session.flush(Duration::from_secs(5));
        let live = Seat::ALL.map(|seat| session.meters_at_last_action(seat));
        (session.save_path().unwrap().to_path_buf(), live)
    };
    assert_ne!(
        live[0],
        app.play().unwrap().session().game().scenario().start,
        "Pakistan has acted and the meters moved"
    );
    let resumed = Play::load(&path, &saving).unwrap();
    let session = resumed.session();
    assert_eq!(
        Seat::ALL.map(|seat| session.meters_at_last_action(seat)),
        live
    );
}

#[test]
fn a_pledge_that_does_not_agree_its_basket_says_why_in_its_details() {
    use ceasefire::engine::BasketState;
    use ceasefire::tui::widgets::board::{self, Item};
    // Pakistan passes while random bots play, until a pledge stands in a basket that is
    // still open.
    let (mut app, (index, id, basket, threshold)) = solo_until(1..40, |game, _| {
        let view = game.view(Seat::Pakistan);
        let items = board::items(&view);
        items.iter().enumerate().find_map(|(index, item)| {
            let Item::Commitment(id) = *item else {
                return None;
            };
            let c = view.commitments.iter().find(|c| c.id == id)?;
            (view.baskets[c.basket.index()] == BasketState::Open)
                .then(|| (index, id, c.basket, view.scenario.threshold(c.basket)))
        })
    });
    // Away from any prompt, to the table panel (Tab: hand, log, table).
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Home);
    for _ in 0..index {
        press(&mut app, KeyCode::Down);
    }
    let screen = render(&mut app, (120, 40));
    let flat: String = screen
        .lines()
        .map(|l| l.trim_matches('"').trim_matches('│').trim())
        .collect::<Vec<_>>()
        .join(" ");
    assert!(flat.contains(&format!("Commitment #{id}")), "{screen}");
    assert!(
        flat.contains(&format!("{basket} is still open")),
        "{screen}"
    );
    assert!(flat.contains(&format!("Trust ≥{threshold}")), "{screen}");
}

#[test]
fn the_seat_whose_posture_closes_the_round_still_sees_the_round_end_as_change() {
    use ceasefire::engine::Meter;
    use ceasefire::scenario::ScenarioSource;
    use ceasefire::table::Session;
    let source = ScenarioSource::builtin("tutorial").unwrap();
    let scenario = std::sync::Arc::new(source.build().unwrap());
    let saves = tempfile::tempdir().unwrap();
    let mut session = Session::new(
        source,
        scenario,
        7,
        [Controller::Human; 3],
        Some(saves.path()),
    );
    // Every seat passes through round 1; Afghanistan's posture is the round's last move.
    let mut before_last_posture = None;
    while session.game().round() == 1 {
        let (seat, decision) = session.game().to_act().unwrap();
        if (seat, decision) == (Seat::Afghanistan, Decision::Posture) {
            before_last_posture = Some(session.game().meters());
        }
        let pass = session.passive_action().unwrap();
        session.act(pass).unwrap();
    }
    let before = before_last_posture.expect("Afghanistan took a posture");
    // A posture does nothing by itself: the reveal, the round's end (a round without
    // progress costs Credibility) and the next event are all change since that move.
    assert_eq!(session.meters_at_last_action(Seat::Afghanistan), before);
    let now = session.game().meters();
    assert!(
        now.get(Meter::Credibility) < before.get(Meter::Credibility),
        "{before:?} → {now:?}"
    );
    // A resumed game measures from the same point.
    let path = session.save().unwrap();
    let resumed = Session::resume(ceasefire::save::load(&path).unwrap(), &path).unwrap();
    assert_eq!(resumed.meters_at_last_action(Seat::Afghanistan), before);
}

#[test]
fn tabling_the_accord_asks_first_and_says_what_a_refusal_costs() {
    use ceasefire::engine::{Action, LogEvent, Viewer};
    use ceasefire::table::Session;
    use ceasefire::tui::Play;
    use std::sync::{Arc, Mutex};
    // Bots play every seat of a game of people until the mediator could table the accord.
    let ready = drive_tutorial_until(Policy::Normal, 1..60, |seat, legal| {
        legal.contains(&Action::TableAccord { seat }).then_some(())
    })
    .map(|(session, ())| session);
    let session = Arc::new(Mutex::new(ready.expect("some seed gets the accord ready")));
    let mut app = App::remote(
        options(),
        Play::remote(
            session.clone(),
            Viewer::Seat(Seat::Mediator),
            Speed::Instant,
        ),
    );
    let tabled = |session: &Arc<Mutex<Session>>| {
        let session = session.lock().unwrap();
        let log = session.game().log();
        log.iter().any(|e| e.event == LogEvent::AccordTabled)
    };
    press(&mut app, KeyCode::Char('a'));
    let screen = render(&mut app, (120, 40));
    assert!(
        screen.contains("Table the accord for signature"),
        "{screen}"
    );
    assert!(screen.contains("If either refuses"), "{screen}");
    assert!(screen.contains("Trust −5 and Credibility −5"), "{screen}");
    assert!(screen.contains("Agreed: Security"), "{screen}");
    assert!(!tabled(&session), "nothing is tabled before Enter");
    // Esc: not yet.
    press(&mut app, KeyCode::Esc);
    assert!(!tabled(&session));
    assert!(!render(&mut app, (120, 40)).contains("Table the accord for signature"));
    // Asked again and confirmed, the accord goes to the vote.
    press(&mut app, KeyCode::Char('a'));
    press(&mut app, KeyCode::Enter);
    assert!(tabled(&session));
}

#[test]
fn a_demand_newly_aimed_at_you_is_selected_on_the_table() {
    // A commitment is on the table first, then a demand to Pakistan arrives: the table's
    // selection goes to the demand, the thing Pakistan will want to answer.
    let mut had_commitment = false;
    let (mut app, demand) = solo_until(1..60, |game, step| {
        let view = game.view(Seat::Pakistan);
        // When two arrive together, the newest is the one selected.
        let to_me = view
            .demands
            .iter()
            .filter(|d| d.to == Seat::Pakistan)
            .map(|d| d.id)
            .max();
        let found = to_me.filter(|_| had_commitment && step > 0);
        had_commitment = to_me.is_none() && !view.commitments.is_empty();
        found
    });
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Tab);
    let screen = render(&mut app, (120, 40));
    let selected = screen
        .lines()
        .find(|l| l.contains("▸ #") || l.contains("▸!#"))
        .unwrap_or_else(|| panic!("{screen}"));
    assert!(
        selected.contains(&format!("#{demand} AF→PK")),
        "{selected}\n{screen}"
    );
}

#[test]
fn a_card_with_a_single_target_still_shows_what_it_will_do_before_it_is_played() {
    use ceasefire::engine::{Action, Viewer};
    use ceasefire::scenario::ScenarioSource;
    use ceasefire::table::Session;
    use ceasefire::tui::Play;
    use std::sync::{Arc, Mutex};
    let scenario = ScenarioSource::builtin("tutorial")
        .unwrap()
        .build()
        .unwrap();
    // Random moves until the mediators hold a verification with exactly one pledge to aim at.
    let found = drive_tutorial_until(Policy::Random, 1..200, |seat, legal| {
        let aimed: Vec<&Action> = legal
            .iter()
            .filter(|a| {
                matches!(
                    a,
                    Action::Play {
                        target: Some(_),
                        ..
                    }
                )
            })
            .collect();
        match aimed.as_slice() {
            [Action::Play { card, .. }]
                if seat == Seat::Mediator && scenario.cards[usize::from(*card)].verify > 0 =>
            {
                Some(*card)
            }
            _ => None,
        }
    });
    let (session, card) = found.expect("some seed gives the mediators one pledge to verify");
    let hand_index = session
        .game()
        .view(Viewer::Seat(Seat::Mediator))
        .own_hand()
        .iter()
        .position(|&c| c == card)
        .unwrap();
    let name = scenario.cards[usize::from(card)].name.clone();
    let session = Arc::new(Mutex::new(session));
    session.lock().unwrap().mark_briefed(Seat::Mediator);
    let mut app = App::remote(
        options(),
        Play::remote(
            session.clone(),
            Viewer::Seat(Seat::Mediator),
            Speed::Instant,
        ),
    );
    let actions = |session: &Arc<Mutex<Session>>| session.lock().unwrap().game().actions().len();
    let before = actions(&session);
    press(&mut app, KeyCode::Home);
    for _ in 0..hand_index {
        press(&mut app, KeyCode::Down);
    }
    press(&mut app, KeyCode::Enter);
    let screen = render(&mut app, (120, 40));
    assert!(
        screen.contains(&format!("How do you play {name}?")),
        "{screen}"
    );
    assert!(screen.contains("verified"), "{screen}");
    assert_eq!(actions(&session), before, "nothing played yet");
    press(&mut app, KeyCode::Enter);
    assert_eq!(actions(&session), before + 1, "played once chosen");
}

#[test]
fn the_last_round_says_it_is_the_accords_last_chance() {
    let mut app = at_the_table();
    let round = |app: &App| app.play().unwrap().session().game().round();
    let rounds = app.play().unwrap().session().game().scenario().rounds;
    assert!(!render(&mut app, (120, 40)).contains("Last round"));
    for _ in 0..200 {
        if round(&app) == rounds || app.play().unwrap().session().game().outcome().is_some() {
            break;
        }
        press(&mut app, KeyCode::Char('p'));
        press(&mut app, KeyCode::Enter);
        settle(&mut app);
    }
    assert_eq!(round(&app), rounds, "the game reached its last round");
    assert!(app.play().unwrap().session().game().outcome().is_none());
    close_recap(&mut app);
    // The tutorial plays rules version 2: in the last round the mediators move after the
    // delegations, so Pakistan's last move can still become the accord.
    let screen = render(&mut app, (120, 40));
    assert!(screen.contains("YOUR MOVE: negotiate"), "{screen}");
    assert!(
        screen.contains("Last round: an accord can still"),
        "{screen}"
    );
    // Seen from the mediators' seat before their turn, it is still to come.
    let mut hot = game([Controller::Human; 3], 11);
    for _ in 0..400 {
        let (round, to_act) = {
            let session = hot.play().unwrap().session();
            (session.game().round(), session.game().to_act())
        };
        if round == rounds && matches!(to_act, Some((Seat::Mediator, Decision::Negotiate))) {
            break;
        }
        if hot.play().unwrap().curtain().is_none() {
            press(&mut hot, KeyCode::Char('p'));
        }
        press(&mut hot, KeyCode::Enter);
    }
    press(&mut hot, KeyCode::Enter); // lift the curtain
    press(&mut hot, KeyCode::Enter); // close the brief, if it opens
    let screen = render(&mut hot, (120, 40));
    assert!(screen.contains("Mediator"), "{screen}");
    assert!(
        screen.contains("Last round: an accord can still"),
        "{screen}"
    );
}

#[test]
fn an_assurance_that_can_meet_a_demand_offers_the_meeting_first() {
    use ceasefire::engine::Action;
    // A card in Pakistan's hand that can both meet a demand and be played alone.
    let (mut app, index) = solo_until(1..80, |game, _| {
        if game.to_act() != Some((Seat::Pakistan, Decision::Negotiate)) {
            return None;
        }
        let legal = game.legal_actions(Seat::Pakistan);
        game.view(Seat::Pakistan)
            .own_hand()
            .iter()
            .position(|&card| {
                let meets = legal
                    .iter()
                    .any(|a| matches!(a, Action::Meet { card: c, .. } if *c == card));
                let alone = legal
                    .iter()
                    .any(|a| matches!(a, Action::Play { card: c, target: None, .. } if *c == card));
                meets && alone
            })
    });
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Home);
    for _ in 0..index {
        press(&mut app, KeyCode::Down);
    }
    press(&mut app, KeyCode::Enter);
    let screen = render(&mut app, (120, 40));
    let first = screen
        .lines()
        .find(|l| l.contains("▸ Meet") || l.contains("▸ Play"))
        .unwrap_or_else(|| panic!("{screen}"));
    assert!(first.contains("▸ Meet"), "{first}\n{screen}");
    assert!(
        screen.contains("alone: a pledge, but only meeting the demand agrees"),
        "{screen}"
    );
}

#[test]
fn q_on_the_debrief_asks_to_quit() {
    let mut app = solo();
    play_through(&mut app);
    // Past the reflection prompts (Esc skips a seat's), to the debrief.
    for _ in 0..6 {
        if !app.play().unwrap().typing() {
            break;
        }
        press(&mut app, KeyCode::Esc);
    }
    let screen = render(&mut app, (120, 40));
    assert!(screen.contains("debrief"), "{screen}");
    press(&mut app, KeyCode::Char('q'));
    let asked = render(&mut app, (120, 40));
    assert!(asked.contains("Quit Ceasefire?"), "{asked}");
}

#[test]
fn demands_you_must_answer_come_first_on_the_table() {
    use ceasefire::engine::Viewer;
    use ceasefire::tui::widgets::board::{self, Item};
    // Random bots until the table holds a demand to Pakistan after some other demand: on
    // Pakistan's table it is listed first.
    let mut checked = 0;
    for seed in 1..300u64 {
        let scenario = std::sync::Arc::new(
            ceasefire::scenario::ScenarioSource::builtin("tutorial")
                .unwrap()
                .build()
                .unwrap(),
        );
        let mut game = ceasefire::engine::Game::new(scenario, seed);
        let mut bots = ceasefire::sim::seat_bots(&[Policy::Random; 3], seed);
        while let Some((seat, _)) = game.to_act() {
            let view = game.view(Viewer::Seat(Seat::Pakistan));
            let first_to_me = view.demands.iter().position(|d| d.to == Seat::Pakistan);
            if first_to_me.is_some_and(|i| i > 0) {
                let items = board::items(&view);
                let Item::Demand(first) = items[0] else {
                    panic!("demands come before commitments");
                };
                let first = view.demands.iter().find(|d| d.id == first).unwrap();
                assert_eq!(first.to, Seat::Pakistan, "{:?}", view.demands);
                checked += 1;
                break;
            }
            let legal = game.legal_actions(seat);
            let choice = bots[seat.index()].choose(&game.view(seat), &legal);
            game.apply(choice.action).unwrap();
        }
        if checked >= 3 {
            break;
        }
    }
    assert!(
        checked > 0,
        "no table put a demand to Pakistan after another demand"
    );
}

#[test]
fn behind_the_curtain_the_last_person_may_still_take_their_move_back() {
    let bot = Controller::Bot(Policy::Random);
    let mut app = game([Controller::Human, Controller::Human, bot], 21);
    let first = app.play().unwrap().curtain().unwrap();
    press(&mut app, KeyCode::Enter); // lift the curtain
    press(&mut app, KeyCode::Enter); // close the brief
    settle(&mut app);
    assert_eq!(
        app.play().unwrap().session().human_to_act(),
        Some(first),
        "the first person negotiates"
    );
    let actions = |app: &App| app.play().unwrap().session().game().actions().len();
    // Passing ends the turn: the curtain comes down for the other person.
    let before = actions(&app);
    press(&mut app, KeyCode::Char('p'));
    let next = app
        .play()
        .unwrap()
        .curtain()
        .expect("the curtain came down");
    assert_ne!(next, first);
    let screen = render(&mut app, (100, 30));
    assert!(
        screen.contains(&format!("({first}: u takes your last move back first)")),
        "{screen}"
    );
    // u on the curtain: the pass is taken back and the first person has the table again.
    press(&mut app, KeyCode::Char('u'));
    assert!(app.play().unwrap().curtain().is_none());
    assert_eq!(app.play().unwrap().session().human_to_act(), Some(first));
    let screen = render(&mut app, (100, 30));
    assert!(
        screen.contains(&format!("{first}'s last action was taken back")),
        "{screen}"
    );
    assert!(actions(&app) > before, "the undo is recorded, not erased");
}

#[test]
fn a_hot_seat_rematch_says_who_moves_where() {
    let mut app = game([Controller::Human; 3], 7);
    play_through(&mut app);
    // Each person's reflection, behind its curtain (Enter lifts it, Esc skips the prompts).
    for _ in 0..20 {
        if render(&mut app, (120, 40)).contains("debrief ") {
            break;
        }
        let code = if app.play().unwrap().typing() {
            KeyCode::Esc
        } else {
            KeyCode::Enter
        };
        press(&mut app, code);
    }
    press(&mut app, KeyCode::Char('r'));
    assert!(
        app.play().unwrap().session().game().actions().is_empty(),
        "a new game"
    );
    press(&mut app, KeyCode::Enter); // lift the first curtain
    press(&mut app, KeyCode::Enter); // close the brief
    let screen = render(&mut app, (120, 40));
    assert!(screen.contains("Rematch, seats rotated"), "{screen}");
}

#[test]
fn an_event_that_finds_no_commitment_to_break_says_so() {
    use ceasefire::engine::{Game, LogEvent, Viewer};
    use ceasefire::tui::widgets::log;
    // Random tutorial games: every event that breaks a delegation's weakest pledge either
    // broke one before anybody moved again, or the log says nothing broke; both happen.
    let scenario = std::sync::Arc::new(
        ceasefire::scenario::ScenarioSource::builtin("tutorial")
            .unwrap()
            .build()
            .unwrap(),
    );
    let (mut nothing, mut broke) = (0, 0);
    for seed in 0..60u64 {
        let mut game = Game::new(scenario.clone(), seed);
        let mut bots = ceasefire::sim::seat_bots(&[Policy::Random; 3], seed);
        while let Some((seat, _)) = game.to_act() {
            let legal = game.legal_actions(seat);
            let choice = bots[seat.index()].choose(&game.view(seat), &legal);
            game.apply(choice.action).unwrap();
        }
        let theme = Theme::new(false);
        let lines = log::lines(&scenario, game.log(), &[], Viewer::Facilitator, theme);
        let said = lines
            .iter()
            .filter(|l| l.spans.iter().any(|s| s.content.contains("nothing breaks")))
            .count();
        let mut expected = 0;
        for (i, entry) in game.log().iter().enumerate() {
            let LogEvent::EventRevealed { event } = entry.event else {
                continue;
            };
            let Some(seat) = scenario.events[usize::from(event)].breaks else {
                continue;
            };
            // Until the next move by anybody.
            let before_next_move = game.log()[i + 1..].iter().take_while(|e| {
                !matches!(
                    e.event,
                    LogEvent::CardPlayed { .. }
                        | LogEvent::Passed { .. }
                        | LogEvent::EventChosen { .. }
                        | LogEvent::RoundStarted
                )
            });
            let found = before_next_move
                .into_iter()
                .any(|e| matches!(e.event, LogEvent::CommitmentBroken { by, .. } if by == seat));
            if found {
                broke += 1;
            } else {
                nothing += 1;
                expected += 1;
            }
        }
        assert_eq!(said, expected, "seed {seed}");
    }
    assert!(nothing > 0 && broke > 0, "nothing {nothing}, broke {broke}");
}

#[test]
fn the_reopened_brief_holds_the_you_panels_warnings() {
    let mut app = at_the_table();
    let table = render(&mut app, (120, 40));
    assert!(table.contains("No progress yet this round"), "{table}");
    // At 80x24 the You panel cuts it; the brief it points to has it.
    press(&mut app, KeyCode::Char('b'));
    let brief = render(&mut app, (80, 24));
    assert!(brief.contains("No progress yet this round"), "{brief}");
}

#[test]
fn version_2_prompts_show_an_offer_and_the_accords_terms() {
    use ceasefire::engine::{Decision, Viewer};
    use std::sync::{Arc, Mutex};
    let screen_at = |decision: Decision| {
        let (session, seat) =
            drive_tutorial_under_rules(2, Policy::Normal, 1..80, |seat, legal| {
                legal
                    .iter()
                    .any(|a| a.decision() == Some(decision))
                    .then_some(seat)
            })
            .unwrap_or_else(|| panic!("some seed reaches {decision}"));
        let session = Arc::new(Mutex::new(session));
        let mut app = App::remote(
            options(),
            Play::remote(session, Viewer::Seat(seat), Speed::Instant),
        );
        // A seat that has not moved yet first reads its brief.
        if render(&mut app, (120, 40)).contains("╔ Brief") {
            press(&mut app, KeyCode::Enter);
        }
        render(&mut app, (120, 40))
    };
    let offer = screen_at(Decision::Offer);
    assert!(offer.contains("A pledge offered to you"), "{offer}");
    assert!(
        offer.contains("Welcome the offered pledge: Trust +"),
        "{offer}"
    );
    assert!(offer.contains("Do not take it up"), "{offer}");
    let vote = screen_at(Decision::AccordVote);
    assert!(vote.contains("The accord is tabled: its terms"), "{vote}");
    assert!(
        vote.contains("It binds every pledge on the table"),
        "{vote}"
    );
    assert!(
        vote.contains("Both halves are bound") || vote.contains("cannot become a durable"),
        "{vote}"
    );
}

#[test]
fn version_2_a_package_prompt_offers_each_pledge_that_answers_it_and_declining() {
    use ceasefire::engine::{Action, Viewer};
    use std::sync::{Arc, Mutex};
    let (mut session, offers) = drive_tutorial_under_rules(2, Policy::Normal, 1..80, |_, legal| {
        let offers: Vec<Action> = legal
            .iter()
            .filter(|a| matches!(a, Action::OfferPackage { .. }))
            .copied()
            .collect();
        (!offers.is_empty()).then_some(offers)
    })
    .expect("some seed reaches a package offer");
    // The offer the other delegation can accept, so the prompt shows an acceptance too.
    let acceptable = |offer: &Action| {
        let mut game = session.game().clone();
        game.apply(*offer).unwrap();
        let (seat, _) = game.to_act().unwrap();
        game.legal_actions(seat)
            .iter()
            .any(|a| matches!(a, Action::AnswerPackage { card: Some(_), .. }))
    };
    let offer = offers
        .iter()
        .find(|o| acceptable(o))
        .copied()
        .unwrap_or(offers[0]);
    session.act(offer).unwrap();
    let (seat, decision) = session.game().to_act().unwrap();
    assert_eq!(decision, Decision::Package);
    let session = Arc::new(Mutex::new(session));
    let mut app = App::remote(
        options(),
        Play::remote(session, Viewer::Seat(seat), Speed::Instant),
    );
    // The offer comes in the first round: the seat's brief is open, and closed first.
    press(&mut app, KeyCode::Enter);
    let screen = render(&mut app, (120, 40));
    assert!(screen.contains("A package offered to you"), "{screen}");
    assert!(screen.contains("Accept with"), "{screen}");
    assert!(screen.contains("Decline the package"), "{screen}");
    snapshot("package_prompt", &mut app);
}

#[test]
fn version_2_an_assurances_menu_offers_it_as_a_package_for_each_open_basket() {
    use ceasefire::engine::{Action, Viewer};
    use std::sync::{Arc, Mutex};
    // A delegation's turn with an assurance it could offer as a package.
    let (session, (seat, index, asks)) =
        drive_tutorial_under_rules(2, Policy::Normal, 1..80, |seat, legal| {
            let (card, _) = legal.iter().find_map(|a| match *a {
                Action::OfferPackage { card, ask, .. } => Some((card, ask)),
                _ => None,
            })?;
            let asks = legal
                .iter()
                .filter(|a| matches!(a, Action::OfferPackage { card: c, .. } if *c == card))
                .count();
            Some((seat, card, asks))
        })
        .map(|(session, (seat, card, asks))| {
            let hand = session.game().view(seat).own_hand().to_vec();
            let index = hand.iter().position(|&c| c == card).unwrap();
            (session, (seat, index, asks))
        })
        .expect("some seed reaches a package offer");
    let session = Arc::new(Mutex::new(session));
    let mut app = App::remote(
        options(),
        Play::remote(session, Viewer::Seat(seat), Speed::Instant),
    );
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Home);
    for _ in 0..index {
        press(&mut app, KeyCode::Down);
    }
    press(&mut app, KeyCode::Enter);
    let screen = render(&mut app, (120, 40));
    let entries = screen.matches("as a package: this pledge").count();
    assert_eq!(
        entries, asks,
        "one entry per basket it can ask for\n{screen}"
    );
    assert!(screen.contains("How do you play"), "{screen}");
}

#[test]
fn the_join_code_prompt_asks_for_a_seats_code_and_says_why_one_was_refused() {
    use ceasefire::server::join::JoinPrompt;
    use ceasefire::server::lobby::Lobby;
    use ceasefire::server::tables::Tables;
    let tables = Tables::new(None, Duration::ZERO);
    let source = ceasefire::scenario::ScenarioSource::builtin("tutorial").unwrap();
    for _ in 0..2 {
        tables
            .open(&source, 7, [None, None, Some(Policy::Passive)])
            .unwrap();
    }
    let mut lobby = Lobby::joining(JoinPrompt::new(2, Seat::Pakistan, true));
    for c in "K7M".chars() {
        lobby.type_code(KeyEvent::from(KeyCode::Char(c)));
    }
    let draw = |lobby: &Lobby| {
        let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
        terminal
            .draw(|frame| lobby.draw(frame, &tables, "pakistan.2", Theme::new(false)))
            .unwrap();
        terminal.backend().to_string()
    };
    let asking = draw(&lobby);
    assert!(
        asking.contains("Join code for Pakistan at table 2:"),
        "{asking}"
    );
    assert!(asking.contains("K7M"), "{asking}");
    insta::assert_snapshot!("join_code_80x24", asking);
    lobby.notice = Some(
        "That is not the join code for Pakistan at table 2: check it with the facilitator and \
         type it again."
            .into(),
    );
    let refused = draw(&lobby);
    assert!(refused.contains("That is not the join code"), "{refused}");
    lobby.type_code(KeyEvent::from(KeyCode::Esc));
    assert!(lobby.joining.is_none() && lobby.notice.is_none());
    assert!(!draw(&lobby).contains("Join code"));
}

#[test]
fn the_flags_set_are_shown_at_the_table() {
    let fixture = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/flags");
    let bot = Controller::Bot(Policy::Random);
    let play = Play::start(fixture, [Controller::Human, bot, bot], Some(3), &options()).unwrap();
    let mut app = App::playing(options(), play, Instant::now());
    press(&mut app, KeyCode::Enter);
    settle(&mut app);
    let before = render(&mut app, (120, 40));
    assert!(!before.contains("Flags:"), "{before}");
    // The opening event asks Pakistan; its second option moves the talks to Doha.
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Enter);
    settle(&mut app);
    let after = render(&mut app, (120, 40));
    assert!(after.contains("Flags: talks_moved"), "{after}");
}

/// Draws `app` whole on `whole`, and over `last` (the frame before) as the SSH server draws
/// a key that only scrolled the box on top; asserts the two are the same, cell for cell, and
/// returns the new frame.
fn drawn_over_is_drawn_whole(
    app: &App,
    whole: &mut Terminal<TestBackend>,
    last: &ratatui::buffer::Buffer,
    what: &str,
) -> ratatui::buffer::Buffer {
    whole.draw(|frame| app.draw(frame)).unwrap();
    let expected = whole.backend().buffer().clone();
    let area = expected.area;
    let mut over = Terminal::new(TestBackend::new(area.width, area.height)).unwrap();
    over.current_buffer_mut().content = last.content.clone();
    let mut drew = false;
    over.draw(|frame| drew = app.draw_overlay_over(frame))
        .unwrap();
    assert!(drew, "{what}: drawn over the last frame");
    assert_eq!(over.backend().buffer(), &expected, "{what}");
    expected
}

/// The SSH server draws a key that only scrolls the box on top of a game (the brief, the
/// help) over the client's last frame rather than drawing the table beneath again: that must
/// give exactly the frame drawn whole.
#[test]
fn a_box_drawn_over_the_last_frame_is_the_frame_drawn_whole() {
    let bot = Controller::Bot(Policy::Random);
    for (scenario, (width, height)) in [
        ("istanbul", (100, 30)),
        ("istanbul", (120, 40)),
        ("tutorial", (80, 24)),
        ("doha", (80, 24)),
    ] {
        let play = Play::start(scenario, [Controller::Human, bot, bot], Some(3), &options())
            .expect("a built-in scenario");
        let mut app = App::playing(options(), play, Instant::now());
        app.resize(Rect::new(0, 0, width, height));
        let mut whole = Terminal::new(TestBackend::new(width, height)).unwrap();
        whole.draw(|frame| app.draw(frame)).unwrap();
        let first = whole.backend().buffer().clone();
        let scrolls = [
            KeyCode::Down,
            KeyCode::Char('j'),
            KeyCode::PageDown,
            KeyCode::End,
            KeyCode::Up,
            KeyCode::PageUp,
            KeyCode::Home,
            KeyCode::PageDown,
        ];
        // The brief, then the help over it (Tab turns to its Rules and back).
        let mut last = first.clone();
        for (over, keys) in [
            ("brief", &scrolls[..]),
            (
                "help",
                &[&[KeyCode::Tab][..], &scrolls[..], &[KeyCode::Tab]].concat()[..],
            ),
        ] {
            if over == "help" {
                press(&mut app, KeyCode::Char('?'));
                assert!(!app.only_an_overlay_scrolled(), "the help opened");
                whole.draw(|frame| app.draw(frame)).unwrap();
                last = whole.backend().buffer().clone();
            }
            let mut moved = false;
            for &key in keys {
                press(&mut app, key);
                assert!(
                    app.only_an_overlay_scrolled(),
                    "{key:?} only scrolls the {over}"
                );
                let what = format!("{scenario} at {width}x{height}, the {over} after {key:?}");
                let drawn = drawn_over_is_drawn_whole(&app, &mut whole, &last, &what);
                moved |= drawn != last;
                last = drawn;
            }
            assert!(moved, "{scenario}: the {over} scrolled at {width}x{height}");
        }
        // Closing either is drawn whole, and with neither open nothing is drawn over.
        press(&mut app, KeyCode::Esc);
        assert!(!app.only_an_overlay_scrolled(), "Esc closed the help");
        press(&mut app, KeyCode::Enter);
        assert!(!app.only_an_overlay_scrolled(), "Enter closed the brief");
        let mut over = Terminal::new(TestBackend::new(width, height)).unwrap();
        let mut drew = true;
        over.draw(|frame| drew = app.draw_overlay_over(frame))
            .unwrap();
        assert!(!drew, "no box to draw over the table");
    }
}

/// The account of the others' moves, open at a person's turn, is drawn over the last frame
/// too when a key only scrolls it: the same frame as drawn whole.
#[test]
fn the_account_of_the_others_moves_drawn_over_the_last_frame_is_the_frame_drawn_whole() {
    let bot = Controller::Bot(Policy::Random);
    let (width, height) = (80, 24);
    let play = Play::start(
        "istanbul",
        [Controller::Human, bot, bot],
        Some(3),
        &options(),
    )
    .unwrap();
    let mut app = App::playing(options(), play, Instant::now());
    app.resize(Rect::new(0, 0, width, height));
    press(&mut app, KeyCode::Enter);
    settle(&mut app);
    let mut whole = Terminal::new(TestBackend::new(width, height)).unwrap();
    let mut scrolled = 0;
    // Turn after turn, each account that opens is scrolled through and closed.
    for _ in 0..60 {
        if app.play().unwrap().session().game().outcome().is_some() {
            break;
        }
        whole.draw(|frame| app.draw(frame)).unwrap();
        let mut last = whole.backend().buffer().clone();
        if format!("{last:?}").contains("since your last turn") {
            for key in [
                KeyCode::Down,
                KeyCode::PageDown,
                KeyCode::End,
                KeyCode::Up,
                KeyCode::Home,
            ] {
                press(&mut app, key);
                assert!(
                    app.only_an_overlay_scrolled(),
                    "{key:?} scrolls the account"
                );
                let what = format!("the account after {key:?}");
                let drawn = drawn_over_is_drawn_whole(&app, &mut whole, &last, &what);
                scrolled += usize::from(drawn != last);
                last = drawn;
            }
            press(&mut app, KeyCode::Esc);
            assert!(!app.only_an_overlay_scrolled(), "Esc closed the account");
        }
        press(&mut app, KeyCode::Char('p'));
        press(&mut app, KeyCode::Enter);
        settle(&mut app);
    }
    assert!(scrolled > 0, "an account long enough to scroll came up");
}
