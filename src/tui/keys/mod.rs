//! The keymap. Each context (a seat at the table, the menus, the facilitator's console, the
//! replay viewer) has one command registry ([`registry`]): key dispatch, the help screens and
//! every footer or notice that names a key read it, so they cannot disagree. The keys
//! themselves are the registry's defaults unless the config file remaps them ([`config`]).
//!
//! The keymap in use is installed once at start ([`install`]); a thread may put another in
//! front of it for a while ([`scoped`]), which is how tests draw with a remapped keymap.

mod config;
mod contexts;
mod game;
mod key;
mod registry;

pub use config::{
    CONFIG_ENV, ConfigError, config_path, default_config_toml, load_config, load_config_file,
    parse_config,
};
pub use key::Key;
pub use registry::{Command, Commands, ConsoleCommand, Context, Entry, MenuCommand, ReplayCommand};

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind};
use std::cell::RefCell;
use std::sync::{Arc, RwLock};

/// The keys of every command in every context.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Keymap {
    /// Context by context ([`Context::index`]), command by command (the registry's order).
    keys: Vec<Vec<Vec<Key>>>,
}

impl Default for Keymap {
    fn default() -> Keymap {
        Keymap {
            keys: Context::ALL
                .iter()
                .map(|context| {
                    context
                        .entries()
                        .iter()
                        .map(|(_, _, keys)| keys.to_vec())
                        .collect()
                })
                .collect(),
        }
    }
}

impl Keymap {
    /// The keys of `command`, the first being the one footers show.
    pub fn keys<C: Commands>(&self, command: C) -> &[Key] {
        &self.keys[C::CONTEXT.index()][command.index()]
    }

    /// The keys of each command of `context`, in the registry's order.
    pub fn context(&self, context: Context) -> &[Vec<Key>] {
        &self.keys[context.index()]
    }

    /// Gives the `index`th command of `context` these keys.
    pub(crate) fn set(&mut self, context: Context, index: usize, keys: Vec<Key>) {
        self.keys[context.index()][index] = keys;
    }

    /// The command a key press asks for in `C`'s context, if any. Releases are ignored;
    /// Ctrl-C always asks to quit.
    pub fn command<C: Commands>(&self, event: KeyEvent) -> Option<C> {
        if event.kind == KeyEventKind::Release {
            return None;
        }
        let key = Key::of(event);
        if key == Key::ctrl(KeyCode::Char('c')) {
            return Some(C::QUIT);
        }
        C::ENTRIES
            .iter()
            .zip(self.context(C::CONTEXT))
            .find(|(_, keys)| keys.contains(&key))
            .map(|(entry, _)| entry.command)
    }
}

static INSTALLED: RwLock<Option<Arc<Keymap>>> = RwLock::new(None);

thread_local! {
    static SCOPED: RefCell<Option<Arc<Keymap>>> = const { RefCell::new(None) };
}

/// Makes `keymap` the one every screen uses (at start, after reading the config file).
pub fn install(keymap: Keymap) {
    *INSTALLED.write().unwrap_or_else(|p| p.into_inner()) = Some(Arc::new(keymap));
}

/// Reads the config file ([`load_config`]) and installs its keymap; a bad file is an error
/// naming the file, line and column.
pub fn install_config() -> Result<(), ConfigError> {
    install(load_config()?);
    Ok(())
}

/// The keymap in use: this thread's scoped one, else the installed one, else the defaults.
pub fn current() -> Arc<Keymap> {
    if let Some(keymap) = SCOPED.with(|scoped| scoped.borrow().clone()) {
        return keymap;
    }
    INSTALLED
        .read()
        .unwrap_or_else(|p| p.into_inner())
        .clone()
        .unwrap_or_else(|| DEFAULTS.get_or_init(Arc::default).clone())
}

/// The default keymap, built once (every key hint on a screen asks for the keymap).
static DEFAULTS: std::sync::OnceLock<Arc<Keymap>> = std::sync::OnceLock::new();

/// Puts back the keymap a [`scoped`] one replaced when dropped.
pub struct ScopedKeymap {
    before: Option<Arc<Keymap>>,
}

impl Drop for ScopedKeymap {
    fn drop(&mut self) {
        let before = self.before.take();
        SCOPED.with(|scoped| *scoped.borrow_mut() = before);
    }
}

/// Uses `keymap` on this thread until the returned guard is dropped.
pub fn scoped(keymap: Keymap) -> ScopedKeymap {
    let before = SCOPED.with(|scoped| scoped.borrow_mut().replace(Arc::new(keymap)));
    ScopedKeymap { before }
}

/// The command a key press asks for in `C`'s context, with the keymap in use.
pub fn command<C: Commands>(event: KeyEvent) -> Option<C> {
    current().command(event)
}

/// The command a key press asks for at a game.
pub fn command_for(event: KeyEvent) -> Option<Command> {
    command(event)
}

/// The label of `command`'s first key (`p`), as footers and notices name it.
pub fn key<C: Commands>(command: C) -> String {
    current()
        .keys(command)
        .first()
        .map_or_else(|| "(unbound)".to_string(), |key| key.label())
}

/// The labels of all `command`'s keys (`↑ k`), as the help lists them.
pub fn all_keys<C: Commands>(command: C) -> String {
    let labels: Vec<String> = current().keys(command).iter().map(|k| k.label()).collect();
    labels.join(" ")
}

/// A footer button: the key and the command's word (`p pass`).
pub fn button<C: Commands>(command: C) -> String {
    hint(command, command.entry().word)
}

/// The first keys of two commands together: `↑↓` (single glyphs run together), else
/// `PgUp/PgDn`.
pub fn pair<C: Commands>(first: C, second: C) -> String {
    let (a, b) = (key(first), key(second));
    if a.chars().count() == 1 && b.chars().count() == 1 {
        format!("{a}{b}")
    } else {
        format!("{a}/{b}")
    }
}

/// The key and some words (`Enter results`).
pub fn hint<C: Commands>(command: C, words: &str) -> String {
    format!("{} {words}", key(command))
}

/// Fills the `{key:NAME}` placeholders of a text (a tutorial hint) with the key of the table
/// command NAME (`{key:pass}` → `p`); `{key:CONTEXT.NAME}` names another context's command.
/// An unknown name is left as written, so a typo shows rather than vanishing.
pub fn fill(text: &str) -> String {
    let keymap = current();
    let mut out = String::new();
    let mut rest = text;
    while let Some(start) = rest.find("{key:") {
        out.push_str(&rest[..start]);
        let after = &rest[start + 5..];
        let Some(end) = after.find('}') else {
            rest = &rest[start..];
            break;
        };
        let name = &after[..end];
        let (context, command) = match name.split_once('.') {
            Some((context, command)) => (
                Context::ALL.into_iter().find(|c| c.name() == context),
                command,
            ),
            None => (Some(Context::Table), name),
        };
        let label = context.and_then(|context| {
            let index = context.entries().iter().position(|e| e.0 == command)?;
            keymap.context(context)[index].first().map(|k| k.label())
        });
        match label {
            Some(label) => out.push_str(&label),
            None => out.push_str(&rest[start..start + 5 + end + 1]),
        }
        rest = &after[end + 1..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::crossterm::event::KeyModifiers;

    #[test]
    fn arrows_and_vim_keys_agree() {
        let press = |code| command_for(KeyEvent::from(code));
        assert_eq!(press(KeyCode::Up), press(KeyCode::Char('k')));
        assert_eq!(press(KeyCode::Down), Some(Command::Down));
        assert_eq!(
            command_for(KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL)),
            Some(Command::Quit)
        );
        assert_eq!(press(KeyCode::Char('z')), None);
    }

    #[test]
    fn no_key_is_bound_twice_in_a_context() {
        let keymap = Keymap::default();
        for context in Context::ALL {
            let mut seen = Vec::new();
            for keys in keymap.context(context) {
                for key in keys {
                    assert!(!seen.contains(key), "{key} twice in {}", context.name());
                    seen.push(*key);
                }
            }
        }
    }

    #[test]
    fn placeholders_name_the_current_keys() {
        let text = "Press {key:pass} to pass, {key:console.pause} there, {key:nope} stays; {key:";
        assert_eq!(
            fill(text),
            "Press p to pass, p there, {key:nope} stays; {key:"
        );
        let mut keymap = Keymap::default();
        keymap.set(
            Context::Table,
            Command::Pass.index(),
            vec![Key::ctrl(KeyCode::Char('x'))],
        );
        let _guard = scoped(keymap);
        assert!(fill(text).starts_with("Press Ctrl-x to pass"));
        assert_eq!(button(Command::Pass), "Ctrl-x pass");
        assert_eq!(
            command_for(KeyEvent::new(KeyCode::Char('x'), KeyModifiers::CONTROL)),
            Some(Command::Pass)
        );
        assert_eq!(command_for(KeyEvent::from(KeyCode::Char('p'))), None);
    }
}
