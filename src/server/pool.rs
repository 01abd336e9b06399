//! A bounded pool for bots' thinking: every table's bot thread asks it for a turn before a
//! bot searches, so however many tables of hard bots a room opens, at most a fixed number of
//! decisions burn a core at once and players' screens stay quick.

use std::sync::{Condvar, Mutex};

/// Counts the bot decisions thinking now, up to a limit.
#[derive(Debug)]
pub struct ThinkingPool {
    limit: usize,
    busy: Mutex<usize>,
    freed: Condvar,
}

/// A turn to think; the place is given back when it is dropped.
#[derive(Debug)]
pub struct Turn<'a> {
    pool: &'a ThinkingPool,
}

impl ThinkingPool {
    /// A pool letting `limit` decisions think at once (at least one).
    pub fn new(limit: usize) -> ThinkingPool {
        ThinkingPool {
            limit: limit.max(1),
            busy: Mutex::new(0),
            freed: Condvar::new(),
        }
    }

    /// Waits for a place, and holds it until the turn is dropped.
    pub fn turn(&self) -> Turn<'_> {
        let mut busy = self.busy.lock().unwrap_or_else(|p| p.into_inner());
        while *busy >= self.limit {
            busy = self.freed.wait(busy).unwrap_or_else(|p| p.into_inner());
        }
        *busy += 1;
        Turn { pool: self }
    }

    /// How many decisions think now.
    pub fn busy(&self) -> usize {
        *self.busy.lock().unwrap_or_else(|p| p.into_inner())
    }
}

impl Drop for Turn<'_> {
    fn drop(&mut self) {
        let mut busy = self.pool.busy.lock().unwrap_or_else(|p| p.into_inner());
        *busy = busy.saturating_sub(1);
        self.pool.freed.notify_one();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;
    use std::sync::atomic::{AtomicUsize, Ordering};

    #[test]
    fn no_more_than_the_limit_think_at_once() {
        let pool = Arc::new(ThinkingPool::new(2));
        let most = Arc::new(AtomicUsize::new(0));
        let threads: Vec<_> = (0..8)
            .map(|_| {
                let (pool, most) = (pool.clone(), most.clone());
                std::thread::spawn(move || {
                    for _ in 0..20 {
                        let _turn = pool.turn();
                        most.fetch_max(pool.busy(), Ordering::SeqCst);
                        std::thread::sleep(std::time::Duration::from_micros(200));
                    }
                })
            })
            .collect();
        for thread in threads {
            thread.join().unwrap();
        }
        assert_eq!(most.load(Ordering::SeqCst), 2);
        assert_eq!(pool.busy(), 0, "every place given back");
    }
}
