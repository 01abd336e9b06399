//! The SSH server: players join a table with the `ssh` client they already have and see only
//! their own seat.
//!
//! russh speaks the protocol; each connection ([`connection`]) owns a terminal the size of
//! the client's window and the same UI as local play, rendering its own viewer's view. Each
//! table ([`tables`]) owns its game; bots think on the table's own thread, never in a
//! connection's handler. Never: run game rules here (that is the engine's job), or let one
//! connection act for a seat it does not hold.

pub mod accept;
pub mod admission;
pub mod connection;
pub mod dashboard;
pub mod input;
pub mod join;
pub mod keys;
pub mod lobby;
pub mod logging;
pub mod pool;
pub mod room;
pub mod seats;
pub mod tables;
pub mod teams;
pub mod throttle;
pub mod timer;

use crate::bot::Policy;
use crate::scenario::ScenarioSource;
use russh::ChannelId;
use russh::keys::PublicKey;
use russh::server::Handle;
use std::collections::HashMap;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicUsize;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tables::Tables;

/// Who may connect.
#[derive(Clone, Debug)]
pub enum Access {
    /// Anyone (only with `--open`, or on a loopback address).
    Open,
    /// Anyone who knows the password.
    Password(String),
    /// Holders of these keys.
    Keys(Vec<PublicKey>),
}

/// Everything `ceasefire serve` was asked for.
#[derive(Clone, Debug)]
pub struct ServeConfig {
    /// Address and port to listen on.
    pub bind: SocketAddr,
    /// The first table's scenario.
    pub scenario: ScenarioSource,
    /// Bots at the first table, by seat index.
    pub bots: [Option<Policy>; 3],
    /// The seed of the tables opened at start and from the lobby.
    pub seed: u64,
    /// How many tables to open at start, all with this scenario, seed and bots (a room
    /// comparing the same game); `pakistan.3@` takes Pakistan's seat at table 3.
    pub tables: u32,
    /// The host key file (created when missing).
    pub host_key: PathBuf,
    /// A password every player must give.
    pub password: Option<String>,
    /// An `authorized_keys` file of the players' keys.
    pub authorized_keys: Option<PathBuf>,
    /// The facilitator's own password; without it `facilitator@` is refused.
    pub facilitator_password: Option<String>,
    /// Allow anyone on a non-loopback address without authentication.
    pub open: bool,
    /// Bring back the unfinished tables saved by an earlier run.
    pub resume: bool,
    /// Where tables autosave.
    pub saves_dir: Option<PathBuf>,
    /// Most connections at once (fewer if the open-file limit cannot hold them).
    pub max_connections: usize,
    /// Most connections at once from one address.
    pub max_per_address: usize,
    /// How long a connection may take to log in and open its terminal.
    pub login_grace: Duration,
    /// A connection silent this long is closed.
    pub idle_timeout: Duration,
    /// Pause before each bot move, so players can follow.
    pub bot_delay: Duration,
    /// A file the log is appended to (`None`: warnings and errors go to stderr).
    pub log: Option<PathBuf>,
    /// How the room is shared out: join codes, lobby seeds, table limits, bots' thinking.
    pub room: room::RoomRules,
    /// The runtime's worker threads, which speak SSH and draw the screens (`None`: one per
    /// core).
    pub workers: Option<usize>,
}

/// Why the server could not start.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    /// Refused for safety (for example an open non-loopback bind).
    #[error("{0}")]
    Refused(String),
    /// A key file could not be read or written.
    #[error("{path}: {detail}")]
    Key {
        /// The file.
        path: PathBuf,
        /// What went wrong.
        detail: String,
    },
    /// Any other I/O failure.
    #[error("{path}: {source}")]
    Io {
        /// The file or address.
        path: PathBuf,
        /// The error.
        source: std::io::Error,
    },
    /// The first table could not open.
    #[error("{0}")]
    Table(String),
}

impl ServeError {
    fn io(path: &Path, source: std::io::Error) -> ServeError {
        ServeError::Io {
            path: path.to_path_buf(),
            source,
        }
    }
}

/// What every connection shares.
pub struct Shared {
    /// The tables.
    pub tables: Arc<Tables>,
    /// Who may connect.
    pub access: Access,
    /// Connections with a session now.
    pub connections: AtomicUsize,
    /// Failed logins by address, and the waits they earn.
    pub throttle: throttle::LoginThrottle,
    /// Connections with a terminal, to leave clean when the server stops.
    pub open: Mutex<HashMap<u64, (Handle, ChannelId)>>,
    /// The facilitator's password, if the console is enabled.
    pub facilitator_password: Option<String>,
    /// Where the console writes reports.
    pub reports_dir: PathBuf,
    /// The room's seed: tables opened from the lobby share it, so a room's games compare.
    pub seed: u64,
    /// A connection with no key pressed for this long is closed (its seat is kept).
    pub idle_timeout: Duration,
    /// Where the server listens, once bound (for messages that say how to connect).
    pub address: std::sync::OnceLock<SocketAddr>,
}

impl Shared {
    /// The server's state in one line for the facilitator: connections, and failed logins
    /// with the addresses being slowed.
    pub fn status_line(&self) -> String {
        let connected = self.connections.load(std::sync::atomic::Ordering::SeqCst);
        let failures = self.throttle.failures(std::time::Instant::now());
        let mut line = format!("{connected} connected");
        if failures.total > 0 {
            line.push_str(&format!(
                " · {} failed login{}",
                failures.total,
                if failures.total == 1 { "" } else { "s" }
            ));
        }
        if failures.slowed > 0 {
            line.push_str(&format!(
                " ({} address{} slowed)",
                failures.slowed,
                if failures.slowed == 1 { "" } else { "es" }
            ));
        }
        line
    }
}

/// Decides who may connect: a non-loopback address needs a password or keys, or `--open`.
pub fn access(config: &ServeConfig) -> Result<Access, ServeError> {
    let access = match (&config.password, &config.authorized_keys) {
        (Some(_), Some(_)) => {
            return Err(ServeError::Refused(
                "give --password or --authorized-keys, not both".into(),
            ));
        }
        (Some(password), None) => Access::Password(password.clone()),
        (None, Some(path)) => Access::Keys(keys::authorized_keys(path)?),
        (None, None) => Access::Open,
    };
    if matches!(access, Access::Open) && !config.bind.ip().is_loopback() && !config.open {
        return Err(ServeError::Refused(format!(
            "refusing to listen on {} without authentication: anyone who can reach it could \
             play. Give --password SECRET or --authorized-keys FILE, or --open to allow it.",
            config.bind
        )));
    }
    Ok(access)
}

/// Runs the server until SIGINT or SIGTERM; prints where it listens and the host key's
/// fingerprint first.
pub fn run(config: ServeConfig) -> Result<(), ServeError> {
    logging::init(config.log.as_deref())?;
    let access = access(&config)?;
    let files = admission::raise_open_file_limit();
    let limits = admission::Limits {
        total: admission::connections_allowed(config.max_connections, files),
        per_address: config.max_per_address.max(1),
    };
    let key = keys::host_key(&config.host_key)?;
    let tables = Arc::new(
        Tables::new(config.saves_dir.clone(), config.bot_delay).with_rules(config.room.clone()),
    );
    let mut opening = Vec::new();
    if config.resume {
        opening = tables.resume_saved();
    } else {
        let waiting = tables.unfinished_saves();
        if waiting > 0 {
            opening.push(format!(
                "{waiting} unfinished table save(s) in the saves folder: start with --resume to \
                 bring them back."
            ));
        }
    }
    if tables.all().is_empty() {
        if config.tables as usize > config.room.max_tables {
            return Err(ServeError::Refused(format!(
                "--tables {} is more than --max-tables {}",
                config.tables, config.room.max_tables
            )));
        }
        for _ in 0..config.tables.max(1) {
            tables
                .open(&config.scenario, config.seed, config.bots)
                .map_err(ServeError::Table)?;
        }
    }
    let shared = Arc::new(Shared {
        tables,
        access: access.clone(),
        connections: AtomicUsize::new(0),
        throttle: throttle::LoginThrottle::default(),
        open: Mutex::new(HashMap::new()),
        facilitator_password: config.facilitator_password.clone(),
        seed: config.seed,
        idle_timeout: config.idle_timeout,
        reports_dir: config
            .saves_dir
            .clone()
            .unwrap_or_else(|| PathBuf::from("."))
            .join("reports"),
        address: std::sync::OnceLock::new(),
    });
    let russh_config = Arc::new(russh::server::Config {
        methods: connection::methods(&access, config.facilitator_password.is_some()),
        auth_rejection_time: Duration::from_millis(300),
        auth_rejection_time_initial: Some(Duration::ZERO),
        keys: vec![key.clone()],
        // A backstop: each connection closes itself after `idle_timeout` without a key.
        inactivity_timeout: Some(config.idle_timeout * 2),
        // No SSH keepalives: russh sends them before authentication too, and OpenSSH ends
        // the login of anyone slower than the interval to type a password ("bad message
        // during authentication: type 80"). TCP keepalives on the socket stand in for them.
        nodelay: true,
        ..Default::default()
    });
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(config.workers.unwrap_or_else(default_workers).max(1))
        .enable_all()
        .build()
        .map_err(|e| ServeError::io(Path::new("tokio runtime"), e))?;
    let saves_folder = config.saves_dir.clone();
    runtime.block_on(async move {
        let socket = tokio::net::TcpListener::bind(config.bind)
            .await
            .map_err(|e| ServeError::io(Path::new(&config.bind.to_string()), e))?;
        keep_alive(&socket);
        // A closed stdout (a supervisor that stopped reading) must not stop the server.
        use std::io::Write;
        let mut out = std::io::stdout().lock();
        let address = socket.local_addr().map_or(config.bind, |a| a);
        let _ = shared.address.set(address);
        let _ = writeln!(
            out,
            "Ceasefire server on {address} — host key {} ({})",
            keys::fingerprint(&key),
            config.host_key.display()
        );
        let _ = writeln!(
            out,
            "{}",
            join_line(
                address,
                &config.bots,
                shared.tables.all().len(),
                config.facilitator_password.is_some()
            )
        );
        for line in opening.iter().chain(&shared.tables.join_code_lines()) {
            let _ = writeln!(out, "{line}");
        }
        if limits.total < config.max_connections {
            let _ = writeln!(
                out,
                "At most {} connections: the open-file limit is {files} (raise it with \
                 `ulimit -n` to allow --max-connections {}).",
                limits.total, config.max_connections
            );
        }
        let _ = out.flush();
        drop(out);
        Tables::spawn_reclaimer(&shared.tables, Duration::from_secs(30));
        let door = accept::FrontDoor {
            config: russh_config,
            shared: shared.clone(),
            admission: admission::Admission::new(limits),
            login_grace: config.login_grace,
        };
        let server = accept::serve(socket, door);
        tokio::pin!(server);
        // The goodbyes are sent while the server is still being polled, so its sessions live
        // until every client has been told and its terminal left clean.
        let stop = async {
            shutdown_signal().await;
            leave_clients_clean(&shared).await;
        };
        tokio::select! {
            () = &mut server => {}
            () = stop => {
                flush_saves(&shared.tables);
                let folder = saves_folder.map_or(String::new(), |d| format!(" in {}", d.display()));
                println!(
                    "Stopped. Every table is saved{folder}: `ceasefire serve --resume` brings \
                     them back."
                );
            }
        }
        Ok(())
    })
}

/// One worker thread per core the process may run on (1 if that cannot be told).
pub fn default_workers() -> usize {
    std::thread::available_parallelism().map_or(1, usize::from)
}

/// Waits (a bounded time) for every table's last state to reach its save, and logs any that
/// did not.
fn flush_saves(tables: &Tables) {
    for table in tables.all() {
        let status = table.lock().flush(crate::table::SaveWriter::FLUSH_WAIT);
        if let Some(failed @ crate::table::SaveStatus::Failed(_)) = status {
            tracing::error!(table = table.id, "at shutdown the table is {failed}");
        }
    }
}

/// TCP keepalives on the listening socket, which the connections it accepts inherit: a
/// client whose machine stops answering (a laptop asleep, a link gone) is dropped after about
/// a minute, so its seat shows as away and the player can take it back.
fn keep_alive(listener: &tokio::net::TcpListener) {
    let socket = socket2::SockRef::from(listener);
    let probes = socket2::TcpKeepalive::new()
        .with_time(Duration::from_secs(20))
        .with_interval(Duration::from_secs(10))
        .with_retries(4);
    // Without them the server still works; the idle timeout then frees the seat.
    let _ = socket.set_tcp_keepalive(&probes);
    // Frames the client's machine never acknowledges end the connection as well.
    let _ = socket.set_tcp_user_timeout(Some(Duration::from_secs(60)));
}

async fn shutdown_signal() {
    use tokio::signal::unix::{SignalKind, signal};
    let (Ok(mut term), Ok(mut int), Ok(mut hup)) = (
        signal(SignalKind::terminate()),
        signal(SignalKind::interrupt()),
        signal(SignalKind::hangup()),
    ) else {
        return std::future::pending().await;
    };
    tokio::select! {
        _ = term.recv() => {}
        _ = int.recv() => {}
        _ = hup.recv() => {}
    }
}

/// Sends every connected terminal the sequences that leave it clean, and a goodbye.
async fn leave_clients_clean(shared: &Shared) {
    let open: Vec<(Handle, ChannelId)> = shared
        .open
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .values()
        .cloned()
        .collect();
    for (handle, channel) in open {
        let mut bytes = connection::LEAVE.to_vec();
        bytes.extend_from_slice(
            b"ceasefire: the server is stopping. Every game is saved: when the facilitator \
              starts it again, log in as before to carry on.\r\n",
        );
        let _ = handle.data(channel, bytes).await;
        let _ = handle.exit_status_request(channel, 0).await;
        let _ = handle.close(channel).await;
    }
    // The sessions write on their own tasks: give them a moment to flush before the process
    // (and with it the runtime) ends.
    tokio::time::sleep(Duration::from_millis(300)).await;
}

/// How players join, with the server's real port (and address, unless it listens on all),
/// naming only the seats that bots do not play.
fn join_line(
    address: SocketAddr,
    bots: &[Option<Policy>; 3],
    tables: usize,
    console: bool,
) -> String {
    let host = if address.ip().is_unspecified() {
        "HOST".to_string()
    } else {
        address.ip().to_string()
    };
    let facilitator = if console {
        "facilitator@ opens the console"
    } else {
        "facilitator@ needs --facilitator-password"
    };
    let seats: Vec<&str> = crate::engine::Seat::ALL
        .into_iter()
        .filter(|seat| bots[seat.index()].is_none())
        .map(|seat| seat.key())
        .collect();
    let example = seats.first().copied().unwrap_or("watch");
    let seats = if seats.is_empty() {
        "every seat is a bot".to_string()
    } else {
        format!("seats {}", seats.join("@ ") + "@")
    };
    // With several tables, a seat's name takes the table's number.
    let numbered = if tables > 1 {
        format!("; at table N add .N, as {example}.2@")
    } else {
        String::new()
    };
    format!(
        "Players join with: ssh -p {} {example}@{host} ({seats}{numbered}; watch@ spectates; \
         any other name opens the lobby; {facilitator})",
        address.port()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_console_line_counts_failed_logins_and_slowed_addresses() {
        let shared = Shared {
            tables: Arc::new(Tables::new(None, Duration::ZERO)),
            access: Access::Open,
            connections: AtomicUsize::new(4),
            throttle: throttle::LoginThrottle::default(),
            open: Mutex::new(HashMap::new()),
            facilitator_password: None,
            reports_dir: PathBuf::from("."),
            seed: 1,
            idle_timeout: Duration::from_secs(60),
            address: std::sync::OnceLock::new(),
        };
        assert_eq!(shared.status_line(), "4 connected");
        let now = std::time::Instant::now();
        let guesser = std::net::IpAddr::from([192, 0, 2, 1]);
        for _ in 0..=throttle::FREE_FAILURES {
            shared.throttle.failed(guesser, now);
        }
        assert_eq!(
            shared.status_line(),
            format!(
                "4 connected · {} failed logins (1 address slowed)",
                throttle::FREE_FAILURES + 1
            )
        );
    }

    #[test]
    fn accepted_connections_inherit_the_listeners_tcp_keepalives() {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        runtime.block_on(async {
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
            keep_alive(&listener);
            let address = listener.local_addr().unwrap();
            let _client = tokio::net::TcpStream::connect(address).await.unwrap();
            let (accepted, _) = listener.accept().await.unwrap();
            let socket = socket2::SockRef::from(&accepted);
            assert!(socket.keepalive().unwrap());
            assert_eq!(
                socket.tcp_keepalive_time().unwrap(),
                Duration::from_secs(20)
            );
            assert_eq!(
                socket.tcp_user_timeout().unwrap(),
                Some(Duration::from_secs(60))
            );
        });
    }
}
