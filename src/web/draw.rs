//! What a neuron widget's canvas shows: the neuron with its input, output, w and b (top), and the
//! cost against epoch on real axes with a marker at the current epoch (bottom).

use crate::cost::Cost;
use crate::i18n::Lang;
use crate::neuron::Snapshot;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters_canvas::CanvasBackend;

/// The canvas's height in CSS pixels, and the part of it the neuron takes.
pub const HEIGHT: f64 = 300.0;
const NEURON_BAND: f64 = 112.0;

/// The canvas's colours, for the page's light or dark scheme. The costs' colours are from the
/// Okabe–Ito palette, which colour-blind readers can tell apart.
pub struct Palette {
    background: RGBColor,
    ink: RGBColor,
    muted: RGBColor,
    grid: RGBColor,
    quadratic: RGBColor,
    cross_entropy: RGBColor,
}

pub const LIGHT: Palette = Palette {
    background: RGBColor(255, 255, 255),
    ink: RGBColor(34, 34, 34),
    muted: RGBColor(100, 100, 100),
    grid: RGBColor(226, 226, 226),
    quadratic: RGBColor(0, 114, 178),
    cross_entropy: RGBColor(213, 94, 0),
};

pub const DARK: Palette = Palette {
    background: RGBColor(30, 30, 30),
    ink: RGBColor(235, 235, 235),
    muted: RGBColor(170, 170, 170),
    grid: RGBColor(64, 64, 64),
    quadratic: RGBColor(86, 180, 233),
    cross_entropy: RGBColor(230, 159, 0),
};

impl Palette {
    pub fn cost(&self, cost: Cost) -> RGBColor {
        match cost {
            Cost::Quadratic => self.quadratic,
            Cost::CrossEntropy => self.cross_entropy,
        }
    }
}

/// Everything one frame draws.
pub struct Frame<'a> {
    pub snapshot: Snapshot,
    pub x: f64,
    pub y: f64,
    pub cost: Cost,
    pub epochs: u32,
    /// (epoch, cost) points up to the current epoch.
    pub history: &'a [(u32, f64)],
    pub cost_max: f64,
    pub lang: Lang,
    pub palette: &'a Palette,
}

type Area = DrawingArea<CanvasBackend, Shift>;

fn err(e: impl std::fmt::Display) -> String {
    format!("drawing failed: {e}")
}

/// Draws a frame onto the whole canvas; `ratio` is the device pixel ratio the canvas was sized by.
pub fn draw(canvas: CanvasBackend, ratio: f64, frame: &Frame) -> Result<(), String> {
    let root = canvas.into_drawing_area();
    root.fill(&frame.palette.background).map_err(err)?;
    let band = (NEURON_BAND * ratio) as u32;
    let (top, bottom) = root.split_vertically(band);
    draw_neuron(&top, ratio, frame)?;
    draw_cost(&bottom, ratio, frame)?;
    root.present().map_err(err)
}

fn font(ratio: f64, size: f64, colour: RGBColor) -> TextStyle<'static> {
    ("sans-serif", size * ratio).into_font().color(&colour)
}

fn px(ratio: f64, v: f64) -> i32 {
    (v * ratio).round() as i32
}

/// A line from `from` to `to` with an arrowhead at `to`.
fn arrow(
    area: &Area,
    ratio: f64,
    ink: RGBColor,
    from: (i32, i32),
    to: (i32, i32),
) -> Result<(), String> {
    let style = ShapeStyle::from(&ink).stroke_width((1.5 * ratio).round().max(1.0) as u32);
    area.draw(&PathElement::new(vec![from, to], style))
        .map_err(err)?;
    let head = px(ratio, 7.0);
    let half = px(ratio, 4.0);
    area.draw(&Polygon::new(
        vec![to, (to.0 - head, to.1 - half), (to.0 - head, to.1 + half)],
        ink.filled(),
    ))
    .map_err(err)
}

/// A value's bar: a zero line with a bar to the right (positive) or left (negative) whose length
/// shows |v| on a scale where 4 fills the half-width.
fn bar(
    area: &Area,
    ratio: f64,
    p: &Palette,
    centre: (i32, i32),
    v: f64,
    colour: RGBColor,
) -> Result<(), String> {
    let half = px(ratio, 40.0);
    let h = px(ratio, 4.0);
    let len = ((v / 4.0).clamp(-1.0, 1.0) * f64::from(half)).round() as i32;
    area.draw(&Rectangle::new(
        [
            (centre.0 - half, centre.1 - h),
            (centre.0 + half, centre.1 + h),
        ],
        p.grid.filled(),
    ))
    .map_err(err)?;
    let (a, b) = if len >= 0 {
        (centre.0, centre.0 + len)
    } else {
        (centre.0 + len, centre.0)
    };
    area.draw(&Rectangle::new(
        [(a, centre.1 - h), (b, centre.1 + h)],
        colour.filled(),
    ))
    .map_err(err)?;
    area.draw(&PathElement::new(
        vec![(centre.0, centre.1 - 2 * h), (centre.0, centre.1 + 2 * h)],
        ShapeStyle::from(&p.ink).stroke_width(ratio.round().max(1.0) as u32),
    ))
    .map_err(err)
}

fn draw_neuron(area: &Area, ratio: f64, f: &Frame) -> Result<(), String> {
    let (w, _) = area.dim_in_pixel();
    let width = f64::from(w) / ratio;
    let s = &f.snapshot;
    let p = f.palette;
    let words = f.lang.words();
    let cx = px(ratio, width * 0.5);
    let cy = px(ratio, 36.0);
    let r = px(ratio, 20.0);
    // The arrows shrink on narrow widgets so that the labels beside them still fit.
    let gap = px(ratio, (width * 0.12).clamp(30.0, 64.0));
    let below = px(ratio, 17.0);
    let left = Pos::new(HPos::Right, VPos::Center);
    let right = Pos::new(HPos::Left, VPos::Center);
    let (lx, rx) = (cx - r - gap - px(ratio, 6.0), cx + r + gap + px(ratio, 6.0));

    area.draw(&Text::new(
        format!("x = {}", short(f.x)),
        (lx, cy),
        font(ratio, 15.0, p.ink).pos(left),
    ))
    .map_err(err)?;
    area.draw(&Text::new(
        words.input,
        (lx, cy + below),
        font(ratio, 12.0, p.muted).pos(left),
    ))
    .map_err(err)?;
    arrow(
        area,
        ratio,
        p.ink,
        (cx - r - gap, cy),
        (cx - r - px(ratio, 2.0), cy),
    )?;
    area.draw(&Circle::new((cx, cy), r, p.cost(f.cost).mix(0.12).filled()))
        .map_err(err)?;
    area.draw(&Circle::new(
        (cx, cy),
        r,
        ShapeStyle::from(&p.ink).stroke_width((1.5 * ratio).round().max(1.0) as u32),
    ))
    .map_err(err)?;
    area.draw(&Text::new(
        "σ",
        (cx, cy),
        font(ratio, 16.0, p.ink).pos(Pos::new(HPos::Center, VPos::Center)),
    ))
    .map_err(err)?;
    arrow(
        area,
        ratio,
        p.ink,
        (cx + r + px(ratio, 2.0), cy),
        (cx + r + gap, cy),
    )?;
    area.draw(&Text::new(
        format!("a = {:.3}", s.a),
        (rx, cy),
        font(ratio, 15.0, p.ink).pos(right),
    ))
    .map_err(err)?;
    area.draw(&Text::new(
        format!("{} y = {}", words.target, short(f.y)),
        (rx, cy + below),
        font(ratio, 12.0, p.muted).pos(right),
    ))
    .map_err(err)?;

    // w and b, each a value over its bar.
    let colour = p.cost(f.cost);
    let centred = Pos::new(HPos::Center, VPos::Center);
    for (label, v, x) in [("w", s.w, 0.3), ("b", s.b, 0.7)] {
        let x = px(ratio, width * x);
        area.draw(&Text::new(
            format!("{label} = {v:+.3}"),
            (x, px(ratio, 76.0)),
            font(ratio, 14.0, p.ink).pos(centred),
        ))
        .map_err(err)?;
        bar(area, ratio, p, (x, px(ratio, 96.0)), v, colour)?;
    }
    Ok(())
}

/// A number as people write it: "1", "0.5", "-1.25".
fn short(v: f64) -> String {
    let s = format!("{v:.3}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" {
        "0".into()
    } else {
        s.into()
    }
}

/// At most this many points of the history are drawn per CSS pixel of plot width.
const POINTS_PER_PIXEL: usize = 2;

fn draw_cost(area: &Area, ratio: f64, f: &Frame) -> Result<(), String> {
    let p = f.palette;
    let y_max = if f.cost_max > 0.0 {
        f.cost_max * 1.08
    } else {
        1.0
    };
    let x_max = f64::from(f.epochs.max(1));
    let mut chart = ChartBuilder::on(area)
        .margin_left(px(ratio, 8.0) as u32)
        .margin_right(px(ratio, 18.0) as u32)
        .margin_top(px(ratio, 6.0) as u32)
        .margin_bottom(px(ratio, 6.0) as u32)
        .x_label_area_size(px(ratio, 34.0) as u32)
        .y_label_area_size(px(ratio, 58.0) as u32)
        .build_cartesian_2d(0.0..x_max, 0.0..y_max)
        .map_err(err)?;
    chart
        .configure_mesh()
        .light_line_style(TRANSPARENT)
        .bold_line_style(p.grid)
        .axis_style(p.muted)
        .label_style(font(ratio, 11.0, p.ink))
        .axis_desc_style(font(ratio, 12.0, p.ink))
        .x_desc(f.lang.words().epoch_axis)
        .y_desc(f.lang.cost_axis(f.cost))
        .x_labels(6)
        .y_labels(5)
        .x_label_formatter(&|v| epoch_tick(*v))
        .y_label_formatter(&|v| tick(*v, y_max))
        .draw()
        .map_err(err)?;

    let colour = p.cost(f.cost);
    let plot_width = (chart.plotting_area().dim_in_pixel().0 as f64 / ratio) as usize;
    let stride = (f.history.len() / (plot_width * POINTS_PER_PIXEL).max(1)).max(1);
    let (e, c) = (f64::from(f.snapshot.epoch), f.snapshot.cost);
    // The curve runs through the kept points to the current state.
    let points = f
        .history
        .iter()
        .step_by(stride)
        .map(|&(epoch, cost)| (f64::from(epoch), cost))
        .chain(std::iter::once((e, c)));
    chart
        .draw_series(LineSeries::new(
            points,
            ShapeStyle::from(&colour).stroke_width((2.0 * ratio).round() as u32),
        ))
        .map_err(err)?;

    // The marker: the current epoch on the x axis, and the current cost.
    chart
        .draw_series(std::iter::once(PathElement::new(
            vec![(e, 0.0), (e, c)],
            ShapeStyle::from(&colour.mix(0.5)).stroke_width(ratio.round().max(1.0) as u32),
        )))
        .map_err(err)?;
    chart
        .draw_series(std::iter::once(Circle::new(
            (e, c),
            px(ratio, 4.5) as u32,
            colour.filled(),
        )))
        .map_err(err)?;
    chart
        .draw_series(std::iter::once(TriangleMarker::new(
            (e, 0.0),
            px(ratio, 6.0) as u32,
            p.ink.filled(),
        )))
        .map_err(err)?;
    Ok(())
}

/// An x tick label: whole epochs, in thousands ("250k") or millions ("2.5M") on long runs.
fn epoch_tick(v: f64) -> String {
    let short = |x: f64, unit: &str| {
        let s = format!("{x:.1}");
        format!("{}{unit}", s.trim_end_matches(".0"))
    };
    if v >= 1e6 {
        short(v / 1e6, "M")
    } else if v >= 1e4 {
        short(v / 1e3, "k")
    } else {
        format!("{v:.0}")
    }
}

/// A y tick label with as many decimals as the axis' scale needs.
fn tick(v: f64, max: f64) -> String {
    let decimals = if max >= 10.0 {
        0
    } else {
        (1.0 - max.log10().floor()).clamp(1.0, 8.0) as usize
    };
    format!("{v:.decimals$}")
}
