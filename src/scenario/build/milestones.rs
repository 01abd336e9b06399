//! An assurance's `milestones` (issue 15): the stages of a phased commitment, checked against
//! the card's kind and `duration`.

use super::*;
use crate::engine::Milestone;

/// The fewest and the most stages a phased commitment may have.
const STAGES: std::ops::RangeInclusive<usize> = 2..=6;
/// The most tests a commitment may owe, all stages together (as for `duration`).
const MAX_TESTS: u8 = 10;

/// The stages of card `c` of kind `kind` (none when it has no `milestones`), and the duration
/// its commitments owe: the sum of the stages' tests, or the card's `duration` (default 2).
pub(super) fn build_milestones(
    ctx: &FileCtx,
    c: &raw::CardFile,
    kind: CardKind,
    bridge: bool,
) -> Result<(Vec<Milestone>, u8), ScenarioError> {
    let duration = c.duration.as_ref().map(|d| d.get_ref().0 as u8);
    let Some(list) = &c.milestones else {
        return Ok((Vec::new(), duration.unwrap_or(DEFAULT_DURATION)));
    };
    if kind != CardKind::Assurance {
        let hint = match kind {
            CardKind::Demand => {
                "a demand asks and the assurance that meets it pledges: put the stages on that \
                 assurance card, or remove `milestones`"
            }
            CardKind::Mediation if bridge => {
                "a bridged pledge has no stages: remove `milestones` (a delegation's assurance \
                 can be phased)"
            }
            _ => {
                "make it a pledge, kind = \"assurance\" with a basket (only a commitment has \
                 stages), or remove `milestones`"
            }
        };
        return Err(ctx.error(
            list.span(),
            "`milestones` is only for assurance cards".into(),
            hint,
        ));
    }
    let stages = list.get_ref();
    if !STAGES.contains(&stages.len()) {
        let hint = if stages.len() < *STAGES.start() {
            "give it at least two stages, or remove `milestones` and write duration = <tests> \
             for a pledge in one stage"
        } else {
            "merge stages: a stage can hold several tests (tests = 2)"
        };
        return Err(ctx.error(
            list.span(),
            format!(
                "`milestones` has {} stages; a phased commitment has {} to {}",
                stages.len(),
                STAGES.start(),
                STAGES.end()
            ),
            hint,
        ));
    }
    let mut built = Vec::with_capacity(stages.len());
    for stage in stages {
        built.push(build_stage(ctx, stage)?);
    }
    let sum = built.iter().map(|m| u16::from(m.tests)).sum::<u16>();
    if sum > u16::from(MAX_TESTS) {
        return Err(ctx.error(
            list.span(),
            format!("the milestones' tests add up to {sum}; a commitment owes at most {MAX_TESTS}"),
            "give the stages fewer tests, or the card fewer stages",
        ));
    }
    let sum = sum as u8;
    if let (Some(written), Some(span)) = (duration, c.duration.as_ref().map(Spanned::span))
        && written != sum
    {
        return Err(ctx.error(
            span,
            format!("`duration` is {written}, but the milestones' tests add up to {sum}"),
            &format!(
                "remove `duration`: a phased commitment owes the sum of its stages' tests (or \
                 write duration = {sum})"
            ),
        ));
    }
    Ok((built, sum))
}

/// One stage, its name and tests checked.
fn build_stage(ctx: &FileCtx, stage: &raw::MilestoneFile) -> Result<Milestone, ScenarioError> {
    if stage.name.get_ref().trim().is_empty() {
        return Err(ctx.error(
            stage.name.span(),
            "a milestone needs a name".into(),
            "name the stage in a few words, as players will read it on the table: name = \
             \"hold 48 hours\"",
        ));
    }
    let tests = match &stage.tests {
        Some(tests) if tests.get_ref().0 == 0 => {
            return Err(ctx.error(
                tests.span(),
                "a milestone holds at least one test".into(),
                "write tests = 1 or more (one round-end test a round), or remove the stage",
            ));
        }
        Some(tests) => tests.get_ref().0 as u8,
        None => 1,
    };
    Ok(Milestone {
        name: stage.name.get_ref().clone(),
        tests,
        trust: stage.trust.map_or(0, |t| t.0 as i8),
        credibility: stage.credibility.map_or(0, |c| c.0 as i8),
    })
}
