//! What became of phased commitments' milestones, for the commitments' fates in the report.

use crate::engine::{Game, LogEvent, TableId};
use std::collections::BTreeMap;

/// For each phased commitment of the game, what to add to its fate: `, at milestone 3 of 4
/// (2 passed, their credit kept)` when it broke, `, all 4 milestones passed`, or `, 1 of 4
/// milestones passed` while it stands. Plain pledges are left out.
pub(super) fn milestone_fates(game: &Game) -> BTreeMap<TableId, String> {
    let mut passed: BTreeMap<TableId, (u8, u8)> = BTreeMap::new();
    let mut broke: BTreeMap<TableId, (u8, u8)> = BTreeMap::new();
    for entry in game.log() {
        match entry.event {
            LogEvent::MilestonePassed { id, stage, of, .. } => {
                passed.insert(id, (stage, of));
            }
            LogEvent::MilestoneBroken { id, stage, of, .. } => {
                broke.insert(id, (stage, of));
            }
            _ => {}
        }
    }
    // A standing pledge that has passed no stage yet is phased all the same.
    for c in game.commitments() {
        if let Some(stage) = c.stage(game.scenario()) {
            passed.entry(c.id).or_insert((0, stage.of));
        }
    }
    let mut fates: BTreeMap<TableId, String> = passed
        .into_iter()
        .map(|(id, (stage, of))| {
            let fate = if stage == of {
                format!(", all {of} milestones passed")
            } else {
                format!(", {stage} of {of} milestones passed")
            };
            (id, fate)
        })
        .collect();
    for (id, (stage, of)) in broke {
        let credit = match stage.saturating_sub(1) {
            0 => "none passed".to_string(),
            1 => "1 passed, its credit kept".to_string(),
            n => format!("{n} passed, their credit kept"),
        };
        fates.insert(id, format!(", at milestone {stage} of {of} ({credit})"));
    }
    fates
}
