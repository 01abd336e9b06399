//! The shipped scenarios, compiled into the binary so `ceasefire` works from any folder.

/// The names of the shipped scenarios.
pub const NAMES: &[&str] = &[];

/// The files of a shipped scenario, by name.
pub fn files(name: &str) -> Option<&'static [(&'static str, &'static str)]> {
    let _ = name;
    None
}
