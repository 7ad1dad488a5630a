//! The wording of a rejected option, in each language.

use crate::config::{Accepted, OptionError, Place, Problem, Range};
use crate::lang::Lang;
use std::fmt;

impl OptionError {
    /// The message a person reads: the option, the value given, what is wrong, what is accepted.
    pub fn message(&self, lang: Lang) -> String {
        let w = lang.words();
        let problem = match self.problem {
            Problem::NotANumber => w.not_a_number,
            Problem::NaN => w.nan,
            Problem::Infinite => w.infinite,
            Problem::TooLarge => w.too_large,
            Problem::OutOfRange => w.out_of_range,
            Problem::NotPositive => w.not_positive,
            Problem::NotWhole => w.not_whole,
            Problem::NoKind => w.no_kind,
            Problem::UnknownKind => w.unknown_kind,
            Problem::UnknownValue => w.unknown_value,
            Problem::UnknownOption => w.unknown_option,
            Problem::Repeated => w.repeated,
        };
        let list = |items: Vec<String>| match lang {
            Lang::En => items.join(", "),
            Lang::Zh => items.join("、"),
        };
        let accepted = match &self.accepted {
            Accepted::Range(r) => r.describe(lang),
            Accepted::OneOf(names) => format!(
                "{} {}",
                w.one_of,
                list(names.iter().map(|n| format!("\"{n}\"")).collect())
            ),
            Accepted::Options(names) => format!(
                "{} {}",
                w.the_options,
                list(names.iter().map(|n| format!("data-{n}")).collect())
            ),
            Accepted::Once => w.once.to_owned(),
        };
        let (option, value, label) = (
            shortened(&self.option).0,
            quoted(&self.value, lang),
            w.accepted,
        );
        let name = match self.place {
            Place::Option => format!("data-{option}="),
            Place::Named => format!("{option}="),
            Place::Control => String::new(),
        };
        match lang {
            Lang::En => format!("{name}{value}: {problem}. {label}: {accepted}."),
            Lang::Zh => format!("{name}{value}：{problem}。{label}：{accepted}。"),
        }
    }

    /// The same error, for a value typed into the control beside which it is shown, or for one
    /// from a shared link or a script.
    pub fn at(mut self, place: Place) -> OptionError {
        self.place = place;
        self
    }
}

/// Longest name or value a message quotes whole, in characters.
const QUOTED_WHOLE: usize = 40;

/// The first 32 characters of `s` and "…" when it is longer than `QUOTED_WHOLE`, and its
/// length then; so that a page's megabyte of junk makes a short message.
fn shortened(s: &str) -> (String, Option<usize>) {
    let n = s.chars().count();
    if n <= QUOTED_WHOLE {
        (s.to_owned(), None)
    } else {
        let mut start: String = s.chars().take(32).collect();
        start.push('…');
        (start, Some(n))
    }
}

/// A value in quotes, as a message quotes it (see `shortened`).
fn quoted(s: &str, lang: Lang) -> String {
    match (shortened(s), lang) {
        ((s, None), _) => format!("\"{s}\""),
        ((s, Some(n)), Lang::En) => format!("\"{s}\" ({n} characters)"),
        ((s, Some(n)), Lang::Zh) => format!("\"{s}\"（共 {n} 个字符）"),
    }
}

impl fmt::Display for OptionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}
impl Range {
    pub(crate) fn describe(self, lang: Lang) -> String {
        match (lang, self) {
            (Lang::En, Range::Closed(lo, hi)) => format!("a number from {lo} to {hi}"),
            (Lang::En, Range::Positive(max)) => format!("a number greater than 0, at most {max}"),
            (Lang::En, Range::Whole(lo, hi)) => format!("a whole number from {lo} to {hi}"),
            (Lang::Zh, Range::Closed(lo, hi)) => format!("{lo} 到 {hi} 之间的数"),
            (Lang::Zh, Range::Positive(max)) => format!("大于 0 且不超过 {max} 的数"),
            (Lang::Zh, Range::Whole(lo, hi)) => format!("{lo} 到 {hi} 之间的整数"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_value_or_name_is_quoted_short_with_its_length() {
        let junk = "x".repeat(1 << 20);
        let first = |options: &[(&str, &str)]| {
            let parsed = crate::config::parse(options.iter().copied(), None);
            parsed.result.unwrap_err().remove(0)
        };
        for lang in [Lang::En, Lang::Zh] {
            let m = first(&[("nndl", "neuron"), ("w", &junk)]).message(lang);
            assert!(m.chars().count() < 200, "{m}");
            assert!(m.contains(&format!("\"{}…\"", "x".repeat(32))), "{m}");
            assert!(m.contains("1048576"), "{m}");
            let m = first(&[("nndl", "neuron"), (&junk, "1")]).message(lang);
            assert!(m.chars().count() < 300, "{m}");
            let m = first(&[("nndl", "neuron"), ("w", "zz")]).message(lang);
            assert!(m.starts_with("data-w=\"zz\""), "{m}");
        }
    }
}
