//! The words for the game's things, shared by screens, saves and reports: seats, actions as
//! menu entries (with what they would do, from [`Preview`]), table items, meter dangers.
//!
//! Nothing here computes a rule: every number is either a rule's setting or read from a
//! [`Preview`], which the rules themselves produced.

use super::{
    Action, Basket, CardId, CardKind, Commitment, Demand, Game, Meter, MeterTarget, Posture,
    Preview, Scenario, Seat, SeatView, TableId,
};

/// The monitors awaiting consent, in words: "regional monitors", or "monitors" for the first
/// format's (international) ones.
fn consent_kind(view: &SeatView) -> String {
    view.consent_card
        .and_then(|card| view.scenario.cards[usize::from(card)].monitors)
        .filter(|&kind| kind != super::MonitorKind::International)
        .map_or("monitors".to_string(), |kind| kind.to_string())
}

/// Who made `action`, in words: its seat by the scenario's name for it, or the facilitator
/// for an inject.
pub fn actor(scenario: &Scenario, action: &Action) -> String {
    if action.is_inject() {
        "Facilitator".to_string()
    } else {
        scenario.seat_name(action.seat()).to_string()
    }
}

/// A seat's usual tag (`PK`, `AF`, `MD`): the key's short form where files and commands name
/// a seat (saves, `@pk` in the table talk); what people read is [`Scenario::seat_tag`].
pub fn seat_tag(seat: Seat) -> &'static str {
    match seat {
        Seat::Pakistan => "PK",
        Seat::Afghanistan => "AF",
        Seat::Mediator => "MD",
    }
}

/// A pending demand in one line: `#7 AF→PK Security: Dismantle the camps`.
pub fn demand(scenario: &Scenario, d: &Demand) -> String {
    format!(
        "#{} {}→{} {}: {}",
        d.id,
        scenario.seat_tag(d.by),
        scenario.seat_tag(d.to),
        d.basket,
        scenario.cards[usize::from(d.card)].name
    )
}

/// A commitment in one line: `#4 PK Security 75% held 1/2 verified: Joint patrols` (`kept
/// 2/2` once it has held every test it owes and stays on the table untested, rules version 2).
pub fn commitment(scenario: &Scenario, c: &Commitment) -> String {
    let mut marks = String::new();
    if c.verified {
        marks.push_str(" verified");
    }
    match c.monitoring() {
        // The first format's mark, kept for international monitors.
        Some(super::MonitorKind::International) => marks.push_str(" +monitors"),
        Some(kind) => marks.push_str(&format!(" +{kind}")),
        None => {}
    }
    let held = if c.tests >= c.duration {
        "kept"
    } else {
        "held"
    };
    format!(
        "#{} {} {} {}% {held} {}/{}{}: {}",
        c.id,
        scenario.seat_tag(c.by),
        c.basket,
        c.credibility,
        c.tests,
        c.duration,
        marks,
        scenario.cards[usize::from(c.card)].name
    )
}

/// A phased commitment's stage, for a line of its own under [`commitment`]: `stage 2/4:
/// extend to the end of talks`, or `all 4 stages passed`; `None` for a plain pledge.
pub fn commitment_stage(scenario: &Scenario, c: &Commitment) -> Option<String> {
    c.stage(scenario).map(|stage| stage.to_string())
}

/// A table item (demand or commitment) by id, for menu entries.
pub fn table_item(view: &SeatView, id: TableId) -> String {
    let scenario = &view.scenario;
    if let Some(d) = view.demands.iter().find(|d| d.id == id) {
        return format!("demand {}", demand(scenario, d));
    }
    if let Some(c) = view.commitments.iter().find(|c| c.id == id) {
        return format!("commitment {}", commitment(scenario, c));
    }
    format!("#{id}")
}

/// A table item in a few words, for an option aimed at it: `#3 AF→PK Security` for a demand,
/// `#5 AF Security 70%` for a commitment.
fn item_short(view: &SeatView, id: TableId) -> String {
    let tag = |seat| view.scenario.seat_tag(seat);
    if let Some(d) = view.demands.iter().find(|d| d.id == id) {
        return format!("#{id} {}→{} {}", tag(d.by), tag(d.to), d.basket);
    }
    if let Some(c) = view.commitments.iter().find(|c| c.id == id) {
        return format!("#{id} {} {} {}%", tag(c.by), c.basket, c.credibility);
    }
    format!("#{id}")
}

/// What a card played on a table item would do to it: a verification's new credibility and,
/// for monitors on an Afghan pledge, what Afghanistan's answer costs; a bridge's pledge.
fn target_preview(view: &SeatView, card: CardId, target: TableId, preview: &Preview) -> String {
    let s = &view.scenario;
    let def = &s.cards[usize::from(card)];
    if let (Some(now), Some(c)) = (
        preview.verified_to(),
        view.commitments.iter().find(|c| c.id == target),
    ) {
        let capped = if now < c.credibility.saturating_add(def.verify) {
            format!(
                " (capped at {}%: +{} of the card's +{})",
                s.rules.max_credibility,
                now.saturating_sub(c.credibility),
                def.verify
            )
        } else {
            String::new()
        };
        let kind = def.monitors.map_or(String::new(), |k| k.to_string());
        let monitors = if def.sends_monitors() && c.by == Seat::Afghanistan && s.rules.version >= 2
        {
            format!(
                "; {kind} on Afghan soil: {} consents (its Pressure +{}) or refuses \
                 (no monitors, the verification withdrawn, Trust −{})",
                s.seat_name(Seat::Afghanistan),
                def.consent_pressure(),
                s.rules.refused_monitors_trust
            )
        } else if def.sends_monitors() && c.by == Seat::Afghanistan {
            format!(
                "; {kind} on Afghan soil: {} consents (its Pressure +{}) or refuses \
                 (Sovereignty −{})",
                s.seat_name(Seat::Afghanistan),
                def.consent_pressure(),
                def.sovereignty_cost
            )
        } else if def.monitors == Some(super::MonitorKind::Joint) {
            format!("; {kind}: teams with {}, nobody asked", s.seat_name(c.by))
        } else {
            String::new()
        };
        return format!(": {}% → {now}%, verified{capped}{monitors}", c.credibility);
    }
    if def.bridge
        && let (Some(accepted), Some(d)) = (
            preview.if_accepted.as_deref(),
            view.demands.iter().find(|d| d.id == target),
        )
    {
        let credibility = accepted.pledge().unwrap_or_default();
        let agrees = if accepted.agrees().is_some() {
            format!(" · agrees {}", d.basket)
        } else if let Some((basket, trust, threshold)) = accepted.short_of_trust() {
            format!("; Trust {trust} < {threshold}: {basket} stays open")
        } else {
            String::new()
        };
        return format!(
            ": proposes {}'s pledge at {credibility}% in {}{agrees}, if {} accepts (declining \
             costs Trust −{})",
            s.seat_name(d.to),
            d.basket,
            s.seat_name(d.to),
            s.rules.declined_bridge_trust
        );
    }
    if def.bridge
        && let (Some(credibility), Some(d)) = (
            preview.pledge(),
            view.demands.iter().find(|d| d.id == target),
        )
    {
        let agrees = if preview.agrees().is_some() {
            format!(" · agrees {}", d.basket)
        } else if let Some((basket, trust, threshold)) = preview.short_of_trust() {
            format!("; Trust {trust} < {threshold}: {basket} stays open")
        } else {
            String::new()
        };
        return format!(
            ": {}'s pledge at {credibility}% in {}{agrees}",
            s.seat_name(d.to),
            d.basket
        );
    }
    String::new()
}

/// Meter changes in a few words: `your Pressure +5, Trust +2`.
pub fn effect_list(scenario: &Scenario, changes: &[(MeterTarget, i8)]) -> String {
    changes
        .iter()
        .map(|&(target, delta)| {
            let name = match target {
                MeterTarget::Fixed(meter) => scenario.meter_name(meter).into_owned(),
                MeterTarget::OwnPressure => "your Pressure".to_string(),
                MeterTarget::RivalPressure => "their Pressure".to_string(),
            };
            format!("{name} {delta:+}")
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// `action` as a menu entry for the seat that takes it in `game` now, with what it would do.
pub fn action_in(game: &Game, action: &Action) -> String {
    let preview = game.preview(action).unwrap_or_default();
    self::action(&game.view(action.seat()), action, &preview)
}

/// One action as a menu entry for the seat that takes it; `preview` is what it would do
/// ([`crate::engine::Game::preview`]).
pub fn action(view: &SeatView, action: &Action, preview: &Preview) -> String {
    let s = &view.scenario;
    let card = |id: CardId| s.cards[usize::from(id)].name.as_str();
    let rules = &s.rules;
    match *action {
        Action::Play {
            card: c,
            target: None,
            seat,
        } => {
            // An assurance played beside a demand it could meet: say what playing it alone
            // forgoes.
            let def = &s.cards[usize::from(c)];
            let forgoes = view.demands.iter().any(|d| {
                d.to == seat && Some(d.basket) == def.basket && def.kind == CardKind::Assurance
            });
            let alone = if forgoes {
                " alone: a pledge, but only meeting the demand agrees the basket"
            } else {
                ""
            };
            format!("Play {} ({}◆){alone}", card(c), view.cost_of(c))
        }
        Action::Play {
            card: c,
            target: Some(t),
            ..
        } => format!(
            "Play {} on {} ({}◆){}",
            card(c),
            item_short(view, t),
            view.cost_of(c),
            target_preview(view, c, t, preview)
        ),
        Action::Meet {
            demand, card: c, ..
        } => {
            // What the pledge would be: its credibility and how long it must hold, and what
            // the card does at once, so two assurances can be told apart here.
            let def = &s.cards[usize::from(c)];
            let credibility = preview.pledge().unwrap_or_default();
            let tests = match (def.duration, def.milestones.len()) {
                (1, _) => "1 test".to_string(),
                (n, 0) => format!("{n} tests"),
                (n, stages) => format!("{n} tests in {stages} stages"),
            };
            // The last rounds hold fewer tests than a long pledge needs.
            let left = view.last_round().saturating_sub(view.round) + 1;
            let tests = if def.duration > left {
                format!("{tests} (only {left} before the talks end)")
            } else {
                tests
            };
            let now = effect_list(s, &def.effects.meters);
            let now = if now.is_empty() {
                String::new()
            } else {
                format!(", {now}")
            };
            // Meeting a demand adds Trust; with enough, the basket is agreed.
            let agrees = preview
                .agrees()
                .map_or_else(String::new, |basket| format!(" · agrees {basket}"));
            format!(
                "Meet #{demand} with {} ({}◆): pledge at {credibility}%, honoured after {tests}; \
                 Trust +{}{now}{agrees}",
                card(c),
                view.cost_of(c),
                rules.meet_trust
            )
        }
        Action::Counter {
            demand, card: c, ..
        } => {
            // What countering does: the demand leaves the table, yours takes its place.
            let tabled = preview.events.iter().find_map(|e| match *e {
                super::LogEvent::DemandTabled { id, basket, .. } => Some((id, basket)),
                _ => None,
            });
            let instead = tabled.map_or_else(String::new, |(id, basket)| {
                format!(": #{demand} is withdrawn, your demand #{id} in {basket} goes to them")
            });
            format!(
                "Counter #{demand} with your demand {} ({}◆){instead}",
                card(c),
                view.cost_of(c)
            )
        }
        Action::Reject { demand, .. } => format!(
            "Reject #{demand}: Trust −{}, your Pressure −{}",
            rules.reject_trust, rules.reject_relief
        ),
        Action::TableAccord { .. } => "Table the accord for signature".to_string(),
        Action::Pass { seat } => match Meter::pressure_of(seat) {
            Some(pressure)
                if preview
                    .events
                    .iter()
                    .any(|e| matches!(e, super::LogEvent::IdleTurn { .. })) =>
            {
                format!(
                    "Pass: end your turn without a move (your Pressure {})",
                    signed(preview.meter_change(pressure))
                )
            }
            _ => "Pass: end your turn".to_string(),
        },
        Action::Choose { option, .. } => view
            .current_event
            .and_then(|e| s.events[usize::from(e)].choice.as_ref())
            .and_then(|c| c.options.get(usize::from(option)))
            .map_or_else(
                || format!("Option {}", option + 1),
                |o| match o.voice {
                    Some(voice) => {
                        format!("{} — {} ({} speaks)", o.label, o.text, s.member_name(voice))
                    }
                    None => format!("{} — {}", o.label, o.text),
                },
            ),
        Action::Consent { accept: true, .. } => format!(
            "Consent: {} deploy; Afghan pressure {:+} (half the Sovereignty cost)",
            consent_kind(view),
            preview.meter_change(Meter::AfghanistanPressure)
        ),
        Action::Consent { accept: false, .. } if preview.monitors_refused().is_some() => {
            format!(
                "Refuse: no monitors deploy; the verification is withdrawn (credibility back to \
                 {}%), Trust {}",
                preview.monitors_refused().unwrap_or_default(),
                signed(preview.meter_change(Meter::Trust))
            )
        }
        Action::Consent { accept: false, .. } => format!(
            "Refuse: {} deploy anyway, Sovereignty {}",
            consent_kind(view),
            signed(preview.meter_change(Meter::Sovereignty))
        ),
        Action::AnswerOffer { accept: true, .. } => {
            let agrees = preview
                .agrees()
                .map_or_else(String::new, |basket| format!(" · agrees {basket}"));
            format!(
                "Welcome the offered pledge: Trust +{}{agrees}",
                rules.meet_trust
            )
        }
        Action::AnswerOffer { accept: false, .. } => {
            "Do not take it up: the pledge stands but agrees nothing".to_string()
        }
        Action::AnswerBridge { accept: true, .. } => {
            let pledge = preview
                .pledge()
                .map_or_else(String::new, |c| format!(": your pledge at {c}%"));
            let agrees = preview
                .agrees()
                .map_or_else(String::new, |basket| format!(" · agrees {basket}"));
            format!("Accept the mediators' proposal{pledge}{agrees}")
        }
        Action::AnswerBridge { accept: false, .. } => format!(
            "Decline: the demand stays open, Trust {}",
            signed(preview.meter_change(Meter::Trust))
        ),
        Action::OfferPackage { seat, card: c, ask } => package_offer(view, seat, c, ask, preview),
        Action::AnswerPackage { card: Some(c), .. } => package_acceptance(view, c, preview),
        Action::AnswerPackage { card: None, .. } => {
            "Decline the package: their card goes back to their hand; nothing else changes"
                .to_string()
        }
        Action::Renew { accept: true, .. } => format!(
            "Renew the broken pledge ({}◆): the accord holds",
            rules.renew_capital
        ),
        Action::Renew { accept: false, .. } => {
            "Let the breach stand: no durable peace; a second breach is a relapse".to_string()
        }
        Action::Vote { accept: true, .. } => "Sign the accord".to_string(),
        Action::Vote { accept: false, .. } => format!(
            "Refuse to sign: Trust −{0}, Credibility −{0}",
            rules.refused_accord_trust
        ),
        Action::Posture { posture, .. } => match posture {
            Posture::Conciliatory => format!(
                "Conciliatory: Trust +{}, your Pressure +{}",
                rules.conciliatory_trust, rules.conciliatory_pressure
            ),
            Posture::Firm => format!("Firm: your Pressure +{}", rules.firm_pressure),
            Posture::Hardline => format!(
                "Hard-line: your Pressure −{}, Trust −{}, {}% chance Escalation +1",
                rules.hardline_relief, rules.hardline_trust, rules.hardline_escalation_chance
            ),
        },
        Action::Undo { .. } => "Undo your last action".to_string(),
        Action::Inject { event } => {
            format!("Inject \"{}\"", s.events[usize::from(event)].name)
        }
    }
}

/// A package offer as a menu entry: the pledge offered, at the credibility it would have,
/// and the basket asked of the other delegation.
fn package_offer(view: &SeatView, seat: Seat, c: CardId, ask: Basket, preview: &Preview) -> String {
    let s = &view.scenario;
    let offered = preview.events.iter().find_map(|e| match *e {
        super::LogEvent::PackageOffered {
            basket,
            credibility,
            ..
        } => Some(format!(" at {credibility}% in {basket}")),
        _ => None,
    });
    let to = seat.rival().map_or("they", |r| s.seat_name(r));
    format!(
        "Offer {} ({}◆) as a package: this pledge{} if {to} commits in {ask} (linked; \
         declined, the card comes back)",
        s.cards[usize::from(c)].name,
        view.cost_of(c),
        offered.unwrap_or_default()
    )
}

/// Accepting a package with card `c` as a menu entry: both pledges, the Trust they bring
/// and the baskets they agree, as the preview says.
fn package_acceptance(view: &SeatView, c: CardId, preview: &Preview) -> String {
    let s = &view.scenario;
    let pledges: Vec<String> = preview
        .events
        .iter()
        .filter_map(|e| match *e {
            super::LogEvent::CommitmentMade {
                by,
                basket,
                credibility,
                ..
            } => Some(format!(
                "{}'s at {credibility}% in {basket}",
                s.seat_name(by)
            )),
            _ => None,
        })
        .collect();
    let agreed: Vec<String> = preview
        .events
        .iter()
        .filter_map(|e| match *e {
            super::LogEvent::BasketAgreed { basket } => Some(basket.to_string()),
            _ => None,
        })
        .collect();
    let agrees = if agreed.is_empty() {
        String::new()
    } else {
        format!(" · agrees {}", agreed.join(" and "))
    };
    format!(
        "Accept with {} ({}◆): pledges {}, linked; Trust {}{agrees}",
        s.cards[usize::from(c)].name,
        view.cost_of(c),
        pledges.join(" and "),
        signed(preview.meter_change(Meter::Trust))
    )
}

/// Where a meter turns dangerous: the line, and whether danger lies below it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Danger {
    /// The line.
    pub at: u8,
    /// True when values under `at` are dangerous; false when values at or above it are.
    pub below: bool,
    /// What happens past the line.
    pub why: &'static str,
}

impl Danger {
    /// Whether `value` is past the line.
    pub fn crossed(self, value: u8) -> bool {
        if self.below {
            value < self.at
        } else {
            value >= self.at
        }
    }
}

/// The danger line of a meter in this scenario, if it has one.
pub fn danger(scenario: &Scenario, meter: Meter) -> Option<Danger> {
    let rules = &scenario.rules;
    let lowest_threshold = scenario.thresholds.iter().copied().min().unwrap_or(0);
    Some(match meter {
        Meter::Trust => Danger {
            at: lowest_threshold,
            below: true,
            why: "no basket can be agreed",
        },
        Meter::Sovereignty => walkout_danger(rules, meter).or_else(|| pull_danger(rules, meter))?,
        Meter::Security => pull_danger(rules, meter).or_else(|| walkout_danger(rules, meter))?,
        Meter::Credibility => Danger {
            at: 20,
            below: true,
            why: "the mediators are close to withdrawing",
        },
        Meter::Escalation => Danger {
            at: 3,
            below: false,
            why: "a relapse if time runs out; 5 is open conflict",
        },
        Meter::PakistanPressure | Meter::AfghanistanPressure => Danger {
            at: rules.surcharge_pressure,
            below: false,
            why: "conciliatory cards cost 1 more",
        },
        Meter::Border => return None,
    })
}

/// The line of the first pull toward unilateral operations that `meter` sets off.
fn pull_danger(rules: &super::Rules, meter: Meter) -> Option<Danger> {
    rules.pulls().find(|p| p.meter == meter).map(|p| Danger {
        at: p.below,
        below: true,
        why: "pull toward unilateral operations",
    })
}

/// Ten above the line of the first walkout that `meter` sets off.
fn walkout_danger(rules: &super::Rules, meter: Meter) -> Option<Danger> {
    let walkouts = rules.walkouts();
    let walkout = walkouts.iter().find(|w| w.meter == meter)?;
    Some(Danger {
        at: walkout.below.saturating_add(10),
        below: true,
        why: match walkout.seat {
            Seat::Afghanistan => "near the Afghan walkout line",
            _ => "near the Pakistani walkout line",
        },
    })
}

/// A change with its sign, a true minus for a loss: `+3`, `−12`, `0`.
fn signed(delta: i32) -> String {
    match delta {
        d if d < 0 => format!("−{}", -d),
        0 => "0".to_string(),
        d => format!("+{d}"),
    }
}
