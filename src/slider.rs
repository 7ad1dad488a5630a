//! How a slider maps to its setting's value, linearly or on a log scale, and the rounding that
//! gives values as people would type them. Pure, so that it is tested natively.

/// How a slider maps to its setting's value.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Scale {
    /// The slider's value is the setting's, from min to max in steps.
    Linear(f64, f64, f64),
    /// The slider's value is log₁₀ of the setting's; a whole number if the flag is set.
    Log(f64, f64, bool),
}

impl Scale {
    /// The slider's (min, max, step).
    pub fn bounds(self) -> (f64, f64, f64) {
        match self {
            Scale::Linear(lo, hi, step) => (lo, hi, step),
            Scale::Log(lo, hi, _) => (lo, hi, 0.01),
        }
    }

    /// A value the slider can show for the setting's value `v`.
    pub fn position(self, v: f64) -> String {
        match self {
            Scale::Linear(lo, hi, _) => v.clamp(lo, hi).to_string(),
            Scale::Log(lo, hi, _) => v.max(1e-300).log10().clamp(lo, hi).to_string(),
        }
    }

    /// The setting's value for a slider's position, rounded as people would type it. Text that
    /// is not a number is passed on, for the setting to reject.
    pub fn value(self, position: &str) -> String {
        let Ok(p) = position.trim().parse::<f64>() else {
            return position.to_string();
        };
        match self {
            Scale::Linear(_, _, step) => {
                let decimals = (-step.log10()).ceil().max(0.0) as usize;
                let s = format!("{p:.decimals$}");
                s.parse::<f64>().map(|v| v.to_string()).unwrap_or(s)
            }
            Scale::Log(_, _, true) => format!("{}", 10f64.powf(p).round()),
            Scale::Log(_, _, false) => {
                let v = 10f64.powf(p);
                format!("{v:.2e}")
                    .parse::<f64>()
                    .map(|v| v.to_string())
                    .unwrap_or_default()
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Scale;

    #[test]
    fn linear_sliders_round_to_their_step_and_clamp() {
        let s = Scale::Linear(-8.0, 8.0, 0.1);
        assert_eq!(s.value("1.2000000000000002"), "1.2");
        assert_eq!(s.value("-0.30000000000000004"), "-0.3");
        assert_eq!(s.position(12.0), "8");
        assert_eq!(s.position(-2.5), "-2.5");
        assert_eq!(Scale::Linear(0.0, 1.0, 0.01).value("0.255"), "0.26");
    }

    #[test]
    fn log_sliders_give_three_figures_or_whole_numbers() {
        let eta = Scale::Log(-4.0, 1.0, false);
        assert_eq!(eta.value("-0.8239087409443188"), "0.15");
        assert_eq!(eta.value("-2.3"), "0.00501");
        assert_eq!(eta.position(0.01), "-2");
        // Below the slider's range (and at 0, which a log cannot show) it rests at its end.
        assert_eq!(eta.position(1e-9), "-4");
        assert_eq!(eta.position(0.0), "-4");
        let epochs = Scale::Log(1.0, 5.0, true);
        assert_eq!(epochs.value("2.4771212547196626"), "300");
        assert_eq!(epochs.value("3.5"), "3162");
    }

    #[test]
    fn text_that_is_not_a_number_is_passed_on() {
        assert_eq!(Scale::Linear(0.0, 1.0, 0.1).value("abc"), "abc");
        assert_eq!(Scale::Log(0.0, 5.0, false).value(""), "");
    }
}
