//! `argparse` on the command line: `--help` and usage errors of real scripts, compared byte
//! for byte with what CPython 3.11 printed for the same arguments (`tests/argparse/NAME.stdout`,
//! `.stderr`, `.code`, produced once with `python3 SCRIPT ARGS` run in `tests/argparse/` with
//! COLUMNS unset, so that CPython lays help out for 80 columns as gilvm does). One libtest-mimic
//! trial per case (`argparse/bench_args_help`; `harness = false` in Cargo.toml), so
//! `cargo test --test argparse -- bench_args_ok` runs one case alone.

mod common;
use common::*;

use libtest_mimic::{Arguments, Failed, Trial};

/// (name of the expected files, script, arguments).
const CASES: &[(&str, &str, &[&str])] = &[
    ("bench_args_help", "bench_args.py", &["--help"]),
    ("bench_args_h", "bench_args.py", &["-h"]),
    (
        "bench_args_ok",
        "bench_args.py",
        &["12", "-n", "3", "--mode=nogil", "-vt", "8", "--scale", "2"],
    ),
    ("bench_args_missing", "bench_args.py", &[]),
    ("bench_args_bad_int", "bench_args.py", &["5", "-n", "abc"]),
    (
        "bench_args_bad_choice",
        "bench_args.py",
        &["5", "--mode", "fast"],
    ),
    (
        "bench_args_unrecognized",
        "bench_args.py",
        &["5", "extra", "--what"],
    ),
    (
        "bench_args_expected_one",
        "bench_args.py",
        &["5", "--threads"],
    ),
    ("groups_help", "groups.py", &["--help"]),
    ("groups_version", "groups.py", &["--version"]),
    ("groups_nargs", "groups.py", &["--k", "1"]),
    ("wrap_help", "wrap.py", &["--help"]),
    ("modes_help", "modes.py", &["-h"]),
    (
        "modes_conflict",
        "modes.py",
        &["--table", "--gil", "--nogil"],
    ),
    ("modes_required", "modes.py", &["--gil"]),
    (
        "modes_ok",
        "modes.py",
        &["--csv", "out.csv", "--nogil", "x.py"],
    ),
    ("wrap_missing", "wrap.py", &["1", "2"]),
    (
        "wrap_ok",
        "wrap.py",
        &["1", "2", "-v", "3", "4", "-s", "a", "b", "-t"],
    ),
];

fn main() {
    let args = Arguments::from_args();
    let mut trials: Vec<Trial> = CASES
        .iter()
        .map(|&(name, script, argv)| {
            Trial::test(format!("argparse/{name}"), move || {
                matches_cpython(name, script, argv)
            })
        })
        .collect();
    trials.push(Trial::test(
        "flags_after_the_script_belong_to_the_script",
        || {
            flags_after_the_script_belong_to_the_script();
            Ok(())
        },
    ));
    libtest_mimic::run(&args, trials).exit();
}

/// `SCRIPT ARGS`, run in `tests/argparse/`, prints `NAME.stdout` and `NAME.stderr` and exits
/// `NAME.code`, byte for byte.
fn matches_cpython(name: &str, script: &str, args: &[&str]) -> Result<(), Failed> {
    let dir = root().join("tests/argparse");
    // Run from the script's directory, as the expected files were made, so that
    // `sys.argv[0]` (and so `prog`) is the same.
    let out = assert_cmd::Command::cargo_bin("gilvm")
        .expect("binary built")
        .current_dir(&dir)
        .arg(script)
        .args(args)
        .env_remove("COLUMNS")
        .timeout(std::time::Duration::from_secs(120))
        .output()
        .expect("gilvm runs");
    let want_out = read(&dir.join(format!("{name}.stdout")));
    let want_err = read(&dir.join(format!("{name}.stderr")));
    let want_code: i32 = read(&dir.join(format!("{name}.code")))
        .trim()
        .parse()
        .expect("code");
    let got_out = String::from_utf8_lossy(&out.stdout);
    let got_err = String::from_utf8_lossy(&out.stderr);
    if got_out == want_out && got_err == want_err && out.status.code() == Some(want_code) {
        return Ok(());
    }
    Err(format!(
        "{name}: {script} {args:?}: status {:?} (want {want_code})\n\
         stdout:\n{got_out}\n--- want:\n{want_out}\nstderr:\n{got_err}\n--- want:\n{want_err}",
        out.status.code()
    )
    .into())
}

/// `gilvm SCRIPT --help` reaches the script: flags after the script are the script's, not
/// gilvm's, as with `python3 SCRIPT --help` (also after `-X gil=0` and for `-c`).
fn flags_after_the_script_belong_to_the_script() {
    let out = gilvm(&["-X", "gil=0", "tests/argparse/bench_args.py", "--version"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.ends_with("bench_args.py: error: the following arguments are required: iterations\n"),
        "{err}"
    );
    let out = gilvm(&["-c", "import sys; print(sys.argv)", "-h", "x"]);
    assert_eq!(String::from_utf8_lossy(&out.stdout), "['-c', '-h', 'x']\n");
    let out = gilvm(&["--version"]);
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("gilvm "));
}
