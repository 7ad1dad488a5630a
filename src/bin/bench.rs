//! Native half of `make bench`: prints, as JSON, how long the benchmarked work takes natively.
use nndl_widgets::bench;
use std::time::Instant;

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn main() {
    let epochs = 5_000_000;
    let seconds = median(
        (0..5)
            .map(|_| {
                let t = Instant::now();
                std::hint::black_box(bench::neuron_epochs(std::hint::black_box(epochs)));
                t.elapsed().as_secs_f64()
            })
            .collect(),
    );
    println!(
        "{{\"neuron_epochs_per_second\": {:.0}}}",
        f64::from(epochs) / seconds
    );
}
