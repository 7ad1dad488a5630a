//! The MNIST widget's words, and the multi-layer widget's axes, in English and Simplified
//! Chinese: apart from the shared words, so that a module without these kinds carries none of them.

use super::Lang;

/// The MNIST widget's fixed words in one language.
pub struct MnistWords {
    pub cancel: &'static str,
    pub accuracy: &'static str,
    pub best: &'static str,
    pub validation_accuracy: &'static str,
    pub accuracy_axis: &'static str,
    pub cost_axis_plain: &'static str,
    pub own_files: &'static str,
    pub your_files: &'static str,
    pub next_runs: &'static str,
    pub reading_files: &'static str,
    pub served_digits: &'static str,
    pub mnist_credit: &'static str,
    pub loading: &'static str,
    pub cancelled: &'static str,
    pub progress: &'static str,
}

impl Lang {
    pub fn mnist_words(self) -> &'static MnistWords {
        match self {
            Lang::En => &EN,
            Lang::Zh => &ZH,
        }
    }

    /// The multi-layer widget's two charts' axes: the relative cost, the gradient's norm.
    pub fn multilayer_axes(self) -> (&'static str, &'static str) {
        match self {
            Lang::En => ("cost C / C₀", "‖∂C/∂wᴸ‖, log scale"),
            Lang::Zh => ("代价 C / C₀", "‖∂C/∂wᴸ‖（对数坐标）"),
        }
    }
}

const EN: MnistWords = MnistWords {
    cancel: "Cancel",
    accuracy: "Test accuracy",
    best: "Best",
    validation_accuracy: "Validation accuracy",
    accuracy_axis: "test accuracy",
    cost_axis_plain: "cost",
    own_files: "Your own IDX files…",
    your_files: "your files",
    next_runs: "Runs now train on",
    reading_files: "Reading your files…",
    served_digits: "Back to the served digits",
    mnist_credit:
        "MNIST digits by Yann LeCun, Corinna Cortes and Christopher Burges (CC BY-SA 3.0).",
    loading: "Loading the digits…",
    cancelled: "Cancelled.",
    progress: "Progress through the epoch",
};

const ZH: MnistWords = MnistWords {
    cancel: "取消",
    accuracy: "测试准确率",
    best: "最佳",
    validation_accuracy: "验证准确率",
    accuracy_axis: "测试准确率",
    cost_axis_plain: "代价",
    own_files: "使用自己的 IDX 文件…",
    your_files: "你的文件",
    next_runs: "之后的训练使用",
    reading_files: "正在读取你的文件…",
    served_digits: "改回网站提供的数字",
    mnist_credit:
        "MNIST 手写数字由 Yann LeCun、Corinna Cortes 和 Christopher Burges 提供（CC BY-SA 3.0）。",
    loading: "正在加载手写数字…",
    cancelled: "已取消。",
    progress: "本轮进度",
};
