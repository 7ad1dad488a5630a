//! What the MNIST worker reports, in each language.

use crate::data::DataError;
use crate::lang::Lang;
use crate::messages::WorkerError;

impl Lang {
    /// Names in a list: "a, b, c" or "a、b、c".
    pub fn list(self, names: &[String]) -> String {
        names.join(match self {
            Lang::En => ", ",
            Lang::Zh => "、",
        })
    }

    /// A worker's error, said in this language.
    pub fn worker_error(self, e: &WorkerError) -> String {
        let zh = self == Lang::Zh;
        match e {
            WorkerError::Data { error } => self.data_error(error),
            WorkerError::Diverged { epoch, batch } if zh => format!(
                "发散：第 {epoch} 轮第 {batch} 个小批量的更新不是有限数（试试更小的 η）。"
            ),
            WorkerError::Diverged { epoch, batch } => format!(
                "Diverged: the update for mini-batch {batch} of epoch {epoch} is not a finite \
                 number (try a smaller η)."
            ),
            WorkerError::Fetch { file, status } if zh => {
                format!("无法取得 {file}（HTTP {status}）。")
            }
            WorkerError::Fetch { file, status } => {
                format!("{file} could not be fetched (HTTP {status}).")
            }
            WorkerError::TooLarge { limit } if zh => {
                format!("一个 gzip 文件解压后超过 {limit} 字节。")
            }
            WorkerError::TooLarge { limit } => {
                format!("A gzipped file inflates to more than {limit} bytes.")
            }
            WorkerError::Gzip { file } if zh => {
                format!("{file} 看起来是 gzip 文件，但无法解压；请重新下载。")
            }
            WorkerError::Gzip { file } => {
                format!("{file} looks gzipped but does not inflate; download it again.")
            }
            WorkerError::FilesTooLarge { total, limit } if zh => format!(
                "这些文件解压后至少有 {} MiB；四个文件合计最多 {} MiB（EMNIST 的数字也在此限内）。",
                total.div_ceil(1 << 20),
                limit >> 20
            ),
            WorkerError::FilesTooLarge { total, limit } => format!(
                "These files hold at least {} MiB inflated; the four together may hold at most {} \
                 MiB (EMNIST's digits fit).",
                total.div_ceil(1 << 20),
                limit >> 20
            ),
            WorkerError::FileCount { given } if zh => format!(
                "给了 {given} 个文件；需要四个：训练图像和标签、测试图像和标签（IDX 格式，可以是 gzip 压缩的）。"
            ),
            WorkerError::FileCount { given } => format!(
                "{given} file(s) given; four are needed: training images and labels, test images \
                 and labels (IDX, gzipped or not)."
            ),
            WorkerError::FileKinds { images, labels } if zh => format!(
                "给了 {images} 个图像文件和 {labels} 个标签文件；各需要两个。"
            ),
            WorkerError::FileKinds { images, labels } => format!(
                "{images} images file(s) and {labels} labels file(s) given; two of each are needed."
            ),
            WorkerError::NoWorker if zh => "这个演示在 Web Worker 中训练，而这个页面无法启动 Worker：\
                 它位于一个没有 allow-same-origin 的沙盒框架（iframe）中。\
                 嵌入它的页面需要 sandbox=\"allow-scripts allow-same-origin\"。"
                .into(),
            WorkerError::NoWorker => "This demo trains in a Web Worker, which this page cannot \
                 start: it is in a frame sandboxed without allow-same-origin. The page that \
                 frames it needs sandbox=\"allow-scripts allow-same-origin\"."
                .into(),
            WorkerError::Other { message } => message.clone(),
        }
    }

    /// A data file's problem, said in this language.
    pub fn data_error(self, e: &DataError) -> String {
        if self == Lang::En {
            return e.to_string();
        }
        match e {
            DataError::WrongMagic {
                what,
                expected,
                found,
            } => format!(
                "{what}：开头是 0x{found:08x}，不是 IDX 的魔数 0x{expected:08x}；这是正确的文件吗（图像和标签是分开的文件）？"
            ),
            DataError::WrongDimensions { what, problem } => format!("{what}:{problem}"),
            DataError::Truncated {
                what,
                expected,
                found,
            } => format!("{what}：文件不完整，只有 {found} 字节，文件头需要 {expected} 字节；请重新下载。"),
            DataError::TrailingBytes { what, expected } => format!(
                "{what}：比文件头所说的 {expected} 字节更长；文件已损坏或不是 IDX 文件。"
            ),
            DataError::Gzip { what, message } => {
                format!("{what}：看起来是 gzip 文件，但无法解压（{message}）；请重新下载。")
            }
            DataError::CountMismatch { images, labels } => {
                format!("{images} 张图像但有 {labels} 个标签：这两个文件不配套。")
            }
            DataError::LabelOutOfRange {
                index,
                label,
                classes,
            } => format!(
                "第 {index} 个样本的标签 {label} 不在 0–{} 这 {classes} 个类别之中。",
                classes.saturating_sub(1)
            ),
            DataError::Shape(problem) => problem.clone(),
            DataError::Io { path, message } => format!("{path}:{message}"),
        }
    }
}
