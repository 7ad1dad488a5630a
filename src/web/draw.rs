//! What a neuron widget's canvas shows: the neuron with its input, output, w and b (top), and the
//! cost against epoch on real axes with a marker at the current epoch (bottom).

use crate::cost::Cost;
use crate::i18n::Lang;
use crate::neuron::Snapshot;
use crate::plot::{self, epoch_tick, short, tick};
use plotters::coord::types::RangedCoordf64;
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
    pub background: RGBColor,
    pub ink: RGBColor,
    pub muted: RGBColor,
    pub grid: RGBColor,
    quadratic: RGBColor,
    cross_entropy: RGBColor,
    swapped: RGBColor,
}

/// The palette for the page's light or dark scheme; every widget's charts use it.
pub fn palette(dark: bool) -> &'static Palette {
    if dark {
        &DARK
    } else {
        &LIGHT
    }
}

const LIGHT: Palette = Palette {
    background: RGBColor(255, 255, 255),
    ink: RGBColor(34, 34, 34),
    muted: RGBColor(100, 100, 100),
    grid: RGBColor(226, 226, 226),
    quadratic: RGBColor(0, 114, 178),
    cross_entropy: RGBColor(213, 94, 0),
    swapped: RGBColor(204, 121, 167),
};

const DARK: Palette = Palette {
    background: RGBColor(30, 30, 30),
    ink: RGBColor(235, 235, 235),
    muted: RGBColor(170, 170, 170),
    grid: RGBColor(64, 64, 64),
    quadratic: RGBColor(86, 180, 233),
    cross_entropy: RGBColor(230, 159, 0),
    swapped: RGBColor(204, 121, 167),
};

impl Palette {
    pub fn cost(&self, cost: Cost) -> RGBColor {
        match cost {
            Cost::Quadratic => self.quadratic,
            Cost::CrossEntropy => self.cross_entropy,
            Cost::Swapped => self.swapped,
        }
    }
}

/// What the background layer shows: everything that stays put while a run goes on (the neuron's
/// outline and labels, the axes, ticks and grid). It is drawn again only when this changes.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Scene {
    /// The device pixel ratio the canvas is sized by.
    pub ratio: f64,
    pub dark: bool,
    pub lang: Lang,
    pub cost: Cost,
    /// The learning rate, shown under the neuron.
    pub eta: f64,
    pub x: f64,
    pub y: f64,
    pub epochs: u32,
    /// The top of the cost axis.
    pub y_max: f64,
}

impl Scene {
    fn palette(&self) -> &'static Palette {
        palette(self.dark)
    }
}

pub(super) type Area = DrawingArea<CanvasBackend, Shift>;

pub(super) fn err(e: impl std::fmt::Display) -> String {
    format!("drawing failed: {e}")
}

pub(super) fn font(ratio: f64, size: f64, colour: RGBColor) -> TextStyle<'static> {
    // The family by value: from a name, plotters would lower-case it with Unicode's tables.
    (FontFamily::SansSerif, size * ratio)
        .into_font()
        .color(&colour)
}

fn px(ratio: f64, v: f64) -> i32 {
    (v * ratio).round() as i32
}

pub(super) fn line_width(ratio: f64, css: f64) -> u32 {
    (css * ratio).round().max(1.0) as u32
}

/// The neuron's part of the canvas (top) and the cost chart's (bottom).
fn split(root: &Area, ratio: f64) -> (Area, Area) {
    root.split_vertically((NEURON_BAND * ratio) as u32)
}

/// Where the neuron's parts go, in device pixels, for a canvas `width` CSS pixels wide.
struct NeuronPlaces {
    cx: i32,
    cy: i32,
    r: i32,
    gap: i32,
    below: i32,
    /// The right end of the input's label, the left end of the output's.
    lx: i32,
    rx: i32,
    /// The centres of w's and b's bars, and the height of their labels and bars.
    bars: [i32; 2],
    label_y: i32,
    bar_y: i32,
}

impl NeuronPlaces {
    fn new(area: &Area, ratio: f64) -> NeuronPlaces {
        let width = f64::from(area.dim_in_pixel().0) / ratio;
        let cx = px(ratio, width * 0.5);
        let r = px(ratio, 20.0);
        // The arrows shrink on narrow widgets so that the labels beside them still fit.
        let gap = px(ratio, (width * 0.12).clamp(30.0, 64.0));
        NeuronPlaces {
            cx,
            cy: px(ratio, 36.0),
            r,
            gap,
            below: px(ratio, 17.0),
            lx: cx - r - gap - px(ratio, 6.0),
            rx: cx + r + gap + px(ratio, 6.0),
            bars: [px(ratio, width * 0.3), px(ratio, width * 0.7)],
            label_y: px(ratio, 76.0),
            bar_y: px(ratio, 96.0),
        }
    }
}

/// Draws the background layer onto a whole (offscreen) canvas.
pub fn background(canvas: CanvasBackend, scene: &Scene) -> Result<(), String> {
    let root = canvas.into_drawing_area();
    let p = scene.palette();
    root.fill(&p.background).map_err(err)?;
    let (top, bottom) = split(&root, scene.ratio);
    neuron_background(&top, scene)?;
    let chart = chart(&bottom, scene)?;
    let y_max = scene.y_max;
    let ratio = scene.ratio;
    let mut chart = chart;
    chart
        .configure_mesh()
        .light_line_style(TRANSPARENT)
        .bold_line_style(p.grid)
        .axis_style(p.muted)
        .label_style(font(ratio, 11.0, p.ink))
        .axis_desc_style(font(ratio, 12.0, p.ink))
        .x_desc(scene.lang.words().epoch_axis)
        .y_desc(scene.lang.cost_axis(scene.cost))
        .x_labels(6)
        .y_labels(5)
        .x_label_formatter(&|v| epoch_tick(*v))
        .y_label_formatter(&|v| tick(*v, y_max))
        .draw()
        .map_err(err)?;
    root.present().map_err(err)
}

/// Draws what changes every epoch over the background: the output, w and b with their bars, the
/// cost curve and the marker at the current epoch.
pub fn foreground(
    canvas: CanvasBackend,
    scene: &Scene,
    s: &Snapshot,
    history: &[(u32, f64)],
) -> Result<(), String> {
    let root = canvas.into_drawing_area();
    let (top, bottom) = split(&root, scene.ratio);
    neuron_foreground(&top, scene, s)?;
    cost_foreground(&root, &bottom, scene, s, history)?;
    root.present().map_err(err)
}

/// Draws `s` at `at` (device pixels) in `style`: one function for every label of the neuron, not
/// plotters' drawing inlined at each.
#[inline(never)]
fn text(area: &Area, s: &str, at: (i32, i32), style: TextStyle) -> Result<(), String> {
    area.draw(&Text::new(s, at, style)).map_err(err)
}

/// A line from `from` to `to` with an arrowhead at `to`.
fn arrow(
    area: &Area,
    ratio: f64,
    ink: RGBColor,
    from: (i32, i32),
    to: (i32, i32),
) -> Result<(), String> {
    let style = ShapeStyle::from(&ink).stroke_width(line_width(ratio, 1.5));
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

fn neuron_background(area: &Area, scene: &Scene) -> Result<(), String> {
    let ratio = scene.ratio;
    let p = scene.palette();
    let words = scene.lang.words();
    let n = NeuronPlaces::new(area, ratio);
    let left = Pos::new(HPos::Right, VPos::Center);
    let right = Pos::new(HPos::Left, VPos::Center);

    text(
        area,
        &format!("x = {}", short(scene.x)),
        (n.lx, n.cy),
        font(ratio, 15.0, p.ink).pos(left),
    )?;
    text(
        area,
        words.input,
        (n.lx, n.cy + n.below),
        font(ratio, 12.0, p.muted).pos(left),
    )?;
    arrow(
        area,
        ratio,
        p.ink,
        (n.cx - n.r - n.gap, n.cy),
        (n.cx - n.r - px(ratio, 2.0), n.cy),
    )?;
    area.draw(&Circle::new(
        (n.cx, n.cy),
        n.r,
        p.cost(scene.cost).mix(0.12).filled(),
    ))
    .map_err(err)?;
    area.draw(&Circle::new(
        (n.cx, n.cy),
        n.r,
        ShapeStyle::from(&p.ink).stroke_width(line_width(ratio, 1.5)),
    ))
    .map_err(err)?;
    text(
        area,
        "σ",
        (n.cx, n.cy),
        font(ratio, 16.0, p.ink).pos(Pos::new(HPos::Center, VPos::Center)),
    )?;
    arrow(
        area,
        ratio,
        p.ink,
        (n.cx + n.r + px(ratio, 2.0), n.cy),
        (n.cx + n.r + n.gap, n.cy),
    )?;
    text(
        area,
        &format!("{} y = {}", words.target, short(scene.y)),
        (n.rx, n.cy + n.below),
        font(ratio, 12.0, p.muted).pos(right),
    )?;

    text(
        area,
        &format!("η = {}", short(scene.eta)),
        // Under the neuron, clear of w's and b's labels on a narrow widget too.
        (n.cx, n.cy + n.r + px(ratio, 3.0)),
        font(ratio, 12.0, p.muted).pos(Pos::new(HPos::Center, VPos::Top)),
    )?;

    // The bars' tracks, on a scale where |v| = 4 fills a half, with the scale's ends marked.
    let (half, h) = (px(ratio, 40.0), px(ratio, 4.0));
    for x in n.bars {
        area.draw(&Rectangle::new(
            [(x - half, n.bar_y - h), (x + half, n.bar_y + h)],
            p.grid.filled(),
        ))
        .map_err(err)?;
        let gap = px(ratio, 4.0);
        for (at, end, side) in [
            (x - half - gap, "−4", HPos::Right),
            (x + half + gap, "+4", HPos::Left),
        ] {
            text(
                area,
                end,
                (at, n.bar_y),
                font(ratio, 10.0, p.muted).pos(Pos::new(side, VPos::Center)),
            )?;
        }
    }
    Ok(())
}

fn neuron_foreground(area: &Area, scene: &Scene, s: &Snapshot) -> Result<(), String> {
    let ratio = scene.ratio;
    let p = scene.palette();
    let n = NeuronPlaces::new(area, ratio);
    text(
        area,
        &format!("a = {:.3}", s.a),
        (n.rx, n.cy),
        font(ratio, 15.0, p.ink).pos(Pos::new(HPos::Left, VPos::Center)),
    )?;

    // w and b, each a value over its bar: the bar runs from the zero tick to the right for a
    // positive value, to the left for a negative one.
    let colour = p.cost(scene.cost);
    let (half, h) = (px(ratio, 40.0), px(ratio, 4.0));
    for ((label, v), x) in [("w", s.w), ("b", s.b)].into_iter().zip(n.bars) {
        text(
            area,
            &format!("{label} = {v:+.3}"),
            (x, n.label_y),
            font(ratio, 14.0, p.ink).pos(Pos::new(HPos::Center, VPos::Center)),
        )?;
        let len = ((v / 4.0).clamp(-1.0, 1.0) * f64::from(half)).round() as i32;
        let (a, b) = if len >= 0 { (x, x + len) } else { (x + len, x) };
        area.draw(&Rectangle::new(
            [(a, n.bar_y - h), (b, n.bar_y + h)],
            colour.filled(),
        ))
        .map_err(err)?;
        area.draw(&PathElement::new(
            vec![(x, n.bar_y - 2 * h), (x, n.bar_y + 2 * h)],
            ShapeStyle::from(&p.ink).stroke_width(line_width(ratio, 1.0)),
        ))
        .map_err(err)?;
    }
    Ok(())
}

type Chart<'a> = ChartContext<'a, CanvasBackend, Cartesian2d<RangedCoordf64, RangedCoordf64>>;

/// The cost chart's coordinates, the same for both layers.
fn chart<'a>(area: &'a Area, scene: &Scene) -> Result<Chart<'a>, String> {
    let ratio = scene.ratio;
    ChartBuilder::on(area)
        .margin_left(px(ratio, 8.0) as u32)
        .margin_right(px(ratio, 18.0) as u32)
        .margin_top(px(ratio, 6.0) as u32)
        .margin_bottom(px(ratio, 6.0) as u32)
        .x_label_area_size(px(ratio, 34.0) as u32)
        .y_label_area_size(px(ratio, 58.0) as u32)
        .build_cartesian_2d(0.0..f64::from(scene.epochs.max(1)), 0.0..scene.y_max)
        .map_err(err)
}

fn cost_foreground(
    root: &Area,
    area: &Area,
    scene: &Scene,
    s: &Snapshot,
    history: &[(u32, f64)],
) -> Result<(), String> {
    let ratio = scene.ratio;
    let p = scene.palette();
    let chart = chart(area, scene)?;
    // Drawn in the canvas's pixels (on `root`), by the chart's coordinates: the same shapes as
    // the neuron's, so that plotters' drawing is in the module once, not again for each kind of
    // chart coordinate.
    let at = |e: f64, c: f64| chart.backend_coord(&(e, c));
    let colour = p.cost(scene.cost);
    let plot_width = f64::from(chart.plotting_area().dim_in_pixel().0) / ratio;
    let stride = plot::stride(history.len(), plot_width);
    let (e, c) = (f64::from(s.epoch), s.cost);
    // The curve runs through the kept points to the current state.
    let points: Vec<(i32, i32)> = history
        .iter()
        .step_by(stride)
        .map(|&(epoch, cost)| at(f64::from(epoch), cost))
        .chain(std::iter::once(at(e, c)))
        .collect();
    root.draw(&PathElement::new(
        points,
        ShapeStyle::from(&colour).stroke_width(line_width(ratio, 2.0)),
    ))
    .map_err(err)?;

    // The marker: the current epoch on the x axis, and the current cost.
    let (base, top) = (at(e, 0.0), at(e, c));
    root.draw(&PathElement::new(
        vec![base, top],
        ShapeStyle::from(&colour.mix(0.5)).stroke_width(line_width(ratio, 1.0)),
    ))
    .map_err(err)?;
    root.draw(&Circle::new(top, px(ratio, 4.5), colour.filled()))
        .map_err(err)?;
    // A triangle on the axis, pointing up at the curve.
    let (x, y, r) = (base.0, base.1, px(ratio, 6.0));
    let half = px(ratio, 5.2);
    root.draw(&Polygon::new(
        vec![(x, y - r), (x - half, y + r / 2), (x + half, y + r / 2)],
        p.ink.filled(),
    ))
    .map_err(err)
}

/// A chart panel to draw series on, over coordinates `X` and `Y`.
pub type Panel<'a, X, Y> = ChartContext<'a, CanvasBackend, Cartesian2d<X, Y>>;

/// How a chart panel's axes are labelled.
pub struct Axes<'a> {
    /// Drawn as plain text above the plot (plotters' captions measure text through the page,
    /// which a strict CSP refuses).
    pub title: &'a str,
    pub x_title: &'a str,
    /// None when the ticks say enough.
    pub y_title: Option<&'a str>,
    pub x_labels: usize,
    pub x_tick: &'a dyn Fn(&f64) -> String,
    pub y_tick: &'a dyn Fn(&f64) -> String,
    /// Grid lines at the ticks.
    pub grid: bool,
    /// The width of the y tick labels' band, in CSS pixels.
    pub y_label_width: f64,
    /// The band above the plot, in CSS pixels: the title's row (24), or two rows (40) for a
    /// panel that draws more there.
    pub title_band: f64,
}

/// A chart panel on `area` over `x` and `y`, as every widget draws them: the title, the axes and
/// tick labels in `p`'s colours, the grid if asked. Returns the chart to draw series on.
pub fn panel<'a, X, Y>(
    area: &'a Area,
    ratio: f64,
    p: &Palette,
    axes: &Axes,
    x: X,
    y: Y,
) -> Result<Panel<'a, X::CoordDescType, Y::CoordDescType>, String>
where
    X: plotters::coord::ranged1d::AsRangedCoord<Value = f64>,
    X::CoordDescType: plotters::coord::ranged1d::Ranged<ValueType = f64>
        + plotters::coord::ranged1d::ValueFormatter<f64>,
    Y: plotters::coord::ranged1d::AsRangedCoord<Value = f64>,
    Y::CoordDescType: plotters::coord::ranged1d::Ranged<ValueType = f64>
        + plotters::coord::ranged1d::ValueFormatter<f64>,
{
    let px = |v: f64| (v * ratio).round() as u32;
    area.draw(&Text::new(
        axes.title.to_string(),
        (px(axes.y_label_width + 8.0) as i32, px(4.0) as i32),
        font(ratio, 13.0, p.ink),
    ))
    .map_err(err)?;
    let mut chart = ChartBuilder::on(area)
        .margin(px(8.0))
        .margin_top(px(axes.title_band))
        .margin_right(px(16.0))
        .x_label_area_size(px(38.0))
        .y_label_area_size(px(axes.y_label_width))
        .build_cartesian_2d(x, y)
        .map_err(err)?;
    let mut mesh = chart.configure_mesh();
    mesh.light_line_style(TRANSPARENT)
        .bold_line_style(p.grid)
        .axis_style(p.muted)
        .label_style(font(ratio, 11.0, p.ink))
        .axis_desc_style(font(ratio, 12.0, p.ink))
        .x_desc(axes.x_title)
        .x_labels(axes.x_labels)
        .y_labels(5)
        .x_label_formatter(axes.x_tick)
        .y_label_formatter(axes.y_tick);
    if let Some(t) = axes.y_title {
        mesh.y_desc(t);
    }
    if !axes.grid {
        mesh.disable_mesh();
    }
    mesh.draw().map_err(err)?;
    Ok(chart)
}

/// A chart panel over epochs 0..`epochs` (x) and `y`, as the network, MNIST and explorer widgets
/// draw them, with `y_tick` for the y labels.
#[allow(clippy::too_many_arguments)]
pub fn epoch_panel<'a, Y>(
    area: &'a Area,
    ratio: f64,
    p: &Palette,
    title: &str,
    x_title: &str,
    epochs: f64,
    y: Y,
    y_tick: &dyn Fn(&f64) -> String,
) -> Result<Panel<'a, RangedCoordf64, Y::CoordDescType>, String>
where
    Y: plotters::coord::ranged1d::AsRangedCoord<Value = f64>,
    Y::CoordDescType: plotters::coord::ranged1d::Ranged<ValueType = f64>
        + plotters::coord::ranged1d::ValueFormatter<f64>,
{
    let axes = Axes {
        title,
        x_title,
        y_title: None,
        // No more ticks than whole epochs, so that no label repeats on a short run.
        x_labels: (epochs as usize + 1).min(6),
        x_tick: &|v| format!("{v:.0}"),
        y_tick,
        grid: true,
        y_label_width: 48.0,
        title_band: 24.0,
    };
    panel(area, ratio, p, &axes, 0.0..epochs, y)
}
