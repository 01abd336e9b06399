//! A room shared out fairly: lobby tables get their own seeds, limits on tables in all and a
//! lobby user, unused lobby tables reclaimed, each seat with its own join code.

use ceasefire::bot::Policy;
use ceasefire::engine::Seat;
use ceasefire::scenario::ScenarioSource;
use ceasefire::server::room::{LobbySeed, RoomRules};
use ceasefire::server::tables::Tables;
use ceasefire::server::timer::ManualClock;
use std::sync::Arc;
use std::time::Duration;

const PEOPLE: [Option<Policy>; 3] = [None, Some(Policy::Passive), Some(Policy::Passive)];

fn tutorial() -> ScenarioSource {
    ScenarioSource::builtin("tutorial").unwrap()
}

fn room(rules: RoomRules) -> (Tables, Arc<ManualClock>) {
    let time = Arc::new(ManualClock::new());
    let tables = Tables::with_clock(None, Duration::ZERO, time.clone()).with_rules(rules);
    (tables, time)
}

#[test]
fn lobby_tables_get_seeds_of_their_own_unless_told_to_share() {
    let (tables, _) = room(RoomRules::default());
    let first = tables.open(&tutorial(), 7, PEOPLE).unwrap();
    let a = tables
        .open_from_lobby("maria", &tutorial(), 7, PEOPLE)
        .unwrap();
    let b = tables
        .open_from_lobby("ali", &tutorial(), 7, PEOPLE)
        .unwrap();
    assert_eq!(first.seed, 7);
    assert!(
        a.seed != 7 && b.seed != 7 && a.seed != b.seed,
        "{} {}",
        a.seed,
        b.seed
    );
    assert_eq!(a.lock().game().seed(), a.seed);

    let (same, _) = room(RoomRules {
        lobby_seed: LobbySeed::Same,
        ..RoomRules::default()
    });
    let c = same
        .open_from_lobby("maria", &tutorial(), 7, PEOPLE)
        .unwrap();
    assert_eq!(c.seed, 7);
}

#[test]
fn tables_of_one_seed_have_different_join_codes() {
    let (tables, _) = room(RoomRules::default());
    let one = tables.open(&tutorial(), 7, [None; 3]).unwrap();
    let two = tables.open(&tutorial(), 7, [None; 3]).unwrap();
    for seat in Seat::ALL {
        assert_ne!(one.locks.code(seat), two.locks.code(seat));
        assert!(!two.locks.code_matches(seat, one.locks.code(seat)));
    }
    let lines = tables.join_code_lines();
    assert_eq!(lines.len(), 3, "{lines:?}");
    assert!(lines[2].starts_with("Table 2 join codes: pakistan.2@ "));
    assert!(lines[2].contains(two.locks.code(Seat::Mediator)));
}

#[test]
fn open_seats_print_no_codes() {
    let (tables, _) = room(RoomRules {
        open_seats: true,
        ..RoomRules::default()
    });
    tables.open(&tutorial(), 7, PEOPLE).unwrap();
    assert!(!tables.seats_locked());
    assert!(tables.join_code_lines().is_empty());
}

#[test]
fn a_lobby_user_may_keep_only_so_many_tables_open() {
    let (tables, _) = room(RoomRules {
        tables_per_user: 2,
        ..RoomRules::default()
    });
    for _ in 0..2 {
        tables
            .open_from_lobby("maria", &tutorial(), 7, PEOPLE)
            .unwrap();
    }
    let refused = tables
        .open_from_lobby("maria", &tutorial(), 7, PEOPLE)
        .err()
        .unwrap();
    assert!(refused.contains("the most one person may"), "{refused}");
    assert!(
        tables
            .open_from_lobby("ali", &tutorial(), 7, PEOPLE)
            .is_ok()
    );
    assert_eq!(tables.all().len(), 3);
}

#[test]
fn the_room_holds_no_more_than_max_tables() {
    let (tables, _) = room(RoomRules {
        max_tables: 3,
        tables_per_user: 10,
        ..RoomRules::default()
    });
    tables.open(&tutorial(), 7, PEOPLE).unwrap();
    for user in ["a", "b"] {
        tables
            .open_from_lobby(user, &tutorial(), 7, PEOPLE)
            .unwrap();
    }
    let refused = tables
        .open_from_lobby("c", &tutorial(), 7, PEOPLE)
        .err()
        .unwrap();
    assert!(refused.contains("--max-tables"), "{refused}");
    assert!(tables.open(&tutorial(), 7, PEOPLE).is_err());
    assert_eq!(tables.all().len(), 3);
}

#[test]
fn an_abandoned_lobby_table_is_reclaimed_and_its_number_not_reused() {
    let rules = RoomRules::default();
    let (tables, time) = room(rules.clone());
    let start = tables.open(&tutorial(), 7, PEOPLE).unwrap();
    let lobby = tables
        .open_from_lobby("maria", &tutorial(), 7, PEOPLE)
        .unwrap();
    let seated = tables
        .open_from_lobby("ali", &tutorial(), 7, PEOPLE)
        .unwrap();
    seated.claim(Seat::Pakistan, 42).unwrap();
    let watched = tables
        .open_from_lobby("sam", &tutorial(), 7, PEOPLE)
        .unwrap();
    let _watching = watched.watch();
    let ids = (start.id, lobby.id, seated.id, watched.id);
    drop((start, lobby, seated, watched));

    assert!(tables.reclaim_idle().is_empty(), "nothing is idle long yet");
    time.advance(rules.reclaim_after - Duration::from_secs(1));
    assert!(tables.reclaim_idle().is_empty());
    time.advance(Duration::from_secs(1));
    assert_eq!(tables.reclaim_idle(), vec![ids.1]);
    assert!(tables.get(ids.1).is_none());
    for kept in [ids.0, ids.2, ids.3] {
        assert!(
            tables.get(kept).is_some(),
            "table {kept} is in use or the room's own"
        );
    }
    let next = tables
        .open_from_lobby("maria", &tutorial(), 7, PEOPLE)
        .unwrap();
    assert_eq!(
        next.id,
        ids.3 + 1,
        "a reclaimed table's number is not given again"
    );
}

#[test]
fn a_table_whose_player_left_is_reclaimed_only_after_the_whole_wait() {
    let rules = RoomRules::default();
    let (tables, time) = room(rules.clone());
    let table = tables
        .open_from_lobby("maria", &tutorial(), 7, PEOPLE)
        .unwrap();
    table.claim(Seat::Pakistan, 1).unwrap();
    time.advance(rules.reclaim_after * 2);
    assert!(tables.reclaim_idle().is_empty(), "someone is seated");
    table.leave(1);
    assert!(
        tables.reclaim_idle().is_empty(),
        "the wait starts when they leave"
    );
    time.advance(rules.reclaim_after);
    assert_eq!(tables.reclaim_idle(), vec![table.id]);
}

#[test]
fn a_reclaimed_tables_bot_thread_ends() {
    let (tables, time) = room(RoomRules::default());
    let table = tables
        .open_from_lobby("maria", &tutorial(), 7, [Some(Policy::Passive); 3])
        .unwrap();
    let weak = Arc::downgrade(&table);
    drop(table);
    tables.reclaim_idle();
    time.advance(Duration::from_secs(3600));
    tables.reclaim_idle();
    // The bot thread holds the table only while a bot moves: once reclaimed it is freed.
    for _ in 0..500 {
        if weak.upgrade().is_none() {
            return;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    panic!("the reclaimed table is still alive");
}

/// A bot that counts how many of its kind think at once, thinking a little while.
struct Counting {
    now: Arc<std::sync::atomic::AtomicUsize>,
    most: Arc<std::sync::atomic::AtomicUsize>,
}

impl ceasefire::bot::Bot for Counting {
    fn choose(
        &mut self,
        view: &ceasefire::engine::SeatView,
        legal: &[ceasefire::engine::Action],
    ) -> ceasefire::bot::Choice {
        use std::sync::atomic::Ordering;
        let at_once = self.now.fetch_add(1, Ordering::SeqCst) + 1;
        self.most.fetch_max(at_once, Ordering::SeqCst);
        std::thread::sleep(Duration::from_millis(5));
        self.now.fetch_sub(1, Ordering::SeqCst);
        ceasefire::bot::PassiveBot.choose(view, legal)
    }
}

#[test]
fn bots_at_every_table_think_one_at_a_time_on_a_pool_of_one() {
    use ceasefire::table::{Controller, Session};
    let (tables, _) = room(RoomRules {
        thinkers: 1,
        ..RoomRules::default()
    });
    let now = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let most = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let source = tutorial();
    let scenario = Arc::new(source.build().unwrap());
    let mut opened = Vec::new();
    for _ in 0..4 {
        let mut session = Session::new(
            source.clone(),
            scenario.clone(),
            7,
            [Controller::Bot(Policy::Passive); 3],
            None,
        );
        for seat in Seat::ALL {
            session = session.with_bot(
                seat,
                Box::new(Counting {
                    now: now.clone(),
                    most: most.clone(),
                }),
            );
        }
        opened.push(tables.open_session(session));
    }
    for _ in 0..1000 {
        if opened.iter().all(|t| t.lock().game().outcome().is_some()) {
            break;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    assert!(opened.iter().all(|t| t.lock().game().outcome().is_some()));
    assert_eq!(most.load(std::sync::atomic::Ordering::SeqCst), 1);
}

#[test]
fn the_lobby_highlight_stays_on_its_line_when_someone_else_opens_a_table() {
    use ceasefire::server::lobby::{Choice, Lobby};
    use ceasefire::tui::keys::MenuCommand;
    let (tables, _) = room(RoomRules::default());
    tables.open(&tutorial(), 7, PEOPLE).unwrap();
    let mut lobby = Lobby::default();
    // Highlight "open this table", the last line.
    assert!(lobby.handle(Some(MenuCommand::End), &tables).is_none());
    // Someone else opens a table: its lines come in above.
    tables
        .open_from_lobby("ali", &tutorial(), 7, PEOPLE)
        .unwrap();
    let chosen = lobby.handle(Some(MenuCommand::Confirm), &tables);
    assert!(
        matches!(chosen, Some(Choice::Open { .. })),
        "Enter still opens a table, not {chosen:?}"
    );
    // And a seat highlighted at table 1 stays that seat when table 1's lines move.
    let mut lobby = Lobby::default();
    assert!(lobby.handle(Some(MenuCommand::Home), &tables).is_none());
    let first = lobby.handle(Some(MenuCommand::Confirm), &tables);
    tables.open(&tutorial(), 7, PEOPLE).unwrap();
    assert_eq!(lobby.handle(Some(MenuCommand::Confirm), &tables), first);
}
