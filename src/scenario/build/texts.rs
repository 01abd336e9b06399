//! Checks over a file's raw TOML, before its items are read: every text within its length
//! limit and free of control characters, every list within its length limit (see
//! [`crate::scenario::limits`]). One pass over the document, so linear in the file.

use super::*;
use crate::scenario::limits::{
    MAX_LIST_ITEMS, MAX_NAME_CHARS, MAX_TEXT_CHARS, NAME_KEYS, describe, forbidden,
};

/// Records a problem for each text or list of `document` (the parsed text of `ctx`) that is
/// over its limit or holds a control character.
pub(super) fn check_texts(ctx: &FileCtx, document: &DeTable, problems: &mut Problems) {
    for (key, value) in document {
        check_value(ctx, key.get_ref(), value, problems);
    }
}

fn check_value(ctx: &FileCtx, key: &str, value: &Spanned<DeValue>, problems: &mut Problems) {
    match value.get_ref() {
        DeValue::String(text) => check_text(ctx, key, text, value.span(), problems),
        DeValue::Array(items) => {
            if items.len() > MAX_LIST_ITEMS {
                problems.push(ctx.error(
                    value.span(),
                    format!(
                        "`{key}` has {} items; the most a list may hold is {MAX_LIST_ITEMS}",
                        items.len()
                    ),
                    "shorten the list; docs/scenarios.md lists the limits",
                ));
            }
            for item in items {
                check_value(ctx, key, item, problems);
            }
        }
        DeValue::Table(table) => check_texts(ctx, table, problems),
        _ => {}
    }
}

fn check_text(ctx: &FileCtx, key: &str, text: &str, span: Range<usize>, problems: &mut Problems) {
    let mut chars = text.chars().peekable();
    let mut length = 0;
    while let Some(c) = chars.next() {
        length += 1;
        // A line break written as CR LF (a file saved on Windows) is a line break.
        let line_break = c == '\r' && chars.peek() == Some(&'\n');
        if forbidden(c) && !line_break {
            problems.push(ctx.error(
                span.clone(),
                format!(
                    "`{key}` holds a control character, {}: scenario texts are shown in \
                     players' terminals, where it could rewrite the screen",
                    describe(c)
                ),
                "remove it (look for an escape such as \\e or \\u001b in the string); plain \
                 text, line breaks and tabs are fine",
            ));
            return;
        }
    }
    let max = if NAME_KEYS.contains(&key) {
        MAX_NAME_CHARS
    } else {
        MAX_TEXT_CHARS
    };
    if length > max {
        problems.push(ctx.error(
            span,
            format!("`{key}` is {length} characters long; the most it may be is {max}"),
            "shorten it; docs/scenarios.md lists the limits",
        ));
    }
}
