//! What a seat holds stays its own: a card it showed never becomes secret again.

use ceasefire::engine::{Action, Seat, Viewer};
use ceasefire::scenario::ScenarioSource;
use ceasefire::server::tables::Tables;
use ceasefire::table::{Controller, Session};
use std::sync::Arc;
use std::time::Duration;

/// Plays passive moves until the seat to act could show a card; returns that move.
fn until_a_card_can_be_played(session: &mut Session) -> Action {
    for _ in 0..200 {
        let (seat, _) = session.game().to_act().expect("the game goes on");
        let card = session
            .game()
            .legal_actions(seat)
            .into_iter()
            .find(|a| matches!(a, Action::Play { .. }));
        if let Some(card) = card {
            return card;
        }
        let pass = session.passive_action().unwrap();
        session.act(pass).unwrap();
    }
    panic!("no card could be played");
}

fn hand(session: &Session, seat: Seat) -> Vec<ceasefire::engine::CardId> {
    session.view(Viewer::Facilitator).hands[seat.index()]
        .clone()
        .unwrap()
}

#[test]
fn a_card_played_at_a_server_table_cannot_be_taken_back_into_the_hand() {
    let tables = Tables::new(None, Duration::ZERO);
    let source = ScenarioSource::builtin("istanbul").unwrap();
    let table = tables.open(&source, 7, [None; 3]).unwrap();
    let mut session = table.lock();
    let play = until_a_card_can_be_played(&mut session);
    let (seat, card) = (play.seat(), play.card_shown().unwrap());
    session.act(play).unwrap();
    assert!(!hand(&session, seat).contains(&card));
    let refused = session.act(Action::Undo { seat }).unwrap_err();
    assert!(refused.to_string().contains("seen the card"), "{refused}");
    assert!(
        !hand(&session, seat).contains(&card),
        "the played card went back into the hidden hand"
    );
    assert_eq!(session.game().last_in_force(), Some(play));
}

#[test]
fn a_hot_seat_player_may_take_a_card_back_before_handing_over() {
    let source = ScenarioSource::builtin("istanbul").unwrap();
    let scenario = Arc::new(source.build().unwrap());
    let mut session = Session::new(source, scenario, 7, [Controller::Human; 3], None);
    let play = until_a_card_can_be_played(&mut session);
    let (seat, card) = (play.seat(), play.card_shown().unwrap());
    session.act(play).unwrap();
    session.undo_before_handover(seat).unwrap();
    assert!(hand(&session, seat).contains(&card), "nobody else saw it");
}
