//! `ceasefire serve` beside the classic way of serving a terminal game — OpenSSH's `sshd` with
//! `ceasefire play` as the ForceCommand of every login, one game process per player — in one
//! run on loopback. For 30, 60 and 120 players (as many SSH logins, 100x30 terminals, each
//! scrolling its brief with `j`/`k` every 100–150 ms and timing each redraw) it prints, for
//! each server:
//!
//! - memory while every player is connected: resident (RSS) and proportional (PSS, shared
//!   pages split between the processes that map them), summed over the server's processes;
//! - key→screen latency, p50/p95/p99, from sending a key to the first bytes of the redraw;
//! - CPU per keypress: the server's processes' user and system time while the keys were
//!   pressed, divided by the keypresses.
//!
//! The servers take turns (ceasefire then sshd for each number of players) and the whole round
//! is repeated `--runs` times; the table gives each figure's median over the runs, and the
//! machine's load (`/proc/loadavg`) before and after. Without `/usr/sbin/sshd` (or when it
//! cannot start) the peer is skipped with a message, and ceasefire is measured alone.
//!
//! ```sh
//! CARGO_TARGET_DIR=target cargo build --release --bin ceasefire --example server_bench
//! target/release/examples/server_bench [--players 30,60,120] [--seconds 10] [--runs 3]
//!     [--server PATH] [--workers N]
//! ```
//!
//! It is a benchmark, never a test: nothing in `cargo test` runs it.

use russh::client;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::sync::Barrier;

// The client that cannot stop reading is for the abuse tests, not this benchmark.
#[path = "../tests/common/serve_port.rs"]
mod serve_port;
#[allow(dead_code)]
#[path = "../tests/common/ssh_client.rs"]
mod ssh_client;
use ssh_client::{Channel, Client};

/// How long a login may take to show its first screen.
const LOGIN_WAIT: Duration = Duration::from_secs(120);

/// The peer's OpenSSH server.
const SSHD: &str = "/usr/sbin/sshd";

/// How a player logs in.
#[derive(Clone)]
enum Login {
    /// `ceasefire serve` on loopback, open seats: the user name picks the seat.
    Ceasefire,
    /// sshd: the current user, with a key of the run's own.
    Peer {
        user: String,
        key: Arc<russh::keys::PrivateKey>,
    },
}

/// Waits until nothing has arrived for 50 ms (at most 2 s).
async fn settle(channel: &mut Channel) {
    let deadline = Instant::now() + Duration::from_secs(2);
    while Instant::now() < deadline
        && let Ok(Some(_)) = tokio::time::timeout(Duration::from_millis(50), channel.wait()).await
    {
    }
}

/// Waits for the next bytes of the screen (at most `within`).
async fn next_data(channel: &mut Channel, within: Duration) -> anyhow::Result<()> {
    loop {
        match tokio::time::timeout(within, channel.wait()).await {
            Ok(Some(russh::ChannelMsg::Data { .. })) => return Ok(()),
            Ok(Some(russh::ChannelMsg::Close | russh::ChannelMsg::Eof)) | Ok(None) => {
                anyhow::bail!("channel closed")
            }
            Ok(Some(_)) => continue,
            Err(_) => anyhow::bail!("nothing on the screen within {within:?}"),
        }
    }
}

/// Logs in as `user` (ceasefire) or with the run's key (sshd), opens a 100x30 terminal and
/// waits for the first screen to settle.
async fn log_in(
    port: u16,
    login: &Login,
    user: &str,
) -> anyhow::Result<(client::Handle<Client>, Channel)> {
    let config = Arc::new(client::Config::default());
    let stream = tokio::net::TcpStream::connect(("127.0.0.1", port)).await?;
    stream.set_nodelay(true)?;
    let mut session = client::connect_stream(config, stream, Client).await?;
    let auth = match login {
        Login::Ceasefire => session.authenticate_none(user).await?,
        Login::Peer { user, key } => {
            let key = russh::keys::PrivateKeyWithHashAlg::new(key.clone(), None);
            session.authenticate_publickey(user.clone(), key).await?
        }
    };
    anyhow::ensure!(auth.success(), "{user}: not admitted");
    let mut channel = ssh_client::open_terminal(&session).await?;
    // Many logins at once start as many game processes under sshd: the first screen may
    // take a while on a busy machine. What is timed is the keys once everyone is in.
    next_data(&mut channel, LOGIN_WAIT).await?;
    settle(&mut channel).await;
    Ok((session, channel))
}

/// The phases every player and the measurer pass together.
struct Phases {
    /// Everyone has logged in (or failed to): the keys start.
    logged_in: Barrier,
    /// Everyone has stopped pressing keys, still connected: memory and CPU are read.
    pressed: Barrier,
    /// Read: everyone may leave.
    measured: Barrier,
}

/// One player: logs in, presses `j` and `k` in turn until `seconds` after everyone is in,
/// timing each redraw; stays connected until the measurer has read the server.
async fn player(
    port: u16,
    login: Login,
    user: String,
    seconds: u64,
    phases: Arc<Phases>,
) -> anyhow::Result<Vec<Duration>> {
    let logged = tokio::time::timeout(LOGIN_WAIT, log_in(port, &login, &user)).await;
    phases.logged_in.wait().await;
    let until = Instant::now() + Duration::from_secs(seconds);
    let mut presses = Vec::new();
    let outcome = match logged {
        Ok(Ok((session, mut channel))) => {
            let mut n = 0u64;
            let mut failed = None;
            while Instant::now() < until {
                let key: &[u8] = if n.is_multiple_of(2) { b"j" } else { b"k" };
                let pressed = Instant::now();
                if let Err(e) = channel.data_bytes(key.to_vec()).await {
                    failed = Some(anyhow::Error::from(e));
                    break;
                }
                if let Err(e) = next_data(&mut channel, Duration::from_secs(10)).await {
                    failed = Some(e);
                    break;
                }
                presses.push(pressed.elapsed());
                settle(&mut channel).await;
                tokio::time::sleep(Duration::from_millis(100 + (n * 17) % 50)).await;
                n += 1;
            }
            phases.pressed.wait().await;
            phases.measured.wait().await;
            drop(channel);
            drop(session);
            failed.map_or(Ok(()), Err)
        }
        Ok(Err(e)) => {
            phases.pressed.wait().await;
            phases.measured.wait().await;
            Err(e)
        }
        Err(_) => {
            phases.pressed.wait().await;
            phases.measured.wait().await;
            Err(anyhow::anyhow!("no screen within {LOGIN_WAIT:?}"))
        }
    };
    outcome.map(|()| presses)
}

/// What a process has used, read from `/proc`.
#[derive(Clone, Copy, Default)]
struct Usage {
    /// Resident memory, KiB.
    rss: f64,
    /// Proportional memory, KiB.
    pss: f64,
    /// User and system time, seconds.
    cpu: f64,
}

/// The clock ticks of `/proc/PID/stat` a second.
const TICKS: f64 = 100.0;

fn usage(pid: u32) -> Usage {
    let field = |text: &str, name: &str| -> f64 {
        text.lines()
            .find(|l| l.starts_with(name))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|v| v.parse().ok())
            .unwrap_or(0.0)
    };
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    let rollup = std::fs::read_to_string(format!("/proc/{pid}/smaps_rollup")).unwrap_or_default();
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    let after_name = stat.rsplit(')').next().unwrap_or_default();
    let fields: Vec<f64> = after_name
        .split_whitespace()
        .map(|f| f.parse().unwrap_or(0.0))
        .collect();
    // utime and stime are fields 14 and 15 of the line, 12 and 13 after the name.
    let cpu = (fields.get(11).unwrap_or(&0.0) + fields.get(12).unwrap_or(&0.0)) / TICKS;
    Usage {
        rss: field(&status, "VmRSS:"),
        pss: field(&rollup, "Pss:"),
        cpu,
    }
}

/// `root` and every process descended from it.
fn process_tree(root: u32) -> Vec<u32> {
    let mut children: HashMap<u32, Vec<u32>> = HashMap::new();
    if let Ok(entries) = std::fs::read_dir("/proc") {
        for entry in entries.flatten() {
            let Some(pid) = entry
                .file_name()
                .to_str()
                .and_then(|n| n.parse::<u32>().ok())
            else {
                continue;
            };
            let stat = std::fs::read_to_string(entry.path().join("stat")).unwrap_or_default();
            let parent = stat
                .rsplit(')')
                .next()
                .and_then(|rest| rest.split_whitespace().nth(1))
                .and_then(|p| p.parse::<u32>().ok());
            if let Some(parent) = parent {
                children.entry(parent).or_default().push(pid);
            }
        }
    }
    let mut tree = vec![root];
    let mut at = 0;
    while at < tree.len() {
        tree.extend(children.get(&tree[at]).into_iter().flatten().copied());
        at += 1;
    }
    tree
}

/// The server's processes' usage, summed, and how many processes there were.
fn tree_usage(root: u32) -> (Usage, usize) {
    let tree = process_tree(root);
    let mut total = Usage::default();
    for &pid in &tree {
        let u = usage(pid);
        total.rss += u.rss;
        total.pss += u.pss;
        total.cpu += u.cpu;
    }
    (total, tree.len())
}

/// A server under test, killed when dropped.
struct Server {
    child: Child,
    port: u16,
    login: Login,
    _dir: tempfile::TempDir,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts `ceasefire serve` with a table for every three players.
fn start_ceasefire(binary: &Path, players: u32, workers: Option<&str>) -> anyhow::Result<Server> {
    let dir = tempfile::tempdir()?;
    let tables = players.div_ceil(3).max(1);
    let mut command = Command::new(binary);
    command
        .arg("--saves")
        .arg(dir.path().join("saves"))
        .args([
            "serve",
            "--bind",
            "127.0.0.1:0",
            "--seed",
            "1",
            "--open-seats",
        ])
        .args(["--tables", &tables.to_string()])
        .args(["--max-tables", &tables.max(32).to_string()])
        .arg("--host-key")
        .arg(dir.path().join("host_key"))
        .arg("--log")
        .arg(dir.path().join("server.log"));
    if let Some(workers) = workers {
        command.args(["--workers", workers]);
    }
    let (child, port) = serve_port::spawn_serving(&mut command)?;
    Ok(Server {
        child,
        port,
        login: Login::Ceasefire,
        _dir: dir,
    })
}

/// A free port on loopback (free a moment ago).
fn free_port() -> anyhow::Result<u16> {
    Ok(std::net::TcpListener::bind("127.0.0.1:0")?
        .local_addr()?
        .port())
}

/// Starts sshd on loopback with keys of its own, every login running `ceasefire play` (one
/// human seat; the two others `random` bots, which wait while the brief is read).
fn start_peer(binary: &Path) -> anyhow::Result<Server> {
    anyhow::ensure!(Path::new(SSHD).exists(), "{SSHD} is not installed");
    let dir = tempfile::tempdir()?;
    let path = |name: &str| dir.path().join(name);
    for key in ["host_key", "client_key"] {
        let made = Command::new("ssh-keygen")
            .args(["-q", "-t", "ed25519", "-N", "", "-f"])
            .arg(path(key))
            .status()?;
        anyhow::ensure!(made.success(), "ssh-keygen failed");
    }
    std::fs::copy(path("client_key.pub"), path("authorized_keys"))?;
    // sshd's privilege separation needs its empty directory.
    let _ = std::fs::create_dir_all("/run/sshd");
    let port = free_port()?;
    let play = format!(
        "{} --saves {} play --seat afghanistan=random --seat mediator=random",
        binary.display(),
        path("saves").display()
    );
    let config = format!(
        "Port {port}\nListenAddress 127.0.0.1\nHostKey {host}\nPidFile {pid}\n\
         AuthorizedKeysFile {keys}\nStrictModes no\nUsePAM no\nPasswordAuthentication no\n\
         KbdInteractiveAuthentication no\nPubkeyAuthentication yes\nPermitRootLogin yes\n\
         MaxStartups 1000\nMaxSessions 10\nUseDNS no\nPrintMotd no\nPrintLastLog no\n\
         X11Forwarding no\nLogLevel ERROR\nForceCommand {play}\n",
        host = path("host_key").display(),
        pid = path("sshd.pid").display(),
        keys = path("authorized_keys").display(),
    );
    std::fs::write(path("sshd_config"), config)?;
    let mut child = Command::new(SSHD)
        .args(["-D", "-e", "-f"])
        .arg(path("sshd_config"))
        .stdout(Stdio::null())
        .stderr(std::fs::File::create(path("sshd.log"))?)
        .spawn()?;
    let deadline = Instant::now() + Duration::from_secs(5);
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        if Instant::now() > deadline || !matches!(child.try_wait(), Ok(None)) {
            let log = std::fs::read_to_string(path("sshd.log")).unwrap_or_default();
            let _ = child.kill();
            anyhow::bail!("sshd did not start: {}", log.trim());
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let key = russh::keys::load_secret_key(path("client_key"), None)?;
    let user = Command::new("id").arg("-un").output()?;
    let user = String::from_utf8_lossy(&user.stdout).trim().to_string();
    Ok(Server {
        child,
        port,
        login: Login::Peer {
            user,
            key: Arc::new(key),
        },
        _dir: dir,
    })
}

/// One measurement of one server with `players` players.
#[derive(Clone, Default)]
struct Measured {
    /// Memory of the server's processes with nobody connected, MiB (RSS).
    idle: f64,
    /// With everyone connected, MiB.
    rss: f64,
    pss: f64,
    processes: usize,
    p50: f64,
    p95: f64,
    p99: f64,
    /// Milliseconds of CPU a keypress.
    cpu: f64,
    presses: usize,
    failed: usize,
    /// Why the first player that failed did.
    why: Option<String>,
    load: String,
}

fn percentile(sorted: &[Duration], q: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    sorted[((sorted.len() as f64 - 1.0) * q).round() as usize].as_secs_f64() * 1e3
}

fn load() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .unwrap_or_default()
        .split_whitespace()
        .take(3)
        .collect::<Vec<_>>()
        .join(" ")
}

async fn measure(server: &Server, players: u32, seconds: u64) -> Measured {
    let before = load();
    let idle = tree_usage(server.child.id()).0.rss / 1024.0;
    let phases = Arc::new(Phases {
        logged_in: Barrier::new(players as usize + 1),
        pressed: Barrier::new(players as usize + 1),
        measured: Barrier::new(players as usize + 1),
    });
    let tasks: Vec<_> = (0..players)
        .map(|i| {
            let seat = ["pakistan", "afghanistan", "mediator"][(i % 3) as usize];
            let user = format!("{seat}.{}", i / 3 + 1);
            tokio::spawn(player(
                server.port,
                server.login.clone(),
                user,
                seconds,
                phases.clone(),
            ))
        })
        .collect();
    phases.logged_in.wait().await;
    let (start, _) = tree_usage(server.child.id());
    phases.pressed.wait().await;
    let (end, processes) = tree_usage(server.child.id());
    phases.measured.wait().await;
    let mut times = Vec::new();
    let mut failed = 0;
    let mut why = None;
    for task in tasks {
        match task.await {
            Ok(Ok(presses)) => times.extend(presses),
            Ok(Err(e)) => {
                failed += 1;
                why.get_or_insert(e.to_string());
            }
            Err(e) => {
                failed += 1;
                why.get_or_insert(e.to_string());
            }
        }
    }
    times.sort();
    Measured {
        idle,
        rss: end.rss / 1024.0,
        pss: end.pss / 1024.0,
        processes,
        p50: percentile(&times, 0.5),
        p95: percentile(&times, 0.95),
        p99: percentile(&times, 0.99),
        cpu: (end.cpu - start.cpu) * 1e3 / times.len().max(1) as f64,
        presses: times.len(),
        failed,
        why,
        load: format!("{before} → {}", load()),
    }
}

fn median(mut values: Vec<f64>) -> f64 {
    values.retain(|v| !v.is_nan());
    if values.is_empty() {
        return f64::NAN;
    }
    values.sort_by(f64::total_cmp);
    let mid = values.len() / 2;
    if values.len().is_multiple_of(2) {
        (values[mid - 1] + values[mid]) / 2.0
    } else {
        values[mid]
    }
}

/// The value after `flag` in `args`, if given.
fn option(args: &[String], flag: &str) -> Option<String> {
    args.iter()
        .position(|a| a == flag)
        .and_then(|i| args.get(i + 1).cloned())
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let binary = match option(&args, "--server") {
        Some(path) => PathBuf::from(path),
        None => std::env::current_exe()?
            .parent()
            .and_then(|examples| examples.parent())
            .map(|dir| dir.join("ceasefire"))
            .filter(|p| p.exists())
            .ok_or_else(|| anyhow::anyhow!("build the binary first: cargo build --release"))?,
    };
    let binary = binary.canonicalize().unwrap_or(binary);
    let counts: Vec<u32> = option(&args, "--players")
        .unwrap_or_else(|| "30,60,120".into())
        .split(',')
        .filter_map(|n| n.trim().parse().ok())
        .filter(|&n| n > 0)
        .collect();
    let seconds: u64 = option(&args, "--seconds")
        .and_then(|s| s.parse().ok())
        .unwrap_or(10);
    let runs: usize = option(&args, "--runs")
        .and_then(|s| s.parse().ok())
        .unwrap_or(3)
        .max(1);
    let workers = option(&args, "--workers");
    println!(
        "server: {}; {} run(s) of {seconds} s of keys; load at start {}",
        binary.display(),
        runs,
        load()
    );
    let peer_works = match start_peer(&binary) {
        Ok(_) => true,
        Err(e) => {
            println!("peer skipped: {e} (install openssh-server to compare with it)");
            false
        }
    };
    let mut results: HashMap<(u32, &str), Vec<Measured>> = HashMap::new();
    for run in 1..=runs {
        for &count in &counts {
            let mut order = vec!["ceasefire"];
            if peer_works {
                order.push("sshd");
            }
            // Who goes first alternates, so neither always meets a warmer (or busier) machine.
            if run % 2 == 0 {
                order.reverse();
            }
            for name in order {
                let server = if name == "ceasefire" {
                    start_ceasefire(&binary, count, workers.as_deref())
                } else {
                    start_peer(&binary)
                };
                let server = match server {
                    Ok(server) => server,
                    Err(e) => {
                        println!("run {run}, {count} players, {name}: could not start: {e}");
                        continue;
                    }
                };
                let m = measure(&server, count, seconds).await;
                println!(
                    "run {run}, {count:>3} players, {name:<9}: memory {:.0} MiB RSS / {:.0} MiB \
                     PSS in {} processes (idle {:.0}); p50 {:.1} p95 {:.1} p99 {:.1} ms; CPU \
                     {:.2} ms a keypress; {} keypresses, {} failed{}; load {}",
                    m.rss,
                    m.pss,
                    m.processes,
                    m.idle,
                    m.p50,
                    m.p95,
                    m.p99,
                    m.cpu,
                    m.presses,
                    m.failed,
                    m.why
                        .as_ref()
                        .map_or(String::new(), |w| format!(" (first: {w})")),
                    m.load
                );
                results.entry((count, name)).or_default().push(m);
                drop(server);
                tokio::time::sleep(Duration::from_secs(1)).await;
            }
        }
    }
    println!();
    println!("Medians of {runs} run(s):");
    println!();
    println!(
        "| players | server | memory RSS | memory PSS | PSS a player | key→screen p50 / p95 / p99 | CPU a keypress |"
    );
    println!("|---|---|---|---|---|---|---|");
    for &count in &counts {
        for name in ["ceasefire", "sshd"] {
            let Some(ms) = results.get(&(count, name)) else {
                continue;
            };
            let med = |f: fn(&Measured) -> f64| median(ms.iter().map(f).collect());
            // What the players added to the server's processes, split among them.
            let per_player = med(|m| m.pss - m.idle);
            println!(
                "| {count} | {name} | {:.0} MiB | {:.0} MiB | {:.2} MiB | {:.1} / {:.1} / {:.1} ms | {:.2} ms |",
                med(|m| m.rss),
                med(|m| m.pss),
                per_player / f64::from(count),
                med(|m| m.p50),
                med(|m| m.p95),
                med(|m| m.p99),
                med(|m| m.cpu),
            );
        }
    }
    println!();
    println!("load at the end {}", load());
    Ok(())
}
