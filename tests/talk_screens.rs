//! Table talk on screen, drawn to ratatui's `TestBackend` after keys fed as a person would:
//! snapshots (insta) of the message line, the talk pane and the console's talk at 80x24 and
//! 120x40; what a spectator and the other delegation see of a private message; and a flood
//! of hostile messages (escape sequences, 10,000 characters, a burst of 100) that leaves
//! every other seat's screen whole.

use ceasefire::bot::Policy;
use ceasefire::engine::talk::Speaker;
use ceasefire::engine::{Seat, Viewer};
use ceasefire::scenario::ScenarioSource;
use ceasefire::server::dashboard::Dashboard;
use ceasefire::server::tables::Tables;
use ceasefire::table::{Controller, Session};
use ceasefire::tui::keys::ConsoleCommand;
use ceasefire::tui::{App, Options, Play, Speed, Theme};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent};
use ratatui::layout::Rect;
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use unicode_width::UnicodeWidthStr;

const SIZES: [(u16, u16); 2] = [(80, 24), (120, 40)];

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

fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        press(app, KeyCode::Char(c));
    }
}

/// Opens the message line, types `text` and sends it.
fn say(app: &mut App, text: &str) {
    press(app, KeyCode::Char('m'));
    type_text(app, text);
    press(app, KeyCode::Enter);
}

fn render(app: &mut App, (width, height): (u16, u16)) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    app.resize(Rect::new(0, 0, width, height));
    terminal.draw(|frame| app.draw(frame)).unwrap();
    terminal.backend().to_string()
}

fn snapshot(name: &str, app: &mut App) {
    for size in SIZES {
        let screen = render(app, size);
        insta::assert_snapshot!(format!("{name}_{}x{}", size.0, size.1), screen);
    }
}

/// Lets bots move until a person must act.
fn settle(app: &mut App) {
    for _ in 0..2000 {
        if app.wake_at().is_none() {
            return;
        }
        app.tick(Instant::now() + Duration::from_secs(3600));
    }
    panic!("bots never stopped");
}

/// A solo tutorial game, the brief closed and the bots settled: Pakistan to act.
fn solo() -> App {
    let bot = Controller::Bot(Policy::Random);
    let play = Play::start(
        "tutorial",
        [Controller::Human, bot, bot],
        Some(11),
        &options(),
    );
    let mut app = App::playing(options(), play.unwrap(), Instant::now());
    press(&mut app, KeyCode::Enter);
    settle(&mut app);
    app
}

#[test]
fn the_message_line_says_who_a_message_goes_to_and_the_pane_shows_the_answers() {
    let mut app = solo();
    say(&mut app, "@afghanistan will you accept verification?");
    say(&mut app, "Mediator, what do you make of the border?");
    // A second message line, half typed: to the mediators, privately.
    press(&mut app, KeyCode::Char('m'));
    type_text(&mut app, "@mediator a quiet word about the crossings");
    let screen = render(&mut app, (80, 24));
    assert!(
        screen.contains("✉ privately to Mediator › @mediator a quiet word"),
        "{screen}"
    );
    assert!(screen.contains("Enter send · Esc cancel"), "{screen}");
    snapshot("message_line", &mut app);
    // The audience follows what is typed.
    for _ in 0.."@mediator a quiet word about the crossings".len() {
        press(&mut app, KeyCode::Backspace);
    }
    assert!(render(&mut app, (80, 24)).contains("✉ to the table › ▏"));
    type_text(&mut app, "@nobody hi");
    assert!(render(&mut app, (80, 24)).contains("✉ to whom? no seat has that name"));
    press(&mut app, KeyCode::Enter);
    let refused = render(&mut app, (120, 40));
    assert!(
        refused.contains("» Nobody here is called @nobody"),
        "{refused}"
    );
    // Esc drops the line; the talk stays in the log's place until the talk key.
    press(&mut app, KeyCode::Esc);
    let screen = render(&mut app, (80, 24));
    assert!(screen.contains("Talk · t log"), "{screen}");
    assert!(screen.contains("m talk"), "the footer is back:\n{screen}");
    snapshot("talk_pane", &mut app);
    press(&mut app, KeyCode::Char('t'));
    assert!(render(&mut app, (80, 24)).contains("Log · t talk"));
}

/// A shared table (the server's) of three people: the screens of each seat and a
/// spectator, as connections would show them.
fn shared_table() -> (Arc<Mutex<Session>>, Vec<App>) {
    let source = ScenarioSource::builtin("tutorial").unwrap();
    let scenario = Arc::new(source.build().unwrap());
    let mut session = Session::new(source, scenario, 5, [Controller::Human; 3], None);
    session.set_shared(true);
    for seat in Seat::ALL {
        session.mark_briefed(seat);
    }
    let session = Arc::new(Mutex::new(session));
    let viewers = [
        Viewer::Seat(Seat::Pakistan),
        Viewer::Seat(Seat::Afghanistan),
        Viewer::Seat(Seat::Mediator),
        Viewer::Spectator,
    ];
    let apps = viewers
        .into_iter()
        .map(|viewer| {
            let mut play = Play::remote(session.clone(), viewer, Speed::Instant);
            if let Viewer::Seat(seat) = viewer {
                play.set_login(format!("{}.1", seat.key()));
            }
            App::remote(options(), play)
        })
        .collect();
    (session, apps)
}

#[test]
fn a_private_message_is_announced_but_not_shown_to_the_others() {
    let (_session, mut apps) = shared_table();
    say(&mut apps[2], "@pakistan shall we caucus about the border?");
    say(&mut apps[1], "We came to talk, not to posture");
    let [pk, af, md, watch] = &mut apps[..] else {
        unreachable!()
    };
    // The mediators wrote it, so their talk is in view already; Pakistan opens it.
    press(pk, KeyCode::Char('t'));
    for app in [&mut *pk, &mut *md] {
        let screen = render(app, (120, 40));
        assert!(
            screen.contains("R1 Mediator → Pakistan (private): shall we caucus"),
            "{screen}"
        );
    }
    // The spectator sees a message waits; Afghanistan, who spoke last, has the talk open.
    let before = render(watch, (120, 40));
    assert!(before.contains("Log · ✉ 2 new: t talk"), "{before}");
    press(watch, KeyCode::Char('t'));
    for app in [&mut *af, &mut *watch] {
        let screen = render(app, (120, 40));
        assert!(
            screen.contains("R1 Mediator → Pakistan: a private message"),
            "{screen}"
        );
        assert!(
            screen.contains("R1 Afghanistan: We came to talk"),
            "{screen}"
        );
        assert!(!screen.contains("caucus"), "{screen}");
    }
    snapshot("talk_pane_spectator", watch);
    // A spectator reads, but does not speak.
    press(watch, KeyCode::Char('m'));
    let screen = render(watch, (80, 24));
    assert!(!screen.contains("✉ to the table"), "{screen}");
    assert!(screen.contains("Spectators read"), "{screen}");
}

/// The rows of a screen, and each one's width in columns.
fn rows(screen: &str) -> Vec<&str> {
    screen.lines().collect()
}

#[test]
fn escapes_a_flood_of_text_and_a_burst_leave_every_other_screen_whole() {
    let (session, mut apps) = shared_table();
    let others_before: Vec<String> = [0, 2, 3].map(|i| render(&mut apps[i], (80, 24))).to_vec();
    let af = &mut apps[1];
    // Escape sequences, typed or pasted: shown as text, never sent raw.
    say(af, "\u{1b}[2J\u{1b}[H\u{1b}]0;pwned\u{7}look");
    let said = session.lock().unwrap().messages()[0].text.clone();
    assert_eq!(said, "^[[2J^[[H^[]0;pwned^Glook");
    let notice = render(af, (120, 40));
    assert!(
        notice.contains("Control characters are shown as ^X"),
        "{notice}"
    );
    // Ten thousand characters: the line takes 300 and says so.
    press(af, KeyCode::Char('m'));
    type_text(af, &"all talk and no deeds ".repeat(455));
    let full = render(af, (80, 24));
    assert!(full.contains("(full: 300 characters at most)"), "{full}");
    press(af, KeyCode::Enter);
    assert_eq!(
        session.lock().unwrap().messages()[1].text.chars().count(),
        300
    );
    // A burst of a hundred: a few go out, the rest are refused with a word why.
    for i in 0..100 {
        say(af, &format!("burst {i}"));
        if render(af, (80, 24)).contains("✉ to the table") {
            press(af, KeyCode::Esc);
        }
    }
    let said = session.lock().unwrap().messages().len();
    // Two before it, and the first three of the burst.
    assert_eq!(said, ceasefire::table::RATE_COUNT);
    say(af, "one more");
    let slowed = render(af, (120, 40));
    assert!(
        slowed.contains("Slow down: at most 5 messages in 10 seconds"),
        "{slowed}"
    );
    press(af, KeyCode::Esc);
    // Every other screen: the same rows, the same width, the talk's panel aside.
    for (i, before) in [0, 2, 3].into_iter().zip(&others_before) {
        let after = render(&mut apps[i], (80, 24));
        assert!(
            !after.contains('\u{1b}') && !after.contains('\u{7}'),
            "{after}"
        );
        for (row, (old, new)) in rows(before).iter().zip(rows(&after)).enumerate() {
            assert_eq!(
                new.width(),
                old.width(),
                "row {row} of screen {i}:\n{after}"
            );
            // The left column and the header and footer are untouched.
            let left: String = new.chars().take(33).collect();
            let was: String = old.chars().take(33).collect();
            assert_eq!(left, was, "row {row} of screen {i}:\n{after}");
        }
        assert_eq!(rows(&after).len(), rows(before).len());
        assert!(after.contains("✉ 5 new: t talk"), "{after}");
        press(&mut apps[i], KeyCode::Char('t'));
        let talk = render(&mut apps[i], (120, 40));
        assert!(talk.contains("^[[2J^[[H^[]0;pwned^Glook"), "{talk}");
    }
}

#[test]
fn the_console_follows_the_selected_tables_talk_and_writes_to_it() {
    let tables = Tables::new(None, Duration::ZERO);
    let source = ScenarioSource::builtin("tutorial").unwrap();
    for _ in 0..2 {
        tables
            .open(&source, 7, [None, None, Some(Policy::Random)])
            .unwrap();
    }
    let table = tables.get(1).unwrap();
    // The mediators (a bot) open the round: wait until their turn is over, so what the bot
    // says below does not depend on whether it had moved yet.
    let deadline = Instant::now() + Duration::from_secs(20);
    while table
        .lock()
        .game()
        .to_act()
        .is_some_and(|(seat, _)| seat == Seat::Mediator)
    {
        assert!(Instant::now() < deadline, "the mediators' bot never moved");
        std::thread::sleep(Duration::from_millis(20));
    }
    {
        let mut session = table.lock();
        let now = Instant::now();
        let (pk, af) = (
            Speaker::Seat(Seat::Pakistan),
            Speaker::Seat(Seat::Afghanistan),
        );
        session
            .say(af, Some("afghanistan"), "Peace be with this table", now)
            .unwrap();
        session
            .say(pk, Some("pakistan"), "@afghanistan a word, between us", now)
            .unwrap();
        session
            .say(
                pk,
                Some("pakistan"),
                "@mediator what would you propose?",
                now,
            )
            .unwrap();
        session.set_muted("afghanistan", true);
    }
    let mut console = Dashboard::default();
    let reports = Path::new(".");
    console.handle(Some(ConsoleCommand::Announce), None, &tables, reports);
    for c in "Ten minutes left".chars() {
        console.type_key(KeyEvent::from(KeyCode::Char(c)), &tables);
    }
    let writing = draw(&console, &tables, (80, 24));
    assert!(writing.contains("Message to every table"), "{writing}");
    console.type_key(KeyEvent::from(KeyCode::Enter), &tables);
    for table in tables.all() {
        let said = table.lock().messages().last().unwrap().clone();
        assert_eq!(
            (said.from, said.text.as_str()),
            (Speaker::Facilitator, "Ten minutes left")
        );
    }
    for size in SIZES {
        let screen = draw(&console, &tables, size);
        assert!(screen.contains("Sent to tables 1 and 2."), "{screen}");
        assert!(
            screen.contains("R1 Pakistan [pakistan] → Afghanistan (private): a word, between us"),
            "{screen}"
        );
        assert!(screen.contains("muted: afghanistan"), "{screen}");
        insta::assert_snapshot!(format!("console_talk_{}x{}", size.0, size.1), screen);
    }
    // Muting from the console: the list of the table's logins, Enter toggles.
    console.handle(Some(ConsoleCommand::Mute), None, &tables, reports);
    let list = draw(&console, &tables, (80, 24));
    assert!(
        list.contains("▸ afghanistan — muted") && list.contains("pakistan — may speak"),
        "{list}"
    );
    console.handle(Some(ConsoleCommand::Down), None, &tables, reports);
    console.handle(Some(ConsoleCommand::Open), None, &tables, reports);
    assert!(table.lock().is_muted("pakistan"));
    let refused = table.lock().say(
        Speaker::Seat(Seat::Pakistan),
        Some("pakistan"),
        "hello?",
        Instant::now(),
    );
    assert!(refused.unwrap_err().contains("muted"));
}

/// The console drawn at `size`, join codes (random) blanked and the thinking time too.
fn draw(console: &Dashboard, tables: &Tables, (width, height): (u16, u16)) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal
        .draw(|frame| console.draw(frame, tables, Theme::new(false)))
        .unwrap();
    let mut text = terminal.backend().to_string();
    for table in tables.all() {
        for seat in Seat::ALL {
            text = text.replace(table.locks.code(seat), "CODE##");
        }
    }
    text.split(' ')
        .map(|word| match word.strip_suffix('s') {
            Some(n) if !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()) => {
                format!("{}s", "N".repeat(n.len()))
            }
            _ => word.to_string(),
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn in_hot_seat_a_message_to_the_next_seat_waits_behind_the_curtain() {
    let bot = Controller::Bot(Policy::Random);
    let seats = [Controller::Human, Controller::Human, bot];
    let play = Play::start("tutorial", seats, Some(11), &options()).unwrap();
    let mut app = App::playing(options(), play, Instant::now());
    // Lift the curtains and close the briefs until Pakistan has the keyboard.
    for _ in 0..20 {
        settle(&mut app);
        let play = app.play().unwrap();
        if play.curtain().is_none() && play.session().human_to_act() == Some(Seat::Pakistan) {
            break;
        }
        press(&mut app, KeyCode::Enter);
    }
    if render(&mut app, (80, 24)).contains("Enter to begin") {
        press(&mut app, KeyCode::Enter);
    }
    say(
        &mut app,
        "@afghanistan shall we open the crossings together?",
    );
    // Pakistan passes: the keyboard goes to Afghanistan, whose message waits behind the
    // curtain, unread and unseen.
    press(&mut app, KeyCode::Char('p'));
    let curtain = render(&mut app, (80, 24));
    assert!(
        curtain.contains("Pass the keyboard to the Afghan delegation"),
        "{curtain}"
    );
    assert!(
        curtain.contains("✉ 1 new message behind the curtain."),
        "{curtain}"
    );
    assert!(!curtain.contains("crossings together"), "{curtain}");
    press(&mut app, KeyCode::Enter);
    if render(&mut app, (80, 24)).contains("Enter to begin") {
        press(&mut app, KeyCode::Enter);
    }
    let lifted = render(&mut app, (120, 40));
    assert!(
        lifted.contains("R1 Pakistan → Afghanistan (private): shall we open the crossings"),
        "{lifted}"
    );
    // Whoever has the keyboard when a bot is to move next writes meanwhile: the keyboard is
    // not handed on until the message is sent.
    for _ in 0..60 {
        let play = app.play().unwrap();
        if play.curtain().is_none() && play.session().bot_to_act() {
            break;
        }
        let waiting = play.curtain().is_some() || play.session().human_to_act().is_none();
        let key = if waiting || render(&mut app, (80, 24)).contains("Enter choose") {
            KeyCode::Enter
        } else {
            KeyCode::Char('p')
        };
        press(&mut app, key);
    }
    let writer = app.play().unwrap().shown();
    press(&mut app, KeyCode::Char('m'));
    type_text(&mut app, "wait for me");
    settle(&mut app);
    let next = app.play().unwrap().session().human_to_act();
    assert!(
        next.is_some_and(|seat| Viewer::Seat(seat) != writer),
        "{next:?}"
    );
    assert_eq!(app.play().unwrap().curtain(), None);
    assert!(render(&mut app, (80, 24)).contains("✉ to the table › wait for me▏"));
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.play().unwrap().curtain(), next);
    let curtain = render(&mut app, (80, 24));
    assert!(
        curtain.contains("✉ 1 new message behind the curtain."),
        "{curtain}"
    );
}

#[test]
fn the_debrief_gives_everything_said_private_messages_too() {
    let mut app = solo();
    say(&mut app, "@afghanistan between us: we can wait");
    for _ in 0..400 {
        if app.play().unwrap().session().game().outcome().is_some() {
            break;
        }
        press(&mut app, KeyCode::Char('p'));
        press(&mut app, KeyCode::Enter);
        settle(&mut app);
    }
    press(&mut app, KeyCode::Enter);
    // Pakistan skips its reflection.
    press(&mut app, KeyCode::Esc);
    let mut debrief = String::new();
    for _ in 0..30 {
        debrief.push_str(&render(&mut app, (120, 40)));
        press(&mut app, KeyCode::PageDown);
    }
    assert!(debrief.contains("Table talk"), "{debrief}");
    assert!(
        debrief.contains("R1 Pakistan → Afghanistan (private): between us: we can wait"),
        "{debrief}"
    );
    assert!(
        debrief.contains("R1 Afghanistan → Pakistan (private): "),
        "{debrief}"
    );
}
