//! Delegations: several logins sharing one seat of a server's table. The first to sit holds
//! the pen and acts; the others see the seat's private view and propose moves, which the
//! pen-holder sees and may take; the pen is handed on, and passes on when its holder leaves.
//! Team sizes, the lobby and the console's words, and snapshots of the team's screens.

use ceasefire::bot::Policy;
use ceasefire::engine::{Action, Seat, Viewer};
use ceasefire::scenario::ScenarioSource;
use ceasefire::server::dashboard::Dashboard;
use ceasefire::server::room::RoomRules;
use ceasefire::server::tables::{Occupant, Table, Tables};
use ceasefire::tui::{App, Options, Play, Speed, Theme};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent};
use ratatui::layout::Rect;
use std::sync::Arc;
use std::time::{Duration, Instant};

const SIZES: [(u16, u16); 2] = [(80, 24), (120, 40)];

/// A room whose seats take `team_size` logins each.
fn room(team_size: usize) -> Tables {
    Tables::new(None, Duration::ZERO).with_rules(RoomRules {
        team_size,
        ..RoomRules::default()
    })
}

/// A tutorial table of seed 7 with people at Pakistan and random bots beside, once the bots
/// have moved and Pakistan must act.
fn table_at_pakistans_turn(tables: &Tables) -> Arc<Table> {
    let source = ScenarioSource::builtin("tutorial").unwrap();
    let table = tables
        .open(
            &source,
            7,
            [None, Some(Policy::Random), Some(Policy::Random)],
        )
        .unwrap();
    for _ in 0..500 {
        if table.lock().human_to_act() == Some(Seat::Pakistan) {
            return table;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    panic!("Pakistan never had to act");
}

/// The screen login `id` at Pakistan's seat would run, its brief read.
fn delegate(table: &Table, id: u64) -> App {
    let options = Options {
        saves_dir: None,
        speed: Speed::Instant,
        theme: Theme::new(false),
    };
    table.lock().mark_briefed(Seat::Pakistan);
    let play = Play::remote(
        table.session.clone(),
        Viewer::Seat(Seat::Pakistan),
        Speed::Instant,
    )
    .as_member(id);
    App::remote(options, play)
}

fn press(app: &mut App, code: KeyCode) {
    app.handle(&Event::Key(KeyEvent::from(code)), Instant::now());
}

fn render(app: &mut App, (width, height): (u16, u16)) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    app.resize(Rect::new(0, 0, width, height));
    terminal.draw(|frame| app.draw(frame)).unwrap();
    terminal.backend().to_string()
}

fn actions(table: &Table) -> usize {
    table.lock().game().actions().len()
}

#[test]
fn the_first_to_sit_holds_the_pen_and_a_teammates_move_is_only_a_proposal() {
    let tables = room(4);
    let table = table_at_pakistans_turn(&tables);
    table.claim_as(Seat::Pakistan, 1, Some("ana")).unwrap();
    table.claim(Seat::Pakistan, 2).unwrap();
    {
        let session = table.lock();
        let team = session.team(Seat::Pakistan);
        let names: Vec<&str> = team.members().iter().map(|m| m.name.as_str()).collect();
        assert_eq!(names, ["ana", "delegate 2"]);
        assert_eq!(team.pen().unwrap().name, "ana");
    }
    assert_eq!(
        table.occupants()[Seat::Pakistan.index()],
        Occupant::Player(1)
    );

    let pass = Action::Pass {
        seat: Seat::Pakistan,
    };
    let before = actions(&table);
    // The teammate cannot act; their proposal is no action and is never saved.
    let refused = table.lock().act_as(2, pass).unwrap_err().to_string();
    assert!(refused.contains("ana holds the pen"), "{refused}");
    table.lock().propose(2, pass).unwrap();
    assert_eq!(actions(&table), before);
    let saved = table.lock().save_file(0).to_json();
    assert!(!saved.contains("delegate 2"), "a proposal is not saved");
    let proposal = table.lock().live_proposal(Seat::Pakistan).cloned().unwrap();
    assert_eq!(
        (proposal.name.as_str(), proposal.action),
        ("delegate 2", pass)
    );
    // The pen-holder cannot propose, only act; a move the seat cannot make is no proposal.
    assert!(table.lock().propose(1, pass).is_err());
    let not_now = Action::Pass {
        seat: Seat::Afghanistan,
    };
    assert!(
        table.lock().propose(2, not_now).is_err(),
        "not a teammate's seat"
    );

    // The pen-holder takes it: it is the seat's move, and proposals lapse with it.
    table.lock().act_as(1, proposal.action).unwrap();
    assert_eq!(actions(&table), before + 1);
    assert!(table.lock().live_proposal(Seat::Pakistan).is_none());
}

#[test]
fn the_pen_is_handed_on_and_passes_to_the_next_teammate_when_its_holder_leaves() {
    let tables = room(4);
    let table = table_at_pakistans_turn(&tables);
    for id in [1, 2, 3] {
        table.claim(Seat::Pakistan, id).unwrap();
    }
    let pen = |table: &Table| table.lock().team(Seat::Pakistan).pen().map(|m| m.id);
    assert!(
        table.lock().hand_pen(Seat::Pakistan, 2).is_err(),
        "not theirs"
    );
    let next = table.lock().hand_pen(Seat::Pakistan, 1).unwrap();
    assert_eq!((next.id, pen(&table)), (2, Some(2)));
    // Its holder's link drops: the next connected teammate has it.
    table.leave(2);
    assert_eq!(pen(&table), Some(3));
    table.leave(3);
    assert_eq!(pen(&table), Some(1));
    table.leave(1);
    assert_eq!(table.occupants()[Seat::Pakistan.index()], Occupant::Away);
    // Back: the first to sit again holds it.
    table.claim(Seat::Pakistan, 4).unwrap();
    assert_eq!(pen(&table), Some(4));
}

#[test]
fn a_full_delegation_refuses_one_more_login_and_a_team_of_one_is_a_taken_seat() {
    let tables = room(2);
    let table = table_at_pakistans_turn(&tables);
    table.claim(Seat::Pakistan, 1).unwrap();
    table.claim(Seat::Pakistan, 2).unwrap();
    table.claim(Seat::Pakistan, 2).unwrap();
    let full = table.claim(Seat::Pakistan, 3).unwrap_err();
    assert!(
        full.contains("Pakistan's delegation is full: 2 logins share it"),
        "{full}"
    );
    let bot = table.claim(Seat::Mediator, 3).unwrap_err();
    assert!(bot.contains("played by a `random` bot"), "{bot}");
    // A login sits in one seat: joining another leaves the first.
    let source = ScenarioSource::builtin("tutorial").unwrap();
    let open = tables.open(&source, 7, [None, None, None]).unwrap();
    open.claim(Seat::Pakistan, 5).unwrap();
    open.claim(Seat::Afghanistan, 5).unwrap();
    assert!(open.lock().team(Seat::Pakistan).is_empty());

    let single = room(1);
    let table = table_at_pakistans_turn(&single);
    table.claim(Seat::Pakistan, 1).unwrap();
    let taken = table.claim(Seat::Pakistan, 2).unwrap_err();
    assert!(taken.contains("Pakistan is taken"), "{taken}");
}

#[test]
fn the_lobby_names_each_delegation_and_offers_a_place_in_it_while_there_is_room() {
    use ceasefire::server::lobby::{Choice, Lobby};
    let tables = room(2);
    let table = table_at_pakistans_turn(&tables);
    table.claim_as(Seat::Pakistan, 1, Some("ana")).unwrap();
    let lines = Lobby::default().lines(&tables);
    let summary = &lines[0].0;
    assert!(summary.contains("PK: ana ✎,"), "{summary}");
    let join = lines
        .iter()
        .find(|(_, c)| {
            matches!(
                c,
                Some(Choice::Join {
                    seat: Seat::Pakistan,
                    ..
                })
            )
        })
        .map(|(text, _)| text.as_str());
    assert_eq!(
        join,
        Some("   join Pakistan's delegation (1 of 2 logins, with the seat's code)")
    );
    table.claim_as(Seat::Pakistan, 2, Some("bilal")).unwrap();
    let lines = Lobby::default().lines(&tables);
    assert!(lines[0].0.contains("PK: ana ✎ + bilal,"), "{}", lines[0].0);
    assert!(
        !lines.iter().any(|(text, _)| text.contains("join Pakistan")),
        "a full delegation is not offered"
    );
}

/// The console, drawn; its "thinking for N s" counters blanked.
fn console(tables: &Tables, width: u16, height: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal
        .draw(|frame| Dashboard::default().draw(frame, tables, Theme::new(false)))
        .unwrap();
    let mut text = terminal.backend().to_string();
    for table in tables.all() {
        for seat in Seat::ALL {
            text = text.replace(table.locks.code(seat), "CODE##");
        }
    }
    text.split(' ')
        .map(|word| match word.strip_suffix('s') {
            Some(n) if !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()) => "Ns".into(),
            _ => word.to_string(),
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn the_console_shows_each_delegation_and_who_holds_the_pen() {
    let tables = room(4);
    let table = table_at_pakistans_turn(&tables);
    table.claim_as(Seat::Pakistan, 1, Some("ana")).unwrap();
    table.claim_as(Seat::Pakistan, 2, Some("bilal")).unwrap();
    table.lock().hand_pen(Seat::Pakistan, 1).unwrap();
    for (width, height) in [(120, 24), (80, 24)] {
        let screen = console(&tables, width, height);
        assert!(
            screen.contains("PK ana + bilal ✎, AF bot (random)"),
            "{screen}"
        );
        assert!(screen.contains("Pakistan (bilal ✎)"), "{screen}");
        insta::assert_snapshot!(format!("console_teams_{width}x{height}"), screen);
    }
}

#[test]
fn a_teammate_proposes_from_the_seats_own_screen_and_the_pen_holder_takes_it() {
    let tables = room(4);
    let table = table_at_pakistans_turn(&tables);
    table.claim_as(Seat::Pakistan, 1, Some("ana")).unwrap();
    table.claim(Seat::Pakistan, 2).unwrap();
    let mut ana = delegate(&table, 1);
    let mut second = delegate(&table, 2);
    let before = actions(&table);

    // The teammate sees the seat's hand and the pen line, and its keys propose.
    let screen = render(&mut second, (120, 40));
    assert!(screen.contains("Pakistan's hand"), "{screen}");
    assert!(screen.contains("YOUR TEAM'S MOVE"), "{screen}");
    assert!(
        screen.contains(
            "✎ ana holds the pen: you propose, they act · Pakistan: ana ✎, delegate 2 (you)"
        ),
        "{screen}"
    );
    assert!(screen.contains("p propose a pass"), "{screen}");
    for size in SIZES {
        insta::assert_snapshot!(
            format!("team_pen_line_{}x{}", size.0, size.1),
            render(&mut second, size)
        );
    }
    press(&mut second, KeyCode::Char('p'));
    assert_eq!(actions(&table), before, "a proposal is no move");
    let screen = render(&mut second, (120, 40));
    assert!(
        screen.contains("Proposed to ana, who holds the pen"),
        "{screen}"
    );
    assert!(screen.contains("» Your proposal to ana"), "{screen}");
    // Undo and the pen are not theirs.
    press(&mut second, KeyCode::Char('P'));
    assert!(render(&mut second, (120, 40)).contains("ana holds the pen: only they can hand it on"));

    // The pen-holder sees it, and takes it with one key.
    let screen = render(&mut ana, (120, 40));
    assert!(screen.contains("▶ YOUR MOVE"), "{screen}");
    assert!(
        screen.contains("» T takes delegate 2's proposal: Pass"),
        "{screen}"
    );
    assert!(
        screen.contains("P pen") && screen.contains("T take"),
        "{screen}"
    );
    for size in SIZES {
        insta::assert_snapshot!(
            format!("team_proposal_{}x{}", size.0, size.1),
            render(&mut ana, size)
        );
    }
    // The help of a seat on a server names the delegation's keys.
    press(&mut ana, KeyCode::Char('?'));
    let help = render(&mut ana, (120, 40));
    assert!(
        help.contains("hand the pen (who acts) to a teammate you pick")
            && help.contains("play the move a teammate proposed"),
        "{help}"
    );
    press(&mut ana, KeyCode::Esc);
    press(&mut ana, KeyCode::Char('T'));
    assert_eq!(actions(&table), before + 1, "the proposal was played");
    assert_eq!(
        table.lock().game().actions().last(),
        Some(&Action::Pass {
            seat: Seat::Pakistan
        })
    );
    assert!(render(&mut ana, (120, 40)).contains("You took delegate 2's proposal"));
}

#[test]
fn handed_the_pen_the_teammate_acts_and_the_first_only_proposes() {
    let tables = room(4);
    let table = table_at_pakistans_turn(&tables);
    table.claim_as(Seat::Pakistan, 1, Some("ana")).unwrap();
    table.claim(Seat::Pakistan, 2).unwrap();
    let mut ana = delegate(&table, 1);
    let mut second = delegate(&table, 2);
    press(&mut ana, KeyCode::Char('P'));
    assert!(render(&mut ana, (120, 40)).contains("You handed the pen to delegate 2"));
    assert!(render(&mut second, (120, 40)).contains("✎ You hold the pen"));
    let before = actions(&table);
    press(&mut ana, KeyCode::Char('p'));
    assert_eq!(actions(&table), before, "ana only proposes now");
    press(&mut second, KeyCode::Char('p'));
    assert_eq!(actions(&table), before + 1, "the new pen-holder acts");
}

#[test]
fn a_login_alone_in_its_seat_sees_no_team_bar() {
    let tables = room(4);
    let table = table_at_pakistans_turn(&tables);
    table.claim(Seat::Pakistan, 1).unwrap();
    let mut alone = delegate(&table, 1);
    let screen = render(&mut alone, (80, 24));
    assert!(!screen.contains("✎"), "{screen}");
    let before = actions(&table);
    press(&mut alone, KeyCode::Char('p'));
    assert_eq!(actions(&table), before + 1);
}

/// Passes for Pakistan (and lets the bots move) until Pakistan must answer a question (its
/// posture, a pledge offered, …).
fn until_pakistan_is_asked(table: &Table) {
    use ceasefire::engine::Decision;
    for _ in 0..1000 {
        let to_act = table.lock().game().to_act();
        match to_act {
            Some((Seat::Pakistan, Decision::Negotiate)) => {
                let pass = Action::Pass {
                    seat: Seat::Pakistan,
                };
                table.lock().act(pass).unwrap();
                table.changed();
            }
            Some((Seat::Pakistan, _)) => return,
            _ => std::thread::sleep(Duration::from_millis(10)),
        }
    }
    panic!(
        "Pakistan was never asked: {:?}",
        table.lock().game().to_act()
    );
}

#[test]
fn a_teammate_answers_a_question_with_a_proposal_and_the_pen_holder_sees_it() {
    let tables = room(4);
    let table = table_at_pakistans_turn(&tables);
    table.claim_as(Seat::Pakistan, 1, Some("ana")).unwrap();
    table.claim(Seat::Pakistan, 2).unwrap();
    let mut ana = delegate(&table, 1);
    let mut second = delegate(&table, 2);
    until_pakistan_is_asked(&table);
    let before = actions(&table);
    let screen = render(&mut second, (80, 24));
    assert!(
        screen.contains("Enter propose · Esc look at the table"),
        "{screen}"
    );
    press(&mut second, KeyCode::Enter);
    assert_eq!(actions(&table), before);
    let screen = render(&mut second, (80, 24));
    assert!(screen.contains("Proposed to ana"), "{screen}");
    assert!(
        !screen.contains("Esc look at the table"),
        "the question is put aside"
    );
    let screen = render(&mut ana, (120, 40));
    assert!(
        screen.contains("» T takes delegate 2's proposal"),
        "{screen}"
    );
    // The pen-holder's own question stays open over the table; t answers it as proposed.
    assert!(
        screen.contains("Enter choose · Esc look at the table"),
        "{screen}"
    );
    press(&mut ana, KeyCode::Char('T'));
    assert_eq!(actions(&table), before + 1);
}

#[test]
fn each_member_of_a_delegation_writes_their_own_reflections_and_the_report_names_them() {
    let tables = room(4);
    let table = table_at_pakistans_turn(&tables);
    table.claim_as(Seat::Pakistan, 1, Some("ana")).unwrap();
    table.claim(Seat::Pakistan, 2).unwrap();
    let mut ana = delegate(&table, 1);
    let mut second = delegate(&table, 2);
    // Pakistan lets the clock's mildest move stand at every turn, to the end.
    for _ in 0..5000 {
        let to_act = table.lock().game().to_act();
        match to_act {
            None => break,
            Some((Seat::Pakistan, _)) => {
                let mild = table.lock().passive_action().unwrap();
                table.lock().act(mild).unwrap();
                table.changed();
            }
            _ => std::thread::sleep(Duration::from_millis(5)),
        }
    }
    assert!(table.lock().game().outcome().is_some(), "the talks ended");
    for app in [&mut ana, &mut second] {
        press(app, KeyCode::Enter);
    }
    let prompts = table.lock().unanswered(Seat::Pakistan);
    assert!(!prompts.is_empty(), "the tutorial asks for reflections");
    // Both are asked, each by name, the same prompts.
    let (_, first_prompt, index, total) = ana.play().unwrap().reflecting().unwrap();
    assert_eq!(
        (first_prompt.as_str(), index, total),
        (prompts[0].as_str(), 1, prompts.len())
    );
    assert_eq!(
        second.play().unwrap().reflecting().map(|r| r.1),
        Some(prompts[0].clone())
    );
    let screen = render(&mut second, (80, 24));
    assert!(
        screen.contains("delegate 2 (Pakistan), in your own words"),
        "{screen}"
    );
    // Each writes their own answer; one's answer is not the other's.
    for c in "We held firm".chars() {
        press(&mut ana, KeyCode::Char(c));
    }
    press(&mut ana, KeyCode::Enter);
    assert_eq!(
        second.play().unwrap().reflecting().map(|r| r.2),
        Some(1),
        "ana's answer leaves the teammate's prompt open"
    );
    for c in "I would have talked more".chars() {
        press(&mut second, KeyCode::Char(c));
    }
    press(&mut second, KeyCode::Esc);
    assert!(second.play().unwrap().reflecting().is_none(), "done");
    assert!(ana.play().unwrap().reflecting().is_some(), "ana goes on");
    press(&mut ana, KeyCode::Esc);
    assert!(ana.play().unwrap().reflecting().is_none());

    let answered: Vec<(Option<String>, String)> = table
        .lock()
        .reflections()
        .iter()
        .filter(|r| !r.answer.is_empty())
        .map(|r| (r.by.clone(), r.answer.clone()))
        .collect();
    assert_eq!(
        answered,
        [
            (Some("ana".to_string()), "We held firm".to_string()),
            (
                Some("delegate 2".to_string()),
                "I would have talked more".to_string()
            ),
        ]
    );
    // The report lists them by person.
    let file = table.lock().save_file(0);
    let game = table.lock().game().clone();
    let report = ceasefire::report::to_markdown(&ceasefire::report::bundle(&[(
        "table-1".to_string(),
        file,
        game,
    )]));
    let reflections = report.split("## Reflections").nth(1).unwrap();
    assert!(
        reflections.contains(&format!(
            "- **Pakistan (ana)** — *{}* We held firm",
            prompts[0]
        )),
        "{reflections}"
    );
    assert!(
        reflections.contains(&format!(
            "- **Pakistan (delegate 2)** — *{}* I would have talked more",
            prompts[0]
        )),
        "{reflections}"
    );
}

/// The screen of connection `id` in Pakistan's delegation, logged in as `user`, as the
/// server makes it: its own login at the table.
fn connection(table: &Table, id: u64, user: &str) -> App {
    let mut app = delegate(table, id);
    let login = app.play_mut().unwrap().set_connection(id, user);
    assert_eq!(app.play().unwrap().login(), Some(login.as_str()));
    app
}

/// Opens the message line on `app`, types `text` and sends it; the screen's words after.
fn say(app: &mut App, text: &str) -> String {
    press(app, KeyCode::Char('m'));
    for c in text.chars() {
        press(app, KeyCode::Char(c));
    }
    press(app, KeyCode::Enter);
    render(app, (120, 40))
}

#[test]
fn two_people_on_one_seat_login_go_by_their_own_logins_muted_and_counted_apart() {
    use ceasefire::tui::keys::ConsoleCommand;
    let tables = room(4);
    let table = table_at_pakistans_turn(&tables);
    table.claim(Seat::Pakistan, 1).unwrap();
    table.claim(Seat::Pakistan, 2).unwrap();
    let mut first = connection(&table, 1, "pakistan");
    let mut second = connection(&table, 2, "pakistan");
    assert_eq!(first.play().unwrap().login(), Some("pakistan"));
    assert_eq!(second.play().unwrap().login(), Some("pakistan #2"));
    assert_eq!(
        table.lock().login_as(2, "pakistan"),
        "pakistan #2",
        "kept while connected"
    );

    // The console lists them apart, with the seat and name each sits as, and mutes one.
    let mut console = Dashboard::default();
    let reports = std::path::Path::new(".");
    console.handle(Some(ConsoleCommand::Mute), None, &tables, reports);
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
    let mut draw = |console: &Dashboard| {
        terminal
            .draw(|frame| console.draw(frame, &tables, Theme::new(false)))
            .unwrap();
        terminal.backend().to_string()
    };
    let list = draw(&console);
    assert!(
        list.contains("▸ pakistan (Pakistan: delegate 1) — may speak")
            && list.contains("  pakistan #2 (Pakistan: delegate 2) — may speak"),
        "{list}"
    );
    console.handle(Some(ConsoleCommand::Down), None, &tables, reports);
    console.handle(Some(ConsoleCommand::Open), None, &tables, reports);
    assert!(table.lock().is_muted("pakistan #2") && !table.lock().is_muted("pakistan"));
    let list = draw(&console);
    assert!(list.contains("pakistan #2 is muted at table 1"), "{list}");

    // The muted one's words reach no one; the other's go out, marked with their login.
    let refused = say(&mut second, "can anyone hear me?");
    assert!(
        refused.contains("The facilitator has muted you"),
        "{refused}"
    );
    let said = say(&mut first, "we hold firm");
    assert!(said.contains("Sent to the table."), "{said}");
    let logins: Vec<Option<String>> = table
        .lock()
        .messages()
        .iter()
        .map(|m| m.login.clone())
        .collect();
    assert_eq!(logins, [Some("pakistan".to_string())]);

    // Rates are a person's: the first spends theirs, the second (unmuted) still speaks.
    table.lock().set_muted("pakistan #2", false);
    for i in 0..4 {
        say(&mut first, &format!("point {i}"));
    }
    let slow = say(&mut first, "one more");
    assert!(slow.contains("Slow down: at most 5 messages"), "{slow}");
    press(&mut first, KeyCode::Esc);
    let said = say(&mut second, "my turn to speak");
    assert!(said.contains("Sent to the table."), "{said}");
    assert_eq!(
        table.lock().messages().last().unwrap().login.as_deref(),
        Some("pakistan #2")
    );

    // One who leaves frees their login for the next to come: a mute on it holds.
    table.lock().set_muted("pakistan #2", true);
    table.leave(2);
    table.claim(Seat::Pakistan, 3).unwrap();
    let mut third = connection(&table, 3, "pakistan");
    assert_eq!(third.play().unwrap().login(), Some("pakistan #2"));
    press(&mut third, KeyCode::Char('m'));
    let refused = render(&mut third, (120, 40));
    assert!(
        refused.contains("The facilitator has muted you"),
        "{refused}"
    );
}

#[test]
fn the_pen_goes_to_the_teammate_chosen_from_a_list_when_there_are_several() {
    let tables = room(4);
    let table = table_at_pakistans_turn(&tables);
    for (id, name) in [(1, "ana"), (2, "bilal"), (3, "chen")] {
        table.claim_as(Seat::Pakistan, id, Some(name)).unwrap();
    }
    let mut ana = delegate(&table, 1);
    let mut bilal = delegate(&table, 2);
    press(&mut bilal, KeyCode::Char('p'));
    let pen = |table: &Table| table.lock().team(Seat::Pakistan).pen().map(|m| m.id);
    let bar = render(&mut ana, (120, 40));
    assert!(
        bar.contains("✎ You hold the pen · P hands it to a teammate"),
        "{bar}"
    );

    // P opens the list of teammates, the next to have arrived first; Esc closes it.
    press(&mut ana, KeyCode::Char('P'));
    let list = render(&mut ana, (80, 24));
    assert!(list.contains("Hand the pen"), "{list}");
    assert!(list.contains("▸ bilal (proposes: Pass"), "{list}");
    assert!(list.contains("chen"), "{list}");
    assert!(list.contains("Enter hand it"), "{list}");
    press(&mut ana, KeyCode::Esc);
    assert!(!render(&mut ana, (80, 24)).contains("Hand the pen"));
    assert_eq!(pen(&table), Some(1), "closing hands nothing");

    // P again moves down the list; Enter hands the pen to the one highlighted.
    press(&mut ana, KeyCode::Char('P'));
    press(&mut ana, KeyCode::Char('P'));
    for size in SIZES {
        let screen = render(&mut ana, size);
        assert!(screen.contains("▸ chen"), "{screen}");
        insta::assert_snapshot!(format!("team_pen_list_{}x{}", size.0, size.1), screen);
    }
    let before = actions(&table);
    press(&mut ana, KeyCode::Enter);
    assert_eq!(pen(&table), Some(3));
    assert_eq!(actions(&table), before, "handing the pen is no move");
    assert!(render(&mut ana, (120, 40)).contains("You handed the pen to chen"));
    // A teammate who left by the time it is chosen is not handed it.
    let mut chen = delegate(&table, 3);
    press(&mut chen, KeyCode::Char('P'));
    table.leave(1);
    press(&mut chen, KeyCode::Enter);
    assert_eq!(pen(&table), Some(3));
    assert!(
        render(&mut chen, (120, 40)).contains("no longer in your delegation"),
        "{}",
        render(&mut chen, (120, 40))
    );
}

#[test]
fn the_pen_is_handed_only_by_its_holder_to_a_teammate() {
    let tables = room(4);
    let table = table_at_pakistans_turn(&tables);
    for id in [1, 2, 3] {
        table.claim(Seat::Pakistan, id).unwrap();
    }
    let mut session = table.lock();
    assert!(
        session.hand_pen_to(Seat::Pakistan, 2, 3).is_err(),
        "not theirs"
    );
    assert!(
        session.hand_pen_to(Seat::Pakistan, 1, 1).is_err(),
        "themselves"
    );
    assert!(
        session.hand_pen_to(Seat::Pakistan, 1, 9).is_err(),
        "not a teammate"
    );
    assert_eq!(session.hand_pen_to(Seat::Pakistan, 1, 3).unwrap().id, 3);
    assert!(session.team(Seat::Pakistan).holds_pen(3));
}
