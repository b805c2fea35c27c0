//! Checking inputs against the model's constraints before any I/O.
//!
//! Generated `validate()` methods call these helpers for every constrained
//! member and collect all violations, so one error names every problem.
//! Messages name the member and the constraint, never the value: a value may
//! be `@sensitive`.

pub use sdkgen_pattern::Pattern;
use std::fmt;

/// One violated constraint.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Violation {
    /// Path of the member, e.g. `CreateRoomInput.ClientRequestToken`.
    pub path: String,
    /// What is violated.
    pub constraint: Constraint,
}

/// The kinds of constraint the model can place on a member.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Constraint {
    /// `@required`: the member is not set.
    Required,
    /// `@length`: too short or too long (counted in characters for strings,
    /// in items for lists and maps).
    Length {
        /// Minimum, if any.
        min: Option<u64>,
        /// Maximum, if any.
        max: Option<u64>,
    },
    /// `@pattern`: the value does not match the regular expression.
    Pattern(&'static str),
    /// `@range`: the number is out of range.
    Range {
        /// Minimum, if any.
        min: Option<String>,
        /// Maximum, if any.
        max: Option<String>,
    },
    /// `@httpLabel`: a URI label must not be empty.
    EmptyLabel,
}

impl fmt::Display for Constraint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Constraint::Required => f.write_str("is required but not set"),
            Constraint::Length { min, max } => match (min, max) {
                (Some(min), Some(max)) => write!(f, "must have a length between {min} and {max}"),
                (Some(min), None) => write!(f, "must have a length of at least {min}"),
                (None, Some(max)) => write!(f, "must have a length of at most {max}"),
                (None, None) => f.write_str("has an unbounded length constraint"),
            },
            Constraint::Pattern(p) => write!(f, "must match the pattern `{p}`"),
            Constraint::Range { min, max } => match (min, max) {
                (Some(min), Some(max)) => write!(f, "must be between {min} and {max}"),
                (Some(min), None) => write!(f, "must be at least {min}"),
                (None, Some(max)) => write!(f, "must be at most {max}"),
                (None, None) => f.write_str("has an unbounded range constraint"),
            },
            Constraint::EmptyLabel => {
                f.write_str("must not be empty (it is bound to the URI path)")
            }
        }
    }
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.path, self.constraint)
    }
}

/// Every constraint an input violates. Returned by generated `validate()`
/// methods and carried as the source of a construction failure.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValidationError {
    violations: Vec<Violation>,
}

impl ValidationError {
    /// The violations, in member order.
    pub fn violations(&self) -> &[Violation] {
        &self.violations
    }
}

impl fmt::Display for ValidationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.violations.len();
        write!(
            f,
            "{n} validation error{} detected: ",
            if n == 1 { "" } else { "s" }
        )?;
        for (i, v) in self.violations.iter().enumerate() {
            if i > 0 {
                f.write_str("; ")?;
            }
            write!(f, "{v}")?;
        }
        Ok(())
    }
}

impl std::error::Error for ValidationError {}

/// Collects violations while a generated `validate()` walks an input.
#[derive(Debug, Default)]
pub struct Validator {
    violations: Vec<Violation>,
}

impl Validator {
    /// An empty collector.
    pub fn new() -> Self {
        Self::default()
    }

    fn push(&mut self, path: &str, constraint: Constraint) {
        self.violations.push(Violation {
            path: path.to_owned(),
            constraint,
        });
    }

    /// Records a missing `@required` member.
    pub fn required<T>(&mut self, path: &str, value: Option<&T>) {
        if value.is_none() {
            self.push(path, Constraint::Required);
        }
    }

    /// Checks an `@httpLabel` string is not empty.
    pub fn label(&mut self, path: &str, value: &str) {
        if value.is_empty() {
            self.push(path, Constraint::EmptyLabel);
        }
    }

    /// Checks `@length` of a string, counted in Unicode scalar values as
    /// Smithy specifies.
    pub fn str_length(&mut self, path: &str, value: &str, min: Option<u64>, max: Option<u64>) {
        self.length(path, value.chars().count(), min, max);
    }

    /// Checks `@length` of a collection or blob.
    pub fn length(&mut self, path: &str, len: usize, min: Option<u64>, max: Option<u64>) {
        let len = len as u64;
        if min.is_some_and(|m| len < m) || max.is_some_and(|m| len > m) {
            self.push(path, Constraint::Length { min, max });
        }
    }

    /// Checks `@pattern`: an ECMA 262 regular expression, tested as a search
    /// (Smithy patterns are not implicitly anchored).
    pub fn pattern(&mut self, path: &str, value: &str, compiled: &Pattern, pattern: &'static str) {
        if !compiled.is_match(value) {
            self.push(path, Constraint::Pattern(pattern));
        }
    }

    /// Checks `@range` of a number.
    pub fn range<N: PartialOrd + fmt::Display + Copy>(
        &mut self,
        path: &str,
        value: N,
        min: Option<N>,
        max: Option<N>,
    ) {
        if min.is_some_and(|m| value < m) || max.is_some_and(|m| value > m) {
            let min = min.map(|m| m.to_string());
            let max = max.map(|m| m.to_string());
            self.push(path, Constraint::Range { min, max });
        }
    }

    /// Ends the walk: `Ok` when nothing was violated.
    pub fn finish(self) -> Result<(), ValidationError> {
        if self.violations.is_empty() {
            Ok(())
        } else {
            Err(ValidationError {
                violations: self.violations,
            })
        }
    }
}

/// Compiles a pattern the generator already checked at build time.
///
/// The generator accepts a `@pattern` by this same function
/// ([`Pattern::new`], the one rule of `sdkgen-pattern`) and fails the build
/// on an invalid one, so a failure here means a generated crate built
/// against another version of the rule; it is reported as a pattern that
/// never matches rather than a panic.
pub fn compile_pattern(pattern: &str) -> Pattern {
    Pattern::new(pattern).unwrap_or_else(|_| Pattern::never())
}

/// Compiles the `regex` crate spelling the generator translated a pattern
/// into ([`Pattern::translation`]), for the patterns that run on the lazy
/// DFA: through this function alone an SDK does not link the backtracking
/// engine. A translation that does not compile (a generator of another
/// version) never matches.
pub fn compile_translation(translation: &str) -> Pattern {
    Pattern::from_translation(translation).unwrap_or_else(Pattern::never)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn collects_every_violation_in_order() {
        let mut v = Validator::new();
        v.required::<String>("In.A", None);
        v.str_length("In.B", "x", Some(2), Some(64));
        v.pattern("In.B", "x!", &compile_pattern("^[a-z]*$"), "^[a-z]*$");
        v.label("In.C", "");
        let err = v.finish().unwrap_err();
        let paths: Vec<_> = err.violations().iter().map(|v| v.path.as_str()).collect();
        assert_eq!(paths, ["In.A", "In.B", "In.B", "In.C"]);
        assert_eq!(
            err.to_string(),
            "4 validation errors detected: In.A is required but not set; \
             In.B must have a length between 2 and 64; In.B must match the pattern `^[a-z]*$`; \
             In.C must not be empty (it is bound to the URI path)"
        );
    }

    #[test]
    fn length_counts_characters_not_bytes() {
        let mut v = Validator::new();
        v.str_length("In.N", "żółw", None, Some(4));
        assert!(v.finish().is_ok());
    }

    /// ECMA 262 semantics through the checker generated code calls (the
    /// full table, engine by engine, is in `sdkgen-pattern`).
    #[test]
    fn patterns_have_ecma_262_semantics() {
        let table: &[(&'static str, &[&str], &[&str])] = &[
            (r"^(?!\.)[\w\.]*\w$", &["a.b"], &[".a", "a."]),
            (r"^([\p{L}\p{Z}\p{N}_.:/=+\-@]*)$", &["Grüße 42"], &["a!"]),
            (r"^\P{C}+$", &["abc"], &["a\u{0}", ""]),
            (r"^\P{C}*$", &[""], &["\u{E000}"]),
            (
                r"^[\u0020-\uD7FF\uE000-\uFFFD\uD800\uDC00-\uDBFF\uDFFF\t\r\n]*$",
                &["\u{1F600}"],
                &["\u{1}"],
            ),
            (
                r"^[\u0020-\uD7FF\uE000-\uFFFD\uD800\uDBFF-\uDC00\uDFFF\t\r\n]*$",
                &["abc"],
                &["\u{1F600}"],
            ),
            (
                r"^(?=^.{3,63}$)(?!^(\d+\.)+\d+$)(^(([a-z0-9]|[a-z0-9][a-z0-9\-]*[a-z0-9])\.)*([a-z0-9]|[a-z0-9][a-z0-9\-]*[a-z0-9])$)$",
                &["my-bucket"],
                &["10.0.0.1", "ab"],
            ),
            (
                r"^([\p{L}\p{N}_.:\/=+\-@()']+[\p{L}\p{Z}\p{N}_.:\/=+\-@()']*)$",
                &["O'Brien (1)"],
                &[" x"],
            ),
            (r"^[\p{all}]*$", &["", "any\nthing"], &[]),
            (r"^[\w-.]+$", &["a-b.c"], &["a,b"]),
            (r"^.$", &["\u{85}"], &["\r", "\u{2028}"]),
            (r"^\d$", &["3"], &["\u{663}"]),
            (r"^\w$", &["_"], &["é"]),
            (r"^\s$", &["\u{FEFF}"], &["\u{85}"]),
            (r"^(\w)\1$", &["aa"], &["ab"]),
        ];
        for (pattern, matching, not_matching) in table {
            let compiled = compile_pattern(pattern);
            for (values, ok) in [(matching, true), (not_matching, false)] {
                for value in *values {
                    let mut v = Validator::new();
                    v.pattern("In.A", value, &compiled, pattern);
                    assert_eq!(v.finish().is_ok(), ok, "{pattern} on {value:?}");
                }
            }
        }
    }

    #[test]
    fn an_invalid_pattern_never_matches() {
        for compiled in [compile_pattern("(?<"), compile_translation("(?<")] {
            let mut v = Validator::new();
            v.pattern("In.A", "", &compiled, "(?<");
            assert!(v.finish().is_err());
        }
    }

    #[test]
    fn a_translation_checks_as_its_pattern_does() {
        let source = r"^[\w-.]+$";
        let translation = Pattern::new(source).unwrap();
        let translation = translation.translation().unwrap();
        for value in ["a-b.c", "a,b", "é"] {
            assert_eq!(
                compile_translation(translation).is_match(value),
                compile_pattern(source).is_match(value),
                "{value}"
            );
        }
    }

    #[test]
    fn pattern_is_a_search() {
        let mut v = Validator::new();
        v.pattern("In.A", " a ", &compile_pattern(r"\S"), r"\S");
        assert!(v.finish().is_ok());
        let mut v = Validator::new();
        v.pattern("In.A", "   ", &compile_pattern(r"\S"), r"\S");
        assert!(v.finish().is_err());
    }
}
