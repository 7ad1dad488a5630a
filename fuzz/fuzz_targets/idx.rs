//! The IDX reader, on any bytes (gzipped or not): an error or the data, never a panic, and
//! never more data than the header announces.
#![no_main]

use libfuzzer_sys::fuzz_target;
use nndl_widgets::data::{idx, mnist};

fuzz_target!(|data: &[u8]| {
    for ndims in [1, 3] {
        if let Ok(f) = idx::read(data, "fuzz", ndims) {
            let len: usize = f.dims.iter().product();
            assert_eq!(f.data.len(), len);
        }
    }
    let _ = idx::dims(data, "fuzz");
    // Both halves from one input: images and labels.
    let (a, b) = data.split_at(data.len() / 2);
    let _ = mnist::digits(a, b);
});
