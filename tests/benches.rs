//! The benchmark suite computes what CPython computes: every `benches/expected/NAME.SIZE.out`
//! is what `python3 benches/NAME.py SIZE` printed (produced once with CPython 3.11 and
//! committed; CPython is never run here), and `gilvm benches/NAME.py SIZE` must print exactly
//! that. The sizes are small, so that the debug build runs the whole suite in seconds; the
//! benchmark sizes are the programs' defaults, run by `benches/compare.py`. This checks
//! results, never times.
//!
//! One trial per program and size, named `NAME.SIZE`: `cargo test --test benches -- nbody`.

mod common;
use common::*;

use libtest_mimic::{Arguments, Failed, Trial};
use std::path::{Path, PathBuf};

fn main() {
    let args = Arguments::from_args();
    let expected = expected_outputs();
    // Guards against a wrong path silently running nothing: the suite has about ten programs.
    assert!(
        expected.len() >= 10,
        "expected at least 10 checksums in benches/expected, found {}",
        expected.len()
    );
    let trials = expected
        .into_iter()
        .map(|(name, size, out)| {
            Trial::test(format!("{name}.{size}"), move || {
                checksum_matches(&name, &size, &out)
            })
        })
        .collect();
    libtest_mimic::run(&args, trials).exit();
}

/// `(NAME, SIZE, path of NAME.SIZE.out)` for every file in `benches/expected/`, sorted.
fn expected_outputs() -> Vec<(String, String, PathBuf)> {
    let dir = root().join("benches/expected");
    let mut v: Vec<(String, String, PathBuf)> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "out"))
        .map(|out| {
            let stem = out.file_stem().unwrap().to_string_lossy().into_owned();
            let (name, size) = stem
                .split_once('.')
                .unwrap_or_else(|| panic!("{}: not NAME.SIZE.out", rel(&out)));
            assert!(
                size.parse::<u64>().is_ok(),
                "{}: the size is not a number",
                rel(&out)
            );
            let py = root().join(format!("benches/{name}.py"));
            assert!(py.is_file(), "{}: no {}", rel(&out), rel(&py));
            (name.to_string(), size.to_string(), out)
        })
        .collect();
    v.sort();
    v
}

/// `gilvm benches/NAME.py SIZE` exits 0 and prints the checksum in `expected`.
fn checksum_matches(name: &str, size: &str, expected: &Path) -> Result<(), Failed> {
    let script = format!("benches/{name}.py");
    let out = gilvm(&[&script, size]);
    Ok(prints_expected(
        &format!("{script} {size}"),
        &read(expected),
        &out,
    )?)
}
