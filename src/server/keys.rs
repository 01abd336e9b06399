//! The server's host key (created on first start and kept) and the players' authorized keys.

use super::ServeError;
use russh::keys::ssh_key::LineEnding;
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

/// Reads an `authorized_keys` file: one OpenSSH public key a line; blank lines and `#`
/// comments are skipped. A line that is not a key is an error naming the line.
pub fn authorized_keys(path: &Path) -> Result<Vec<PublicKey>, ServeError> {
    let text = std::fs::read_to_string(path).map_err(|e| ServeError::io(path, e))?;
    text.lines()
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty() && !line.trim_start().starts_with('#'))
        .map(|(index, line)| {
            PublicKey::from_openssh(line.trim()).map_err(|e| ServeError::Key {
                path: path.to_path_buf(),
                detail: format!("line {}: {e}", index + 1),
            })
        })
        .collect()
}
