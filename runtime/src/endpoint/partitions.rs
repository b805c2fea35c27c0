//! The partitions document `aws.partition` reads: the embedded AWS one
//! ([`Partitions::aws`]) or one a caller supplies ([`Partitions::from_json`]).

use super::value::Value;
use super::Error;
use sdkgen_pattern::Pattern;
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, LazyLock};

// AWS partition data (Apache-2.0, as embedded in aws-sdk-chime 1.121.0; see
// ../shared/endpoints/LICENSE.aws-sdk-chime).
const AWS_PARTITIONS: &str = include_str!("../../data/partitions.json");

static AWS: LazyLock<Arc<Partitions>> = LazyLock::new(|| {
    Arc::new(Partitions::from_json(AWS_PARTITIONS).unwrap_or_else(|e| {
        // The embedded document is tested (`embedded_document_reads`); this
        // cannot happen in a build whose tests passed.
        panic!("embedded partitions.json: {e}")
    }))
});

/// A partitions document, read once.
#[derive(Clone, Debug)]
pub struct Partitions {
    version: Option<String>,
    partitions: Vec<Partition>,
}

#[derive(Clone, Debug)]
struct Partition {
    id: String,
    region_regex: Pattern,
    /// Explicit regions: the partition's outputs with the region's own
    /// values merged in.
    regions: HashMap<String, PartitionOutputs>,
    outputs: PartitionOutputs,
}

/// What `aws.partition` returns for a region.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PartitionOutputs {
    value: Value,
}

impl PartitionOutputs {
    fn field(&self, name: &str) -> Option<&Value> {
        self.value.as_object().and_then(|o| o.get(name))
    }

    /// The partition's name (`aws`).
    pub fn name(&self) -> &str {
        self.field("name")
            .and_then(Value::as_str)
            .unwrap_or_default()
    }

    /// The DNS suffix (`amazonaws.com`).
    pub fn dns_suffix(&self) -> &str {
        self.field("dnsSuffix")
            .and_then(Value::as_str)
            .unwrap_or_default()
    }

    /// The dual-stack DNS suffix (`api.aws`).
    pub fn dual_stack_dns_suffix(&self) -> &str {
        self.field("dualStackDnsSuffix")
            .and_then(Value::as_str)
            .unwrap_or_default()
    }

    /// Whether FIPS endpoints exist.
    pub fn supports_fips(&self) -> bool {
        self.field("supportsFIPS")
            .and_then(Value::as_bool)
            .unwrap_or_default()
    }

    /// Whether dual-stack endpoints exist.
    pub fn supports_dual_stack(&self) -> bool {
        self.field("supportsDualStack")
            .and_then(Value::as_bool)
            .unwrap_or_default()
    }

    /// The region global endpoints sign for (`us-east-1`).
    pub fn implicit_global_region(&self) -> &str {
        self.field("implicitGlobalRegion")
            .and_then(Value::as_str)
            .unwrap_or_default()
    }

    /// All outputs as the record the rules language sees, with any field
    /// the document has beyond the six above.
    pub fn as_value(&self) -> &Value {
        &self.value
    }
}

impl Partitions {
    /// The AWS partitions embedded in this crate (`runtime/data/partitions.json`).
    pub fn aws() -> &'static Arc<Partitions> {
        &AWS
    }

    /// Reads a partitions document (`{"partitions": [{"id", "regionRegex",
    /// "regions", "outputs"}], "version"}`): each region regex must compile
    /// (as ECMA 262, the way the generator reads `@pattern`s), and the outputs
    /// must have the six fields of the rules language with their types.
    pub fn from_json(json: &str) -> Result<Partitions, Error> {
        let raw: RawPartitions = serde_json::from_str(json)
            .map_err(|e| Error::new("", format!("not a partitions document: {e}")))?;
        let mut partitions = Vec::with_capacity(raw.partitions.len());
        for (i, p) in raw.partitions.into_iter().enumerate() {
            let loc = format!("partitions[{i}]");
            let region_regex = Pattern::new(&p.region_regex)
                .map_err(|e| Error::new(format!("{loc}.regionRegex"), format!("{e}")))?;
            let outputs = outputs(&p.outputs, &format!("{loc}.outputs"))?;
            let mut regions = HashMap::with_capacity(p.regions.len());
            for (name, overrides) in p.regions {
                let mut merged = outputs.clone();
                for (k, v) in overrides {
                    if k == "description" {
                        continue;
                    }
                    if let Some(v) = Value::from_json(&v)
                        .map_err(|e| Error::new(format!("{loc}.regions.{name}.{k}"), e))?
                    {
                        merged.insert(k, v);
                    }
                }
                let merged = check(merged, &format!("{loc}.regions.{name}"))?;
                regions.insert(name, merged);
            }
            partitions.push(Partition {
                id: p.id,
                region_regex,
                regions,
                outputs: check(outputs, &format!("{loc}.outputs"))?,
            });
        }
        Ok(Partitions {
            version: raw.version,
            partitions,
        })
    }

    /// The document's version (`1.1`).
    pub fn version(&self) -> Option<&str> {
        self.version.as_deref()
    }

    /// The partition of `region`, as the AWS SDKs resolve it: first a
    /// partition listing the region explicitly (its outputs merged with the
    /// region's), else the first whose `regionRegex` matches, else the `aws`
    /// partition; `None` only when there is no `aws` partition either.
    pub fn resolve(&self, region: &str) -> Option<&PartitionOutputs> {
        self.partitions
            .iter()
            .find_map(|p| p.regions.get(region))
            .or_else(|| {
                self.partitions
                    .iter()
                    .find(|p| p.region_regex.is_match(region))
                    .map(|p| &p.outputs)
            })
            .or_else(|| {
                self.partitions
                    .iter()
                    .find(|p| p.id == "aws")
                    .map(|p| &p.outputs)
            })
    }
}

fn outputs(
    raw: &BTreeMap<String, serde_json::Value>,
    loc: &str,
) -> Result<BTreeMap<String, Value>, Error> {
    let mut out = BTreeMap::new();
    for (k, v) in raw {
        if let Some(v) = Value::from_json(v).map_err(|e| Error::new(format!("{loc}.{k}"), e))? {
            out.insert(k.clone(), v);
        }
    }
    Ok(out)
}

fn check(fields: BTreeMap<String, Value>, loc: &str) -> Result<PartitionOutputs, Error> {
    const STRINGS: [&str; 4] = [
        "name",
        "dnsSuffix",
        "dualStackDnsSuffix",
        "implicitGlobalRegion",
    ];
    const BOOLS: [&str; 2] = ["supportsFIPS", "supportsDualStack"];
    for k in STRINGS {
        if !matches!(fields.get(k), Some(Value::String(_))) {
            return Err(Error::new(loc, format!("`{k}` must be a string")));
        }
    }
    for k in BOOLS {
        if !matches!(fields.get(k), Some(Value::Bool(_))) {
            return Err(Error::new(loc, format!("`{k}` must be a boolean")));
        }
    }
    Ok(PartitionOutputs {
        value: Value::Object(fields),
    })
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawPartitions {
    partitions: Vec<RawPartition>,
    version: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawPartition {
    id: String,
    region_regex: String,
    #[serde(default)]
    regions: BTreeMap<String, BTreeMap<String, serde_json::Value>>,
    outputs: BTreeMap<String, serde_json::Value>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_document_reads() {
        let aws = Partitions::aws();
        assert_eq!(aws.version(), Some("1.1"));
        let p = aws.resolve("eu-west-1").unwrap();
        assert_eq!(p.name(), "aws");
        assert_eq!(p.dns_suffix(), "amazonaws.com");
        assert_eq!(p.dual_stack_dns_suffix(), "api.aws");
        assert!(p.supports_fips() && p.supports_dual_stack());
        assert_eq!(p.implicit_global_region(), "us-east-1");
    }

    const DOC: &str = r#"{"partitions": [
        {"id": "aws", "regionRegex": "^(us|eu)\\-\\w+\\-\\d+$",
         "regions": {"us-east-1": {"description": "x"}, "special": {"dnsSuffix": "special.example"}},
         "outputs": {"name": "aws", "dnsSuffix": "amazonaws.com", "dualStackDnsSuffix": "api.aws",
                     "supportsFIPS": true, "supportsDualStack": true, "implicitGlobalRegion": "us-east-1"}},
        {"id": "other", "regionRegex": "^other\\-\\w+\\-\\d+$", "regions": {"us-odd-1": {}},
         "outputs": {"name": "other", "dnsSuffix": "other.example", "dualStackDnsSuffix": "o.example",
                     "supportsFIPS": false, "supportsDualStack": false, "implicitGlobalRegion": "other-x-1"}}
    ]}"#;

    #[test]
    fn custom_documents() {
        let parts = Partitions::from_json(DOC).unwrap();
        assert_eq!(
            parts.resolve("special").unwrap().dns_suffix(),
            "special.example"
        );
        assert_eq!(parts.resolve("special").unwrap().name(), "aws");
        assert_eq!(parts.resolve("other-x-1").unwrap().name(), "other");
        // Explicit beats any regex, even an earlier partition's.
        assert_eq!(parts.resolve("us-odd-1").unwrap().name(), "other");
        assert_eq!(parts.resolve("zz").unwrap().name(), "aws");
        // `\w` is ASCII, as ECMA 262 and Java read it.
        assert_eq!(parts.resolve("other-\u{e9}-1").unwrap().name(), "aws");
    }

    #[test]
    fn bad_documents() {
        let e = |s: &str| Partitions::from_json(s).unwrap_err().to_string();
        assert!(e("[]").contains("not a partitions document"));
        let bad_regex = DOC.replace(r"^other\\-", r"^(other");
        assert!(e(&bad_regex).contains("partitions[1].regionRegex"));
        let no_name = DOC.replace(r#""name": "other","#, "");
        assert!(e(&no_name).contains("`name` must be a string"));
        let bad_override = DOC.replace(
            r#"{"dnsSuffix": "special.example"}"#,
            r#"{"supportsFIPS": "yes"}"#,
        );
        assert!(e(&bad_override).contains("regions.special"));
    }
}
