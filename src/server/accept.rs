//! The server's front door: accepts TCP connections, turns away those over the connection
//! limits with a one-line refusal before any SSH is spoken, and runs an SSH session for each
//! admitted one with a deadline to log in. An error accepting (the process out of file
//! descriptors, say) is logged and waited out: nothing a client does ends the server.

use super::Shared;
use super::admission::{Admission, Permit, refusal_bytes};
use super::connection::Connection;
use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::Semaphore;

/// Refusals being sent at once; past this, a refused connection is simply closed.
const REFUSALS_AT_ONCE: usize = 32;
/// How long a refused client is given to read its refusal.
const REFUSAL_TIME: Duration = Duration::from_secs(2);
/// How long to wait after an error accepting before trying again.
const ACCEPT_PAUSE: Duration = Duration::from_millis(100);

/// What every session is started with.
pub struct FrontDoor {
    /// The SSH settings.
    pub config: Arc<russh::server::Config>,
    /// What the connections share.
    pub shared: Arc<Shared>,
    /// The connection limits.
    pub admission: Arc<Admission>,
    /// How long a connection may take to log in and open its terminal.
    pub login_grace: Duration,
}

/// Accepts connections on `listener` until the task is dropped.
pub async fn serve(listener: TcpListener, door: FrontDoor) {
    let door = Arc::new(door);
    let refusing = Arc::new(Semaphore::new(REFUSALS_AT_ONCE));
    let next_id = AtomicU64::new(1);
    let mut refusals_logged = LogBudget::default();
    loop {
        let (stream, peer) = match listener.accept().await {
            Ok(accepted) => accepted,
            Err(error) => {
                tracing::warn!(%error, "could not accept a connection; trying again");
                tokio::time::sleep(ACCEPT_PAUSE).await;
                continue;
            }
        };
        match door.admission.admit(peer.ip()) {
            Ok(permit) => {
                let id = next_id.fetch_add(1, Ordering::SeqCst);
                tokio::spawn(session(door.clone(), stream, peer, id, permit));
            }
            Err(refusal) => {
                if let Some(more) = refusals_logged.count(Instant::now()) {
                    tracing::warn!(%peer, %refusal, more, "connection refused at the door");
                }
                if let Ok(turn) = refusing.clone().try_acquire_owned() {
                    tokio::spawn(async move {
                        turn_away(stream, &refusal.to_string()).await;
                        drop(turn);
                    });
                }
            }
        }
    }
}

/// At most one log line a second for a kind of event that can come in floods, with the
/// number left out since the last one: a flood of refused connections must not fill the
/// log's disk.
#[derive(Debug, Default)]
struct LogBudget {
    last: Option<Instant>,
    left_out: u64,
}

impl LogBudget {
    /// Counts an event at `now`: `Some(left out before it)` when it gets a line.
    fn count(&mut self, now: Instant) -> Option<u64> {
        match self.last {
            Some(last) if now.duration_since(last) < Duration::from_secs(1) => {
                self.left_out += 1;
                None
            }
            _ => {
                self.last = Some(now);
                Some(std::mem::take(&mut self.left_out))
            }
        }
    }
}

/// One admitted connection's SSH session; its place is freed when the session ends.
async fn session(
    door: Arc<FrontDoor>,
    stream: TcpStream,
    peer: SocketAddr,
    id: u64,
    permit: Permit,
) {
    let _ = stream.set_nodelay(true);
    let ready = Arc::new(AtomicBool::new(false));
    let handler = Connection::new(id, door.shared.clone(), Some(peer.ip()), ready.clone());
    let started = tokio::time::timeout(
        door.login_grace,
        russh::server::run_stream(door.config.clone(), stream, handler),
    )
    .await;
    let Ok(Ok(running)) = started else {
        tracing::info!(conn = id, %peer, "no SSH session started in time");
        return;
    };
    let handle = running.handle();
    tokio::pin!(running);
    let deadline = async {
        tokio::time::sleep(door.login_grace).await;
        if ready.load(Ordering::SeqCst) {
            std::future::pending::<()>().await;
        }
    };
    tokio::select! {
        result = &mut running => {
            if let Err(error) = result {
                tracing::debug!(conn = id, %error, "session ended with an error");
            }
        }
        () = deadline => {
            tracing::info!(conn = id, %peer, "not logged in within the time allowed; closed");
            let seconds = door.login_grace.as_secs();
            let _ = handle
                .disconnect(
                    russh::Disconnect::ByApplication,
                    format!("ceasefire: no login within {seconds} seconds"),
                    String::new(),
                )
                .await;
            let _ = tokio::time::timeout(REFUSAL_TIME, &mut running).await;
        }
    }
    drop(permit);
}

/// Sends a refused client its one line, gives it a moment to read it, and closes.
async fn turn_away(mut stream: TcpStream, message: &str) {
    let bytes = refusal_bytes(message);
    let _ = tokio::time::timeout(REFUSAL_TIME, async {
        stream.write_all(&bytes).await?;
        stream.shutdown().await?;
        // Reading what the client sends until it closes avoids a reset that could
        // overtake the refusal.
        let mut sink = [0u8; 1024];
        while stream.read(&mut sink).await? > 0 {}
        Ok::<(), std::io::Error>(())
    })
    .await;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_flood_of_refusals_gets_a_line_a_second_with_the_count_left_out() {
        let mut budget = LogBudget::default();
        let start = Instant::now();
        assert_eq!(budget.count(start), Some(0));
        for i in 1..=500u64 {
            assert_eq!(budget.count(start + Duration::from_millis(i)), None);
        }
        assert_eq!(budget.count(start + Duration::from_secs(1)), Some(500));
    }
}
