//! The port `ceasefire serve --bind 127.0.0.1:0` listens on, read from the first line it
//! prints. Shared by the server's tests and examples (included with `#[path]`).

/// The port in the server's address line ("… 127.0.0.1:PORT …"), if the line has one.
pub fn listening_port(line: &str) -> Option<u16> {
    line.split("127.0.0.1:")
        .nth(1)
        .and_then(|rest| rest.split_whitespace().next())
        .and_then(|port| port.parse().ok())
}
