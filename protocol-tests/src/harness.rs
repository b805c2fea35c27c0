//! Runs the generated compliance cases against the crate's
//! `expected-failures.txt`. Shared by the protocol-test crates (one a
//! service: `protocol-tests` for restJson1, `protocol-tests/json10`, ...),
//! whose build.rs names the service (`PROTOCOL_TESTS_SERVICE`, set by
//! `sdkgen::build_protocol_tests`); its protocol is the model's.

use std::collections::BTreeMap;

/// `expected-failures.txt`: `request Id` / `response Id` lines, each with a
/// reason after `#`.
fn expected_failures() -> BTreeMap<(String, String), String> {
    include_str!(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/expected-failures.txt"
    ))
    .lines()
    .filter(|line| !line.trim_start().starts_with('#'))
    .filter_map(|line| {
        let (case, reason) = line.split_once('#').unwrap_or((line, ""));
        let mut words = case.split_whitespace();
        let (kind, id) = (words.next()?, words.next()?);
        Some(((kind.to_owned(), id.to_owned()), reason.trim().to_owned()))
    })
    .collect()
}

/// Runs a case; a panic inside it is a failure, not a crash of the run.
fn run(case: fn() -> Result<(), String>) -> Result<(), String> {
    std::panic::catch_unwind(case).unwrap_or_else(|panic| {
        let message = panic
            .downcast_ref::<String>()
            .cloned()
            .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
            .unwrap_or_default();
        Err(format!("panicked: {message}"))
    })
}

/// One case's test: it must pass, or, when listed as an expected failure,
/// still fail.
#[cfg_attr(
    sdkgen_model_absent,
    allow(dead_code, reason = "no cases without the model")
)]
pub(crate) fn check(kind: &str, id: &str, case: fn() -> Result<(), String>) {
    let listed = expected_failures().remove(&(kind.to_owned(), id.to_owned()));
    match (run(case), listed) {
        (Ok(()), None) | (Err(_), Some(_)) => {}
        (Err(e), None) => panic!("{kind} {id} failed: {e}"),
        (Ok(()), Some(reason)) => {
            panic!("{kind} {id} passes now: remove it from {}/expected-failures.txt (listed as: {reason})", env!("CARGO_MANIFEST_DIR"))
        }
    }
}

#[cfg(not(sdkgen_model_absent))]
#[test]
fn summary() {
    let expected = expected_failures();
    let cases = crate::protocol_tests::CASES;
    let (mut passed, mut failed) = (0, 0);
    for (_, _, case) in cases {
        match run(*case) {
            Ok(()) => passed += 1,
            Err(_) => failed += 1,
        }
    }
    for (kind, id) in expected.keys() {
        assert!(
            cases.iter().any(|(k, i, _)| k == kind && i == id),
            "expected-failures.txt lists {kind} {id}, which is no generated case"
        );
    }
    let (protocol, in_model) = cases_in_model();
    let skipped = in_model.saturating_sub(cases.len());
    println!(
        "{} client cases of {}: {passed} passed, {failed} failed, {skipped} skipped (expected failures: {})",
        protocol.rsplit('#').next().unwrap_or(&protocol),
        env!("PROTOCOL_TESTS_SERVICE"),
        expected.len()
    );
}

/// The protocols a compliance case can be written for: the ones the
/// generator speaks.
#[cfg(not(sdkgen_model_absent))]
const PROTOCOLS: &[&str] = &[
    "aws.protocols#restJson1",
    "aws.protocols#awsJson1_0",
    "aws.protocols#awsJson1_1",
];

/// The service's protocol (its protocol trait in the model file), and how
/// many client cases of that protocol the model states for the service's
/// operations and their errors (to count the ones not generated).
#[cfg(not(sdkgen_model_absent))]
fn cases_in_model() -> (String, usize) {
    use serde_json::Value;
    let model = std::fs::read_to_string(env!("SDKGEN_SHARED_MODEL"))
        .ok()
        .and_then(|text| serde_json::from_str::<Value>(&text).ok())
        .unwrap_or_default();
    let shapes = &model["shapes"];
    let service = &shapes[env!("PROTOCOL_TESTS_SERVICE")];
    let protocol = PROTOCOLS
        .iter()
        .find(|p| service["traits"].get(**p).is_some())
        .copied()
        .unwrap_or("an unknown protocol");
    let client_cases = |shape: &Value, key: &str| {
        shape["traits"][key]
            .as_array()
            .map(|cases| {
                cases
                    .iter()
                    .filter(|c| c["protocol"] == protocol && c["appliesTo"] != "server")
                    .count()
            })
            .unwrap_or(0)
    };
    let mut errors = std::collections::BTreeSet::new();
    let mut n = 0;
    for op in service["operations"].as_array().into_iter().flatten() {
        let op = &shapes[op["target"].as_str().unwrap_or_default()];
        n += client_cases(op, "smithy.test#httpRequestTests")
            + client_cases(op, "smithy.test#httpResponseTests");
        for e in op["errors"].as_array().into_iter().flatten() {
            errors.insert(e["target"].as_str().unwrap_or_default().to_owned());
        }
    }
    let n = n + errors
        .iter()
        .map(|e| client_cases(&shapes[e.as_str()], "smithy.test#httpResponseTests"))
        .sum::<usize>();
    (protocol.to_owned(), n)
}

#[cfg(sdkgen_model_absent)]
#[test]
fn skipped_model_absent() {
    eprintln!(
        "skipped: ../shared/protocol-tests/aws-protocol-tests.json is absent: no cases of {} ran",
        env!("PROTOCOL_TESTS_SERVICE")
    );
}
