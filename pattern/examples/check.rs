//! Reads patterns separated by NUL bytes (or one a line with `--lines`) and
//! prints how each is read, or why it is refused:
//! `printf '%s\0' '^[\w-.]+$' | cargo run -p sdkgen-pattern --example check`.
use std::io::Read;

fn main() {
    let mut input = String::new();
    std::io::stdin()
        .read_to_string(&mut input)
        .expect("stdin is UTF-8");
    let sep = if std::env::args().any(|a| a == "--lines") {
        '\n'
    } else {
        '\0'
    };
    for p in input.split(sep).filter(|p| !p.is_empty()) {
        match sdkgen_pattern::read(p) {
            Ok(r) => {
                let java: Vec<_> = r.java_names.iter().map(|j| j.escape.as_str()).collect();
                let engine = r.pattern.engine();
                println!("{:?} {engine:?} {java:?} {p:?}", r.syntax);
            }
            Err(e) => println!("ERROR {p:?}\n    {e}"),
        }
    }
}
