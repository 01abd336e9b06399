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
    // Close the account of the others' moves, as a player would.
    if render(&mut app, (80, 24)).contains("since your last turn") {
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
        "Pakistan 75, Afghanistan 70",
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

/// Pakistan passes its turn and takes the first posture (welcoming anything offered), then
/// the bots play on to Pakistan's next turn.
fn pass_the_round(app: &mut App) {
    press(app, KeyCode::Char('p'));
    for _ in 0..6 {
        settle(app);
        match decision(app) {
            Some(Decision::Negotiate) | None => break,
            Some(_) => press(app, KeyCode::Enter),
        }
    }
    settle(app);
}

#[test]
fn after_a_round_of_bot_moves_the_account_opens_and_says_what_moved_the_meters() {
    let mut app = solo("tutorial", 11);
    // No account before the first move: the brief has just been read.
    assert!(!render(&mut app, (80, 24)).contains("since your last turn"));
    pass_the_round(&mut app);
    let screen = render(&mut app, (80, 24));
    assert!(
        screen.contains("Pakistan: since your last turn"),
        "{screen}"
    );
    snapshot("recap", &mut app);
}

#[test]
fn each_meter_change_is_put_down_to_what_caused_it() {
    use ceasefire::engine::{
        Basket, CardId, EventId, LogEntry, LogEvent, Meter, Posture, Seat, TableId, recap,
    };
    let scenario = ceasefire::scenario::load("istanbul").unwrap();
    let card = CardId(0);
    let entry = |round, event| LogEntry { round, event };
    let meter = |meter, delta, now| LogEvent::MeterChanged { meter, delta, now };
    let log = [
        entry(
            3,
            LogEvent::CardPlayed {
                seat: Seat::Afghanistan,
                card,
            },
        ),
        entry(
            3,
            LogEvent::DemandTabled {
                id: TableId(4),
                by: Seat::Afghanistan,
                basket: Basket::Security,
            },
        ),
        entry(3, meter(Meter::AfghanistanPressure, -2, 48)),
        entry(
            3,
            LogEvent::PostureTaken {
                seat: Seat::Pakistan,
                posture: Posture::Conciliatory,
            },
        ),
        entry(3, meter(Meter::Trust, 3, 33)),
        entry(3, meter(Meter::PakistanPressure, 8, 58)),
        entry(
            3,
            LogEvent::PostureTaken {
                seat: Seat::Afghanistan,
                posture: Posture::Conciliatory,
            },
        ),
        entry(3, meter(Meter::Trust, 3, 36)),
        entry(3, meter(Meter::AfghanistanPressure, 8, 56)),
        entry(3, meter(Meter::Escalation, -1, 0)),
        entry(
            3,
            LogEvent::CommitmentTested {
                id: TableId(3),
                roll: 80,
                credibility: 60,
                held: false,
            },
        ),
        entry(
            3,
            LogEvent::CommitmentBroken {
                id: TableId(3),
                by: Seat::Afghanistan,
                basket: Basket::Security,
            },
        ),
        entry(3, meter(Meter::Trust, -10, 26)),
        entry(3, meter(Meter::Credibility, -13, 47)),
        entry(
            3,
            LogEvent::BasketUnravelled {
                basket: Basket::Security,
            },
        ),
        entry(3, LogEvent::Stalled),
        entry(3, meter(Meter::Credibility, -7, 40)),
        entry(3, meter(Meter::PakistanPressure, 2, 60)),
        entry(3, meter(Meter::AfghanistanPressure, 2, 58)),
        entry(
            3,
            LogEvent::Drew {
                seat: Seat::Pakistan,
                count: 1,
            },
        ),
        entry(4, LogEvent::RoundStarted),
        entry(4, LogEvent::EventRevealed { event: EventId(0) }),
        entry(4, meter(Meter::Trust, 4, 30)),
    ];
    let account = recap(&scenario, &log);
    let causes = |m: Meter| {
        let moves = account.meters.iter().find(|x| x.meter == m).unwrap();
        let causes: Vec<(String, i32)> = moves.causes.clone();
        (moves.from, moves.to, causes)
    };
    let played = format!("Afghanistan played {}", scenario.cards[0].name);
    let event = format!("event \"{}\"", scenario.events[0].name);
    assert_eq!(
        causes(Meter::Credibility),
        (
            60,
            40,
            vec![
                ("Afghanistan's commitment #3 broke".to_string(), -13),
                (
                    "no progress in the round (mediation fatigue)".to_string(),
                    -7
                ),
            ]
        )
    );
    assert_eq!(
        causes(Meter::AfghanistanPressure),
        (
            50,
            58,
            vec![
                (played, -2),
                ("Afghanistan's conciliatory posture".to_string(), 8),
                ("pressure drift at upkeep".to_string(), 2),
            ]
        )
    );
    assert_eq!(
        causes(Meter::PakistanPressure).2,
        vec![
            ("Pakistan's conciliatory posture".to_string(), 8),
            ("pressure drift at upkeep".to_string(), 2),
        ]
    );
    assert_eq!(
        causes(Meter::Escalation).2,
        vec![("both delegations conciliatory".to_string(), -1)]
    );
    assert_eq!(causes(Meter::Trust).2.last(), Some(&(event, 4)));
    assert_eq!(
        account.postures,
        vec![
            (3, Seat::Pakistan, Posture::Conciliatory),
            (3, Seat::Afghanistan, Posture::Conciliatory)
        ]
    );
    // The happenings, round by round, without the meter lines and draws.
    assert_eq!(
        account.rounds.iter().map(|r| r.round).collect::<Vec<_>>(),
        [3, 4]
    );
    assert!(account.rounds[0].lines.iter().any(|l| l.contains("BROKE")));
    assert!(
        account.rounds[0]
            .lines
            .iter()
            .all(|l| !l.contains(" → ") && !l.contains("drew"))
    );
}

#[test]
fn a_firm_posture_before_the_drift_is_the_postures_not_the_drifts() {
    use ceasefire::engine::{LogEntry, LogEvent, Meter, Posture, Seat, recap};
    let scenario = ceasefire::scenario::load("istanbul").unwrap();
    let entry = |event| LogEntry { round: 2, event };
    let meter = |meter, delta, now| LogEvent::MeterChanged { meter, delta, now };
    // Afghanistan's firm posture (+2) closes the postures; nothing is tested, the round made
    // progress, so the drift (+2 each) follows at once; Pakistan's drift is lost at 100.
    let log = [
        entry(LogEvent::PostureTaken {
            seat: Seat::Pakistan,
            posture: Posture::Firm,
        }),
        entry(meter(Meter::PakistanPressure, 1, 100)),
        entry(LogEvent::PostureTaken {
            seat: Seat::Afghanistan,
            posture: Posture::Firm,
        }),
        entry(meter(Meter::AfghanistanPressure, 2, 52)),
        entry(meter(Meter::AfghanistanPressure, 2, 54)),
        entry(LogEvent::Drew {
            seat: Seat::Pakistan,
            count: 1,
        }),
    ];
    let account = recap(&scenario, &log);
    let afghan = account
        .meters
        .iter()
        .find(|m| m.meter == Meter::AfghanistanPressure)
        .unwrap();
    assert_eq!(
        afghan.causes,
        vec![
            ("Afghanistan's firm posture".to_string(), 2),
            ("pressure drift at upkeep".to_string(), 2),
        ]
    );
    let pakistan = account
        .meters
        .iter()
        .find(|m| m.meter == Meter::PakistanPressure)
        .unwrap();
    assert_eq!(
        pakistan.causes,
        vec![("Pakistan's firm posture".to_string(), 1)]
    );
}

#[test]
fn over_whole_games_each_account_adds_up_to_the_meters_it_covers() {
    use ceasefire::engine::{Game, Seat, Viewer, recap};
    use std::sync::Arc;
    for name in ["tutorial", "istanbul"] {
        let scenario = Arc::new(ceasefire::scenario::load(name).unwrap());
        for seed in 0..6 {
            let mut game = Game::new(scenario.clone(), seed);
            let mut bots = ceasefire::sim::seat_bots(&[Policy::Random; 3], seed);
            let mut checked = 0;
            while let Some((seat, _)) = game.to_act() {
                if let Some(start) = game.recap_start(seat) {
                    let account = recap(&scenario, &game.log()[start..]);
                    for m in &account.meters {
                        let sum: i32 = m.causes.iter().map(|c| c.1).sum();
                        assert_eq!(i32::from(m.to) - i32::from(m.from), sum, "{name} {seed}");
                        assert!(m.causes.iter().all(|c| !c.0.is_empty()));
                    }
                    checked += 1;
                }
                let legal = game.legal_actions(seat);
                let view = game.view(Viewer::Seat(seat));
                let choice = bots[seat.index()].choose(&view, &legal);
                game.apply(choice.action).unwrap();
            }
            assert!(checked > 0);
            // The account at the end, from the mediators' last move, ends at the final meters.
            if let Some(start) = game.recap_start(Seat::Mediator) {
                let account = recap(&scenario, &game.log()[start..]);
                for m in &account.meters {
                    assert_eq!(m.to, game.meters().get(m.meter), "{name} {seed}");
                }
            }
        }
    }
}

#[test]
fn in_hot_seat_the_account_tells_each_person_the_postures_revealed() {
    use ceasefire::engine::Seat;
    let bot = Controller::Bot(Policy::Random);
    let play = Play::start(
        "tutorial",
        [Controller::Human, Controller::Human, bot],
        Some(11),
        &options(),
    )
    .unwrap();
    let mut app = App::playing(options(), play, Instant::now());
    let mut seen = Vec::new();
    for _ in 0..200 {
        settle(&mut app);
        let screen = render(&mut app, (80, 24));
        let (round, to_act) = {
            let session = app.play().unwrap().session();
            (session.game().round(), session.game().to_act())
        };
        if screen.contains("since your last turn") {
            seen.push((round, to_act.map(|t| t.0), screen));
            press(&mut app, KeyCode::Esc);
            if round == 2 && to_act.map(|t| t.0) == Some(Seat::Afghanistan) {
                break;
            }
            continue;
        }
        match to_act {
            _ if app.play().unwrap().curtain().is_some() => press(&mut app, KeyCode::Enter),
            _ if screen.contains("to begin") => press(&mut app, KeyCode::Enter),
            Some((_, Decision::Negotiate)) => press(&mut app, KeyCode::Char('p')),
            Some(_) => press(&mut app, KeyCode::Enter),
            None => break,
        }
    }
    // Each person sees the account when their second turn comes, with both postures.
    for seat in [Seat::Pakistan, Seat::Afghanistan] {
        let (_, _, screen) = seen
            .iter()
            .find(|(round, who, _)| *round == 2 && *who == Some(seat))
            .unwrap_or_else(|| panic!("{seat} saw no account in round 2"));
        assert!(
            screen.contains(&format!("{seat}: since your last turn")),
            "{screen}"
        );
        assert!(screen.contains("Postures revealed, round 1:"), "{screen}");
        assert!(screen.contains(&format!("{seat} (you)")), "{screen}");
    }
    // Once a turn: nobody saw two accounts in one round.
    let mut turns: Vec<_> = seen.iter().map(|(round, who, _)| (*round, *who)).collect();
    turns.dedup();
    assert_eq!(turns.len(), seen.len());
}

#[test]
fn the_plus_minus_column_says_what_it_counts_from() {
    let mut app = solo("tutorial", 11);
    let screen = render(&mut app, (80, 24));
    assert!(
        screen.contains("Meters ─── ± since the start ┐"),
        "{screen}"
    );
    assert!(screen.contains("w what moved them"), "{screen}");
    press(&mut app, KeyCode::Char('p'));
    let screen = render(&mut app, (80, 24));
    assert!(screen.contains("± since your move"), "{screen}");
    // Watching the replay: this round.
    let (file, game) = {
        let session = app.play().unwrap().session();
        (session.save_file(0), session.game().clone())
    };
    let mut replay = App::replaying(options(), ceasefire::tui::Replay::new(file, &game));
    let screen = render(&mut replay, (80, 24));
    assert!(screen.contains("± this round"), "{screen}");
    assert!(!screen.contains("what moved them"), "{screen}");
}

/// The tutorial's game at its first move, seen by `seat`, with `change` made to the view.
fn tutorial_view(
    seat: ceasefire::engine::Seat,
    change: impl FnOnce(&mut ceasefire::engine::SeatView),
) -> ceasefire::engine::SeatView {
    use std::sync::Arc;
    let scenario = Arc::new(ceasefire::scenario::load("tutorial").unwrap());
    let game = ceasefire::engine::Game::new(scenario, 11);
    let mut view = game.view(ceasefire::engine::Viewer::Seat(seat));
    change(&mut view);
    view
}

#[test]
fn a_card_whose_effect_a_cap_would_waste_says_so() {
    use ceasefire::engine::{Action, Capped, Meter, Seat, action_caps, card_caps};
    use std::sync::Arc;
    // The hotline: Escalation −1, Trust +2. At Escalation 0 and Trust 99, both are cut.
    let view = tutorial_view(Seat::Mediator, |v| {
        v.meters.set(Meter::Escalation, 0);
        v.meters.set(Meter::Trust, 99);
    });
    let hotline = view.scenario.card_by_id("md-t-hotline").unwrap();
    let caps = card_caps(&view, Seat::Mediator, hotline);
    let words: Vec<String> = caps.iter().map(|c| c.describe(&view.scenario)).collect();
    assert_eq!(
        words,
        [
            "capped: Trust is 99, so +2 gives only +1",
            "capped: Escalation is already 0, so −1 does nothing",
        ]
    );
    // Nothing is capped when there is room.
    let roomy = tutorial_view(Seat::Mediator, |v| v.meters.set(Meter::Escalation, 2));
    assert!(card_caps(&roomy, Seat::Mediator, hotline).is_empty());

    // A verification on a commitment near the top: +40 adds only 10.
    let monitors = view.scenario.card_by_id("md-t-monitors").unwrap();
    let mut with_pledge = view.clone();
    let game = {
        let scenario = Arc::new(ceasefire::scenario::load("tutorial").unwrap());
        let mut game = ceasefire::engine::Game::new(scenario.clone(), 11);
        // Pakistan pledges alone (a commitment on the table), everyone else passes.
        while let Some((seat, decision)) = game.to_act() {
            if !game.commitments().is_empty() {
                break;
            }
            let legal = game.legal_actions(seat);
            let pledge = legal.iter().find(|a| {
                matches!(a, Action::Play { card, target: None, .. }
                    if scenario.cards[usize::from(*card)].kind
                        == ceasefire::engine::CardKind::Assurance)
            });
            let action = match (pledge, decision) {
                (Some(p), _) => *p,
                (None, ceasefire::engine::Decision::Negotiate) => Action::Pass { seat },
                _ => legal[0],
            };
            game.apply(action).unwrap();
        }
        game
    };
    with_pledge.commitments = game.commitments().to_vec();
    with_pledge.commitments[0].credibility = 85;
    let id = with_pledge.commitments[0].id;
    let play = Action::Play {
        seat: Seat::Mediator,
        card: monitors,
        target: Some(id),
    };
    let caps = action_caps(&with_pledge, &play);
    assert_eq!(caps.len(), 1);
    assert_eq!(caps[0].what, Capped::Verification(id));
    assert_eq!(
        caps[0].describe(&with_pledge.scenario),
        format!("capped: #{id}'s credibility is 85%, the most is 95%, so +40 gives only +10")
    );
    // The details of the card in hand list it too.
    assert!(
        card_caps(&with_pledge, Seat::Mediator, monitors)
            .iter()
            .any(|c| c.what == Capped::Verification(id))
    );

    // A pledge whose bonus would take it past the most: enforcement 90 + 15 stops at 95.
    let strong = tutorial_view(Seat::Pakistan, |v| {
        let mut scenario = (*v.scenario).clone();
        scenario.enforcement[Seat::Pakistan.index()] = 90;
        v.scenario = Arc::new(scenario);
    });
    let pledge = strong.scenario.card_by_id("pk-t-non-interference").unwrap();
    let words: Vec<String> = card_caps(&strong, Seat::Pakistan, pledge)
        .iter()
        .map(|c| c.describe(&strong.scenario))
        .collect();
    assert_eq!(
        words,
        ["capped: a pledge starts at 90% and stops at 95%, so the card's +15 gives only +5"]
    );
}

#[test]
fn a_capped_card_is_flagged_in_its_details_and_asks_before_it_is_played() {
    use ceasefire::engine::{Meter, Seat, Viewer};
    let bot = Controller::Bot(Policy::Random);
    // The tutorial starting at Escalation 0, where the mediators' hotline (Escalation −1)
    // would lower nothing.
    let dir = tempfile::tempdir().unwrap();
    let decks = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("decks/tutorial");
    for file in std::fs::read_dir(&decks).unwrap().flatten() {
        let text = std::fs::read_to_string(file.path()).unwrap();
        let text = text.replace(
            "[start]\ntrust = 30\n",
            "[start]\ntrust = 30\nescalation = 0\n",
        );
        std::fs::write(dir.path().join(file.file_name()), text).unwrap();
    }
    let folder = dir.path().to_str().unwrap().to_string();
    let found = (0..40).find_map(|seed| {
        let play = Play::start(
            &folder,
            [bot, bot, Controller::Human],
            Some(seed),
            &options(),
        )
        .unwrap();
        let mut app = App::playing(options(), play, Instant::now());
        press(&mut app, KeyCode::Enter);
        settle(&mut app);
        let at = {
            let session = app.play().unwrap().session();
            let game = session.game();
            let view = game.view(Viewer::Seat(Seat::Mediator));
            let hotline = game.scenario().card_by_id("md-t-hotline")?;
            let escalation = game.meters().get(Meter::Escalation);
            let turn = game.to_act() == Some((Seat::Mediator, Decision::Negotiate));
            let capital = view.capital[Seat::Mediator.index()] >= 1;
            (escalation == 0 && turn && capital)
                .then(|| view.own_hand().iter().position(|&c| c == hotline))
                .flatten()?
        };
        Some((app, at))
    });
    let (mut app, at) = found.expect("a seed where the mediators hold the hotline at Escalation 0");
    for _ in 0..at {
        press(&mut app, KeyCode::Down);
    }
    // Under the card's text, so even the short details panel at 80x24 shows it.
    let screen = render(&mut app, (80, 24));
    assert!(
        screen.contains("⚠ capped: Escalation is already"),
        "{screen}"
    );
    insta::assert_snapshot!("capped_details_80x24", screen);
    let before = actions(&app);
    press(&mut app, KeyCode::Enter);
    let screen = render(&mut app, (80, 24));
    assert_eq!(actions(&app), before, "nothing played yet");
    assert!(screen.contains("Play Military hotline anyway?"), "{screen}");
    assert!(
        screen.contains("⚠ capped: Escalation is already 0"),
        "{screen}"
    );
    insta::assert_snapshot!("capped_confirmation_80x24", screen);
    press(&mut app, KeyCode::Enter);
    assert_eq!(actions(&app), before + 1, "played once confirmed");
}

#[test]
fn the_wheel_and_the_page_keys_scroll_the_rules() {
    use ratatui::crossterm::event::{KeyModifiers, MouseEvent, MouseEventKind};
    let mut app = solo("istanbul", 11);
    press(&mut app, KeyCode::Char('?'));
    press(&mut app, KeyCode::Right);
    let top = render(&mut app, (80, 24));
    assert!(!top.contains("↑ more") && top.contains("↓ more"), "{top}");
    let wheel = MouseEvent {
        kind: MouseEventKind::ScrollDown,
        column: 40,
        row: 12,
        modifiers: KeyModifiers::NONE,
    };
    app.handle(&Event::Mouse(wheel), Instant::now());
    let scrolled = render(&mut app, (80, 24));
    assert!(scrolled.contains("↑ more"), "{scrolled}");
    press(&mut app, KeyCode::PageDown);
    let paged = render(&mut app, (80, 24));
    assert!(paged != scrolled && paged.contains("Assurance:"), "{paged}");
    press(&mut app, KeyCode::Home);
    assert_eq!(render(&mut app, (80, 24)), top);
    // Any other key closes the help; the game is untouched.
    let before = actions(&app);
    press(&mut app, KeyCode::Char('p'));
    assert!(!render(&mut app, (80, 24)).contains("[Rules]"));
    assert_eq!(actions(&app), before);
}
