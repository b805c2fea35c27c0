//! patterns.json: `@pattern`s with ECMA 262 semantics, checked through the
//! generated `validate()`: look-around, a back-reference, property escapes,
//! surrogate pairs, an Annex B class, java.util.regex's `\p{all}` and
//! quantified `$` (chime-sdk-voice's `${2,64}`), and
//! `.`, `\d` as ECMA 262 defines them.
#![deny(warnings)]

include!("snapshots/patterns.rs");

use operation::check::CheckInput;

/// The members of `input` whose pattern is violated, in member order.
fn violated(input: CheckInput) -> Vec<String> {
    match input.validate() {
        Ok(()) => Vec::new(),
        Err(e) => e
            .violations()
            .iter()
            .map(|v| {
                assert!(matches!(v.constraint, error::Constraint::Pattern(_)), "{v}");
                v.path.trim_start_matches("CheckInput.").to_owned()
            })
            .collect(),
    }
}

#[test]
fn values_that_match() {
    let input = CheckInput::builder()
        .bucket("my-bucket.logs")
        .printable("Grüße, 世界 \u{1F600}")
        .xml("a\tb\u{1F600}\u{10FFFF}")
        .bmp("a\tb\u{FFFD}")
        .anything("\u{0}\n anything")
        .dotted("a-b.c_1")
        .token("tok-123_X")
        .twice("zz")
        .line("one line \u{85}")
        .digits("0123456789")
        .build()
        .unwrap();
    assert_eq!(violated(input), Vec::<String>::new());
}

#[test]
fn values_that_do_not() {
    let input = CheckInput::builder()
        // An IP address, excluded by the negative look-ahead.
        .bucket("192.168.0.1")
        // U+200B is a format character (Cf).
        .printable("zero\u{200B}width")
        .xml("\u{1}")
        // Beyond U+FFFF: the mistyped range holds only lone surrogates there.
        .bmp("\u{1F600}")
        // ECMA 262 Annex B `[\w-.]` has no `,`; `\w` is ASCII.
        .dotted("é,")
        .token("tok en")
        .twice("zy")
        // U+2028 is a line terminator for `.`.
        .line("two\u{2028}lines")
        // Arabic-Indic three is not `\d`.
        .digits("\u{663}")
        .build()
        .unwrap();
    assert_eq!(
        violated(input),
        [
            "Bucket",
            "Printable",
            "Xml",
            "Bmp",
            "Dotted",
            "Token",
            "Twice",
            "Line",
            "Digits"
        ]
    );
    // Too short for the look-ahead `(?=^.{3,63}$)`, and an empty `+`.
    let input = CheckInput::builder()
        .bucket("ab")
        .printable("")
        .build()
        .unwrap();
    assert_eq!(violated(input), ["Bucket", "Printable"]);
}

#[test]
fn the_error_names_the_pattern_never_the_value() {
    let err = CheckInput::builder()
        .twice("secret-value")
        .build()
        .unwrap()
        .validate()
        .unwrap_err()
        .to_string();
    assert_eq!(
        err,
        r"1 validation error detected: CheckInput.Twice must match the pattern `^(\w)\1$`"
    );
}
