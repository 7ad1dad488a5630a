//! One training step's update of the first layer's touched rows, as one value ([`RowUpdate`]):
//! what `train` builds and every build of the kernels' `update_rows` reads.

/// For each listed input k = rows[t], its gradient row g = Σ x·(row r of delta) over its
/// entries (r, x) = (entry_r, entry_x)[first[k]..end[k]], and the step's factors: the row
/// becomes d·w − c·g. Rows of w, undo and delta hold n numbers.
pub struct RowUpdate<'a, T> {
    pub rows: &'a [u16],
    pub first: &'a [u32],
    pub end: &'a [u32],
    pub entry_r: &'a [u16],
    pub entry_x: &'a [T],
    pub delta: &'a [T],
    pub n: usize,
    pub d: T,
    pub c: T,
}
