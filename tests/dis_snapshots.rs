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

fn dis_with(args: &[&str]) -> String {
    let out = gilvm(args);
    assert!(out.status.success(), "{}", normalise(&out.stderr));
    normalise(&out.stdout)
}

/// `dis --switch-points`: a call is marked `c` in the caller (a switch may fall inside it),
/// and the read–modify–write windows are listed: `counter = counter + one()` has one (the
/// call's entry), `counter += 1` in a loop has none under CPython's switch points, the
/// check-then-act spans the check and the store, and the locked update is said to be inside
/// a `with`.
#[test]
fn switch_points_mark_calls_and_windows() {
    let listing = dis_with(&["dis", "--switch-points", "cpython", "tests/dis/windows.py"]);
    insta::with_settings!({filters => vec![(r"0x[0-9a-f]+", "0x…")]}, {
        insta::assert_snapshot!(listing);
    });
}

/// Under `every`, `counter += 1` has a window too (pre-3.10 GILs could lose it); `--windows`
/// lists windows without marks; `--no-windows` leaves them out.
#[test]
fn windows_follow_the_policy_and_flags() {
    let every = dis_with(&["dis", "--switch-points", "every", "tests/dis/windows.py"]);
    assert!(
        every.contains("window on counter (line 14): loaded at"),
        "{every}"
    );
    let cpython = dis_with(&["dis", "--switch-points", "cpython", "tests/dis/windows.py"]);
    assert!(
        !cpython.contains("window on counter (line 14)"),
        "{cpython}"
    );
    assert!(
        cpython.contains(
            "window on counter (line 20): loaded at 12, stored at 20; \
             a switch may fall at 16 (inside the call)"
        ),
        "{cpython}"
    );
    let only = dis_with(&["dis", "--windows", "tests/dis/windows.py"]);
    assert!(
        only.contains("window on acct.balance (lines 24-26)"),
        "{only}"
    );
    assert!(
        !only.contains("  c  "),
        "no marks without --switch-points: {only}"
    );
    let none = dis_with(&[
        "dis",
        "--switch-points",
        "cpython",
        "--no-windows",
        "tests/dis/windows.py",
    ]);
    assert!(!none.contains("window on"), "{none}");
    assert!(none.contains("      c      "), "{none}");
    // Without the flags the listing stays CPython's.
    let plain = dis("tests/dis/windows.py");
    assert!(
        !plain.contains("window on") && !plain.contains("  c  "),
        "{plain}"
    );
}
