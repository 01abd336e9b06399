//! The crate's module borders, enforced: each module may use only the modules below it in
//! [`ORDER`]. The test reads every file under `src/` and fails on any `crate::…` path (a `use`
//! line, a grouped `use crate::{…}`, or an inline path) that points up the order, naming the
//! file, the line and the arrow.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// The layers, bottom up. `main` is the binary (`src/main.rs` and the modules it declares).
const ORDER: [&str; 10] = [
    "engine", "scenario", "bot", "sim", "save", "report", "table", "tui", "server", "main",
];

/// One reference against the order.
#[derive(Debug, PartialEq, Eq)]
struct Violation {
    file: String,
    line: usize,
    from: String,
    to: String,
}

impl std::fmt::Display for Violation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}:{}: `{}` uses `{}`, which sits above it (order: {})",
            self.file,
            self.line,
            self.from,
            self.to,
            ORDER.join(" → ")
        )
    }
}

fn rank(module: &str) -> Option<usize> {
    ORDER.iter().position(|m| *m == module)
}

/// The layer a file under `src/` belongs to: its first path component, or `main` for the
/// binary's own files (anything that is not one of the library's layers).
fn layer_of(relative: &Path) -> Option<String> {
    let first = relative.components().next()?.as_os_str().to_string_lossy();
    let name = first.trim_end_matches(".rs");
    if name == "lib" {
        return None;
    }
    Some(if rank(name).is_some() { name } else { "main" }.to_string())
}

/// The code of a line without its comment (a `//` comment or a doc comment), so prose that
/// names a module is not counted as a use of it.
fn code_of(line: &str) -> &str {
    let trimmed = line.trim_start();
    if trimmed.starts_with("//") {
        return "";
    }
    match line.find(" //") {
        Some(at) if !line[..at].contains('"') => &line[..at],
        _ => line,
    }
}

/// The top-level modules a line refers to through `crate::`, grouped `crate::{a::…, b}`
/// included.
fn crate_references(code: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut rest = code;
    while let Some(at) = rest.find("crate::") {
        let preceded_by_ident = rest[..at]
            .chars()
            .last()
            .is_some_and(|c| c.is_alphanumeric() || c == '_');
        rest = &rest[at + "crate::".len()..];
        if preceded_by_ident {
            continue;
        }
        if let Some(group) = rest.strip_prefix('{') {
            found.extend(group_heads(group));
        } else {
            let name: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            if !name.is_empty() {
                found.push(name);
            }
        }
    }
    found
}

/// The first name of each item in a `{a::b, c, d::{e, f}}` group (its opening brace removed).
fn group_heads(group: &str) -> Vec<String> {
    let mut heads = Vec::new();
    let mut depth = 0usize;
    let mut expecting = true;
    let mut current = String::new();
    for c in group.chars() {
        match c {
            '{' => depth += 1,
            '}' if depth == 0 => break,
            '}' => depth -= 1,
            ',' if depth == 0 => expecting = true,
            c if expecting && (c.is_alphanumeric() || c == '_') => current.push(c),
            _ => {
                if expecting && !current.is_empty() {
                    heads.push(std::mem::take(&mut current));
                    expecting = false;
                }
            }
        }
    }
    if expecting && !current.is_empty() {
        heads.push(current);
    }
    heads
}

/// Every reference in `source` (a file of layer `from`) that points up the order.
fn violations(file: &str, from: &str, source: &str) -> Vec<Violation> {
    let Some(own) = rank(from) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (index, line) in source.lines().enumerate() {
        for to in crate_references(code_of(line)) {
            // A binary file's `crate::` is the binary itself, never a library layer.
            let target = if from == "main" {
                "main".to_string()
            } else {
                to
            };
            if rank(&target).is_some_and(|r| r > own) {
                out.push(Violation {
                    file: file.to_string(),
                    line: index + 1,
                    from: from.to_string(),
                    to: target,
                });
            }
        }
    }
    out
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn no_module_uses_one_above_it() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    files.sort();
    assert!(
        files.len() > 50,
        "only {} files found under src/",
        files.len()
    );
    let mut all = Vec::new();
    let mut layers_seen = BTreeSet::new();
    for path in &files {
        let relative = path.strip_prefix(&src).expect("a file under src/");
        let Some(layer) = layer_of(relative) else {
            continue;
        };
        layers_seen.insert(layer.clone());
        let source = std::fs::read_to_string(path).expect("a readable source file");
        all.extend(violations(
            &format!("src/{}", relative.display()),
            &layer,
            &source,
        ));
    }
    let report: Vec<String> = all.iter().map(ToString::to_string).collect();
    assert!(
        report.is_empty(),
        "references against the layer order:\n{}",
        report.join("\n")
    );
    for layer in ORDER {
        assert!(layers_seen.contains(layer), "no files for layer {layer}");
    }
}

#[test]
fn every_library_module_has_a_place_in_the_order() {
    let lib = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("src/lib.rs"))
        .expect("src/lib.rs");
    let modules: Vec<&str> = lib
        .lines()
        .filter_map(|l| l.trim().strip_prefix("pub mod "))
        .map(|m| m.trim_end_matches(';'))
        .collect();
    assert!(!modules.is_empty());
    for module in modules {
        assert!(
            rank(module).is_some(),
            "`{module}` is declared in lib.rs but has no place in the layer order"
        );
    }
}

#[test]
fn the_checker_names_an_arrow_against_the_order() {
    let source = "//! The engine.\n\
                  use super::Game;\n\
                  // crate::tui is named in a comment: not a use.\n\
                  use crate::{scenario::Scenario, tui::App};\n\
                  fn f() { let _ = crate::server::serve; }\n";
    let found = violations("src/engine/bad.rs", "engine", source);
    let arrows: Vec<(usize, &str)> = found.iter().map(|v| (v.line, v.to.as_str())).collect();
    assert_eq!(arrows, vec![(4, "scenario"), (4, "tui"), (5, "server")]);
    assert!(
        found[1]
            .to_string()
            .contains("src/engine/bad.rs:4: `engine` uses `tui`")
    );
    // Downward references are fine.
    assert!(violations("src/tui/x.rs", "tui", "use crate::engine::Game;\n").is_empty());
    // The binary's own `crate::` is never a library layer.
    assert!(violations("src/cli/x.rs", "main", "use crate::server::x;\n").is_empty());
}
