//! The shipped scenarios, compiled into the binary so `ceasefire` works from any folder.
//!
//! A test checks that every `.toml` file of `decks/<name>/` is listed here and identical.

/// The names of the shipped scenarios.
pub const NAMES: &[&str] = &["istanbul", "tutorial", "doha"];

/// The files every scenario has, then the `$extra` ones only some have (the tutorial's steps).
macro_rules! scenario_files {
    ($name:literal $(, $extra:literal)*) => {
        &[
            (
                "scenario.toml",
                include_str!(concat!("../../decks/", $name, "/scenario.toml")),
            ),
            (
                "pakistan.toml",
                include_str!(concat!("../../decks/", $name, "/pakistan.toml")),
            ),
            (
                "afghanistan.toml",
                include_str!(concat!("../../decks/", $name, "/afghanistan.toml")),
            ),
            (
                "mediator.toml",
                include_str!(concat!("../../decks/", $name, "/mediator.toml")),
            ),
            (
                "shared.toml",
                include_str!(concat!("../../decks/", $name, "/shared.toml")),
            ),
            (
                "events.toml",
                include_str!(concat!("../../decks/", $name, "/events.toml")),
            ),
            (
                "objectives.toml",
                include_str!(concat!("../../decks/", $name, "/objectives.toml")),
            ),
            $(($extra, include_str!(concat!("../../decks/", $name, "/", $extra))),)*
        ]
    };
}

const ISTANBUL: &[(&str, &str)] = scenario_files!("istanbul");
const TUTORIAL: &[(&str, &str)] = scenario_files!("tutorial", "steps.toml");
const DOHA: &[(&str, &str)] = scenario_files!("doha");

/// The files of a shipped scenario, by name.
pub fn files(name: &str) -> Option<&'static [(&'static str, &'static str)]> {
    match name {
        "istanbul" => Some(ISTANBUL),
        "tutorial" => Some(TUTORIAL),
        "doha" => Some(DOHA),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    #[test]
    fn every_shipped_file_is_embedded_and_current() {
        for name in NAMES {
            let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("decks")
                .join(name);
            let embedded = files(name).unwrap();
            let mut on_disk: Vec<String> = std::fs::read_dir(&dir)
                .unwrap()
                .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .filter(|n| n.ends_with(".toml"))
                .collect();
            on_disk.sort();
            let mut listed: Vec<String> = embedded.iter().map(|(f, _)| f.to_string()).collect();
            listed.sort();
            assert_eq!(listed, on_disk, "decks/{name}");
            for (file, text) in embedded {
                assert_eq!(std::fs::read_to_string(dir.join(file)).unwrap(), *text);
            }
        }
    }

    #[test]
    fn every_shipped_scenario_is_valid() {
        for name in NAMES {
            let source = crate::scenario::ScenarioSource::builtin(name).unwrap();
            if let Err(e) = source.build() {
                panic!("{name}: {e}");
            }
        }
    }
}
