//! Every `smithy.rules#endpointTests` case of the corpus models, through the
//! rule set interpreter.
//!
//! The models are read from `../shared/models` beside the workspace root
//! (`aws/*.json` and `chime-2018-05-01.json`), never from the repository;
//! where they are absent the test says so and passes. A case that fails
//! fails the test unless `endpoint-expected-failures.txt` lists it (model,
//! case index, reason); a listed case that passes fails it too, so the list
//! stays true.
//!
//! The cases run on the partitions their expectations were written against
//! ([`models_partitions`]): the corpus (aws/api-models-aws, 2025-04-02) is
//! older than `runtime/data/partitions.json` (aws-sdk-chime 1.121.0), in which
//! the ISO partitions have since gained dual-stack endpoints. On the embedded
//! document those cases fail, as they should; the test prints how many.
//!
//! `cargo test -p sdkgen-runtime --release --test endpoint_rules -- --ignored
//! --nocapture` prints the cost of a resolution.

use aws_smithy_types::{Document, Number};
use sdkgen_runtime::endpoint::{
    check_case_json, evaluate, BuiltIns, Params, Partitions, RuleSet, RulesResolver, Value,
};
use serde_json::Value as Json;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

fn shared_models() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/models")
}

/// The corpus, sorted, or `None` (with a message) where it is absent.
fn corpus() -> Option<Vec<PathBuf>> {
    let dir = shared_models();
    let mut models: Vec<PathBuf> = match std::fs::read_dir(dir.join("aws")) {
        Ok(entries) => entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "json"))
            .collect(),
        Err(_) => Vec::new(),
    };
    models.sort();
    let chime = dir.join("chime-2018-05-01.json");
    if chime.exists() {
        models.push(chime);
    }
    if models.is_empty() {
        eprintln!(
            "skipping: no models under {} (the shared corpus is not checked out)",
            dir.display()
        );
        return None;
    }
    Some(models)
}

fn model_name(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// A service's rule set and test cases.
struct Service {
    id: String,
    rule_set: Json,
    cases: Vec<Json>,
}

fn services(path: &Path) -> Vec<Service> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let model: Json =
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut out = Vec::new();
    let Some(shapes) = model["shapes"].as_object() else {
        return out;
    };
    for (id, shape) in shapes {
        if shape["type"] != "service" {
            continue;
        }
        let traits = &shape["traits"];
        let rule_set = &traits["smithy.rules#endpointRuleSet"];
        if rule_set.is_null() {
            continue;
        }
        let cases = traits["smithy.rules#endpointTests"]["testCases"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        out.push(Service {
            id: id.clone(),
            rule_set: rule_set.clone(),
            cases,
        });
    }
    out
}

fn params_of(case: &Json) -> Params {
    let mut params = Params::new();
    if let Some(map) = case["params"].as_object() {
        for (name, value) in map {
            match Value::from_json(value) {
                Ok(Some(v)) => params.insert(name.clone(), v),
                Ok(None) => {}
                Err(e) => panic!("parameter {name}: {e}"),
            }
        }
    }
    params
}

/// The embedded partitions as they were when the corpus's test cases were
/// written (`tests/data/partitions-2025-04.json`): the ISO partitions
/// (`aws-iso*`) without dual-stack support, their dual-stack DNS suffix
/// their DNS suffix. The corpus's own expectations say so: `DualStack is
/// enabled but this partition does not support DualStack` for
/// `us-iso-east-1`, and `https://dsql.us-iso-east-1.c2s.ic.gov` for it with
/// dual-stack on (dsql's rules do not check the support flag).
fn models_partitions() -> Partitions {
    Partitions::from_json(include_str!("data/partitions-2025-04.json"))
        .expect("the corpus-era partitions read")
}

/// The corpus-era file differs from the embedded one in the ISO
/// partitions' dual-stack outputs alone.
#[test]
fn corpus_era_partitions_differ_in_iso_dual_stack_only() {
    let mut embedded: Json = serde_json::from_str(include_str!("../data/partitions.json")).unwrap();
    let era: Json = serde_json::from_str(include_str!("data/partitions-2025-04.json")).unwrap();
    let mut changed = 0;
    for p in embedded["partitions"].as_array_mut().unwrap() {
        if p["id"].as_str().is_some_and(|id| id.starts_with("aws-iso")) {
            let outputs = &mut p["outputs"];
            outputs["supportsDualStack"] = Json::Bool(false);
            outputs["dualStackDnsSuffix"] = outputs["dnsSuffix"].clone();
            changed += 1;
        }
    }
    assert!(changed >= 4, "the ISO partitions: {changed}");
    assert_eq!(embedded, era);
}

/// `None` if the case passes, else what went wrong.
fn check(rule_set: &RuleSet, case: &Json, partitions: &Partitions) -> Option<String> {
    check_case_json(rule_set, &case["params"], &case["expect"], partitions).err()
}

/// `(model, case index)` of the listed expected failures.
fn expected_failures() -> BTreeSet<(String, usize)> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/endpoint-expected-failures.txt");
    let text = std::fs::read_to_string(&path).unwrap_or_default();
    let mut out = BTreeSet::new();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let mut words = line.split_whitespace();
        let (Some(model), Some(index), Some(_reason)) = (words.next(), words.next(), words.next())
        else {
            panic!("{}:{}: want `model index reason`", path.display(), n + 1);
        };
        let index = index
            .parse()
            .unwrap_or_else(|_| panic!("{}:{}: bad case index", path.display(), n + 1));
        out.insert((model.to_owned(), index));
    }
    out
}

#[test]
fn corpus_endpoint_tests() {
    let Some(models) = corpus() else { return };
    let expected = expected_failures();
    let partitions = models_partitions();
    let (mut passed, mut total, mut embedded_passed) = (0, 0, 0);
    let mut unexpected = Vec::new();
    let mut stale = Vec::new();
    for path in &models {
        let model = model_name(path);
        let (mut model_passed, mut model_total) = (0, 0);
        for service in services(path) {
            let rule_set = match RuleSet::from_value(&service.rule_set) {
                Ok(r) => r,
                Err(e) => {
                    unexpected.push(format!("{model} ({}): rule set: {e}", service.id));
                    continue;
                }
            };
            for (i, case) in service.cases.iter().enumerate() {
                model_total += 1;
                let listed = expected.contains(&(model.clone(), i));
                if check(&rule_set, case, Partitions::aws()).is_none() {
                    embedded_passed += 1;
                }
                match check(&rule_set, case, &partitions) {
                    None if listed => stale.push(format!("{model} {i}")),
                    None => model_passed += 1,
                    Some(_) if listed => {}
                    Some(problem) => unexpected.push(format!(
                        "{model} {i} ({}): {problem}",
                        case["documentation"].as_str().unwrap_or("")
                    )),
                }
            }
        }
        println!("{model}: {model_passed}/{model_total}");
        passed += model_passed;
        total += model_total;
    }
    println!(
        "overall: {passed}/{total} passed, {} listed as expected failures, {} models",
        expected.len(),
        models.len()
    );
    println!(
        "on the embedded (newer) partitions: {embedded_passed}/{total} \
         (the others expect ISO partitions without dual-stack)"
    );
    assert!(
        unexpected.is_empty() && stale.is_empty(),
        "{} unexpected failures:\n{}\n{} listed failures that pass: {}",
        unexpected.len(),
        unexpected.join("\n"),
        stale.len(),
        stale.join(", ")
    );
}

fn document_json(d: &Document) -> Json {
    match d {
        Document::Object(o) => Json::Object(
            o.iter()
                .map(|(k, v)| (k.clone(), document_json(v)))
                .collect(),
        ),
        Document::Array(a) => Json::Array(a.iter().map(document_json).collect()),
        Document::Number(n) => match *n {
            Number::PosInt(u) => u.into(),
            Number::NegInt(i) => i.into(),
            Number::Float(f) => serde_json::Number::from_f64(f).map_or(Json::Null, Json::Number),
        },
        Document::String(s) => Json::String(s.clone()),
        Document::Bool(b) => Json::Bool(*b),
        Document::Null => Json::Null,
    }
}

/// The cases with `operationInputs`, through [`RulesResolver`] as a client
/// would run them: the inputs' `builtInParams` as [`BuiltIns`], the case's
/// other parameters (those no built-in sets: what an operation's context
/// parameters give) as the operation's [`Params`], and the smithy-rs
/// `Endpoint` compared with the expectation.
#[test]
fn corpus_operation_inputs_through_the_resolver() {
    let Some(models) = corpus() else { return };
    let partitions = Arc::new(models_partitions());
    let (mut passed, mut total) = (0, 0);
    let mut failures = Vec::new();
    for path in &models {
        let model = model_name(path);
        for service in services(path) {
            let rule_set =
                Arc::new(RuleSet::from_value(&service.rule_set).expect("rule set reads"));
            for (i, case) in service.cases.iter().enumerate() {
                let Some(inputs) = case["operationInputs"].as_array() else {
                    continue;
                };
                let all = params_of(case);
                let operation: Params = all
                    .iter()
                    .filter(|(name, _)| {
                        rule_set
                            .parameter(name)
                            .is_some_and(|p| p.built_in.is_none())
                    })
                    .map(|(k, v)| (k.to_owned(), v.clone()))
                    .collect();
                for input in inputs {
                    total += 1;
                    let mut built_ins = BuiltIns::new();
                    for (name, value) in input["builtInParams"].as_object().into_iter().flatten() {
                        if let Ok(Some(v)) = Value::from_json(value) {
                            built_ins = built_ins.set(name.clone(), v);
                        }
                    }
                    let resolver = RulesResolver::new(rule_set.clone(), built_ins)
                        .with_partitions(partitions.clone());
                    let got = resolver.resolve(&operation);
                    let expect = &case["expect"];
                    let ok = match (&got, expect["error"].as_str()) {
                        (Err(e), Some(message)) => e.to_string() == message,
                        (Ok(_), Some(_)) | (Err(_), None) => false,
                        (Ok(endpoint), None) => {
                            let want = &expect["endpoint"];
                            let headers: BTreeMap<String, Vec<String>> = endpoint
                                .headers()
                                .map(|(k, v)| (k.to_owned(), v.map(str::to_owned).collect()))
                                .collect();
                            let want_headers: BTreeMap<String, Vec<String>> =
                                serde_json::from_value(
                                    want.get("headers").cloned().unwrap_or(Json::Null),
                                )
                                .unwrap_or_default();
                            let properties = Json::Object(
                                endpoint
                                    .properties()
                                    .iter()
                                    .map(|(k, v)| (k.to_string(), document_json(v)))
                                    .collect(),
                            );
                            let want_properties = want
                                .get("properties")
                                .cloned()
                                .unwrap_or_else(|| Json::Object(Default::default()));
                            want["url"].as_str() == Some(endpoint.url())
                                && headers == want_headers
                                && properties == want_properties
                        }
                    };
                    if ok {
                        passed += 1;
                    } else {
                        failures.push(format!("{model} {i}: got {got:?}, expected {expect}"));
                    }
                }
            }
        }
    }
    println!("operation inputs through RulesResolver: {passed}/{total}");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Every node of a real rule set replaced in turn by each of a few wrong
/// values: reading gives a located error or a rule set, and evaluating that
/// rule set with every test case's parameters gives an endpoint or an error,
/// never a panic.
#[test]
fn damaged_rule_sets_never_panic() {
    let Some(models) = corpus() else { return };
    let Some(chime) = models.iter().find(|p| model_name(p) == "chime-2018-05-01") else {
        eprintln!("skipping: no Chime model");
        return;
    };
    let service = services(chime).into_iter().next().expect("a service");
    let params: Vec<Params> = service.cases.iter().map(params_of).collect();
    let replacements = [
        Json::Null,
        Json::Bool(true),
        serde_json::json!(-1),
        serde_json::json!(7),
        serde_json::json!("{Region}"),
        serde_json::json!("{"),
        serde_json::json!("x#y"),
        serde_json::json!([]),
        serde_json::json!({}),
        serde_json::json!({"ref": "Region"}),
        serde_json::json!({"fn": "getAttr", "argv": [{"ref": "Region"}, "[0]"]}),
        serde_json::json!({"fn": "substring", "argv": [{"ref": "Region"}, 0, 99, true]}),
    ];
    fn pointers(v: &Json, at: String, out: &mut Vec<String>) {
        match v {
            Json::Object(o) => o.iter().for_each(|(k, v)| {
                pointers(
                    v,
                    format!("{at}/{}", k.replace('~', "~0").replace('/', "~1")),
                    out,
                )
            }),
            Json::Array(a) => a
                .iter()
                .enumerate()
                .for_each(|(i, v)| pointers(v, format!("{at}/{i}"), out)),
            _ => {}
        }
        out.push(at);
    }
    let mut all = Vec::new();
    pointers(&service.rule_set, String::new(), &mut all);
    let (mut read, mut refused) = (0, 0);
    for pointer in all.iter().filter(|p| !p.is_empty()) {
        for replacement in &replacements {
            let mut damaged = service.rule_set.clone();
            *damaged.pointer_mut(pointer).expect("pointer exists") = replacement.clone();
            match RuleSet::from_value(&damaged) {
                Ok(rule_set) => {
                    read += 1;
                    for p in &params {
                        let _ = evaluate(&rule_set, p);
                    }
                }
                Err(e) => {
                    refused += 1;
                    assert!(!e.to_string().is_empty());
                }
            }
        }
    }
    println!("damaged rule sets: {read} read and evaluated, {refused} refused");
}

/// Nanoseconds per resolution, over every test case's parameters in turn.
fn time_per_call(rule_set: &Arc<RuleSet>, cases: &[Json]) -> (f64, f64) {
    let params: Vec<Params> = cases.iter().map(params_of).collect();
    time_params(rule_set, &params)
}

fn time_params(rule_set: &Arc<RuleSet>, params: &[Params]) -> (f64, f64) {
    let resolver = RulesResolver::new(rule_set.clone(), BuiltIns::new());
    let rounds = (200_000 / params.len().max(1)).max(1);
    let calls = (rounds * params.len()) as f64;
    let start = Instant::now();
    for _ in 0..rounds {
        for p in params {
            std::hint::black_box(evaluate(rule_set, std::hint::black_box(p)).is_ok());
        }
    }
    let evaluate_ns = start.elapsed().as_nanos() as f64 / calls;
    let start = Instant::now();
    for _ in 0..rounds {
        for p in params {
            std::hint::black_box(resolver.resolve(std::hint::black_box(p)).is_ok());
        }
    }
    let resolve_ns = start.elapsed().as_nanos() as f64 / calls;
    (evaluate_ns, resolve_ns)
}

#[test]
#[ignore = "timing; run with --release --ignored --nocapture"]
fn resolution_cost() {
    let Some(models) = corpus() else { return };
    let mut measured: Vec<(String, usize, Arc<RuleSet>, Vec<Json>)> = Vec::new();
    for path in &models {
        for service in services(path) {
            let size = service.rule_set.to_string().len();
            let rule_set =
                Arc::new(RuleSet::from_value(&service.rule_set).expect("rule set reads"));
            measured.push((model_name(path), size, rule_set, service.cases));
        }
    }
    measured.sort_by_key(|m| std::cmp::Reverse(m.1));
    let largest = measured.first().map(|m| m.0.clone());
    for (model, size, rule_set, cases) in &measured {
        if Some(model) != largest.as_ref() && model != "chime-2018-05-01" {
            continue;
        }
        let (evaluate_ns, resolve_ns) = time_per_call(rule_set, cases);
        println!(
            "{model} (rule set {size} bytes, {} cases): evaluate {evaluate_ns:.0} ns/call, \
             RulesResolver::resolve (with the smithy-rs Endpoint) {resolve_ns:.0} ns/call",
            cases.len()
        );
    }
    let typical = Params::new()
        .set("Region", "us-east-1")
        .set("UseFIPS", false)
        .set("UseDualStack", false);
    for (model, _, rule_set, _) in &measured {
        if model == "chime-2018-05-01" {
            let (evaluate_ns, resolve_ns) = time_params(rule_set, std::slice::from_ref(&typical));
            println!(
                "{model}, us-east-1 only: evaluate {evaluate_ns:.0} ns/call, resolve {resolve_ns:.0} ns/call"
            );
        }
    }
    for region in ["us-east-1", "us-west-9", "mars-east-1"] {
        let partitions = Partitions::aws();
        let rounds = 200_000;
        let start = Instant::now();
        for _ in 0..rounds {
            std::hint::black_box(partitions.resolve(std::hint::black_box(region)));
        }
        println!(
            "aws.partition({region}): {:.0} ns/call",
            start.elapsed().as_nanos() as f64 / rounds as f64
        );
    }
    let start = Instant::now();
    let mut n = 0;
    for (_, _, rule_set, cases) in &measured {
        for case in cases {
            std::hint::black_box(evaluate(rule_set, &params_of(case)).is_ok());
            n += 1;
        }
    }
    println!(
        "all {} cases once (with building Params from JSON): {:.0} ns/case",
        n,
        start.elapsed().as_nanos() as f64 / n as f64
    );
}
