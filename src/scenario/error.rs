//! Errors in scenario files, located by file, line and column and followed by a hint.

use std::fmt;
use std::ops::Range;
use std::path::PathBuf;

/// A problem with a scenario, pointing at the place to fix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScenarioError {
    /// The file at fault (as the user would type it).
    pub file: PathBuf,
    /// 1-based line, or 0 when the problem is the file as a whole.
    pub line: usize,
    /// 1-based column (in characters), or 0 with `line`.
    pub column: usize,
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    pub hint: String,
    /// The offending source line, when there is one.
    pub source_line: Option<Box<str>>,
    /// Further problems found in the same pass over the scenario, so an author can fix them
    /// all at once. `None` for most errors.
    pub more: Option<Box<More>>,
}

/// The problems found after the first in one pass over a scenario.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct More {
    /// Those shown, in reading order; the last may be the note that more were found.
    pub shown: Vec<ScenarioError>,
    /// How many were found and not shown (past [`super::limits::MAX_PROBLEMS_SHOWN`]).
    pub not_shown: usize,
}

impl std::error::Error for ScenarioError {}

impl ScenarioError {
    /// An error about a whole file (missing, unreadable).
    pub fn whole_file(file: impl Into<PathBuf>, message: String, hint: String) -> ScenarioError {
        ScenarioError {
            file: file.into(),
            line: 0,
            column: 0,
            message,
            hint,
            source_line: None,
            more: None,
        }
    }

    /// An error at a byte span of `text`, the contents of `file`.
    pub fn at(
        file: impl Into<PathBuf>,
        text: &str,
        span: Range<usize>,
        message: String,
        hint: String,
    ) -> ScenarioError {
        let offset = span.start.min(text.len());
        let before = &text[..floor_char_boundary(text, offset)];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let column = before[line_start..].chars().count() + 1;
        let source_line = text[line_start..].lines().next().map(Box::from);
        ScenarioError {
            file: file.into(),
            line,
            column,
            message,
            hint,
            source_line,
            more: None,
        }
    }

    /// This problem, followed by `shown` (further problems found with it, in reading order)
    /// and `not_shown` more that were found and are not shown.
    pub fn followed_by(mut self, shown: Vec<ScenarioError>, not_shown: usize) -> ScenarioError {
        self.more =
            (!shown.is_empty() || not_shown > 0).then(|| Box::new(More { shown, not_shown }));
        self
    }

    /// This problem and every further one found with it.
    pub fn all(&self) -> impl Iterator<Item = &ScenarioError> {
        let more = self.more.iter().flat_map(|more| more.shown.iter());
        std::iter::once(self).chain(more)
    }

    /// How many problems were found in all, shown or not.
    pub fn count(&self) -> usize {
        let not_shown = self.more.as_ref().map_or(0, |more| more.not_shown);
        // The last one shown may be the note that more were found.
        let note = usize::from(not_shown > 0);
        self.all().count() - note + not_shown
    }

    /// How many files the problems shown are in.
    pub fn file_count(&self) -> usize {
        let mut files: Vec<&PathBuf> = self.all().map(|e| &e.file).collect();
        files.sort();
        files.dedup();
        files.len()
    }

    /// The line that ends every report: "1 problem in 1 file.", "3 problems in 2 files."
    pub fn count_line(&self) -> String {
        let plural = |n: usize, word: &str| {
            if n == 1 {
                format!("{n} {word}")
            } else {
                format!("{n} {word}s")
            }
        };
        format!(
            "{} in {}.",
            plural(self.count(), "problem"),
            plural(self.file_count(), "file")
        )
    }

    /// `file:line:column`, or just the file for whole-file errors.
    pub fn location(&self) -> String {
        if self.line == 0 {
            self.file.display().to_string()
        } else {
            format!("{}:{}:{}", self.file.display(), self.line, self.column)
        }
    }
}

/// Every part of the message comes from a file (its name, a line of it, a name in it), so a
/// control character in it is written escaped, never raw to the terminal.
impl fmt::Display for ScenarioError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut text = String::new();
        self.fmt_all(&mut text)?;
        f.write_str(&super::limits::escape_controls(&text))
    }
}

impl ScenarioError {
    fn fmt_all(&self, f: &mut impl fmt::Write) -> fmt::Result {
        self.fmt_one(f)?;
        for problem in self.all().skip(1) {
            writeln!(f, "\n")?;
            problem.fmt_one(f)?;
        }
        write!(f, "\n\n{}", self.count_line())
    }

    fn fmt_one(&self, f: &mut impl fmt::Write) -> fmt::Result {
        writeln!(f, "{}: {}", self.location(), self.message)?;
        if let Some(source) = &self.source_line {
            let number = self.line.to_string();
            writeln!(f, "{number} | {source}")?;
            let pad = " ".repeat(number.len());
            writeln!(f, "{pad} | {}^", " ".repeat(self.column.saturating_sub(1)))?;
        }
        write!(f, "hint: {}", self.hint)
    }
}

/// Problems gathered while checking a scenario, so that one pass reports all of them (up to
/// [`super::limits::MAX_PROBLEMS_SHOWN`]).
#[derive(Default)]
pub(super) struct Problems {
    found: Vec<ScenarioError>,
    unshown: usize,
}

impl Problems {
    /// The value of a check that passed; a failed check's error is recorded instead.
    pub(super) fn check<T>(&mut self, result: Result<T, ScenarioError>) -> Option<T> {
        result.map_err(|error| self.push(error)).ok()
    }

    /// How many problems were found so far (shown or not).
    pub(super) fn count(&self) -> usize {
        self.found.len() + self.unshown
    }

    /// Records a problem.
    pub(super) fn push(&mut self, error: ScenarioError) {
        self.push_with(|| error);
    }

    /// Records the problem `error` makes, made only when it will be shown (a suggestion
    /// costs a search of every name).
    pub(super) fn push_with(&mut self, error: impl FnOnce() -> ScenarioError) {
        if self.found.len() < super::limits::MAX_PROBLEMS_SHOWN {
            self.found.push(error());
        } else {
            self.unshown += 1;
        }
    }

    /// The problems file by file (in the order the files were met), each file's from top to
    /// bottom; then how many more were found and not shown.
    fn in_reading_order(self) -> Vec<ScenarioError> {
        let mut files: Vec<std::path::PathBuf> = Vec::new();
        for problem in &self.found {
            if !files.contains(&problem.file) {
                files.push(problem.file.clone());
            }
        }
        let mut problems = self.found;
        problems.sort_by_key(|p| {
            let file = files.iter().position(|f| *f == p.file);
            (file, p.line, p.column)
        });
        if self.unshown > 0
            && let Some(last) = files.last()
        {
            problems.push(ScenarioError::whole_file(
                last,
                format!("{} more problems found, not shown", self.unshown),
                "fix the ones above and validate again".into(),
            ));
        }
        problems
    }

    /// `value` when nothing was found; otherwise the first problem, carrying the others.
    pub(super) fn into_result<T>(self, value: impl FnOnce() -> T) -> Result<T, ScenarioError> {
        let not_shown = self.unshown;
        let mut problems = self.in_reading_order().into_iter();
        match problems.next() {
            None => Ok(value()),
            Some(first) => Err(first.followed_by(problems.collect(), not_shown)),
        }
    }
}

fn floor_char_boundary(text: &str, mut index: usize) -> usize {
    while index > 0 && !text.is_char_boundary(index) {
        index -= 1;
    }
    index
}

/// A hint for an error reported by the TOML deserializer, from its message.
pub fn hint_for_toml_message(message: &str) -> String {
    if let Some((unknown, expected)) = unknown_and_expected(message) {
        // An event's own effects: nobody acts, so no "own" pressure, capital or draws.
        let event_effects = expected.iter().any(|e| e == "pakistan_pressure")
            && !expected.iter().any(|e| e == "pressure");
        if event_effects && ["pressure", "rival_pressure"].contains(&unknown.as_str()) {
            return "an event has no acting delegation: use pakistan_pressure or \
                    afghanistan_pressure, or put it in an option of a choice a delegation \
                    makes (seat = \"pakistan\" or \"afghanistan\")"
                .to_string();
        }
        if event_effects && ["capital", "draw"].contains(&unknown.as_str()) {
            return "no seat acts in an event's own effects: put it in an option of the \
                    event's choice, where the choosing seat acts"
                .to_string();
        }
        // `[rules.pull]`, `[rules.walkout]` and `[rules.ratification]` name delegations only.
        if unknown == "mediator" && expected == ["pakistan", "afghanistan"] {
            return "the mediators have no home audience of their own, so no pull, walkout or \
                    ratification: set these for pakistan or afghanistan only (the mediators \
                    withdraw when Credibility reaches 0)"
                .to_string();
        }
        // A brief names no one: the seat's name is the scenario's, in [names].
        if unknown == "name" && expected.iter().any(|e| e == "situation") {
            return "a brief has no name: what a seat is called in every text goes in \
                    scenario.toml's [names] table, as in [names] mediator = \"The hosts\" (and \
                    its members in mediator_members); docs/scenarios.md shows it"
                .to_string();
        }
        return match closest(&unknown, &expected) {
            Some(best) => format!("did you mean `{best}`?"),
            None => "use one of the names allowed here (listed above)".to_string(),
        };
    }
    if message.contains("out of range") {
        return "use a number inside the range given; docs/scenarios.md lists every range"
            .to_string();
    }
    if let Some(field) = between(message, "missing field `", "`") {
        return format!("add `{field} = ...` here; docs/scenarios.md says what it takes");
    }
    if message.contains("like \">= 40\"") {
        return "write a comparison in quotes, like trust = \">= 40\" or round = \"< 4\", and a \
                flag's name in quotes, like flag = \"talks_moved\""
            .to_string();
    }
    if message.contains("invalid type") {
        return "check the value's type: text goes in quotes, numbers and true/false bare, lists in [ ]"
            .to_string();
    }
    if message.contains("duplicate key") {
        return "each key may appear once per table; remove or rename the repeated one".to_string();
    }
    "check the TOML syntax near this point: quotes, brackets, commas and `key = value`".to_string()
}

fn between<'a>(text: &'a str, start: &str, end: &str) -> Option<&'a str> {
    let from = text.find(start)? + start.len();
    let to = text[from..].find(end)? + from;
    Some(&text[from..to])
}

/// From serde's "unknown field `x`, expected one of `a`, `b`" (or "unknown variant"), the
/// unknown name and the expected names.
pub(super) fn unknown_and_expected(message: &str) -> Option<(String, Vec<String>)> {
    let unknown = between(message, "unknown field `", "`")
        .or_else(|| between(message, "unknown variant `", "`"))?;
    let rest = &message[message.find("expected")?..];
    let expected: Vec<String> = rest
        .split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_string)
        .collect();
    Some((unknown.to_string(), expected))
}

/// The longest word a typo is looked for (a longer one is not a typo of a name).
const MAX_SUGGESTED_CHARS: usize = 40;

/// The candidate closest to `word` by edit distance, if it is close enough to be a typo.
/// Candidates whose length alone puts them too far are not compared, and a comparison stops
/// as soon as it is too far, so a search costs little even over many names.
pub fn closest(word: &str, candidates: &[String]) -> Option<String> {
    let length = word.chars().count();
    if length > MAX_SUGGESTED_CHARS {
        return None;
    }
    candidates
        .iter()
        .filter_map(|c| {
            let most = (c.len() / 3).max(2);
            if c.chars().count().abs_diff(length) > most {
                return None;
            }
            edit_distance_within(word, c, most).map(|d| (d, c))
        })
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c.clone())
}

/// The edit distance between `a` and `b` when it is at most `most`.
fn edit_distance_within(a: &str, b: &str, most: usize) -> Option<usize> {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut previous = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let substitute = previous + usize::from(ca != *cb);
            previous = row[j + 1];
            row[j + 1] = substitute.min(row[j] + 1).min(previous + 1);
        }
        // Every later row is at least this row's least value.
        if row.iter().min().is_some_and(|&least| least > most) {
            return None;
        }
    }
    Some(row[b.len()]).filter(|&d| d <= most)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn location_counts_lines_and_columns_from_one() {
        let text = "a = 1\nbb = 2\n";
        let err = ScenarioError::at("f.toml", text, 9..10, "m".into(), "h".into());
        assert_eq!((err.line, err.column), (2, 4));
        assert_eq!(err.source_line.as_deref(), Some("bb = 2"));
        assert!(err.to_string().starts_with("f.toml:2:4: m"));
    }

    #[test]
    fn problems_are_reported_file_by_file_from_the_top() {
        let text = "a\nb\nc\n";
        let at = |file: &str, offset: usize| {
            ScenarioError::at(file, text, offset..offset, String::new(), String::new())
        };
        let mut problems = Problems::default();
        problems.push(at("a.toml", 4));
        problems.push(at("b.toml", 0));
        problems.push(at("a.toml", 2));
        let err = problems.into_result(|| ()).unwrap_err();
        let order: Vec<String> = err.all().map(ScenarioError::location).collect();
        assert_eq!(order, ["a.toml:2:1", "a.toml:3:1", "b.toml:1:1"]);
    }

    #[test]
    fn suggests_the_closest_name() {
        let hint = hint_for_toml_message(
            "unknown variant `trsut`, expected one of `trust`, `border`, `security`",
        );
        assert_eq!(hint, "did you mean `trust`?");
    }

    #[test]
    fn no_suggestion_for_an_unrelated_name() {
        let hint = hint_for_toml_message("unknown field `zzzzzzzz`, expected `id` or `name`");
        assert!(hint.contains("names allowed here"), "{hint}");
    }

    #[test]
    fn a_mediator_table_under_a_seat_rule_is_told_why_there_is_none() {
        let hint =
            hint_for_toml_message("unknown field `mediator`, expected `pakistan` or `afghanistan`");
        assert!(hint.contains("pakistan or afghanistan only"), "{hint}");
        assert!(hint.contains("Credibility reaches 0"), "{hint}");
        let elsewhere =
            hint_for_toml_message("unknown field `mediatr`, expected `mediator` or `pakistan`");
        assert_eq!(elsewhere, "did you mean `mediator`?");
    }
}
