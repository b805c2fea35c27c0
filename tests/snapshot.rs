//! The code this crate compiles is the reviewed snapshot in
//! `codegen/tests/snapshots/chime_sdk.rs`: so the snapshot is compiled (and
//! linted, and tested) on every build, and a generator change that alters it
//! shows up as a diff to review.

#[test]
fn compiled_code_is_the_snapshot() {
    let built = include_str!(concat!(env!("OUT_DIR"), "/chime_sdk.rs"));
    let snapshot = include_str!("../codegen/tests/snapshots/chime_sdk.rs");
    assert!(
        built == snapshot,
        "the generated code differs from the snapshot; review, then run\n    UPDATE_SNAPSHOTS=1 cargo test -p sdkgen --test pipeline"
    );
}
