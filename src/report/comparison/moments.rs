//! A log entry as a moment of the game, in a few words ("Pakistan's hard-line posture",
//! "pledge #7 verified to 85%"), for the lists of where a factor or remedy showed up.

use crate::engine::{LogEvent, Meter, Scenario, Seat};

/// `event` in a few words, as a moment that illustrates a factor or a remedy.
pub(super) fn words(event: &LogEvent, scenario: &Scenario) -> String {
    let card = |c: crate::engine::CardId| scenario.cards[usize::from(c)].name.as_str();
    let named = |e: crate::engine::EventId| scenario.events[usize::from(e)].name.as_str();
    match *event {
        LogEvent::PostureTaken { seat, posture } => format!(
            "{seat}'s {posture} posture",
            seat = scenario.seat_name(seat)
        ),
        LogEvent::CardPlayed { seat, card: c } => {
            format!("{} {}", played_by(seat, scenario), card(c))
        }
        LogEvent::EventRevealed { event } | LogEvent::Injected { event } => {
            format!("the event {}", super::super::quoted(named(event)))
        }
        LogEvent::MeterChanged {
            meter: Meter::Escalation,
            now,
            delta,
        } if delta > 0 => format!("Escalation rose to {now} of 5"),
        LogEvent::DemandTabled { id, by, basket } => format!(
            "{by}'s demand #{id} in {basket}",
            by = scenario.seat_name(by)
        ),
        LogEvent::DemandMet { id, by, .. } => {
            format!("{by} met demand #{id}", by = scenario.seat_name(by))
        }
        LogEvent::DemandCountered { id, by, .. } => {
            format!("{by} countered demand #{id}", by = scenario.seat_name(by))
        }
        LogEvent::DemandRejected { id, by } => {
            format!("{by} rejected demand #{id}", by = scenario.seat_name(by))
        }
        LogEvent::DemandIgnored { id, to } => format!(
            "demand #{id} left unanswered by {to}",
            to = scenario.seat_name(to)
        ),
        LogEvent::DemandBridged { id, .. } | LogEvent::BridgeProposed { id, .. } => {
            format!("the mediators' bridge on demand #{id}")
        }
        LogEvent::CommitmentMade {
            id,
            by,
            basket,
            credibility,
        } => format!(
            "{by}'s pledge #{id} in {basket} at {credibility}%",
            by = scenario.seat_name(by)
        ),
        LogEvent::CommitmentVerified { id, credibility } => {
            format!("pledge #{id} verified to {credibility}%")
        }
        LogEvent::CommitmentBroken { id, by, .. } => {
            format!("{by}'s pledge #{id} broke", by = scenario.seat_name(by))
        }
        LogEvent::CommitmentHonoured { id, .. }
        | LogEvent::CommitmentKept { id, .. }
        | LogEvent::CommitmentImplemented { id } => format!("pledge #{id} kept"),
        LogEvent::PledgeOffered { id, to } => format!(
            "pledge #{id} offered to {to} unasked",
            to = scenario.seat_name(to)
        ),
        LogEvent::MonitorsDeployed { id, consented } => {
            format!("monitors for #{id} {}", consent(consented))
        }
        LogEvent::MonitoringSet {
            id,
            kind,
            consented,
        } => match kind {
            crate::engine::MonitorKind::Joint => format!("joint monitoring for #{id}"),
            _ => format!("{kind} for #{id} {}", consent(consented)),
        },
        LogEvent::MonitorsRefused { id, .. } => format!("Afghanistan refused monitors for #{id}"),
        LogEvent::PackageAgreed { offer, answer } => {
            format!("the package linking #{offer} and #{answer}")
        }
        LogEvent::BasketAgreed { basket } => format!("{basket} agreed"),
        LogEvent::BasketShortOfTrust {
            basket,
            trust,
            threshold,
        } => format!("{basket} short of Trust ({trust}, needs {threshold})"),
        LogEvent::BasketUnravelled { basket } => format!("{basket} unravelled"),
        LogEvent::Stalled => "a round without progress".to_string(),
        LogEvent::IdleTurn { seat } => {
            format!("{seat} made no move", seat = scenario.seat_name(seat))
        }
        LogEvent::UnilateralPull => "the pull toward unilateral strikes".to_string(),
        LogEvent::SeatPulled { seat, .. } => format!(
            "{seat}'s pull toward strikes",
            seat = scenario.seat_name(seat)
        ),
        LogEvent::HardlineEscalated { seat } => format!(
            "{seat}'s hard line raised the ladder",
            seat = scenario.seat_name(seat)
        ),
        LogEvent::AccordTabled => "the accord tabled".to_string(),
        LogEvent::AccordRefused => "the accord refused".to_string(),
        LogEvent::AccordSigned { .. } => "the accord signed".to_string(),
        LogEvent::AccordBreached { id } => format!("the accord breached by #{id}"),
        LogEvent::GameOver { outcome } => outcome.to_string(),
        _ => {
            let said = crate::engine::LogEntry {
                round: 0,
                event: *event,
            }
            .describe(scenario);
            said.trim().trim_end_matches('.').to_string()
        }
    }
}

/// "Pakistan played", "the mediators played".
fn played_by(seat: Seat, scenario: &Scenario) -> String {
    match seat {
        Seat::Mediator => "the mediators played".to_string(),
        _ => format!("{} played", scenario.seat_name(seat)),
    }
}

fn consent(consented: bool) -> &'static str {
    if consented {
        "with Afghan consent"
    } else {
        "without Afghan consent"
    }
}
