//! What a room of laptops (or one hostile one) cannot do to the SSH server: connections over
//! the limits are refused at the door with one line, silent connections neither stop the
//! server nor stay forever, password guessing is slowed, a client that floods resizes and
//! stops reading costs bounded memory while others still play, and every request gets an
//! answer. Driven with russh's client (and the real OpenSSH client for the refusal line).

#[path = "common/pane.rs"]
mod pane;
#[path = "common/serve_port.rs"]
mod serve_port;

use russh::client;
use std::io::{BufRead, BufReader, Read};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

/// A running `ceasefire serve` on a free loopback port, and the lines it printed at start.
struct Server {
    child: Child,
    port: u16,
    printed: String,
    _dir: tempfile::TempDir,
}

impl Server {
    /// Starts the server with `extra` arguments, under a shell that first runs `before`
    /// (e.g. `ulimit -n 256`).
    fn start_after(before: &str, extra: &[&str]) -> Server {
        let dir = tempfile::tempdir().unwrap();
        let mut command = format!(
            "{before}; exec '{}' --saves '{}' serve --bind 127.0.0.1:0 --scenario tutorial \
             --seed 5 --host-key '{}'",
            env!("CARGO_BIN_EXE_ceasefire"),
            dir.path().join("saves").display(),
            dir.path().join("host_key").display()
        );
        for arg in extra {
            command.push_str(&format!(" '{arg}'"));
        }
        let mut child = Command::new("sh")
            .args(["-c", &command])
            .env("XDG_CONFIG_HOME", "/nonexistent/ceasefire-test-config")
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("the server starts");
        let mut stdout = BufReader::new(child.stdout.take().unwrap());
        let mut printed = String::new();
        // The address line, the join line, and any notes up to the first blank read.
        stdout.read_line(&mut printed).unwrap();
        let port = serve_port::listening_port(&printed)
            .unwrap_or_else(|| panic!("no port in {printed:?}"));
        let (lines, rest) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            for line in stdout.lines().map_while(Result::ok) {
                let _ = lines.send(line);
            }
        });
        std::thread::sleep(Duration::from_millis(300));
        for line in rest.try_iter() {
            printed.push_str(&line);
            printed.push('\n');
        }
        Server {
            child,
            port,
            printed,
            _dir: dir,
        }
    }

    fn start(extra: &[&str]) -> Server {
        Server::start_after("true", extra)
    }

    fn running(&mut self) -> bool {
        matches!(self.child.try_wait(), Ok(None))
    }

    fn resident_mib(&self) -> f64 {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id())).unwrap();
        let kib: f64 = status
            .lines()
            .find(|l| l.starts_with("VmRSS:"))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|n| n.parse().ok())
            .unwrap();
        kib / 1024.0
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[path = "common/ssh_client.rs"]
mod ssh_client;
use ssh_client::{Channel, Client, Stallable};

async fn connect(port: u16, stalled: Arc<AtomicBool>) -> client::Handle<Client> {
    let stream = tokio::net::TcpStream::connect(("127.0.0.1", port))
        .await
        .unwrap();
    let stream = Stallable {
        inner: stream,
        stalled,
    };
    client::connect_stream(Arc::new(client::Config::default()), stream, Client)
        .await
        .expect("an SSH session")
}

/// Logs in as `user` (the server is open on loopback) with a 100x30 terminal and waits for
/// the first screen.
async fn log_in(
    port: u16,
    user: &str,
    stalled: Arc<AtomicBool>,
) -> (client::Handle<Client>, Channel) {
    let mut session = connect(port, stalled).await;
    assert!(session.authenticate_none(user).await.unwrap().success());
    let mut channel = ssh_client::open_terminal(&session).await.unwrap();
    next_data(&mut channel, Duration::from_secs(20)).await;
    (session, channel)
}

/// Waits for the next bytes of screen; panics after `patience`.
async fn next_data(channel: &mut Channel, patience: Duration) {
    let deadline = Instant::now() + patience;
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        match tokio::time::timeout(left, channel.wait()).await {
            Ok(Some(russh::ChannelMsg::Data { .. })) => return,
            Ok(Some(_)) => continue,
            Ok(None) => panic!("the channel closed"),
            Err(_) => panic!("no screen within {patience:?}"),
        }
    }
}

/// Waits until nothing has arrived for 100 ms.
async fn settle(channel: &mut Channel) {
    while let Ok(Some(_)) = tokio::time::timeout(Duration::from_millis(100), channel.wait()).await {
    }
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap()
}

#[test]
fn a_connection_over_the_limit_is_refused_at_the_door_with_one_line() {
    if !pane::tool_available("ssh") {
        return;
    }
    let server = Server::start(&["--max-connections", "3"]);
    // Three connections that never speak fill the server.
    let _silent: Vec<_> = (0..3)
        .map(|_| std::net::TcpStream::connect(("127.0.0.1", server.port)).unwrap())
        .collect();
    std::thread::sleep(Duration::from_millis(200));
    let out = Command::new("ssh")
        .args(["-F", "/dev/null", "-T", "-p", &server.port.to_string()])
        .args(["-o", "StrictHostKeyChecking=no", "-o", "BatchMode=yes"])
        .args(["-o", "UserKnownHostsFile=/dev/null", "watch@127.0.0.1"])
        .stdin(Stdio::null())
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stderr);
    assert!(
        text.contains("ceasefire: the server is full (3 connections)"),
        "{text}"
    );
    assert_eq!(out.status.code(), Some(255), "{text}");
}

#[test]
fn logins_past_max_connections_get_no_screen() {
    let server = Server::start(&["--max-connections", "2"]);
    runtime().block_on(async {
        let _first = log_in(server.port, "watch", Arc::default()).await;
        let _second = log_in(server.port, "watch", Arc::default()).await;
        let third = tokio::net::TcpStream::connect(("127.0.0.1", server.port))
            .await
            .unwrap();
        let refused = client::connect_stream(Arc::new(client::Config::default()), third, Client)
            .await
            .err()
            .expect("the third connection gets no session");
        let text = format!("{refused:?}");
        assert!(text.contains("Disconnect"), "{text}");
    });
}

#[test]
fn silent_connections_cannot_stop_the_server() {
    // A low open-file limit that the server cannot raise: it keeps head-room and says so.
    let mut server = Server::start_after("ulimit -n 256", &[]);
    assert!(
        server.printed.contains("At most 192 connections"),
        "{}",
        server.printed
    );
    let silent: Vec<_> = (0..400)
        .filter_map(|_| std::net::TcpStream::connect(("127.0.0.1", server.port)).ok())
        .collect();
    std::thread::sleep(Duration::from_secs(1));
    assert!(server.running(), "the server is still up");
    // The ones over the limit were closed at once; the others are held.
    let closed = silent
        .iter()
        .filter(|socket| {
            socket
                .set_read_timeout(Some(Duration::from_millis(20)))
                .unwrap();
            let mut buffer = [0u8; 512];
            let mut socket: &std::net::TcpStream = socket;
            loop {
                match socket.read(&mut buffer) {
                    Ok(0) => return true,
                    Ok(_) => continue,
                    Err(e) if e.kind() == std::io::ErrorKind::ConnectionReset => return true,
                    Err(_) => return false,
                }
            }
        })
        .count();
    assert!(closed >= 400 - 192, "{closed} of 400 closed");
    drop(silent);
    std::thread::sleep(Duration::from_millis(500));
    runtime().block_on(async {
        let (_session, _screen) = log_in(server.port, "watch", Arc::default()).await;
    });
    assert!(server.running());
}

#[test]
fn a_connection_that_never_logs_in_is_closed_after_the_login_time() {
    let server = Server::start(&["--login-seconds", "2"]);
    let mut socket = std::net::TcpStream::connect(("127.0.0.1", server.port)).unwrap();
    socket
        .set_read_timeout(Some(Duration::from_secs(20)))
        .unwrap();
    let started = Instant::now();
    let mut everything = Vec::new();
    let _ = socket.read_to_end(&mut everything);
    assert!(
        everything.starts_with(b"SSH-2.0-"),
        "{:?}",
        String::from_utf8_lossy(&everything)
    );
    let waited = started.elapsed();
    assert!(
        waited < Duration::from_secs(15),
        "closed after {waited:?}, not held for the idle time"
    );
}

#[test]
fn password_guesses_from_one_address_are_slowed_even_before_the_right_one() {
    let server = Server::start(&["--password", "s3cret"]);
    runtime().block_on(async {
        // Twelve wrong guesses, a few per connection (the free ones go quickly).
        let mut wrong = 0;
        while wrong < 12 {
            let mut session = connect(server.port, Arc::default()).await;
            for _ in 0..3 {
                let result = session
                    .authenticate_password("watch", format!("guess{wrong}"))
                    .await
                    .unwrap();
                assert!(!result.success());
                wrong += 1;
            }
        }
        // Now even the right password waits its turn.
        let mut session = connect(server.port, Arc::default()).await;
        let started = Instant::now();
        let result = session
            .authenticate_password("watch", "s3cret")
            .await
            .unwrap();
        let waited = started.elapsed();
        assert!(result.success(), "the right password still gets in");
        assert!(
            waited >= Duration::from_secs(1),
            "after 12 failures the next attempt waited only {waited:?}"
        );
    });
}

#[test]
fn an_x11_request_wanting_a_reply_is_answered() {
    let server = Server::start(&[]);
    runtime().block_on(async {
        let mut session = connect(server.port, Arc::default()).await;
        assert!(session.authenticate_none("watch").await.unwrap().success());
        let mut channel = session.channel_open_session().await.unwrap();
        channel
            .request_x11(true, false, "MIT-MAGIC-COOKIE-1", "00ff", 0)
            .await
            .unwrap();
        let answer = tokio::time::timeout(Duration::from_secs(10), async {
            loop {
                match channel.wait().await {
                    Some(russh::ChannelMsg::Failure) => return "failure",
                    Some(russh::ChannelMsg::Success) => return "success",
                    Some(_) => continue,
                    None => return "closed",
                }
            }
        })
        .await
        .expect("an answer, not a hang");
        assert_eq!(answer, "failure");
    });
}

#[test]
fn a_client_flooding_resizes_without_reading_costs_bounded_memory_and_others_still_play() {
    let server = Server::start(&["--tables", "2"]);
    runtime().block_on(async {
        let (_player_session, mut player) = log_in(server.port, "watch.1", Arc::default()).await;
        settle(&mut player).await;
        let before = server.resident_mib();
        let stalled = Arc::new(AtomicBool::new(false));
        let (_flooder_session, flooder) = log_in(server.port, "watch.2", stalled.clone()).await;
        stalled.store(true, Ordering::SeqCst);
        for n in 0..600u32 {
            let size = if n.is_multiple_of(2) { 65_535 } else { 999 };
            let sent = tokio::time::timeout(
                Duration::from_secs(1),
                flooder.window_change(size, size, 0, 0),
            )
            .await;
            if !matches!(sent, Ok(Ok(()))) {
                break;
            }
        }
        // Another player still gets a screen for a key.
        player.data_bytes(b"?".to_vec()).await.unwrap();
        next_data(&mut player, Duration::from_secs(20)).await;
        tokio::time::sleep(Duration::from_secs(1)).await;
        let grown = server.resident_mib() - before;
        assert!(
            grown < 150.0,
            "the server grew by {grown:.0} MiB for one client's resizes"
        );
    });
}

#[test]
fn a_room_of_120_on_one_address_all_get_a_screen_with_the_default_limits() {
    let server = Server::start(&["--tables", "20"]);
    runtime().block_on(async {
        let logins: Vec<_> = (0..120)
            .map(|i| {
                let port = server.port;
                tokio::spawn(async move {
                    let user = format!("watch.{}", i / 6 + 1);
                    let (_session, mut channel) = log_in(port, &user, Arc::default()).await;
                    screen_shows(&mut channel, "Spectator").await
                })
            })
            .collect();
        for login in logins {
            assert!(login.await.unwrap(), "a spectator's screen");
        }
    });
}

/// Whether the screen shows `word` within ten seconds.
async fn screen_shows(channel: &mut Channel, word: &str) -> bool {
    let mut seen = Vec::new();
    let deadline = Instant::now() + Duration::from_secs(10);
    while !String::from_utf8_lossy(&seen).contains(word) {
        let left = deadline.saturating_duration_since(Instant::now());
        match tokio::time::timeout(left, channel.wait()).await {
            Ok(Some(russh::ChannelMsg::Data { data })) => seen.extend_from_slice(&data),
            Ok(Some(_)) => {}
            _ => return false,
        }
    }
    true
}
