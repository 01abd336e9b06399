//! An SSH client for loopback tests of `ceasefire serve` that accepts any host key and can
//! stop reading, as a client that no longer reads what the server sends. Shared by
//! `tests/server_limits.rs` and `examples/ssh_load.rs` (included with `#[path]`).

use russh::client;
use russh::keys::PublicKeyOrCertificate;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::task::{Context, Poll};
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};

/// A client handler that trusts any server key (the tests' server makes a new one).
pub struct Client;

impl client::Handler for Client {
    type Error = russh::Error;

    async fn check_server_key(
        &mut self,
        _key: &PublicKeyOrCertificate,
    ) -> Result<bool, Self::Error> {
        Ok(true)
    }
}

/// A TCP stream whose reading can be stopped: a client that no longer reads what the server
/// sends, while it goes on writing.
pub struct Stallable {
    /// The connection.
    pub inner: tokio::net::TcpStream,
    /// While true, reads wait forever.
    pub stalled: Arc<AtomicBool>,
}

impl AsyncRead for Stallable {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<std::io::Result<()>> {
        if self.stalled.load(Ordering::SeqCst) {
            return Poll::Pending;
        }
        Pin::new(&mut self.inner).poll_read(cx, buf)
    }
}

impl AsyncWrite for Stallable {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<std::io::Result<usize>> {
        Pin::new(&mut self.inner).poll_write(cx, buf)
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.inner).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.inner).poll_shutdown(cx)
    }
}

/// A session channel of the client.
pub type Channel = russh::Channel<client::Msg>;

/// Opens a session channel on `session` with a 100x30 `xterm-256color` terminal and a shell:
/// what `ssh` does before the game's first screen.
pub async fn open_terminal(session: &client::Handle<Client>) -> Result<Channel, russh::Error> {
    let channel = session.channel_open_session().await?;
    channel
        .request_pty(false, "xterm-256color", 100, 30, 0, 0, &[])
        .await?;
    channel.request_shell(false).await?;
    Ok(channel)
}
