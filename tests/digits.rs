//! The MNIST run the digits widget drives, on the small set that `make serve` / `make test`
//! prepare in data/mnist/small (skipped, with a note, where it is missing, except under
//! `make test`, where that fails: see tests/common).

mod common;

use nndl_widgets::config::MnistConfig;
use nndl_widgets::digits::DigitsRun;
use std::path::Path;

fn small() -> Option<[Vec<u8>; 4]> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/mnist/small");
    let names = [
        "train-images-idx3-ubyte.gz",
        "train-labels-idx1-ubyte.gz",
        "t10k-images-idx3-ubyte.gz",
        "t10k-labels-idx1-ubyte.gz",
    ];
    let files: Vec<Vec<u8>> = names
        .iter()
        .filter_map(|n| std::fs::read(dir.join(n)).ok())
        .collect();
    if files.len() < 4 {
        common::data_missing(&format!(
            "{} is missing (scripts/setup.sh prepares it)",
            dir.display()
        ));
        return None;
    }
    files.try_into().ok()
}

fn run(config: &MnistConfig, f: &[Vec<u8>; 4]) -> DigitsRun {
    DigitsRun::from_idx(config, (&f[0], &f[1]), (&f[2], &f[3])).unwrap()
}

#[test]
fn one_epoch_on_the_small_set_is_far_above_chance_and_repeats_exactly() {
    let Some(files) = small() else { return };
    let config = MnistConfig::default();
    let mut a = run(&config, &files);
    assert_eq!(
        (a.training_size(), a.validation_size(), a.test_size()),
        (5000, 0, 1000)
    );
    let before = a.evaluate();
    assert_eq!(before.epoch, 0);
    while !a.step().unwrap().epoch_finished {}
    let after = a.evaluate();
    assert_eq!(after.epoch, 1);
    assert!(after.test.accuracy() > 0.6, "{}", after.test.accuracy());
    assert!(after.test.cost < before.test.cost);

    let mut b = run(&config, &files);
    while !b.step().unwrap().epoch_finished {}
    assert_eq!(b.evaluate(), after, "the same seed gives the same run");
    let guesses = a.guesses(100);
    assert_eq!(guesses.len(), 100);
    let (pixels, labels) = a.test_digits(100);
    assert_eq!((pixels.len(), labels.len()), (78_400, 100));
    assert_eq!(&labels[..5], &[7, 2, 1, 0, 4]);
    let right = guesses.iter().zip(&labels).filter(|(g, l)| g == l).count();
    assert!(right > 60, "{right} of the first 100 right");
}

#[test]
fn mismatched_files_are_readable_errors() {
    let Some(files) = small() else { return };
    let config = MnistConfig::default();
    // Labels where images belong.
    let e = DigitsRun::from_idx(&config, (&files[1], &files[1]), (&files[2], &files[3]))
        .err()
        .unwrap();
    assert!(e.to_string().contains("images file"), "{e}");
    // Training images with the test labels: 5,000 against 1,000.
    let e = DigitsRun::from_idx(&config, (&files[0], &files[3]), (&files[2], &files[3]))
        .err()
        .unwrap();
    assert!(
        e.to_string().contains("5000") || e.to_string().contains("5,000"),
        "{e}"
    );
}
