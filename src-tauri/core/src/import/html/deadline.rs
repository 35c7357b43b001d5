//! One deadline over the whole reading of a page: parsing, finding the article, laying out its
//! text and reading its metadata all draw on the same time. Every pass over the tree ticks it
//! once per node, so a page built to be slow is refused at the deadline whichever pass it slows.

use std::time::Instant;

use super::parse::ParseRefusal;

/// Nodes visited between two looks at the clock: often enough to stop within milliseconds of
/// the deadline, rarely enough that reading the clock costs nothing.
const TICKS_PER_CHECK: u32 = 256;

/// The moment by which a page must have been read.
#[derive(Debug)]
pub struct Deadline {
    at: Instant,
    ticks: u32,
}

impl Deadline {
    /// A deadline at `at`.
    pub fn new(at: Instant) -> Self {
        Deadline { at, ticks: 0 }
    }

    /// Refuse if the deadline has passed.
    pub fn check(&self) -> Result<(), ParseRefusal> {
        if Instant::now() > self.at {
            return Err(ParseRefusal::TooSlow);
        }
        Ok(())
    }

    /// Count one unit of work; every so often, look at the clock.
    pub fn tick(&mut self) -> Result<(), ParseRefusal> {
        self.ticks += 1;
        if self.ticks < TICKS_PER_CHECK {
            return Ok(());
        }
        self.ticks = 0;
        self.check()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn a_passed_deadline_is_noticed_within_one_round_of_ticks() {
        let mut passed = Deadline::new(Instant::now() - Duration::from_millis(1));
        let refused = (0..TICKS_PER_CHECK)
            .map(|_| passed.tick())
            .any(|t| t.is_err());
        assert!(refused);
        let mut later = Deadline::new(Instant::now() + Duration::from_secs(60));
        assert!((0..10 * TICKS_PER_CHECK).all(|_| later.tick().is_ok()));
    }
}
