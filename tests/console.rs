//! The facilitator's console, drawn to a test backend: every table at a glance, pause and
//! resume through the console, and another table of the same game in one key.

use ceasefire::bot::Policy;
use ceasefire::scenario::ScenarioSource;
use ceasefire::server::dashboard::Dashboard;
use ceasefire::server::tables::{Occupant, Tables};
use ceasefire::tui::Theme;
use ceasefire::tui::keys::{ConsoleCommand, MenuCommand};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::time::Duration;

fn room() -> Tables {
    seat_two_tables(Tables::new(None, Duration::ZERO))
}

/// Opens two tutorial tables of seed 7 in `tables`: a person at Pakistan, random bots beside.
fn seat_two_tables(tables: Tables) -> Tables {
    let source = ScenarioSource::builtin("tutorial").unwrap();
    for _ in 0..2 {
        tables
            .open(
                &source,
                7,
                [None, Some(Policy::Random), Some(Policy::Random)],
            )
            .unwrap();
    }
    tables
}

/// A player's screen at `table`: the app a connection for `viewer` would run.
fn connect(
    table: &ceasefire::server::tables::Table,
    viewer: ceasefire::engine::Viewer,
) -> ceasefire::tui::App {
    use ceasefire::tui::{App, Options, Play, Speed};
    let options = Options {
        saves_dir: None,
        speed: Speed::Instant,
        theme: Theme::new(false),
    };
    App::remote(
        options,
        Play::remote(table.session.clone(), viewer, Speed::Instant),
    )
}

/// What `app` draws at 100x30.
fn screen(app: &ceasefire::tui::App) -> String {
    let mut terminal = Terminal::new(TestBackend::new(100, 30)).unwrap();
    terminal.draw(|frame| app.draw(frame)).unwrap();
    terminal.backend().to_string()
}

/// The screen with the "thinking for N s" counters (` 12s ` before a seat) blanked, so
/// snapshots are stable.
fn draw(console: &Dashboard, tables: &Tables, width: u16, height: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal
        .draw(|frame| console.draw(frame, tables, Theme::new(false)))
        .unwrap();
    let mut text = terminal.backend().to_string();
    // Join codes are random: shown as a placeholder.
    for table in tables.all() {
        for seat in ceasefire::engine::Seat::ALL {
            text = text.replace(table.locks.code(seat), "CODE##");
        }
    }
    text.split(' ')
        .map(|word| {
            let seconds = word
                .strip_suffix('s')
                .filter(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()));
            match seconds {
                Some(n) => format!("{}s", "N".repeat(n.len())),
                None => word.to_string(),
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn the_console_shows_every_table() {
    let tables = room();
    // The bots' threads move first; wait until both tables wait for Pakistan's player.
    for _ in 0..500 {
        let waiting = tables.all().iter().all(|t| {
            t.lock().game().to_act().map(|(seat, _)| seat)
                == Some(ceasefire::engine::Seat::Pakistan)
        });
        if waiting {
            break;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    let console = Dashboard::default();
    let screen = draw(&console, &tables, 120, 24);
    assert!(screen.contains("tutorial / 7"), "{screen}");
    assert_eq!(screen.matches("tutorial / 7").count(), 2);
    insta::assert_snapshot!("console_120x24", screen);
    // An 80-column window drops the phase column and still shows the meters and baskets.
    let narrow = draw(&console, &tables, 80, 24);
    assert_eq!(narrow.matches("▃▅▄▃▅▂▄▄  0/4").count(), 2, "{narrow}");
    insta::assert_snapshot!("console_80x24", narrow);
    // The server's own state, top right: connections and failed logins.
    let mut console = Dashboard::default();
    console.server_status = Some("12 connected · 10 failed logins (1 address slowed)".into());
    let with_status = draw(&console, &tables, 80, 24);
    let top = with_status.lines().next().unwrap();
    assert!(
        top.contains("Facilitator console") && top.contains("10 failed logins (1 address slowed)"),
        "{top}"
    );
    insta::assert_snapshot!("console_with_server_status_80x24", with_status);
}

#[test]
fn pausing_from_the_console_stops_a_table_and_resuming_restarts_it() {
    let tables = room();
    let reports = tempfile::tempdir().unwrap();
    let mut console = Dashboard::default();
    console.handle(Some(ConsoleCommand::Pause), None, &tables, reports.path());
    let first = tables.get(1).unwrap();
    assert!(first.paused() && !tables.get(2).unwrap().paused());
    assert!(draw(&console, &tables, 120, 24).contains("paused"));
    console.handle(
        Some(ConsoleCommand::PauseAll),
        None,
        &tables,
        reports.path(),
    );
    assert!(
        tables.all().iter().all(|t| t.paused()),
        "a pauses every table"
    );
    console.handle(
        Some(ConsoleCommand::PauseAll),
        None,
        &tables,
        reports.path(),
    );
    assert!(tables.all().iter().all(|t| !t.paused()), "and resumes them");

    // A finished table has nothing to pause, alone or with the others.
    let source = ScenarioSource::builtin("tutorial").unwrap();
    let done = tables.open(&source, 3, [Some(Policy::Random); 3]).unwrap();
    for _ in 0..500 {
        if done.lock().game().outcome().is_some() {
            break;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    assert!(done.lock().game().outcome().is_some(), "the bots finish");
    let mut console = Dashboard::at_table(done.id, &tables);
    console.handle(Some(ConsoleCommand::Pause), None, &tables, reports.path());
    assert!(!done.paused());
    assert!(
        console
            .notice
            .as_deref()
            .unwrap()
            .contains("has finished: nothing to pause")
    );
    console.handle(
        Some(ConsoleCommand::PauseAll),
        None,
        &tables,
        reports.path(),
    );
    assert!(!done.paused() && first.paused(), "only the tables in play");
    // Nor a clock: nobody decides there any more.
    console.handle(Some(ConsoleCommand::Clock), None, &tables, reports.path());
    assert!(
        console
            .notice
            .as_deref()
            .unwrap()
            .contains("has finished: no clock to set")
    );
    assert_eq!(done.clock(), None);
}

#[test]
fn a_set_of_tables_of_the_same_game_in_one_step() {
    let tables = room();
    let reports = tempfile::tempdir().unwrap();
    let mut console = Dashboard::default();
    console.handle(
        Some(ConsoleCommand::NewTables),
        None,
        &tables,
        reports.path(),
    );
    console.handle(None, Some('3'), &tables, reports.path());
    let all = tables.all();
    assert_eq!(all.len(), 5, "a set of three in one step");
    for copy in &all[2..] {
        assert_eq!(copy.seed, all[0].seed);
        assert_eq!(copy.bots, all[0].bots);
    }
    // Only Pakistan's seat is for a person at these tables: only its login is handed out.
    let opened = console.notice.clone().unwrap();
    assert!(
        opened.contains("Players log in as pakistan.3@ …") && !opened.contains("afghanistan"),
        "{opened}"
    );
    let nothing = console.handle(
        Some(ConsoleCommand::WriteReports),
        None,
        &tables,
        reports.path(),
    );
    assert!(nothing.is_none());
    assert!(
        console
            .notice
            .as_deref()
            .unwrap()
            .contains("No table has finished")
    );
}

#[test]
fn leaving_the_console_asks_first_and_home_and_end_pick_the_first_and_last_table() {
    use ceasefire::server::dashboard::Request;
    let tables = room();
    let reports = tempfile::tempdir().unwrap();
    let mut console = Dashboard::default();
    assert_eq!(
        console.handle(Some(ConsoleCommand::Quit), None, &tables, reports.path()),
        None
    );
    assert!(
        console
            .notice
            .as_deref()
            .unwrap()
            .contains("Leave the console?")
    );
    assert_eq!(console.handle(None, None, &tables, reports.path()), None);
    assert_eq!(console.notice, None);
    console.handle(Some(ConsoleCommand::Quit), None, &tables, reports.path());
    assert_eq!(
        console.handle(Some(ConsoleCommand::Yes), None, &tables, reports.path()),
        Some(Request::Leave)
    );

    let mut console = Dashboard::default();
    let opened = |console: &mut Dashboard| {
        console.handle(Some(ConsoleCommand::Open), None, &tables, reports.path())
    };
    console.handle(Some(ConsoleCommand::End), None, &tables, reports.path());
    assert_eq!(opened(&mut console), Some(Request::Open(2)));
    console.handle(Some(ConsoleCommand::Home), None, &tables, reports.path());
    assert_eq!(opened(&mut console), Some(Request::Open(1)));

    // Back from looking at table 2, the console still has table 2 selected.
    let mut back = Dashboard::at_table(2, &tables);
    assert_eq!(opened(&mut back), Some(Request::Open(2)));
    assert!(draw(&back, &tables, 120, 24).contains("▸    2"));
}

#[test]
fn an_inject_reaches_only_the_table_it_was_sent_to() {
    use ceasefire::engine::LogEvent;
    let tables = room();
    let reports = tempfile::tempdir().unwrap();
    let mut console = Dashboard::default();
    console.handle(Some(ConsoleCommand::Inject), None, &tables, reports.path());
    console.handle(Some(ConsoleCommand::Down), None, &tables, reports.path());
    console.handle(Some(ConsoleCommand::Open), None, &tables, reports.path());
    let notice = console.notice.clone().unwrap();
    assert!(
        notice.contains("into table 1: it comes at the event phase of round 2"),
        "{notice}"
    );
    // A second inject waits behind the first: it comes a round later, as the list says.
    console.handle(Some(ConsoleCommand::Inject), None, &tables, reports.path());
    assert_eq!(
        console.notice, None,
        "the form starts without the last message"
    );
    let form = draw(&console, &tables, 120, 30);
    assert!(
        form.contains("1 already waiting, so it comes at the event phase of round 3"),
        "{form}"
    );
    console.handle(Some(ConsoleCommand::Open), None, &tables, reports.path());
    let notice = console.notice.clone().unwrap();
    assert!(notice.contains("round 3"), "{notice}");
    // The console lists the scenario's inject list first; Down picked its second event.
    let listed: Vec<ceasefire::engine::EventId> = {
        let table = tables.get(1).unwrap();
        let session = table.lock();
        let events = &session.game().scenario().events;
        ceasefire::engine::EventId::all(events.len())
            .filter(|&e| events[usize::from(e)].inject)
            .collect()
    };
    let expected = listed[1];
    let queued = |id: u32| {
        tables
            .get(id)
            .unwrap()
            .lock()
            .game()
            .log()
            .iter()
            .any(|e| e.event == LogEvent::InjectQueued { event: expected })
    };
    assert!(queued(1));
    assert!(!queued(2), "the other table never hears of it");
}

#[test]
fn when_the_decision_clock_runs_out_the_seat_passes() {
    use ceasefire::engine::{LogEvent, Seat};
    use ceasefire::server::timer::ManualClock;
    // The tables read a clock the test moves: no waiting for real time to pass.
    let time = std::sync::Arc::new(ManualClock::new());
    let tables = seat_two_tables(Tables::with_clock(None, Duration::ZERO, time.clone()));
    let table = tables.get(1).unwrap();
    let waiting_for_pakistan =
        || table.lock().game().to_act().map(|(seat, _)| seat) == Some(Seat::Pakistan);
    for _ in 0..500 {
        if waiting_for_pakistan() {
            break;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    assert!(waiting_for_pakistan());
    table.set_clock(Some(Duration::from_secs(120)));
    // Nobody has taken Pakistan's seat yet: the clock waits for a person.
    assert!(
        table.lock().deadline().is_none(),
        "no clock for an empty seat"
    );
    time.advance(Duration::from_secs(60));
    table.check_clock();
    assert!(waiting_for_pakistan(), "an empty seat does not pass");
    table.claim(Seat::Pakistan, 1).unwrap();
    // Seated, the player reads the opening brief first: the clock waits for that too, while
    // the console's thinking time runs (someone stuck on the brief shows up there).
    assert!(table.lock().deadline().is_none(), "no clock over the brief");
    let thought = table.thinking_for();
    time.advance(Duration::from_secs(45));
    table.check_clock();
    assert!(waiting_for_pakistan(), "no pass while the brief is read");
    assert_eq!(
        table.thinking_for(),
        thought + Duration::from_secs(45),
        "thinking runs while the brief is read"
    );
    table.lock().mark_briefed(Seat::Pakistan);
    table.changed();
    assert!(
        table.lock().deadline().is_some(),
        "the clock runs for the person to act"
    );
    let passed = || {
        table.lock().game().log().iter().any(|e| {
            e.event
                == LogEvent::Passed {
                    seat: Seat::Pakistan,
                }
        })
    };
    time.advance(Duration::from_secs(119));
    table.check_clock();
    assert!(!passed(), "a second is left");
    time.advance(Duration::from_secs(1));
    table.check_clock();
    assert!(passed(), "the clock passed for Pakistan");
    let other = tables.get(2).unwrap();
    assert!(
        !other.lock().game().log().iter().any(|e| e.event
            == LogEvent::Passed {
                seat: Seat::Pakistan
            }),
        "the other table has no clock"
    );
    // The console's `c` goes round the clocks: after 120 s, none.
    let reports = tempfile::tempdir().unwrap();
    let mut console = Dashboard::default();
    console.handle(Some(ConsoleCommand::Clock), None, &tables, reports.path());
    assert!(
        console
            .notice
            .as_deref()
            .unwrap()
            .contains("no decision clock")
    );
}

#[test]
fn a_rematch_from_the_console_keeps_the_seed_and_rotates_the_seats() {
    use ceasefire::engine::Seat;
    let tables = Tables::new(None, Duration::ZERO);
    let source = ScenarioSource::builtin("tutorial").unwrap();
    let bots = [Some(Policy::Random), Some(Policy::Easy), None];
    let table = tables.open(&source, 7, bots).unwrap();
    let reports = tempfile::tempdir().unwrap();
    let mut console = Dashboard::default();
    // Not while the table is still playing.
    console.handle(Some(ConsoleCommand::Rematch), None, &tables, reports.path());
    assert_eq!(tables.all().len(), 1);
    let refused = console.notice.clone().unwrap();
    assert!(refused.contains("still playing"), "{refused}");

    // The mediator's seat passes until the game ends (the bots play the others).
    for _ in 0..2000 {
        if table.lock().game().outcome().is_some() {
            break;
        }
        let passive = table.lock().passive_action();
        if let Some(action) = passive.filter(|a| a.seat() == Seat::Mediator) {
            table.lock().act_on_expiry(action).unwrap();
            table.changed();
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    assert!(table.lock().game().outcome().is_some(), "the game ended");
    console.handle(Some(ConsoleCommand::Rematch), None, &tables, reports.path());
    let all = tables.all();
    assert_eq!(all.len(), 2);
    assert_eq!(all[1].seed, all[0].seed);
    let [pk, af, md] = all[0].bots;
    assert_eq!(all[1].bots, [md, pk, af]);
    let notice = console.notice.clone().unwrap();
    assert!(
        notice.contains("seats rotated") && notice.contains("Mediator's player → pakistan.2"),
        "{notice}"
    );
    // The old table's players are told where to go.
    assert_eq!(table.lock().rematch_table(), Some(2));
    table.lock().mark_briefed(Seat::Mediator);
    let mut app = connect(&table, ceasefire::engine::Viewer::Seat(Seat::Mediator));
    // Past the last table and the reflection, to the debrief.
    for key in [
        ratatui::crossterm::event::KeyCode::Enter,
        ratatui::crossterm::event::KeyCode::Esc,
    ] {
        app.handle(
            &ratatui::crossterm::event::Event::Key(ratatui::crossterm::event::KeyEvent::from(key)),
            std::time::Instant::now(),
        );
    }
    let end = screen(&app);
    // With the new seat's join code: only this player sees this screen.
    let code = all[1].locks.code(Seat::Pakistan);
    assert!(
        end.contains(&format!("log in as pakistan.2@ (code {code})")),
        "{end}"
    );
}

#[test]
fn an_event_written_on_the_spot_is_injected_and_survives_a_save() {
    use ratatui::crossterm::event::{KeyCode, KeyEvent};
    let tables = room();
    let reports = tempfile::tempdir().unwrap();
    let mut console = Dashboard::default();
    console.handle(
        Some(ConsoleCommand::InjectNew),
        None,
        &tables,
        reports.path(),
    );
    assert!(console.typing());
    let keys = "Quake in Kunar\tAid convoys need both armies.\ttrust +4, afghanistan_pressure -3\n";
    for c in keys.chars() {
        let code = match c {
            '\t' => KeyCode::Tab,
            '\n' => KeyCode::Enter,
            c => KeyCode::Char(c),
        };
        console.type_key(KeyEvent::from(code), &tables);
    }
    assert!(!console.typing(), "{:?}", console.notice);
    assert!(
        console
            .notice
            .as_deref()
            .unwrap()
            .contains("Quake in Kunar")
    );

    let table = tables.get(1).unwrap();
    let session = table.lock();
    let game = session.game();
    let quake = ceasefire::engine::EventId(
        game.scenario()
            .events
            .iter()
            .position(|e| e.name == "Quake in Kunar")
            .unwrap() as u16,
    );
    assert!(game.scenario().events[usize::from(quake)].inject);
    // Its text says what it does, as every event's does.
    assert_eq!(
        game.scenario().events[usize::from(quake)].text,
        "Aid convoys need both armies. Trust +4, Afghan pressure -3."
    );
    assert!(
        game.log()
            .iter()
            .any(|e| e.event == ceasefire::engine::LogEvent::InjectQueued { event: quake })
    );
    // A save of the game carries the new event, so it replays to the same state.
    let file = session.save_file(0);
    let rebuilt = ceasefire::save::rebuild(std::path::Path::new("table-1.json"), &file).unwrap();
    assert_eq!(&rebuilt, game);
    drop(session);
    assert!(
        tables.get(2).unwrap().lock().game().scenario().events.len() < game_events(&tables, 1),
        "the other table's scenario is untouched"
    );
}

fn game_events(tables: &Tables, id: u32) -> usize {
    tables
        .get(id)
        .unwrap()
        .lock()
        .game()
        .scenario()
        .events
        .len()
}

#[test]
fn meter_changes_are_read_and_checked() {
    use ceasefire::server::dashboard::parse_meters;
    assert_eq!(
        parse_meters("trust -5, security +3").unwrap(),
        vec![("trust".to_string(), -5), ("security".to_string(), 3)]
    );
    assert_eq!(
        parse_meters("PK pressure -3, afghan pressure +2").unwrap(),
        vec![
            ("pakistan_pressure".to_string(), -3),
            ("afghanistan_pressure".to_string(), 2)
        ]
    );
    assert!(
        parse_meters("luck +3")
            .unwrap_err()
            .contains("unknown meter")
    );
    assert!(
        parse_meters("escalation +6")
            .unwrap_err()
            .contains("at most")
    );
    assert!(
        parse_meters("trust lots")
            .unwrap_err()
            .contains("whole number")
    );
    assert!(parse_meters("").unwrap().is_empty());
}

#[test]
fn a_seat_nobody_has_taken_shows_as_open_until_a_player_claims_it() {
    use ceasefire::engine::Seat;
    let tables = Tables::new(None, Duration::ZERO);
    let source = ScenarioSource::builtin("tutorial").unwrap();
    let table = tables
        .open(&source, 7, [None, None, Some(Policy::Random)])
        .unwrap();
    assert_eq!(table.lock().player(Seat::Afghanistan), "open seat");
    assert_eq!(table.lock().player(Seat::Mediator), "random");
    table.claim(Seat::Afghanistan, 1).unwrap();
    assert_eq!(table.lock().player(Seat::Afghanistan), "human");
    table.leave(1);
    assert_eq!(table.lock().player(Seat::Afghanistan), "away");
    assert_eq!(table.lock().open_seats(), [Seat::Pakistan]);
}

#[test]
fn the_lobby_lists_free_seats_and_highlights_a_new_tables_first_seat() {
    use ceasefire::engine::Seat;
    use ceasefire::server::lobby::{Choice, Lobby};
    let tables = Tables::new(None, Duration::ZERO);
    let source = ScenarioSource::builtin("tutorial").unwrap();
    tables
        .open(
            &source,
            7,
            [None, Some(Policy::Random), Some(Policy::Random)],
        )
        .unwrap();
    let second = tables.open(&source, 7, [None; 3]).unwrap();
    let lines = Lobby::default().lines(&tables);
    let texts: Vec<&str> = lines.iter().map(|(text, _)| text.as_str()).collect();
    assert!(
        texts.iter().any(|t| t.contains("scenario: ‹ istanbul ›")),
        "{texts:?}"
    );
    // Table 1 offers only Pakistan: its other seats are bots.
    let joins: Vec<(u32, Seat)> = lines
        .iter()
        .filter_map(|(_, choice)| match choice {
            Some(Choice::Join { table, seat }) => Some((*table, *seat)),
            _ => None,
        })
        .collect();
    assert_eq!(
        joins,
        [
            (1, Seat::Pakistan),
            (2, Seat::Pakistan),
            (2, Seat::Afghanistan),
            (2, Seat::Mediator)
        ]
    );

    let mut lobby = Lobby::after_opening(second.id, &tables);
    assert!(lobby.notice.as_deref().unwrap().contains("Table 2 is open"));
    assert!(
        lobby.notice.as_deref().unwrap().contains(&format!(
            "log in as pakistan.2@ (code {}) or afghanistan.2@ (code {}) or mediator.2@ (code {})",
            second.locks.code(Seat::Pakistan),
            second.locks.code(Seat::Afghanistan),
            second.locks.code(Seat::Mediator)
        )),
        "{:?}",
        lobby.notice
    );
    // Back from table 2, the lobby has table 2's first line selected.
    let mut back = Lobby::at_table(2, &tables);
    assert!(matches!(
        back.handle(Some(MenuCommand::Confirm), &tables),
        Some(Choice::Join { table: 2, .. })
    ));
    // At table 1 bots hold Afghanistan and the mediators: only Pakistan's login is given.
    let first = Lobby::after_opening(1, &tables);
    assert!(
        first.notice.as_deref().unwrap().ends_with(&format!(
            "log in as pakistan.1@ (code {}).",
            tables.get(1).unwrap().locks.code(Seat::Pakistan)
        )),
        "{:?}",
        first.notice
    );
    let chosen = lobby.handle(Some(MenuCommand::Confirm), &tables);
    assert!(
        matches!(
            chosen,
            Some(Choice::Join {
                table: 2,
                seat: Seat::Pakistan
            })
        ),
        "{chosen:?}"
    );

    // A seat whose player dropped is offered back with a word on whose it is.
    second.claim(Seat::Afghanistan, 41).unwrap();
    second.leave(41);
    let texts: Vec<String> = Lobby::default()
        .lines(&tables)
        .into_iter()
        .map(|(t, _)| t)
        .collect();
    assert!(
        texts
            .iter()
            .any(|t| t.contains("rejoin as Afghanistan (its player left")),
        "{texts:?}"
    );
}

#[test]
fn a_player_who_read_the_brief_reconnects_straight_to_the_table() {
    use ceasefire::engine::{Seat, Viewer};
    use ratatui::crossterm::event::{Event, KeyCode, KeyEvent};
    let tables = Tables::new(None, Duration::ZERO);
    let source = ScenarioSource::builtin("tutorial").unwrap();
    let table = tables
        .open(&source, 7, [None, None, Some(Policy::Random)])
        .unwrap();
    let afghanistan = Viewer::Seat(Seat::Afghanistan);
    let mut first = connect(&table, afghanistan);
    assert!(
        screen(&first).contains("Enter to begin"),
        "the brief comes first"
    );
    first.handle(
        &Event::Key(KeyEvent::from(KeyCode::Enter)),
        std::time::Instant::now(),
    );
    assert!(!screen(&first).contains("Enter to begin"));
    drop(first);
    let again = connect(&table, afghanistan);
    assert!(
        !screen(&again).contains("Enter to begin"),
        "{}",
        screen(&again)
    );
}

#[test]
fn the_decision_clock_starts_for_a_person_whose_turn_comes_after_a_bots() {
    use ceasefire::bot::Policy;
    use ceasefire::engine::Seat;
    let tables = Tables::new(None, Duration::from_millis(200));
    let source = ScenarioSource::builtin("tutorial").unwrap();
    let mut bots = [Some(Policy::Easy); 3];
    bots[Seat::Pakistan.index()] = None;
    let table = tables.open(&source, 7, bots).unwrap();
    assert_ne!(
        table.lock().game().to_act().map(|(seat, _)| seat),
        Some(Seat::Pakistan),
        "the mediators' bot moves first"
    );
    table.claim(Seat::Pakistan, 1).unwrap();
    table.lock().mark_briefed(Seat::Pakistan);
    table.set_clock(Some(Duration::from_secs(60)));
    let pakistan_to_act =
        || table.lock().game().to_act().map(|(seat, _)| seat) == Some(Seat::Pakistan);
    for _ in 0..100 {
        if pakistan_to_act() {
            break;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    assert!(pakistan_to_act());
    let deadline = table.lock().deadline().expect("Pakistan's clock runs");
    let left = deadline.saturating_duration_since(std::time::Instant::now());
    assert!(left > Duration::from_secs(50), "{left:?} left of 60 s");
    assert!(table.thinking_for() < Duration::from_secs(5));
    // The person to act sees the seconds left in the header.
    table.lock().mark_briefed(Seat::Pakistan);
    let app = connect(&table, ceasefire::engine::Viewer::Seat(Seat::Pakistan));
    let screen = screen(&app);
    let header = screen.lines().next().unwrap();
    assert!(
        header.contains("YOUR MOVE") && (header.contains("⏱ 5") || header.contains("⏱ 60s")),
        "{header}"
    );
}

#[test]
fn a_move_the_decision_clock_made_cannot_be_taken_back() {
    use ceasefire::engine::{Action, Decision};
    use ceasefire::table::{Controller, Session};
    let source = ScenarioSource::builtin("tutorial").unwrap();
    let scenario = std::sync::Arc::new(source.build().unwrap());
    // One person, whose move is followed by a bot's (no other person has the decision yet).
    let first = ceasefire::engine::Game::new(scenario.clone(), 7)
        .to_act()
        .unwrap()
        .0;
    let mut seats = [Controller::Bot(ceasefire::bot::Policy::Easy); 3];
    seats[first.index()] = Controller::Human;
    let mut by_hand = Session::new(source.clone(), scenario.clone(), 7, seats, None);
    let mut by_clock = Session::new(source, scenario, 7, seats, None);
    // Pass with whoever negotiates first, by hand at one table and by the clock at the other.
    let (seat, decision) = by_hand.game().to_act().unwrap();
    assert_eq!(decision, Decision::Negotiate);
    by_hand.act(Action::Pass { seat }).unwrap();
    assert!(by_hand.check_undo(seat).is_ok());
    let pass = by_clock.passive_action().unwrap();
    assert_eq!(pass, Action::Pass { seat });
    by_clock.act_on_expiry(pass).unwrap();
    let refused = by_clock.check_undo(seat).unwrap_err().to_string();
    assert!(refused.contains("decision clock"), "{refused}");
    assert!(by_clock.act(Action::Undo { seat }).is_err());
}

#[test]
fn no_take_backs_once_another_person_has_the_decision() {
    use ceasefire::engine::Action;
    use ceasefire::table::{Controller, Session};
    let source = ScenarioSource::builtin("tutorial").unwrap();
    let scenario = std::sync::Arc::new(source.build().unwrap());
    let mut bots = [Controller::Human; 3];
    let mut humans = Session::new(source.clone(), scenario.clone(), 7, bots, None);
    // The first seat passes; the turn goes to another person.
    let (first, _) = humans.game().to_act().unwrap();
    humans.act(Action::Pass { seat: first }).unwrap();
    let (next, _) = humans.game().to_act().unwrap();
    assert_ne!(next, first);
    let refused = humans.check_undo(first).unwrap_err().to_string();
    assert!(refused.contains("another person is deciding"), "{refused}");
    assert!(humans.act(Action::Undo { seat: first }).is_err());

    // With a bot next, the person may still take it back until the bot moves.
    bots[next.index()] = Controller::Bot(ceasefire::bot::Policy::Easy);
    let mut solo = Session::new(source, scenario, 7, bots, None);
    solo.act(Action::Pass { seat: first }).unwrap();
    assert!(solo.check_undo(first).is_ok());
}

#[test]
fn the_clock_answers_an_event_with_its_mildest_option() {
    use ceasefire::engine::{Action, Decision};
    use ceasefire::table::{Controller, Session};
    let source = ScenarioSource::builtin("tutorial").unwrap();
    let scenario = std::sync::Arc::new(source.build().unwrap());
    let mut session = Session::new(source, scenario, 7, [Controller::Human; 3], None);
    // Let the clock run out on every decision until the round-3 event asks Pakistan.
    for _ in 0..200 {
        match session.game().to_act() {
            Some((_, Decision::EventChoice)) | None => break,
            Some(_) => {
                let passive = session.passive_action().unwrap();
                session.act_on_expiry(passive).unwrap();
            }
        }
    }
    let (seat, decision) = session.game().to_act().unwrap();
    assert_eq!(decision, Decision::EventChoice);
    // "Retaliate" (Escalation +1) comes first; "Raise it at the table" is the mild one.
    assert_eq!(
        session.passive_action(),
        Some(Action::Choose { seat, option: 1 })
    );
}

#[test]
fn a_move_the_decision_clock_made_is_marked_in_the_log_the_save_and_the_report() {
    use ceasefire::table::{Controller, MovedBy, Session};
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
    let (seat, _) = session.game().to_act().unwrap();
    let pass = session.passive_action().unwrap();
    session.act_on_expiry(pass).unwrap();
    let by_clock = |reasons: &[ceasefire::table::Reason]| {
        reasons
            .iter()
            .map(|r| (r.seat, r.by, r.text.clone()))
            .collect::<Vec<_>>()
    };
    let expected = vec![(seat, MovedBy::Clock, "time ran out: passed.".to_string())];
    assert_eq!(by_clock(session.reasons()), expected);

    // The autosave keeps the mark: a resumed game and the report both tell the clock's move.
    session.flush(Duration::from_secs(5));
    let path = std::fs::read_dir(saves.path())
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|e| e == "json"))
        .expect("an autosave");
    let loaded = ceasefire::save::load(&path).unwrap();
    let report = ceasefire::report::report("table", &loaded.file, &loaded.game);
    assert!(report.bot_reasons.is_empty(), "{:?}", report.bot_reasons);
    assert_eq!(report.clock_moves.len(), 1);
    assert_eq!(report.clock_moves[0].seat, seat.to_string());
    let bundle = ceasefire::report::bundle(&[(
        "table".to_string(),
        loaded.file.clone(),
        loaded.game.clone(),
    )]);
    let markdown = ceasefire::report::to_markdown(&bundle);
    assert!(
        markdown.contains(&format!(
            "## Moves the decision clock made\n\n- round 1, action 1: {seat} — time ran out"
        )),
        "{markdown}"
    );
    let resumed = Session::resume(loaded, &path).unwrap();
    assert_eq!(by_clock(resumed.reasons()), expected);
}

#[test]
fn a_paused_table_says_so_in_the_header_and_offers_no_moves() {
    use ceasefire::engine::Viewer;
    let tables = Tables::new(None, Duration::ZERO);
    let source = ScenarioSource::builtin("tutorial").unwrap();
    let table = tables.open(&source, 7, [None; 3]).unwrap();
    let (seat, _) = table.lock().game().to_act().unwrap();
    table.lock().mark_briefed(seat);
    let app = connect(&table, Viewer::Seat(seat));
    assert!(screen(&app).contains("p pass"), "{}", screen(&app));
    table.set_paused(true);
    let paused = screen(&app);
    assert!(
        paused.lines().next().unwrap().contains("PAUSED"),
        "{paused}"
    );
    assert!(!paused.contains("p pass"), "{paused}");
    table.set_paused(false);
    assert!(screen(&app).contains("p pass"));
}

#[test]
fn a_server_tables_save_is_named_after_the_table() {
    let saves = tempfile::tempdir().unwrap();
    let tables = Tables::new(Some(saves.path().to_path_buf()), Duration::ZERO);
    let source = ScenarioSource::builtin("tutorial").unwrap();
    for _ in 0..2 {
        tables.open(&source, 7, [None; 3]).unwrap();
    }
    let mut names: Vec<String> = std::fs::read_dir(saves.path())
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names.len(), 2, "{names:?}");
    assert!(names[0].starts_with("table-1-tutorial-7-"), "{names:?}");
    assert!(names[1].starts_with("table-2-tutorial-7-"), "{names:?}");
}

#[test]
fn the_lobby_opens_a_table_with_the_scenario_and_bots_chosen_line_by_line() {
    use ceasefire::engine::Seat;
    use ceasefire::server::lobby::{Choice, Lobby};
    let tables = room();
    let mut lobby = Lobby::default();
    let mut press = |command| lobby.handle(Some(command), &tables);
    // From the last line ("open this table") up: the mediator, Afghanistan, Pakistan, the
    // scenario.
    press(MenuCommand::End);
    press(MenuCommand::Up);
    press(MenuCommand::Left); // mediator: normal → easy
    press(MenuCommand::Up);
    press(MenuCommand::Right); // Afghanistan: normal → hard
    press(MenuCommand::Up);
    press(MenuCommand::Confirm); // Pakistan: a player → random (Enter steps too)
    press(MenuCommand::Up);
    press(MenuCommand::Right); // scenario: the next one
    let texts: Vec<String> = lobby
        .lines(&tables)
        .into_iter()
        .map(|(text, _)| text)
        .collect();
    for line in [
        "Pakistan: ‹ random bot ›",
        "Afghanistan: ‹ hard bot ›",
        "Mediator: ‹ easy bot ›",
        "scenario: ‹ tutorial ›",
    ] {
        assert!(texts.iter().any(|t| t.contains(line)), "{line}: {texts:?}");
    }
    lobby.handle(Some(MenuCommand::End), &tables);
    assert_eq!(
        lobby.handle(Some(MenuCommand::Confirm), &tables),
        Some(Choice::Open {
            scenario: "tutorial",
            bots: [Some(Policy::Random), Some(Policy::Hard), Some(Policy::Easy)],
        })
    );
    // A seat steps round from the strongest bot back to a player.
    let mut lobby = Lobby::default();
    lobby.handle(Some(MenuCommand::End), &tables);
    lobby.handle(Some(MenuCommand::Up), &tables);
    lobby.handle(Some(MenuCommand::Right), &tables);
    lobby.handle(Some(MenuCommand::Right), &tables);
    lobby.handle(Some(MenuCommand::End), &tables);
    assert!(matches!(
        lobby.handle(Some(MenuCommand::Confirm), &tables),
        Some(Choice::Open { bots, .. }) if bots[Seat::Mediator.index()].is_none()
    ));
}

#[test]
fn a_resumed_room_keeps_its_clocks_its_open_seats_and_the_game_furthest_along() {
    use ceasefire::engine::Seat;
    let saves = tempfile::tempdir().unwrap();
    let source = ScenarioSource::builtin("tutorial").unwrap();
    let bots = [None, Some(Policy::Random), Some(Policy::Random)];
    let first = Tables::new(Some(saves.path().to_path_buf()), Duration::ZERO);
    let table = first.open(&source, 7, bots).unwrap();
    table.set_clock(Some(Duration::from_secs(60)));
    // Pakistan's player makes a move, so the seat is theirs; a second table is never joined.
    table.claim(Seat::Pakistan, 1).unwrap();
    for _ in 0..200 {
        if table.lock().human_to_act() == Some(Seat::Pakistan) {
            break;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    let pass = table.lock().passive_action().unwrap();
    table.lock().act(pass).unwrap();
    table.changed();
    first.open(&source, 7, bots).unwrap();
    drop(first);

    // The server is started again by mistake without --resume: a fresh table 1 and 2.
    let mistaken = Tables::new(Some(saves.path().to_path_buf()), Duration::ZERO);
    assert_eq!(mistaken.unfinished_saves(), 2);
    mistaken.open(&source, 7, bots).unwrap();
    drop(mistaken);

    let resumed = Tables::new(Some(saves.path().to_path_buf()), Duration::ZERO);
    let said = resumed.resume_saved();
    assert!(said[0].contains("Resumed tables 1 and 2"), "{said:?}");
    assert!(
        said.iter()
            .any(|l| l.starts_with("Table 1: resumed") && l.contains("left as it is")),
        "the other save of table 1 is named: {said:?}"
    );
    let one = resumed.get(1).unwrap();
    assert_eq!(
        one.clock(),
        Some(Duration::from_secs(60)),
        "the clock came back"
    );
    let moved = one.lock().game().log().iter().any(|e| {
        e.event
            == ceasefire::engine::LogEvent::Passed {
                seat: Seat::Pakistan,
            }
    });
    assert!(
        moved,
        "table 1 is the game Pakistan played, not the fresh one"
    );
    assert_eq!(one.occupants()[Seat::Pakistan.index()], Occupant::Away);
    let two = resumed.get(2).unwrap();
    assert_eq!(two.occupants()[Seat::Pakistan.index()], Occupant::Free);
}

#[test]
fn the_inject_list_follows_its_selection_on_a_short_screen() {
    let tables = room();
    let reports = tempfile::tempdir().unwrap();
    let mut console = Dashboard::default();
    console.handle(Some(ConsoleCommand::Inject), None, &tables, reports.path());
    let top = draw(&console, &tables, 100, 20);
    assert!(top.contains("▸ [inject list]"), "{top}");
    assert!(
        top.contains("│  ↓ "),
        "the list is longer than the screen:\n{top}"
    );
    console.handle(Some(ConsoleCommand::End), None, &tables, reports.path());
    let bottom = draw(&console, &tables, 100, 20);
    let selected = bottom
        .lines()
        .find(|l| l.contains("▸ ["))
        .unwrap_or_else(|| panic!("the last event is on screen:\n{bottom}"));
    assert!(selected.contains("[event deck]"), "{selected}");
    assert!(bottom.contains("│  ↑ "), "{bottom}");
    assert!(
        !bottom.contains("│  ↓ "),
        "nothing below the last:\n{bottom}"
    );
}

#[test]
fn a_table_whose_save_fails_says_so_to_the_facilitator_and_its_players() {
    use ceasefire::engine::Viewer;
    use ceasefire::table::SaveStatus;
    let root = tempfile::tempdir().unwrap();
    let saves = root.path().join("saves");
    let tables = Tables::new(Some(saves.clone()), Duration::ZERO);
    let source = ScenarioSource::builtin("tutorial").unwrap();
    let table = tables.open(&source, 7, [None; 3]).unwrap();
    // A file where the saves folder was: no write can succeed, even as root.
    std::fs::remove_dir_all(&saves).unwrap();
    std::fs::write(&saves, "").unwrap();
    let (seat, _) = table.lock().game().to_act().unwrap();
    let pass = table.lock().passive_action().unwrap();
    table.lock().act(pass).unwrap();
    table.changed();
    let status = table.lock().flush(Duration::from_secs(5));
    assert!(matches!(status, Some(SaveStatus::Failed(_))), "{status:?}");
    let console = Dashboard::default();
    let screen = draw(&console, &tables, 120, 24);
    assert!(screen.contains("⚠ not saved"), "{screen}");
    assert!(screen.contains("(retrying)"), "{screen}");
    let next = table.lock().game().to_act().unwrap().0;
    table.lock().mark_briefed(next);
    let app = connect(&table, Viewer::Seat(next));
    let player = self::screen(&app);
    assert!(player.contains("This game is not saved"), "{player}");
    assert_ne!(seat, next);
    // The folder is back: the retry writes the game, and the warning goes.
    std::fs::remove_file(&saves).unwrap();
    std::fs::create_dir(&saves).unwrap();
    let pass = table.lock().passive_action().unwrap();
    table.lock().act(pass).unwrap();
    assert_eq!(
        table.lock().flush(Duration::from_secs(5)),
        Some(SaveStatus::Saved)
    );
    assert!(!draw(&console, &tables, 120, 24).contains("not saved"));
}
