//! The config file, `~/.config/ceasefire/config.toml` (or the file `CEASEFIRE_CONFIG` names):
//! `[keys.CONTEXT]` tables give commands other keys (`pass = ["x"]`). Unknown contexts and
//! commands, unreadable key names and two commands of one context on one key are refused with
//! the file, line and column, and a hint.

use super::{Context, Key, Keymap};
use crate::scenario::ScenarioError;
use ratatui::crossterm::event::KeyCode;
use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};
use toml::Spanned;
use toml::de::{DeTable, DeValue};

/// The environment variable that names another config file (for tests and odd setups).
pub const CONFIG_ENV: &str = "CEASEFIRE_CONFIG";

/// A config file that cannot be used: where it goes wrong, what is wrong and how to fix it
/// (written like a scenario's errors), with any further problems found in the same pass.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError(pub ScenarioError);

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl std::error::Error for ConfigError {}

/// The config file to read: `CEASEFIRE_CONFIG` if set, else `config.toml` in the user's
/// config directory (`~/.config/ceasefire/` on Linux).
pub fn config_path() -> Option<PathBuf> {
    match std::env::var_os(CONFIG_ENV) {
        Some(path) if !path.is_empty() => Some(PathBuf::from(path)),
        _ => dirs::config_dir().map(|dir| dir.join("ceasefire").join("config.toml")),
    }
}

/// The keymap of the config file, or the defaults when there is none. A file named by
/// `CEASEFIRE_CONFIG` must exist; the usual one may be missing.
pub fn load_config() -> Result<Keymap, ConfigError> {
    let Some(path) = config_path() else {
        return Ok(Keymap::default());
    };
    if std::env::var_os(CONFIG_ENV).is_none() && !path.exists() {
        return Ok(Keymap::default());
    }
    load_config_file(&path)
}

/// The keymap of the config file at `path`.
pub fn load_config_file(path: &Path) -> Result<Keymap, ConfigError> {
    let text = std::fs::read_to_string(path).map_err(|e| {
        ConfigError(ScenarioError::whole_file(
            path,
            format!("cannot read the config file: {e}"),
            "check the path; `ceasefire config --print-default` prints a file to start from"
                .to_string(),
        ))
    })?;
    parse_config(path, &text)
}

/// The keymap `text` (the contents of `path`) describes: the defaults, with the commands it
/// names given its keys.
pub fn parse_config(path: &Path, text: &str) -> Result<Keymap, ConfigError> {
    let mut problems = Vec::new();
    let keymap = read(text, &mut |span, message, hint| {
        problems.push(ScenarioError::at(path, text, span, message, hint));
    });
    problems.sort_by_key(|p| (p.line, p.column));
    let mut problems = problems.into_iter();
    match problems.next() {
        None => Ok(keymap),
        Some(first) => Err(ConfigError(first.followed_by(problems.collect(), 0))),
    }
}

type Report<'a> = dyn FnMut(Range<usize>, String, String) + 'a;

const KEY_NAMES: &str = "a character (`p`, `?`, `G`), a name (enter, esc, tab, shift-tab, \
                         space, up, down, left, right, pageup, pagedown, home, end, backspace, \
                         delete, insert, f1 to f12), or either after `ctrl-` (`ctrl-z`)";

fn read(text: &str, report: &mut Report) -> Keymap {
    let mut keymap = Keymap::default();
    let document = match DeTable::parse(text) {
        Ok(document) => document.into_inner(),
        Err(e) => {
            let hint = "the config file is TOML: `[keys.table]`, then lines like `pass = [\"p\"]`";
            report(
                e.span().unwrap_or(0..0),
                e.message().trim().to_string(),
                hint.to_string(),
            );
            return keymap;
        }
    };
    for (name, value) in document {
        if name.get_ref() != "keys" {
            report(
                name.span(),
                format!("unknown section `{}`", name.get_ref()),
                "the config file holds only `[keys.CONTEXT]` tables".to_string(),
            );
            continue;
        }
        let Some(contexts) = table(&value, "keys", report) else {
            continue;
        };
        for (name, value) in contexts {
            let Some(context) = Context::ALL
                .into_iter()
                .find(|c| c.name() == name.get_ref())
            else {
                let known: Vec<&str> = Context::ALL.iter().map(|c| c.name()).collect();
                report(
                    name.span(),
                    format!("unknown context `{}`", name.get_ref()),
                    format!("the contexts are {}", known.join(", ")),
                );
                continue;
            };
            if let Some(commands) = table(value, &format!("keys.{}", context.name()), report) {
                read_context(&mut keymap, context, commands, report);
            }
        }
    }
    keymap
}

/// The table in `value`, or a report that `[name]` must be one.
fn table<'a, 'i>(
    value: &'a Spanned<DeValue<'i>>,
    name: &str,
    report: &mut Report,
) -> Option<&'a DeTable<'i>> {
    match value.get_ref() {
        DeValue::Table(table) => Some(table),
        _ => {
            report(
                value.span(),
                format!("`{name}` must be a table"),
                format!("write it as a `[{name}]` header with lines under it"),
            );
            None
        }
    }
}

fn read_context(keymap: &mut Keymap, context: Context, commands: &DeTable, report: &mut Report) {
    let entries = context.entries();
    let names: Vec<&str> = entries.iter().map(|e| e.0).collect();
    // Where each key the file gives was written, to point at a clash.
    let mut written: Vec<(usize, Key, Range<usize>)> = Vec::new();
    for (name, value) in commands {
        let Some(index) = names.iter().position(|n| n == name.get_ref()) else {
            report(
                name.span(),
                format!(
                    "unknown command `{}` in [keys.{}]",
                    name.get_ref(),
                    context.name()
                ),
                format!("the commands there are {}", names.join(", ")),
            );
            continue;
        };
        let items: Vec<&Spanned<DeValue>> = match value.get_ref() {
            DeValue::Array(items) => items.iter().collect(),
            DeValue::String(_) => vec![value],
            _ => {
                report(
                    value.span(),
                    format!("`{}` needs a list of keys", name.get_ref()),
                    format!("write it like `{} = [\"x\", \"ctrl-x\"]`", name.get_ref()),
                );
                continue;
            }
        };
        if items.is_empty() {
            let defaults: Vec<String> = entries[index].2.iter().map(Key::to_string).collect();
            report(
                value.span(),
                format!("`{}` has no key", name.get_ref()),
                format!(
                    "give it at least one key, or leave the line out for its defaults ({})",
                    defaults.join(", ")
                ),
            );
            continue;
        }
        let mut keys = Vec::new();
        for item in items {
            let parsed = match item.get_ref() {
                DeValue::String(text) => Key::parse(text),
                _ => Err("a key is written as a string".to_string()),
            };
            match parsed {
                Ok(key) if key == Key::ctrl(KeyCode::Char('c')) => report(
                    item.span(),
                    "ctrl-c cannot be remapped".to_string(),
                    "Ctrl-C always asks to quit; choose another key".to_string(),
                ),
                Ok(key) if keys.contains(&key) => report(
                    item.span(),
                    format!("`{key}` is listed twice"),
                    "list each key once".to_string(),
                ),
                Ok(key) => {
                    keys.push(key);
                    written.push((index, key, item.span()));
                }
                Err(message) => report(
                    item.span(),
                    message,
                    format!("a key is written as {KEY_NAMES}"),
                ),
            }
        }
        if !keys.is_empty() {
            keymap.set(context, index, keys);
        }
    }
    let bound = keymap.context(context).to_vec();
    // A clash between two lines of the file is reported once, at the later line.
    let mut reported: Vec<(usize, usize)> = Vec::new();
    written.sort_by_key(|(.., span)| span.start);
    for (index, key, span) in written.into_iter().rev() {
        let Some(other) = (0..bound.len()).find(|&o| o != index && bound[o].contains(&key)) else {
            continue;
        };
        if reported.contains(&(other, index)) {
            continue;
        }
        reported.push((index, other));
        let others: Vec<String> = bound[other].iter().map(Key::to_string).collect();
        report(
            span,
            format!(
                "`{key}` is the key of both `{}` and `{}` in [keys.{}]",
                names[index],
                names[other],
                context.name()
            ),
            format!(
                "one key does one thing in a context: give `{}` other keys (now {}), or `{}` \
                 another key",
                names[other],
                others.join(", "),
                names[index]
            ),
        );
    }
}

/// A config file that sets every command of every context to its default keys, each with a
/// comment saying what it does: `ceasefire config --print-default` prints it.
pub fn default_config_toml() -> String {
    let mut out = String::from(
        "# Ceasefire's config file: ~/.config/ceasefire/config.toml (or the file named by\n\
         # CEASEFIRE_CONFIG). Every command of every context is listed with its default keys;\n\
         # keep only the lines you change. A key is written as a character (\"p\", \"?\", \"G\"),\n\
         # a name (enter, esc, tab, shift-tab, space, up, down, left, right, pageup, pagedown,\n\
         # home, end, backspace, delete, insert, f1 to f12), or either after \"ctrl-\"\n\
         # (\"ctrl-z\"). Ctrl-C always asks to quit. Within a context, one key does one thing.\n",
    );
    for context in Context::ALL {
        out.push_str(&format!(
            "\n# {}\n[keys.{}]\n",
            context.about(),
            context.name()
        ));
        for (name, help, keys) in context.entries() {
            let keys: Vec<String> = keys
                .iter()
                .map(|k| toml::Value::String(k.to_string()).to_string())
                .collect();
            let line = format!("{name} = [{}]", keys.join(", "));
            out.push_str(&format!("{line:<32} # {help}\n"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::keys::{Command, Commands};

    fn parse(text: &str) -> Result<Keymap, ConfigError> {
        parse_config(Path::new("config.toml"), text)
    }

    #[test]
    fn the_default_text_reads_back_as_the_defaults() {
        assert_eq!(parse(&default_config_toml()), Ok(Keymap::default()));
    }

    #[test]
    fn a_remap_changes_only_what_it_names() {
        let keymap = parse("[keys.table]\npass = [\"x\"]\nundo = [\"u\", \"ctrl-z\"]\n").unwrap();
        assert_eq!(keymap.keys(Command::Pass), [Key::plain(KeyCode::Char('x'))]);
        assert_eq!(keymap.keys(Command::Undo)[1], Key::ctrl(KeyCode::Char('z')));
        assert_eq!(keymap.keys(Command::Brief), Command::Brief.entry().keys);
    }

    #[test]
    fn mistakes_are_located() {
        let cases = [
            ("[keys.tabel]\n", "config.toml:1:7", "unknown context"),
            (
                "[keys.table]\npas = [\"x\"]\n",
                "config.toml:2:1",
                "unknown command",
            ),
            (
                "[keys.table]\npass = [\"hyper\"]\n",
                "config.toml:2:9",
                "not a key name",
            ),
            (
                "[keys.table]\nundo = [\"p\"]\n",
                "config.toml:2:9",
                "both `undo` and `pass`",
            ),
            ("[keys.table]\npass = []\n", "config.toml:2:8", "has no key"),
            ("[colours]\n", "config.toml:1:2", "unknown section"),
            ("[keys.table\n", "config.toml:1:", "config.toml"),
        ];
        for (text, at, says) in cases {
            let error = parse(text).unwrap_err().to_string();
            assert!(error.starts_with(at), "{text:?} → {error}");
            assert!(error.contains(says), "{text:?} → {error}");
            assert!(error.contains("hint: "), "{error}");
        }
        // A swap is fine: both commands are given new keys.
        assert!(parse("[keys.table]\npass = [\"u\"]\nundo = [\"p\"]\n").is_ok());
    }
}
