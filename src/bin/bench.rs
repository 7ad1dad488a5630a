//! Native half of `make bench`: prints, as JSON, how long the benchmarked work takes natively.
use nndl_widgets::bench;
use nndl_widgets::config::{MnistConfig, MnistData};
use nndl_widgets::data::mnist;
use nndl_widgets::digits::DigitsRun;
use std::path::Path;
use std::time::Instant;

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn seconds(runs: usize, mut work: impl FnMut()) -> f64 {
    median(
        (0..runs)
            .map(|_| {
                let t = Instant::now();
                work();
                t.elapsed().as_secs_f64()
            })
            .collect(),
    )
}

fn main() {
    let epochs = 5_000_000;
    let neuron = seconds(5, || {
        std::hint::black_box(bench::neuron_epochs(std::hint::black_box(epochs)));
    });
    // One epoch of the book's [784, 30, 10] over the 50,000 training images, mini-batches of 10,
    // from the files scripts/setup.sh fetched (target/mnist).
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/mnist");
    let mnist_epoch = match mnist::load(&dir) {
        Ok(m) => {
            let config = MnistConfig {
                data: MnistData::Full,
                ..MnistConfig::default()
            };
            // The run is set up outside the timing (its data listed, its buffers allocated):
            // only the epoch's mini-batches are timed.
            let runs: Vec<f64> = (0..5)
                .map(|_| {
                    let mut run =
                        DigitsRun::new(&config, m.training.clone(), None, m.test.clone()).unwrap();
                    let t = Instant::now();
                    while !run.step().unwrap().epoch_finished {}
                    t.elapsed().as_secs_f64()
                })
                .collect();
            median(runs).to_string()
        }
        Err(_) => "null".into(),
    };
    println!(
        "{{\"neuron_epochs_per_second\": {:.0}, \"mnist_epoch_seconds\": {mnist_epoch}}}",
        f64::from(epochs) / neuron
    );
}
