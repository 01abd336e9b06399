//! Red lines the engine checks.
//!
//! A brief's red line is words a delegation (or the mediators) must not let happen. A
//! scenario may tie one to a [`RedLineRule`] from a small fixed vocabulary and a cost: when
//! the game crosses it, its seat loses that many points. Whether and when a line was crossed
//! is decided from the game's public log, followed entry by entry as it is written (a
//! [`RedLineRecord`]), and its meter history alone (see [`Game::red_lines_crossed`]), so it
//! is pure, deterministic, and the same in a replay.

use super::accord::{afghan_security_half, pakistani_half};
use super::{Basket, Game, LogEntry, LogEvent, Meter, Outcome, Seat, TableId};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// One red line of a brief: its words and, if the engine checks it, the rule and cost.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RedLine {
    /// The words the brief shows.
    pub text: String,
    /// The rule the engine checks and what crossing it costs; `None` for words only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub check: Option<RedLineCheck>,
}

impl RedLine {
    /// A red line of words only, which the engine does not check.
    pub fn words(text: impl Into<String>) -> RedLine {
        RedLine {
            text: text.into(),
            check: None,
        }
    }

    /// The line as a brief shows it: its words and, when the engine checks it, what crossing
    /// it costs.
    pub fn shown(&self) -> String {
        match self.check {
            Some(check) => format!("{} (crossing it costs {} points)", self.text, check.cost),
            None => self.text.clone(),
        }
    }
}

/// What the engine checks of a red line.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RedLineCheck {
    /// When the line is crossed.
    pub rule: RedLineRule,
    /// Points the seat loses when it is crossed (once, however often).
    pub cost: u8,
}

/// The vocabulary of engine-checked red lines.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RedLineRule {
    /// An accord is signed with no verified Afghan commitment in Security standing or
    /// already honoured.
    AccordWithoutAfghanSecurity,
    /// An accord is signed with no Pakistani commitment in Sovereignty or Humanitarian &
    /// Trade standing or already honoured.
    AccordWithoutPakistaniAssurance,
    /// An accord is signed without the Verification basket agreed.
    AccordWithoutVerification,
    /// Intrusive monitors deploy on Afghan soil after the Afghan seat refused them (possible
    /// under rules version 1 only: version 2 makes the refusal a veto).
    MonitorsWithoutConsent,
    /// A delegation walks out (the Afghan or the Pakistani walkout).
    Walkout,
    /// The game ends in a breakdown, whatever its cause.
    Breakdown,
    /// A tabled accord is refused.
    AccordRefused,
    /// `meter` is at or below `value` at the end of a round or of the game.
    MeterFloor {
        /// The meter watched.
        meter: Meter,
        /// The floor.
        value: u8,
    },
    /// `meter` is at or above `value` at the end of a round or of the game.
    MeterCeiling {
        /// The meter watched.
        meter: Meter,
        /// The ceiling.
        value: u8,
    },
}

impl RedLineRule {
    /// Every rule name a scenario file may use, in the order the documentation lists them.
    pub const NAMES: [&'static str; 9] = [
        "accord_without_afghan_security",
        "accord_without_pakistani_assurance",
        "accord_without_verification",
        "monitors_without_consent",
        "walkout",
        "breakdown",
        "accord_refused",
        "meter_floor",
        "meter_ceiling",
    ];

    /// The rule's name in scenario files.
    pub fn name(self) -> &'static str {
        match self {
            RedLineRule::AccordWithoutAfghanSecurity => Self::NAMES[0],
            RedLineRule::AccordWithoutPakistaniAssurance => Self::NAMES[1],
            RedLineRule::AccordWithoutVerification => Self::NAMES[2],
            RedLineRule::MonitorsWithoutConsent => Self::NAMES[3],
            RedLineRule::Walkout => Self::NAMES[4],
            RedLineRule::Breakdown => Self::NAMES[5],
            RedLineRule::AccordRefused => Self::NAMES[6],
            RedLineRule::MeterFloor { .. } => Self::NAMES[7],
            RedLineRule::MeterCeiling { .. } => Self::NAMES[8],
        }
    }

    /// What crosses the line, in words ("an accord signed without the Verification basket"),
    /// each meter by the scenario's name for it.
    pub fn describe(self, scenario: &super::Scenario) -> String {
        match self {
            RedLineRule::AccordWithoutAfghanSecurity => {
                "an accord signed without a verified Afghan Security commitment, standing or kept".into()
            }
            RedLineRule::AccordWithoutPakistaniAssurance => {
                "an accord signed without a Pakistani commitment in Sovereignty or Humanitarian & Trade, standing or kept".into()
            }
            RedLineRule::AccordWithoutVerification => {
                "an accord signed without the Verification basket agreed".into()
            }
            RedLineRule::MonitorsWithoutConsent => {
                "monitors deployed on Afghan soil after the Afghan delegation refused them".into()
            }
            RedLineRule::Walkout => "a delegation walking out".into(),
            RedLineRule::Breakdown => "the talks ending in a breakdown".into(),
            RedLineRule::AccordRefused => "a tabled accord refused".into(),
            RedLineRule::MeterFloor { meter, value } => {
                format!(
                    "{} at {value} or below at a round's end",
                    scenario.meter_name(meter)
                )
            }
            RedLineRule::MeterCeiling { meter, value } => {
                format!(
                    "{} at {value} or above at a round's end",
                    scenario.meter_name(meter)
                )
            }
        }
    }
}

/// A red line the game crossed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Crossing {
    /// The seat whose brief holds the line.
    pub seat: Seat,
    /// The line's index in that brief's red lines.
    pub line: usize,
    /// Its rule.
    pub rule: RedLineRule,
    /// The round in which it was first crossed.
    pub round: u8,
    /// The points it cost.
    pub cost: u8,
}

/// What the accord rested on when it was signed, as the log tells it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Signed {
    round: u8,
    afghan_security: bool,
    pakistani_assurance: bool,
    verification: bool,
}

/// What a commitment on the table is, as the log tells it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Pledge {
    by: Seat,
    basket: Basket,
    verified: bool,
    /// Whether it was verified before its latest verification (restored by a veto).
    verified_before: bool,
}

/// The table as the log tells it, followed entry by entry: the commitments standing, those
/// already honoured, and which baskets are agreed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
struct TableFromLog {
    standing: BTreeMap<TableId, Pledge>,
    kept: Vec<Pledge>,
    agreed: [bool; 4],
}

impl TableFromLog {
    /// Takes one log entry into account.
    fn follow(&mut self, event: LogEvent) {
        match event {
            LogEvent::CommitmentMade { id, by, basket, .. } => {
                let pledge = Pledge {
                    by,
                    basket,
                    verified: false,
                    verified_before: false,
                };
                self.standing.insert(id, pledge);
            }
            LogEvent::CommitmentVerified { id, .. } => {
                if let Some(p) = self.standing.get_mut(&id) {
                    p.verified_before = p.verified;
                    p.verified = true;
                }
            }
            LogEvent::MonitorsRefused { id, .. } => {
                if let Some(p) = self.standing.get_mut(&id) {
                    p.verified = p.verified_before;
                }
            }
            LogEvent::CommitmentBroken { id, .. } => {
                self.standing.remove(&id);
            }
            LogEvent::CommitmentHonoured { id, .. } => {
                self.kept.extend(self.standing.remove(&id));
            }
            LogEvent::BasketAgreed { basket } => self.agreed[basket.index()] = true,
            LogEvent::BasketUnravelled { basket } => self.agreed[basket.index()] = false,
            _ => {}
        }
    }

    /// What an accord signed now, in `round`, rests on: the pledges standing or already
    /// honoured (a pledge kept before the signing is no less kept), and the baskets agreed.
    fn signed(&self, round: u8) -> Signed {
        let pledges = || self.standing.values().chain(&self.kept);
        Signed {
            round,
            afghan_security: pledges().any(|p| afghan_security_half(p.by, p.basket, p.verified)),
            pakistani_assurance: pledges().any(|p| pakistani_half(p.by, p.basket)),
            verification: self.agreed[Basket::Verification.index()],
        }
    }
}

/// The rounds in which the log-decided red lines were first crossed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct LogFacts {
    signed: Option<Signed>,
    refused: Option<u8>,
    unconsented_monitors: Option<u8>,
}

/// What the red lines are decided on, kept up to date as each entry joins the public log:
/// the table as the log tells it and the moments that cross the log-decided lines. Public,
/// as the log is: a seat's view carries it, so a game sampled from the view (a bot's
/// rollout) goes on deciding the red lines as the real game does.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RedLineRecord {
    table: TableFromLog,
    facts: LogFacts,
}

impl RedLineRecord {
    /// The record of a whole log, read from its first entry.
    pub fn of_log(log: &[LogEntry]) -> RedLineRecord {
        let mut record = RedLineRecord::default();
        log.iter().for_each(|entry| record.follow(entry));
        record
    }

    /// Takes one new log entry into account.
    pub(super) fn follow(&mut self, entry: &LogEntry) {
        self.table.follow(entry.event);
        let facts = &mut self.facts;
        match entry.event {
            LogEvent::MonitorsDeployed {
                consented: false, ..
            }
            | LogEvent::MonitoringSet {
                consented: false, ..
            } => {
                facts.unconsented_monitors.get_or_insert(entry.round);
            }
            LogEvent::AccordRefused => {
                facts.refused.get_or_insert(entry.round);
            }
            // The Afghan vote comes second: a yes from it signs the accord.
            LogEvent::AccordVote {
                seat: Seat::Afghanistan,
                accept: true,
            } if facts.signed.is_none() => {
                facts.signed = Some(self.table.signed(entry.round));
            }
            _ => {}
        }
    }
}

impl Game {
    /// Every engine-checked red line of every brief that the game has crossed so far, with
    /// the round it was first crossed in, in seat and brief order. Decided from the public
    /// log and the meters at each round's end, never from hidden state.
    pub fn red_lines_crossed(&self) -> Vec<Crossing> {
        let checked: Vec<(Seat, usize, RedLineCheck)> = Seat::ALL
            .into_iter()
            .flat_map(|seat| {
                let brief = self.scenario.briefs[seat.index()].as_deref();
                let lines = brief.map_or(&[][..], |b| &b.red_lines[..]);
                lines
                    .iter()
                    .enumerate()
                    .filter_map(move |(i, l)| l.check.map(|c| (seat, i, c)))
            })
            .collect();
        if checked.is_empty() {
            return Vec::new();
        }
        let facts = &self.red_line_record.facts;
        checked
            .into_iter()
            .filter_map(|(seat, line, check)| {
                let round = self.crossed_in(check.rule, facts)?;
                Some(Crossing {
                    seat,
                    line,
                    rule: check.rule,
                    round,
                    cost: check.cost,
                })
            })
            .collect()
    }

    /// The points each seat has lost to crossed red lines, by seat index (0 or less).
    pub(super) fn red_line_points(&self) -> [i16; 3] {
        let mut points = [0i16; 3];
        for crossing in self.red_lines_crossed() {
            points[crossing.seat.index()] -= i16::from(crossing.cost);
        }
        points
    }

    /// The round in which `rule` was first crossed, if it was.
    fn crossed_in(&self, rule: RedLineRule, facts: &LogFacts) -> Option<u8> {
        let signed_lacking =
            |holds: fn(&Signed) -> bool| facts.signed.filter(|s| !holds(s)).map(|s| s.round);
        match rule {
            RedLineRule::AccordWithoutAfghanSecurity => signed_lacking(|s| s.afghan_security),
            RedLineRule::AccordWithoutPakistaniAssurance => {
                signed_lacking(|s| s.pakistani_assurance)
            }
            RedLineRule::AccordWithoutVerification => signed_lacking(|s| s.verification),
            RedLineRule::MonitorsWithoutConsent => facts.unconsented_monitors,
            RedLineRule::AccordRefused => facts.refused,
            RedLineRule::Walkout => self.ended_in(|o| {
                matches!(
                    o,
                    Outcome::Breakdown(
                        super::Breakdown::AfghanWalkout | super::Breakdown::PakistaniWalkout
                    )
                )
            }),
            RedLineRule::Breakdown => self.ended_in(|o| matches!(o, Outcome::Breakdown(_))),
            RedLineRule::MeterFloor { meter, value } => {
                self.first_round_end(|m| m.get(meter) <= value)
            }
            RedLineRule::MeterCeiling { meter, value } => {
                self.first_round_end(|m| m.get(meter) >= value)
            }
        }
    }

    /// The last round, when the game ended in an outcome for which `ended` holds.
    fn ended_in(&self, ended: impl Fn(Outcome) -> bool) -> Option<u8> {
        self.outcome.filter(|&o| ended(o)).map(|_| self.round)
    }

    /// The first round at whose end (or at the game's end) the meters satisfy `crossed`. The
    /// meter history holds the start, then the meters after each round's upkeep and at the
    /// end: entry `n` is the end of round `n`.
    fn first_round_end(&self, crossed: impl Fn(&super::Meters) -> bool) -> Option<u8> {
        self.meter_history
            .iter()
            .enumerate()
            .skip(1)
            .find(|(_, m)| crossed(m))
            .map(|(round, _)| round as u8)
    }
}
