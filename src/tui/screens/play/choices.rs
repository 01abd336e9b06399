//! What the person at the play screen may choose now, as pickers: the decision prompt
//! (event choice, consent, accord vote, posture), the ways to play a card or act on a table
//! item, and tabling the accord. It builds pickers and plays a sole choice; it must not read
//! keys or draw.

use super::{Play, uses_card};
use crate::engine::words;
use crate::engine::{Action, Basket, Decision, Meter, Seat, Viewer};
use crate::tui::screens::table::Picker;
use crate::tui::widgets::board;

impl Play {
    /// The decision prompt the actor must answer now (not a negotiation turn).
    pub(crate) fn decision_prompt(&self) -> Option<Picker> {
        let seat = self.actor()?;
        let (_, decision) = self.session().game().to_act()?;
        if decision == Decision::Negotiate {
            return None;
        }
        let view = self.view();
        let scenario = &view.scenario;
        let (title, intro) = match decision {
            Decision::EventChoice => {
                let event = view.current_event.map(|e| &scenario.events[usize::from(e)]);
                let name = event.map_or("Event", |e| e.name.as_str());
                let question = event
                    .and_then(|e| e.choice.as_ref())
                    .map_or(String::new(), |c| c.prompt.clone());
                let text = event.map_or(String::new(), |e| e.text.clone());
                let seat = scenario.seat_name(seat);
                (format!("Event: {name}"), format!("{text}\n\n{seat}: {question}"))
            }
            Decision::Consent => {
                let card = view
                    .consent_card
                    .map_or("verification", |c| scenario.cards[usize::from(c)].name.as_str());
                // The member of the mediators' seat who speaks, when the card names one.
                let whose = view
                    .consent_card
                    .and_then(|c| scenario.card_voice(c))
                    .map_or("The mediator's".to_string(), |voice| format!("{voice}'s"));
                // The pledge by number, basket and card: the table's full row is too much here.
                let target = view
                    .consent_for
                    .and_then(|id| view.commitments.iter().find(|c| c.id == id))
                    .map_or("your pledge".to_string(), |c| {
                        format!(
                            "your pledge #{} in {} ({})",
                            c.id,
                            c.basket,
                            scenario.cards[usize::from(c.card)].name
                        )
                    });
                // The first format's monitors keep their words; another kind is named.
                let kind = view
                    .consent_card
                    .and_then(|c| scenario.cards[usize::from(c)].monitors)
                    .filter(|&k| k != crate::engine::MonitorKind::International)
                    .map_or("monitors".to_string(), |k| k.to_string());
                (
                    "Monitors on Afghan soil".to_string(),
                    format!(
                        "{whose} {card} would put {kind} on your soil to verify \
                         {target}. Do you consent?"
                    ),
                )
            }
            Decision::AccordVote if scenario.rules.version >= 2 => (
                "The accord is tabled: its terms".to_string(),
                accord_terms_text(&view),
            ),
            Decision::Offer => {
                let offered = view
                    .offered
                    .and_then(|id| view.commitments.iter().find(|c| c.id == id))
                    .map_or(String::new(), |c| crate::engine::words::commitment(scenario, c));
                (
                    "A pledge offered to you".to_string(),
                    format!(
                        "The other delegation offers, unasked: {offered}. Welcome it and it \
                         counts as meeting what you need in its basket (Trust permitting, the \
                         basket is agreed); or leave it standing without agreeing anything."
                    ),
                )
            }
            Decision::Package => (
                "A package offered to you".to_string(),
                package_text(&view),
            ),
            Decision::Bridge => {
                let offer = view.bridge_offer.and_then(|(demand, card)| {
                    let d = view.demands.iter().find(|d| d.id == demand)?;
                    Some((d, card))
                });
                let text = offer.map_or(String::new(), |(d, id)| {
                    let card = &scenario.cards[usize::from(id)];
                    // The member of the mediators' seat who speaks, when the card names one.
                    let who = scenario.card_voice(id).map_or(
                        "The mediators propose".to_string(),
                        |voice| format!("{voice}, for the mediators, proposes"),
                    );
                    format!(
                        "{who} to meet {}'s demand #{} in {} with {} — a pledge that would be \
                         yours ({}). Accept and it is made in your name; decline and the demand \
                         stays open, at a cost in Trust.",
                        scenario.seat_name(d.by),
                        d.id,
                        d.basket,
                        card.name,
                        card.text
                    )
                });
                ("The mediators' proposal".to_string(), text)
            }
            Decision::Renew => {
                let broken = view
                    .accord
                    .as_ref()
                    .and_then(|a| a.renewable)
                    .map_or("your pledge".to_string(), |r| {
                        format!("your pledge #{} in {}", r.id, r.basket)
                    });
                (
                    "The accord is breached".to_string(),
                    format!(
                        "{broken}, bound by the signed accord, broke. Renew it now for {} capital \
                         (once per accord), or the accord can no longer be a durable peace; a \
                         second breach makes it a relapse.",
                        scenario.rules.renew_capital
                    ),
                )
            }
            Decision::AccordVote => {
                let agreed: Vec<String> = crate::engine::Basket::ALL
                    .iter()
                    .filter(|b| view.baskets[b.index()].is_agreed())
                    .map(|b| b.to_string())
                    .collect();
                (
                    "The accord is tabled".to_string(),
                    format!(
                        "Agreed baskets: {}. Trust is {}; a durable peace needs Trust ≥ {} and Verification agreed. Both delegations must sign.",
                        agreed.join(", "),
                        view.meters.get(crate::engine::Meter::Trust),
                        scenario.rules.durable_trust
                    ),
                )
            }
            Decision::Posture => (
                format!("Public posture — round {}", view.round),
                "Both delegations choose in secret; the postures are revealed together. If both are conciliatory, Escalation falls by 1.".to_string(),
            ),
            Decision::Negotiate => return None,
        };
        let options = self
            .legal()
            .into_iter()
            .map(|a| (words::action_in(self.session().game(), &a), a))
            .collect();
        Some(Picker {
            title,
            intro,
            options,
            selected: self.ui.prompt,
        })
    }

    /// The accord key: offers the mediator the accord to table, with what signing it would mean
    /// and what a refusal costs, or says why it cannot be tabled now.
    pub(super) fn table_accord(&mut self) {
        if self.shown != Viewer::Seat(Seat::Mediator) {
            self.notice = Some("Only the mediator can table the accord.".into());
            return;
        }
        if let Some(seat) = self.actor()
            && seat == Seat::Mediator
            && !self.legal().contains(&Action::TableAccord { seat })
        {
            let why = self
                .session()
                .game()
                .accord_not_ready()
                .unwrap_or_else(|| "not now".into());
            self.notice = Some(format!("The accord cannot be tabled: {why}."));
            return;
        }
        let Some(seat) = self.actor().filter(|&s| s == Seat::Mediator) else {
            self.notice = Some("You cannot table the accord now: it is not your turn.".into());
            return;
        };
        // A refusal costs, so the mediator sees what is at stake before tabling it.
        let view = self.view();
        let rules = &view.scenario.rules;
        let agreed: Vec<String> = Basket::ALL
            .iter()
            .filter(|b| view.baskets[b.index()].is_agreed())
            .map(|b| b.to_string())
            .collect();
        let trust = view.meters.get(Meter::Trust);
        let verified = view.baskets[Basket::Verification.index()].is_agreed();
        let kind = if trust >= rules.durable_trust && verified {
            format!(
                "signed as things stand it is a durable peace (Trust {trust} ≥ {} and \
                 Verification agreed)",
                rules.durable_trust
            )
        } else if verified {
            format!(
                "signed as things stand it is a fragile accord (Trust {trust}: a durable peace \
                 needs {})",
                rules.durable_trust
            )
        } else {
            "signed as things stand it is a fragile accord (a durable peace needs Verification \
             agreed)"
                .to_string()
        };
        self.ui.picker = Some(Picker {
            title: "Table the accord".into(),
            intro: format!(
                "Agreed: {}. Both delegations vote now; {kind}. If either refuses, Trust −{cost} \
                 and Credibility −{cost}. Esc: not yet.",
                agreed.join(", "),
                cost = rules.refused_accord_trust
            ),
            options: vec![(
                "Table the accord for signature".to_string(),
                Action::TableAccord { seat },
            )],
            selected: 0,
        });
    }

    /// Enter on a card: play it when there is one way to, else offer the ways.
    pub(super) fn use_card(&mut self) {
        let view = self.view();
        let Some(&card) = view.own_hand().get(self.ui.hand) else {
            return;
        };
        let name = view.scenario.cards[usize::from(card)].name.clone();
        let Some(seat) = self.actor() else {
            self.notice = Some(format!("{name}: wait for your turn."));
            return;
        };
        let mut ways: Vec<Action> = self
            .legal()
            .into_iter()
            .filter(|a| uses_card(a, card))
            .collect();
        // Meeting a demand first: played alone, an assurance agrees nothing.
        ways.sort_by_key(|a| !matches!(a, Action::Meet { .. }));
        // What a cap would waste is said before the card is played (a verification's own
        // cap is in its option's words).
        let mut capped: Vec<String> = Vec::new();
        for way in &ways {
            for cap in crate::engine::action_caps(&view, way) {
                let said = matches!(cap.what, crate::engine::Capped::Verification(_));
                let words = format!("⚠ {}.", cap.describe(&view.scenario));
                if !said && !capped.contains(&words) {
                    capped.push(words);
                }
            }
        }
        let warning = if capped.is_empty() {
            String::new()
        } else {
            format!("\n\n{}", capped.join("\n"))
        };
        match ways.as_slice() {
            [] => {
                let why = self
                    .session()
                    .game()
                    .card_block_reason(seat, card)
                    .unwrap_or_else(|| "not now".to_string());
                self.notice = Some(format!("{name} cannot be played: {why}."));
            }
            // A card aimed at a table item asks first, even with one target, so its effect
            // on that item (a new credibility, monitors) is seen before it is played.
            // A card a cap would waste asks first, even when there is one way to play it.
            [only]
                if capped.is_empty()
                    && !matches!(
                        only,
                        Action::Play {
                            target: Some(_),
                            ..
                        }
                    ) =>
            {
                self.act(*only)
            }
            [_] if !capped.is_empty() => {
                self.ui.picker = Some(Picker {
                    title: name.clone(),
                    intro: format!("Play {name} anyway?{warning}"),
                    options: ways
                        .iter()
                        .map(|a| (words::action_in(self.session().game(), a), *a))
                        .collect(),
                    selected: 0,
                })
            }
            _ => {
                self.ui.picker = Some(Picker {
                    title: name.clone(),
                    intro: format!("How do you play {name}?{warning}"),
                    options: ways
                        .iter()
                        .map(|a| (words::action_in(self.session().game(), a), *a))
                        .collect(),
                    selected: 0,
                })
            }
        }
    }

    /// Whether the selected hand card can be used now (Enter would do something).
    pub(super) fn selected_card_playable(&self) -> bool {
        let view = self.view();
        view.own_hand()
            .get(self.ui.hand)
            .is_some_and(|&card| self.legal().iter().any(|a| uses_card(a, card)))
    }

    /// Whether some action can be taken on the selected table item now.
    pub(super) fn selected_item_usable(&self) -> bool {
        let view = self.view();
        board::items(&view)
            .get(self.ui.board)
            .is_some_and(|item| !self.actions_on(item.id()).is_empty())
    }

    /// The legal actions aimed at table item `id`: answers to a demand, cards played on it.
    fn actions_on(&self, id: crate::engine::TableId) -> Vec<Action> {
        self.legal()
            .into_iter()
            .filter(|a| match *a {
                Action::Meet { demand, .. }
                | Action::Counter { demand, .. }
                | Action::Reject { demand, .. } => demand == id,
                Action::Play { target, .. } => target == Some(id),
                _ => false,
            })
            .collect()
    }

    /// Enter on a demand or commitment: offer what can be done with it.
    pub(super) fn use_item(&mut self) {
        let view = self.view();
        let Some(item) = board::items(&view).get(self.ui.board).copied() else {
            return;
        };
        let id = item.id();
        let ways = self.actions_on(id);
        if ways.is_empty() {
            self.notice = Some(format!(
                "Nothing you can do with {} now.",
                words::table_item(&view, id)
            ));
            return;
        }
        let mut intro = words::table_item(&view, id);
        // A demand on this seat that it cannot meet: say what meeting it would take.
        let demand = view.demands.iter().find(|d| d.id == id);
        let can_meet = ways.iter().any(|a| matches!(a, Action::Meet { .. }));
        if let Some(d) = demand.filter(|d| Some(d.to) == self.actor() && !can_meet) {
            intro.push_str(&format!(
                "\n\nTo meet it you need an assurance in {} that you can play now (in your \
                 hand, with the capital for it).",
                d.basket
            ));
        }
        self.ui.picker = Some(Picker {
            title: format!("#{id}"),
            intro,
            options: ways
                .iter()
                .map(|a| (words::action_in(self.session().game(), a), *a))
                .collect(),
            selected: 0,
        });
    }
}

/// Rules version 2: the package offered, and what accepting or declining it means.
fn package_text(view: &crate::engine::SeatView) -> String {
    let Some(p) = view.package else {
        return String::new();
    };
    let card = &view.scenario.cards[usize::from(p.card)];
    let basket = card.basket.map_or(String::new(), |b| format!(" in {b}"));
    format!(
        "{} offers a package: its pledge{basket} — {} ({}) — if you commit in {}. Accept with \
         one of your assurances in {} and both pledges are made, linked: each brings Trust as a \
         met demand and can agree its basket; if one breaks, the other is released without \
         penalty. Decline and their card goes back to their hand.",
        view.scenario.seat_name(p.by),
        card.name,
        card.text,
        p.ask,
        p.ask
    )
}

/// Rules version 2: what the tabled accord binds, and what it would make of the peace.
fn accord_terms_text(view: &crate::engine::SeatView) -> String {
    let scenario = &view.scenario;
    let terms = crate::engine::AccordTerms::of(&view.commitments);
    let bound: Vec<String> = view
        .commitments
        .iter()
        .map(|c| format!("  {}", crate::engine::words::commitment(scenario, c)))
        .collect();
    let missing = terms.missing();
    let forecast = if missing.is_empty() {
        format!(
            "Both halves are bound. With Trust ≥ {} and Verification agreed it can become a \
             durable peace, if every bound pledge holds through implementation (to round {} at \
             least).",
            scenario.rules.durable_trust,
            scenario.rounds.max(
                view.round
                    .saturating_add(scenario.rules.implementation_rounds)
            )
        )
    } else {
        format!(
            "It cannot become a durable peace: it lacks {}.",
            missing.join(" and ")
        )
    };
    format!(
        "It binds every pledge on the table, each tested every round until implementation \
         ends:\n{}\n{forecast} Both delegations must sign.",
        bound.join("\n")
    )
}
