//! How long drawing the table screen takes: a whole frame of the table at 120x40 (and at
//! 80x24), from the app's state into ratatui's test backend. `cargo bench --bench tui`.

use ceasefire::bot::Policy;
use ceasefire::table::Controller;
use ceasefire::tui::{App, Options, Play, Speed, Theme};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent};
use std::time::{Duration, Instant};

fn main() {
    divan::main();
}

/// A game of istanbul in its third round, Pakistan (a person) to act, with a full log.
fn midgame() -> App {
    let mut app = briefed();
    let later = Instant::now() + Duration::from_secs(3600);
    app.handle(&Event::Key(KeyEvent::from(KeyCode::Enter)), Instant::now());
    for _ in 0..400 {
        let round = app.play().map_or(0, |p| p.session().game().round());
        if round >= 3 && app.wake_at().is_none() {
            break;
        }
        if app.wake_at().is_some() {
            app.tick(later);
        } else {
            // Pass, or take the first option of a prompt.
            app.handle(
                &Event::Key(KeyEvent::from(KeyCode::Char('p'))),
                Instant::now(),
            );
            app.handle(&Event::Key(KeyEvent::from(KeyCode::Enter)), Instant::now());
        }
    }
    let session = app.play().unwrap().session();
    let game = session.game();
    assert!(
        game.outcome().is_none() && game.round() >= 3,
        "not a mid-game table"
    );
    drop(session);
    app
}

#[divan::bench(args = [(120, 40), (80, 24)])]
fn draw_table(bencher: divan::Bencher, (width, height): (u16, u16)) {
    let app = midgame();
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    bencher.bench_local(|| {
        terminal.draw(|frame| app.draw(frame)).unwrap();
    });
}

/// A new istanbul game with its brief open, as a player first reads it.
fn briefed() -> App {
    let options = Options {
        saves_dir: None,
        speed: Speed::Instant,
        theme: Theme::new(true),
    };
    let bot = Controller::Bot(Policy::Random);
    let play = Play::start("istanbul", [Controller::Human, bot, bot], Some(5), &options).unwrap();
    App::playing(options, play, Instant::now())
}

/// Presses `j` (scroll down) when `down`, else `k`, and turns `down` over.
fn scroll(app: &mut App, down: &mut bool) {
    let key = if *down { 'j' } else { 'k' };
    *down = !*down;
    app.handle(
        &Event::Key(KeyEvent::from(KeyCode::Char(key))),
        Instant::now(),
    );
}

/// A keypress in the brief (`j` and `k` in turn), and the whole 100x30 frame it asks for:
/// what local play draws, and what the SSH server drew for every such key before it drew the
/// brief alone.
#[divan::bench]
fn scroll_brief(bencher: divan::Bencher) {
    let mut app = briefed();
    let mut terminal = Terminal::new(TestBackend::new(100, 30)).unwrap();
    let mut down = true;
    bencher.bench_local(|| {
        scroll(&mut app, &mut down);
        terminal.draw(|frame| app.draw(frame)).unwrap();
    });
}

/// The same keypress as the SSH server draws it: the brief alone, over a copy of the last
/// frame (the server's copy of what its client shows).
#[divan::bench]
fn scroll_brief_over_last_frame(bencher: divan::Bencher) {
    let mut app = briefed();
    let mut terminal = Terminal::new(TestBackend::new(100, 30)).unwrap();
    terminal.draw(|frame| app.draw(frame)).unwrap();
    let mut down = true;
    bencher.bench_local(|| {
        scroll(&mut app, &mut down);
        let shown = terminal.backend().buffer().content.clone();
        terminal.current_buffer_mut().content = shown;
        terminal
            .draw(|frame| assert!(app.draw_overlay_over(frame)))
            .unwrap();
    });
}
