//! The fast path against `batch`'s plain loops, and every kernel build against the plain ones.

use super::super::batch::Batch;
use super::super::kernels::{self, Kernels};
use super::super::{Architecture, Init, Rng, Sgd};
use super::*;

/// Inputs in [0, 1] of which about half are 0, as in an image.
fn sparse_data(rng: &mut Rng, n: usize, n_in: usize, n_out: usize) -> DataSet {
    let x = (0..n * n_in)
        .map(|_| {
            let u = rng.uniform();
            if u < 0.5 {
                0.0
            } else {
                u as f32
            }
        })
        .collect();
    let labels = (0..n).map(|_| rng.below(n_out) as u8).collect();
    DataSet::classified(n_in, x, n_out, labels).unwrap()
}

/// Steps `net` on the examples in order, mini-batches of m, with both this module's path
/// and `batch`'s plain loops (the update of `sgd::update`), and returns both networks.
fn both<T: Real>(
    net: Network<T>,
    data: &DataSet,
    m: usize,
    sgd: Sgd,
    steps: usize,
) -> (Network<T>, Network<T>) {
    let mut fast = net.clone();
    let mut plain = net;
    let mut work = Workspace::new(&fast, data, m);
    let mut batch = Batch::new(&plain, m);
    let order: Vec<u32> = (0..data.len() as u32).collect();
    for s in 0..steps {
        let start = (s * m) % data.len();
        let end = data.len().min(start + m);
        let examples = &order[start..end];
        let n = data.len() as f64;
        let d = T::from_f64(1.0 - sgd.eta * sgd.lambda / n);
        let c = T::from_f64(sgd.eta / examples.len() as f64);
        assert!(work.step(&mut fast, data, examples, d, c), "step {s}");
        batch.load(data, examples.iter().map(|&i| i as usize));
        batch.feedforward(&plain);
        batch.grad.fill(T::ZERO);
        batch.backprop(&plain);
        let mut grad = batch.grad.clone();
        assert!(kernels::step_all(&mut plain, &mut grad, d, c));
    }
    (fast, plain)
}

#[test]
fn the_fast_path_is_the_plain_update_in_f64_and_close_to_it_in_f32() {
    let shapes: [(&[usize], Output, Cost); 4] = [
        (&[37, 30, 10], Output::Sigmoid, Cost::CrossEntropy),
        (&[20, 9, 5, 3], Output::Sigmoid, Cost::Quadratic),
        (&[13, 4], Output::Softmax, Cost::LogLikelihood),
        (&[50, 33, 2], Output::Linear, Cost::Quadratic),
    ];
    for (sizes, output, cost) in shapes {
        // λ = 300 makes d = 1 − ηλ/n = −1.25: every row is updated.
        for (lambda, m) in [(0.0, 10), (5.0, 7), (300.0, 3)] {
            let arch = Architecture::new(sizes, output, cost).unwrap();
            let mut rng = Rng::new(3);
            let data = sparse_data(&mut rng, 40, sizes[0], sizes[sizes.len() - 1]);
            let sgd = Sgd {
                eta: 0.3,
                lambda,
                batch_size: m,
            };
            let what = format!("{sizes:?} {output} {cost} λ={lambda} m={m}");
            let net64: Network<f64> = Network::new(arch.clone(), Init::Default, &mut rng.clone());
            let (fast, plain) = both(net64, &data, m, sgd, 12);
            for (a, b) in fast.params().iter().zip(plain.params()) {
                assert!(
                    (a - b).abs() <= 1e-13 * (1.0 + b.abs()),
                    "{what}: {a} vs {b}"
                );
            }
            // In f32 the two round differently (fused multiply-adds, the order of the
            // sums, σ in f32); with weights growing 25% a step the differences grow too,
            // so f32 is compared where they do not.
            if lambda > 100.0 {
                continue;
            }
            let net32: Network<f32> = Network::new(arch, Init::Default, &mut rng);
            let (fast, plain) = both(net32, &data, m, sgd, 12);
            for (a, b) in fast.params().iter().zip(plain.params()) {
                assert!(
                    (a - b).abs() <= 1e-4 * (1.0 + b.abs()),
                    "{what} f32: {a} vs {b}"
                );
            }
        }
    }
}

#[test]
fn a_step_that_is_not_finite_leaves_the_network_as_it_was() {
    let arch = Architecture::new(&[12, 8, 3], Output::Linear, Cost::Quadratic).unwrap();
    let mut rng = Rng::new(5);
    let data = sparse_data(&mut rng, 6, 12, 3);
    let mut net: Network<f32> = Network::new(arch, Init::Large, &mut rng);
    let before = net.clone();
    let mut work = Workspace::new(&net, &data, 3);
    // c = f32::MAX: every touched weight overflows.
    assert!(!work.step(&mut net, &data, &[0, 1, 2], 1.0, f32::MAX));
    assert_eq!(net, before);
    // Decay alone (d = 0.5) with a finite step goes on.
    assert!(work.step(&mut net, &data, &[3, 4, 5], 0.5, 0.1));
    assert_ne!(net, before);
}

fn builds() -> Vec<Kernels<f32>> {
    kernels::every_f32_build()
}

#[test]
fn the_simd_kernels_agree_with_the_plain_loops_for_every_width() {
    let mut rng = Rng::new(8);
    let mut r = |n: usize| {
        (0..n)
            .map(|_| (2.0 * rng.uniform() - 1.0) as f32)
            .collect::<Vec<f32>>()
    };
    let reference = kernels::scalar::<f32>();
    for simd in builds() {
        for n in [
            1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 30, 31, 32, 33, 47, 64, 65, 100,
        ] {
            let rows = 11;
            let (w, b) = (r(rows * n), r(n));
            let idx: Vec<u16> = [3, 0, 10, 3, 7].to_vec();
            let val = r(idx.len());
            for init in [None, Some(&b[..])] {
                let (mut z1, mut z2) = (vec![9.0; n + 3], vec![9.0; n + 3]);
                // SAFETY: z holds n, b n, w 11 rows of n; idx < 11.
                unsafe {
                    (reference.axpys)(&mut z1[..n], init, &w, n, &idx, &val);
                    (simd.axpys)(&mut z2[..n], init, &w, n, &idx, &val);
                }
                for j in 0..n {
                    assert!((z1[j] - z2[j]).abs() < 1e-5, "axpys n={n} j={j}");
                }
                assert_eq!(&z2[n..], &[9.0; 3], "axpys n={n} wrote past its row");
            }
            let z = r(n);
            for k in builds() {
                let x = z.iter().map(|z| z * 40.0).collect::<Vec<f32>>();
                let mut a = x.clone();
                (k.sigmoid)(&mut a);
                for (a, x) in a.iter().zip(&x) {
                    let want = 1.0 / (1.0 + (-f64::from(*x)).exp());
                    let error = (f64::from(*a) - want).abs() / want;
                    assert!(error <= 4e-7, "{}: σ({x}) = {a}, not {want}", k.name);
                }
            }
            let (mut g1, mut g2) = (r(n), vec![0.0; n]);
            g2.copy_from_slice(&g1);
            assert!((reference.step)(&mut g1, &w[..n], 0.9, 0.3));
            assert!((simd.step)(&mut g2, &w[..n], 0.9, 0.3));
            for j in 0..n {
                assert!((g1[j] - g2[j]).abs() < 1e-6, "step n={n}");
            }
            let mut g = vec![1.0; n];
            g[n - 1] = f32::INFINITY;
            assert!(
                !(simd.step)(&mut g, &w[..n], 1.0, 1.0),
                "step n={n} missed ∞"
            );
            // update_rows: rows 3 and 7 from entries of delta's rows 0..2.
            let delta = r(3 * n);
            let (first, end) = (
                [0u32, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0],
                [0u32, 0, 0, 2, 0, 0, 0, 3, 0, 0, 0],
            );
            let ex = r(3);
            let update = RowUpdate {
                rows: &[3, 7],
                first: &first,
                end: &end,
                entry_r: &[0, 2, 1],
                entry_x: &ex,
                delta: &delta,
                n,
                d: 0.9,
                c: 0.2,
            };
            let [(w1, u1), (w2, u2)] = [reference, simd].map(|k| {
                let (mut w, mut u) = (w.clone(), vec![0.0; 2 * n]);
                // SAFETY: rows 3 and 7 exist; the entries lie in 0..3 and name rows of delta.
                assert!(unsafe { (k.update_rows)(&mut w, &mut u, &update) });
                (w, u)
            });
            assert_eq!(u1, u2);
            assert_eq!(&u1[..n], &w[3 * n..4 * n]);
            for (a, b) in w1.iter().zip(&w2) {
                assert!((a - b).abs() < 1e-5, "update_rows n={n}");
            }
        }
    }
    for k in builds() {
        let mut a = [-1000.0, -88.5, 0.0, 87.5, 1000.0, f32::NAN];
        (k.sigmoid)(&mut a);
        assert!(
            a[0] >= 0.0 && a[1] > 0.0 && a[2] == 0.5 && a[3] == 1.0 && a[4] == 1.0,
            "{}: {a:?}",
            k.name
        );
        assert!(a[5].is_nan(), "{}", k.name);
    }
}

/// AVX-512 adds each lane's terms in the same order as AVX2 + FMA (both keep two chains of
/// sums for any width), so where the CPU has both they give the same numbers, bit for bit.
#[test]
fn avx512_and_avx2_give_the_same_numbers() {
    let all = builds();
    let pick = |name: &str| all.iter().find(|k| k.name == name).copied();
    let (Some(a), Some(b)) = (pick("avx2+fma"), pick("avx512")) else {
        eprintln!("this CPU lacks AVX-512 or AVX2: nothing to compare");
        return;
    };
    let mut rng = Rng::new(11);
    let mut r = |n: usize| {
        (0..n)
            .map(|_| (2.0 * rng.uniform() - 1.0) as f32)
            .collect::<Vec<f32>>()
    };
    for n in [1, 7, 10, 16, 17, 30, 33, 64, 100, 784] {
        let rows = 12;
        let (w, bias) = (r(rows * n), r(n));
        let idx: Vec<u16> = (0..40).map(|i| (i * 7 % rows) as u16).collect();
        let val = r(idx.len());
        let (ex, w2) = (r(7), r(rows * n));
        let (first, end) = ([0u32, 0, 0, 0, 0, 3], [0u32, 0, 3, 0, 0, 7]);
        let update = RowUpdate {
            rows: &[2, 5],
            first: &first,
            end: &end,
            entry_r: &[0, 4, 11, 1, 2, 9, 10],
            entry_x: &ex,
            delta: &w,
            n,
            d: 0.99,
            c: 0.3,
        };
        let [ra, rb] = [a, b].map(|k| {
            let mut z = vec![0.0; n];
            let (mut w2, mut undo) = (w2.clone(), vec![0.0; 2 * n]);
            let mut g = w[..n].to_vec();
            // SAFETY: z and bias hold n numbers, w 12 rows of n, idx < 12; rows 2 and 5 of
            // w2 exist, undo holds two rows, the entries lie in 0..7 and name rows of w.
            unsafe {
                (k.axpys)(&mut z, Some(&bias), &w, n, &idx, &val);
                assert!((k.update_rows)(&mut w2, &mut undo, &update));
            }
            (k.sigmoid)(&mut z);
            assert!((k.step)(&mut g, &bias, 0.9, 0.1));
            [z, w2, g].map(|v| v.iter().map(|x| x.to_bits()).collect::<Vec<u32>>())
        });
        assert_eq!(ra, rb, "n={n}");
    }
}
