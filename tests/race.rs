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

/// `--expect`: a run that does not print the expected lines is wrong, and race exits 1.
#[test]
fn expect_counts_wrong_runs_and_exits_1() {
    let out = gilvm(&[
        "race",
        "--runs",
        "3",
        "--expect",
        "goodbye",
        "tests/race/hello.py",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    assert!(text.contains("    ✗ not the expected output\n"), "{text}");
    assert!(
        text.ends_with("wrong: 3 of 3 runs (expected goodbye)\n"),
        "{text}"
    );
    let out = gilvm(&[
        "race",
        "--runs",
        "3",
        "--expect",
        "hello from a race",
        "tests/race/hello.py",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert!(stdout(&out).ends_with("wrong: 0 of 3 runs (expected 'hello from a race')\n"));
}

/// Many outcomes that differ only in a number (a racy counter, free-threaded) are
/// summarised: the output with N in place of the number, min, max, mean, and with
/// `--expect`, how many runs were exact and how many lost updates.
#[test]
fn numeric_outcomes_are_summarised() {
    let out = gilvm(&[
        "race",
        "--seeded",
        "--runs",
        "8",
        "-X",
        "gil=0",
        "--expect",
        "x = 6000 of 6000",
        "tests/watch/racy.py",
    ]);
    let text = stdout(&out);
    assert!(
        text.contains(" distinct values of N, the rest of the output the same:\n"),
        "{text}"
    );
    assert!(text.contains("    | x = N of 6000\n"), "{text}");
    assert!(text.contains("  N: min "), "{text}");
    assert!(text.contains("  exact (N = 6000): "), "{text}");
    assert!(text.contains("  lowest ("), "{text}");
    assert!(!text.contains("####"), "no bars: {text}");
    // Whatever the count, a run that lost updates is wrong.
    let exact: u64 = text
        .split("exact (N = 6000): ")
        .nth(1)
        .and_then(|r| r.split_whitespace().next())
        .and_then(|n| n.parse().ok())
        .expect("exact count");
    assert!(
        text.contains(&format!("wrong: {} of 8 runs", 8 - exact)),
        "{text}"
    );
    assert_eq!(out.status.code(), Some(if exact == 8 { 0 } else { 1 }));
}

/// `--timeout` and `--max-steps` apply to each run; a run they cut is an outcome of its own,
/// whatever it had printed.
#[test]
fn runs_cut_by_a_limit_are_counted_as_such() {
    let out = run_ok(&[
        "race",
        "--runs",
        "2",
        "--jobs",
        "2",
        "--timeout",
        "200ms",
        "tests/race/sleeps.py",
    ]);
    assert!(
        out.contains(&format!(
            "2 100.0%  {}  [timed out: stopped by --timeout]\n",
            "#".repeat(40)
        )),
        "{out}"
    );
    assert!(out.ends_with("\n1 distinct outcome\n"), "{out}");
    let out = run_ok(&[
        "race",
        "--runs",
        "2",
        "--max-steps",
        "5000",
        "tests/race/spins.py",
    ]);
    assert!(out.contains("  [stopped by --max-steps]\n"), "{out}");
    let (_, err, code) = run(&["race", "--timeout", "0", "tests/race/hello.py"]);
    assert_eq!(code, Some(2));
    assert!(err.contains("a timeout must be longer than zero"), "{err}");
}

/// With `--seeded`, every outcome lists its first seeds and the command that replays one.
#[test]
fn every_outcome_lists_its_seeds() {
    let out = run_ok(&["race", "--seeded", "--runs", "7", "tests/race/hello.py"]);
    assert!(
        out.contains(
            "    seeds 0, 1, 2, 3, 4 and 2 more; replay the first: gilvm --schedule-seed 0 tests/race/hello.py\n"
        ),
        "{out}"
    );
}

/// Ctrl-C stops the race: the runs done so far are shown, exit 130. How many were done depends
/// on when the signal lands, so the test checks what holds for any count.
#[test]
fn ctrl_c_prints_the_histogram_so_far() {
    use std::process::{Command, Stdio};
    let child = Command::new(env!("CARGO_BIN_EXE_gilvm"))
        .args([
            "race",
            "--runs",
            "100000",
            "--jobs",
            "1",
            "tests/race/hello.py",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("gilvm starts");
    let pid = child.id().to_string();
    let catches_sigint = || {
        std::fs::read_to_string(format!("/proc/{pid}/status"))
            .ok()
            .and_then(|s| {
                let mask = s
                    .lines()
                    .find_map(|l| l.strip_prefix("SigCgt:"))?
                    .trim()
                    .to_string();
                u64::from_str_radix(&mask, 16).ok()
            })
            .is_some_and(|m| m & (1 << (2 - 1)) != 0)
    };
    while !catches_sigint() {
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let sent = Command::new("kill").args(["-INT", &pid]).status();
    assert!(sent.is_ok_and(|s| s.success()));
    let o = child.wait_with_output().expect("gilvm ends");
    let out = String::from_utf8_lossy(&o.stdout);
    assert_eq!(o.status.code(), Some(130), "{out}{}", normalise(&o.stderr));
    let done: u64 = out
        .split("cut by Ctrl-C: ")
        .nth(1)
        .and_then(|r| r.split_whitespace().next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no count of runs done: {out}"));
    assert!(out.contains(" of 100000 runs done\n"), "{out}");
    assert!(done < 100000, "{out}");
    if done > 0 {
        assert!(
            out.contains(&format!("{done} 100.0%")) && out.contains("hello from a race"),
            "{out}"
        );
    }
}

/// `--modes all` runs the script under the three regimes, each with its histogram. On
/// lost_update.py, whatever the schedules: each regime gets its runs, every count is at most
/// the expected one (an update can be lost, never made up), and only the free-threaded runs
/// report no GIL.
#[test]
fn modes_all_compares_the_three_regimes() {
    let out = run_ok(&[
        "race",
        "--modes",
        "all",
        "--runs",
        "2",
        "--jobs",
        "2",
        "--json",
        "scripts/lost_update.py",
    ]);
    let j: serde_json::Value = serde_json::from_str(&out).expect("JSON on stdout");
    let modes = j["modes"].as_array().expect("modes");
    let titles: Vec<&str> = modes.iter().filter_map(|m| m["mode"].as_str()).collect();
    assert_eq!(titles, ["GIL (3.10+)", "GIL (pre-3.10)", "free-threaded"]);
    for m in modes {
        assert_eq!(m["runs"], 2, "{m}");
        let outcomes = m["outcomes"].as_array().expect("outcomes");
        let total: u64 = outcomes.iter().filter_map(|o| o["count"].as_u64()).sum();
        assert_eq!(total, 2, "{m}");
        let free = m["mode"] == "free-threaded";
        for o in outcomes {
            let text = o["output"].as_str().unwrap_or_default();
            assert_eq!(o["exit_status"], 0, "{text}");
            assert!(
                text.starts_with(if free {
                    "GIL enabled: False"
                } else {
                    "GIL enabled: True"
                }),
                "{text}"
            );
            let counter: u64 = text
                .split("counter = ")
                .nth(1)
                .and_then(|r| r.split_whitespace().next())
                .map(|n| n.replace(',', ""))
                .and_then(|n| n.parse().ok())
                .unwrap_or_else(|| panic!("no counter: {text}"));
            assert!(counter <= 800_000, "{text}");
        }
    }
    // The text form: a section per regime, then the comparison.
    let out = run_ok(&[
        "race",
        "--modes",
        "all",
        "--runs",
        "2",
        "tests/race/hello.py",
    ]);
    assert_contains(
        &out,
        &[
            "== GIL (3.10+): ",
            "2 runs of tests/race/hello.py (-X gil=1, unseeded)",
            "== GIL (pre-3.10): ",
            "(-X gil=1 --switch-points every, unseeded)",
            "== free-threaded: ",
            "(-X gil=0, unseeded)",
            "== side by side\n",
        ],
    );
    assert!(out.contains("\nruns  "), "{out}");
    let o = gilvm(&[
        "race",
        "--modes",
        "all",
        "-X",
        "gil=0",
        "tests/race/hello.py",
    ]);
    assert_eq!(o.status.code(), Some(2), "--modes decides the GIL flags");
}

/// `counter += 1` in a loop loses nothing under the 3.10+ GIL, whatever the schedule: the only
/// switch point in the loop is its backward jump, after the store (scripts/plain_increment.py,
/// the README's three-regime lesson).
#[test]
fn plain_increment_never_loses_under_the_310_gil() {
    let o = gilvm(&[
        "race",
        "--modes",
        "gil",
        "--seeded",
        "--runs",
        "2",
        "--expect",
        "counter = 400,000 (expected 400,000): lost 0 updates",
        "scripts/plain_increment.py",
    ]);
    let out = stdout(&o);
    assert_eq!(o.status.code(), Some(0), "{out}");
    assert!(out.contains("wrong: 0 of 2 runs"), "{out}");
}
