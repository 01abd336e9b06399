//! Determinization: a full game consistent with what one viewer has seen.
//!
//! Search bots must not peek, so they plan on sampled games: the hidden cards (other hands,
//! every draw pile, other objectives, the event deck's order, a posture chosen in secret) are
//! dealt at random among the places they could be, and chance is reseeded. Everything public
//! is copied from the view, so viewing the sample from the same seat gives the same view back.

use super::game::{Phase, Prompt};
use super::rng::GameRng;
use super::view::{SeatView, Viewer};
use super::{CardId, Decision, EventId, Game, ObjectiveId, Posture, Seat};

impl Game {
    /// A game consistent with `view`, its hidden parts sampled with a generator seeded by
    /// `seed`. The sample's own chance (future tests, shuffles) is seeded from `seed` too.
    pub fn determinize(view: &SeatView, seed: u64) -> Game {
        let scenario = view.scenario.clone();
        let mut rng = GameRng::from_seed(seed);
        let (hands, piles) = deal_hidden_cards(view, &mut rng);
        let objectives = Seat::ALL.map(|seat| match view.objectives[seat.index()] {
            Some(objective) => objective,
            None => sample_objective(view, seat, &mut rng),
        });
        let event_pile = hidden_event_pile(view, &mut rng);
        let postures = sample_postures(view, &mut rng);
        let prompt = view.to_act.and_then(|(seat, decision)| match decision {
            Decision::EventChoice => view
                .current_event
                .map(|event| Prompt::EventChoice { event, seat }),
            Decision::Consent => view
                .consent_for
                .zip(view.consent_card)
                .map(|(commitment, card)| Prompt::Consent { commitment, card }),
            Decision::AccordVote => Some(Prompt::Vote { seat }),
            Decision::Renew => Some(Prompt::Renew { seat }),
            Decision::Offer => view
                .offered
                .map(|commitment| Prompt::Offer { seat, commitment }),
            Decision::Bridge => {
                view.bridge_offer
                    .map(|(demand, card)| Prompt::Bridge { seat, demand, card })
            }
            Decision::Package => view.package.map(|p| Prompt::Package {
                seat,
                card: p.card,
                ask: p.ask,
            }),
            Decision::Negotiate | Decision::Posture => None,
        });
        Game {
            scenario,
            seed,
            rng,
            round: view.round,
            phase: view.phase,
            meters: view.meters,
            capital: view.capital,
            piles,
            hands,
            discards: view.discards.clone(),
            event_pile,
            event_discard: view.event_discard.clone(),
            injects: view.injects.clone(),
            current_event: view.current_event,
            objectives,
            demands: view.demands.clone(),
            commitments: view.commitments.clone(),
            baskets: view.baskets,
            next_table_id: view.next_table_id,
            turn: view.turn,
            actions_used: view.actions_used,
            prompt,
            postures,
            stats: view.stats,
            meter_history: view.meter_history.clone(),
            log: Vec::new(),
            actions: Vec::new(),
            effective: Vec::new(),
            outcome: view.outcome,
            consent_before: view.consent_before,
            accord: view.accord.clone(),
            red_line_record: view.red_line_record.clone(),
            flags: view.flags.clone(),
            actors: view.actors.clone(),
        }
    }
}

/// Deals every card the viewer has not seen into the hidden hands and piles, respecting
/// sizes and who may hold which card: a seat's own deck stays with it; shared cards go to a
/// seat allowed to play them.
fn deal_hidden_cards(view: &SeatView, rng: &mut GameRng) -> ([Vec<CardId>; 3], [Vec<CardId>; 3]) {
    let cards = &view.scenario.cards;
    let mut seen = vec![false; cards.len()];
    let mark = |seen: &mut Vec<bool>, id: CardId| {
        if let Some(slot) = seen.get_mut(usize::from(id)) {
            *slot = true;
        }
    };
    for hand in view.hands.iter().flatten() {
        hand.iter().for_each(|&c| mark(&mut seen, c));
    }
    view.discards
        .iter()
        .flatten()
        .for_each(|&c| mark(&mut seen, c));
    view.demands.iter().for_each(|d| mark(&mut seen, d.card));
    view.commitments
        .iter()
        .for_each(|c| mark(&mut seen, c.card));

    let capacity: [usize; 3] = Seat::ALL.map(|seat| {
        let s = seat.index();
        let hidden_hand = if view.hands[s].is_some() {
            0
        } else {
            usize::from(view.hand_sizes[s])
        };
        hidden_hand + usize::from(view.pile_sizes[s])
    });
    let mut buckets: [Vec<CardId>; 3] = Default::default();
    let mut shared = Vec::new();
    for (id, card) in cards.iter().enumerate() {
        if seen[id] {
            continue;
        }
        match card.deck {
            Some(owner) => buckets[owner.index()].push(CardId(id as u16)),
            None => shared.push(CardId(id as u16)),
        }
    }
    rng.shuffle(&mut shared);
    for id in shared {
        let eligible = &cards[usize::from(id)].seats;
        let room = |s: usize| capacity[s].saturating_sub(buckets[s].len());
        let open: Vec<usize> = (0..3)
            .filter(|&s| room(s) > 0 && eligible.contains(&Seat::ALL[s]))
            .collect();
        let fallback: Vec<usize> = (0..3).filter(|&s| room(s) > 0).collect();
        let choices = if open.is_empty() { &fallback } else { &open };
        let seat = match choices.len() {
            0 => 2,
            n => choices[rng.below(n as u32) as usize],
        };
        buckets[seat].push(id);
    }

    let mut hands: [Vec<CardId>; 3] = Default::default();
    let mut piles: [Vec<CardId>; 3] = Default::default();
    for seat in Seat::ALL {
        let s = seat.index();
        let mut bucket = std::mem::take(&mut buckets[s]);
        rng.shuffle(&mut bucket);
        match &view.hands[s] {
            Some(hand) => {
                hands[s] = hand.clone();
                piles[s] = bucket;
            }
            None => {
                let split = usize::from(view.hand_sizes[s]).min(bucket.len());
                piles[s] = bucket.split_off(split);
                hands[s] = bucket;
            }
        }
    }
    (hands, piles)
}

fn sample_objective(view: &SeatView, seat: Seat, rng: &mut GameRng) -> ObjectiveId {
    let mine: Vec<ObjectiveId> = ObjectiveId::all(view.scenario.objectives.len())
        .filter(|&o| view.scenario.objectives[usize::from(o)].seat == seat)
        .collect();
    match mine.len() {
        0 => ObjectiveId(0),
        n => mine[rng.below(n as u32) as usize],
    }
}

/// The unrevealed events, top last: before the first reshuffle the scenario's opening events
/// still to come stay on top in order; everything else is shuffled.
fn hidden_event_pile(view: &SeatView, rng: &mut GameRng) -> Vec<EventId> {
    let scenario = &view.scenario;
    let revealed = |e: &EventId| view.event_discard.contains(e);
    let in_deck = |e: &EventId| !scenario.events[usize::from(*e)].inject;
    let deck_size = scenario.events.iter().filter(|e| !e.inject).count();
    let reshuffled = usize::from(view.round) > deck_size;
    let on_top: Vec<EventId> = if reshuffled {
        Vec::new()
    } else {
        scenario
            .opening_events
            .iter()
            .copied()
            .filter(|e| !revealed(e))
            .collect()
    };
    let mut pile: Vec<EventId> = EventId::all(scenario.events.len())
        .filter(|e| in_deck(e) && !revealed(e) && !on_top.contains(e))
        .collect();
    rng.shuffle(&mut pile);
    pile.extend(on_top.iter().rev());
    pile
}

/// Postures chosen this round: the viewer's own are known; one chosen in secret by the other
/// delegation (it has chosen when the other is now asked) is sampled.
fn sample_postures(view: &SeatView, rng: &mut GameRng) -> [Option<Posture>; 2] {
    let mut postures = view.postures;
    if view.phase == Phase::Posture
        && view.to_act == Some((Seat::Afghanistan, Decision::Posture))
        && postures[Seat::Pakistan.index()].is_none()
        && view.viewer != Viewer::Seat(Seat::Pakistan)
    {
        postures[Seat::Pakistan.index()] = Some(Posture::ALL[rng.below(3) as usize]);
    }
    postures
}
