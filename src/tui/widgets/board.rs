//! The accord board: the four baskets and their state, pending demands and the commitments on
//! the table with their credibility.

use crate::engine::words;
use crate::engine::{Basket, BasketState, Scenario, Seat, SeatView, TableId};
use crate::tui::theme::Theme;
use ratatui::prelude::*;

/// Something on the table that can be selected: a pending demand or a commitment.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Item {
    /// A pending demand.
    Demand(TableId),
    /// A standing commitment.
    Commitment(TableId),
}

impl Item {
    /// The table id.
    pub fn id(self) -> TableId {
        match self {
            Item::Demand(id) | Item::Commitment(id) => id,
        }
    }
}

/// The selectable items, in the order they are drawn.
pub fn items(view: &SeatView) -> Vec<Item> {
    demands_in_order(view)
        .into_iter()
        .map(|d| Item::Demand(d.id))
        .chain(view.commitments.iter().map(|c| Item::Commitment(c.id)))
        .collect()
}

/// The pending demands as the table lists them: those the viewer must answer first (a long
/// table cuts its end, never these), then the others, each group oldest first.
fn demands_in_order(view: &SeatView) -> Vec<&crate::engine::Demand> {
    let to_viewer = |d: &crate::engine::Demand| {
        view.outcome.is_none() && view.viewer == crate::engine::Viewer::Seat(d.to)
    };
    let (mut mine, others): (Vec<_>, Vec<_>) = view.demands.iter().partition(|d| to_viewer(d));
    mine.extend(others);
    mine
}

/// Where the selection goes when the table changes under it: it stays on the item it was on;
/// when that item is gone (a demand answered, a commitment honoured or broken) it moves to the
/// nearest item of the same kind, so answering one demand lands on the next demand.
pub fn follow_selection(before: &[Item], index: usize, after: &[Item]) -> usize {
    let Some(&was) = before.get(index) else {
        return index.min(after.len().saturating_sub(1));
    };
    if let Some(now) = after.iter().position(|&item| item == was) {
        return now;
    }
    let same_kind = |item: &Item| matches!(item, Item::Demand(_)) == matches!(was, Item::Demand(_));
    let kind_before = before[..index]
        .iter()
        .filter(|item| same_kind(item))
        .count();
    let mut of_kind = after.iter().enumerate().filter(|(_, item)| same_kind(item));
    let wanted = of_kind
        .clone()
        .count()
        .min(kind_before + 1)
        .saturating_sub(1);
    of_kind
        .nth(wanted)
        .map_or(index.min(after.len().saturating_sub(1)), |(at, _)| at)
}

/// Short basket names that fit a narrow column.
pub fn short_basket(basket: Basket) -> &'static str {
    match basket {
        Basket::Security => "Security",
        Basket::Verification => "Verification",
        Basket::Sovereignty => "Sovereignty",
        Basket::Humanitarian => "Humanitarian",
    }
}

/// One line per basket: open (with the Trust it needs), agreed (on which pledge) or secured.
pub fn basket_lines(view: &SeatView, theme: Theme) -> Vec<Line<'static>> {
    Basket::ALL
        .iter()
        .map(|&basket| {
            let (state, style) = match view.baskets[basket.index()] {
                BasketState::Open => (
                    format!("open · Trust ≥{}", view.scenario.threshold(basket)),
                    theme.dim(),
                ),
                BasketState::Agreed { commitment } => {
                    (format!("AGREED on #{commitment}"), theme.warn())
                }
                BasketState::Secured => ("SECURED".to_string(), theme.good()),
            };
            Line::from(vec![
                Span::styled(format!("{:<13}", short_basket(basket)), theme.text()),
                Span::styled(state, style),
            ])
        })
        .collect()
}

/// The table's lines: pending demands, then commitments, each under a heading. `selected`
/// indexes [`items`] and is highlighted when `focused`.
pub fn table_lines(
    view: &SeatView,
    selected: usize,
    focused: bool,
    theme: Theme,
) -> Vec<Line<'static>> {
    let scenario = &view.scenario;
    // Once the talks are over nothing is anyone's to answer.
    let viewer_seat = match view.viewer {
        crate::engine::Viewer::Seat(seat) if view.outcome.is_none() => Some(seat),
        _ => None,
    };
    let mut out = Vec::new();
    let mut index = 0;
    // A demand the viewer must answer is flagged at the start of its line, where it is never
    // cut off.
    let mut row = |text: String, yours: bool, out: &mut Vec<Line<'static>>| {
        let is_selected = focused && index == selected;
        let style = if is_selected {
            theme.selected()
        } else {
            theme.text()
        };
        let marker = if is_selected { "▸" } else { " " };
        let flag = if yours { "!" } else { " " };
        out.push(Line::from(vec![
            Span::styled(marker, style),
            Span::styled(flag, theme.warn()),
            Span::styled(text, style),
        ]));
        index += 1;
    };
    if !view.demands.is_empty() {
        let answerable = view.demands.iter().any(|d| Some(d.to) == viewer_seat);
        let heading = if answerable {
            "Pending demands (! yours to answer)"
        } else {
            "Pending demands"
        };
        out.push(Line::styled(heading, theme.heading()));
        for d in demands_in_order(view) {
            row(
                words::demand(scenario, d),
                Some(d.to) == viewer_seat,
                &mut out,
            );
        }
    }
    if !view.commitments.is_empty() {
        out.push(Line::styled("Commitments", theme.heading()));
        for c in &view.commitments {
            row(words::commitment(scenario, c), false, &mut out);
            // A phased pledge's stage, under it, where a long line does not cut it off.
            if let Some(stage) = words::commitment_stage(scenario, c) {
                out.push(Line::styled(format!("     {stage}"), theme.dim()));
            }
        }
    }
    if out.is_empty() {
        out.push(Line::styled("Nothing on the table.", theme.dim()));
    }
    out
}

/// The line of [`table_lines`] where item `index` is drawn.
pub fn line_of_item(view: &SeatView, index: usize) -> usize {
    let demands = view.demands.len();
    if index < demands {
        1 + index
    } else {
        let heading = usize::from(demands > 0);
        let commitment = index - demands;
        // Each phased pledge above has its stage on a line of its own.
        let stages = view
            .commitments
            .iter()
            .take(commitment)
            .filter(|c| c.stages_passed.is_some())
            .count();
        demands + heading + 1 + commitment + stages
    }
}

/// The item drawn on line `line` of [`table_lines`], if any (a phased pledge's stage line
/// is its pledge's).
pub fn item_at_line(view: &SeatView, line: usize) -> Option<usize> {
    let demands = view.demands.len();
    (0..items(view).len()).find(|&i| {
        let at = line_of_item(view, i);
        let phased = i >= demands
            && view
                .commitments
                .get(i - demands)
                .is_some_and(|c| c.stages_passed.is_some());
        at == line || (phased && at + 1 == line)
    })
}

/// The width of a column of seat names: 12, or one more than the longest of the scenario's
/// names for its seats.
pub fn seat_column(scenario: &Scenario) -> usize {
    Seat::ALL
        .into_iter()
        .map(|seat| scenario.seat_name(seat).chars().count() + 1)
        .max()
        .unwrap_or(0)
        .max(12)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[allow(non_snake_case)]
    fn D(id: u16) -> Item {
        Item::Demand(TableId(id))
    }

    #[allow(non_snake_case)]
    fn C(id: u16) -> Item {
        Item::Commitment(TableId(id))
    }

    #[test]
    fn the_selection_stays_on_its_item_when_others_come_and_go() {
        let before = [D(1), D(2), C(3)];
        assert_eq!(follow_selection(&before, 2, &[D(2), C(3), C(4)]), 1);
        assert_eq!(follow_selection(&before, 1, &[D(1), D(2), D(5), C(3)]), 1);
    }

    #[test]
    fn answering_a_demand_moves_the_selection_to_the_next_demand_not_a_commitment() {
        let before = [D(1), D(2), C(3)];
        assert_eq!(follow_selection(&before, 1, &[D(1), C(3), C(4)]), 0);
        assert_eq!(follow_selection(&before, 0, &[D(2), C(3), C(4)]), 0);
        let three = [D(1), D(2), D(6), C(3)];
        assert_eq!(follow_selection(&three, 1, &[D(1), D(6), C(3), C(7)]), 1);
    }

    #[test]
    fn with_no_item_of_its_kind_left_the_selection_stays_in_range() {
        assert_eq!(follow_selection(&[D(1), C(3)], 0, &[C(3), C(4)]), 0);
        assert_eq!(follow_selection(&[C(3), C(4)], 1, &[C(3)]), 0);
        assert_eq!(follow_selection(&[C(3)], 0, &[]), 0);
        assert_eq!(follow_selection(&[], 4, &[D(1)]), 0);
    }
}
