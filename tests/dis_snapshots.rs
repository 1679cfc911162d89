//! `gilvm dis` listings, snapshotted with insta so that a compiler change shows up as a readable
//! diff. Code object addresses vary between runs and are redacted.

mod common;
use common::*;

fn dis(file: &str) -> String {
    let out = gilvm(&["dis", file]);
    assert!(out.status.success(), "{}", normalise(&out.stderr));
    normalise(&out.stdout)
}

macro_rules! snapshot {
    ($name:ident, $file:expr) => {
        #[test]
        fn $name() {
            let listing = dis($file);
            insta::with_settings!({filters => vec![(r"0x[0-9a-f]+", "0x…")]}, {
                insta::assert_snapshot!(listing);
            });
        }
    };
}

snapshot!(count, "tests/dis/count.py");
snapshot!(single_multiply, "tests/dis/single_multiply.py");
snapshot!(control_flow, "tests/dis/control.py");
snapshot!(classes, "tests/dis/classes.py");
snapshot!(except_star, "tests/dis/except_star.py");

/// The seed's lesson: `result *= base` is four instructions, and a switch can fall between the
/// load and the store. The opnames must be exactly CPython 3.8's.
#[test]
fn single_multiply_is_load_modify_store() {
    let listing = dis("tests/dis/single_multiply.py");
    let body = listing
        .split("Disassembly of <code object single_multiply")
        .nth(1)
        .expect("nested code object listed");
    let ops: Vec<(String, String)> = body
        .lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let words: Vec<&str> = l.split_whitespace().filter(|w| *w != ">>").collect();
            // [line] offset OPNAME [arg] [(argrepr)]
            let i = words
                .iter()
                .position(|w| w.chars().all(|c| c.is_ascii_uppercase() || c == '_'))
                .expect("opname");
            let argrepr = l.find('(').map(|p| l[p..].to_string()).unwrap_or_default();
            (words[i].to_string(), argrepr)
        })
        .collect();
    let want = [
        ("LOAD_GLOBAL", "(result)"),
        ("LOAD_DEREF", "(base)"),
        ("INPLACE_MULTIPLY", ""),
        ("STORE_GLOBAL", "(result)"),
        ("LOAD_CONST", "(None)"),
        ("RETURN_VALUE", ""),
    ];
    let got: Vec<(&str, &str)> = ops.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
    assert_eq!(got, want);
}

#[test]
fn every_instruction_has_a_line() {
    for f in [
        "tests/dis/count.py",
        "tests/dis/control.py",
        "tests/dis/classes.py",
    ] {
        let listing = dis(f);
        // The first instruction of each code object starts with its line number.
        for block in listing.split("Disassembly of").skip(1) {
            let first = block.lines().nth(1).unwrap_or("");
            assert!(
                first
                    .trim_start()
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_ascii_digit()),
                "{f}: first instruction without a line: {first}"
            );
        }
    }
}
