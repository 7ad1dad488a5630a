//! The numbers behind the charts and readouts, pure so that they are tested natively: numbers
//! as people read them, axis ranges and tick labels, long curves thinned to the plot's width,
//! and the cost surface's colours. The web layer only draws what these give.

/// A number rounded for people; the full value goes in `data-value` (see [`full`]). Values too
/// small for `decimals` are written in scientific form rather than as 0.
pub fn rounded(v: f64, decimals: usize, sign: bool) -> String {
    if v.is_nan() {
        return "NaN".into();
    }
    if v.is_infinite() {
        return if v > 0.0 { "∞" } else { "−∞" }.into();
    }
    if v != 0.0 && v.abs() < 10f64.powi(-(decimals as i32)) {
        format!("{v:.2e}")
    } else if sign {
        format!("{v:+.decimals$}")
    } else {
        format!("{v:.decimals$}")
    }
}

/// Every digit of a number, in a form JavaScript's `Number()` reads back exactly (also "NaN",
/// "Infinity" and "-Infinity").
pub fn full(v: f64) -> String {
    if v.is_nan() {
        return "NaN".into();
    }
    if v.is_infinite() {
        return if v > 0.0 { "Infinity" } else { "-Infinity" }.into();
    }
    if v == 0.0 || (1e-6..1e15).contains(&v.abs()) {
        format!("{v}")
    } else {
        format!("{v:e}")
    }
}

/// A number as people write it: "1", "0.5", "-1.25".
pub fn short(v: f64) -> String {
    let s = format!("{v:.3}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" {
        "0".into()
    } else {
        s.into()
    }
}

/// A label with a true minus sign.
pub fn minus(text: String) -> String {
    text.replace('-', "\u{2212}")
}

/// An epoch axis's tick: whole epochs, in thousands ("250k") or millions ("2.5M") on long runs.
pub fn epoch_tick(v: f64) -> String {
    let short = |x: f64, unit: &str| {
        let s = format!("{x:.1}");
        // strip_suffix compares bytes; a pattern search (trim_end_matches) would link core's
        // string slicing panic and, through it, its Unicode tables (10 KB of every module).
        format!("{}{unit}", s.strip_suffix(".0").unwrap_or(&s))
    };
    if v >= 1e6 {
        short(v / 1e6, "M")
    } else if v >= 1e4 {
        short(v / 1e3, "k")
    } else {
        format!("{v:.0}")
    }
}

/// A linear axis's tick with as many decimals as an axis up to `max` needs.
pub fn tick(v: f64, max: f64) -> String {
    let decimals = if max >= 10.0 {
        0
    } else {
        (1.0 - max.log10().floor()).clamp(1.0, 8.0) as usize
    };
    format!("{v:.decimals$}")
}

/// A log axis's tick: 0.01, 0.1, 1, 10 as decimals, powers of ten further out as 1e−5.
pub fn log_tick(v: f64) -> String {
    if (1e-3..1e4).contains(&v) {
        let s = format!("{v:.3}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        minus(format!("{v:.0e}"))
    }
}

/// The top of the cost axis for a run whose largest cost so far is `cost_max`: a little above
/// it, so that the axis is redrawn rarely and the curve never touches the frame.
pub fn y_max(cost_max: f64) -> f64 {
    if cost_max > 0.0 && cost_max.is_finite() {
        cost_max * 1.08
    } else {
        1.0
    }
}

/// The y range of a chart over `values`: from 0 (linear) or a little below the smallest
/// positive value (log) to a little above the largest, and at least to `floor`.
pub fn y_range(values: impl Iterator<Item = f64> + Clone, log: bool, floor: f64) -> (f64, f64) {
    let finite = values.filter(|v| v.is_finite());
    let hi = finite.clone().fold(floor, f64::max);
    if log {
        let lo = finite.filter(|v| *v > 0.0).fold(f64::INFINITY, f64::min);
        if lo.is_finite() && hi > 0.0 {
            let lo = lo.max(hi * 1e-300).max(1e-300);
            (lo / 2.0, (hi * 2.0).max(lo))
        } else {
            (1e-6, 1.0)
        }
    } else {
        (0.0, if hi > 0.0 { hi * 1.08 } else { 1.0 })
    }
}

/// At most this many points of a curve are drawn per CSS pixel of plot width.
pub const POINTS_PER_PIXEL: usize = 2;

/// Every how many points of `len` to draw on a plot `plot_px` CSS pixels wide.
pub fn stride(len: usize, plot_px: f64) -> usize {
    (len / ((plot_px.max(0.0) as usize) * POINTS_PER_PIXEL).max(1)).max(1)
}

/// The points of a path to draw on a plot `plot_px` wide: every [`stride`]-th, and always the
/// last (the current state).
pub fn thinned<T: Copy + PartialEq>(path: &[T], plot_px: f64) -> Vec<T> {
    let mut out: Vec<T> = path
        .iter()
        .step_by(stride(path.len(), plot_px))
        .copied()
        .collect();
    if let (Some(last), Some(end)) = (out.last(), path.last()) {
        if last != end {
            out.push(*end);
        }
    }
    out
}

/// A colour for t in [0, 1], dark (small costs) to light (large), after matplotlib's viridis.
pub fn colour_of(t: f64) -> [u8; 3] {
    const STOPS: [[f64; 3]; 6] = [
        [68.0, 1.0, 84.0],
        [65.0, 68.0, 135.0],
        [42.0, 120.0, 142.0],
        [34.0, 168.0, 132.0],
        [122.0, 209.0, 81.0],
        [253.0, 231.0, 37.0],
    ];
    let t = if t.is_finite() {
        t.clamp(0.0, 1.0)
    } else {
        1.0
    };
    let x = t * (STOPS.len() - 1) as f64;
    let i = (x.floor() as usize).min(STOPS.len() - 2);
    let f = x - i as f64;
    let mix = |k: usize| (STOPS[i][k] + (STOPS[i + 1][k] - STOPS[i][k]) * f).round() as u8;
    [mix(0), mix(1), mix(2)]
}

/// The smallest and the largest finite value of a heatmap's `grid`: the ends of its colour
/// scale, which runs from `lo` to `hi` by ln v (see [`heatmap`]); `None` where no value is
/// finite.
pub fn heat_range(grid: &[f64]) -> Option<(f64, f64)> {
    let finite = || grid.iter().copied().filter(|v| v.is_finite());
    let hi = finite().fold(f64::NEG_INFINITY, f64::max);
    let lo = finite().fold(f64::INFINITY, f64::min);
    hi.is_finite().then_some((lo, hi))
}

/// The RGBA pixels of a heatmap of `grid` (row by row), coloured by ln v between its smallest
/// and largest finite values; `None` where no value is finite.
pub fn heatmap(grid: &[f64]) -> Option<Vec<u8>> {
    let (_, max) = heat_range(grid)?;
    let finite = || grid.iter().copied().filter(|v| v.is_finite());
    // ln of a cost that may be 0: floor it far below the largest.
    let tiny = (max.abs() * 1e-12).max(1e-300);
    let ln = |v: f64| (v.max(0.0) + tiny).ln();
    let lo = finite().map(ln).fold(f64::INFINITY, f64::min);
    let hi = ln(max);
    let span = (hi - lo).max(1e-12);
    let mut pixels = Vec::with_capacity(grid.len() * 4);
    for &v in grid {
        let [r, g, b] = colour_of((ln(v) - lo) / span);
        pixels.extend_from_slice(&[r, g, b, 255]);
    }
    Some(pixels)
}

/// The running geometric mean of `points`' values over the last `n` points (fewer at the start):
/// the trend of a jumpy series drawn on a log scale, each point at its own x.
pub fn running_log_mean(points: &[(f64, f64)], n: usize) -> Vec<(f64, f64)> {
    let n = n.max(1);
    let logs: Vec<f64> = points.iter().map(|&(_, v)| v.ln()).collect();
    let mut sum = 0.0;
    points
        .iter()
        .enumerate()
        .map(|(i, &(x, _))| {
            sum += logs[i];
            if i >= n {
                sum -= logs[i - n];
            }
            (x, (sum / (i + 1).min(n) as f64).exp())
        })
        .collect()
}

/// The rows a chart's data table shows of `len` points: at most `most` (and at least two, the
/// first and the last, of two or more points), evenly spread (a table to read, not every epoch
/// of a long run).
pub fn table_rows(len: usize, most: usize) -> impl Iterator<Item = usize> {
    let step = (len.saturating_sub(1))
        .div_ceil(most.saturating_sub(1).max(1))
        .max(1);
    let last = (len > 0 && !(len - 1).is_multiple_of(step)).then(|| len - 1);
    (0..len).step_by(step).chain(last)
}

/// Which of `boxes` (x0, y0, x1, y1, in any one unit) holds the fewest of `points`: the place
/// for a legend that the curves keep away from (the first of the least covered, so a caller lists
/// its favourite first).
pub fn least_covered(boxes: &[(f64, f64, f64, f64)], points: &[(f64, f64)]) -> usize {
    let covered = |&(x0, y0, x1, y1): &(f64, f64, f64, f64)| {
        let inside = |&&(x, y): &&(f64, f64)| x >= x0 && x <= x1 && y >= y0 && y <= y1;
        points.iter().filter(inside).count()
    };
    let counts: Vec<usize> = boxes.iter().map(covered).collect();
    let least = counts.iter().copied().min().unwrap_or(0);
    counts.iter().position(|&c| c == least).unwrap_or(0)
}

/// Points every `step` or less along the polyline through `points` (its corners among them): a
/// line's length, for counting how much of it lies in a box.
pub fn along(points: &[(f64, f64)], step: f64) -> Vec<(f64, f64)> {
    let mut out: Vec<(f64, f64)> = points.first().copied().into_iter().collect();
    for w in points.windows(2) {
        let ((x0, y0), (x1, y1)) = (w[0], w[1]);
        let n = ((x1 - x0).hypot(y1 - y0) / step.max(1e-9))
            .ceil()
            .clamp(1.0, 1e4) as usize;
        for k in 1..=n {
            let t = k as f64 / n as f64;
            out.push((x0 + (x1 - x0) * t, y0 + (y1 - y0) * t));
        }
    }
    out
}

/// The value at `epoch` of a series kept in epoch order, if it was kept.
pub fn value_at(points: &[(u32, f64)], epoch: u32) -> Option<f64> {
    let i = points.binary_search_by_key(&epoch, |p| p.0).ok()?;
    Some(points[i].1)
}

/// A chart's data as the shell shows it in a table: lines of tab-separated cells, first the
/// summary that opens the table, then its caption, its column heads, and its rows (each headed by
/// its first cell). No cell holds a tab or a line break: they are numbers and the widgets' words.
pub struct TableText(String);

impl TableText {
    pub fn new(summary: &str, caption: &str) -> TableText {
        let mut t = TableText(String::new());
        t.row(&[summary]);
        t.row(&[caption]);
        t
    }

    /// The next row: the column heads first, then the data.
    pub fn row(&mut self, cells: &[&str]) {
        for (i, c) in cells.iter().enumerate() {
            debug_assert!(!c.contains(['\t', '\n']), "{c:?}");
            if i > 0 {
                self.0.push('\t');
            } else if !self.0.is_empty() {
                self.0.push('\n');
            }
            self.0.push_str(c);
        }
    }

    pub fn text(self) -> String {
        self.0
    }
}

/// A run's cost curve, in the numbers a sentence about it needs.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Fall {
    /// The cost at the first point and at the last.
    pub from: f64,
    pub to: f64,
    /// The epochs between them.
    pub epochs: u32,
    /// How many epochs the cost stayed above `above`, a tenth of the way down from `from` to
    /// `to`: the plateau of a stalled run (a few epochs for one that learns at once).
    pub stalled: u32,
    pub above: f64,
}

/// The fall of a cost curve given as (epoch, cost) points in epoch order; none for fewer than two
/// points, or a cost that did not fall (or is not finite).
pub fn fall(points: &[(u32, f64)]) -> Option<Fall> {
    let (&(e0, from), &(e1, to)) = (points.first()?, points.last()?);
    if e1 <= e0 || !from.is_finite() || !to.is_finite() || to >= from {
        return None;
    }
    let above = from - 0.1 * (from - to);
    let first_below = points
        .iter()
        .find(|(_, c)| *c <= above)
        .map_or(e1, |(e, _)| *e);
    Some(Fall {
        from,
        to,
        epochs: e1 - e0,
        stalled: first_below - e0,
        above,
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_table_is_lines_of_tab_separated_cells() {
        let mut t = super::TableText::new("Data", "The cost by epoch");
        for row in [["epoch", "cost"], ["0", "0.5"], ["10", "0.25"]] {
            t.row(&row);
        }
        let text = "Data\nThe cost by epoch\nepoch\tcost\n0\t0.5\n10\t0.25";
        assert_eq!(t.text(), text);
    }

    #[test]
    fn the_colour_bar_runs_from_the_smallest_to_the_largest_finite_cost() {
        let grid = [0.5, f64::INFINITY, 0.002, 4.0, f64::NAN];
        assert_eq!(super::heat_range(&grid), Some((0.002, 4.0)));
        assert_eq!(super::heat_range(&[f64::INFINITY]), None);
        // Its ends are the heatmap's darkest and lightest colours.
        let pixels = super::heatmap(&grid).unwrap();
        assert_eq!(pixels[8..11], super::colour_of(0.0));
        assert_eq!(pixels[12..15], super::colour_of(1.0));
    }

    #[test]
    fn a_legend_goes_where_the_curves_are_not() {
        use super::least_covered;
        let corners = [
            (0.6, 0.0, 1.0, 0.3),
            (0.6, 0.7, 1.0, 1.0),
            (0.0, 0.0, 0.4, 0.3),
        ];
        // A curve across the top right: the legend goes below it.
        let curve: Vec<(f64, f64)> = (0..=10).map(|i| (0.5 + 0.05 * f64::from(i), 0.1)).collect();
        assert_eq!(least_covered(&corners, &curve), 1);
        // Nothing anywhere, or as much everywhere: the first.
        assert_eq!(least_covered(&corners, &[]), 0);
        assert_eq!(
            least_covered(&corners, &[(0.8, 0.2), (0.8, 0.8), (0.2, 0.2)]),
            0
        );
    }

    #[test]
    fn points_along_a_line_are_no_further_apart_than_the_step() {
        let line = super::along(&[(0.0, 0.0), (10.0, 0.0), (10.0, 3.0)], 4.0);
        assert_eq!(line.first(), Some(&(0.0, 0.0)));
        assert_eq!(line.last(), Some(&(10.0, 3.0)));
        assert!(line.contains(&(10.0, 0.0)));
        assert!(line
            .windows(2)
            .all(|w| (w[1].0 - w[0].0).hypot(w[1].1 - w[0].1) <= 4.0));
        assert_eq!(line.len(), 1 + 3 + 1);
        assert!(super::along(&[], 4.0).is_empty());
    }

    #[test]
    fn a_value_is_found_by_its_epoch() {
        let points = [(0, 1.0), (2, 0.5), (4, 0.25)];
        assert_eq!(super::value_at(&points, 2), Some(0.5));
        assert_eq!(super::value_at(&points, 4), Some(0.25));
        assert_eq!(super::value_at(&points, 3), None);
        assert_eq!(super::value_at(&[], 0), None);
    }

    #[test]
    fn a_table_shows_evenly_spread_rows_with_the_first_and_last() {
        let table_rows = |len, most| super::table_rows(len, most).collect::<Vec<_>>();
        assert_eq!(table_rows(0, 11), Vec::<usize>::new());
        assert_eq!(table_rows(1, 11), vec![0]);
        assert_eq!(table_rows(5, 11), vec![0, 1, 2, 3, 4]);
        assert_eq!(
            table_rows(301, 11),
            (0..=300).step_by(30).collect::<Vec<_>>()
        );
        // Evenly spread but for the last row, at most `most` rows.
        for (len, most) in [
            (4096, 21),
            (12, 11),
            (1000, 11),
            (302, 11),
            (2, 11),
            (50, 2),
        ] {
            let rows = table_rows(len, most);
            assert!(
                rows.len() <= most && rows.len() >= 2,
                "{len} {most}: {rows:?}"
            );
            assert_eq!(
                (rows[0], *rows.last().unwrap()),
                (0, len - 1),
                "{len} {most}"
            );
            let step = rows[1] - rows[0];
            assert!(rows
                .windows(2)
                .all(|w| w[1] - w[0] == step || w[1] == len - 1));
        }
    }

    #[test]
    fn a_fall_says_how_long_the_cost_stalled() {
        // A plateau: 0.5 for 150 epochs, then down to 0.02 by 300.
        let stalled: Vec<(u32, f64)> = (0..=300)
            .map(|e| {
                (
                    e,
                    if e < 150 {
                        0.5
                    } else {
                        0.5 - 0.48 * f64::from(e - 150) / 150.0
                    },
                )
            })
            .collect();
        let f = fall(&stalled).unwrap();
        assert_eq!((f.from, f.epochs), (0.5, 300));
        assert!((f.to - 0.02).abs() < 1e-12 && (f.above - 0.452).abs() < 1e-12);
        assert_eq!(f.stalled, 165);
        // At once: the first step is already a tenth of the way down.
        let quick = [(0, 4.0), (1, 2.0), (300, 0.01)];
        assert_eq!(fall(&quick).unwrap().stalled, 1);
        assert_eq!(fall(&[(0, 1.0), (10, 2.0)]), None);
        assert_eq!(fall(&[(0, 1.0)]), None);
    }

    #[test]
    fn the_running_mean_of_a_jumpy_series_follows_its_trend() {
        let jumpy: Vec<(f64, f64)> = (0..40)
            .map(|i| (f64::from(i), if i % 2 == 0 { 10.0 } else { 0.1 }))
            .collect();
        let mean = running_log_mean(&jumpy, 10);
        assert_eq!(mean.len(), 40);
        assert!(
            mean[0].0 == 0.0 && (mean[0].1 - 10.0).abs() < 1e-12,
            "{:?}",
            mean[0]
        );
        // Ten alternate values of 10 and 0.1: their geometric mean is 1.
        for &(x, v) in &mean[9..] {
            assert!((v - 1.0).abs() < 1e-12, "{x}: {v}");
        }
        assert!(running_log_mean(&[], 10).is_empty());
    }

    use super::*;

    #[test]
    fn epoch_ticks_shorten_thousands_and_millions() {
        assert_eq!(epoch_tick(0.0), "0");
        assert_eq!(epoch_tick(300.0), "300");
        assert_eq!(epoch_tick(9999.0), "9999");
        assert_eq!(epoch_tick(20_000.0), "20k");
        assert_eq!(epoch_tick(25_500.0), "25.5k");
        assert_eq!(epoch_tick(2_000_000.0), "2M");
        assert_eq!(epoch_tick(1_500_000.0), "1.5M");
    }

    #[test]
    fn numbers_for_people_and_for_scripts() {
        assert_eq!(rounded(0.123456, 3, false), "0.123");
        assert_eq!(rounded(0.5, 2, true), "+0.50");
        assert_eq!(rounded(1e-7, 3, false), "1.00e-7");
        assert_eq!(rounded(f64::NEG_INFINITY, 3, false), "−∞");
        assert_eq!(full(0.1 + 0.2), "0.30000000000000004");
        assert_eq!(full(1e-9), "1e-9");
        assert_eq!(full(f64::INFINITY), "Infinity");
        for v in [0.1 + 0.2, 1e-9, -2.5e20, 123.456] {
            assert_eq!(full(v).parse::<f64>().unwrap(), v);
        }
        assert_eq!(short(-0.0001), "0");
        assert_eq!(short(1.25), "1.25");
        assert_eq!(short(2.0), "2");
    }

    #[test]
    fn ticks() {
        assert_eq!(epoch_tick(300.0), "300");
        assert_eq!(epoch_tick(250_000.0), "250k");
        assert_eq!(epoch_tick(2_500_000.0), "2.5M");
        assert_eq!(epoch_tick(1e7), "10M");
        assert_eq!(tick(0.25, 0.5), "0.25");
        assert_eq!(tick(3.0, 40.0), "3");
        assert_eq!(tick(0.0015, 0.004), "0.0015");
        assert_eq!(log_tick(0.01), "0.01");
        assert_eq!(log_tick(1.0), "1");
        assert_eq!(log_tick(1e-5), "1e\u{2212}5");
    }

    #[test]
    fn ranges_cover_the_values_with_room() {
        assert_eq!(y_max(0.5), 0.54);
        assert_eq!(y_max(f64::NAN), 1.0);
        let (lo, hi) = y_range([0.2, 1.0, f64::INFINITY].into_iter(), false, 0.0);
        assert_eq!((lo, hi), (0.0, 1.08));
        let (lo, hi) = y_range([1e-4, 0.5, 0.0].into_iter(), true, 0.0);
        assert!(lo < 1e-4 && lo > 0.0 && hi > 0.5, "{lo} {hi}");
        assert_eq!(y_range(std::iter::empty(), true, 0.0), (1e-6, 1.0));
        // A floor (the entropy (64)) lifts the top.
        assert!(y_range([0.1].into_iter(), false, 0.6).1 > 0.6);
    }

    #[test]
    fn long_paths_are_thinned_to_the_plot_and_keep_their_end() {
        let path: Vec<u32> = (0..=10_000).collect();
        let t = thinned(&path, 400.0);
        // A whole stride: between one and two times the points the plot asks for.
        assert!(
            t.len() >= POINTS_PER_PIXEL * 400 && t.len() <= 2 * POINTS_PER_PIXEL * 400 + 1,
            "{}",
            t.len()
        );
        assert_eq!(t[0], 0);
        assert_eq!(*t.last().unwrap(), 10_000);
        let short: Vec<u32> = (0..50).collect();
        assert_eq!(thinned(&short, 400.0), short);
        assert_eq!(stride(0, 0.0), 1);
    }

    #[test]
    fn heatmaps_span_dark_to_light_and_skip_infinities() {
        assert_eq!(colour_of(0.0), [68, 1, 84]);
        assert_eq!(colour_of(1.0), [253, 231, 37]);
        assert_eq!(colour_of(f64::NAN), [253, 231, 37]);
        let px = heatmap(&[0.0, 1.0, f64::INFINITY, 100.0]).unwrap();
        assert_eq!(px.len(), 16);
        assert_eq!(&px[..3], &colour_of(0.0));
        assert_eq!(&px[12..15], &colour_of(1.0));
        assert!(px.chunks(4).all(|p| p[3] == 255));
        assert!(heatmap(&[f64::INFINITY; 4]).is_none());
    }
}
