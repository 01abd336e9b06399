//! `[comparison]`: the factors and remedies a scenario sets beside the real talks. Each id is
//! unique, each item is shown by something, and every card and event it names exists (of the
//! right kind); kinds, baskets and log kinds are closed names the TOML reader checks itself.

use super::*;
use crate::engine::{Comparison, ComparisonItem, EventId, ShownBy};
use raw::{ComparisonFile, ComparisonItemFile};

/// The title a comparison takes when it names none.
const DEFAULT_TITLE: &str = "This table and the real talks";

/// What a comparison's references are checked against.
pub(super) struct Known<'a> {
    pub(super) cards: &'a HashMap<&'a str, usize>,
    pub(super) events: &'a HashMap<&'a str, usize>,
    pub(super) ids: &'a IdRegistry<'a>,
    pub(super) card_ids: &'a [Card],
    pub(super) event_ids: &'a [EventCard],
    pub(super) all_cards_read: bool,
    pub(super) all_events_read: bool,
}

/// Builds `[comparison]`, recording every mistake in `problems`.
pub(super) fn build_comparison(
    main: &FileCtx,
    file: ComparisonFile,
    known: &Known,
    problems: &mut Problems,
) -> Option<Comparison> {
    if file.factors.is_empty() && file.remedies.is_empty() {
        problems.push(main.error(
            0..0,
            "[comparison] names no factor and no remedy".to_string(),
            "add [[comparison.factors]] or [[comparison.remedies]] tables, or leave \
             [comparison] out; docs/scenarios.md shows one",
        ));
        return None;
    }
    let mut seen: HashSet<String> = HashSet::new();
    let mut items = |list: Vec<ComparisonItemFile>, problems: &mut Problems| {
        list.into_iter()
            .filter_map(|item| {
                if !seen.insert(item.id.get_ref().clone()) {
                    problems.push(main.error(
                        item.id.span(),
                        format!("`{}` is in [comparison] twice", item.id.get_ref()),
                        "give each factor and remedy its own id",
                    ));
                    return None;
                }
                build_item(main, item, known, problems)
            })
            .collect::<Vec<_>>()
    };
    let factors = items(file.factors, problems);
    let remedies = items(file.remedies, problems);
    Some(Comparison {
        title: file.title.unwrap_or_else(|| DEFAULT_TITLE.to_string()),
        factors,
        remedies,
    })
}

/// One factor or remedy; `None` when it has a mistake (recorded).
fn build_item(
    main: &FileCtx,
    item: ComparisonItemFile,
    known: &Known,
    problems: &mut Problems,
) -> Option<ComparisonItem> {
    let raw = item.shown_by;
    let before = problems.count();
    let cards: Vec<CardId> = raw
        .cards
        .iter()
        .filter_map(|id| reference(main, id, "card", known, problems).map(|i| CardId(i as u16)))
        .collect();
    let events: Vec<EventId> = raw
        .events
        .iter()
        .filter_map(|id| reference(main, id, "event", known, problems).map(|i| EventId(i as u16)))
        .collect();
    let shown_by = ShownBy {
        cards,
        events,
        kinds: raw.kinds,
        baskets: raw.baskets,
        log: raw.log,
    };
    if problems.count() > before {
        return None;
    }
    if shown_by.is_empty() {
        problems.push(main.error(
            item.id.span(),
            format!(
                "`{}` names nothing that shows it in a game",
                item.id.get_ref()
            ),
            "add `shown_by = { cards = [...], events = [...], kinds = [...], baskets = [...], \
             log = [...] }` with at least one entry; docs/scenarios.md lists them",
        ));
        return None;
    }
    Some(ComparisonItem {
        id: item.id.into_inner(),
        name: item.name,
        history: item.history,
        shown_by,
    })
}

/// The index of the card (or event) `id` names; `None` when it names none (recorded, unless
/// the item it names could not be read and was reported already).
fn reference(
    main: &FileCtx,
    id: &Spanned<String>,
    what: &str,
    known: &Known,
    problems: &mut Problems,
) -> Option<usize> {
    let (index, all_read) = if what == "card" {
        (known.cards, known.all_cards_read)
    } else {
        (known.events, known.all_events_read)
    };
    if let Some(&i) = index.get(id.get_ref().as_str()) {
        return Some(i);
    }
    match known.ids.kind_of(id.get_ref()) {
        Some(kind) if kind == what => {}
        Some(kind) => problems.push(wrong_kind(main, id, kind, what)),
        None if !all_read => {}
        None => problems.push_with(|| {
            let ids: Vec<String> = if what == "card" {
                known.card_ids.iter().map(|c| c.id.clone()).collect()
            } else {
                known.event_ids.iter().map(|e| e.id.clone()).collect()
            };
            unknown_reference(main, id, what, ids.into_iter())
        }),
    }
    None
}
