//! A scenario's comparison of the game with the real talks it is built on: the factors that
//! made them fail and the remedies proposed, each with what happened then and a rule saying
//! which happenings of a game show it. Which factor or remedy a log entry illustrates is
//! read from the entry and these rules, so the log itself (and every save) is unchanged.

use super::{Basket, CardId, CardKind, EventId, LogEvent, Meter, MonitorKind, Outcome, Posture};
use super::{Breakdown, Scenario};
use serde::{Deserialize, Serialize};

/// The `[comparison]` of a scenario: its title, its factors and its remedies.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Comparison {
    /// The section's title ("This table and Istanbul 2025").
    pub title: String,
    /// What made the real talks fail, one by one.
    pub factors: Vec<ComparisonItem>,
    /// What was proposed to mend them, one by one.
    pub remedies: Vec<ComparisonItem>,
}

/// One factor or remedy.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ComparisonItem {
    /// Its id, unique in the comparison (`mistrust`).
    pub id: String,
    /// Its name ("Growing mistrust").
    pub name: String,
    /// What happened in the real talks, in a few sentences.
    pub history: String,
    /// Which happenings of a game show it.
    pub shown_by: ShownBy,
}

/// The happenings of a game that show a factor or a remedy: any card or event named, any
/// card of a kind named, any demand, pledge or agreement in a basket named, any log entry of
/// a kind named.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct ShownBy {
    /// Cards played.
    pub cards: Vec<CardId>,
    /// Events revealed.
    pub events: Vec<EventId>,
    /// Kinds of card played.
    pub kinds: Vec<CardKind>,
    /// Baskets in which a demand was tabled, a pledge made, or which were agreed or
    /// unravelled.
    pub baskets: Vec<Basket>,
    /// Kinds of log entry.
    pub log: Vec<LogKind>,
}

/// A kind of log entry a factor or remedy can be shown by, as a scenario names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LogKind {
    /// A delegation took a hard-line posture.
    HardLine,
    /// A delegation took a conciliatory posture.
    Conciliatory,
    /// Escalation rose.
    Escalation,
    /// Insecurity and pressure pulled a delegation toward unilateral strikes.
    UnilateralPull,
    /// A demand was met.
    DemandMet,
    /// A demand was rejected.
    DemandRejected,
    /// A demand was countered.
    DemandCountered,
    /// A demand went unanswered for a round.
    DemandIgnored,
    /// The mediators proposed a bridge, or bridged a demand.
    Bridge,
    /// A pledge was made.
    PledgeMade,
    /// A pledge broke.
    PledgeBroken,
    /// A pledge was honoured, kept or implemented.
    PledgeKept,
    /// A pledge was offered unasked.
    PledgeOffered,
    /// A pledge was verified.
    Verification,
    /// Monitors deployed (international or regional).
    Monitors,
    /// Joint monitoring teams were formed.
    JointMonitoring,
    /// The Afghan seat refused monitors.
    MonitorsRefused,
    /// Monitors deployed without Afghan consent.
    MonitorsWithoutConsent,
    /// A package of linked pledges was agreed.
    Package,
    /// A basket was agreed.
    BasketAgreed,
    /// A pledge answered a demand but Trust was short of the basket's threshold.
    ShortOfTrust,
    /// A basket unravelled.
    BasketUnravelled,
    /// A round passed without progress.
    Stalled,
    /// A delegation ended a turn without a move.
    IdleTurn,
    /// The accord was tabled.
    AccordTabled,
    /// The accord was refused.
    AccordRefused,
    /// The accord was signed.
    AccordSigned,
    /// A pledge the accord binds broke.
    AccordBreached,
    /// A delegation walked out.
    Walkout,
    /// The mediators withdrew.
    MediatorsWithdrew,
    /// Escalation reached open conflict.
    OpenConflict,
}

impl LogKind {
    /// Every kind's name as a scenario writes it, for hints.
    pub const NAMES: [&'static str; 31] = [
        "hard_line",
        "conciliatory",
        "escalation",
        "unilateral_pull",
        "demand_met",
        "demand_rejected",
        "demand_countered",
        "demand_ignored",
        "bridge",
        "pledge_made",
        "pledge_broken",
        "pledge_kept",
        "pledge_offered",
        "verification",
        "monitors",
        "joint_monitoring",
        "monitors_refused",
        "monitors_without_consent",
        "package",
        "basket_agreed",
        "short_of_trust",
        "basket_unravelled",
        "stalled",
        "idle_turn",
        "accord_tabled",
        "accord_refused",
        "accord_signed",
        "accord_breached",
        "walkout",
        "mediators_withdrew",
        "open_conflict",
    ];

    /// Whether `event` is of this kind.
    pub fn matches(self, event: &LogEvent) -> bool {
        use LogEvent as E;
        let ended = |cause: Breakdown| matches!(event, E::GameOver { outcome: Outcome::Breakdown(c) } if *c == cause);
        match self {
            LogKind::HardLine => matches!(
                event,
                E::PostureTaken {
                    posture: Posture::Hardline,
                    ..
                }
            ),
            LogKind::Conciliatory => matches!(
                event,
                E::PostureTaken {
                    posture: Posture::Conciliatory,
                    ..
                }
            ),
            LogKind::Escalation => matches!(
                event,
                E::MeterChanged { meter: Meter::Escalation, delta, .. } if *delta > 0
            ),
            LogKind::UnilateralPull => matches!(event, E::UnilateralPull | E::SeatPulled { .. }),
            LogKind::DemandMet => matches!(event, E::DemandMet { .. }),
            LogKind::DemandRejected => matches!(event, E::DemandRejected { .. }),
            LogKind::DemandCountered => matches!(event, E::DemandCountered { .. }),
            LogKind::DemandIgnored => matches!(event, E::DemandIgnored { .. }),
            LogKind::Bridge => matches!(event, E::BridgeProposed { .. } | E::DemandBridged { .. }),
            LogKind::PledgeMade => matches!(event, E::CommitmentMade { .. }),
            LogKind::PledgeBroken => matches!(event, E::CommitmentBroken { .. }),
            LogKind::PledgeKept => matches!(
                event,
                E::CommitmentHonoured { .. }
                    | E::CommitmentKept { .. }
                    | E::CommitmentImplemented { .. }
            ),
            LogKind::PledgeOffered => matches!(event, E::PledgeOffered { .. }),
            LogKind::Verification => matches!(event, E::CommitmentVerified { .. }),
            LogKind::Monitors => matches!(
                event,
                E::MonitorsDeployed { .. }
                    | E::MonitoringSet {
                        kind: MonitorKind::International | MonitorKind::Regional,
                        ..
                    }
            ),
            LogKind::JointMonitoring => matches!(
                event,
                E::MonitoringSet {
                    kind: MonitorKind::Joint,
                    ..
                }
            ),
            LogKind::MonitorsRefused => matches!(event, E::MonitorsRefused { .. }),
            LogKind::MonitorsWithoutConsent => matches!(
                event,
                E::MonitorsDeployed {
                    consented: false,
                    ..
                } | E::MonitoringSet {
                    kind: MonitorKind::International | MonitorKind::Regional,
                    consented: false,
                    ..
                }
            ),
            LogKind::Package => matches!(event, E::PackageAgreed { .. }),
            LogKind::BasketAgreed => matches!(event, E::BasketAgreed { .. }),
            LogKind::ShortOfTrust => matches!(event, E::BasketShortOfTrust { .. }),
            LogKind::BasketUnravelled => matches!(event, E::BasketUnravelled { .. }),
            LogKind::Stalled => matches!(event, E::Stalled),
            LogKind::IdleTurn => matches!(event, E::IdleTurn { .. }),
            LogKind::AccordTabled => matches!(event, E::AccordTabled),
            LogKind::AccordRefused => matches!(event, E::AccordRefused),
            LogKind::AccordSigned => matches!(event, E::AccordSigned { .. }),
            LogKind::AccordBreached => matches!(event, E::AccordBreached { .. }),
            LogKind::Walkout => {
                ended(Breakdown::AfghanWalkout) || ended(Breakdown::PakistaniWalkout)
            }
            LogKind::MediatorsWithdrew => ended(Breakdown::MediatorsWithdrew),
            LogKind::OpenConflict => ended(Breakdown::Escalation),
        }
    }
}

impl ShownBy {
    /// Whether `event`, logged in a game of `scenario`, shows this factor or remedy.
    pub fn shows(&self, event: &LogEvent, scenario: &Scenario) -> bool {
        let basket = match *event {
            LogEvent::DemandTabled { basket, .. }
            | LogEvent::CommitmentMade { basket, .. }
            | LogEvent::BasketAgreed { basket }
            | LogEvent::BasketUnravelled { basket } => Some(basket),
            _ => None,
        };
        let shown = match *event {
            LogEvent::CardPlayed { card, .. } => {
                self.cards.contains(&card)
                    || self.kinds.contains(&scenario.cards[usize::from(card)].kind)
            }
            LogEvent::EventRevealed { event } | LogEvent::Injected { event } => {
                self.events.contains(&event)
            }
            _ => false,
        };
        shown
            || basket.is_some_and(|b| self.baskets.contains(&b))
            || self.log.iter().any(|kind| kind.matches(event))
    }

    /// Whether nothing is named (such an item could never show).
    pub fn is_empty(&self) -> bool {
        self.cards.is_empty()
            && self.events.is_empty()
            && self.kinds.is_empty()
            && self.baskets.is_empty()
            && self.log.is_empty()
    }
}

impl Comparison {
    /// The factors, then the remedies.
    pub fn items(&self) -> impl Iterator<Item = &ComparisonItem> {
        self.factors.iter().chain(&self.remedies)
    }

    /// The factors and remedies `event` illustrates, in order (factors first).
    pub fn illustrated_by<'a>(
        &'a self,
        event: &'a LogEvent,
        scenario: &'a Scenario,
    ) -> impl Iterator<Item = &'a ComparisonItem> + 'a {
        self.items()
            .filter(move |item| item.shown_by.shows(event, scenario))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_name_listed_is_a_kind_and_every_kind_is_listed() {
        let kinds: std::collections::HashSet<LogKind> = LogKind::NAMES
            .iter()
            .map(|name| {
                serde_json::from_value(serde_json::Value::String(name.to_string()))
                    .unwrap_or_else(|e| panic!("{name}: {e}"))
            })
            .collect();
        // As many distinct kinds as the enum has variants (the last one's index, plus one).
        assert_eq!(kinds.len(), LogKind::OpenConflict as usize + 1);
    }

    #[test]
    fn a_kind_matches_only_its_own_entries() {
        let hard = LogEvent::PostureTaken {
            seat: super::super::Seat::Pakistan,
            posture: Posture::Hardline,
        };
        assert!(LogKind::HardLine.matches(&hard));
        assert!(!LogKind::Conciliatory.matches(&hard));
        let up = LogEvent::MeterChanged {
            meter: Meter::Escalation,
            delta: 1,
            now: 3,
        };
        let down = LogEvent::MeterChanged {
            meter: Meter::Escalation,
            delta: -1,
            now: 1,
        };
        assert!(LogKind::Escalation.matches(&up));
        assert!(!LogKind::Escalation.matches(&down));
        let walkout = LogEvent::GameOver {
            outcome: Outcome::Breakdown(Breakdown::AfghanWalkout),
        };
        assert!(LogKind::Walkout.matches(&walkout));
        assert!(!LogKind::OpenConflict.matches(&walkout));
    }
}
