//! Property-based fuzzing of the SSH server's input decoder (`server::input::Input`): any
//! bytes a client sends, in any packets, decode without a panic and without the decoder
//! holding more than its bound; and keys split across packets decode as they do whole.

use ceasefire::server::input::{Input, MAX_PENDING_INPUT};
use proptest::prelude::*;
use ratatui::crossterm::event::Event;

/// What a client can type: letters, Enter, Tab, Backspace, arrows, a mouse click.
fn token() -> impl Strategy<Value = &'static [u8]> {
    prop::sample::select(vec![
        b"a".as_slice(),
        b"q",
        b"j",
        b"\r",
        b"\t",
        b"\x7f",
        b"\x1b[A",
        b"\x1b[B",
        b"\x1b[C",
        b"\x1b[<0;10;5M\x1b[<0;10;5m",
    ])
}

fn decode(chunks: &[&[u8]]) -> Vec<Event> {
    let mut input = Input::default();
    chunks.iter().flat_map(|chunk| input.feed(chunk)).collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn any_bytes_in_any_packets_decode_without_panic_and_stay_bounded(
        packets in prop::collection::vec(prop::collection::vec(any::<u8>(), 0..4096), 0..40)
    ) {
        let mut input = Input::default();
        for packet in &packets {
            let _ = input.feed(packet);
            prop_assert!(input.pending() <= MAX_PENDING_INPUT);
        }
    }

    #[test]
    fn a_long_unfinished_sequence_is_let_go(
        prefix in prop::sample::select(vec![b"\x1b[200~".as_slice(), b"\x1b]", b"\x1bP", b"\x1b["]),
        filler in prop::collection::vec(0x20u8..0x7f, 1..64),
    ) {
        let mut input = Input::default();
        input.feed(prefix);
        let mut fed = 0;
        while fed <= 2 * MAX_PENDING_INPUT {
            input.feed(&filler);
            fed += filler.len();
            prop_assert!(input.pending() <= MAX_PENDING_INPUT);
        }
    }

    #[test]
    fn keys_split_across_packets_decode_as_they_do_whole(
        tokens in prop::collection::vec(token(), 1..30),
        cuts in prop::collection::vec(any::<prop::sample::Index>(), 0..10),
    ) {
        let whole: Vec<u8> = tokens.concat();
        let mut points: Vec<usize> = cuts.iter().map(|i| i.index(whole.len())).collect();
        points.push(0);
        points.push(whole.len());
        points.sort_unstable();
        points.dedup();
        let chunks: Vec<&[u8]> = points
            .windows(2)
            .map(|w| &whole[w[0]..w[1]])
            // A packet that is a lone ESC is the Esc key by design: not a split sequence.
            .filter(|chunk| *chunk != b"\x1b")
            .collect();
        prop_assume!(chunks.concat() == whole);
        prop_assert_eq!(decode(&chunks), decode(&[&whole]));
    }
}
