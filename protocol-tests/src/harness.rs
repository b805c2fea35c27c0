//! Runs the generated compliance cases against the crate's
//! `expected-failures.txt`. Shared by the protocol-test crates (one a
//! service: `protocol-tests` for restJson1, `protocol-tests/json10`, ...),
//! whose build.rs names the service and its protocol
//! (`PROTOCOL_TESTS_SERVICE`, `PROTOCOL_TESTS_PROTOCOL`).

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
    let in_model = cases_in_model();
    let skipped = in_model.saturating_sub(cases.len());
    println!(
        "{} client cases of {}: {passed} passed, {failed} failed, {skipped} skipped (expected failures: {})",
        protocol_name(),
        env!("PROTOCOL_TESTS_SERVICE"),
        expected.len()
    );
}

/// The protocol's name, `restJson1`, from its trait id.
fn protocol_name() -> &'static str {
    let id = env!("PROTOCOL_TESTS_PROTOCOL");
    id.rsplit('#').next().unwrap_or(id)
}

/// How many client cases of the protocol the model file states for the
/// service's operations and their errors (to count the ones not generated).
#[cfg(not(sdkgen_model_absent))]
fn cases_in_model() -> usize {
    use serde_json::Value;
    let Ok(text) = std::fs::read_to_string(env!("SDKGEN_SHARED_MODEL")) else {
        return 0;
    };
    let Ok(model) = serde_json::from_str::<Value>(&text) else {
        return 0;
    };
    let shapes = &model["shapes"];
    let client_cases = |shape: &Value, key: &str| {
        shape["traits"][key]
            .as_array()
            .map(|cases| {
                cases
                    .iter()
                    .filter(|c| {
                        c["protocol"] == env!("PROTOCOL_TESTS_PROTOCOL")
                            && c["appliesTo"] != "server"
                    })
                    .count()
            })
            .unwrap_or(0)
    };
    let mut errors = std::collections::BTreeSet::new();
    let mut n = 0;
    for op in shapes[env!("PROTOCOL_TESTS_SERVICE")]["operations"]
        .as_array()
        .into_iter()
        .flatten()
    {
        let op = &shapes[op["target"].as_str().unwrap_or_default()];
        n += client_cases(op, "smithy.test#httpRequestTests")
            + client_cases(op, "smithy.test#httpResponseTests");
        for e in op["errors"].as_array().into_iter().flatten() {
            errors.insert(e["target"].as_str().unwrap_or_default().to_owned());
        }
    }
    n + errors
        .iter()
        .map(|e| client_cases(&shapes[e.as_str()], "smithy.test#httpResponseTests"))
        .sum::<usize>()
}

#[cfg(sdkgen_model_absent)]
#[test]
fn skipped_model_absent() {
    eprintln!(
        "skipped: ../shared/protocol-tests/aws-protocol-tests.json is absent: no {} cases of {} ran",
        protocol_name(),
        env!("PROTOCOL_TESTS_SERVICE")
    );
}
