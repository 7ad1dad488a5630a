//! What the explorer's canvas shows in each of its views. Everything is drawn each frame but the
//! cost surfaces' heatmaps, which are worked out only when their window changes.

use crate::config::ChartShows;
use crate::cost::{sigmoid_prime, Cost};
use crate::explorer::{Explorer, Racer};
use crate::i18n::Lang;
use crate::neuron::Snapshot;
use crate::plot;
use crate::surface::{max_difference, sigma_identity, Window};
use crate::web::draw::{self, err, font, line_width, Area, Palette};
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// Height in CSS pixels of one chart panel.
pub const PANEL: f64 = 250.0;
/// The widest a cost-surface panel is drawn.
const SURFACE_MAX: f64 = 420.0;
/// Cells per side of a cost surface's grid.
pub const GRID: usize = 96;
/// The range of z the σ′ exercise plots.
pub const SIGMA_Z: (f64, f64) = (-10.0, 10.0);
pub const SIGMA_POINTS: usize = 401;

/// How the canvas is drawn this frame: its device pixel ratio, colours and words.
#[derive(Clone, Copy)]
pub struct Look<'a> {
    pub ratio: f64,
    pub p: &'a Palette,
    pub lang: Lang,
    /// The least possible cost's label: ours, or the page's.
    pub minimum: &'a str,
}

/// The panels of a view, in rows and columns, for a canvas `width` CSS pixels wide; and the
/// canvas's height.
pub fn layout(
    view: crate::config::View,
    shows: ChartShows,
    racers: usize,
    width: f64,
) -> (usize, usize, f64) {
    use crate::config::View;
    match view {
        View::Race => {
            let rows = if shows == ChartShows::Both { 2 } else { 1 };
            (rows, 1, PANEL * rows as f64)
        }
        View::Speed => {
            if width >= 660.0 {
                (1, 3, PANEL)
            } else {
                (3, 1, PANEL * 3.0)
            }
        }
        View::Surface => {
            let n = racers.max(1);
            if width / n as f64 >= 260.0 {
                (1, n, (width / n as f64).min(SURFACE_MAX))
            } else {
                (n, 1, width.min(SURFACE_MAX) * n as f64)
            }
        }
        View::Sigma => (1, 1, PANEL + 30.0),
    }
}

/// The panels' areas, row by row.
pub fn panels(root: &Area, rows: usize, cols: usize) -> Vec<Area> {
    root.split_evenly((rows, cols))
}

fn stroke(colour: RGBColor, ratio: f64, width: f64) -> ShapeStyle {
    ShapeStyle::from(&colour).stroke_width(line_width(ratio, width))
}

/// A legend in the plot's top-right corner, one entry per row, right-aligned (so that no text
/// needs measuring): a short line in each entry's colour (dashed if so marked) after its name.
fn legend(
    area: &Area,
    ratio: f64,
    p: &Palette,
    top_right: (i32, i32),
    entries: &[(String, RGBColor, bool)],
) -> Result<(), String> {
    let px = |v: f64| (v * ratio).round() as i32;
    // `top_right` is in the canvas's pixels, the drawing in the area's.
    let (x0, y0) = area.get_base_pixel();
    let (x, mut y) = (top_right.0 - x0 - px(6.0), top_right.1 - y0 + px(10.0));
    for (name, colour, dashed) in entries {
        let line_end = x;
        let line_start = x - px(22.0);
        // The backdrop's width, estimated without measuring.
        let text_width = text_width(name);
        area.draw(&Rectangle::new(
            [
                (line_start - px(4.0) - px(text_width), y - px(8.0)),
                (x + px(3.0), y + px(8.0)),
            ],
            p.background.mix(0.75).filled(),
        ))
        .map_err(err)?;
        if *dashed {
            for k in 0..3 {
                let a = line_start + k * px(8.0);
                area.draw(&PathElement::new(
                    vec![(a, y), (a + px(5.0), y)],
                    stroke(*colour, ratio, 2.0),
                ))
                .map_err(err)?;
            }
        } else {
            area.draw(&PathElement::new(
                vec![(line_start, y), (line_end, y)],
                stroke(*colour, ratio, 2.5),
            ))
            .map_err(err)?;
        }
        area.draw(&Text::new(
            name.clone(),
            (line_start - px(5.0), y),
            font(ratio, 12.0, p.ink).pos(Pos::new(HPos::Right, VPos::Center)),
        ))
        .map_err(err)?;
        y += px(17.0);
    }
    Ok(())
}

/// The width and height of a [`legend`], in the canvas's pixels (its words' widths estimated as
/// it does).
fn legend_size(ratio: f64, entries: &[(String, RGBColor, bool)]) -> (f64, f64) {
    let widest = entries
        .iter()
        .map(|(name, _, _)| text_width(name))
        .fold(0.0, f64::max);
    let rows = entries.len() as f64;
    ((widest + 40.0) * ratio, (rows * 17.0 + 6.0) * ratio)
}

/// A label's width in CSS pixels at 12 px, estimated without measuring: wider for CJK characters.
fn text_width(name: &str) -> f64 {
    name.chars()
        .map(|c| if (c as u32) >= 0x2E80 { 12.5 } else { 7.0 })
        .sum()
}

/// The points of a racer's path to draw: thinned to the plot's width, ending at the current state.
fn thinned(r: &Racer, plot_px: f64) -> Vec<Snapshot> {
    plot::thinned(&r.path().collect::<Vec<_>>(), plot_px)
}

/// Each raced cost's path, thinned for a panel `area` wide: worked out once per frame for all
/// of a view's panels.
fn paths(run: &Explorer, area: Option<&Area>, ratio: f64) -> Vec<(Cost, Vec<Snapshot>)> {
    let width = area.map_or(400.0, |a| f64::from(a.dim_in_pixel().0) / ratio);
    run.racers()
        .iter()
        .map(|r| (r.cost, thinned(r, width)))
        .collect()
}

/// What a chart plots of each state.
type Value<'a> = &'a dyn Fn(&Snapshot) -> f64;

/// One chart over epochs, with a line per racer of `value(snapshot)`, and extra horizontal levels
/// (dashed) as (value, colour, legend name).
#[allow(clippy::too_many_arguments)]
fn epoch_chart(
    area: &Area,
    ratio: f64,
    p: &Palette,
    lang: Lang,
    title: &str,
    epochs: u32,
    paths: &[(Cost, Vec<Snapshot>)],
    value: Value,
    log: bool,
    floor: f64,
    levels: &[(f64, RGBColor, String)],
    with_legend: bool,
) -> Result<(), String> {
    let all = paths
        .iter()
        .flat_map(|(_, path)| path)
        .map(value)
        .chain(levels.iter().map(|l| l.0));
    let (lo, hi) = plot::y_range(all, log, floor);
    let x_title = lang.words().epoch_axis;
    let epochs = f64::from(epochs.max(1));
    let mut entries: Vec<(String, RGBColor, bool)> = paths
        .iter()
        .map(|(cost, _)| (lang.racer_name(*cost), p.cost(*cost), false))
        .collect();
    entries.extend(levels.iter().map(|(_, c, name)| (name.clone(), *c, true)));
    // The same drawing on a linear or a log axis.
    // The same curves on a log or a linear y axis, whose types differ.
    macro_rules! plot {
        ($y:expr, $tick:expr) => {{
            let mut chart = draw::epoch_panel(area, ratio, p, title, x_title, epochs, $y, $tick)?;
            for (cost, path) in paths {
                let colour = p.cost(*cost);
                let points = path
                    .iter()
                    .map(|s| (f64::from(s.epoch), value(s)))
                    .filter(|(_, v)| v.is_finite() && (!log || *v > 0.0));
                chart
                    .draw_series(LineSeries::new(points, stroke(colour, ratio, 2.0)))
                    .map_err(err)?;
                if let Some(s) = path.last() {
                    let v = value(s);
                    if v.is_finite() && (!log || v > 0.0) {
                        chart
                            .draw_series(std::iter::once(Circle::new(
                                (f64::from(s.epoch), v),
                                (4.0 * ratio) as u32,
                                colour.filled(),
                            )))
                            .map_err(err)?;
                    }
                }
            }
            // The levels go over the curves, which may lie on them.
            for (level, colour, _) in levels {
                if log && *level <= 0.0 {
                    continue;
                }
                chart
                    .draw_series(DashedLineSeries::new(
                        [(0.0, *level), (epochs, *level)],
                        (6.0 * ratio) as u32,
                        (4.0 * ratio) as u32,
                        stroke(*colour, ratio, 1.5),
                    ))
                    .map_err(err)?;
            }
            if with_legend {
                // In the plot's top right, unless the curves pass there: then in the corner they
                // cross least (the curves' points and the levels' lines, in the canvas's pixels).
                let (xs, ys) = chart.plotting_area().get_pixel_range();
                let at = |x: f64, y: f64| {
                    let (x, y) = chart.backend_coord(&(x, y));
                    (f64::from(x), f64::from(y))
                };
                let mut lines: Vec<Vec<(f64, f64)>> = paths
                    .iter()
                    .map(|(_, path)| {
                        let values = path.iter().map(|s| (f64::from(s.epoch), value(s)));
                        let shown = values.filter(|(_, v)| v.is_finite() && (!log || *v > 0.0));
                        shown.map(|(e, v)| at(e, v)).collect()
                    })
                    .collect();
                let flat = levels.iter().filter(|l| !log || l.0 > 0.0);
                lines.extend(flat.map(|l| vec![at(0.0, l.0), at(epochs, l.0)]));
                let drawn: Vec<(f64, f64)> = lines
                    .iter()
                    .flat_map(|l| plot::along(l, 3.0 * ratio))
                    .collect();
                let (w, h) = legend_size(ratio, &entries);
                let (l, r) = (f64::from(xs.start), f64::from(xs.end));
                let (t, b) = (f64::from(ys.start), f64::from(ys.end));
                let m = (t + b - h) / 2.0;
                // Right before left, top before bottom.
                let corners = [
                    (r, t),
                    (r, m),
                    (r, b - h),
                    (l + w, t),
                    (l + w, m),
                    (l + w, b - h),
                ];
                let boxes: Vec<_> = corners.iter().map(|&(x, y)| (x - w, y, x, y + h)).collect();
                let (x, y) = corners[plot::least_covered(&boxes, &drawn)];
                legend(area, ratio, p, (x as i32, y as i32), &entries)?;
            }
        }};
    }
    if log {
        plot!((lo..hi).log_scale(), &|v: &f64| plot::log_tick(*v));
    } else {
        plot!(lo..hi, &move |v: &f64| plot::tick(*v, hi));
    }
    Ok(())
}

/// The race: cost and/or output against epoch, both costs on shared axes.
pub fn race(look: Look, areas: &[Area], run: &Explorer) -> Result<(), String> {
    let Look {
        ratio,
        p,
        lang,
        minimum,
    } = look;
    let c = run.started();
    let shown = run.config();
    let w = lang.explorer();
    let paths = paths(run, areas.first(), ratio);
    let mut areas = areas.iter();
    if shown.chart != ChartShows::Output {
        // The least cost each cost can reach, where it is above 0: the binary entropy (64).
        let levels: Vec<(f64, RGBColor, String)> = run
            .racers()
            .iter()
            .filter_map(|r| {
                let h = r.least_cost(c.y)?;
                (h > 0.0).then(|| (h, p.ink, minimum.to_string()))
            })
            .collect();
        if let Some(area) = areas.next() {
            epoch_chart(
                area,
                ratio,
                p,
                lang,
                w.cost_axis,
                c.epochs,
                &paths,
                &|s| s.cost,
                shown.log,
                0.0,
                &levels,
                true,
            )?;
        }
    }
    if shown.chart != ChartShows::Cost {
        if let Some(area) = areas.next() {
            epoch_chart(
                area,
                ratio,
                p,
                lang,
                w.output_axis,
                c.epochs,
                &paths,
                &|s| s.a,
                false,
                1.0,
                &[(c.y, p.ink, w.target.to_string())],
                true,
            )?;
        }
    }
    Ok(())
}

/// The learning speed: |∂C/∂w|, |∂C/∂b| and σ′(z) against epoch.
pub fn speed(look: Look, areas: &[Area], run: &Explorer) -> Result<(), String> {
    let Look { ratio, p, lang, .. } = look;
    let w = lang.explorer();
    let c = run.started();
    let log = run.config().log;
    let paths = paths(run, areas.first(), ratio);
    let charts: [(&str, Value); 3] = [
        (w.dw, &|s| s.dw.abs()),
        (w.db, &|s| s.db.abs()),
        (w.sigma_prime, &|s| sigmoid_prime(s.z)),
    ];
    for (k, (area, (title, value))) in areas.iter().zip(charts).enumerate() {
        epoch_chart(
            area,
            ratio,
            p,
            lang,
            title,
            c.epochs,
            &paths,
            value,
            log,
            0.0,
            &[],
            k == 0,
        )?;
    }
    Ok(())
}

/// A cost-surface panel's chart, over (w, b).
pub type Surface<'a> =
    draw::Panel<'a, plotters::coord::types::RangedCoordf64, plotters::coord::types::RangedCoordf64>;

/// The axes of one cost-surface panel over `window`; returns the chart, whose plotting area the
/// heatmap fills and on which the paths are drawn.
pub fn surface_axes<'a>(
    area: &'a Area,
    ratio: f64,
    p: &Palette,
    title: &str,
    window: &Window,
) -> Result<Surface<'a>, String> {
    let tick = |v: &f64| plot::minus(format!("{v}"));
    let axes = draw::Axes {
        title,
        x_title: "w",
        y_title: Some("b"),
        x_labels: 5,
        x_tick: &tick,
        y_tick: &tick,
        grid: false,
        y_label_width: 40.0,
        // The colour bar beside the title, or in a row of its own where the two do not fit.
        title_band: if bar_fits(area, ratio, title) {
            24.0
        } else {
            40.0
        },
    };
    draw::panel(
        area,
        ratio,
        p,
        &axes,
        window.w.0..window.w.1,
        window.b.0..window.b.1,
    )
}

/// The descent path of a racer on its surface: the path, a ring at the start and a dot at the
/// current point.
pub fn surface_path(
    chart: &mut Surface<'_>,
    ratio: f64,
    p: &Palette,
    r: &Racer,
    window: &Window,
) -> Result<(), String> {
    let colour = p.cost(r.cost);
    let inside = |s: &Snapshot| window.contains(s.w, s.b);
    let points: Vec<(f64, f64)> = thinned(r, 400.0)
        .iter()
        .filter(|s| inside(s))
        .map(|s| (s.w, s.b))
        .collect();
    // A dark outline under the path and the start ring, so that they show on the light and the
    // dark colours of the heatmap alike.
    let dark = RGBColor(20, 20, 20);
    for (colour, width) in [(dark, 5.0), (colour, 3.0)] {
        chart
            .draw_series(LineSeries::new(
                points.iter().copied(),
                stroke(colour, ratio, width),
            ))
            .map_err(err)?;
    }
    if let Some((_, start)) = r.history().first() {
        for (colour, width) in [(dark, 4.0), (RGBColor(255, 255, 255), 2.0)] {
            chart
                .draw_series(std::iter::once(Circle::new(
                    (start.w, start.b),
                    (7.0 * ratio) as u32,
                    stroke(colour, ratio, width),
                )))
                .map_err(err)?;
        }
    }
    let now = r.snapshot();
    if inside(&now) {
        chart
            .draw_series(std::iter::once(Circle::new(
                (now.w, now.b),
                (5.0 * ratio) as u32,
                colour.filled(),
            )))
            .map_err(err)?;
        chart
            .draw_series(std::iter::once(Circle::new(
                (now.w, now.b),
                (5.0 * ratio) as u32,
                stroke(dark, ratio, 1.5),
            )))
            .map_err(err)?;
    }
    Ok(())
}

/// A surface's colour bar's width, and the room for a cost's label at each end, in CSS pixels.
const BAR: f64 = 60.0;
const BAR_LABEL: f64 = 40.0;

/// Whether a surface panel's colour bar (with its two costs) fits in its title's row, beside
/// the title.
fn bar_fits(area: &Area, ratio: f64, title: &str) -> bool {
    let width = f64::from(area.dim_in_pixel().0) / ratio;
    // The title starts after the y labels' band (40 + 8) and is drawn at 13 px; the plot ends
    // 16 px before the panel's right edge.
    // The labels' widths are guessed: 50 px to spare.
    48.0 + text_width(title) * 13.0 / 12.0 + 12.0 + BAR + 2.0 * BAR_LABEL + 50.0 <= width - 16.0
}

/// A surface's colour bar, over the plot's right end (`plot`: the plot's top right corner, in
/// the canvas's pixels), in the title's row or the row under it: the heatmap's colours from the
/// smallest cost on it (dark) to the largest (light), on its log scale, with the two costs at
/// its ends.
pub fn colour_bar(
    area: &Area,
    ratio: f64,
    p: &Palette,
    plot: (i32, i32),
    (lo, hi): (f64, f64),
) -> Result<(), String> {
    let px = |v: f64| (v * ratio).round() as i32;
    let (x0, y0) = area.get_base_pixel();
    let right = plot.0 - x0 - px(BAR_LABEL);
    let left = right - px(BAR);
    let height = px(9.0);
    let top = plot.1 - y0 - px(17.0);
    const STEPS: i32 = 30;
    for i in 0..STEPS {
        let [r, g, b] = plot::colour_of(f64::from(i) / f64::from(STEPS - 1));
        let (x0, x1) = (
            left + (right - left) * i / STEPS,
            left + (right - left) * (i + 1) / STEPS,
        );
        area.draw(&Rectangle::new(
            [(x0, top), (x1, top + height)],
            RGBColor(r, g, b).filled(),
        ))
        .map_err(err)?;
    }
    let middle = top + height / 2;
    for (v, x, side) in [
        (lo, left - px(4.0), HPos::Right),
        (hi, right + px(4.0), HPos::Left),
    ] {
        area.draw(&Text::new(
            plot::minus(plot::rounded(v, 3, false)),
            (x, middle),
            font(ratio, 11.0, p.ink).pos(Pos::new(side, VPos::Center)),
        ))
        .map_err(err)?;
    }
    Ok(())
}

/// The words "not defined" in the middle of a surface panel whose cost is infinite everywhere.
pub fn undefined(area: &Area, ratio: f64, p: &Palette, text: &str) -> Result<(), String> {
    let (w, h) = area.dim_in_pixel();
    area.draw(&Text::new(
        text.to_string(),
        ((w / 2) as i32, (h / 2) as i32),
        font(ratio, 13.0, p.ink).pos(Pos::new(HPos::Center, VPos::Center)),
    ))
    .map_err(err)
}

/// The first exercise: σ′(z) as the slope of σ and σ(z)(1 − σ(z)), over z, with each run's z.
/// Returns the largest difference between the two.
pub fn sigma(look: Look, area: &Area, run: &Explorer) -> Result<f64, String> {
    let Look { ratio, p, lang, .. } = look;
    let w = lang.explorer();
    let points = sigma_identity(SIGMA_Z.0, SIGMA_Z.1, SIGMA_POINTS);
    let axes = draw::Axes {
        title: w.sigma_prime,
        x_title: "z",
        y_title: None,
        x_labels: 11,
        x_tick: &|v| plot::minus(format!("{v:.0}")),
        y_tick: &|v| format!("{v:.2}"),
        grid: true,
        y_label_width: 48.0,
        title_band: 24.0,
    };
    let mut chart = draw::panel(area, ratio, p, &axes, SIGMA_Z.0..SIGMA_Z.1, 0.0..0.27)?;
    let derivative = p.cost(Cost::Swapped);
    chart
        .draw_series(LineSeries::new(
            points.iter().map(|(z, d, _)| (*z, *d)),
            stroke(derivative, ratio, 6.0),
        ))
        .map_err(err)?;
    chart
        .draw_series(DashedLineSeries::new(
            points.iter().map(|(z, _, s)| (*z, *s)),
            (5.0 * ratio) as u32,
            (3.0 * ratio) as u32,
            stroke(p.ink, ratio, 1.5),
        ))
        .map_err(err)?;
    for r in run.racers() {
        let z = r.snapshot().z;
        if (SIGMA_Z.0..=SIGMA_Z.1).contains(&z) {
            chart
                .draw_series(std::iter::once(Circle::new(
                    (z, sigmoid_prime(z)),
                    (5.0 * ratio) as u32,
                    p.cost(r.cost).filled(),
                )))
                .map_err(err)?;
        }
    }
    let (xs, ys) = chart.plotting_area().get_pixel_range();
    legend(
        area,
        ratio,
        p,
        (xs.end, ys.start),
        &[
            (w.sigma_derivative.to_string(), derivative, false),
            (w.sigma_product.to_string(), p.ink, true),
        ],
    )?;
    Ok(max_difference(&points))
}
