//! The guided tutorial's steps, driven through the pure step logic: for each seat, a student
//! who does exactly what the current step's words name (the card or option in “ ”, the key's
//! action) reaches the last step, each step waiting for its own action.

use ceasefire::bot::{Bot, TutorBot};
use ceasefire::engine::{Action, Decision, Game, Posture, Seat, SeatView};
use ceasefire::scenario::ScenarioSource;
use ceasefire::tui::tutorial::{DoneWhen, Step, StepsFile, steps_done};

fn steps_file() -> StepsFile {
    let source = ScenarioSource::builtin("tutorial").unwrap();
    StepsFile::in_source(&source).unwrap().unwrap()
}

/// The names the step's text quotes (“…”).
fn quoted(text: &str) -> Vec<String> {
    text.split('“')
        .skip(1)
        .filter_map(|s| s.split('”').next())
        .map(str::to_string)
        .collect()
}

/// What the action does, in the words a picker or the hand shows (card or option names).
fn names(view: &SeatView, action: &Action) -> Vec<String> {
    let scenario = &view.scenario;
    let mut names = Vec::new();
    if let Some(card) = action.card_shown() {
        names.push(scenario.cards[usize::from(card)].name.clone());
    }
    match *action {
        Action::Choose { option, .. } => {
            if let Some(choice) = view
                .current_event
                .and_then(|e| scenario.events[usize::from(e)].choice.as_ref())
            {
                names.push(choice.options[usize::from(option)].label.clone());
            }
        }
        Action::Posture { posture, .. } => names.push(posture.to_string()),
        Action::Vote { accept: true, .. } => names.push("Sign the accord".to_string()),
        Action::Consent { accept: true, .. } => names.push("Consent".to_string()),
        _ => {}
    }
    names
}

/// The student's move: what the step asks, when it asks something of this decision; else
/// the move that lets the game go on (pass, a conciliatory posture, yes).
fn student(step: Option<&Step>, view: &SeatView, legal: &[Action]) -> Action {
    let (seat, decision) = view.to_act.unwrap();
    if let Some(step) = step {
        let wanted = quoted(&step.text);
        let fits = |a: &Action| {
            matches!(
                (step.done_when, a),
                (
                    DoneWhen::DemandTabled | DoneWhen::Verified | DoneWhen::MonitorsDecided,
                    Action::Play { .. }
                ) | (DoneWhen::DemandMet, Action::Meet { .. })
                    | (DoneWhen::MonitorsDecided, Action::Consent { .. })
                    | (DoneWhen::AccordTabled, Action::TableAccord { .. })
                    | (DoneWhen::Passed, Action::Pass { .. })
                    | (
                        _,
                        Action::Choose { .. } | Action::Posture { .. } | Action::Vote { .. }
                    )
            )
        };
        let named =
            |a: &Action| wanted.is_empty() || names(view, a).iter().any(|n| wanted.contains(n));
        if let Some(action) = legal.iter().find(|a| fits(a) && named(a)) {
            return *action;
        }
    }
    let fallback = match decision {
        Decision::Negotiate => Action::Pass { seat },
        Decision::Posture => Action::Posture {
            seat,
            posture: Posture::Conciliatory,
        },
        _ => decision.answer(seat, true).unwrap_or(legal[0]),
    };
    if legal.contains(&fallback) {
        fallback
    } else {
        legal[0]
    }
}

/// Plays `seat`'s tutorial with the student; returns the game and, for each action, how many
/// steps were done after it.
fn drive(seat: Seat) -> (Game, Vec<usize>) {
    drive_seeded(seat, steps_file().seeds.of(seat))
}

fn drive_seeded(seat: Seat, seed: u64) -> (Game, Vec<usize>) {
    let file = steps_file();
    let steps = file.for_seat(seat);
    let scenario = ScenarioSource::builtin("tutorial")
        .unwrap()
        .build()
        .unwrap();
    let mut game = Game::new(scenario, seed);
    let mut tutor = TutorBot;
    let mut done_after = Vec::new();
    while let Some((who, _)) = game.to_act() {
        let legal = game.legal_actions(who);
        let view = game.view(who);
        let action = if who == seat {
            let done = steps_done(&steps, seat, game.log(), true);
            student(steps.get(done), &view, &legal)
        } else {
            tutor.choose(&view, &legal).action
        };
        game.apply(action).unwrap();
        done_after.push(steps_done(&steps, seat, game.log(), true));
        if std::env::var("TUTORIAL_TRACE").is_ok() {
            println!("{action:?} -> {}", done_after.last().unwrap());
        }
    }
    (game, done_after)
}

fn log_text(game: &Game) -> String {
    game.log()
        .iter()
        .map(|e| format!("R{} {}", e.round, e.describe(game.scenario())))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn every_seat_reaches_the_last_step_one_step_at_a_time() {
    for seat in Seat::ALL {
        let steps = steps_file().for_seat(seat);
        let (game, done_after) = drive(seat);
        assert_eq!(
            done_after.last().copied(),
            Some(steps.len()),
            "{seat} stopped at step {:?}:\n{}",
            done_after.last(),
            log_text(&game)
        );
        for pair in done_after.windows(2) {
            assert!(
                pair[1] <= pair[0] + 1,
                "{seat}: two steps done by one action"
            );
        }
    }
}

/// For step authors: which seeds let each seat's steps be followed to the end
/// (`cargo test --test tutorial seed_survey -- --ignored --nocapture`).
#[test]
#[ignore]
fn seed_survey() {
    for seat in Seat::ALL {
        let total = steps_file().for_seat(seat).len();
        let good: Vec<u64> = (1..80)
            .filter(|&seed| {
                let (_, d) = drive_seeded(seat, seed);
                d.last() == Some(&total) && d.windows(2).all(|p| p[1] <= p[0] + 1)
            })
            .collect();
        let reached: Vec<usize> = (1..20)
            .map(|seed| *drive_seeded(seat, seed).1.last().unwrap())
            .collect();
        println!(
            "{seat}: {} of 79 good: {good:?}; reached {reached:?} of {total}",
            good.len()
        );
    }
}

/// For step authors: the log of one seat's tutorial at one seed, as the student plays it
/// (`SEAT=afghanistan SEED=2 cargo test --test tutorial trace -- --ignored --nocapture`).
#[test]
#[ignore]
fn trace() {
    let seat: Seat = match std::env::var("SEAT").unwrap().as_str() {
        "pakistan" => Seat::Pakistan,
        "afghanistan" => Seat::Afghanistan,
        _ => Seat::Mediator,
    };
    let seed: u64 = std::env::var("SEED").unwrap().parse().unwrap();
    let (game, d) = drive_seeded(seat, seed);
    println!("{}\nreached {:?}", log_text(&game), d.last());
}

#[path = "common/steps.rs"]
mod reader;

mod screens {
    //! Pakistan's tutorial at 80x24 from the title screen, a snapshot at every step, driven
    //! by a reader who presses only the keys the banner names.

    use super::reader;
    use ceasefire::tui::{App, Options, Speed, Theme};
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    use ratatui::crossterm::event::{Event, KeyCode, KeyEvent};
    use ratatui::layout::Rect;
    use std::time::{Duration, Instant};

    fn render(app: &mut App) -> String {
        let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
        app.resize(Rect::new(0, 0, 80, 24));
        terminal.draw(|frame| app.draw(frame)).unwrap();
        // TestBackend quotes each row; the reader wants the rows as they look.
        terminal
            .backend()
            .buffer()
            .content
            .chunks(80)
            .map(|row| row.iter().map(|c| c.symbol()).collect::<String>())
            .collect::<Vec<_>>()
            .join("\n")
    }

    fn press(app: &mut App, key: &str) {
        let code = match key {
            "Enter" => KeyCode::Enter,
            "Tab" => KeyCode::Tab,
            "Down" => KeyCode::Down,
            "p" => KeyCode::Char('p'),
            other => panic!("the reader pressed {other}"),
        };
        app.handle(&Event::Key(KeyEvent::from(code)), Instant::now());
        settle(app);
    }

    /// Lets the tutors move until the person must act.
    fn settle(app: &mut App) {
        for _ in 0..2000 {
            if app.wake_at().is_none() {
                return;
            }
            app.tick(Instant::now() + Duration::from_secs(3600));
        }
        panic!("the tutors never stopped");
    }

    #[test]
    fn pakistans_steps_in_order_each_waiting_for_its_action() {
        let mut app = App::new(Options {
            saves_dir: None,
            speed: Speed::Instant,
            theme: Theme::new(false),
        });
        // The title's Tutorial entry, then Pakistan.
        press(&mut app, "Down");
        press(&mut app, "Enter");
        insta::assert_snapshot!("tutorial_seat_chooser", render(&mut app));
        press(&mut app, "Enter");
        let mut seen = 0;
        for _ in 0..200 {
            let screen = render(&mut app);
            if reader::complete(&screen) {
                insta::assert_snapshot!("tutorial_pakistan_complete", screen);
                assert_eq!(seen, 11, "every step was seen");
                return;
            }
            let (number, text) = reader::banner(&screen).expect("a step banner");
            assert!(
                number == seen || number == seen + 1,
                "step {number} after {seen}"
            );
            if number > seen {
                insta::assert_snapshot!(format!("tutorial_pakistan_step_{number:02}"), screen);
                seen = number;
            }
            // A step waits: nothing but its own action moves it on.
            let before = render(&mut app);
            let pressed = {
                let app_cell = std::cell::RefCell::new(&mut app);
                let mut read = || render(&mut app_cell.borrow_mut());
                let mut keys = |k: &str| press(&mut app_cell.borrow_mut(), k);
                reader::follow(&text, &mut read, &mut keys)
            };
            assert!(
                !pressed.is_empty(),
                "step {number} named no key: {text}\n{before}"
            );
            for key in pressed {
                assert!(
                    text.contains(key) || (key == "Down" && text.contains('↓')),
                    "{key} not named in: {text}"
                );
            }
        }
        panic!("the tutorial never ended:\n{}", render(&mut app));
    }
}

#[test]
fn every_step_fits_one_line_of_an_80_column_screen() {
    use ceasefire::tui::tutorial::{Position, banner};
    for seat in Seat::ALL {
        let steps = steps_file().for_seat(seat);
        for (done, step) in steps.iter().enumerate() {
            let position = Position {
                done,
                total: steps.len(),
                now: Some(ceasefire::tui::keys::fill(&step.text)),
                why: None,
            };
            assert_eq!(
                banner::height(&position, 80),
                1,
                "{seat} step {}: {}",
                done + 1,
                banner::text(&position)
            );
        }
    }
}

#[test]
fn a_tutorial_left_and_loaded_again_resumes_at_its_step() {
    use ceasefire::tui::{Options, Play, Speed, Theme};
    let dir = tempfile::tempdir().unwrap();
    let options = Options {
        saves_dir: Some(dir.path().to_path_buf()),
        speed: Speed::Instant,
        theme: Theme::new(false),
    };
    let play = ceasefire::tui::tutorial::start(Seat::Pakistan, &options).unwrap();
    let path = play.session().save_path().unwrap().to_path_buf();
    {
        let mut session = play.session();
        session.mark_briefed(Seat::Pakistan);
        // The tutor mediators pass; then Pakistan tables its demand (step 2).
        while session.game().to_act().map(|(s, _)| s) == Some(Seat::Mediator) {
            session.play_bot();
        }
        let view = session.view(Seat::Pakistan.into());
        let card = view.scenario.card_by_id("pk-t-sanctuaries").unwrap();
        session
            .act(Action::Play {
                seat: Seat::Pakistan,
                card,
                target: None,
            })
            .unwrap();
    }
    assert_eq!(play.tutorial_position().unwrap().done, 2);
    drop(play);
    let resumed = Play::load(&path, &options).unwrap();
    let position = resumed.tutorial_position().expect("still a tutorial");
    assert_eq!((position.done, position.total), (2, 11));
    assert!(position.now.unwrap().starts_with("End your turn"));
}
