//! Load and abuse test of `ceasefire serve` on loopback. Each part starts its own server and
//! prints what players felt (keypress → redrawn screen, p50/p95/p99) and what the server
//! spent (resident memory, peak memory, CPU seconds):
//!
//! - `players`: 30, 60 and 120 seated players pressing keys at once.
//! - `idle`: 1,100 TCP connections that never speak (issue 14, finding 1): does the server
//!   stay up, and can a player still get in once they are gone?
//! - `limit`: `--max-connections 5` and 8 logins (finding 2): how many got a screen?
//! - `resize`: 30 players, and one logged-in client that stops reading and sends window
//!   changes (1000x1000 ↔ 999x999) 200 times a second for 5 s (finding 3): the others' p99
//!   before, during and after, and what the server spent.
//! - `tables`: 30 players, and 10 lobby users opening all-bot tables as fast as the lobby
//!   lets them for 20 s (finding 8): tables opened, the server's threads, the players' p99.
//!
//! `cargo build --release && cargo run --release --example ssh_load -- [PART ...]`
//! (no part: all of them). `--server PATH` measures another build of `ceasefire`.

use russh::client;
use std::path::{Path, PathBuf};
use std::process::{Child, Command};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

#[path = "../tests/common/serve_port.rs"]
mod serve_port;
#[path = "../tests/common/ssh_client.rs"]
mod ssh_client;
use ssh_client::{Channel, Client, Stallable};

/// Logs in as `user` with a 100x30 terminal and waits for the first screen to settle.
async fn log_in(
    port: u16,
    user: &str,
    stalled: Arc<AtomicBool>,
) -> anyhow::Result<(client::Handle<Client>, Channel)> {
    let config = Arc::new(client::Config::default());
    let stream = tokio::net::TcpStream::connect(("127.0.0.1", port)).await?;
    stream.set_nodelay(true)?;
    let stream = Stallable {
        inner: stream,
        stalled,
    };
    let mut session = client::connect_stream(config, stream, Client).await?;
    let auth = session.authenticate_none(user).await?;
    anyhow::ensure!(auth.success(), "{user}: not admitted");
    let mut channel = ssh_client::open_terminal(&session).await?;
    next_data(&mut channel).await?;
    settle(&mut channel).await;
    Ok((session, channel))
}

/// Waits until nothing has arrived for 50 ms (at most 2 s: a table in play keeps
/// changing).
async fn settle(channel: &mut Channel) {
    let deadline = Instant::now() + Duration::from_secs(2);
    while Instant::now() < deadline
        && let Ok(Some(_)) = tokio::time::timeout(Duration::from_millis(50), channel.wait()).await
    {
    }
}

async fn next_data(channel: &mut Channel) -> anyhow::Result<()> {
    loop {
        match tokio::time::timeout(Duration::from_secs(10), channel.wait()).await {
            Ok(Some(russh::ChannelMsg::Data { .. })) => return Ok(()),
            Ok(Some(russh::ChannelMsg::Close | russh::ChannelMsg::Eof)) | Ok(None) => {
                anyhow::bail!("channel closed")
            }
            Ok(Some(_)) => continue,
            Err(_) => anyhow::bail!("no redraw within 10 s"),
        }
    }
}

/// A keypress's wait for its redraw, and when it was pressed (from the start of the run).
type Press = (Duration, Duration);

/// One seated player: presses keys (scrolling the brief down and up, so every press changes
/// the screen) every 100–150 ms until `until`, timing each redraw.
async fn player(
    port: u16,
    user: String,
    start: Instant,
    until: Instant,
) -> anyhow::Result<Vec<Press>> {
    let (_session, mut channel) = log_in(port, &user, Arc::default()).await?;
    let mut presses = Vec::new();
    let mut n = 0u64;
    while Instant::now() < until {
        let key: &[u8] = if n.is_multiple_of(2) { b"j" } else { b"k" };
        let pressed = Instant::now();
        channel.data_bytes(key.to_vec()).await?;
        next_data(&mut channel).await?;
        presses.push((pressed - start, pressed.elapsed()));
        settle(&mut channel).await;
        tokio::time::sleep(Duration::from_millis(100 + (n * 17) % 50)).await;
        n += 1;
    }
    Ok(presses)
}

/// A running server and what it is measured by.
struct Server {
    child: Child,
    port: u16,
    dir: tempfile::TempDir,
}

impl Server {
    fn start(binary: &Path, tables: u32, extra: &[&str]) -> anyhow::Result<Server> {
        let dir = tempfile::tempdir()?;
        let help = Command::new(binary).args(["serve", "--help"]).output()?;
        let help = String::from_utf8_lossy(&help.stdout);
        // The usual soft limit on open files, as on a facilitator's laptop (a server may
        // raise it as far as the hard limit).
        let mut command = Command::new("sh");
        command
            .args(["-c", "ulimit -Sn 1024; exec \"$0\" \"$@\""])
            .arg(binary)
            .arg("--saves")
            .arg(dir.path().join("saves"))
            .args(["serve", "--bind", "127.0.0.1:0", "--seed", "1"])
            .args(["--tables", &tables.to_string(), "--host-key"])
            .arg(dir.path().join("host_key"))
            .arg("--log")
            .arg(dir.path().join("server.log"))
            .args(extra);
        // This build claims seats with join codes: a load test seats anyone.
        if help.contains("--open-seats") {
            command.arg("--open-seats");
        }
        // This build limits tables: a load test opens as many as it seats players for.
        if help.contains("--max-tables") && !extra.contains(&"--max-tables") {
            command.args(["--max-tables", &tables.max(32).to_string()]);
        }
        let (child, port) = serve_port::spawn_serving(&mut command)?;
        Ok(Server { child, port, dir })
    }

    /// A number from the server's `/proc/PID/status` (memory in KiB).
    fn status(&self, field: &str) -> Option<f64> {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id())).ok()?;
        status
            .lines()
            .find(|l| l.starts_with(field))?
            .split_whitespace()
            .nth(1)?
            .parse()
            .ok()
    }

    /// Resident memory now, MiB.
    fn resident(&self) -> f64 {
        self.status("VmRSS:").map_or(f64::NAN, |kib| kib / 1024.0)
    }

    /// The most resident memory so far, MiB.
    fn peak(&self) -> f64 {
        self.status("VmHWM:").map_or(f64::NAN, |kib| kib / 1024.0)
    }

    /// CPU seconds used so far (user and system).
    fn cpu(&self) -> f64 {
        let stat =
            std::fs::read_to_string(format!("/proc/{}/stat", self.child.id())).unwrap_or_default();
        let after_name = stat.rsplit(')').next().unwrap_or_default();
        let fields: Vec<f64> = after_name
            .split_whitespace()
            .map(|f| f.parse().unwrap_or(0.0))
            .collect();
        // utime and stime are fields 14 and 15 of the line, 12 and 13 after the name.
        (fields.get(11).unwrap_or(&0.0) + fields.get(12).unwrap_or(&0.0)) / 100.0
    }

    /// Threads the server runs now.
    fn threads(&self) -> f64 {
        self.status("Threads:").unwrap_or(f64::NAN)
    }

    /// The tables opened so far, by the server's log.
    fn tables_opened(&self) -> usize {
        std::fs::read_to_string(self.dir.path().join("server.log"))
            .unwrap_or_default()
            .lines()
            .filter(|line| line.contains("table opened"))
            .count()
    }

    fn alive(&mut self) -> bool {
        matches!(self.child.try_wait(), Ok(None))
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn percentiles(mut times: Vec<Duration>) -> String {
    if times.is_empty() {
        return "no keypress answered".into();
    }
    times.sort();
    let at = |q: f64| times[((times.len() as f64 - 1.0) * q).round() as usize];
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    format!(
        "p50 {:.1} ms, p95 {:.1} ms, p99 {:.1} ms ({} keypresses)",
        ms(at(0.5)),
        ms(at(0.95)),
        ms(at(0.99)),
        times.len()
    )
}

/// Seats `count` players (three to a table) and lets them press keys for `seconds`.
fn seat_players(
    server: &Server,
    count: u32,
    start: Instant,
    seconds: u64,
) -> Vec<tokio::task::JoinHandle<anyhow::Result<Vec<Press>>>> {
    let until = start + Duration::from_secs(seconds);
    (0..count)
        .map(|i| {
            let seat = ["pakistan", "afghanistan", "mediator"][(i % 3) as usize];
            let user = format!("{seat}.{}", i / 3 + 1);
            tokio::spawn(player(server.port, user, start, until))
        })
        .collect()
}

async fn gather(
    players: Vec<tokio::task::JoinHandle<anyhow::Result<Vec<Press>>>>,
) -> (Vec<Press>, usize) {
    let mut presses = Vec::new();
    let mut failed = 0;
    for player in players {
        match player.await {
            Ok(Ok(p)) => presses.extend(p),
            _ => failed += 1,
        }
    }
    (presses, failed)
}

async fn players(binary: &Path) -> anyhow::Result<()> {
    for count in [30u32, 60, 120] {
        let server = Server::start(binary, count / 3, &[])?;
        let idle = server.resident();
        let cpu = server.cpu();
        let (presses, failed) = gather(seat_players(&server, count, Instant::now(), 10)).await;
        let pressed = presses.len().max(1) as f64;
        println!(
            "players {count}: {}; {failed} failed; memory {idle:.0} → {:.0} MiB (peak {:.0}); \
             CPU {:.2} ms a keypress",
            percentiles(presses.into_iter().map(|p| p.1).collect()),
            server.resident(),
            server.peak(),
            (server.cpu() - cpu) * 1e3 / pressed
        );
    }
    Ok(())
}

async fn idle(binary: &Path) -> anyhow::Result<()> {
    let files = rlimit::increase_nofile_limit(u64::MAX).unwrap_or(1024);
    let mut server = Server::start(binary, 1, &[])?;
    let wanted = 1_100u64.min(files.saturating_sub(50));
    let mut sockets = Vec::new();
    for _ in 0..wanted {
        match tokio::net::TcpStream::connect(("127.0.0.1", server.port)).await {
            Ok(socket) => sockets.push(socket),
            Err(_) => break,
        }
    }
    let opened = sockets.len();
    tokio::time::sleep(Duration::from_secs(3)).await;
    // Those the server refused at the door read their end within a moment.
    let mut closed = 0;
    for socket in &mut sockets {
        use tokio::io::AsyncReadExt;
        let mut buffer = [0u8; 4096];
        loop {
            match tokio::time::timeout(Duration::from_millis(5), socket.read(&mut buffer)).await {
                Ok(Ok(0)) | Ok(Err(_)) => {
                    closed += 1;
                    break;
                }
                Ok(Ok(_)) => continue,
                Err(_) => break,
            }
        }
    }
    let alive = server.alive();
    let memory = server.resident();
    drop(sockets);
    tokio::time::sleep(Duration::from_secs(1)).await;
    let after = if server.alive() {
        let (_, failed) = gather(seat_players(&server, 3, Instant::now(), 2)).await;
        format!("{} of 3 players got in afterwards", 3 - failed.min(3))
    } else {
        "the server had exited".to_string()
    };
    println!(
        "idle: {opened} silent connections held 3 s; server alive: {alive}; {closed} closed \
         by the server; memory {memory:.0} MiB; {after}"
    );
    Ok(())
}

async fn limit(binary: &Path) -> anyhow::Result<()> {
    let server = Server::start(binary, 3, &["--max-connections", "5"])?;
    let mut logins = Vec::new();
    for i in 0..8u32 {
        let seat = ["pakistan", "afghanistan", "mediator"][(i % 3) as usize];
        let user = format!("{seat}.{}", i / 3 + 1);
        logins.push(log_in(server.port, &user, Arc::default()).await);
    }
    let screens = logins.iter().filter(|l| l.is_ok()).count();
    let refusal = logins
        .iter()
        .find_map(|l| l.as_ref().err().map(|e| e.to_string()))
        .unwrap_or_default();
    println!(
        "limit: --max-connections 5, 8 logins held at once: {screens} got a screen; first \
         refusal: {refusal:?}"
    );
    Ok(())
}

async fn resize(binary: &Path) -> anyhow::Result<()> {
    let server = Server::start(binary, 11, &[])?;
    let start = Instant::now();
    let players = seat_players(&server, 30, start, 16);
    let stalled = Arc::new(AtomicBool::new(false));
    let (_flooder, channel) = log_in(server.port, "watch.11", stalled.clone()).await?;
    let cpu_before = server.cpu();
    tokio::time::sleep_until((start + Duration::from_secs(3)).into()).await;
    stalled.store(true, Ordering::SeqCst);
    let flood_started = start.elapsed();
    for n in 0..1_000u32 {
        let size = if n.is_multiple_of(2) { 1000 } else { 999 };
        let sent = tokio::time::timeout(
            Duration::from_millis(200),
            channel.window_change(size, size, 0, 0),
        )
        .await;
        if !matches!(sent, Ok(Ok(()))) {
            break;
        }
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    let flood_ended = start.elapsed();
    let (presses, failed) = gather(players).await;
    let phase = |from: Duration, to: Duration| {
        percentiles(
            presses
                .iter()
                .filter(|(at, _)| *at >= from && *at < to)
                .map(|p| p.1)
                .collect(),
        )
    };
    println!(
        "resize: flood for {:.1} s; 30 players ({failed} failed) before: {}; during: {}; \
         after: {}",
        (flood_ended - flood_started).as_secs_f64(),
        phase(Duration::ZERO, flood_started),
        phase(flood_started, flood_ended),
        phase(flood_ended, Duration::from_secs(3600)),
    );
    drop(channel);
    tokio::time::sleep(Duration::from_secs(5)).await;
    println!(
        "resize: server memory {:.0} MiB now, peak {:.0} MiB; CPU {:.1} s from the flood's \
         start to 5 s after the players left",
        server.resident(),
        server.peak(),
        server.cpu() - cpu_before
    );
    Ok(())
}

/// A lobby user opening tables with every seat a bot, again and again until `until` or
/// until the lobby refuses: each time the first seat is set to a bot, the table opened (its
/// opener watches it) and left. One opener acts at a time (`turn`): the lobby's lines move
/// when another user opens a table, and a key meant for one line would land on another.
async fn table_opener(
    port: u16,
    user: String,
    until: Instant,
    turn: Arc<tokio::sync::Mutex<()>>,
) -> anyhow::Result<usize> {
    let (_session, mut channel) = log_in(port, &user, Arc::default()).await?;
    const END: &[u8] = b"\x1b[F";
    const UP: &[u8] = b"\x1b[A";
    const RIGHT: &[u8] = b"\x1b[C";
    let mut opened = 0;
    while Instant::now() < until {
        let _turn = turn.lock().await;
        settle(&mut channel).await;
        for key in [END, UP, UP, UP, RIGHT, END, b"\r"] {
            channel.data_bytes(key.to_vec()).await?;
        }
        // Opened, the table shows (its first line names the round); refused, the lobby stays
        // with a word why.
        let mut seen = Vec::new();
        while let Ok(Some(message)) =
            tokio::time::timeout(Duration::from_millis(300), channel.wait()).await
        {
            if let russh::ChannelMsg::Data { data } = message {
                seen.extend_from_slice(&data);
            }
        }
        if !String::from_utf8_lossy(&seen).contains("Round ") {
            break;
        }
        opened += 1;
        for key in [b"q".as_slice(), b"y"] {
            channel.data_bytes(key.to_vec()).await?;
        }
        settle(&mut channel).await;
    }
    Ok(opened)
}

async fn tables(binary: &Path) -> anyhow::Result<()> {
    let server = Server::start(binary, 10, &[])?;
    let start = Instant::now();
    let players = seat_players(&server, 30, start, 25);
    let threads_before = server.threads();
    tokio::time::sleep(Duration::from_secs(2)).await;
    let until = Instant::now() + Duration::from_secs(20);
    let turn = Arc::new(tokio::sync::Mutex::new(()));
    let openers: Vec<_> = (0..10)
        .map(|i| {
            let user = format!("opener{i}");
            tokio::spawn(table_opener(server.port, user, until, turn.clone()))
        })
        .collect();
    for opener in openers {
        let _ = opener.await;
    }
    let opened = server.tables_opened().saturating_sub(10);
    let threads = server.threads();
    let (presses, failed) = gather(players).await;
    let during = presses
        .iter()
        .filter(|(at, _)| *at >= Duration::from_secs(2))
        .map(|p| p.1)
        .collect();
    println!(
        "tables: 10 lobby users for 20 s opened {opened} tables (beyond the 10 at start); \
         server threads {threads_before} → {threads}; memory {:.0} MiB; 30 players \
         ({failed} failed) meanwhile: {}",
        server.resident(),
        percentiles(during)
    );
    Ok(())
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let binary = match args.iter().position(|a| a == "--server") {
        Some(i) => {
            let path = PathBuf::from(args.get(i + 1).cloned().unwrap_or_default());
            args.drain(i..=(i + 1).min(args.len() - 1));
            path
        }
        None => std::env::current_exe()?
            .parent()
            .and_then(|examples| examples.parent())
            .map(|dir| dir.join("ceasefire"))
            .filter(|p| p.exists())
            .ok_or_else(|| anyhow::anyhow!("build the binary first: cargo build --release"))?,
    };
    let all = ["players", "idle", "limit", "resize", "tables"];
    let parts: Vec<&str> = if args.is_empty() {
        all.to_vec()
    } else {
        args.iter().map(String::as_str).collect()
    };
    println!("server: {}", binary.display());
    for part in parts {
        let result = match part {
            "players" => players(&binary).await,
            "idle" => idle(&binary).await,
            "limit" => limit(&binary).await,
            "resize" => resize(&binary).await,
            "tables" => tables(&binary).await,
            other => Err(anyhow::anyhow!(
                "no part called {other}: {}",
                all.join(", ")
            )),
        };
        if let Err(error) = result {
            println!("{part}: failed: {error}");
        }
    }
    Ok(())
}
