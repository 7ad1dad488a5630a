//! The IDX file format of MNIST (<http://yann.lecun.com/exdb/mnist/>): a 4-byte magic number
//! 0x0000_08dd (08: unsigned bytes, dd: the number of dimensions), each dimension as a
//! big-endian u32, then the bytes, last dimension fastest. Files may be gzipped, as the official
//! downloads are; that is recognised by gzip's own magic bytes, not by the file name.

use super::DataError;
use std::io::{self, Read};

/// An IDX file of unsigned bytes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Idx {
    /// The sizes of the dimensions, outermost first: `[n]` for labels, `[n, rows, columns]` for
    /// images.
    pub dims: Vec<usize>,
    pub data: Vec<u8>,
}

/// The first two bytes of every gzip stream (RFC 1952).
const GZIP_MAGIC: [u8; 2] = [0x1f, 0x8b];
/// Type code of unsigned bytes, the third byte of the magic number.
const UNSIGNED_BYTE: u8 = 0x08;

pub fn is_gzip(bytes: &[u8]) -> bool {
    bytes.starts_with(&GZIP_MAGIC)
}

/// The bytes of a file as a reader: inflated if they are gzipped.
///
/// In the browser the page inflates gzipped files itself (DecompressionStream, in
/// www/mnist-worker.js) so that the wasm module carries no decompressor; a gzipped file that
/// reaches this point there is an error.
#[cfg_attr(not(target_arch = "wasm32"), allow(unused_variables))]
fn open<'a>(bytes: &'a [u8], what: &str) -> Result<Box<dyn Read + 'a>, DataError> {
    if !is_gzip(bytes) {
        return Ok(Box::new(bytes));
    }
    #[cfg(not(target_arch = "wasm32"))]
    return Ok(Box::new(flate2::read::GzDecoder::new(bytes)));
    #[cfg(target_arch = "wasm32")]
    Err(DataError::Gzip {
        what: what.to_string(),
        message: "gzipped data must be inflated before it reaches the wasm module".into(),
    })
}

/// Reads an IDX file of unsigned bytes with `ndims` dimensions, gzipped or not. `what` names
/// the file in error messages.
pub fn read(bytes: &[u8], what: &str, ndims: u8) -> Result<Idx, DataError> {
    read_from(open(bytes, what)?, what, ndims)
}

/// The dimensions of an IDX file of unsigned bytes (gzipped or not) with 1 (labels) or 3
/// (images) dimensions, read from its header only: to tell a reader's files apart.
pub fn dims(bytes: &[u8], what: &str) -> Result<Vec<usize>, DataError> {
    let mut magic = [0u8; 4];
    let got = fill(&mut open(bytes, what)?, &mut magic, what)?;
    if got < magic.len() || magic[..3] != [0, 0, UNSIGNED_BYTE] || !matches!(magic[3], 1 | 3) {
        return Err(DataError::WrongMagic {
            what: what.to_string(),
            expected: u32::from(UNSIGNED_BYTE) << 8 | 3,
            found: u32::from_be_bytes(magic),
        });
    }
    let ndims = magic[3];
    let mut header = vec![0u8; 4 + 4 * usize::from(ndims)];
    let got = fill(&mut open(bytes, what)?, &mut header, what)?;
    if got < header.len() {
        return Err(truncated(what, header.len() as u64, got as u64));
    }
    Ok(header[4..]
        .chunks_exact(4)
        .map(|d| u32::from_be_bytes([d[0], d[1], d[2], d[3]]) as usize)
        .collect())
}

fn read_from<R: Read>(mut r: R, what: &str, ndims: u8) -> Result<Idx, DataError> {
    let expected_magic = u32::from(UNSIGNED_BYTE) << 8 | u32::from(ndims);
    let header_len = 4 + 4 * u64::from(ndims);
    let mut magic = [0u8; 4];
    let got = fill(&mut r, &mut magic, what)?;
    if got < magic.len() {
        return Err(truncated(what, header_len, got as u64));
    }
    let found = u32::from_be_bytes(magic);
    if magic[..3] != [0, 0, UNSIGNED_BYTE] {
        return Err(DataError::WrongMagic {
            what: what.to_string(),
            expected: expected_magic,
            found,
        });
    }
    if magic[3] != ndims {
        return Err(DataError::WrongDimensions {
            what: what.to_string(),
            problem: format!(
                "{} dimensions where {ndims} are expected ({})",
                magic[3],
                if ndims == 1 {
                    "labels are a list; is this an images file?"
                } else {
                    "images are a list of rows × columns; is this a labels file?"
                }
            ),
        });
    }

    let mut raw = vec![0u8; 4 * usize::from(ndims)];
    let got = fill(&mut r, &mut raw, what)?;
    if got < raw.len() {
        return Err(truncated(what, header_len, 4 + got as u64));
    }
    let dims: Vec<usize> = raw
        .chunks_exact(4)
        .map(|d| u32::from_be_bytes([d[0], d[1], d[2], d[3]]) as usize)
        .collect();
    let len = dims
        .iter()
        .try_fold(1u64, |p, &d| p.checked_mul(d as u64))
        .filter(|&len| usize::try_from(len).is_ok())
        .ok_or_else(|| DataError::WrongDimensions {
            what: what.to_string(),
            problem: format!("sizes {dims:?} are too large to be real"),
        })?;

    // Allocation follows the bytes actually present, never only the header's claim.
    let mut data = Vec::with_capacity(len.min(1 << 26) as usize);
    match r.by_ref().take(len).read_to_end(&mut data) {
        // A gzip stream that was cut off: the bytes it did give are counted below.
        Err(e) if e.kind() != io::ErrorKind::UnexpectedEof => return Err(gzip(what, e)),
        _ => {}
    }
    if (data.len() as u64) < len {
        return Err(truncated(
            what,
            header_len + len,
            header_len + data.len() as u64,
        ));
    }
    // Reading on to the end also makes the gzip decoder check its CRC, so here a cut-off stream
    // is an error.
    let mut more = [0u8; 1];
    if r.read(&mut more).map_err(|e| gzip(what, e))? > 0 {
        return Err(DataError::TrailingBytes {
            what: what.to_string(),
            expected: header_len + len,
        });
    }
    Ok(Idx { dims, data })
}

/// Reads until `buf` is full or the input ends, a cut-off gzip stream included; returns how many
/// bytes were read.
fn fill<R: Read>(r: &mut R, buf: &mut [u8], what: &str) -> Result<usize, DataError> {
    let mut n = 0;
    while n < buf.len() {
        match r.read(&mut buf[n..]) {
            Ok(0) => break,
            Ok(k) => n += k,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) if e.kind() == io::ErrorKind::UnexpectedEof => break,
            Err(e) => return Err(gzip(what, e)),
        }
    }
    Ok(n)
}

fn truncated(what: &str, expected: u64, found: u64) -> DataError {
    DataError::Truncated {
        what: what.to_string(),
        expected,
        found,
    }
}

/// Reading a byte slice cannot fail, so a read error comes from the gzip decoder.
fn gzip(what: &str, e: io::Error) -> DataError {
    DataError::Gzip {
        what: what.to_string(),
        message: e.to_string(),
    }
}
