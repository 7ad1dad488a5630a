//! Wall-clock time → whole epochs.
//!
//! A running widget advances by `speed` epochs per second of elapsed time, whatever the display's
//! frame rate. Fractions of an epoch carry over to the next frame, so that over any stretch of
//! frames the count of epochs is the elapsed time times the speed, rounded down. The epochs
//! themselves are always whole gradient steps: the state after N epochs never depends on timing.

/// The longest time one frame may account for. A tab that was hidden, or a machine that stalled,
/// resumes where it stopped instead of running a burst of catch-up epochs.
pub const MAX_FRAME_MS: f64 = 100.0;

#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Clock {
    /// The fraction of an epoch that is due but not yet run.
    carry: f64,
}

impl Clock {
    /// How many epochs `dt_ms` milliseconds at `speed` epochs per second make, counting what the
    /// earlier frames left over. A negative, NaN or infinite `dt_ms` counts as no time.
    pub fn epochs_for(&mut self, dt_ms: f64, speed: f64) -> u64 {
        let dt = if dt_ms.is_finite() && dt_ms > 0.0 {
            dt_ms.min(MAX_FRAME_MS)
        } else {
            0.0
        };
        let due = self.carry + dt * speed / 1000.0;
        let whole = due.floor();
        self.carry = due - whole;
        whole as u64
    }

    /// Forgets any partial epoch, as when a run starts.
    pub fn reset(&mut self) {
        self.carry = 0.0;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn total(frames: &[f64], speed: f64) -> u64 {
        let mut c = Clock::default();
        frames.iter().map(|&dt| c.epochs_for(dt, speed)).sum()
    }

    #[test]
    fn counts_elapsed_time_times_speed_whatever_the_frame_rate() {
        // One second at 60 epochs per second, shown at 30, 60, 144 Hz and with uneven frames.
        assert_eq!(total(&[1000.0 / 30.0; 30], 60.0), 60);
        assert_eq!(total(&[1000.0 / 60.0; 60], 60.0), 60);
        assert_eq!(total(&[1000.0 / 144.0; 144], 60.0), 60);
        assert_eq!(total(&[5.0, 95.0, 50.0, 50.0, 100.0], 60.0), 18);
    }

    #[test]
    fn fractions_carry_over() {
        let mut c = Clock::default();
        // 10 ms at 60 epochs per second is 0.6 of an epoch.
        assert_eq!(c.epochs_for(10.0, 60.0), 0);
        assert_eq!(c.epochs_for(10.0, 60.0), 1);
        c.reset();
        assert_eq!(c.epochs_for(10.0, 60.0), 0);
    }

    #[test]
    fn long_gaps_and_bad_times_are_capped() {
        let mut c = Clock::default();
        assert_eq!(c.epochs_for(60_000.0, 60.0), 6);
        for bad in [-5.0, f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
            assert_eq!(c.epochs_for(bad, 60.0), 0);
        }
    }
}
