//! One scenario file being checked (its name and text, for messages with line and column),
//! the words errors use, and where each file of a source is found.

use super::*;

/// One file being checked: its name (for messages) and its text (for line numbers).
pub(super) struct FileCtx<'a> {
    pub(super) path: std::path::PathBuf,
    pub(super) text: &'a str,
}

impl FileCtx<'_> {
    pub(super) fn error(&self, span: Range<usize>, message: String, hint: &str) -> ScenarioError {
        ScenarioError::at(&self.path, self.text, span, message, hint.to_string())
    }

    /// The file read as a TOML document; the error names a quote at fault when there is one
    /// (see [`quote_mistake`]).
    pub(super) fn document(&self) -> Result<DeTable<'_>, ScenarioError> {
        match DeTable::parse(self.text) {
            Ok(document) => Ok(document.into_inner()),
            Err(e) => Err(
                match e
                    .span()
                    .and_then(|span| quote_mistake(self.text, span.start))
                {
                    Some(quote) => self.error(quote.at..quote.at, quote.message, &quote.hint),
                    None => self.toml_error(&e),
                },
            ),
        }
    }

    /// An error of the TOML reader, in a facilitator's words, with its hint.
    pub(super) fn toml_error(&self, e: &toml::de::Error) -> ScenarioError {
        self.toml_error_in(e, None)
    }

    /// Like [`FileCtx::toml_error`], placed at `value` (the span of the value being read)
    /// when the reader gives no place of its own.
    pub(super) fn toml_error_in(
        &self,
        e: &toml::de::Error,
        value: Option<Range<usize>>,
    ) -> ScenarioError {
        let raw = e.message().trim();
        let mut hint = hint_for_toml_message(raw);
        if let (Some(span), Some((key, expected))) = (e.span(), unknown_and_expected(raw))
            && let Some(moved) = misplaced_key_hint(self.text, span.start, &key, &expected)
        {
            hint = moved;
        }
        let message = plain_types(raw);
        match e.span().or(value) {
            Some(span) => ScenarioError::at(&self.path, self.text, span, message, hint),
            None => ScenarioError::whole_file(&self.path, message, hint),
        }
    }

    /// Reads a file that holds one array of tables (`[[card]]`, `[[event]]`, `[[objective]]`)
    /// named `key`, of at most `most` items. Each item is read on its own, so one bad item
    /// does not hide the others; the problems go to `problems`, with those of its texts (see
    /// [`check_texts`]). `None` when the file itself cannot be read, or holds too many items.
    pub(super) fn parse_items<T: DeserializeOwned>(
        &self,
        key: &str,
        most: usize,
        problems: &mut Problems,
    ) -> Option<Vec<Item<T>>> {
        let document = match self.document() {
            Ok(document) => document,
            Err(e) => {
                problems.push(e);
                return None;
            }
        };
        if let Some((name, value)) = document.iter().find(|(name, _)| name.get_ref() == key)
            && let DeValue::Array(array) = value.get_ref()
            && array.len() > most
        {
            problems.push(self.error(
                name.span(),
                format!(
                    "{} [[{key}]] tables: a file may hold at most {most}",
                    array.len()
                ),
                "split the scenario, or leave some out; docs/scenarios.md lists the limits",
            ));
            return None;
        }
        check_texts(self, &document, problems);
        let mut items = Vec::new();
        for (name, value) in document {
            if name.get_ref() != key {
                problems.push(self.error(
                    name.span(),
                    format!("unknown key `{}`", name.get_ref()),
                    &format!("this file holds only [[{key}]] tables"),
                ));
                continue;
            }
            let span = value.span();
            let DeValue::Array(array) = value.into_inner() else {
                problems.push(self.error(
                    span,
                    format!("`{key}` must be a list of [[{key}]] tables"),
                    &format!("write each one under its own [[{key}]] header"),
                ));
                items.push(Item::Broken(None));
                continue;
            };
            for item in array {
                let id = item.get_ref().get("id").and_then(|id| {
                    let text = id.get_ref().as_str()?;
                    Some(Spanned::new(id.span(), text.to_string()))
                });
                match T::deserialize(ValueDeserializer::from(item)) {
                    Ok(item) => items.push(Item::Read(item)),
                    Err(e) => {
                        problems.push(self.toml_error(&e));
                        items.push(Item::Broken(id));
                    }
                }
            }
        }
        Some(items)
    }
}

/// A reference to an item of the wrong kind (a card named where an event belongs).
pub(super) fn wrong_kind(
    ctx: &FileCtx,
    id: &Spanned<String>,
    is: &str,
    wanted: &str,
) -> ScenarioError {
    ctx.error(
        id.span(),
        format!(
            "`{}` is {} {is}, not {} {wanted}",
            id.get_ref(),
            article(is),
            article(wanted)
        ),
        &format!("name {} {wanted}'s id here", article(wanted)),
    )
}

pub(super) fn article(word: &str) -> &'static str {
    if word.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    }
}

pub(super) fn unknown_reference(
    ctx: &FileCtx,
    id: &Spanned<String>,
    what: &str,
    known: impl Iterator<Item = String>,
) -> ScenarioError {
    let known: Vec<String> = known.collect();
    let hint = match closest(id.get_ref(), &known) {
        Some(best) => format!("did you mean `{best}`?"),
        None => format!("no {what} with this id exists in the scenario"),
    };
    ctx.error(
        id.span(),
        format!("unknown {what} `{}`", id.get_ref()),
        &hint,
    )
}

impl ScenarioSource {
    /// The context for a file that must exist in the source.
    pub(super) fn ctx(&self, file: &str) -> Result<FileCtx<'_>, ScenarioError> {
        match self.files.get(file) {
            Some(text) => within_size(self.root.join(file), text),
            None => Err(ScenarioError::whole_file(
                self.root.join(file),
                "file not found".into(),
                format!("a scenario folder needs {file}; see docs/scenarios.md"),
            )),
        }
    }

    /// The context for a deck file: one named in `[decks]` must exist (a missing one is
    /// reported where it is named), one under its usual name is read only if it does.
    pub(super) fn deck(
        &self,
        main: &FileCtx,
        name: &DeckName,
        problems: &mut Problems,
    ) -> Option<FileCtx<'_>> {
        match name {
            DeckName::Named(name) => problems.check(self.referenced(main, name)),
            DeckName::Usual(file) => self
                .files
                .contains_key(file)
                .then(|| problems.check(self.ctx(file)))
                .flatten(),
        }
    }

    /// The context for a file named in `[decks]`; a missing one is reported where it is named.
    pub(super) fn referenced(
        &self,
        main: &FileCtx,
        name: &Spanned<String>,
    ) -> Result<FileCtx<'_>, ScenarioError> {
        let file = name.get_ref();
        match self.files.get(file) {
            Some(text) => within_size(self.root.join(file), text),
            None => {
                let known: Vec<String> = self.files.keys().cloned().collect();
                let hint = match closest(file, &known) {
                    Some(best) => format!("did you mean `{best}`? Names are relative to the scenario folder"),
                    None => "create the file, or fix the name; names are relative to the scenario folder".into(),
                };
                Err(main.error(
                    name.span(),
                    format!("`{file}` does not exist in {}", self.root.display()),
                    &hint,
                ))
            }
        }
    }
}

/// The context of a file, unless it is larger than any scenario file may be.
fn within_size(path: std::path::PathBuf, text: &str) -> Result<FileCtx<'_>, ScenarioError> {
    let most = crate::scenario::limits::MAX_FILE_BYTES;
    if text.len() as u64 > most {
        return Err(ScenarioError::whole_file(
            path,
            format!(
                "{} bytes: a scenario file may be at most {} KiB",
                text.len(),
                most / 1024
            ),
            "split it, or shorten it; docs/scenarios.md lists the limits".into(),
        ));
    }
    Ok(FileCtx { path, text })
}

/// The deserializer's words (`i64`, `u8`, `bool`, "variant") in a facilitator's.
pub(super) fn plain_types(message: &str) -> String {
    let mut out = message.to_string();
    for (rust, plain) in [
        ("unknown variant", "unknown name"),
        ("expected i64", "expected a whole number"),
        ("expected i32", "expected a whole number"),
        ("expected i8", "expected a whole number"),
        ("expected u64", "expected a whole number, 0 or more"),
        ("expected u32", "expected a whole number, 0 or more"),
        ("expected u16", "expected a whole number, 0 or more"),
        ("expected u8", "expected a whole number, 0 or more"),
        ("expected a boolean", "expected true or false"),
    ] {
        out = out.replace(rust, plain);
    }
    out
}
