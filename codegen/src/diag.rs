//! Located problems in a model, collected across a phase and reported together.

use std::fmt;

/// How bad a problem is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// Generation stops after the phase.
    Error,
    /// Reported; generation goes on.
    Warning,
}

/// One problem, located by Smithy shape id (with `$member`) or JSON path.
/// Diagnostics sort errors first, then by location (the field order).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// Where: `com.amazonaws.chime#CreateRoomRequest$Name`, or `model.json:3:7`.
    pub location: String,
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    pub hint: Option<String>,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let level = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, "{level}: {}: {}", self.location, self.message)?;
        if let Some(hint) = &self.hint {
            write!(f, "\n  hint: {hint}")?;
        }
        Ok(())
    }
}

/// Collects diagnostics during a phase.
#[derive(Debug, Default)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    /// `text` as JSON, or an error located at the line and column where
    /// it stops being JSON (`source` names the file).
    pub fn json(
        &mut self,
        source: &str,
        text: &str,
        hint: Option<&str>,
    ) -> Option<serde_json::Value> {
        match serde_json::from_str(text) {
            Ok(v) => Some(v),
            Err(e) => {
                self.error(
                    format!("{source}:{}:{}", e.line(), e.column()),
                    format!("not valid JSON: {e}"),
                    hint,
                );
                None
            }
        }
    }

    /// Records an error.
    pub fn error(
        &mut self,
        location: impl Into<String>,
        message: impl Into<String>,
        hint: Option<&str>,
    ) {
        self.push(Severity::Error, location.into(), message.into(), hint);
    }

    /// Records a warning.
    pub fn warn(
        &mut self,
        location: impl Into<String>,
        message: impl Into<String>,
        hint: Option<&str>,
    ) {
        self.push(Severity::Warning, location.into(), message.into(), hint);
    }

    fn push(&mut self, severity: Severity, location: String, message: String, hint: Option<&str>) {
        self.items.push(Diagnostic {
            location,
            severity,
            message,
            hint: hint.map(str::to_owned),
        });
    }

    /// Everything recorded so far, taken out (for a caller that decides
    /// what a problem means, such as skipping one operation).
    pub fn take(&mut self) -> Vec<Diagnostic> {
        std::mem::take(&mut self.items)
    }

    /// Ends a phase: errors stop the pipeline (with the warnings alongside);
    /// otherwise the warnings are kept in `warnings` for the caller.
    pub fn propagate(&mut self, warnings: &mut Vec<Diagnostic>) -> Result<(), Error> {
        let mut items = std::mem::take(&mut self.items);
        items.sort();
        items.dedup();
        if items.iter().any(|d| d.severity == Severity::Error) {
            items.append(warnings);
            items.sort();
            return Err(Error { diagnostics: items });
        }
        warnings.extend(items);
        Ok(())
    }
}

/// Generation failed: every problem found, sorted by severity and location.
#[derive(Debug)]
pub struct Error {
    /// The problems.
    pub diagnostics: Vec<Diagnostic>,
}

impl Error {
    /// An error with one diagnostic.
    pub fn single(
        location: impl Into<String>,
        message: impl Into<String>,
        hint: Option<&str>,
    ) -> Self {
        let mut d = Diagnostics::default();
        d.error(location, message, hint);
        let mut w = Vec::new();
        match d.propagate(&mut w) {
            Err(e) => e,
            Ok(()) => Error {
                diagnostics: Vec::new(),
            },
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let errors = self
            .diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count();
        writeln!(
            f,
            "the model has {errors} error{}:",
            if errors == 1 { "" } else { "s" }
        )?;
        for d in &self.diagnostics {
            writeln!(f, "{d}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Error {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_come_first_and_only_errors_are_counted() {
        let mut d = Diagnostics::default();
        d.warn(
            "a#EventOp",
            "an event stream: the operation is skipped",
            None,
        );
        d.error("z#Shape", "something wrong", Some("fix it"));
        let err = d.propagate(&mut Vec::new()).unwrap_err();
        let text = err.to_string();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[0], "the model has 1 error:");
        assert!(lines[1].starts_with("error: z#Shape"), "{text}");
        assert!(lines[3].starts_with("warning: a#EventOp"), "{text}");
    }
}
