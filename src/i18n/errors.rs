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
            #[cfg(feature = "explorer")]
            Problem::Empty => lang.explorer().empty,
            #[cfg(feature = "explorer")]
            Problem::TooLong => lang.explorer().too_long,
        };
        // One string, built in order: "data-w="zz": not a number. Accepted: …. Did you mean …?"
        let zh = lang == Lang::Zh;
        let (sep, colon, stop) = if zh {
            ("、", "：", "。")
        } else {
            (", ", ": ", ". ")
        };
        let mut m = String::new();
        // How the author writes a name (and a value) here: data-w="0.6", w="0.6" in a link, or
        // just "0.6" beside a control.
        let prefix = |m: &mut String, option: &str, is_value: bool| {
            if self.place == Place::Option {
                m.push_str("data-");
            }
            if self.place != Place::Control || !is_value {
                m.push_str(option);
            }
            if self.place != Place::Control && is_value {
                m.push('=');
            }
        };
        prefix(&mut m, &shortened(&self.option).0, true);
        m.push_str(&quoted(&self.value, lang));
        m.push_str(colon);
        m.push_str(problem);
        m.push_str(stop);
        m.push_str(w.accepted);
        m.push_str(colon);
        let names = |m: &mut String, names: &[&str], before: &str, after: &str| {
            for (i, n) in names.iter().enumerate() {
                m.push_str(if i == 0 { " " } else { sep });
                m.push_str(before);
                m.push_str(n);
                m.push_str(after);
            }
        };
        match &self.accepted {
            Accepted::Range(r) => m.push_str(&r.describe(lang)),
            Accepted::OneOf(list) => {
                m.push_str(w.one_of);
                names(&mut m, list, "\"", "\"");
            }
            Accepted::Options(list) => {
                m.push_str(w.the_options);
                let data = if self.place == Place::Option {
                    "data-"
                } else {
                    ""
                };
                names(&mut m, list, data, "");
            }
            Accepted::Once => m.push_str(w.once),
            #[cfg(feature = "explorer")]
            Accepted::Text(max) => {
                let (before, after) = lang.explorer().text_of;
                m.push_str(before);
                m.push_str(&max.to_string());
                m.push_str(after);
            }
        }
        m.push_str(stop.trim_end());
        // For an unknown option or value, the nearest one accepted, written as the author
        // would write it: data-view="speed", data-eta, view="speed" in a link.
        let near = match (&self.accepted, self.problem) {
            (Accepted::OneOf(list), Problem::UnknownValue | Problem::UnknownKind) => {
                nearest(&self.value, list).map(|n| (n, true))
            }
            (Accepted::Options(list), Problem::UnknownOption) => {
                nearest(&self.option, list).map(|n| (n, false))
            }
            _ => None,
        };
        if let Some((n, is_value)) = near {
            m.push_str(if zh {
                "是不是想写 "
            } else {
                " Did you mean "
            });
            if is_value {
                prefix(&mut m, &self.option, true);
                m.push('"');
                m.push_str(n);
                m.push('"');
            } else {
                prefix(&mut m, n, false);
            }
            m.push_str(if zh { "？" } else { "?" });
        }
        m
    }

    /// The same error, for a value typed into the control beside which it is shown, or for one
    /// from a shared link or a script.
    pub fn at(mut self, place: Place) -> OptionError {
        self.place = place;
        self
    }
}

/// The one name nearest to `given` (case aside): within a third of its length in edits (one at
/// least), where a name that begins with it, or that it begins with, counts as that near; none
/// when two are as near.
fn nearest<'a>(given: &str, names: &[&'a str]) -> Option<&'a str> {
    let g = given.trim().as_bytes();
    if g.is_empty() || g.len() > 64 {
        return None;
    }
    let near = (g.len() / 3).max(1);
    let (mut best, mut best_d, mut tie) = (None, usize::MAX, false);
    for &n in names {
        let b = n.as_bytes();
        let prefix = g.len() >= 3 && b.len() >= 3 && (starts(b, g) || starts(g, b));
        let d = edits(g, b).min(if prefix { near } else { usize::MAX });
        if d < best_d {
            (best, best_d, tie) = (Some(n), d, false);
        } else if d == best_d {
            tie = true;
        }
    }
    if best_d <= near && !tie {
        best
    } else {
        None
    }
}

/// Whether `a` begins with `b`, case aside.
fn starts(a: &[u8], b: &[u8]) -> bool {
    a.len() >= b.len() && a[..b.len()].eq_ignore_ascii_case(b)
}

/// The Levenshtein distance between `a` (at most 64 bytes) and `b`, case aside.
fn edits(a: &[u8], b: &[u8]) -> usize {
    let mut row = [0usize; 65];
    for (j, r) in row.iter_mut().enumerate() {
        *r = j;
    }
    for (i, ca) in b.iter().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in a.iter().enumerate() {
            let next = (diagonal + usize::from(!ca.eq_ignore_ascii_case(cb)))
                .min(row[j] + 1)
                .min(row[j + 1] + 1);
            diagonal = row[j + 1];
            row[j + 1] = next;
        }
    }
    row[a.len()]
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

    #[test]
    fn an_unknown_option_or_value_suggests_the_nearest_name_when_one_stands_out() {
        let first = |options: &[(&str, &str)]| {
            let parsed = crate::config::parse(options.iter().copied(), None);
            parsed.result.unwrap_err().remove(0)
        };
        let explorer = |k, v| first(&[("nndl", "explorer"), (k, v)]).message(Lang::En);
        let m = explorer("view", "sped");
        assert!(m.ends_with(" Did you mean data-view=\"speed\"?"), "{m}");
        let m = explorer("cost", "Cross_Entropy");
        assert!(
            m.ends_with("Did you mean data-cost=\"cross-entropy\"?"),
            "{m}"
        );
        let m = explorer("eta-quadratc", "1");
        assert!(m.ends_with("Did you mean data-eta-quadratic?"), "{m}");
        let m = explorer("view", "surf");
        assert!(m.ends_with("Did you mean data-view=\"surface\"?"), "{m}");
        // Nothing near, or two as near: no guess.
        assert!(!explorer("view", "banana").contains("Did you mean"));
        let m = first(&[("nndl", "neuron"), ("preset", "saturation5")]).message(Lang::En);
        assert!(!m.contains("Did you mean"), "{m}");
        let m = first(&[("nndl", "nueron")]).message(Lang::Zh);
        assert!(m.ends_with("是不是想写 data-nndl=\"neuron\"？"), "{m}");
        // In a link, as a link writes it.
        let e = crate::config::OptionError {
            place: Place::Named,
            ..first(&[("nndl", "explorer"), ("view", "sped")])
        };
        assert!(e
            .message(Lang::En)
            .ends_with("Did you mean view=\"speed\"?"));
    }
}
