//! The one reader of options: text → numbers, choices and flags checked against what each option
//! accepts, with every rejection kept as an [`OptionError`] (its wording is in `i18n`).

/// One rejected option.
#[derive(Clone, Debug, PartialEq)]
pub struct OptionError {
    /// The option's name without the `data-` prefix.
    pub option: String,
    /// The text that was given.
    pub value: String,
    pub problem: Problem,
    pub accepted: Accepted,
    pub place: Place,
}

/// What is wrong with an option's value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Problem {
    NotANumber,
    NaN,
    Infinite,
    TooLarge,
    OutOfRange,
    NotPositive,
    NotWhole,
    NoKind,
    UnknownKind,
    UnknownValue,
    UnknownOption,
    /// A link names the setting twice.
    Repeated,
    /// Words that are empty.
    #[cfg(feature = "explorer")]
    Empty,
    /// Words longer than accepted.
    #[cfg(feature = "explorer")]
    TooLong,
}

/// What an option accepts.
#[derive(Clone, Debug, PartialEq)]
pub enum Accepted {
    Range(Range),
    OneOf(Vec<&'static str>),
    /// The option names a widget kind accepts.
    Options(Vec<&'static str>),
    /// One value for each setting.
    Once,
    /// Words, from 1 to this many characters.
    #[cfg(feature = "explorer")]
    Text(usize),
}

/// Where a rejected value came from, which its message names.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Place {
    /// A `data-*` attribute.
    #[default]
    Option,
    /// A shared link's fragment, or a script's `set(name, value)`: named without `data-`.
    Named,
    /// A control of the widget; the message is shown beside it.
    Control,
}

pub(crate) fn one_of(names: &[&'static str]) -> Accepted {
    Accepted::OneOf(names.to_vec())
}

pub(crate) fn err(option: &str, value: &str, problem: Problem, accepted: Accepted) -> OptionError {
    OptionError {
        option: option.to_string(),
        value: value.to_string(),
        problem,
        accepted,
        place: Place::Option,
    }
}

/// Reads one widget's options: records every unknown option and every bad value as it goes.
pub(crate) struct Reader<'a> {
    options: &'a [(&'a str, &'a str)],
    pub(crate) errors: Vec<OptionError>,
}

impl<'a> Reader<'a> {
    pub(crate) fn new(options: &'a [(&'a str, &'a str)], known: Vec<&'static str>) -> Reader<'a> {
        let errors = options
            .iter()
            .filter(|(k, _)| !known.contains(k))
            .map(|(k, v)| {
                err(
                    k,
                    v,
                    Problem::UnknownOption,
                    Accepted::Options(known.clone()),
                )
            })
            .collect();
        Reader { options, errors }
    }

    pub(crate) fn get(&self, name: &str) -> Option<&'a str> {
        self.options
            .iter()
            .find(|(k, _)| *k == name)
            .map(|(_, v)| v.trim())
    }

    /// The one of `all` whose name is given, if an option names one.
    pub(crate) fn choose<T: Copy>(
        &mut self,
        name: &str,
        all: &[T],
        name_of: fn(T) -> &'static str,
    ) -> Option<T> {
        let v = self.get(name)?;
        pick(name, v, all, name_of)
            .map_err(|e| self.errors.push(e))
            .ok()
    }

    pub(crate) fn number(&mut self, name: &str, target: &mut f64, range: Range) {
        if let Some(v) = self.get(name) {
            match number(name, v, range) {
                Ok(n) => *target = n,
                Err(e) => self.errors.push(e),
            }
        }
    }

    pub(crate) fn whole(&mut self, name: &str, target: &mut u32, lo: u32, hi: u32) {
        let mut v = f64::from(*target);
        self.number(name, &mut v, Range::Whole(lo, hi));
        // Range::Whole has checked that this is a whole number that fits.
        *target = v as u32;
    }

    pub(crate) fn finish<T>(self, value: T) -> Result<T, Vec<OptionError>> {
        if self.errors.is_empty() {
            Ok(value)
        } else {
            Err(self.errors)
        }
    }
}

pub(crate) fn pick<T: Copy>(
    name: &str,
    value: &str,
    all: &[T],
    name_of: fn(T) -> &'static str,
) -> Result<T, OptionError> {
    all.iter()
        .copied()
        .find(|t| name_of(*t) == value)
        .ok_or_else(|| {
            let names = all.iter().map(|t| name_of(*t)).collect();
            err(name, value, Problem::UnknownValue, Accepted::OneOf(names))
        })
}

pub(crate) fn number(name: &str, value: &str, range: Range) -> Result<f64, OptionError> {
    parse_number(value, range).map_err(|p| err(name, value, p, Accepted::Range(range)))
}

pub(crate) fn flag(name: &str, value: &str) -> Result<bool, OptionError> {
    match value {
        "true" => Ok(true),
        "false" => Ok(false),
        _ => Err(err(
            name,
            value,
            Problem::UnknownValue,
            one_of(&["true", "false"]),
        )),
    }
}

/// The values a numeric option accepts.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Range {
    /// lo ≤ v ≤ hi.
    Closed(f64, f64),
    /// 0 < v ≤ max.
    Positive(f64),
    /// A whole number lo ≤ v ≤ hi.
    Whole(u32, u32),
}

/// Parses a decimal number ("0.6", "-2", "1e-3") and checks it against `range`.
fn parse_number(text: &str, range: Range) -> Result<f64, Problem> {
    // Rust also reads "inf" and "NaN"; options must be plain decimal numbers.
    let looks_numeric = !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | '-' | '+' | 'e' | 'E'));
    let v: f64 = match text.parse() {
        Ok(v) if looks_numeric => v,
        Ok(v) if v.is_nan() => return Err(Problem::NaN),
        // Bytes compared, not a pattern searched (see plot::epoch_tick).
        Ok(_)
            if text
                .as_bytes()
                .windows(3)
                .any(|w| w.eq_ignore_ascii_case(b"inf")) =>
        {
            return Err(Problem::Infinite)
        }
        _ => return Err(Problem::NotANumber),
    };
    if !v.is_finite() {
        return Err(Problem::TooLarge);
    }
    match range {
        Range::Closed(lo, hi) if v < lo || v > hi => Err(Problem::OutOfRange),
        Range::Positive(_) if v <= 0.0 => Err(Problem::NotPositive),
        Range::Positive(max) if v > max => Err(Problem::TooLarge),
        Range::Whole(..) if v.fract() != 0.0 => Err(Problem::NotWhole),
        Range::Whole(lo, hi) if v < f64::from(lo) || v > f64::from(hi) => Err(Problem::OutOfRange),
        _ => Ok(v),
    }
}
