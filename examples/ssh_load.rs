//! Load test of `ceasefire serve` on loopback: 20 tables of 3 connected seats at once, each
//! client pressing keys; prints the time from a keypress to the redrawn screen arriving
//! (p50, p95, p99, max) and the server's resident memory.
//!
//! `cargo build --release && cargo run --release --example ssh_load`

use russh::client;
use russh::keys::PublicKeyOrCertificate;
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

const TABLES: u32 = 20;
const PRESSES: usize = 30;

struct Client;

impl client::Handler for Client {
    type Error = russh::Error;

    async fn check_server_key(
        &mut self,
        _key: &PublicKeyOrCertificate,
    ) -> Result<bool, Self::Error> {
        Ok(true)
    }
}

/// One seated player: connects, waits for the first screen, then presses keys and times
/// each redraw.
async fn player(port: u16, user: String) -> anyhow::Result<Vec<Duration>> {
    let config = Arc::new(client::Config::default());
    let mut session = client::connect(config, ("127.0.0.1", port), Client).await?;
    let auth = session.authenticate_none(user.clone()).await?;
    anyhow::ensure!(auth.success(), "{user}: not admitted");
    let mut channel = session.channel_open_session().await?;
    channel
        .request_pty(false, "xterm-256color", 100, 30, 0, 0, &[])
        .await?;
    channel.request_shell(false).await?;
    // The first screen.
    next_data(&mut channel).await?;
    tokio::time::sleep(Duration::from_millis(300)).await;
    while tokio::time::timeout(Duration::from_millis(50), channel.wait())
        .await
        .is_ok()
    {}
    let mut times = Vec::with_capacity(PRESSES);
    for press in 0..PRESSES {
        // Scroll the brief down then up: every press changes the screen.
        let key: &[u8] = if press % 2 == 0 { b"j" } else { b"k" };
        let started = Instant::now();
        channel.data_bytes(key.to_vec()).await?;
        next_data(&mut channel).await?;
        times.push(started.elapsed());
        tokio::time::sleep(Duration::from_millis(40 + (press as u64 * 7) % 30)).await;
    }
    Ok(times)
}

async fn next_data(channel: &mut russh::Channel<client::Msg>) -> anyhow::Result<()> {
    loop {
        match tokio::time::timeout(Duration::from_secs(5), channel.wait()).await {
            Ok(Some(russh::ChannelMsg::Data { .. })) => return Ok(()),
            Ok(Some(_)) => continue,
            Ok(None) => anyhow::bail!("channel closed"),
            Err(_) => anyhow::bail!("no redraw within 5 s"),
        }
    }
}

fn resident_kib(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status
        .lines()
        .find(|l| l.starts_with("VmRSS:"))?
        .split_whitespace()
        .nth(1)?
        .parse()
        .ok()
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let exe = std::env::current_exe()?;
    let binary = exe
        .parent()
        .and_then(|examples| examples.parent())
        .map(|dir| dir.join("ceasefire"))
        .filter(|p| p.exists())
        .ok_or_else(|| anyhow::anyhow!("build the binary first: cargo build --release"))?;
    let dir = tempfile::tempdir()?;
    let mut server = Command::new(&binary)
        .arg("--saves")
        .arg(dir.path().join("saves"))
        .args([
            "serve",
            "--bind",
            "127.0.0.1:0",
            "--tables",
            &TABLES.to_string(),
            // The load is not about seats: no join codes.
            "--open-seats",
        ])
        .args(["--seed", "1", "--host-key"])
        .arg(dir.path().join("host_key"))
        .stdout(Stdio::piped())
        .spawn()?;
    let mut stdout = BufReader::new(server.stdout.take().expect("piped"));
    let mut first = String::new();
    stdout.read_line(&mut first)?;
    let port: u16 = first
        .split("127.0.0.1:")
        .nth(1)
        .and_then(|rest| rest.split_whitespace().next())
        .and_then(|p| p.parse().ok())
        .ok_or_else(|| anyhow::anyhow!("no port in {first:?}"))?;
    let idle = resident_kib(server.id());

    let mut players = Vec::new();
    for table in 1..=TABLES {
        for seat in ["pakistan", "afghanistan", "mediator"] {
            players.push(tokio::spawn(player(port, format!("{seat}.{table}"))));
        }
    }
    let mut times = Vec::new();
    let mut failures = 0;
    for player in players {
        match player.await? {
            Ok(t) => times.extend(t),
            Err(e) => {
                failures += 1;
                eprintln!("a player failed: {e}");
            }
        }
    }
    let loaded = resident_kib(server.id());
    let _ = server.kill();
    let _ = server.wait();

    times.sort();
    let at = |q: f64| times[((times.len() as f64 - 1.0) * q).round() as usize];
    println!(
        "{} tables × 3 seats, {} keypresses ({failures} players failed)",
        TABLES,
        times.len()
    );
    if !times.is_empty() {
        println!(
            "keypress → redraw: p50 {:.1} ms, p95 {:.1} ms, p99 {:.1} ms, max {:.1} ms",
            at(0.5).as_secs_f64() * 1e3,
            at(0.95).as_secs_f64() * 1e3,
            at(0.99).as_secs_f64() * 1e3,
            at(1.0).as_secs_f64() * 1e3
        );
    }
    println!(
        "server resident memory: {} MiB idle with {TABLES} tables, {} MiB with 60 players",
        idle.map_or("?".into(), |k| format!("{:.1}", k as f64 / 1024.0)),
        loaded.map_or("?".into(), |k| format!("{:.1}", k as f64 / 1024.0))
    );
    Ok(())
}
