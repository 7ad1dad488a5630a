//! The explorer's words, in English and Simplified Chinese.

use super::Lang;
use crate::cost::Cost;

/// The explorer's fixed words in one language.
pub struct ExplorerWords {
    pub name: &'static str,
    pub views: &'static str,
    pub race: &'static str,
    pub speed: &'static str,
    pub surface: &'static str,
    pub sigma: &'static str,
    pub show: &'static str,
    pub show_cost: &'static str,
    pub show_output: &'static str,
    pub show_both: &'static str,
    pub log: &'static str,
    pub preset: &'static str,
    pub preset_none: &'static str,
    pub preset_good: &'static str,
    pub preset_saturated: &'static str,
    pub costs: &'static str,
    pub both_costs: &'static str,
    pub rule: &'static str,
    pub rule_gradient: &'static str,
    pub rule_published: &'static str,
    pub w: &'static str,
    pub b: &'static str,
    pub x: &'static str,
    pub y: &'static str,
    pub eta_quadratic: &'static str,
    pub eta_cross_entropy: &'static str,
    pub same_eta: &'static str,
    pub swapped: &'static str,
    pub epochs: &'static str,
    pub speed_label: &'static str,
    pub settings: &'static str,
    /// What the data table holds, beginning its caption.
    pub runs: &'static str,
    pub copy_link: &'static str,
    pub png: &'static str,
    pub csv: &'static str,
    pub link_copied: &'static str,
    pub link_here: &'static str,
    pub link_unused: &'static str,
    pub pending: &'static str,
    pub preset_left: &'static str,
    pub paused_hint: &'static str,
    pub dw: &'static str,
    pub db: &'static str,
    pub sigma_prime: &'static str,
    pub minimum: &'static str,
    pub max_difference: &'static str,
    pub cost_axis: &'static str,
    pub output_axis: &'static str,
    pub target: &'static str,
    pub sigma_derivative: &'static str,
    pub sigma_product: &'static str,
    pub sigma_note: &'static str,
    pub surface_note: &'static str,
    pub surface_undefined: &'static str,
    /// A label's problems, and what a label accepts (before and after its longest length).
    pub empty: &'static str,
    pub too_long: &'static str,
    pub text_of: (&'static str, &'static str),
}

pub const EN: ExplorerWords = ExplorerWords {
    name: "Explorer: the quadratic cost and the cross-entropy raced from one start",
    views: "View",
    race: "Race",
    speed: "Learning speed",
    surface: "Cost surface",
    sigma: "Exercise 1: σ′(z)",
    show: "Chart",
    show_cost: "cost",
    show_output: "output a",
    show_both: "both",
    log: "log scale",
    preset: "Start as the book's demos",
    preset_none: "choose…",
    preset_good: "1 and 3: w = 0.6, b = 0.9, as published",
    preset_saturated: "2 and 4: w = b = 2, as published",
    costs: "Costs",
    both_costs: "both",
    rule: "Update",
    rule_gradient: "gradient descent",
    rule_published: "as published on the book's site",
    w: "start weight w",
    b: "start bias b",
    x: "input x",
    y: "target y",
    eta_quadratic: "η, quadratic",
    eta_cross_entropy: "η, cross-entropy",
    same_eta: "same η for both",
    swapped: "Exercise 2: train with the swapped expression −[a ln y + (1−a) ln(1−y)]",
    epochs: "epochs",
    speed_label: "epochs per second",
    settings: "Settings",
    runs: "Each cost's run",
    copy_link: "Copy link",
    png: "Chart as PNG",
    csv: "History as CSV",
    link_copied: "Link copied; it is also in the address bar.",
    link_here: "Link to these settings:",
    link_unused: "The link's settings for this widget were not used:",
    pending: "Changed settings apply on Run or Reset.",
    preset_left: "The preset left alone what this page fixes:",
    paused_hint: "While paused, setting w or b moves both runs there.",
    dw: "|∂C/∂w|",
    db: "|∂C/∂b|",
    sigma_prime: "σ′(z)",
    minimum: "least possible cost, eq. (64)",
    max_difference: "largest difference",
    cost_axis: "cost C",
    output_axis: "output a",
    target: "target y",
    sigma_derivative: "slope of σ (numerical)",
    sigma_product: "σ(z)(1 − σ(z))",
    sigma_note:
        "Exercise 1: σ′(z) = σ(z)(1 − σ(z)). The two curves lie on each other; the dots are \
                 where each run's z is now. Where the neuron saturates, σ′(z) is tiny, and with it \
                 the quadratic cost's gradient (55)–(56). The largest difference is the largest gap \
                 between σ's numerical slope and σ(z)(1 − σ(z)) over the plotted z: the error of \
                 the numerical slope, nothing more.",
    surface_note: "Colour is ln C(w, b) for the single example, darker where C is smaller: the \
                   bar above each surface runs from its smallest C to its largest. The lines are \
                   the descent paths from the start (ring), the dots where the runs are now.",
    surface_undefined: "not defined: C = ∞ everywhere",
    empty: "empty",
    too_long: "too long",
    text_of: ("words of 1 to ", " characters"),
};

pub const ZH: ExplorerWords = ExplorerWords {
    name: "探索：二次代价与交叉熵从同一起点出发的比赛",
    views: "视图",
    race: "比赛",
    speed: "学习速度",
    surface: "代价曲面",
    sigma: "练习 1：σ′(z)",
    show: "图表",
    show_cost: "代价",
    show_output: "输出 a",
    show_both: "两者",
    log: "对数坐标",
    preset: "按原书的演示开始",
    preset_none: "请选择…",
    preset_good: "演示 1 和 3：w = 0.6，b = 0.9，按原书网页的做法",
    preset_saturated: "演示 2 和 4：w = b = 2，按原书网页的做法",
    costs: "代价函数",
    both_costs: "两者",
    rule: "更新",
    rule_gradient: "梯度下降",
    rule_published: "按原书网页的做法",
    w: "起始权重 w",
    b: "起始偏置 b",
    x: "输入 x",
    y: "目标 y",
    eta_quadratic: "η，二次",
    eta_cross_entropy: "η，交叉熵",
    same_eta: "两者用同一个 η",
    swapped: "练习 2：用交换后的表达式 −[a ln y + (1−a) ln(1−y)] 训练",
    epochs: "轮数",
    speed_label: "每秒轮数",
    settings: "设置",
    runs: "各代价函数的训练过程",
    copy_link: "复制链接",
    png: "图表（PNG）",
    csv: "历史（CSV）",
    link_copied: "链接已复制，地址栏里也有。",
    link_here: "这些设置的链接：",
    link_unused: "链接里这个组件的设置没有被采用：",
    pending: "改动的设置在运行或重置时生效。",
    preset_left: "预设没有改动本页固定的设置：",
    paused_hint: "暂停时设置 w 或 b，两个训练都会移到那里。",
    dw: "|∂C/∂w|",
    db: "|∂C/∂b|",
    sigma_prime: "σ′(z)",
    minimum: "最小可能代价，式 (64)",
    max_difference: "最大差值",
    cost_axis: "代价 C",
    output_axis: "输出 a",
    target: "目标 y",
    sigma_derivative: "σ 的斜率（数值）",
    sigma_product: "σ(z)(1 − σ(z))",
    sigma_note: "练习 1：σ′(z) = σ(z)(1 − σ(z))。两条曲线重合；圆点是各个训练现在的 z。\
                 神经元饱和时 σ′(z) 很小，二次代价的梯度 (55)–(56) 也随之很小。\
                 最大差值是在所画的 z 上，σ 的数值斜率与 σ(z)(1 − σ(z)) 之间最大的差：\
                 只是数值斜率的误差。",
    surface_note: "颜色表示单个样本的 ln C(w, b)，C 越小颜色越深：每个曲面上方的色条从它最小的 C \
                   到最大的 C。线是从起点（圆圈）出发的梯度下降路径，圆点是训练现在的位置。",
    surface_undefined: "没有定义：处处 C = ∞",
    empty: "是空的",
    too_long: "太长",
    text_of: ("1 至 ", " 个字符的文字"),
};

impl Lang {
    pub fn explorer(self) -> &'static ExplorerWords {
        match self {
            Lang::En => &EN,
            Lang::Zh => &ZH,
        }
    }

    /// What the swapped expression does for target `y` (the second exercise).
    pub fn swapped_note(self, y: f64) -> String {
        let slope = (-y).ln_1p() - y.ln();
        if y == 0.0 || y == 1.0 {
            let (en, zh) = if y == 0.0 {
                ("ln y = ln 0", "ln y = ln 0")
            } else {
                ("ln(1 − y) = ln 0", "ln(1 − y) = ln 0")
            };
            return match self {
                Lang::En => format!(
                    "The swapped expression cannot learn this target: it needs {en} = −∞, so its \
                     cost is +∞ for every output, and so is its gradient. It cannot take a single \
                     step. The cross-entropy (57) takes ln a and ln(1 − a) instead, which \
                     are finite for every output 0 < a < 1."
                ),
                Lang::Zh => format!(
                    "交换后的表达式学不了这个目标：它要用到 {zh} = −∞，所以对任何输出代价都是 +∞，\
                     梯度也是无穷大，连一步都走不了。交叉熵 (57) 用的是 ln a 和 ln(1 − a)，\
                     对任何输出 0 < a < 1 都是有限的。"
                ),
            };
        }
        let towards = if slope > 0.0 { "0" } else { "1" };
        match self {
            Lang::En if slope == 0.0 => "The swapped expression is linear in a with slope \
                 ln((1 − y)/y) = 0 at y = 0.5: it has no gradient, and nothing moves."
                .into(),
            Lang::Zh if slope == 0.0 => {
                "交换后的表达式对 a 是线性的，y = 0.5 时斜率 ln((1 − y)/y) = 0：没有梯度，什么也不动。"
                    .into()
            }
            Lang::En => format!(
                "The swapped expression is linear in a, with slope ln((1 − y)/y) = {slope:.3}: it \
                 pushes a towards {towards}, not to y = {y}, so it is no cost for this target."
            ),
            Lang::Zh => format!(
                "交换后的表达式对 a 是线性的，斜率 ln((1 − y)/y) = {slope:.3}：它把 a 推向 \
                 {towards}，而不是 y = {y}，所以不能作为这个目标的代价。"
            ),
        }
    }

    /// The third exercise, for 0 < y < 1: the cross-entropy's floor.
    pub fn entropy_note(self, y: f64, h: f64) -> String {
        match self {
            Lang::En => format!(
                "Exercise 3: for y = {y}, the cross-entropy never falls below the binary entropy \
                 −[y ln y + (1 − y) ln(1 − y)] = {h:.4} (64), the dashed line; it reaches it at \
                 a = y. The quadratic cost's floor is 0."
            ),
            Lang::Zh => format!(
                "练习 3：y = {y} 时，交叉熵不会低于二元熵 −[y ln y + (1 − y) ln(1 − y)] = {h:.4} (64)，\
                 即虚线；在 a = y 时达到。二次代价的下限是 0。"
            ),
        }
    }

    /// A raced cost's name in the legend and the readouts' group.
    pub fn racer_name(self, cost: Cost) -> String {
        super::capitalised(self.cost_name(cost))
    }

    /// The polite status after an action or at the end of a run.
    pub fn explorer_status(
        self,
        state: crate::runner::State,
        epoch: u32,
        costs: &[(Cost, f64)],
    ) -> String {
        let state = self.state_word(state);
        let parts: Vec<String> = costs
            .iter()
            .map(|(cost, c)| format!("{} {c:.4}", self.cost_name(*cost)))
            .collect();
        match self {
            Lang::En => format!("{state}: epoch {epoch}, cost {}.", parts.join(", ")),
            Lang::Zh => format!("{state}：第 {epoch} 轮，代价 {}。", parts.join("，")),
        }
    }

    /// A finished run's cost curve in words: where it started and ended, and how long it
    /// stayed near its start (said only when that was a tenth of the run or more).
    pub fn fall_note(self, name: &str, f: &crate::plot::Fall) -> String {
        use crate::plot::short;
        let (from, to, above) = (short(f.from), short(f.to), short(f.above));
        let (epochs, stalled) = (f.epochs, f.stalled);
        let plateau = u64::from(stalled) * 10 >= u64::from(epochs);
        // It begins a sentence.
        let name = super::capitalised(name);
        match (self, plateau) {
            (Lang::En, true) => format!(
                "{name}: the cost fell from {from} to {to} over {epochs} epochs; it stayed above \
                 {above} for the first {stalled}."
            ),
            (Lang::En, false) => format!(
                "{name}: the cost fell from {from} to {to} over {epochs} epochs, from the start."
            ),
            (Lang::Zh, true) => format!(
                "{name}：代价在 {epochs} 轮内从 {from} 降到 {to}；前 {stalled} 轮一直高于 {above}。"
            ),
            (Lang::Zh, false) => {
                format!("{name}：代价在 {epochs} 轮内从 {from} 降到 {to}，一开始就在下降。")
            }
        }
    }

    /// The canvas's text alternative.
    pub fn explorer_canvas_label(self, view: &str, epoch: u32, outputs: &[(Cost, f64)]) -> String {
        let parts: Vec<String> = outputs
            .iter()
            .map(|(cost, a)| format!("{} a = {a:.3}", self.cost_name(*cost)))
            .collect();
        match self {
            Lang::En => format!("{view}, epoch {epoch}: {}.", parts.join("; ")),
            Lang::Zh => format!("{view}，第 {epoch} 轮：{}。", parts.join("；")),
        }
    }

    /// The alert when one raced cost's update stopped being finite.
    pub fn racer_diverged(self, cost: Cost, epoch: u32) -> String {
        let name = self.cost_name(cost);
        match self {
            Lang::En => format!(
                "The {name} run diverged in epoch {}: its update was not a finite number (try a \
                 smaller η).",
                epoch + 1
            ),
            Lang::Zh => format!(
                "{name}的训练在第 {} 轮发散了：更新不是有限的数（请减小 η）。",
                epoch + 1
            ),
        }
    }
}
