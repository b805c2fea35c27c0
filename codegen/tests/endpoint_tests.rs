//! `Settings::endpoint_tests`: a model's `smithy.rules#endpointTests` cases
//! become `endpoint_case_<n>` tests; and the cases of `model/chime.json` pass
//! with its rule set (the root crate runs them as its unit tests too).

use sdkgen::Settings;
use sdkgen_runtime::endpoint::{check_case, check_case_json, Partitions, RuleSet};
use std::path::{Path, PathBuf};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn chime() -> PathBuf {
    repo().join("model/chime.json")
}

fn generate(model: &Path, endpoint_tests: bool) -> String {
    let text = std::fs::read_to_string(model).expect("model");
    let name = model.file_name().unwrap().to_string_lossy().into_owned();
    let mut settings = Settings::default();
    settings.endpoint_tests = endpoint_tests;
    sdkgen::generate(&[(name, text)], &settings)
        .expect("generates")
        .code
}

#[test]
fn one_test_per_case_in_model_order() {
    let service = sdkgen::load(&[chime()], &Settings::default()).expect("loads");
    let rules = service.endpoint_rules.as_ref().expect("a rule set");
    assert_eq!(rules.tests.len(), 26);
    let code = generate(&chime(), true);
    assert!(
        code.contains("#[cfg(test)]\nmod endpoint_tests {"),
        "{code}"
    );
    assert!(code.contains("use ::sdkgen_runtime::__private as rt;"));
    assert!(
        code.contains("rt::endpoint::check_case_resolver(&resolver(), params, expect)")
            && code.contains("match rt::endpoint::case_partitions() {"),
        "{code}"
    );
    // The rule set is embedded once, in `SERVICE`.
    assert_eq!(code.matches("\"version\"").count(), 1, "{code}");
    assert!(code.contains("rules: ::std::option::Option::Some(\n        ::sdkgen_runtime::__private::client::Rules::new("), "{code}");
    assert_eq!(
        code.matches("    #[test]\n    fn endpoint_case_").count(),
        26
    );
    let mut at = 0;
    for (i, case) in rules.tests.iter().enumerate() {
        let head = format!(
            "    /// {}\n    #[test]\n    fn endpoint_case_{i}() {{\n",
            case.documentation
        );
        let found = code[at..]
            .find(&head)
            .unwrap_or_else(|| panic!("case {i} in order, as {head:?}"));
        at += found + head.len();
        // The call, as prettyplease lays it out (one argument a line where
        // they are long).
        let end = code[at..].find("\n    }\n").map_or(code.len(), |e| at + e);
        let body = &code[at..end];
        let params = body.find(&format!("r#\"{}\"#", case.params));
        let expect = body.find(&format!("r#\"{}\"#", case.expect));
        assert!(
            body.trim_start().starts_with("check(") && params.is_some() && params < expect,
            "case {i}: {body}"
        );
    }
}

#[test]
fn nothing_without_the_setting_or_a_rule_set() {
    assert!(!generate(&chime(), false).contains("endpoint_tests"));
    let more = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/models/more.json");
    let service = sdkgen::load(std::slice::from_ref(&more), &Settings::default()).expect("loads");
    assert!(
        service.endpoint_rules.is_none(),
        "more.json has no rule set"
    );
    assert!(!generate(&more, true).contains("endpoint_tests"));
}

/// What the generated tests do, here: every case of `model/chime.json`
/// passes on the embedded partitions.
#[test]
fn chime_cases_pass() {
    let service = sdkgen::load(&[chime()], &Settings::default()).expect("loads");
    let rules = service.endpoint_rules.expect("a rule set");
    let rule_set = RuleSet::from_json(&rules.rule_set).expect("the rule set reads");
    let failures: Vec<String> = rules
        .tests
        .iter()
        .enumerate()
        .filter_map(|(i, case)| {
            check_case(&rule_set, &case.params, &case.expect)
                .err()
                .map(|e| format!("{i} ({}): {e}", case.documentation))
        })
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The rule set of `model/chime.json` behaves as the official model's: its
/// 26 cases, as they are there, pass on the partitions they were written
/// against (runtime/tests/data/partitions-2025-04.json: the ISO partitions
/// not yet dual-stack). Skipped where the shared
/// corpus is absent.
#[test]
fn official_chime_cases_pass_with_our_rule_set() {
    let official = repo().join("../shared/models/chime-2018-05-01.json");
    let Ok(text) = std::fs::read_to_string(&official) else {
        eprintln!("skipping: {} is absent", official.display());
        return;
    };
    let model: serde_json::Value = serde_json::from_str(&text).expect("JSON");
    let cases = model["shapes"]
        .as_object()
        .into_iter()
        .flatten()
        .find(|(_, s)| s["type"] == "service")
        .map(|(_, s)| s["traits"]["smithy.rules#endpointTests"]["testCases"].clone())
        .expect("a service with endpoint tests");
    let cases = cases.as_array().expect("a list");
    assert_eq!(cases.len(), 26);

    let partitions = Partitions::from_json(include_str!(
        "../../runtime/tests/data/partitions-2025-04.json"
    ))
    .expect("partitions");

    let service = sdkgen::load(&[chime()], &Settings::default()).expect("loads");
    let rule_set = RuleSet::from_json(&service.endpoint_rules.expect("rules").rule_set)
        .expect("the rule set reads");
    let failures: Vec<String> = cases
        .iter()
        .enumerate()
        .filter_map(|(i, case)| {
            check_case_json(&rule_set, &case["params"], &case["expect"], &partitions)
                .err()
                .map(|e| format!("{i}: {e}"))
        })
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// `sdkgen generate` writes the cases beside the crate, as the integration
/// test `tests/endpoints.rs` that goes through its public resolver; the
/// crate's `src/lib.rs` holds none.
#[test]
fn sdkgen_generate_includes_them() {
    let out = Path::new(env!("CARGO_TARGET_TMPDIR")).join("endpoint-tests-crate");
    let _ = std::fs::remove_dir_all(&out);
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_sdkgen"))
        .args(["generate", "--model"])
        .arg(chime())
        .arg("--out")
        .arg(&out)
        .status()
        .expect("sdkgen runs");
    assert!(status.success());
    let lib = std::fs::read_to_string(out.join("src/lib.rs")).expect("src/lib.rs");
    assert!(!lib.contains("fn endpoint_case_"));
    assert!(lib.contains("pub struct DefaultResolver"));
    let tests =
        std::fs::read_to_string(out.join("tests/endpoints.rs")).expect("tests/endpoints.rs");
    assert!(tests.contains("\nuse chime_sdk as sdk;\n"), "{tests}");
    assert!(tests.contains("None => sdk::config::endpoint::DefaultResolver::new(),"));
    assert!(tests.contains("match ::sdkgen_runtime::endpoint::case_partitions() {"));
    assert_eq!(tests.matches("fn endpoint_case_").count(), 26);
}
