//! Native half of `make bench`: prints, as JSON, how long the benchmarked work takes natively.
//! `bench mnist` times only the MNIST epoch.
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
    let mnist_only = std::env::args().nth(1).as_deref() == Some("mnist");
    let mut fields = Vec::new();
    if !mnist_only {
        let epochs = 5_000_000;
        let neuron = seconds(5, || {
            std::hint::black_box(bench::neuron_epochs(std::hint::black_box(epochs)));
        });
        fields.push(format!(
            "\"neuron_epochs_per_second\": {:.0}",
            f64::from(epochs) / neuron
        ));
    }
    // One epoch of the book's [784, 30, 10] over the 50,000 training images, mini-batches of 10,
    // from the files scripts/setup.sh fetched (target/mnist): the median and the best of 5.
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/mnist");
    match mnist::load(&dir) {
        Ok(m) => {
            let config = MnistConfig {
                data: MnistData::Full,
                ..MnistConfig::default()
            };
            let mut kernels = "";
            // The run is set up outside the timing (its data listed, its buffers allocated):
            // only the epoch's mini-batches are timed.
            let runs: Vec<f64> = (0..5)
                .map(|_| {
                    let mut run =
                        DigitsRun::new(&config, m.training.clone(), None, m.test.clone()).unwrap();
                    kernels = run.kernels();
                    let t = Instant::now();
                    while !run.step().unwrap().epoch_finished {}
                    t.elapsed().as_secs_f64()
                })
                .collect();
            let best = runs.iter().copied().fold(f64::INFINITY, f64::min);
            fields.push(format!("\"mnist_epoch_seconds\": {}", median(runs)));
            fields.push(format!("\"mnist_epoch_seconds_best\": {best}"));
            fields.push(format!("\"mnist_kernels\": \"{kernels}\""));
        }
        Err(_) => fields.push("\"mnist_epoch_seconds\": null".into()),
    }
    println!("{{{}}}", fields.join(", "));
}
