//! A run's cost curve, kept to a bounded number of points however long the run.
//!
//! Every epoch's cost is kept until the curve has [`History::CAPACITY`] points; then every other
//! point is dropped and from then on only every 2nd epoch is kept, then every 4th, and so on. A run
//! of ten million epochs holds the same memory as one of ten thousand, and its curve keeps evenly
//! spaced points from start to end.

#[derive(Clone, Debug, PartialEq)]
pub struct History<T = f64> {
    /// (epoch, value), epochs rising, each a multiple of `stride`.
    points: Vec<(u32, T)>,
    stride: u32,
}

impl<T> Default for History<T> {
    fn default() -> History<T> {
        History {
            points: Vec::with_capacity(Self::CAPACITY),
            stride: 1,
        }
    }
}

impl<T> History<T> {
    pub const CAPACITY: usize = 4096;

    pub fn clear(&mut self) {
        self.points.clear();
        self.stride = 1;
    }

    /// Whether [`History::push`] would keep the value at `epoch` (so that a caller can skip
    /// working it out when not).
    pub fn keeps(&self, epoch: u32) -> bool {
        epoch.is_multiple_of(self.stride)
    }

    /// Records the value at `epoch`; epochs must come in rising order.
    pub fn push(&mut self, epoch: u32, value: T) {
        if !self.keeps(epoch) {
            return;
        }
        if self.points.len() == Self::CAPACITY {
            let mut i = 0;
            self.points.retain(|_| {
                i += 1;
                i % 2 == 1
            });
            self.stride *= 2;
            if !epoch.is_multiple_of(self.stride) {
                return;
            }
        }
        self.points.push((epoch, value));
    }

    pub fn points(&self) -> &[(u32, T)] {
        &self.points
    }

    /// The kept points and then the current one, `now` at `epoch`, unless it was kept: the curve
    /// to where the run is (a long run's history skips epochs).
    pub fn through(&self, epoch: u32, now: T) -> impl Iterator<Item = (u32, T)> + '_
    where
        T: Copy,
    {
        let kept = self.points.last().map(|p| p.0) == Some(epoch);
        self.points
            .iter()
            .copied()
            .chain((!kept).then_some((epoch, now)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_runs_keep_every_epoch() {
        let mut h: History = History::default();
        for e in 0..=300 {
            h.push(e, f64::from(e));
        }
        assert_eq!(h.points().len(), 301);
        assert_eq!(h.points()[300], (300, 300.0));
    }

    #[test]
    fn long_runs_stay_bounded_and_evenly_spaced() {
        let mut h: History = History::default();
        for e in 0..10_000_000 {
            h.push(e, 1.0);
        }
        let p = h.points();
        assert!(p.len() <= History::<f64>::CAPACITY && p.len() > History::<f64>::CAPACITY / 2);
        assert_eq!(p[0].0, 0);
        let step = p[1].0 - p[0].0;
        assert!(step.is_power_of_two());
        assert!(p.windows(2).all(|w| w[1].0 - w[0].0 == step));
        assert!(10_000_000 - p[p.len() - 1].0 <= step);
    }

    #[test]
    fn clear_starts_afresh() {
        let mut h: History = History::default();
        for e in 0..10_000 {
            h.push(e, 0.0);
        }
        h.clear();
        h.push(0, 1.0);
        h.push(1, 2.0);
        assert_eq!(h.points(), &[(0, 1.0), (1, 2.0)]);
    }
}
