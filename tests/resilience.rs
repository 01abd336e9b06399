//! Nothing blocks a screen or loses a game: saves that fail are shown and retried until the
//! folder takes them again, a bot that panics has the clock's move played for it while the
//! other tables go on (and the server's log says so), and a key pressed while a bot thinks
//! is answered at once.

use ceasefire::bot::{Bot, Choice, Policy};
use ceasefire::engine::{Action, Scenario, Seat, SeatView};
use ceasefire::scenario::ScenarioSource;
use ceasefire::server::tables::Tables;
use ceasefire::table::{BOT_FAILED, Controller, MovedBy, SaveStatus, Session};
use std::path::Path;
use std::sync::{Arc, mpsc};
use std::time::{Duration, Instant};

const WAIT: Duration = Duration::from_secs(10);

fn tutorial() -> (ScenarioSource, Arc<Scenario>) {
    let source = ScenarioSource::builtin("tutorial").unwrap();
    let scenario = Arc::new(source.build().unwrap());
    (source, scenario)
}

/// A game of three people, autosaved in `dir`.
fn people(dir: &Path) -> Session {
    let (source, scenario) = tutorial();
    Session::new(source, scenario, 7, [Controller::Human; 3], Some(dir))
}

/// The seat to act makes the clock's (passive) move.
fn pass(session: &mut Session) {
    let action = session.passive_action().expect("someone must act");
    session.act(action).unwrap();
}

/// Makes `dir` unusable as the saves folder, even for root (for whom a read-only folder is
/// writable): a plain file takes its place.
fn break_folder(dir: &Path) {
    std::fs::remove_dir_all(dir).unwrap();
    std::fs::write(dir, "not a folder").unwrap();
}

fn mend_folder(dir: &Path) {
    std::fs::remove_file(dir).unwrap();
    std::fs::create_dir(dir).unwrap();
}

/// How many actions the file on disk holds.
fn saved_actions(session: &Session) -> usize {
    let loaded = ceasefire::save::load(session.save_path().unwrap()).unwrap();
    loaded.game.actions().len()
}

/// Polls `done` until it holds or [`WAIT`] has passed.
fn eventually(mut done: impl FnMut() -> bool) -> bool {
    let until = Instant::now() + WAIT;
    while Instant::now() < until {
        if done() {
            return true;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    done()
}

#[test]
fn a_failed_save_is_shown_and_the_next_action_writes_everything() {
    let root = tempfile::tempdir().unwrap();
    let dir = root.path().join("saves");
    let mut session = people(&dir);
    pass(&mut session);
    assert_eq!(session.flush(WAIT), Some(SaveStatus::Saved));
    assert_eq!(saved_actions(&session), 1);

    break_folder(&dir);
    pass(&mut session);
    let status = session.flush(WAIT).unwrap();
    let SaveStatus::Failed(reason) = &status else {
        panic!("the save should fail: {status:?}");
    };
    assert!(!reason.is_empty());
    assert_eq!(
        status.to_string(),
        format!("not saved: {reason} (retrying)")
    );
    // Saving by hand says so at once too.
    let by_hand = session.save().unwrap_err().to_string();
    assert!(by_hand.contains(reason.as_str()), "{by_hand}");

    mend_folder(&dir);
    pass(&mut session);
    assert_eq!(session.flush(WAIT), Some(SaveStatus::Saved));
    assert_eq!(saved_actions(&session), 3, "every action is on disk");
    assert_eq!(session.game().actions().len(), 3);
}

#[test]
fn a_failed_save_is_retried_without_another_action() {
    let root = tempfile::tempdir().unwrap();
    let dir = root.path().join("saves");
    let mut session = people(&dir);
    break_folder(&dir);
    pass(&mut session);
    pass(&mut session);
    assert!(matches!(session.flush(WAIT), Some(SaveStatus::Failed(_))));
    mend_folder(&dir);
    assert!(
        eventually(|| session.save_status() == Some(SaveStatus::Saved)),
        "the writer tries again by itself: {:?}",
        session.save_status()
    );
    assert_eq!(saved_actions(&session), 2);
}

#[test]
fn the_last_state_is_on_disk_once_the_session_is_gone() {
    let root = tempfile::tempdir().unwrap();
    let mut session = people(root.path());
    for _ in 0..5 {
        pass(&mut session);
    }
    let path = session.save_path().unwrap().to_path_buf();
    drop(session);
    let loaded = ceasefire::save::load(&path).unwrap();
    assert_eq!(loaded.game.actions().len(), 5);
}

/// A bot that panics whenever it must choose.
struct Panicking;

impl Bot for Panicking {
    fn choose(&mut self, _: &SeatView, _: &[Action]) -> Choice {
        panic!("a bot's bug");
    }
}

#[test]
fn a_bot_that_panics_has_the_clocks_move_played_and_the_log_says_so() {
    let (source, scenario) = tutorial();
    let bots = [
        Controller::Human,
        Controller::Bot(Policy::Random),
        Controller::Bot(Policy::Random),
    ];
    let mut session =
        Session::new(source, scenario, 7, bots, None).with_bot(Seat::Mediator, Box::new(Panicking));
    let mut played = Vec::new();
    while let Some(seat) = session.play_bot() {
        played.push(seat);
    }
    assert!(played.contains(&Seat::Mediator), "{played:?}");
    let failed: Vec<_> = session
        .reasons()
        .iter()
        .filter(|r| r.seat == Seat::Mediator)
        .collect();
    assert!(!failed.is_empty());
    for reason in failed {
        assert_eq!(reason.by, MovedBy::Clock);
        assert_eq!(reason.text, BOT_FAILED);
    }
    assert_eq!(
        session.human_to_act(),
        Some(Seat::Pakistan),
        "the game goes on"
    );
}

#[test]
fn a_panicking_bot_at_one_server_table_leaves_the_others_playing() {
    let root = tempfile::tempdir().unwrap();
    let log = root.path().join("server.log");
    ceasefire::server::logging::init(Some(&log)).unwrap();
    let tables = Tables::new(None, Duration::ZERO);
    let (source, scenario) = tutorial();
    let bots = [None, Some(Policy::Random), Some(Policy::Random)];
    let controllers = bots.map(|b| b.map_or(Controller::Human, Controller::Bot));
    let broken = tables.open_session(
        Session::new(source.clone(), scenario, 7, controllers, None)
            .with_bot(Seat::Mediator, Box::new(Panicking)),
    );
    let fine = tables.open(&source, 7, bots).unwrap();
    let waits_for_pakistan =
        |t: &ceasefire::server::tables::Table| t.lock().human_to_act() == Some(Seat::Pakistan);
    assert!(eventually(
        || waits_for_pakistan(&broken) && waits_for_pakistan(&fine)
    ));
    let by = |t: &ceasefire::server::tables::Table| -> Vec<MovedBy> {
        t.lock()
            .reasons()
            .iter()
            .filter(|r| r.seat == Seat::Mediator)
            .map(|r| r.by)
            .collect()
    };
    assert_eq!(by(&broken), vec![MovedBy::Clock]);
    assert_eq!(by(&fine), vec![MovedBy::Bot(Policy::Random)]);
    // The table's bot thread lives on: after Pakistan's move, the bots move again.
    let action = broken.lock().passive_action().unwrap();
    broken.lock().act(action).unwrap();
    let after_pakistan = broken.lock().game().actions().len();
    broken.changed();
    assert!(eventually(|| {
        let session = broken.lock();
        session.game().actions().len() > after_pakistan || session.game().outcome().is_some()
    }));
    assert!(eventually(|| std::fs::read_to_string(&log).is_ok_and(
        |text| text.contains("table=1") && text.contains("a bot failed (a bot's bug)")
    )));
}

/// A bot whose first choice comes only once the test lets it (or after [`WAIT`], so a broken
/// screen fails the test instead of hanging it); later ones come at once.
struct Gated(Option<mpsc::Receiver<()>>);

impl Bot for Gated {
    fn choose(&mut self, _: &SeatView, legal: &[Action]) -> Choice {
        if let Some(gate) = self.0.take() {
            let _ = gate.recv_timeout(WAIT);
        }
        Choice {
            action: legal[0],
            reason: "let through".into(),
        }
    }
}

#[test]
fn a_key_pressed_while_a_bot_thinks_is_answered_at_once() {
    use ceasefire::tui::{App, Options, Play, Speed, Theme};
    use ratatui::crossterm::event::{Event, KeyCode, KeyEvent};
    let (source, scenario) = tutorial();
    let (open, gate) = mpsc::channel();
    let bots = [
        Controller::Human,
        Controller::Bot(Policy::Random),
        Controller::Bot(Policy::Random),
    ];
    let session = Session::new(source, scenario, 7, bots, None)
        .with_bot(Seat::Mediator, Box::new(Gated(Some(gate))));
    let options = Options {
        saves_dir: None,
        speed: Speed::Instant,
        theme: Theme::new(false),
    };
    let mut app = App::playing(
        options,
        Play::with_session(session, Speed::Instant),
        Instant::now(),
    );
    let key = |app: &mut App, code| app.handle(&Event::Key(KeyEvent::from(code)), Instant::now());
    key(&mut app, KeyCode::Enter);
    let started = Instant::now();
    app.tick(Instant::now());
    key(&mut app, KeyCode::Char('p'));
    assert!(
        started.elapsed() < WAIT / 2,
        "the screen waited for the bot"
    );
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(100, 30)).unwrap();
    terminal.draw(|frame| app.draw(frame)).unwrap();
    let screen = terminal.backend().to_string();
    assert!(screen.contains("not your turn"), "{screen}");
    let moves = app.play().unwrap().session().game().actions().len();
    assert_eq!(moves, 0, "the mediator's bot is still thinking");
    open.send(()).unwrap();
    for _ in 0..100 {
        if app.wake_at().is_none() {
            break;
        }
        app.tick(Instant::now() + Duration::from_secs(3600));
    }
    let play = app.play().unwrap();
    assert!(!play.session().game().actions().is_empty());
    assert_eq!(play.session().human_to_act(), Some(Seat::Pakistan));
}
