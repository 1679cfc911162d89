//! Golden tests: every program in `tests/programs/` prints exactly what CPython 3.11 printed
//! (`NAME.out`, produced once with `python3` and committed); every program in `tests/errors/`
//! also matches CPython's stderr (`NAME.err`, the traceback) and exit status (`NAME.code`).
//!
//! One trial per program, named after its path (`programs/05_strings`, `errors/assert_fail`),
//! run in parallel by libtest-mimic (`harness = false` in Cargo.toml), so
//! `cargo test --test golden -- 05_strings` runs that program alone and a failure shows the
//! diff of that program only.

mod common;
use common::*;

use libtest_mimic::{Arguments, Failed, Trial};
use std::path::Path;

fn main() {
    let args = Arguments::from_args();
    let programs = scripts("tests/programs");
    // Guards against a wrong path or pattern silently running no program at all.
    assert!(
        programs.len() >= 60,
        "expected at least 60 golden programs, found {}",
        programs.len()
    );
    let errors = scripts("tests/errors");
    assert!(!errors.is_empty(), "no programs in tests/errors");

    let mut trials = Vec::new();
    for py in programs {
        trials.push(Trial::test(name("tests/", &py), move || {
            program_matches(&rel(&py), &py.with_extension("out"))
        }));
    }
    for py in errors {
        trials.push(Trial::test(name("tests/", &py), move || error_matches(&py)));
    }
    libtest_mimic::run(&args, trials).exit();
}

/// The trial's name: the script's path from `under` in the repository, without `.py`.
fn name(under: &str, py: &Path) -> String {
    let r = rel(&py.with_extension(""));
    r.strip_prefix(under).unwrap_or(&r).to_string()
}

/// `gilvm SCRIPT` (a path relative to the repository root) exits 0 and prints `expected`.
fn program_matches(script: &str, expected: &Path) -> Result<(), Failed> {
    let want = read(expected);
    let out = gilvm(&[script]);
    let stdout = normalise(&out.stdout);
    if stdout == want && out.status.success() {
        return Ok(());
    }
    Err(format!(
        "{script} differs from CPython (status {:?})\n{}\n--- stderr:\n{}",
        out.status.code(),
        diff(&want, &stdout),
        normalise(&out.stderr)
    )
    .into())
}

/// `gilvm tests/errors/NAME.py` prints `NAME.out`, fails with `NAME.err` and exits `NAME.code`.
fn error_matches(py: &Path) -> Result<(), Failed> {
    let script = rel(py);
    let out = gilvm(&[&script]);
    let want_out = read(&py.with_extension("out"));
    let want_err = read(&py.with_extension("err"));
    let want_code: i32 = read(&py.with_extension("code"))
        .trim()
        .parse()
        .expect("code");
    let got_out = normalise(&out.stdout);
    let got_err = normalise(&out.stderr);
    if got_out == want_out && got_err == want_err && out.status.code() == Some(want_code) {
        return Ok(());
    }
    Err(format!(
        "{script}: status {:?} (want {want_code})\nstdout:\n{}\nstderr:\n{}",
        out.status.code(),
        diff(&want_out, &got_out),
        diff(&want_err, &got_err)
    )
    .into())
}
