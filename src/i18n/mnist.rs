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
    /// What the digit grid shows.
    pub grid_note: &'static str,
    /// Why the small set's accuracy is not the book's.
    pub small_note: &'static str,
    /// A run's name in the legend when its settings are those of the others (before and after
    /// its number).
    pub run_n: (&'static str, &'static str),
    /// The settings for the next run: their fieldset's legend, their labels (hidden, cost, eta,
    /// lambda, epochs, init, data) and the two sets of digits.
    pub next_run: &'static str,
    pub setting_labels: [&'static str; 7],
    pub data_small: &'static str,
    pub data_full: &'static str,
    /// The caption of the runs' data table.
    pub table_caption: &'static str,
    /// Why Run waits while a run is under way.
    pub one_run: &'static str,
}

impl Lang {
    pub fn mnist_words(self) -> &'static MnistWords {
        match self {
            Lang::En => &EN,
            Lang::Zh => &ZH,
        }
    }

    /// The multi-layer widget's two charts' axes: the relative cost, the gradient's norm.
    /// What the multi-layer demo's data table holds, beginning its caption.
    pub fn multilayer_table(self) -> &'static str {
        match self {
            Lang::En => "Each run's cost and output-layer gradient",
            Lang::Zh => "每次训练的代价和输出层梯度",
        }
    }

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
    grid_note: "The grid shows the first 100 test digits. A red box marks a digit the network \
                gets wrong, with its guess in the box's corner.",
    small_note: "The book's 95.49% comes from all 50,000 training digits; the small set's 5,000 \
                 give a lower accuracy, in seconds instead of minutes.",
    run_n: ("run ", ""),
    next_run: "Settings for the next run",
    setting_labels: [
        "hidden neurons",
        "cost",
        "learning rate η",
        "regularisation λ",
        "epochs",
        "starting weights",
        "digits",
    ],
    data_small: "5,000 to train on (fast)",
    data_full: "the book's 50,000 (slow)",
    table_caption: "Each run's test accuracy and cost after each epoch.",
    one_run: "One run at a time: Cancel this one to start another now.",
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
    grid_note: "方格里是前 100 个测试数字。红框标出网络认错的数字，框角是它的猜测。",
    small_note: "原书的 95.49% 来自全部 50,000 个训练数字；小数据集只有 5,000 个，准确率较低，\
                 但几秒就能训练完，不用几分钟。",
    run_n: ("第 ", " 次训练"),
    next_run: "下一次训练的设置",
    setting_labels: [
        "隐藏神经元",
        "代价",
        "学习率 η",
        "正则化 λ",
        "轮数",
        "初始权重",
        "数据",
    ],
    data_small: "5,000 个训练数字（快）",
    data_full: "原书的 50,000 个（慢）",
    table_caption: "每次训练在各轮之后的测试准确率和代价。",
    one_run: "一次只训练一个：要马上开始新的训练，请先取消这一个。",
};

/// What tells the labels `labels` apart: each label's parts (split at `sep`, not inside brackets)
/// that are not in every label, joined again. Labels that are all alike give empty strings.
pub fn differences(labels: &[String], sep: &str) -> Vec<String> {
    let parts = |label: &str| -> Vec<String> {
        let mut parts = vec![String::new()];
        let mut depth = 0i32;
        let mut rest = label;
        while let Some(c) = rest.chars().next() {
            if depth == 0 && rest.starts_with(sep) {
                parts.push(String::new());
                rest = &rest[sep.len()..];
                continue;
            }
            depth += i32::from(c == '[' || c == '(') - i32::from(c == ']' || c == ')');
            if let Some(last) = parts.last_mut() {
                last.push(c);
            }
            rest = &rest[c.len_utf8()..];
        }
        parts
    };
    let split: Vec<Vec<String>> = labels.iter().map(|l| parts(l)).collect();
    split
        .iter()
        .map(|mine| {
            mine.iter()
                .filter(|p| !split.iter().all(|other| other.contains(p)))
                .cloned()
                .collect::<Vec<_>>()
                .join(sep)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::differences;

    #[test]
    fn a_legend_names_only_what_differs_between_runs() {
        let a = "[784, 30, 10], cross-entropy, η = 0.5, 30 epochs".to_string();
        let b = "[784, 100, 10], cross-entropy, η = 0.1, 30 epochs".to_string();
        assert_eq!(
            differences(&[a.clone(), b], ", "),
            ["[784, 30, 10], η = 0.5", "[784, 100, 10], η = 0.1"]
        );
        assert_eq!(differences(&[a.clone(), a], ", "), ["", ""]);
        let zh = [
            "[784, 30, 10]，交叉熵".to_string(),
            "[784, 30, 10]，二次".to_string(),
        ];
        assert_eq!(differences(&zh, "，"), ["交叉熵", "二次"]);
    }
}
