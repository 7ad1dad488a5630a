//! What the integration tests share.

/// Called by a test whose data files are missing. Under `make test` (scripts/test.sh sets
/// NNDL_REQUIRE_DATA=1, after scripts/setup.sh has prepared the data) that fails the test: one
/// that passes without its data has checked nothing. A bare `cargo test` on a checkout without
/// the data gets a note and a skip, so that a contributor can run the rest.
pub fn data_missing(what: &str) {
    let required = std::env::var("NNDL_REQUIRE_DATA").is_ok_and(|v| !v.is_empty() && v != "0");
    assert!(
        !required,
        "{what}, and NNDL_REQUIRE_DATA is set: scripts/setup.sh --test prepares it"
    );
    eprintln!("note: {what}; skipped (make test does not skip it)");
}
