//! What a network is made of: its layer sizes, output activation and cost, and how its weights
//! start. Every combination is checked here, once, with a message that says what to change.

use std::fmt;

/// Largest layer accepted: far beyond what trains in a browser tab, small enough that a typo
/// like 78400 is caught before it allocates gigabytes.
pub const MAX_LAYER: usize = 10_000;
/// Most weights and biases a network may have (ten times [784, 1000, 10]'s 795,010).
pub const MAX_PARAMETERS: usize = 8_000_000;

/// A configuration that cannot be trained, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SetupError(pub String);

impl fmt::Display for SetupError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for SetupError {}

pub(crate) fn invalid<T>(message: impl Into<String>) -> Result<T, SetupError> {
    Err(SetupError(message.into()))
}

/// Gives a name-list enum `ALL`, `name`, `from_name` (the option value) and `Display`.
macro_rules! named {
    ($t:ident { $($v:ident => $n:literal),+ $(,)? }) => {
        impl $t {
            pub const ALL: &'static [$t] = &[$($t::$v),+];

            /// The option value that names this.
            pub fn name(self) -> &'static str {
                match self {
                    $($t::$v => $n),+
                }
            }

            pub fn from_name(name: &str) -> Result<$t, SetupError> {
                $t::ALL.iter().copied().find(|x| x.name() == name).ok_or_else(|| {
                    let names: Vec<String> =
                        $t::ALL.iter().map(|x| format!("\"{}\"", x.name())).collect();
                    SetupError(format!(
                        "unknown {} \"{name}\"; the choices are {}",
                        stringify!($t).to_lowercase(),
                        names.join(", ")
                    ))
                })
            }
        }

        impl fmt::Display for $t {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.name())
            }
        }
    };
}

/// The output layer's activation. Hidden layers are always sigmoid.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Output {
    /// a = σ(z).
    Sigmoid,
    /// a = z (eqs. 68–70).
    Linear,
    /// a_j = e^(z_j) / Σ_k e^(z_k), eq. (78).
    Softmax,
}

named!(Output {
    Sigmoid => "sigmoid",
    Linear => "linear",
    Softmax => "softmax",
});

/// The cost of one example; a data set's cost is the mean over its examples.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Cost {
    /// C = ½ Σ_j (y_j − a_j)², eq. (6) for one example.
    Quadratic,
    /// C = −Σ_j [y_j ln a_j + (1 − y_j) ln(1 − a_j)], eq. (63) for one example.
    CrossEntropy,
    /// C = −ln a_y, eq. (80); for a target y that is not a unit vector, −Σ_j y_j ln a_j.
    LogLikelihood,
}

named!(Cost {
    Quadratic => "quadratic",
    CrossEntropy => "cross-entropy",
    LogLikelihood => "log-likelihood",
});

/// How the weights start. Biases are N(0, 1) either way.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Init {
    /// N(0, 1): network2.py's `large_weight_initializer`, used for the chapter's first runs.
    Large,
    /// N(0, 1/n_in): network2.py's `default_weight_initializer`, the section "Weight
    /// initialization".
    Default,
}

named!(Init {
    Large => "large",
    Default => "default",
});

/// The shape and kind of a network; only a valid one can be made.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Architecture {
    sizes: Vec<usize>,
    output: Output,
    cost: Cost,
}

impl Architecture {
    /// `sizes` are the neurons per layer, input first: [784, 30, 10] is 784 inputs, 30 hidden
    /// neurons and 10 outputs.
    pub fn new(sizes: &[usize], output: Output, cost: Cost) -> Result<Architecture, SetupError> {
        let a = Architecture {
            sizes: sizes.to_vec(),
            output,
            cost,
        };
        a.check()?;
        Ok(a)
    }

    /// The pairs the book uses, each with its δᴸ: sigmoid with the quadratic cost (65) or with
    /// cross-entropy (66), linear with the quadratic cost (68), softmax with log-likelihood
    /// (81–82). The others are refused rather than trained with a gradient the chapter never
    /// derives: cross-entropy and log-likelihood need 0 < a < 1, which a linear output does not
    /// keep, and on softmax outputs the log-likelihood *is* the cross-entropy of the
    /// distribution a.
    fn check(&self) -> Result<(), SetupError> {
        let sizes = &self.sizes;
        if sizes.len() < 2 {
            return invalid(format!(
                "sizes {sizes:?}: a network needs at least an input and an output layer, e.g. \
                 [784, 30, 10]"
            ));
        }
        if let Some(l) = sizes.iter().position(|&n| n == 0) {
            return invalid(format!(
                "sizes {sizes:?}: layer {l} has no neurons; every layer needs at least one"
            ));
        }
        if let Some(l) = sizes.iter().position(|&n| n > MAX_LAYER) {
            return invalid(format!(
                "sizes {sizes:?}: layer {l} has {} neurons, more than the {MAX_LAYER} accepted",
                sizes[l]
            ));
        }
        // In u64: on wasm32 a long list of large layers could overflow usize.
        let parameters: u64 = sizes
            .windows(2)
            .map(|p| (p[0] as u64 + 1) * p[1] as u64)
            .sum();
        if parameters > MAX_PARAMETERS as u64 {
            return invalid(format!(
                "sizes {sizes:?}: {parameters} weights and biases, more than the \
                 {MAX_PARAMETERS} accepted"
            ));
        }
        let ok = matches!(
            (self.output, self.cost),
            (Output::Sigmoid, Cost::Quadratic)
                | (Output::Sigmoid, Cost::CrossEntropy)
                | (Output::Linear, Cost::Quadratic)
                | (Output::Softmax, Cost::LogLikelihood)
        );
        if !ok {
            let suggestion = match self.output {
                Output::Sigmoid => "sigmoid outputs take the quadratic or cross-entropy cost",
                Output::Linear => {
                    "linear outputs take the quadratic cost (the others need 0 < a < 1)"
                }
                Output::Softmax => {
                    "softmax outputs take the log-likelihood cost (eq. 80), the cross-entropy \
                     of a softmax output"
                }
            };
            return invalid(format!(
                "{} outputs with the {} cost: {suggestion}",
                self.output, self.cost
            ));
        }
        Ok(())
    }

    pub fn sizes(&self) -> &[usize] {
        &self.sizes
    }

    pub fn output(&self) -> Output {
        self.output
    }

    pub fn cost(&self) -> Cost {
        self.cost
    }

    /// The number of layers after the input: L − 1 in the book's numbering, where the input is
    /// layer 1.
    pub fn layers(&self) -> usize {
        self.sizes.len() - 1
    }

    pub fn n_in(&self) -> usize {
        self.sizes[0]
    }

    pub fn n_out(&self) -> usize {
        self.sizes[self.sizes.len() - 1]
    }
}
