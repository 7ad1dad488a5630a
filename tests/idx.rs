//! MNIST's IDX files: small files made here, plain and gzipped, each kind of damaged file, and
//! the real files when scripts/mnist-data.sh has fetched them.
// Writes gzipped files with flate2, which only native builds have (the browser inflates by itself).
#![cfg(not(target_arch = "wasm32"))]

mod common;

use flate2::write::GzEncoder;
use flate2::Compression;
use nndl_widgets::data::mnist::{self, PIXELS};
use nndl_widgets::data::{idx, DataError, DataSet};
use std::io::Write;
use std::path::PathBuf;

/// An IDX file of unsigned bytes: magic 0x0000_08dd, the sizes, the data.
fn idx_file(dims: &[u32], data: &[u8]) -> Vec<u8> {
    let mut f = vec![0, 0, 0x08, dims.len() as u8];
    for d in dims {
        f.extend(d.to_be_bytes());
    }
    f.extend(data);
    f
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut e = GzEncoder::new(Vec::new(), Compression::default());
    e.write_all(bytes).unwrap();
    e.finish().unwrap()
}

/// n 28×28 images, image i having grey level (i + k) mod 256 at pixel k, and their labels.
fn small_mnist(n: usize, labels: &[u8]) -> (Vec<u8>, Vec<u8>) {
    let pixels: Vec<u8> = (0..n)
        .flat_map(|i| (0..PIXELS).map(move |k| ((i + k) % 256) as u8))
        .collect();
    (
        idx_file(&[n as u32, 28, 28], &pixels),
        idx_file(&[labels.len() as u32], labels),
    )
}

fn check_small(set: &DataSet, labels: &[u8]) {
    assert_eq!(set.len(), labels.len());
    assert_eq!((set.n_in(), set.n_out()), (784, 10));
    let mut x = vec![0.0f32; 784];
    let mut y = vec![0.0f32; 10];
    for (i, &label) in labels.iter().enumerate() {
        set.input_into(i, &mut x);
        for (k, &v) in x.iter().enumerate() {
            // Pixels scale by 1/256, as in the book.
            assert_eq!(v, ((i + k) % 256) as f32 / 256.0);
        }
        set.target_into(i, &mut y);
        assert_eq!(set.class(i), usize::from(label));
        assert_eq!(y.iter().sum::<f32>(), 1.0);
        assert_eq!(y[usize::from(label)], 1.0);
    }
}

#[test]
fn reads_small_files_plain_and_gzipped() {
    let labels = [3, 0, 9];
    let (images, label_file) = small_mnist(3, &labels);
    check_small(&mnist::digits(&images, &label_file).unwrap(), &labels);
    check_small(
        &mnist::digits(&gzip(&images), &gzip(&label_file)).unwrap(),
        &labels,
    );
    check_small(
        &mnist::digits(&gzip(&images), &label_file).unwrap(),
        &labels,
    );
    assert!(idx::is_gzip(&gzip(&images)) && !idx::is_gzip(&images));
    let empty = mnist::digits(&idx_file(&[0, 28, 28], &[]), &idx_file(&[0], &[])).unwrap();
    assert!(empty.is_empty());
}

#[test]
fn generic_idx_reading_returns_the_sizes() {
    let f = idx_file(&[2, 3], &[1, 2, 3, 4, 5, 6]);
    let r = idx::read(&f, "matrix", 2).unwrap();
    assert_eq!(r.dims, [2, 3]);
    assert_eq!(r.data, [1, 2, 3, 4, 5, 6]);
}

fn error(images: &[u8], labels: &[u8]) -> DataError {
    mnist::digits(images, labels).unwrap_err()
}

#[test]
fn wrong_magic_numbers_are_reported() {
    let (images, labels) = small_mnist(2, &[1, 2]);
    // A zip file given as the images.
    let mut zip = b"PK\x03\x04".to_vec();
    zip.extend(&images[4..]);
    let e = error(&zip, &labels);
    assert!(
        matches!(
            e,
            DataError::WrongMagic {
                found: 0x504b_0304,
                expected: 0x0803,
                ..
            }
        ),
        "{e:?}"
    );
    assert!(
        e.to_string()
            .contains("not the IDX magic number 0x00000803"),
        "{e}"
    );
    // Signed bytes (type 0x09) are not MNIST's type.
    let mut signed = images.clone();
    signed[2] = 0x09;
    assert!(matches!(
        error(&signed, &labels),
        DataError::WrongMagic { .. }
    ));
    // The two files swapped.
    let e = error(&labels, &images);
    assert!(matches!(e, DataError::WrongDimensions { .. }), "{e:?}");
    assert!(e.to_string().contains("is this a labels file?"), "{e}");
}

#[test]
fn wrong_dimensions_are_reported() {
    let images = idx_file(&[1, 32, 32], &[0; 32 * 32]);
    let e = error(&images, &idx_file(&[1], &[0]));
    assert!(
        e.to_string()
            .contains("images of 32×32 pixels; MNIST's are 28×28"),
        "{e}"
    );
    let huge = idx_file(&[u32::MAX, u32::MAX, u32::MAX], &[]);
    let e = error(&huge, &idx_file(&[1], &[0]));
    assert!(matches!(e, DataError::WrongDimensions { .. }), "{e:?}");
}

#[test]
fn truncated_files_are_reported_plain_and_gzipped() {
    let (images, labels) = small_mnist(2, &[1, 2]);
    let cut = &images[..images.len() - 100];
    let e = error(cut, &labels);
    assert_eq!(
        e,
        DataError::Truncated {
            what: "images file".into(),
            expected: 16 + 2 * 784,
            found: 16 + 2 * 784 - 100
        }
    );
    assert!(e.to_string().contains("truncated"), "{e}");
    // A gzipped file whose decompressed data is short, and a gzip stream cut off.
    let e = error(&gzip(cut), &labels);
    assert!(
        matches!(e, DataError::Truncated { found: 1484, .. }),
        "{e:?}"
    );
    let gz = gzip(&images);
    let e = error(&gz[..gz.len() / 2], &labels);
    assert!(
        matches!(e, DataError::Truncated { .. } | DataError::Gzip { .. }),
        "{e:?}"
    );
    // Only part of a header.
    assert!(matches!(
        error(&images[..10], &labels),
        DataError::Truncated {
            expected: 16,
            found: 10,
            ..
        }
    ));
    assert!(matches!(
        error(&images[..2], &labels),
        DataError::Truncated { .. }
    ));
}

#[test]
fn trailing_bytes_and_corrupt_gzip_are_reported() {
    let (mut images, labels) = small_mnist(2, &[1, 2]);
    images.push(7);
    let e = error(&images, &labels);
    assert!(
        matches!(e, DataError::TrailingBytes { expected: 1584, .. }),
        "{e:?}"
    );
    images.pop();
    let mut gz = gzip(&images);
    let middle = gz.len() / 2;
    gz[middle] ^= 0xff;
    let n = gz.len();
    gz[n - 8] ^= 0xff; // the CRC
    let e = error(&gz, &labels);
    assert!(
        matches!(
            e,
            DataError::Gzip { .. } | DataError::Truncated { .. } | DataError::TrailingBytes { .. }
        ),
        "{e:?}"
    );
    let mut gz = gzip(&images);
    gz[n - 8] ^= 0xff; // only the CRC
    assert!(matches!(error(&gz, &labels), DataError::Gzip { .. }));
}

#[test]
fn images_and_labels_must_match_and_labels_be_digits() {
    let (images, _) = small_mnist(3, &[]);
    let e = error(&images, &idx_file(&[2], &[1, 2]));
    assert_eq!(
        e,
        DataError::CountMismatch {
            images: 3,
            labels: 2
        }
    );
    assert!(e.to_string().contains("3 images but 2 labels"), "{e}");
    let e = error(&images, &idx_file(&[3], &[1, 10, 2]));
    assert_eq!(
        e,
        DataError::LabelOutOfRange {
            index: 1,
            label: 10,
            classes: 10
        }
    );
    assert!(
        e.to_string()
            .contains("label 10 of example 1 is not one of the 10 classes 0–9"),
        "{e}"
    );
}

#[test]
fn a_missing_folder_says_how_to_get_mnist() {
    let e = mnist::load(&PathBuf::from("/nonexistent/mnist")).unwrap_err();
    assert!(matches!(e, DataError::Io { .. }), "{e:?}");
    assert!(e.to_string().contains("scripts/mnist-data.sh"), "{e}");
}

/// The real files, from $MNIST_DIR or target/mnist (scripts/mnist-data.sh puts them there).
#[test]
fn the_real_mnist_files_if_present() {
    let dir = std::env::var_os("MNIST_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/mnist"));
    if !dir.join(mnist::TRAIN_IMAGES).exists()
        && !dir.join(format!("{}.gz", mnist::TRAIN_IMAGES)).exists()
    {
        common::data_missing(&format!(
            "no MNIST in {} (scripts/mnist-data.sh fetches it)",
            dir.display()
        ));
        return;
    }
    let m = mnist::load(&dir).unwrap();
    assert_eq!(m.training.len() + m.validation.len(), 60_000);
    assert_eq!(
        (m.training.len(), m.validation.len(), m.test.len()),
        (50_000, 10_000, 10_000)
    );
    let first = |set: &DataSet| (0..5).map(|i| set.class(i)).collect::<Vec<_>>();
    assert_eq!(first(&m.training), [5, 0, 4, 1, 9]);
    assert_eq!(first(&m.test), [7, 2, 1, 0, 4]);
    // The brightest pixel is 255/256, as in the book's mnist.pkl.gz.
    let mut x = vec![0.0f32; PIXELS];
    m.training.input_into(0, &mut x);
    assert_eq!(x.iter().cloned().fold(0.0, f32::max), 255.0 / 256.0);
}
