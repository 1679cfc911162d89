//! Golden tests: every program in `tests/programs/` prints exactly what CPython 3.11 printed
//! (`NAME.out`, produced once with `python3` and committed); every program in `tests/errors/`
//! also matches CPython's stderr (`NAME.err`, the traceback) and exit status (`NAME.code`);
//! every `tests/scripts/NAME.out` is CPython's output of the user-facing `scripts/NAME.py`,
//! which is run where it is rather than copied into `tests/`.
//!
//! One trial per program, named after its path (`programs/05_strings`, `errors/assert_fail`,
//! `scripts/hello`), run in parallel by libtest-mimic (`harness = false` in Cargo.toml), so
//! `cargo test --test golden -- 05_strings` runs that program alone and a failure shows the
//! diff of that program only.

mod common;
use common::*;

use libtest_mimic::{Arguments, Failed, Trial};
use std::path::{Path, PathBuf};

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
    let from_scripts = expected_of_scripts();
    assert!(!from_scripts.is_empty(), "no outputs in tests/scripts");

    let mut trials = Vec::new();
    for py in programs {
        trials.push(Trial::test(name("tests/", &py), move || {
            program_matches(&rel(&py), &py.with_extension("out"))
        }));
    }
    for py in errors {
        trials.push(Trial::test(name("tests/", &py), move || error_matches(&py)));
    }
    for (py, out) in from_scripts {
        trials.push(Trial::test(name("", &root().join(&py)), move || {
            program_matches(&py, &out)
        }));
    }
    libtest_mimic::run(&args, trials).exit();
}

/// The trial's name: the script's path from `under` in the repository, without `.py`.
fn name(under: &str, py: &Path) -> String {
    let r = rel(&py.with_extension(""));
    r.strip_prefix(under).unwrap_or(&r).to_string()
}

/// `(scripts/NAME.py, tests/scripts/NAME.out)` for every `.out` in `tests/scripts/`, sorted.
fn expected_of_scripts() -> Vec<(String, PathBuf)> {
    let mut v: Vec<(String, PathBuf)> = std::fs::read_dir(root().join("tests/scripts"))
        .expect("tests/scripts")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "out"))
        .map(|out| {
            let stem = out.file_stem().unwrap().to_string_lossy().into_owned();
            let py = format!("scripts/{stem}.py");
            assert!(root().join(&py).is_file(), "{}: no {py}", rel(&out));
            (py, out)
        })
        .collect();
    v.sort();
    v
}

/// `gilvm SCRIPT` (a path relative to the repository root) exits 0 and prints `expected`.
fn program_matches(script: &str, expected: &Path) -> Result<(), Failed> {
    Ok(prints_expected(script, &read(expected), &gilvm(&[script]))?)
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
