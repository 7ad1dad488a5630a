//! Every kind's options, as a table an author's tools can read (the configurator page builds its
//! controls from it). The table is read off the parser itself: the names are those it knows, and
//! what each accepts is what it says when given a value it refuses. So the table can never list an
//! option the parser rejects, or miss one it accepts. Only the defaults are written here, and a
//! test checks each of them against the parser.

use super::reader::{Accepted, Range};
use super::{parse, ExplorerConfig, Kind, MnistConfig, MultilayerConfig, NeuronConfig, Setting};
use serde::Serialize;

/// What an option accepts.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "kebab-case")]
pub enum Accepts {
    /// A number from `min` to `max` (`min` itself excluded when `min_excluded`); a whole one if
    /// `whole`.
    #[serde(rename_all = "camelCase")]
    Number {
        min: f64,
        max: f64,
        min_excluded: bool,
        whole: bool,
    },
    /// One of these values.
    OneOf { values: Vec<&'static str> },
    /// A comma-separated list of these values.
    ListOf { values: Vec<&'static str> },
    /// Words of the author's, up to `max_chars` characters.
    #[serde(rename_all = "camelCase")]
    Text { max_chars: usize },
}

/// One row of the table.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct OptionInfo {
    /// The option's name, without `data-`.
    pub name: &'static str,
    pub accepts: Accepts,
    /// What the widget uses when the option is not given, as the option would write it; none
    /// where that depends on the page (the language) or where nothing is the default (a preset).
    pub default: Option<String>,
    /// Whether an explorer's shared link carries it.
    pub in_link: bool,
}

/// A value no option accepts as a number, a name or a list of names.
const ODD: &str = "\u{1}";

/// The errors the parser gives `kind`'s options `options`.
fn errors(kind: Kind, options: &[(&str, &str)]) -> Vec<super::OptionError> {
    let mut all = vec![("nndl", kind.name())];
    all.extend_from_slice(options);
    parse(all, None).result.err().unwrap_or_default()
}

/// The option names the parser knows for `kind` (`nndl` among them): it names them when it
/// meets one it does not know.
fn known_names(kind: Kind) -> Vec<&'static str> {
    errors(kind, &[("\u{1}-unknown", "")])
        .into_iter()
        .find_map(|e| match e.accepted {
            Accepted::Options(names) => Some(names),
            _ => None,
        })
        .unwrap_or_default()
}

/// The options of `kind`, in the parser's order, with what each accepts and its default.
pub fn option_table(kind: Kind) -> Vec<OptionInfo> {
    let defaults = defaults(kind);
    known_names(kind)
        .into_iter()
        .filter(|n| *n != "nndl")
        .filter_map(|name| {
            let accepts = accepts(kind, name)?;
            Some(OptionInfo {
                name,
                accepts,
                default: defaults
                    .iter()
                    .find(|(n, _)| *n == name)
                    .map(|(_, v)| v.clone()),
                in_link: kind == Kind::Explorer
                    && Setting::from_name(name).is_some_and(|s| s.spec().in_link),
            })
        })
        .collect()
}

/// What option `name` of `kind` accepts, from what the parser says of values it refuses.
fn accepts(kind: Kind, name: &'static str) -> Option<Accepts> {
    let said = |value: &str| {
        errors(kind, &[(name, value)])
            .into_iter()
            .filter(|e| e.option == name)
            .collect::<Vec<_>>()
    };
    let odd = said(ODD);
    let Some(first) = odd.first() else {
        // Any short text will do: words, whose longest is what the parser refuses.
        let long = "x".repeat(10_000);
        return match said(&long).first()?.accepted {
            Accepted::Text(max_chars) => Some(Accepts::Text { max_chars }),
            _ => None,
        };
    };
    Some(match &first.accepted {
        Accepted::Range(range) => {
            let (min, max, min_excluded, whole) = match *range {
                Range::Closed(lo, hi) => (lo, hi, false, false),
                Range::Positive(max) => (0.0, max, true, false),
                Range::Whole(lo, hi) => (f64::from(lo), f64::from(hi), false, true),
            };
            Accepts::Number {
                min,
                max,
                min_excluded,
                whole,
            }
        }
        Accepted::OneOf(values) => {
            // A list's items are checked one by one: two odd items give two errors, each naming
            // its item alone.
            let list = said(&format!("{ODD},{ODD}")).iter().all(|e| e.value == ODD);
            let values = values.clone();
            if list {
                Accepts::ListOf { values }
            } else {
                Accepts::OneOf { values }
            }
        }
        _ => return None,
    })
}

/// Each option's default, as the option would write it.
fn defaults(kind: Kind) -> Vec<(&'static str, String)> {
    let mut d: Vec<(&'static str, String)> = vec![("theme", "auto".into())];
    match kind {
        Kind::Neuron => {
            let c = NeuronConfig::default();
            let s = c.setup;
            d.extend([
                ("cost", s.cost.name().into()),
                ("rule", s.rule.name().into()),
                ("w", s.w.to_string()),
                ("b", s.b.to_string()),
                ("eta", s.eta.to_string()),
                ("x", s.x.to_string()),
                ("y", s.y.to_string()),
                ("epochs", c.epochs.to_string()),
                ("speed", c.speed.to_string()),
            ]);
        }
        Kind::Explorer => {
            let c = ExplorerConfig::default();
            d.extend(
                Setting::ALL
                    .into_iter()
                    .filter(|s| *s != Setting::Preset)
                    .map(|s| (s.name(), c.text(s))),
            );
            d.push(("hide", String::new()));
        }
        Kind::Multilayer => {
            let c = MultilayerConfig::default();
            d.extend([
                ("eta", c.demo.eta.to_string()),
                ("epochs", c.demo.epochs.to_string()),
                ("seed", c.demo.seed.to_string()),
                ("speed", c.speed.to_string()),
            ]);
        }
        Kind::Mnist => d.extend(MnistConfig::default().pairs()),
    }
    d
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Problem;

    fn accepted(kind: Kind, name: &str, value: &str) -> bool {
        errors(kind, &[(name, value)]).is_empty()
    }

    #[test]
    fn every_kind_has_its_options_and_every_default_is_the_parsers() {
        for kind in Kind::ALL {
            let table = option_table(kind);
            let names: Vec<_> = table.iter().map(|o| o.name).collect();
            // Every name the parser knows has its row (none dropped for want of a reading).
            let known = known_names(kind);
            assert_eq!(
                names.len() + 1,
                known.len(),
                "{kind:?}: {names:?} of {known:?}"
            );
            for common in ["lang", "theme"] {
                assert!(names.contains(&common), "{kind:?}: {names:?}");
            }
            let plain = parse([("nndl", kind.name())], None).result;
            for o in &table {
                let Some(d) = &o.default else { continue };
                let given = parse([("nndl", kind.name()), (o.name, d.as_str())], None).result;
                assert_eq!(given, plain, "{kind:?} {}={d}", o.name);
            }
        }
        let explorer = option_table(Kind::Explorer);
        let view = explorer.iter().find(|o| o.name == "view").unwrap();
        assert_eq!(
            view.accepts,
            Accepts::OneOf {
                values: vec!["race", "speed", "surface", "sigma"]
            }
        );
        assert!(view.in_link);
        let hide = explorer.iter().find(|o| o.name == "hide").unwrap();
        assert!(matches!(&hide.accepts, Accepts::ListOf { values } if values.contains(&"share")));
        let eta = explorer.iter().find(|o| o.name == "eta").unwrap();
        assert!(!eta.in_link && eta.default.as_deref() == Some("0.15"));
    }

    /// Each row, tried on the parser: its ends, its choices and its lists are accepted, and what
    /// lies just beyond them is refused.
    #[test]
    fn the_parser_accepts_what_the_table_says_and_refuses_the_rest() {
        let mut rows = 0;
        for kind in Kind::ALL {
            for o in option_table(kind) {
                rows += 1;
                let yes = |v: &str| assert!(accepted(kind, o.name, v), "{kind:?} {}={v}", o.name);
                let no = |v: &str| assert!(!accepted(kind, o.name, v), "{kind:?} {}={v}", o.name);
                match &o.accepts {
                    Accepts::Number {
                        min,
                        max,
                        min_excluded,
                        whole,
                    } => {
                        yes(&max.to_string());
                        no(&(max * 1.01 + 1.0).to_string());
                        if *min_excluded {
                            no(&min.to_string());
                            yes(&(max.min(1.0) / 2.0).to_string());
                        } else {
                            yes(&min.to_string());
                            no(&(min - 1.0 - min.abs() * 0.01).to_string());
                        }
                        if *whole {
                            no(&(min + 0.5).to_string());
                        }
                        no("zz");
                    }
                    Accepts::OneOf { values } => {
                        values.iter().for_each(|v| yes(v));
                        no(&format!("{}x", values[0]));
                    }
                    Accepts::ListOf { values } => {
                        yes(&values.join(","));
                        no(&format!("{},{}x", values[0], values[0]));
                    }
                    Accepts::Text { max_chars } => {
                        yes(&"字".repeat(*max_chars));
                        no(&"字".repeat(max_chars + 1));
                    }
                }
            }
        }
        assert!(rows > 40, "{rows} rows");
    }

    /// An option of another kind, or a name near one, is refused as unknown: the table lists
    /// every name the parser knows, and no other.
    #[test]
    fn names_outside_the_table_are_unknown_options() {
        let every: Vec<&str> = Kind::ALL
            .into_iter()
            .flat_map(|k| option_table(k).into_iter().map(|o| o.name))
            .collect();
        for kind in Kind::ALL {
            let table = option_table(kind);
            for name in every.iter().chain(&["speeds", "hidden-layer", "label"]) {
                if table.iter().any(|o| o.name == *name) {
                    continue;
                }
                let e = errors(kind, &[(name, "1")]);
                assert!(
                    e.iter()
                        .any(|e| e.option == *name && e.problem == Problem::UnknownOption),
                    "{kind:?} {name}: {e:?}"
                );
            }
        }
    }
}
