//! Does doubling `hard`'s playouts change what it plays? At every decision of one seat in
//! whole istanbul games played by `normal` bots (a decision with a choice: two legal actions
//! or more), `hard`, `hard-v1` (half the playouts) and `hard` with a second seed each choose
//! from the same view. It prints how often `hard` and `hard-v1` agree, beside how often `hard`
//! agrees with itself on another seed: when the two rates are alike, the extra playouts change
//! no more than a new seed does, and cannot show in the scores.
//!
//! `cargo run --release --example hard_agreement -- SEAT GAMES SEED`, e.g.
//! `… -- pakistan 10 2026`.

use ceasefire::bot::Policy;
use ceasefire::engine::{Game, Seat};
use ceasefire::sim::{derive_seed, seat_bots};
use std::sync::Arc;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [seat, games, seed] = args.as_slice() else {
        eprintln!("usage: hard_agreement SEAT GAMES SEED");
        std::process::exit(2);
    };
    let seat = Seat::from_key(seat).expect("a seat");
    let games: u64 = games.parse().expect("a number of games");
    let seed: u64 = seed.parse().expect("a seed");
    let scenario = Arc::new(ceasefire::scenario::load("istanbul").expect("istanbul loads"));
    let (mut decisions, mut with_v1, mut with_itself) = (0u32, 0u32, 0u32);
    let mut legal = Vec::new();
    for index in 0..games {
        let game_seed = derive_seed(seed, index);
        let mut players = seat_bots(&[Policy::Normal; 3], game_seed);
        let mut hard = Policy::Hard.bot(derive_seed(game_seed, 11));
        let mut again = Policy::Hard.bot(derive_seed(game_seed, 12));
        let mut v1 = Policy::HardV1.bot(derive_seed(game_seed, 11));
        let mut game = Game::new(scenario.clone(), game_seed);
        while let Some((to_act, _)) = game.to_act() {
            game.legal_actions_into(to_act, &mut legal);
            if to_act == seat && legal.len() > 1 {
                let view = game.view(to_act);
                let chosen = hard.choose(&view, &legal).action;
                decisions += 1;
                with_v1 += u32::from(v1.choose(&view, &legal).action == chosen);
                with_itself += u32::from(again.choose(&view, &legal).action == chosen);
            }
            let action = players[to_act.index()].choose_action(&|| game.view(to_act), &legal);
            if game.advance(action).is_err() {
                let _ = game.advance(legal[0]);
            }
        }
    }
    let share = |n: u32| 100.0 * f64::from(n) / f64::from(decisions.max(1));
    println!(
        "{} over {games} games (seed {seed}): {decisions} decisions with a choice; hard agrees \
         with hard-v1 on {:.1}%, with itself on another seed on {:.1}%",
        seat.key(),
        share(with_v1),
        share(with_itself)
    );
}
