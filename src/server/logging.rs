//! The server's log: connections, logins, failures, save errors, bot panics, tables opened
//! and closed, written with `tracing`. `serve --log FILE` appends it to a file; without it,
//! warnings and errors go to stderr. `RUST_LOG` sets the filter (`info` for a file by
//! default). A panic anywhere (a connection's task, a bot) is logged too.

use super::ServeError;
use std::path::Path;
use std::sync::Mutex;
use tracing_subscriber::EnvFilter;

/// Starts the log: appended to `file`, or to stderr. Call once, before the server starts;
/// a second call keeps the first log.
pub fn init(file: Option<&Path>) -> Result<(), ServeError> {
    let default = if file.is_some() { "info" } else { "warn" };
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new(default));
    let builder = tracing_subscriber::fmt().with_env_filter(filter);
    let installed = match file {
        Some(path) => {
            let log = std::fs::OpenOptions::new()
                .create(true)
                .append(true)
                .open(path)
                .map_err(|e| ServeError::Io {
                    path: path.to_path_buf(),
                    source: e,
                })?;
            builder.with_writer(Mutex::new(log)).try_init()
        }
        None => builder.with_writer(std::io::stderr).try_init(),
    };
    if installed.is_ok() {
        log_panics();
    }
    Ok(())
}

/// Logs every panic (where, and what it said) before the usual report on stderr: a
/// connection's task that panics ends only that connection, and this says why.
fn log_panics() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let thread = std::thread::current();
        let message = crate::table::panic_message(info.payload());
        let at = info
            .location()
            .map_or_else(String::new, |l| format!("{}:{}", l.file(), l.line()));
        tracing::error!(
            thread = thread.name().unwrap_or("unnamed"),
            at,
            "panic: {message}"
        );
        previous(info);
    }));
}
