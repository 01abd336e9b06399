//! Drawing a connection's screen without flooding it: every reason to redraw (a key, a change
//! at the table, a resize, the console's clock) asks the connection's one painter, which draws
//! once for all the asks that came while it was busy, and waits while the frames already on
//! their way to the client exceed a bound. A client that reads slowly, or not at all, gets the
//! latest frame when it catches up — never a queue of every frame in between.

use super::terminal::Screen;
use crate::server::Shared;
use ratatui::layout::Rect;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use tokio::sync::Notify;

/// Bytes of frames waiting to go out above which no new frame is drawn.
pub const OUTPUT_BACKLOG: usize = 256 * 1024;

/// The widest and tallest terminal a client is given: larger sizes are clamped (a real
/// terminal on a large screen with a small font fits inside).
pub const MAX_SIZE: (u16, u16) = (512, 256);

/// The area a client's reported window size gets, clamped to [`MAX_SIZE`].
pub fn clamped(width: u32, height: u32) -> Rect {
    let width = width.min(u32::from(MAX_SIZE.0)) as u16;
    let height = height.min(u32::from(MAX_SIZE.1)) as u16;
    Rect::new(0, 0, width, height)
}

/// Bytes handed to the writer and not yet taken by the SSH session.
#[derive(Debug, Default)]
pub struct Backlog {
    queued: AtomicUsize,
    drained: Notify,
}

impl Backlog {
    /// `bytes` more are on their way.
    pub fn add(&self, bytes: usize) {
        self.queued.fetch_add(bytes, Ordering::SeqCst);
    }

    /// `bytes` have gone to the session.
    pub fn sent(&self, bytes: usize) {
        let _ = self
            .queued
            .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |queued| {
                Some(queued.saturating_sub(bytes))
            });
        self.drained.notify_waiters();
    }

    /// Bytes on their way now.
    pub fn queued(&self) -> usize {
        self.queued.load(Ordering::SeqCst)
    }

    /// Returns once fewer than `limit` bytes are on their way.
    pub async fn below(&self, limit: usize) {
        loop {
            let drained = self.drained.notified();
            if self.queued() < limit {
                return;
            }
            drained.await;
        }
    }
}

/// The asks for a redraw, and the size the next frame takes.
#[derive(Debug)]
pub struct Painter {
    wake: Notify,
    size: Mutex<Option<Rect>>,
    /// Something beneath the box on top of a game (its brief, the account of the others' moves, the
    /// help) may have changed since the last frame: the next one is drawn whole.
    whole: AtomicBool,
}

impl Default for Painter {
    fn default() -> Painter {
        Painter {
            wake: Notify::new(),
            size: Mutex::new(None),
            whole: AtomicBool::new(true),
        }
    }
}

impl Painter {
    /// Asks for a frame; asks made while one is being drawn come to one more frame.
    pub fn request(&self) {
        self.whole.store(true, Ordering::SeqCst);
        self.wake.notify_one();
    }

    /// Asks for a frame after a key that only scrolled the box on top of a game: unless another ask
    /// comes first, the box is drawn over the last frame rather than the whole screen.
    pub fn request_overlay(&self) {
        self.wake.notify_one();
    }

    /// Asks for a frame at a new size; of many resizes before it is drawn, the last counts.
    pub fn resize(&self, area: Rect) {
        *self.size.lock().unwrap_or_else(|p| p.into_inner()) = Some(area);
        self.request();
    }

    /// Draws `screen` whenever asked, until the task is aborted.
    pub async fn run(
        self: Arc<Self>,
        screen: Arc<Mutex<Option<Screen>>>,
        backlog: Arc<Backlog>,
        shared: Arc<Shared>,
        user: String,
    ) {
        loop {
            self.wake.notified().await;
            backlog.below(OUTPUT_BACKLOG).await;
            let size = self.size.lock().unwrap_or_else(|p| p.into_inner()).take();
            let whole = self.whole.swap(false, Ordering::SeqCst);
            let mut guard = screen.lock().unwrap_or_else(|p| p.into_inner());
            let Some(screen) = guard.as_mut() else {
                continue;
            };
            if let Some(area) = size {
                screen.resize(area);
            }
            screen.draw(&shared, &user, whole);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_huge_window_is_clamped_to_what_a_terminal_can_be() {
        assert_eq!(clamped(65_535, 65_535), Rect::new(0, 0, 512, 256));
        assert_eq!(clamped(80, 24), Rect::new(0, 0, 80, 24));
    }

    #[tokio::test]
    async fn the_backlog_holds_the_painter_until_the_client_has_read() {
        let backlog = Arc::new(Backlog::default());
        backlog.add(OUTPUT_BACKLOG + 10);
        let waiting = tokio::spawn({
            let backlog = backlog.clone();
            async move { backlog.below(OUTPUT_BACKLOG).await }
        });
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
        assert!(
            !waiting.is_finished(),
            "no frame while the client is behind"
        );
        backlog.sent(20);
        tokio::time::timeout(std::time::Duration::from_secs(1), waiting)
            .await
            .expect("drawing resumes once it has caught up")
            .unwrap();
    }
}
