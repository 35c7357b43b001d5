//! How often a report may pass: once an interval has gone by since the last one let through.

use std::time::{Duration, Instant};

/// Lets a report through when `interval` has passed since the last one let through.
#[derive(Debug)]
pub(super) struct Throttle {
    interval: Duration,
    last: Option<Instant>,
}

impl Throttle {
    pub(super) fn new(interval: Duration) -> Self {
        Throttle {
            interval,
            last: None,
        }
    }

    /// Whether to send a report now; `always` for the one that must not be dropped.
    pub(super) fn due(&mut self, now: Instant, always: bool) -> bool {
        let due = always
            || self
                .last
                .is_none_or(|last| now.duration_since(last) >= self.interval);
        if due {
            self.last = Some(now);
        }
        due
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lets_the_first_report_through_then_one_per_interval() {
        let start = Instant::now();
        let mut throttle = Throttle::new(Duration::from_millis(100));
        let at = |ms| start + Duration::from_millis(ms);
        assert!(throttle.due(at(0), false));
        assert!(!throttle.due(at(40), false));
        assert!(!throttle.due(at(99), false));
        assert!(throttle.due(at(100), false));
        assert!(!throttle.due(at(150), false));
        assert!(throttle.due(at(151), true), "the last report always goes");
    }
}
