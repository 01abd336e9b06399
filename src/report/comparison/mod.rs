//! This table and the real talks: the game set beside the talks its scenario is built on,
//! factor by factor and remedy by remedy — where each showed up in this game (rounds and
//! moves, read from the log with the scenario's `[comparison]` rules) and what happened then.
//! Never: change the log; which factor an entry illustrates is computed here, the same way
//! every time.

mod moments;

use crate::engine::{ComparisonItem, Game, LogEntry, Scenario};
use serde::Serialize;

/// Rounds listed for one factor or remedy before the rest are only counted.
const ROUNDS_SHOWN: usize = 4;
/// Moments listed for one round before the rest are only counted.
const MOMENTS_PER_ROUND: usize = 3;

/// The game beside the real talks.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ComparisonSection {
    /// The section's title ("This table and Istanbul 2025").
    pub title: String,
    /// What made the real talks fail, and where each showed up here.
    pub factors: Vec<ItemSection>,
    /// What was proposed to mend them, and where each showed up here.
    pub remedies: Vec<ItemSection>,
}

/// One factor or remedy, at this table and in the real talks.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ItemSection {
    /// Its id in the scenario.
    pub id: String,
    /// Its name.
    pub name: String,
    /// Where it showed up in this game, in words ("round 3: Pakistan's hard-line posture;
    /// round 5: Escalation rose to 3 of 5"), or that it did not come up.
    pub at_this_table: String,
    /// Every moment that showed it, in order.
    pub moments: Vec<Moment>,
    /// What happened in the real talks.
    pub history: String,
}

/// A moment of the game that showed a factor or a remedy.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Moment {
    /// The round.
    pub round: u8,
    /// What happened, in a few words.
    pub text: String,
}

/// `game` beside the real talks, when its scenario draws the comparison.
pub fn comparison(game: &Game) -> Option<ComparisonSection> {
    let scenario = game.scenario();
    let drawn = scenario.comparison.as_ref()?;
    let section = |items: &[ComparisonItem]| {
        items
            .iter()
            .map(|item| item_section(item, scenario, game.log()))
            .collect()
    };
    Some(ComparisonSection {
        title: drawn.title.clone(),
        factors: section(&drawn.factors),
        remedies: section(&drawn.remedies),
    })
}

/// The factors and remedies `entry` illustrates, factors first (none when the scenario draws
/// no comparison).
pub fn illustrated<'a>(scenario: &'a Scenario, entry: &'a LogEntry) -> Vec<&'a ComparisonItem> {
    scenario
        .comparison
        .as_ref()
        .map(|c| c.illustrated_by(&entry.event, scenario).collect())
        .unwrap_or_default()
}

fn item_section(item: &ComparisonItem, scenario: &Scenario, log: &[LogEntry]) -> ItemSection {
    let moments: Vec<Moment> = log
        .iter()
        .filter(|entry| item.shown_by.shows(&entry.event, scenario))
        .map(|entry| Moment {
            round: entry.round,
            text: moments::words(&entry.event, scenario),
        })
        .collect();
    ItemSection {
        id: item.id.clone(),
        name: item.name.clone(),
        at_this_table: where_shown(&moments),
        moments,
        history: item.history.clone(),
    }
}

/// The moments by round, in words: "round 3: A, B; round 5: C; and in 2 more rounds", or
/// "did not come up at this table".
pub fn where_shown(moments: &[Moment]) -> String {
    let mut rounds: Vec<(u8, Vec<&str>)> = Vec::new();
    for moment in moments {
        match rounds.last_mut() {
            Some((round, texts)) if *round == moment.round => {
                if !texts.contains(&moment.text.as_str()) {
                    texts.push(&moment.text);
                }
            }
            _ => rounds.push((moment.round, vec![&moment.text])),
        }
    }
    if rounds.is_empty() {
        return "did not come up at this table".to_string();
    }
    let mut parts: Vec<String> = rounds
        .iter()
        .take(ROUNDS_SHOWN)
        .map(|(round, texts)| {
            let mut listed = texts[..texts.len().min(MOMENTS_PER_ROUND)].join(", ");
            if texts.len() > MOMENTS_PER_ROUND {
                listed.push_str(&format!(" and {} more", texts.len() - MOMENTS_PER_ROUND));
            }
            format!("round {round}: {listed}")
        })
        .collect();
    if rounds.len() > ROUNDS_SHOWN {
        let more = rounds.len() - ROUNDS_SHOWN;
        parts.push(format!(
            "and in {more} more round{}",
            if more == 1 { "" } else { "s" }
        ));
    }
    parts.join("; ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(round: u8, text: &str) -> Moment {
        Moment {
            round,
            text: text.to_string(),
        }
    }

    #[test]
    fn moments_are_grouped_by_round_and_cut_short() {
        assert_eq!(where_shown(&[]), "did not come up at this table");
        let moments = [
            at(3, "Pakistan's hard-line posture"),
            at(3, "Pakistan's hard-line posture"),
            at(3, "Afghanistan's hard-line posture"),
            at(5, "Escalation rose to 3 of 5"),
        ];
        assert_eq!(
            where_shown(&moments),
            "round 3: Pakistan's hard-line posture, Afghanistan's hard-line posture; round 5: \
             Escalation rose to 3 of 5"
        );
        let many: Vec<Moment> = (1..=6)
            .flat_map(|r| [at(r, "a"), at(r, "b"), at(r, "c"), at(r, "d")])
            .collect();
        assert_eq!(
            where_shown(&many),
            "round 1: a, b, c and 1 more; round 2: a, b, c and 1 more; round 3: a, b, c and 1 \
             more; round 4: a, b, c and 1 more; and in 2 more rounds"
        );
    }
}
