//! The tables a server runs. Each table's game has one owner: the table's session behind a
//! lock, changed only by its seated players' actions and by the table's own bot thread. Every
//! change bumps the table's version, and every connection watching it redraws.

use super::pool::ThinkingPool;
use super::room::{LobbySeed, RoomRules};
use super::seats::SeatLocks;
use super::timer::{Clock, DecisionTimer, SystemClock};
use crate::bot::Policy;
use crate::engine::Seat;
use crate::scenario::ScenarioSource;
use crate::table::{Controller, Session};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};
use tokio::sync::watch;

/// Who is in a seat.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Occupant {
    /// A bot plays it.
    Bot(Policy),
    /// Nobody yet.
    Free,
    /// People sit in it: a delegation of one or more connected logins, this one (a
    /// connection's id) holding the pen.
    Player(u64),
    /// Its player's connection dropped; the seat waits for them.
    Away,
}

/// One table: a game, who sits where, and the version its watchers follow.
pub struct Table {
    /// Table number, from 1.
    pub id: u32,
    /// The game.
    pub session: Arc<Mutex<Session>>,
    /// The scenario it plays.
    pub source: ScenarioSource,
    /// Its seed.
    pub seed: u64,
    /// The seats bots play.
    pub bots: [Option<Policy>; 3],
    /// Its seats' join codes and bound keys.
    pub locks: SeatLocks,
    /// The lobby user who opened it (`None`: opened at start, by the console or resumed;
    /// such tables are never reclaimed).
    pub owner: Option<String>,
    /// The most logins one seat's delegation takes (`--team-size`).
    pub team_size: usize,
    /// Since when nobody has sat at it or watched it (while it is so).
    idle_since: Mutex<Option<Instant>>,
    version: watch::Sender<u64>,
    wake: Mutex<mpsc::Sender<()>>,
    timer: Mutex<DecisionTimer>,
    clock: Mutex<Option<Duration>>,
    /// Where the table reads the time.
    time: Arc<dyn Clock>,
}

impl Table {
    /// The session, locked.
    /// A panic while it was held (a bug, caught where it happened) does not lose the game:
    /// the session is taken back as it was, and the log says so.
    pub fn lock(&self) -> MutexGuard<'_, Session> {
        self.session.lock().unwrap_or_else(|poisoned| {
            tracing::error!(
                table = self.id,
                "a panic poisoned the table's lock; carrying on"
            );
            self.session.clear_poison();
            poisoned.into_inner()
        })
    }

    /// Who sits in each seat, read from the session's controllers, delegations and presence
    /// (it locks the session: never call it while holding that lock).
    pub fn occupants(&self) -> [Occupant; 3] {
        let session = self.lock();
        let (away, controllers) = (session.away(), session.controllers());
        Seat::ALL.map(|seat| match controllers[seat.index()] {
            Controller::Bot(policy) => Occupant::Bot(policy),
            Controller::Human => match session.team(seat).pen() {
                Some(holder) => Occupant::Player(holder.id),
                None if away.contains(&seat) => Occupant::Away,
                None => Occupant::Free,
            },
        })
    }

    /// Follows this table's changes.
    pub fn watch(&self) -> watch::Receiver<u64> {
        self.version.subscribe()
    }

    /// How long the seat to act has been deciding: since the last move, paused time left out.
    pub fn thinking_for(&self) -> Duration {
        self.timer().thinking(self.time.now())
    }

    fn timer(&self) -> MutexGuard<'_, DecisionTimer> {
        self.timer.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Brings the decision timer up to date with the game, and the acting person's deadline
    /// with it.
    fn refresh_timer(&self) {
        let clock = self.clock();
        let occupants = self.occupants();
        let mut session = self.lock();
        let moves = seat_moves(session.game());
        // Nobody thinks in an empty seat: while the seat to act is open or its player away,
        // the time and the clock wait as they do in a pause.
        let waiting = session.game().to_act().is_some_and(|(seat, _)| {
            matches!(occupants[seat.index()], Occupant::Free | Occupant::Away)
        });
        // A player still reading the opening brief is thinking, but their clock is held: it
        // starts, whole, when they close it.
        let reading = session.game().to_act().is_some_and(|(seat, _)| {
            matches!(occupants[seat.index()], Occupant::Player(_)) && !session.was_briefed(seat)
        });
        let mut timer = self.timer();
        // The time is read under the locks: a refresh that read it earlier and then waited
        // for them would apply a later state at an earlier time (the brief closed "before" it
        // was, starting the clock early).
        let now = self.time.now();
        timer.observe(now, moves, session.paused() || waiting);
        timer.hold_clock(now, reading);
        let deadline = clock
            .filter(|_| session.human_to_act().is_some())
            .and_then(|limit| timer.deadline(now, limit));
        session.set_deadline(deadline);
    }

    /// Pauses or resumes the table; every screen at it shows the pause.
    pub fn set_paused(&self, paused: bool) {
        self.lock().set_paused(paused);
        self.changed();
    }

    /// Sets the seconds each person has per decision (`None`: no clock). When it runs out the
    /// seat's passive move is played (a pass, a firm posture, the mildest option, or no).
    pub fn set_clock(&self, clock: Option<Duration>) {
        *self.clock.lock().unwrap_or_else(|p| p.into_inner()) = clock;
        // Kept in the table's save, so a resumed table has it too.
        self.lock().set_clock_seconds(clock.map(|c| c.as_secs()));
        self.timer().restart_clock(self.time.now());
        self.changed();
    }

    /// The decision clock.
    pub fn clock(&self) -> Option<Duration> {
        *self.clock.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Whether the table is paused.
    pub fn paused(&self) -> bool {
        self.lock().paused()
    }

    /// What the table's scenario calls `seat`.
    pub fn seat_name(&self, seat: Seat) -> String {
        self.lock().game().scenario().seat_name(seat).to_string()
    }

    /// Tells watchers the game changed and wakes the bots.
    pub fn changed(&self) {
        self.refresh_timer();
        self.version.send_modify(|v| *v += 1);
        let _ = self.wake.lock().unwrap_or_else(|p| p.into_inner()).send(());
    }

    /// Seats connection `conn` at `seat` (its delegate's name chosen by the table), or says
    /// why not.
    pub fn claim(&self, seat: Seat, conn: u64) -> Result<(), String> {
        self.claim_as(seat, conn, None)
    }

    /// Seats connection `conn` in `seat`'s delegation as `name` (`None`: `delegate N`): the
    /// first to sit holds the pen, the others join them, up to the table's team size.
    pub fn claim_as(&self, seat: Seat, conn: u64, name: Option<&str>) -> Result<(), String> {
        let mut session = self.lock();
        if let Controller::Bot(policy) = session.controllers()[seat.index()] {
            let name = session.game().scenario().seat_name(seat).to_string();
            return Err(format!(
                "{name} is played by a `{policy}` bot at table {}.",
                self.id
            ));
        }
        let joined = session.join_team(seat, conn, name, self.team_size);
        drop(session);
        match joined {
            Ok(member) => {
                tracing::info!(table = self.id, %seat, conn, name = %member.name, "seated");
                self.changed();
                Ok(())
            }
            Err(why) => Err(format!("Table {}: {why}", self.id)),
        }
    }

    /// Connection `conn` dropped or left: the pen it held passes to a teammate, a seat it
    /// leaves empty waits for its people, and the login it went by is free again.
    pub fn leave(&self, conn: u64) {
        let mut session = self.lock();
        session.forget_login(conn);
        let left = session.leave_team(conn);
        drop(session);
        if left.is_some() {
            self.changed();
        }
    }

    /// The seat connection `conn` sits in at this table.
    pub fn seat_of(&self, conn: u64) -> Option<Seat> {
        self.lock().seat_of(conn)
    }

    /// The logins and join codes of the seats people take (`pakistan.2@ K7MPQX · …`), or
    /// `None` when bots play every seat.
    pub fn join_codes(&self) -> Option<String> {
        let codes: Vec<String> = Seat::ALL
            .into_iter()
            .filter(|seat| self.bots[seat.index()].is_none())
            .map(|seat| {
                let login = match self.id {
                    1 => seat.key().to_string(),
                    id => format!("{}.{id}", seat.key()),
                };
                format!("{login}@ {}", self.locks.code(seat))
            })
            .collect();
        (!codes.is_empty()).then(|| codes.join(" · "))
    }

    /// One line for the lobby: scenario, round or outcome, and the seats.
    pub fn summary(&self) -> String {
        let session = self.lock();
        let game = session.game();
        let state = game
            .outcome()
            .map_or_else(|| format!("round {}", game.round()), |o| o.to_string());
        let title = game.scenario().title.clone();
        drop(session);
        let seats: Vec<String> = Seat::ALL
            .iter()
            .zip(self.occupants())
            .map(|(seat, occupant)| {
                let who = match occupant {
                    Occupant::Bot(policy) => format!("{policy} bot"),
                    Occupant::Free => "free".to_string(),
                    Occupant::Player(_) => super::teams::names(self.lock().team(*seat)),
                    Occupant::Away => "away".to_string(),
                };
                format!("{}: {who}", crate::engine::words::seat_tag(*seat))
            })
            .collect();
        format!(
            "Table {} · {title} · {state} · {}",
            self.id,
            seats.join(", ")
        )
    }
}

/// Every table on the server.
pub struct Tables {
    tables: Mutex<BTreeMap<u32, Arc<Table>>>,
    saves_dir: Option<PathBuf>,
    bot_delay: Duration,
    time: Arc<dyn Clock>,
    rules: RoomRules,
    /// Where every table's bots wait for their turn to think.
    pool: Arc<ThinkingPool>,
    /// The highest table number given so far: a reclaimed table's number is not reused.
    issued: std::sync::atomic::AtomicU32,
}

impl Tables {
    /// An empty registry; tables autosave to `saves_dir`.
    pub fn new(saves_dir: Option<PathBuf>, bot_delay: Duration) -> Tables {
        Tables::with_clock(saves_dir, bot_delay, Arc::new(SystemClock))
    }

    /// An empty registry whose tables read the time from `time` (a test's manual clock).
    pub fn with_clock(
        saves_dir: Option<PathBuf>,
        bot_delay: Duration,
        time: Arc<dyn Clock>,
    ) -> Tables {
        let rules = RoomRules::default();
        Tables {
            tables: Mutex::new(BTreeMap::new()),
            saves_dir,
            bot_delay,
            time,
            pool: Arc::new(ThinkingPool::new(rules.thinkers)),
            rules,
            issued: std::sync::atomic::AtomicU32::new(0),
        }
    }

    /// The same registry sharing the room out by `rules`.
    pub fn with_rules(mut self, rules: RoomRules) -> Tables {
        self.pool = Arc::new(ThinkingPool::new(rules.thinkers));
        self.rules = rules;
        self
    }

    /// How the room is shared out.
    pub fn rules(&self) -> &RoomRules {
        &self.rules
    }

    /// Whether sitting in a seat needs its join code (or bound key): not with `--open-seats`.
    pub fn seats_locked(&self) -> bool {
        !self.rules.open_seats
    }

    /// The number for a new table: one past any table open or ever opened.
    fn next_id(&self, map: &BTreeMap<u32, Arc<Table>>) -> u32 {
        let last = map.keys().next_back().copied().unwrap_or(0);
        let issued = self.issued.load(std::sync::atomic::Ordering::SeqCst);
        last.max(issued) + 1
    }

    /// Where the tables' saves go.
    pub fn saves_dir(&self) -> Option<&Path> {
        self.saves_dir.as_deref()
    }

    fn map(&self) -> MutexGuard<'_, BTreeMap<u32, Arc<Table>>> {
        self.tables.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Opens a table: `bots` name the seats bots play; the others wait for players. Refused
    /// once the room holds `--max-tables`.
    pub fn open(
        &self,
        source: &ScenarioSource,
        seed: u64,
        bots: [Option<Policy>; 3],
    ) -> Result<Arc<Table>, String> {
        self.open_owned(source, seed, bots, None)
    }

    /// Opens a table for lobby user `user`: with a fresh random seed (or the room's
    /// `room_seed`, as the rules say), within the room's limits on tables in all and a user.
    pub fn open_from_lobby(
        &self,
        user: &str,
        source: &ScenarioSource,
        room_seed: u64,
        bots: [Option<Policy>; 3],
    ) -> Result<Arc<Table>, String> {
        let theirs = self
            .all()
            .iter()
            .filter(|t| t.owner.as_deref() == Some(user))
            .filter(|t| t.lock().game().outcome().is_none())
            .count();
        if theirs >= self.rules.tables_per_user {
            return Err(format!(
                "You have {theirs} unfinished table(s) open already, the most one person may: \
                 finish or leave one (an empty table closes after {} minutes), or join a table.",
                self.rules.reclaim_after.as_secs().div_ceil(60)
            ));
        }
        let seed = match self.rules.lobby_seed {
            LobbySeed::Fresh => super::seats::random_seed(),
            LobbySeed::Same => room_seed,
        };
        self.open_owned(source, seed, bots, Some(user.to_string()))
    }

    fn open_owned(
        &self,
        source: &ScenarioSource,
        seed: u64,
        bots: [Option<Policy>; 3],
        owner: Option<String>,
    ) -> Result<Arc<Table>, String> {
        let scenario = source.build().map_err(|e| e.to_string())?;
        let controllers = bots.map(|b| b.map_or(Controller::Human, Controller::Bot));
        let mut map = self.map();
        if map.len() >= self.rules.max_tables {
            return Err(format!(
                "The server has {} tables open, its most (--max-tables): join or watch one, or \
                 wait for one to close.",
                map.len()
            ));
        }
        let id = self.next_id(&map);
        // The save's name starts with the table's number, as the console and reports say it.
        let mut session = Session::new_named(
            source.clone(),
            Arc::new(scenario),
            seed,
            controllers,
            self.saves_dir.as_deref(),
            &format!("table-{id}-"),
        );
        for (seat, bot) in Seat::ALL.into_iter().zip(bots) {
            session.set_open(seat, bot.is_none());
        }
        let table = self.seat_table(&mut map, id, source, seed, bots, session, owner);
        drop(map);
        tracing::info!(table = id, scenario = %table.lock().game().scenario().name, seed, "table opened");
        table.changed();
        Ok(table)
    }

    /// Opens a table around a session built elsewhere (a custom bot in a seat, say): the
    /// seats its bots play are theirs, the others wait for players. Its save keeps the name
    /// the session was given.
    pub fn open_session(&self, session: Session) -> Arc<Table> {
        let bots = session.controllers().map(|c| match c {
            Controller::Bot(policy) => Some(policy),
            Controller::Human => None,
        });
        let mut session = session;
        for (seat, bot) in Seat::ALL.into_iter().zip(bots) {
            session.set_open(seat, bot.is_none());
        }
        let source = session.source().clone();
        let seed = session.game().seed();
        let mut map = self.map();
        let id = self.next_id(&map);
        let table = self.seat_table(&mut map, id, &source, seed, bots, session, None);
        drop(map);
        tracing::info!(table = id, scenario = %table.lock().game().scenario().name, seed, "table opened");
        table.changed();
        table
    }

    /// Builds table `id` around `session` and starts its bot thread.
    #[allow(clippy::too_many_arguments)]
    fn seat_table(
        &self,
        map: &mut BTreeMap<u32, Arc<Table>>,
        id: u32,
        source: &ScenarioSource,
        seed: u64,
        bots: [Option<Policy>; 3],
        session: Session,
        owner: Option<String>,
    ) -> Arc<Table> {
        let mut session = session;
        session.set_shared(true);
        let moves = seat_moves(session.game());
        let (version, _) = watch::channel(0);
        let (wake, woken) = mpsc::channel();
        let table = Arc::new(Table {
            id,
            source: source.clone(),
            seed,
            bots,
            locks: SeatLocks::new(),
            owner,
            team_size: self.rules.team_size,
            idle_since: Mutex::new(None),
            timer: Mutex::new(DecisionTimer::new(self.time.now(), moves)),
            clock: Mutex::new(None),
            time: self.time.clone(),
            session: Arc::new(Mutex::new(session)),
            version,
            wake: Mutex::new(wake),
        });
        map.insert(id, table.clone());
        self.issued
            .fetch_max(id, std::sync::atomic::Ordering::SeqCst);
        spawn_bots(&table, woken, self.bot_delay, self.pool.clone());
        table
    }

    /// Brings back the tables of an earlier run of the server from the saves folder: for each
    /// table number N, the `table-N-….json` furthest along (a table opened again by mistake
    /// does not hide the real game; the others are named), finished or not, so the console
    /// and its reports cover the whole room again. Seats that moved wait for their players to
    /// log in as before; seats nobody took stay open. Returns what it did, a line each.
    pub fn resume_saved(&self) -> Vec<String> {
        let Some(dir) = &self.saves_dir else {
            return vec!["Nothing to resume: saving is off.".to_string()];
        };
        let Ok(entries) = std::fs::read_dir(dir) else {
            return vec![format!(
                "Nothing to resume: {} does not exist (check --saves).",
                dir.display()
            )];
        };
        let mut saves: BTreeMap<u32, Vec<(PathBuf, crate::save::Loaded)>> = BTreeMap::new();
        let mut report = Vec::new();
        for path in entries.flatten().map(|e| e.path()) {
            let Some(id) = table_number(&path) else {
                continue;
            };
            match crate::save::load(&path) {
                Ok(loaded) => saves.entry(id).or_default().push((path, loaded)),
                Err(e) => report.push(format!("Not resumed: {e}")),
            }
        }
        let mut resumed = Vec::new();
        let mut map = self.map();
        for (id, mut candidates) in saves {
            // The game furthest along, then the newest.
            candidates.sort_by_key(|(_, l)| (seat_moves(&l.game), l.file.saved_at));
            let Some((path, loaded)) = candidates.pop() else {
                continue;
            };
            for (other, _) in &candidates {
                report.push(format!(
                    "Table {id}: resumed {}; {} left as it is.",
                    file_name(&path),
                    file_name(other)
                ));
            }
            let source = loaded.file.scenario.clone();
            let seed = loaded.file.seed;
            let moved: Vec<Seat> = loaded.game.actions().iter().map(|a| a.seat()).collect();
            let mut session = match Session::resume(loaded, &path) {
                Ok(session) => session,
                Err(e) => {
                    report.push(format!("Not resumed: {e}"));
                    continue;
                }
            };
            let bots = session.controllers().map(|c| match c {
                Controller::Bot(policy) => Some(policy),
                Controller::Human => None,
            });
            let seats = Seat::ALL.map(|seat| match bots[seat.index()] {
                Some(policy) => Occupant::Bot(policy),
                None if moved.contains(&seat) => Occupant::Away,
                None => Occupant::Free,
            });
            for seat in Seat::ALL {
                session.set_away(seat, seats[seat.index()] == Occupant::Away);
                session.set_open(seat, seats[seat.index()] == Occupant::Free);
            }
            let clock = session.clock_seconds().map(Duration::from_secs);
            let table = self.seat_table(&mut map, id, &source, seed, bots, session, None);
            *table.clock.lock().unwrap_or_else(|p| p.into_inner()) = clock;
            resumed.push(table);
        }
        drop(map);
        for table in &resumed {
            table.changed();
        }
        let ids: Vec<u32> = resumed.iter().map(|t| t.id).collect();
        let first = if ids.is_empty() {
            format!("No table to resume in {}: opening new ones.", dir.display())
        } else {
            format!(
                "Resumed {} from {}: players log in as before.",
                super::dashboard::table_list(&ids),
                dir.display()
            )
        };
        report.insert(0, first);
        for line in &report {
            tracing::info!("{line}");
        }
        report
    }

    /// How many unfinished tables' saves wait in the saves folder (for a hint at start).
    pub fn unfinished_saves(&self) -> usize {
        let Some(dir) = &self.saves_dir else {
            return 0;
        };
        let Ok(entries) = std::fs::read_dir(dir) else {
            return 0;
        };
        entries
            .flatten()
            .map(|e| e.path())
            .filter(|p| table_number(p).is_some())
            .filter(|p| crate::save::load(p).is_ok_and(|l| l.game.outcome().is_none()))
            .count()
    }

    /// Closes the tables opened from the lobby that nobody uses: no player seated and no
    /// screen watching, for [`RoomRules::reclaim_after`] (a finished table: for
    /// [`RoomRules::finished_grace`]). Each one's last state reaches its save first, and its
    /// bot thread ends with it. Returns the numbers closed.
    pub fn reclaim_idle(&self) -> Vec<u32> {
        let now = self.time.now();
        let mut closing = Vec::new();
        for table in self.all().iter().filter(|t| t.owner.is_some()) {
            let seated = table
                .occupants()
                .iter()
                .any(|o| matches!(o, Occupant::Player(_)));
            let in_use = seated || table.version.receiver_count() > 0;
            let mut since = table.idle_since.lock().unwrap_or_else(|p| p.into_inner());
            if in_use {
                *since = None;
                continue;
            }
            let idle_from = *since.get_or_insert(now);
            drop(since);
            let limit = if table.lock().game().outcome().is_some() {
                self.rules.finished_grace
            } else {
                self.rules.reclaim_after
            };
            if now.saturating_duration_since(idle_from) >= limit {
                closing.push(table.id);
            }
        }
        let mut closed = Vec::new();
        let mut map = self.map();
        for id in &closing {
            if let Some(table) = map.remove(id) {
                closed.push(table);
            }
        }
        drop(map);
        for table in &closed {
            let status = table.lock().flush(crate::table::SaveWriter::FLUSH_WAIT);
            if let Some(failed @ crate::table::SaveStatus::Failed(_)) = status {
                tracing::error!(table = table.id, "closing, the table is {failed}");
            }
            tracing::info!(table = table.id, owner = ?table.owner, "unused lobby table reclaimed; its save is kept");
        }
        closing
    }

    /// Sweeps for unused lobby tables (see [`Tables::reclaim_idle`]) every `every`, on a
    /// thread of its own that ends with the registry.
    pub fn spawn_reclaimer(tables: &Arc<Tables>, every: Duration) {
        let tables = Arc::downgrade(tables);
        std::thread::spawn(move || {
            loop {
                std::thread::sleep(every);
                let Some(tables) = tables.upgrade() else {
                    return;
                };
                tables.reclaim_idle();
            }
        });
    }

    /// What `serve` prints at start for the facilitator to hand out: a line saying how codes
    /// are used, then one line a table with its people's seats' logins and codes (nothing
    /// with `--open-seats`).
    pub fn join_code_lines(&self) -> Vec<String> {
        if !self.seats_locked() {
            return Vec::new();
        }
        let mut lines = vec![
            "Seats are claimed: each seat's join code is the password of its login (or typed \
                 when asked, after the room's password); the console shows them too."
                .to_string(),
        ];
        for table in self.all() {
            if let Some(codes) = table.join_codes() {
                lines.push(format!("Table {} join codes: {codes}", table.id));
            }
        }
        lines
    }

    /// The table with this number.
    pub fn get(&self, id: u32) -> Option<Arc<Table>> {
        self.map().get(&id).cloned()
    }

    /// Every table, by number.
    pub fn all(&self) -> Vec<Arc<Table>> {
        self.map().values().cloned().collect()
    }
}

/// The table's bot thread: whenever woken, lets bots move until a person must act. A bot
/// thinks without holding the table's lock, so players' screens never wait for a search. A
/// panic in a bot plays the clock's move (see [`crate::table::BotTurn::think`]); any other
/// panic here is logged and the thread carries on, so the table is never left without bots.
fn spawn_bots(
    table: &Arc<Table>,
    woken: mpsc::Receiver<()>,
    delay: Duration,
    pool: Arc<ThinkingPool>,
) {
    let table = Arc::downgrade(table);
    std::thread::spawn(move || {
        loop {
            // With a decision clock running, wake every second to count it down.
            let clocked = table.upgrade().is_some_and(|t| t.clock().is_some());
            let wait = if clocked {
                woken.recv_timeout(Duration::from_secs(1))
            } else {
                woken
                    .recv()
                    .map_err(|_| mpsc::RecvTimeoutError::Disconnected)
            };
            if let Err(mpsc::RecvTimeoutError::Disconnected) = wait {
                return;
            }
            let Some(strong) = table.upgrade() else {
                return;
            };
            let id = strong.id;
            drop(strong);
            let round = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                if let Some(table) = table.upgrade() {
                    table.check_clock();
                }
                play_bots(&table, delay, &pool);
            }));
            if round.is_err() {
                tracing::error!(table = id, "the bot thread caught a panic; carrying on");
            }
            while woken.try_recv().is_ok() {}
        }
    });
}

/// Lets bots move until a person must act (or the table is gone); each decision thinks only
/// once the room's pool gives it a turn.
fn play_bots(table: &std::sync::Weak<Table>, delay: Duration, pool: &ThinkingPool) {
    loop {
        let Some(table) = table.upgrade() else {
            return;
        };
        let turn = table.lock().bot_turn();
        let Some(mut turn) = turn else {
            return;
        };
        std::thread::sleep(delay);
        let thinking = pool.turn();
        let choice = turn.think();
        drop(thinking);
        if let Some(why) = turn.failed() {
            tracing::error!(
                table = table.id,
                "a bot failed ({why}); the clock's move was played"
            );
        }
        let acted = table.lock().finish_bot_turn(turn, choice);
        if acted.is_some() {
            table.refresh_timer();
            table.version.send_modify(|v| *v += 1);
        }
    }
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned())
}

/// The table number in a server save's name (`table-3-istanbul-7-….json` → 3).
fn table_number(path: &Path) -> Option<u32> {
    if path.extension().is_none_or(|e| e != "json") {
        return None;
    }
    let name = path.file_name()?.to_str()?;
    name.strip_prefix("table-")?.split('-').next()?.parse().ok()
}

/// How many moves the seats have made (the facilitator's injects are not theirs).
fn seat_moves(game: &crate::engine::Game) -> usize {
    game.actions().iter().filter(|a| !a.is_inject()).count()
}

impl Table {
    /// Counts the acting person's clock down: every screen redraws with the seconds left,
    /// and when none are left the seat's passive move is played. The table's bot thread does this every
    /// second while a clock is set; a test with a manual clock calls it after moving time.
    pub fn check_clock(&self) {
        self.refresh_timer();
        let now = self.time.now();
        let mut session = self.lock();
        match session.deadline() {
            Some(at) if at <= now => {
                let acted = session
                    .passive_action()
                    .is_some_and(|action| session.act_on_expiry(action).is_ok());
                drop(session);
                if acted {
                    self.changed();
                }
            }
            Some(_) => {
                drop(session);
                self.version.send_modify(|v| *v += 1);
            }
            None => {}
        }
    }
}

impl Drop for Table {
    fn drop(&mut self) {
        tracing::info!(table = self.id, "table closed");
    }
}
