//! Save files on disk: bounded reading (only a regular file, at most [`MAX_SAVE_BYTES`]),
//! atomic writes (a temporary file beside the save, renamed over it), an atomic first write
//! that never overwrites another game's save, and the cleaning of temporary files a killed
//! writer left behind.

use super::SaveError;
use std::fs;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

/// The largest save file Ceasefire reads: 64 MiB. A long finished game with bot notes and
/// reflections takes well under 1 MiB, so anything larger is not a save (or a damaged one),
/// and reading it would only cost memory.
pub const MAX_SAVE_BYTES: u64 = 64 * 1024 * 1024;

/// How old a temporary file (`.NAME.json.PID.tmp`) of a writer in another process must be
/// before it is removed even though that process may still run: 10 minutes, while a write
/// takes milliseconds. A temporary file of a process that no longer runs is removed at once
/// where the system says which processes run (`/proc`).
pub const STALE_TEMPORARY_AGE: Duration = Duration::from_secs(10 * 60);

/// Reads the file at `path` whole, when it is a regular file (a symbolic link to one is
/// followed) of at most `limit` bytes. A device, a FIFO, a folder or a socket is refused
/// before it is opened, so reading never blocks or runs without end; the read itself is
/// bounded too, so a file that grows while it is read is refused as well.
pub fn read_bounded(path: &Path, limit: u64) -> Result<Vec<u8>, SaveError> {
    let io = |source| SaveError::Io {
        path: path.to_path_buf(),
        source,
    };
    let metadata = fs::metadata(path).map_err(io)?;
    if !metadata.is_file() {
        return Err(SaveError::NotAFile {
            path: path.to_path_buf(),
            what: kind_of(&metadata.file_type()),
        });
    }
    let too_large = || SaveError::TooLarge {
        path: path.to_path_buf(),
        limit,
    };
    if metadata.len() > limit {
        return Err(too_large());
    }
    let file = fs::File::open(path).map_err(io)?;
    // The file opened may not be the one looked at (it was replaced in between).
    let opened = file.metadata().map_err(io)?;
    if !opened.is_file() {
        return Err(SaveError::NotAFile {
            path: path.to_path_buf(),
            what: kind_of(&opened.file_type()),
        });
    }
    let mut bytes = Vec::with_capacity(usize::try_from(opened.len().min(limit)).unwrap_or(0));
    file.take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(io)?;
    if bytes.len() as u64 > limit {
        return Err(too_large());
    }
    Ok(bytes)
}

/// What a file that is not a regular file is, in words.
fn kind_of(kind: &fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return "a FIFO (named pipe)";
        }
        if kind.is_char_device() || kind.is_block_device() {
            return "a device";
        }
        if kind.is_socket() {
            return "a socket";
        }
    }
    if kind.is_dir() {
        "a folder"
    } else {
        "not a regular file"
    }
}

/// Writes `bytes` to `path` atomically: a temporary file beside it, flushed to disk, then
/// renamed over `path`. A reader sees the old file or the new one, never a part.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), SaveError> {
    let (_, temporary) = temporary_beside(path)?;
    let result = write_temporary(&temporary, bytes).and_then(|()| fs::rename(&temporary, path));
    if result.is_err() {
        let _ = fs::remove_file(&temporary);
    }
    result.map_err(|source| SaveError::Io {
        path: path.to_path_buf(),
        source,
    })
}

/// Writes `bytes` atomically to the first of `candidates` that does not exist yet, and
/// returns it: the whole file appears at once (a hard link of a complete temporary file,
/// which fails rather than replace a file another game claimed meanwhile), so a kill at any
/// moment leaves either no file or the whole one, never an empty save. On a file system
/// without hard links, the file is claimed by creating it and then written atomically.
pub fn write_new(
    candidates: impl IntoIterator<Item = PathBuf>,
    bytes: &[u8],
) -> Result<PathBuf, SaveError> {
    let mut last = None;
    for candidate in candidates {
        if candidate.symlink_metadata().is_ok() {
            continue;
        }
        let (_, temporary) = temporary_beside(&candidate)?;
        let io = |source| SaveError::Io {
            path: candidate.clone(),
            source,
        };
        if let Err(e) = write_temporary(&temporary, bytes) {
            let _ = fs::remove_file(&temporary);
            return Err(io(e));
        }
        let linked = fs::hard_link(&temporary, &candidate);
        let _ = fs::remove_file(&temporary);
        match linked {
            Ok(()) => return Ok(candidate),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                last = Some(candidate);
            }
            Err(_) => {
                let claimed = fs::OpenOptions::new()
                    .write(true)
                    .create_new(true)
                    .open(&candidate);
                match claimed {
                    Ok(_) => return write_atomic(&candidate, bytes).map(|()| candidate),
                    Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                        last = Some(candidate);
                    }
                    Err(e) => return Err(io(e)),
                }
            }
        }
    }
    Err(SaveError::Io {
        path: last.unwrap_or_default(),
        source: std::io::Error::other("every name for the save is taken"),
    })
}

/// The folder of `path` (created if needed) and this process's temporary file beside it.
fn temporary_beside(path: &Path) -> Result<(PathBuf, PathBuf), SaveError> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
        .to_path_buf();
    fs::create_dir_all(&dir).map_err(|source| SaveError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    let name = path
        .file_name()
        .map_or("save".into(), |n| n.to_string_lossy().into_owned());
    let temporary = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    Ok((dir, temporary))
}

fn write_temporary(temporary: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut file = fs::File::create(temporary)?;
    file.write_all(bytes)?;
    file.sync_all()
}

/// Removes the temporary files (`.NAME.json.PID.tmp`) that writers killed in the middle of a
/// write left in `dir`: those of a process that no longer runs (where `/proc` says so), and
/// any of another process older than [`STALE_TEMPORARY_AGE`]. This process's own are left
/// alone (its writers remove them). Returns the files removed.
pub fn clean_stale_temporaries(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = fs::read_dir(dir) else {
        return Vec::new();
    };
    let now = SystemTime::now();
    let mut removed = Vec::new();
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(pid) = temporary_pid(&name.to_string_lossy()) else {
            continue;
        };
        if pid == std::process::id() {
            continue;
        }
        let Ok(metadata) = entry.path().symlink_metadata() else {
            continue;
        };
        if !metadata.is_file() {
            continue;
        }
        let old = metadata
            .modified()
            .ok()
            .and_then(|at| now.duration_since(at).ok())
            .is_some_and(|age| age >= STALE_TEMPORARY_AGE);
        if (old || !process_runs(pid)) && fs::remove_file(entry.path()).is_ok() {
            removed.push(entry.path());
        }
    }
    removed
}

/// The writer's process id in a temporary file's name `.NAME.json.PID.tmp`.
fn temporary_pid(name: &str) -> Option<u32> {
    let rest = name.strip_prefix('.')?.strip_suffix(".tmp")?;
    let (save, pid) = rest.rsplit_once('.')?;
    if !save.ends_with(".json") || save.len() <= ".json".len() {
        return None;
    }
    pid.parse().ok()
}

/// Whether a process with this id runs, as far as this system tells (`true` when it cannot
/// tell, so only age removes such a file).
fn process_runs(pid: u32) -> bool {
    let proc = Path::new("/proc");
    !proc.join("self").exists() || proc.join(pid.to_string()).exists()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_temporary_name_gives_its_writers_process() {
        assert_eq!(temporary_pid(".table-1-x.json.4242.tmp"), Some(4242));
        assert_eq!(temporary_pid(".json.4242.tmp"), None);
        assert_eq!(temporary_pid("table-1-x.json"), None);
        assert_eq!(temporary_pid(".x.json.abc.tmp"), None);
    }
}
