//! The widgets' words in English and Simplified Chinese. Every label, message and alert a widget
//! shows comes from here. Chinese terms follow the section's translation: 交叉熵 (cross-entropy),
//! 代价函数 (cost function), 学习率 (learning rate), 权重 (weight) and 偏置 (bias).

use crate::cost::Cost;
use crate::runner::State;

mod explorer;
pub use explorer::ExplorerWords;

mod errors;
pub mod mnist;
pub use mnist::MnistWords;
mod worker;

pub use crate::lang::Lang;

impl Lang {
    pub fn words(self) -> &'static Words {
        match self {
            Lang::En => &EN,
            Lang::Zh => &ZH,
        }
    }

    /// What goes between two sentences: a space, or in Chinese nothing.
    pub fn sentence_gap(self) -> &'static str {
        match self {
            Lang::En => " ",
            Lang::Zh => "",
        }
    }

    /// The colon after a name ("run 1: cost", "第 1 次训练：代价"): full-width in Chinese.
    pub fn colon(self) -> &'static str {
        match self {
            Lang::En => ": ",
            Lang::Zh => "：",
        }
    }

    pub fn cost_name(self, cost: Cost) -> &'static str {
        match (self, cost) {
            (Lang::En, Cost::Quadratic) => "quadratic",
            (Lang::En, Cost::CrossEntropy) => "cross-entropy",
            (Lang::Zh, Cost::Quadratic) => "二次",
            (Lang::Zh, Cost::CrossEntropy) => "交叉熵",
            (Lang::En, Cost::Swapped) => "swapped expression",
            (Lang::Zh, Cost::Swapped) => "交换后的表达式",
        }
    }

    /// The chart's y-axis title.
    pub fn cost_axis(self, cost: Cost) -> String {
        match self {
            Lang::En => format!("cost ({})", self.cost_name(cost)),
            Lang::Zh => format!("代价（{}）", self.cost_name(cost)),
        }
    }

    pub fn diverged(self, epoch: u32) -> String {
        match self {
            Lang::En => format!(
                "The run diverged: the update after epoch {epoch} is not a finite number (try a smaller η)."
            ),
            Lang::Zh => format!("训练发散了：第 {epoch} 轮之后的更新不是有限的数（请减小 η）。"),
        }
    }

    /// What a neuron widget's canvas shows, for screen readers.
    pub fn neuron_canvas_label(
        self,
        cost: Cost,
        eta: f64,
        (epoch, epochs): (u32, u32),
        a: f64,
        c: f64,
    ) -> String {
        let name = self.cost_name(cost);
        let eta = crate::plot::short(eta);
        match self {
            Lang::En => format!(
                "A sigmoid neuron trained with the {name} cost at η = {eta}, and its cost against \
                 epoch: epoch {epoch} of {epochs}, output {a:.3}, cost {c:.4}."
            ),
            Lang::Zh => format!(
                "以 η = {eta} 用{name}代价函数训练的 S 型神经元，以及代价随轮次的变化：第 {epoch} 轮（共 \
                 {epochs} 轮），输出 {a:.3}，代价 {c:.4}。"
            ),
        }
    }

    /// A run's state (`data-state`) in words.
    pub fn state_word(self, state: State) -> &'static str {
        let w = self.words();
        match state {
            State::Ready => w.state_ready,
            State::Loading => w.state_loading,
            State::Running => w.state_running,
            State::Paused => w.state_paused,
            State::Finished => w.state_finished,
            State::Cancelled => w.state_cancelled,
            State::Diverged => w.state_diverged,
            State::Failed => w.state_failed,
        }
    }

    /// The caption of a chart's data table: what it holds (`what`, "the cost") by epoch, and to
    /// which epoch.
    pub fn table_caption(self, what: &str, epoch: u32, epochs: u32) -> String {
        match self {
            Lang::En => format!("{what} by epoch, to epoch {epoch} of {epochs}."),
            Lang::Zh => format!("{what}随轮次的变化，到第 {epoch} 轮（共 {epochs} 轮）。"),
        }
    }

    /// A short summary of a run's state, for the polite live region.
    pub fn neuron_status(self, state: State, epoch: u32, a: f64, c: f64) -> String {
        let state = self.state_word(state);
        match self {
            Lang::En => format!("{state}: epoch {epoch}, output {a:.3}, cost {c:.4}."),
            Lang::Zh => format!("{state}：第 {epoch} 轮，输出 {a:.3}，代价 {c:.4}。"),
        }
    }

    pub fn invalid_options(self, count: usize) -> String {
        match (self, count) {
            (Lang::En, 1) => "This widget's option is not valid:".into(),
            (Lang::En, n) => format!("{n} of this widget's options are not valid:"),
            (Lang::Zh, 1) => "这个组件的选项无效：".into(),
            (Lang::Zh, n) => format!("这个组件有 {n} 个选项无效："),
        }
    }

    /// The note under a cross-entropy widget about the book site's update rule.
    pub fn rule_note(self, published: bool, eta: f64, learns_quickly: bool) -> String {
        match (self, published) {
            (Lang::En, true) => "As published: the book's own widget moves w and b by η·∂C/∂a, \
                                 which is the gradient (61)–(62) divided by σ′(z). "
                .into(),
            (Lang::Zh, true) => "按原书网页的做法：书中的组件用 η·∂C/∂a 来更新 w 和 b，\
                                 也就是梯度 (61)–(62) 除以 σ′(z)。"
                .into(),
            (Lang::En, false) => format!(
                "True gradient (61)–(62) with η = {eta}: {}",
                if learns_quickly {
                    "the neuron learns quickly, with no plateau. "
                } else {
                    "at this learning rate the neuron learns slowly. "
                }
            ),
            (Lang::Zh, false) => format!(
                "真正的梯度 (61)–(62)，η = {eta}：{}",
                if learns_quickly {
                    "神经元学得很快，没有停滞期。"
                } else {
                    "在这个学习率下，神经元学得很慢。"
                }
            ),
        }
    }

    /// One line for an MNIST run's settings, as a legend entry and a summary.
    pub fn mnist_settings(self, c: &crate::config::MnistConfig, digits: &str) -> String {
        let cost = match c.cost {
            crate::network::Cost::Quadratic => self.cost_name(Cost::Quadratic),
            _ => self.cost_name(Cost::CrossEntropy),
        };
        let init = match (self, c.init) {
            (_, crate::network::Init::Large) => "N(0, 1)",
            (_, crate::network::Init::Default) => "N(0, 1/n)",
        };
        match self {
            Lang::En => format!(
                "[784, {}, 10], {cost}, η = {}, λ = {}, mini-batch {}, {} epoch{}, weights {init}, {digits}",
                c.hidden,
                c.eta,
                c.lambda,
                c.batch,
                c.epochs,
                if c.epochs == 1 { "" } else { "s" }
            ),
            Lang::Zh => format!(
                "[784, {}, 10]，{cost}，η = {}，λ = {}，小批量 {}，{} 轮，权重 {init}，{digits}",
                c.hidden, c.eta, c.lambda, c.batch, c.epochs
            ),
        }
    }

    /// How the worker's build computes, and so how far a seed's run repeats: simd128 rounds
    /// the same on every machine; relaxed SIMD's multiply-adds are fused or not as the CPU under
    /// the engine has it.
    pub fn mnist_kernels(self, kernels: &str) -> String {
        let relaxed = kernels.contains("relaxed");
        match (self, relaxed) {
            (Lang::En, false) => format!(
                "Trained in 32-bit floats by the {kernels} kernels: the same seed gives the same run again."
            ),
            (Lang::En, true) => format!(
                "Trained in 32-bit floats by the {kernels} kernels (fused multiply-adds): the same seed gives the same run again on this computer; on another CPU the last digits may differ."
            ),
            (Lang::Zh, false) => {
                format!("以 32 位浮点数、{kernels} 内核训练：同一种子重跑结果相同。")
            }
            (Lang::Zh, true) => format!(
                "以 32 位浮点数、{kernels} 内核（融合乘加）训练：同一种子在本机重跑结果相同；换一种 CPU，末几位可能不同。"
            ),
        }
    }

    /// Which digits a run uses.
    pub fn mnist_digits(self, training: usize, validation: usize, test: usize) -> String {
        match (self, validation) {
            (Lang::En, 0) => format!("{training} training and {test} test digits"),
            (Lang::En, v) => format!("{training} training, {v} validation and {test} test digits"),
            (Lang::Zh, 0) => format!("{training} 个训练数字、{test} 个测试数字"),
            (Lang::Zh, v) => format!("{training} 个训练数字、{v} 个验证数字、{test} 个测试数字"),
        }
    }

    pub fn mnist_status(self, epoch: u32, epochs: u32, accuracy: f64) -> String {
        match self {
            Lang::En => format!(
                "Epoch {epoch} of {epochs}: test accuracy {:.2}%.",
                accuracy * 100.0
            ),
            Lang::Zh => format!(
                "第 {epoch} 轮（共 {epochs} 轮）：测试准确率 {:.2}%。",
                accuracy * 100.0
            ),
        }
    }

    /// The digit grid's text alternative.
    pub fn digits_label(self, shown: usize, wrong: &[(u8, u8)]) -> String {
        let list: Vec<String> = wrong.iter().map(|(l, g)| format!("{l}→{g}")).collect();
        match self {
            Lang::En => format!(
                "The first {shown} test digits; {} guessed wrong (label→guess): {}.",
                wrong.len(),
                list.join(", ")
            ),
            Lang::Zh => format!(
                "前 {shown} 个测试数字；猜错 {} 个（标签→猜测）：{}。",
                wrong.len(),
                list.join("、")
            ),
        }
    }

    /// A run of the multi-layer saturation demo, with the equations it illustrates.
    pub fn pairing(self, p: crate::multilayer::Pairing) -> String {
        match self {
            Lang::En => format!("{} ({})", self.pairing_name(p), p.equations()),
            Lang::Zh => format!("{}（{}）", self.pairing_name(p), p.equations()),
        }
    }

    /// A run of the multi-layer saturation demo, by its outputs and cost.
    pub fn pairing_name(self, p: crate::multilayer::Pairing) -> &'static str {
        use crate::multilayer::Pairing;
        match (self, p) {
            (Lang::En, Pairing::SigmoidQuadratic) => "sigmoid outputs, quadratic cost",
            (Lang::En, Pairing::SigmoidCrossEntropy) => "sigmoid outputs, cross-entropy",
            (Lang::En, Pairing::LinearQuadratic) => "linear outputs, quadratic cost",
            (Lang::Zh, Pairing::SigmoidQuadratic) => "S 型输出，二次代价",
            (Lang::Zh, Pairing::SigmoidCrossEntropy) => "S 型输出，交叉熵",
            (Lang::Zh, Pairing::LinearQuadratic) => "线性输出，二次代价",
        }
    }

    pub fn network_diverged(self, pairing: crate::multilayer::Pairing, epoch: u32) -> String {
        let name = self.pairing(pairing);
        match self {
            Lang::En => format!(
                "The {name} run diverged in epoch {}: its update was not a finite number (try a smaller η).",
                epoch + 1
            ),
            Lang::Zh => format!("{name}的训练在第 {} 轮发散了：更新不是有限的数（请减小 η）。", epoch + 1),
        }
    }

    /// A widget's accessible name.
    pub fn widget_name(self, kind: &str, cost: Cost) -> String {
        match (self, kind) {
            (Lang::En, "neuron") => format!(
                "A sigmoid neuron learning with the {} cost",
                self.cost_name(cost)
            ),
            (Lang::Zh, "neuron") => format!("用{}代价函数学习的 S 型神经元", self.cost_name(cost)),
            (Lang::En, "network") => "Three networks from one saturated start".into(),
            (Lang::Zh, "network") => "从同一个饱和起点出发的三个网络".into(),
            (Lang::En, _) => "Handwritten digits (MNIST) learned by a network".into(),
            (Lang::Zh, _) => "网络学习手写数字（MNIST）".into(),
        }
    }

    pub fn network_status(self, state: State, epoch: u32, costs: [f64; 3]) -> String {
        let state = self.state_word(state);
        let [q, ce, lin] = costs.map(|c| format!("{:.0}%", c * 100.0));
        match self {
            Lang::En => format!(
                "{state}: epoch {epoch}; the costs are at {q}, {ce} and {lin} of where they started."
            ),
            Lang::Zh => format!("{state}：第 {epoch} 轮；三个代价分别降到起点的 {q}、{ce}、{lin}。"),
        }
    }

    pub fn best_epoch(self, percent: &str, epoch: usize) -> String {
        match self {
            Lang::En => format!("{percent} (epoch {epoch})"),
            Lang::Zh => format!("{percent}（第 {epoch} 轮）"),
        }
    }

    pub fn use_eta(self, eta: f64) -> String {
        match self {
            Lang::En => format!("Use η = {eta}"),
            Lang::Zh => format!("改用 η = {eta}"),
        }
    }
}

/// `name` with a capital first letter, to begin a sentence or a legend's entry. Only English
/// names have capitals, and theirs are ASCII: char::to_uppercase would link Unicode's case
/// tables, 10 KB of every module.
pub fn capitalised(name: &str) -> String {
    let mut name = name.to_string();
    if let Some(first) = name.get_mut(0..1) {
        first.make_ascii_uppercase();
    }
    name
}

/// The fixed words of the widgets in one language.
pub struct Words {
    pub run: &'static str,
    pub pause: &'static str,
    pub resume: &'static str,
    pub step: &'static str,
    pub reset: &'static str,
    pub epoch: &'static str,
    pub output: &'static str,
    pub cost: &'static str,
    pub weight: &'static str,
    pub bias: &'static str,
    pub input: &'static str,
    pub target: &'static str,
    pub epoch_axis: &'static str,
    pub use_gradient: &'static str,
    pub back_to_published: &'static str,
    pub state_ready: &'static str,
    pub state_running: &'static str,
    pub state_paused: &'static str,
    pub state_finished: &'static str,
    pub state_diverged: &'static str,
    pub state_loading: &'static str,
    pub state_cancelled: &'static str,
    pub state_failed: &'static str,
    pub keys_hint: &'static str,
    /// The summary of a chart's data table.
    pub data_table: &'static str,
    /// What a table of costs holds, beginning its caption.
    pub the_cost: &'static str,
    // Option errors: what is wrong, and what is accepted.
    pub not_a_number: &'static str,
    pub nan: &'static str,
    pub infinite: &'static str,
    pub too_large: &'static str,
    pub out_of_range: &'static str,
    pub not_positive: &'static str,
    pub not_whole: &'static str,
    pub unknown_kind: &'static str,
    pub no_kind: &'static str,
    pub unknown_value: &'static str,
    pub unknown_option: &'static str,
    pub repeated: &'static str,
    pub once: &'static str,
    pub accepted: &'static str,
    pub one_of: &'static str,
    pub the_options: &'static str,
}

const EN: Words = Words {
    run: "Run",
    pause: "Pause",
    resume: "Resume",
    step: "Step",
    reset: "Reset",
    epoch: "Epoch",
    output: "Output a",
    cost: "Cost C",
    weight: "w",
    bias: "b",
    input: "input",
    target: "target",
    epoch_axis: "epoch",
    use_gradient: "Use the true gradient",
    back_to_published: "Back to as published",
    state_ready: "Ready",
    state_running: "Running",
    state_paused: "Paused",
    state_finished: "Finished",
    state_diverged: "Diverged",
    state_loading: "Loading",
    state_cancelled: "Cancelled",
    state_failed: "Stopped",
    keys_hint: "Keys: Space runs or pauses, → steps, R resets.",
    data_table: "The chart's data, as a table",
    the_cost: "The cost",
    not_a_number: "not a number",
    nan: "NaN is not a number it can use",
    infinite: "infinity is not a number it can use",
    too_large: "too large",
    out_of_range: "out of range",
    not_positive: "must be greater than 0",
    not_whole: "not a whole number",
    unknown_kind: "unknown widget kind",
    no_kind: "no widget kind given",
    unknown_value: "unknown value",
    unknown_option: "unknown option for this widget",
    repeated: "given more than once in the link",
    once: "each setting once",
    accepted: "Accepted",
    one_of: "one of",
    the_options: "the options",
};

const ZH: Words = Words {
    run: "运行",
    pause: "暂停",
    resume: "继续",
    step: "单步",
    reset: "重置",
    epoch: "轮次",
    output: "输出 a",
    cost: "代价 C",
    weight: "权重 w",
    bias: "偏置 b",
    input: "输入",
    target: "目标",
    epoch_axis: "轮次",
    use_gradient: "改用真正的梯度",
    back_to_published: "恢复原书网页的做法",
    state_ready: "就绪",
    state_running: "运行中",
    state_paused: "已暂停",
    state_finished: "已完成",
    state_diverged: "已发散",
    state_loading: "加载中",
    state_cancelled: "已取消",
    state_failed: "已停止",
    keys_hint: "按键：空格 运行或暂停，→ 单步，R 重置。",
    data_table: "以表格查看图中的数据",
    the_cost: "代价",
    not_a_number: "不是数字",
    nan: "NaN 不是可用的数",
    infinite: "无穷大不是可用的数",
    too_large: "太大",
    out_of_range: "超出范围",
    not_positive: "必须大于 0",
    not_whole: "不是整数",
    unknown_kind: "未知的组件类型",
    no_kind: "没有给出组件类型",
    unknown_value: "未知的取值",
    unknown_option: "这个组件没有这个选项",
    repeated: "在链接里出现了不止一次",
    once: "每个设置只给一次",
    accepted: "可接受",
    one_of: "以下之一",
    the_options: "这些选项",
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags() {
        for (tag, lang) in [
            ("en", Lang::En),
            ("en-GB", Lang::En),
            ("EN", Lang::En),
            ("zh", Lang::Zh),
            ("zh-CN", Lang::Zh),
            ("zh-Hans-CN", Lang::Zh),
            ("zh_cn", Lang::Zh),
        ] {
            assert_eq!(Lang::from_tag(tag), Some(lang), "{tag}");
        }
        for tag in ["", "fr", "english", "-"] {
            assert_eq!(Lang::from_tag(tag), None, "{tag}");
        }
        for lang in Lang::ALL {
            assert_eq!(Lang::from_tag(lang.tag()), Some(lang));
        }
    }

    #[test]
    fn chinese_words_are_chinese() {
        let zh = Lang::Zh.words();
        assert_eq!((zh.run, zh.weight, zh.bias), ("运行", "权重 w", "偏置 b"));
        assert!(Lang::Zh.cost_axis(Cost::CrossEntropy).contains("交叉熵"));
        assert!(Lang::Zh.diverged(3).contains("第 3 轮"));
    }
}
