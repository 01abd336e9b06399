//! The port `ceasefire serve --bind 127.0.0.1:0` listens on, read from the first line it
//! prints. Shared by the server's tests and examples (included with `#[path]`).

/// The port in the server's address line ("… 127.0.0.1:PORT …"), if the line has one.
pub fn listening_port(line: &str) -> Option<u16> {
    line.split("127.0.0.1:")
        .nth(1)
        .and_then(|rest| rest.split_whitespace().next())
        .and_then(|port| port.parse().ok())
}

/// Starts `command`, a `ceasefire serve --bind 127.0.0.1:0`, with its output piped: returns
/// the child and the port read from its first line, and drains the rest of its output on a
/// thread so the server never blocks writing it. The examples use it; the tests read more of
/// what the server prints (its join codes), so they keep its output themselves.
#[allow(dead_code)]
pub fn spawn_serving(
    command: &mut std::process::Command,
) -> std::io::Result<(std::process::Child, u16)> {
    use std::io::BufRead;
    let mut child = command
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()?;
    let out = child.stdout.take().expect("piped");
    let mut stdout = std::io::BufReader::new(out);
    let mut first = String::new();
    stdout.read_line(&mut first)?;
    std::thread::spawn(move || for _ in stdout.lines() {});
    let port = listening_port(&first)
        .ok_or_else(|| std::io::Error::other(format!("no port in {first:?}")))?;
    Ok((child, port))
}
