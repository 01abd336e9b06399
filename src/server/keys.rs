//! The server's host key (created on first start and kept) and the players' authorized keys.

use super::ServeError;
use russh::keys::ssh_key::LineEnding;
use russh::keys::ssh_key::authorized_keys::{AuthorizedKeys, ConfigOpts};
use russh::keys::{Algorithm, HashAlg, PrivateKey, PublicKey};
use std::path::Path;

/// Loads the host key at `path`, or creates an Ed25519 key there (owner-only permissions)
/// when the file does not exist yet.
pub fn host_key(path: &Path) -> Result<PrivateKey, ServeError> {
    if path.exists() {
        return PrivateKey::read_openssh_file(path).map_err(|e| ServeError::Key {
            path: path.to_path_buf(),
            detail: e.to_string(),
        });
    }
    let key =
        PrivateKey::random(&mut rand::rng(), Algorithm::Ed25519).map_err(|e| ServeError::Key {
            path: path.to_path_buf(),
            detail: e.to_string(),
        })?;
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| ServeError::io(dir, e))?;
    }
    let text = key
        .to_openssh(LineEnding::LF)
        .map_err(|e| ServeError::Key {
            path: path.to_path_buf(),
            detail: e.to_string(),
        })?;
    write_private(path, text.as_bytes()).map_err(|e| ServeError::io(path, e))?;
    Ok(key)
}

#[cfg(unix)]
fn write_private(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    use std::os::unix::fs::OpenOptionsExt;
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)?;
    file.write_all(bytes)?;
    file.sync_all()
}

#[cfg(not(unix))]
fn write_private(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    std::fs::write(path, bytes)
}

/// The key's SHA-256 fingerprint as `ssh` prints it (`SHA256:…`).
pub fn fingerprint(key: &PrivateKey) -> String {
    key.public_key().fingerprint(HashAlg::Sha256).to_string()
}

/// Options that say who may log in with a key. The server cannot honour them, so a line
/// that carries one is refused rather than opened to everyone.
const ACCESS_OPTIONS: [&str; 4] = ["from", "expiry-time", "cert-authority", "principals"];

/// Reads an `authorized_keys` file with the `ssh-key` crate's parser: one OpenSSH public key
/// a line, optionally after options (`restrict,command="…" ssh-ed25519 AAAA… comment`);
/// blank lines and `#` comments are skipped. Options that limit what a session may do
/// (`restrict`, `command=`, `no-pty`, …) are accepted and have nothing to limit: the server
/// only runs the game. Options that limit who may log in (`from=`, `expiry-time=`, …) are
/// refused, since the server does not enforce them. A bad line is an error naming the file
/// and the line. (`ssh-key` refuses a space inside a quoted option, which OpenSSH allows.)
pub fn authorized_keys(path: &Path) -> Result<Vec<PublicKey>, ServeError> {
    let text = std::fs::read_to_string(path).map_err(|e| ServeError::io(path, e))?;
    text.lines()
        .enumerate()
        // Line by line, so an error can say which.
        .filter_map(|(index, line)| key_line(line).map(|key| (index, key)))
        .map(|(index, key)| {
            key.map_err(|detail| ServeError::Key {
                path: path.to_path_buf(),
                detail: format!("line {}: {detail}", index + 1),
            })
        })
        .collect()
}

/// The key on one line of an `authorized_keys` file; `None` for a blank or comment line.
/// `ssh-key` takes a line of options and a key without a comment (two spaces) for a bare
/// key, and fails; such a line is read again as options (checked by the crate) and a key.
fn key_line(line: &str) -> Option<Result<PublicKey, String>> {
    let entry = AuthorizedKeys::new(line).next()?;
    let parsed = entry
        .map(|entry| (entry.config_opts().clone(), entry.public_key().clone()))
        .or_else(|error| {
            let line = line.split_once('#').map_or(line, |(kept, _)| kept).trim();
            line.split_once(' ')
                .and_then(|(options, key)| {
                    let options = ConfigOpts::new(options).ok()?;
                    let key = PublicKey::from_openssh(key.trim_start()).ok()?;
                    Some((options, key))
                })
                .ok_or(error)
        });
    Some(match parsed {
        Err(error) => Err(format!("not a public key ({error})")),
        Ok((options, key)) => match options.iter().find(|o| limits_access(o)) {
            Some(option) => Err(format!(
                "the option `{option}` says who may log in, and Ceasefire does not enforce it; \
                 remove the option (the key then admits from anywhere) or the line"
            )),
            None => Ok(key),
        },
    })
}

/// Whether an option (`from="10.0.0.0/8"`, `restrict`, …) limits who may log in.
fn limits_access(option: &str) -> bool {
    let name = option.split_once('=').map_or(option, |(name, _)| name);
    ACCESS_OPTIONS
        .iter()
        .any(|access| name.eq_ignore_ascii_case(access))
}

#[cfg(test)]
mod tests {
    use super::*;

    const ED: &str =
        "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHs3K0bAJC0GjZe4mT53nEPNG8O4l1h7w06Zcr9bRNRq";

    fn read(text: &str) -> (tempfile::TempDir, Result<Vec<PublicKey>, ServeError>) {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let path = dir.path().join("authorized_keys");
        std::fs::write(&path, text).expect("the file is written");
        let keys = authorized_keys(&path);
        (dir, keys)
    }

    #[test]
    fn lines_with_options_are_accepted() {
        let text = format!(
            "restrict,command=\"/usr/bin/true\" {ED} alice@laptop\n\
             no-port-forwarding,no-pty {ED}\n\
             {ED} bob with spaces in the comment\n"
        );
        let (_dir, keys) = read(&text);
        let keys = keys.expect("all three lines are keys");
        assert_eq!(keys.len(), 3);
        let expected = PublicKey::from_openssh(ED).expect("the test key parses");
        assert!(keys.iter().all(|k| k.key_data() == expected.key_data()));
    }

    #[test]
    fn comments_and_blank_lines_are_skipped() {
        let text = format!("# the players\n\n   \n{ED} carol\n  # an indented comment\n");
        let (_dir, keys) = read(&text);
        assert_eq!(keys.expect("one key").len(), 1);
    }

    #[test]
    fn a_bad_line_is_named_with_its_file_and_number() {
        let text = format!("# ok\n{ED}\n\nssh-ed25519 not-base64 dave\n");
        let (dir, keys) = read(&text);
        let error = keys.expect_err("line 4 is no key").to_string();
        assert!(error.contains("not a public key"), "{error}");
        assert!(error.contains("line 4"), "{error}");
        assert!(
            error.contains(&dir.path().join("authorized_keys").display().to_string()),
            "{error}"
        );
    }

    #[test]
    fn an_option_that_limits_who_may_log_in_is_refused() {
        for option in ["from=\"10.0.0.0/8\"", "no-pty,expiry-time=\"20300101\""] {
            let text = format!("{ED} ok\n{option} {ED}\n");
            let (_dir, keys) = read(&text);
            let error = keys.expect_err("an access option is refused").to_string();
            assert!(error.contains("line 2"), "{error}");
            assert!(error.contains("does not enforce it"), "{error}");
        }
    }
}
