//! Quotes that break a TOML file, recognised on the line where the parser stopped: a
//! typographic quote (“ ” ‘ ’, which word processors put in) where TOML needs a straight one,
//! and a straight `"` inside text, which ends the text early. The TOML parser only says what
//! it expected next, often one character past the real mistake.

/// The typographic quotes word processors use in place of straight ones.
const TYPOGRAPHIC: [char; 8] = ['“', '”', '„', '‟', '‘', '’', '‚', '‛'];

/// What is wrong with a quote on the line of a TOML syntax error, and where.
pub(super) struct QuoteMistake {
    /// The byte offset of the quote at fault.
    pub(super) at: usize,
    /// What is wrong.
    pub(super) message: String,
    /// How to write it.
    pub(super) hint: String,
}

/// Where the reading of a file stands between two characters.
#[derive(Clone, Copy, PartialEq, Eq)]
enum State {
    Outside,
    Comment,
    /// In a one-line string opened by this quote (`"` or `'`).
    Text(char),
    /// In a multi-line string opened by three of this quote.
    LongText(char),
}

/// The quote mistake on the line of `text` holding byte `error` (where the TOML parser
/// stopped), if there is one there: a typographic quote outside any text, or a text closed
/// by a straight quote and followed by more words on the same line.
pub(super) fn quote_mistake(text: &str, error: usize) -> Option<QuoteMistake> {
    let error = error.min(text.len());
    let line_start = text[..error].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[error..].find('\n').map_or(text.len(), |i| error + i);
    let mut state = State::Outside;
    let mut chars = text[..line_end].char_indices().peekable();
    // The quote that closed a text on this line, until something other than a space follows.
    let mut closed: Option<char> = None;
    while let Some((i, c)) = chars.next() {
        let on_line = i >= line_start;
        if c == '\n' {
            if state == State::Comment {
                state = State::Outside;
            }
            continue;
        }
        match state {
            State::Comment => {}
            State::Outside => {
                if c.is_whitespace() {
                    continue;
                }
                // After a text on its line come only `,` `]` `}` `=` `.` or a comment; another
                // text right after it is a missing comma, not a quote inside it.
                if let Some(quote) = closed.take()
                    && !",]}=.#\"'".contains(c)
                {
                    let at = text[..i].rfind(quote).unwrap_or(i);
                    return Some(early_close(at, quote));
                }
                if on_line && TYPOGRAPHIC.contains(&c) {
                    return Some(typographic(i, c));
                }
                match c {
                    '#' => state = State::Comment,
                    '"' | '\'' => {
                        if text[i..].starts_with(&c.to_string().repeat(3)) {
                            chars.next();
                            chars.next();
                            state = State::LongText(c);
                        } else {
                            state = State::Text(c);
                        }
                    }
                    _ => {}
                }
            }
            State::Text(quote) => {
                if c == '\\' && quote == '"' {
                    chars.next();
                } else if c == quote {
                    state = State::Outside;
                    if on_line {
                        closed = Some(quote);
                    }
                }
            }
            State::LongText(quote) => {
                if c == '\\' && quote == '"' {
                    chars.next();
                } else if text[i..].starts_with(&quote.to_string().repeat(3)) {
                    chars.next();
                    chars.next();
                    state = State::Outside;
                }
            }
        }
    }
    None
}

fn typographic(at: usize, quote: char) -> QuoteMistake {
    QuoteMistake {
        at,
        message: format!(
            "a typographic quote `{quote}` where TOML needs a straight one: text must be in \
             straight quotes"
        ),
        hint: "write text between straight quotes: text = \"Trust +3\" (an editor's \"smart \
               quotes\" often turn them curly); typographic quotes are fine inside the text"
            .to_string(),
    }
}

fn early_close(at: usize, quote: char) -> QuoteMistake {
    let (message, hint) = if quote == '"' {
        (
            "this `\"` ends the text early: the words after it are not part of it",
            "inside text write a quote as \\\" (\"say \\\"yes\\\"\"), or put the text in single \
             quotes: 'say \"yes\"', or in triple quotes: \"\"\"say \"yes\" \"\"\"",
        )
    } else {
        (
            "this `'` ends the text early: the words after it are not part of it",
            "text in single quotes cannot hold a `'`: put it in double quotes instead: \
             \"don't\"",
        )
    };
    QuoteMistake {
        at,
        message: message.to_string(),
        hint: hint.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn column(text: &str, error: usize) -> Option<usize> {
        quote_mistake(text, error).map(|m| {
            let line_start = text[..m.at].rfind('\n').map_or(0, |i| i + 1);
            text[line_start..m.at].chars().count() + 1
        })
    }

    #[test]
    fn a_typographic_quote_is_found_where_it_is() {
        let text = "a = 1\ntext = “Trust +3”\n";
        assert_eq!(column(text, 13), Some(8));
        assert!(
            quote_mistake(text, 13)
                .unwrap()
                .hint
                .contains("straight quotes")
        );
    }

    #[test]
    fn an_early_closing_quote_is_found_before_the_parser_stops() {
        let text = "title = \"Istanbul: \"After\" the talks\"\n";
        let at = text.find("After").unwrap();
        assert_eq!(column(text, at), Some(20));
        assert!(quote_mistake(text, at).unwrap().hint.contains("\\\""));
    }

    #[test]
    fn quotes_inside_text_and_long_text_are_fine() {
        let text = "a = \"“fine” and \\\"fine\\\"\"\nb = \"\"\"\nsay \"yes\"\n\"\"\"\nc = 1 2\n";
        let error = text.find("2\n").unwrap();
        assert!(quote_mistake(text, error).is_none());
    }

    #[test]
    fn a_missing_comma_between_texts_is_no_quote_mistake() {
        let text = "seats = [\"pakistan\" \"afghanistan\"]\n";
        let error = text.find(" \"afghanistan").unwrap() + 1;
        assert!(quote_mistake(text, error).is_none());
    }

    #[test]
    fn an_apostrophe_in_single_quotes() {
        let text = "text = 'don't'\n";
        let at = text.find("t'").unwrap();
        assert_eq!(column(text, at), Some(12));
    }
}
