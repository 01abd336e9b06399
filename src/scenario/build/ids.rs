//! The ids of a scenario's cards, events and objectives: each registered once, with where it
//! was defined, so duplicates and references of the wrong kind are named precisely.

use super::*;
use std::collections::HashMap;

/// One `[[card]]`, `[[event]]` or `[[objective]]` of a file.
pub(super) enum Item<T> {
    /// It was read.
    Read(T),
    /// It could not be read (its problem is recorded); its id, when that much can be read, so
    /// duplicates and references are still checked against it.
    Broken(Option<Spanned<String>>),
}

/// The items of a file that were read, with what is known of the rest.
pub(super) struct Registered<T> {
    /// The items read whose ids are new.
    pub(super) read: Vec<T>,
    /// Every item was read.
    pub(super) all_read: bool,
    /// Every item's id is known, even where the rest of the item could not be read.
    pub(super) all_ids: bool,
}

/// Registers every id (broken items' too, so duplicates and references are still checked) in
/// file order, and keeps the items read.
pub(super) fn register_items<'a, T>(
    ctx: &FileCtx<'a>,
    items: Option<Vec<Item<T>>>,
    id_of: impl Fn(&T) -> &Spanned<String>,
    kind: &'static str,
    ids: &mut IdRegistry<'a>,
    problems: &mut Problems,
) -> Registered<T> {
    let mut registered = Registered {
        read: Vec::new(),
        all_read: items.is_some(),
        all_ids: items.is_some(),
    };
    for item in items.into_iter().flatten() {
        match item {
            Item::Read(item) => {
                if problems
                    .check(ids.register(ctx, id_of(&item), kind))
                    .is_some()
                {
                    registered.read.push(item);
                }
            }
            Item::Broken(Some(id)) => {
                problems.check(ids.register(ctx, &id, kind));
                registered.all_read = false;
            }
            Item::Broken(None) => {
                registered.all_read = false;
                registered.all_ids = false;
            }
        }
    }
    registered
}

/// Where each id was first defined, and what kind of item it names (`card`, `event`,
/// `objective`), to report duplicates and references to the wrong kind. A lookup costs the
/// same however many ids there are, and the place of a first definition is worked out (from
/// its file's text) only when a duplicate needs it, so registering is linear in the items.
#[derive(Default)]
pub(super) struct IdRegistry<'a> {
    seen: HashMap<String, FirstDefined<'a>>,
}

/// Where an id was first defined.
struct FirstDefined<'a> {
    path: std::path::PathBuf,
    text: &'a str,
    span: Range<usize>,
    kind: &'static str,
}

impl<'a> IdRegistry<'a> {
    /// What kind of item has this id, even one that failed its own checks.
    pub(super) fn kind_of(&self, id: &str) -> Option<&'static str> {
        self.seen.get(id).map(|first| first.kind)
    }

    pub(super) fn register(
        &mut self,
        ctx: &FileCtx<'a>,
        id: &Spanned<String>,
        kind: &'static str,
    ) -> Result<(), ScenarioError> {
        let name = id.get_ref();
        if name.trim().is_empty() {
            return Err(ctx.error(
                id.span(),
                "an id cannot be empty".into(),
                "give it a short unique name like `pk-patrols`",
            ));
        }
        if let Some(first) = self.seen.get(name) {
            let first = ScenarioError::at(
                &first.path,
                first.text,
                first.span.clone(),
                String::new(),
                String::new(),
            )
            .location();
            return Err(ctx.error(
                id.span(),
                format!("duplicate id `{name}`"),
                &format!("ids must be unique across the whole scenario; `{name}` is first defined at {first}"),
            ));
        }
        self.seen.insert(
            name.clone(),
            FirstDefined {
                path: ctx.path.clone(),
                text: ctx.text,
                span: id.span(),
                kind,
            },
        );
        Ok(())
    }
}
