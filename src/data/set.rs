//! A data set: n examples (x, y), each x a vector of `n_in` numbers and y a vector of `n_out`.

use super::DataError;

/// The inputs x of every example, one after the other.
#[derive(Clone, Debug, PartialEq)]
enum Inputs {
    /// Grey levels 0–255 standing for x = level / 256, as the book's MNIST loader has them.
    /// Stored as bytes because that is a quarter of the memory: 47 MB instead of 188 MB for the
    /// 60,000 training images, which matters in a browser tab.
    Pixels(Vec<u8>),
    Values(Vec<f32>),
}

/// The desired outputs y of every example.
#[derive(Clone, Debug, PartialEq)]
enum Targets {
    /// The class j of each example, standing for the unit vector e_j (network2.py's
    /// `vectorized_result`).
    Labels(Vec<u8>),
    Values(Vec<f32>),
}

#[derive(Clone, Debug, PartialEq)]
pub struct DataSet {
    n_in: usize,
    n_out: usize,
    inputs: Inputs,
    targets: Targets,
}

/// x = level / 256 for a grey level 0–255 (as the book's loader scales them; the project's spec, shared/SPEC.md, asks for the same).
const PIXEL_SCALE: f32 = 1.0 / 256.0;

impl DataSet {
    /// Examples with arbitrary targets: `x` holds n·n_in numbers, `y` n·n_out.
    pub fn new(n_in: usize, x: Vec<f32>, n_out: usize, y: Vec<f32>) -> Result<DataSet, DataError> {
        let n = count(n_in, x.len(), "inputs")?;
        let m = count(n_out, y.len(), "targets")?;
        same_count(n, m)?;
        DataSet {
            n_in,
            n_out,
            inputs: Inputs::Values(x),
            targets: Targets::Values(y),
        }
        .checked()
    }

    /// Examples in `classes` classes: `x` holds n·n_in numbers, `labels` n classes 0..classes.
    pub fn classified(
        n_in: usize,
        x: Vec<f32>,
        classes: usize,
        labels: Vec<u8>,
    ) -> Result<DataSet, DataError> {
        let n = count(n_in, x.len(), "inputs")?;
        same_count(n, labels.len())?;
        DataSet {
            n_in,
            n_out: classes,
            inputs: Inputs::Values(x),
            targets: Targets::Labels(labels),
        }
        .checked()
    }

    /// Images of `n_in` pixels, grey levels 0–255 standing for x = level / 256, in `classes`
    /// classes.
    pub fn pixels(
        n_in: usize,
        levels: Vec<u8>,
        classes: usize,
        labels: Vec<u8>,
    ) -> Result<DataSet, DataError> {
        let n = count(n_in, levels.len(), "pixels")?;
        same_count(n, labels.len())?;
        DataSet {
            n_in,
            n_out: classes,
            inputs: Inputs::Pixels(levels),
            targets: Targets::Labels(labels),
        }
        .checked()
    }

    fn checked(self) -> Result<DataSet, DataError> {
        if self.n_out == 0 {
            return Err(DataError::Shape(
                "targets of size 0: an example needs at least one desired output".into(),
            ));
        }
        // A NaN or ∞ here would surface much later as a diverging run, blamed on η.
        if let Inputs::Values(x) = &self.inputs {
            finite(x, self.n_in, "input")?;
        }
        if let Targets::Values(y) = &self.targets {
            finite(y, self.n_out, "target")?;
        }
        if let Targets::Labels(labels) = &self.targets {
            if self.n_out > 256 {
                return Err(DataError::Shape(format!(
                    "{} classes: labels are bytes, so at most 256 classes",
                    self.n_out
                )));
            }
            if let Some((index, &label)) = labels
                .iter()
                .enumerate()
                .find(|(_, &l)| usize::from(l) >= self.n_out)
            {
                return Err(DataError::LabelOutOfRange {
                    index,
                    label,
                    classes: self.n_out,
                });
            }
        }
        Ok(self)
    }

    /// The number of examples.
    pub fn len(&self) -> usize {
        match &self.targets {
            Targets::Labels(l) => l.len(),
            Targets::Values(y) => y.len() / self.n_out,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The size of each input x.
    pub fn n_in(&self) -> usize {
        self.n_in
    }

    /// The size of each desired output y.
    pub fn n_out(&self) -> usize {
        self.n_out
    }

    /// Writes x of example `i` into `out` (n_in numbers). Panics if `i` is out of range, like
    /// slice indexing.
    pub fn input_into<T: From<f32>>(&self, i: usize, out: &mut [T]) {
        let range = i * self.n_in..(i + 1) * self.n_in;
        match &self.inputs {
            Inputs::Pixels(p) => {
                for (o, &level) in out.iter_mut().zip(&p[range]) {
                    *o = T::from(f32::from(level) * PIXEL_SCALE);
                }
            }
            Inputs::Values(x) => {
                for (o, &v) in out.iter_mut().zip(&x[range]) {
                    *o = T::from(v);
                }
            }
        }
    }

    /// Writes y of example `i` into `out` (n_out numbers): the unit vector of its class for a
    /// labelled set.
    pub fn target_into<T: From<f32>>(&self, i: usize, out: &mut [T]) {
        match &self.targets {
            Targets::Labels(l) => {
                let label = usize::from(l[i]);
                for (j, o) in out.iter_mut().enumerate() {
                    *o = T::from(if j == label { 1.0 } else { 0.0 });
                }
            }
            Targets::Values(y) => {
                for (o, &v) in out.iter_mut().zip(&y[i * self.n_out..(i + 1) * self.n_out]) {
                    *o = T::from(v);
                }
            }
        }
    }

    /// The class of example `i`: its label, or for arbitrary targets the index of the largest
    /// component of y (the first one on ties), as network2.py's `accuracy` takes `argmax(y)`.
    pub fn class(&self, i: usize) -> usize {
        match &self.targets {
            Targets::Labels(l) => usize::from(l[i]),
            Targets::Values(y) => argmax(&y[i * self.n_out..(i + 1) * self.n_out]),
        }
    }

    /// Keeps the first `at` examples and returns the rest, as `Vec::split_off` does (the
    /// book's mnist_loader splits the 60,000 training images this way, at 50,000). Panics if
    /// `at > len`.
    pub fn split_off(&mut self, at: usize) -> DataSet {
        assert!(
            at <= self.len(),
            "split_off({at}) of {} examples",
            self.len()
        );
        let inputs = match &mut self.inputs {
            Inputs::Pixels(p) => Inputs::Pixels(p.split_off(at * self.n_in)),
            Inputs::Values(x) => Inputs::Values(x.split_off(at * self.n_in)),
        };
        let targets = match &mut self.targets {
            Targets::Labels(l) => Targets::Labels(l.split_off(at)),
            Targets::Values(y) => Targets::Values(y.split_off(at * self.n_out)),
        };
        DataSet {
            n_in: self.n_in,
            n_out: self.n_out,
            inputs,
            targets,
        }
    }

    /// Keeps only the first `n` examples (all of them if there are fewer).
    pub fn truncate(&mut self, n: usize) {
        if n < self.len() {
            self.split_off(n);
        }
    }
}

/// The index of the largest element, the first one on ties.
pub(crate) fn argmax<T: PartialOrd + Copy>(v: &[T]) -> usize {
    let mut best = 0;
    for (j, x) in v.iter().enumerate().skip(1) {
        if *x > v[best] {
            best = j;
        }
    }
    best
}

fn finite(v: &[f32], size: usize, what: &str) -> Result<(), DataError> {
    match v.iter().position(|x| !x.is_finite()) {
        None => Ok(()),
        Some(i) => Err(DataError::Shape(format!(
            "{what} {} of example {} is {}, not a finite number",
            i % size,
            i / size,
            v[i]
        ))),
    }
}

/// How many examples `len` numbers of size `size` make.
fn count(size: usize, len: usize, what: &str) -> Result<usize, DataError> {
    if size == 0 {
        return Err(DataError::Shape(format!(
            "{what} of size 0: every example needs at least one number"
        )));
    }
    if !len.is_multiple_of(size) {
        return Err(DataError::Shape(format!(
            "{len} {what} do not make whole examples of {size} numbers each"
        )));
    }
    Ok(len / size)
}

fn same_count(inputs: usize, targets: usize) -> Result<(), DataError> {
    if inputs != targets {
        return Err(DataError::Shape(format!(
            "inputs for {inputs} examples but targets for {targets}"
        )));
    }
    Ok(())
}
