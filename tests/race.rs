//! `gilvm race`: runs a script many times and prints a histogram of its outcomes. These tests
//! use scripts whose output never depends on the schedule; seeded races are tested elsewhere.

mod common;
use common::*;

#[test]
fn deterministic_script_has_one_outcome() {
    let out = run_ok(&["race", "--runs", "6", "--jobs", "2", "tests/race/hello.py"]);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        lines[0], "6 runs of tests/race/hello.py (unseeded)",
        "{out}"
    );
    assert_eq!(lines[1], "");
    assert_eq!(
        lines[2],
        format!("6 100.0%  {}  hello from a race", "#".repeat(40)),
        "{out}"
    );
    assert_eq!(lines.last(), Some(&"1 distinct outcome"), "{out}");
}

#[test]
fn locked_update_never_loses() {
    let out = run_ok(&[
        "race",
        "--runs",
        "4",
        "--jobs",
        "2",
        "scripts/locked_update.py",
    ]);
    assert!(out.ends_with("\n1 distinct outcome\n"), "{out}");
    assert!(
        out.contains("    | counter = 800,000 (expected 800,000): lost 0 updates"),
        "{out}"
    );
}

#[test]
fn script_arguments_and_failures_are_outcomes() {
    // argv_exit.py prints its argv and exits 3: the status and stderr's last line join stdout.
    let out = run_ok(&[
        "race",
        "--runs",
        "3",
        "--json",
        "tests/cli/argv_exit.py",
        "a",
    ]);
    let j: serde_json::Value = serde_json::from_str(&out).expect("JSON on stdout");
    assert_eq!(j["outcomes"].as_array().map(Vec::len), Some(1), "{j}");
    assert_eq!(j["outcomes"][0]["exit_status"], 3);
    assert!(
        j["outcomes"][0]["output"]
            .as_str()
            .is_some_and(|t| t.starts_with("['tests/cli/argv_exit.py', 'a']\n[exit status 3]\n")),
        "{j}"
    );
}

#[test]
fn json_counts_sum_to_runs() {
    let out = run_ok(&["race", "--runs", "5", "--json", "tests/race/hello.py"]);
    let j: serde_json::Value = serde_json::from_str(&out).expect("JSON on stdout");
    assert_eq!(j["file"], "tests/race/hello.py");
    assert_eq!(j["runs"], 5);
    assert_eq!(j["seeded"], false);
    let outcomes = j["outcomes"].as_array().expect("outcomes");
    let total: u64 = outcomes.iter().filter_map(|o| o["count"].as_u64()).sum();
    assert_eq!(total, 5);
    assert_eq!(outcomes[0]["output"], "hello from a race\n");
    assert_eq!(outcomes[0]["exit_status"], 0);
    assert_eq!(outcomes[0]["fraction"], 1.0);
    assert!(outcomes[0]["reproduce"].is_null());
}

#[test]
fn usage_errors_exit_2() {
    let o = gilvm(&["race", "--runs", "3", "tests/race/does_not_exist.py"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(o.stdout.is_empty());
    let e = normalise(&o.stderr);
    assert!(
        e.contains("gilvm: can't open file '")
            && e.contains("tests/race/does_not_exist.py': [Errno 2] No such file or directory"),
        "{e}"
    );
    assert_eq!(
        gilvm(&["race", "--runs", "0", "tests/race/hello.py"])
            .status
            .code(),
        Some(2)
    );
    assert_eq!(gilvm(&["race"]).status.code(), Some(2));
}
