//! One training step's update of the first layer's touched rows, as one value ([`RowUpdate`]):
//! what `train` builds and every build of the kernels' `update_rows` reads.

/// For each listed input k = rows[t], its gradient row g = Σᵣ xt[t·m + r]·(row r of delta),
/// r = 0..m in order (the mini-batch's inputs at k, 0 where an example has none), and the
/// step's factors: the row becomes d·w − c·g. `iota` is 0, 1, …, m − 1. Rows of w, undo and
/// delta hold n numbers.
pub struct RowUpdate<'a, T> {
    pub rows: &'a [u16],
    pub xt: &'a [T],
    pub iota: &'a [u16],
    pub delta: &'a [T],
    pub m: usize,
    pub n: usize,
    pub d: T,
    pub c: T,
}
