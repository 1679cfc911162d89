//! `gilvm explore`: every outcome of a threaded program within a preemption bound, each with
//! a schedule that replays to it; `--expect`, deadlocks, step limits, `--minimize`.

mod common;
use common::*;

use serde_json::Value;

fn explore(args: &[&str]) -> (Value, std::process::Output) {
    let mut all = vec!["explore", "--json"];
    all.extend_from_slice(args);
    let o = gilvm(&all);
    let text = String::from_utf8_lossy(&o.stdout).into_owned();
    let v: Value = serde_json::from_str(&text)
        .unwrap_or_else(|e| panic!("{e}: {text}\n{}", normalise(&o.stderr)));
    (v, o)
}

fn outcomes(v: &Value) -> &Vec<Value> {
    v["outcomes"].as_array().expect("outcomes")
}

fn stdouts(v: &Value) -> Vec<String> {
    let mut s: Vec<String> = outcomes(v)
        .iter()
        .map(|o| o["stdout"].as_str().unwrap_or_default().to_string())
        .collect();
    s.sort();
    s
}

fn multiply_output(result: &str) -> String {
    format!("Result = {result}\nRef Result = 30.959144000000002\n")
}

/// Replays `schedule` (as `explore` printed it) and checks the run gives `outcome`.
fn assert_replays(outcome: &Value, flags: &[&str], file: &str) {
    let schedule = outcome["schedule"].as_str().expect("schedule");
    let mut args: Vec<&str> = flags.to_vec();
    args.extend(["--replay-schedule", schedule, file]);
    let o = gilvm(&args);
    assert_eq!(
        String::from_utf8_lossy(&o.stdout),
        outcome["stdout"].as_str().unwrap_or_default(),
        "replaying '{schedule}' gave another output; stderr:\n{}",
        normalise(&o.stderr)
    );
    match outcome["kind"].as_str() {
        Some("deadlock") => {
            assert_eq!(o.status.code(), Some(3), "a deadlock exits with status 3");
            assert!(
                normalise(&o.stderr).contains("deadlock"),
                "{}",
                normalise(&o.stderr)
            );
        }
        Some("ok") => assert!(o.status.success(), "{}", normalise(&o.stderr)),
        _ => {}
    }
}

#[test]
fn every_switch_point_finds_each_lost_update() {
    let flags = ["--switch-points", "every"];
    let (v, o) = explore(&["--switch-points", "every", "scripts/explore_multiply.py"]);
    assert!(o.status.success(), "{}", normalise(&o.stderr));
    assert_eq!(
        stdouts(&v),
        vec![
            multiply_output("3.14"),
            multiply_output("30.959144000000002"),
            multiply_output("9.8596"),
        ]
    );
    assert_eq!(v["complete"], true);
    for outcome in outcomes(&v) {
        assert!(outcome["preemptions"].as_u64().unwrap() <= 2);
        assert_replays(outcome, &flags, "scripts/explore_multiply.py");
    }
    // The text form says the same, with commands that replay each outcome.
    let text = gilvm(&[
        "explore",
        "--switch-points",
        "every",
        "scripts/explore_multiply.py",
    ]);
    let text = normalise(&text.stdout);
    assert_contains(
        &text,
        &[
            "    | Result = 9.8596\n",
            "complete for the preemption bound",
            "  replay:   gilvm --replay-schedule 'gil=1 points=every;",
        ],
    );
}

#[test]
fn cpython_switch_points_keep_the_update_whole() {
    let (v, o) = explore(&["scripts/explore_multiply.py"]);
    assert!(o.status.success(), "{}", normalise(&o.stderr));
    assert_eq!(stdouts(&v), vec![multiply_output("30.959144000000002")]);
    assert_eq!(v["complete"], true);
    assert!(v["schedules"].as_u64().unwrap() > 1, "{v}");
}

#[test]
fn free_threaded_races_too() {
    let (v, o) = explore(&["-X", "gil=0", "scripts/explore_multiply.py"]);
    assert!(o.status.success(), "{}", normalise(&o.stderr));
    assert_eq!(v["gil"], false);
    assert_eq!(v["switch_points"], "every");
    assert_eq!(stdouts(&v).len(), 3, "{v}");
    for outcome in outcomes(&v) {
        assert_replays(outcome, &["-X", "gil=0"], "scripts/explore_multiply.py");
    }
}

#[test]
fn expect_marks_the_other_outcomes_forbidden() {
    let (v, o) = explore(&[
        "--switch-points",
        "every",
        "--expect",
        "Result = 30.959144000000002",
        "scripts/explore_multiply.py",
    ]);
    assert_eq!(o.status.code(), Some(1), "a forbidden outcome exits 1");
    let expected: Vec<bool> = outcomes(&v)
        .iter()
        .map(|o| o["expected"].as_bool().unwrap())
        .collect();
    assert_eq!(expected.iter().filter(|e| **e).count(), 1, "{v}");
    assert_eq!(expected.len(), 3);
}

/// `--first` stops at the first outcome `--expect` forbids, prints it with its schedule
/// minimized (which replays to it) and exits 1; with nothing forbidden it prints the whole
/// report and exits 0.
#[test]
fn first_stops_at_a_forbidden_outcome_and_minimizes_it() {
    let expect = ["--expect", "Result = 30.959144000000002"];
    let mut args = vec!["--switch-points", "every", "--first"];
    args.extend(expect);
    args.push("scripts/explore_multiply.py");
    let (v, o) = explore(&args);
    assert_eq!(o.status.code(), Some(1), "{}", normalise(&o.stderr));
    assert!(v["first_forbidden_after"].as_u64().unwrap() >= 1, "{v}");
    let stdout = v["outcome"]["stdout"].as_str().expect("stdout");
    assert_ne!(stdout, multiply_output("30.959144000000002"), "{v}");
    // A lost update needs a thread preempted between its load and its store.
    assert!(v["minimized"]["preemptions"].as_u64().unwrap() >= 1, "{v}");
    let schedule = v["minimized"]["schedule"].as_str().expect("schedule");
    let o = gilvm(&[
        "--switch-points",
        "every",
        "--replay-schedule",
        schedule,
        "scripts/explore_multiply.py",
    ]);
    assert_eq!(String::from_utf8_lossy(&o.stdout), stdout);

    let mut args = vec!["--first"];
    args.extend(expect);
    args.push("scripts/explore_multiply.py");
    let (v, o) = explore(&args);
    assert!(o.status.success(), "{}", normalise(&o.stderr));
    assert_eq!(v["complete"], true, "{v}");
    assert_eq!(stdouts(&v), vec![multiply_output("30.959144000000002")]);
}

/// `--first`'s minimization runs within a budget (by default as many schedules as the
/// search ran; `--minimize-budget N`): cut, it keeps the schedule it found, says so in the
/// report and in `--json`, and that schedule still replays to the outcome. Within budget
/// it minimizes in full and says nothing.
#[test]
fn first_minimizes_within_a_budget() {
    let args = [
        "--switch-points",
        "every",
        "--first",
        "--expect",
        "Result = 30.959144000000002",
        "--minimize-budget",
        "1",
        "scripts/explore_multiply.py",
    ];
    let (v, o) = explore(&args);
    assert_eq!(o.status.code(), Some(1), "{}", normalise(&o.stderr));
    assert_eq!(v["schedules"], 1, "{v}");
    assert_eq!(v["cut"], "budget", "{v}");
    assert_eq!(
        v["note"], "minimized within 1 schedule; fewer preemptions may exist",
        "{v}"
    );
    // Nothing better came: the schedule found is the one shown, and it replays.
    assert_eq!(v["minimized"]["schedule"], v["given"]["schedule"], "{v}");
    let stdout = v["outcome"]["stdout"].as_str().expect("stdout");
    let o = gilvm(&[
        "--switch-points",
        "every",
        "--replay-schedule",
        v["minimized"]["schedule"].as_str().unwrap(),
        "scripts/explore_multiply.py",
    ]);
    assert_eq!(String::from_utf8_lossy(&o.stdout), stdout);
    // The report says it in the same words.
    let mut text = vec!["explore"];
    text.extend_from_slice(&args);
    let o = gilvm(&text);
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(
        out.contains("  minimized within 1 schedule; fewer preemptions may exist\n"),
        "{out}"
    );
    // With 2, the search with no preemption (one schedule) runs in full: the schedule's
    // one preemption is the fewest, only its hand-offs may shrink.
    let mut two = args.to_vec();
    two[6] = "2";
    let (v, _) = explore(&two);
    assert_eq!(
        v["note"], "minimized within 2 schedules; fewer hand-offs may exist",
        "{v}"
    );
    // The default budget (the search's schedules) is enough here: no note.
    let without_budget: Vec<&str> = args[..5].iter().chain(&args[7..]).copied().collect();
    let (v, _) = explore(&without_budget);
    assert_eq!(v["cut"], Value::Null, "{v}");
    assert_eq!(v["note"], Value::Null, "{v}");
    assert!(v["schedules"].as_u64().unwrap() <= v["first_forbidden_after"].as_u64().unwrap());
}

#[test]
fn the_lock_makes_locked_update_safe() {
    let (v, o) = explore(&[
        "--preemptions",
        "2",
        "--max-schedules",
        "2",
        "--expect",
        "counter = 800,000 (expected 800,000): lost 0 updates",
        "scripts/locked_update.py",
    ]);
    assert!(o.status.success(), "{v}\n{}", normalise(&o.stderr));
    assert_eq!(outcomes(&v).len(), 1, "{v}");
    assert_eq!(outcomes(&v)[0]["expected"], true);
    assert_eq!(v["schedules"], 2);
    assert_eq!(v["complete"], false);
    assert_eq!(v["cut"], "--max-schedules");
}

#[test]
fn deadlock_is_found_within_one_preemption_and_replays() {
    let (v, o) = explore(&["--preemptions", "1", "scripts/deadlock.py"]);
    assert!(o.status.success(), "{}", normalise(&o.stderr));
    let deadlock = outcomes(&v)
        .iter()
        .find(|o| o["kind"] == "deadlock")
        .unwrap_or_else(|| panic!("no deadlock found: {v}"));
    assert_eq!(deadlock["preemptions"], 1);
    let report = deadlock["deadlock"].as_str().unwrap();
    assert_contains(
        report,
        &[
            "Thread-1 (one) waits (lock wait) at one()",
            "Thread-2 (two) waits (lock wait) at two()",
            "MainThread waits (join)",
        ],
    );
    assert_eq!(v["complete"], true);
    for outcome in outcomes(&v) {
        assert_replays(outcome, &[], "scripts/deadlock.py");
    }
}

#[test]
fn a_spin_that_never_ends_is_an_outcome_not_a_hang() {
    let (v, o) = explore(&[
        "--preemptions",
        "1",
        "--max-steps",
        "5000",
        "tests/explore/spin.py",
    ]);
    assert!(o.status.success(), "{}", normalise(&o.stderr));
    let kinds: Vec<&str> = outcomes(&v)
        .iter()
        .map(|o| o["kind"].as_str().unwrap())
        .collect();
    assert!(kinds.contains(&"ok"), "{v}");
    assert!(kinds.contains(&"step-limit"), "{v}");
}

#[test]
fn an_exception_in_a_thread_is_an_outcome() {
    let (v, o) = explore(&["tests/explore/thread_error.py"]);
    assert!(o.status.success(), "{}", normalise(&o.stderr));
    let errors: Vec<&Value> = outcomes(&v)
        .iter()
        .filter(|o| {
            o["stderr"]
                .as_str()
                .unwrap()
                .contains("ZeroDivisionError: integer division or modulo by zero")
        })
        .collect();
    assert_eq!(errors.len(), 1, "{v}");
    assert_eq!(errors[0]["stdout"], "end\n");
    assert!(
        outcomes(&v)
            .iter()
            .any(|o| o["stdout"] == "share 10\nend\n" && o["stderr"] == ""),
        "{v}"
    );
}

/// The number of preemptions `explore --minimize` reports for the schedule it was given
/// and for its result, after checking the result replays to the same outcome.
fn minimize(schedule: &str, flags: &[&str], file: &str) -> (u64, u64) {
    let mut args = vec!["--minimize", schedule];
    args.extend_from_slice(flags);
    args.push(file);
    let (v, o) = explore(&args);
    assert!(o.status.success(), "{v}\n{}", normalise(&o.stderr));
    let given = v["given"]["preemptions"].as_u64().unwrap();
    let got = v["minimized"]["preemptions"].as_u64().unwrap();
    let outcome = serde_json::json!({
        "schedule": v["minimized"]["schedule"],
        "stdout": v["outcome"]["stdout"],
        "kind": v["outcome"]["kind"],
    });
    assert_replays(&outcome, flags, file);
    (given, got)
}

#[test]
fn minimize_never_lengthens_a_schedule() {
    let flags = ["--switch-points", "every"];
    // A seeded run's schedule: many preemptions, most of them irrelevant.
    let dir = scratch_dir("explore");
    // Seed 89 loses two updates (found with `gilvm race --seeded`); seed 4 loses none.
    for (seed, fewest) in [("89", 1), ("4", 0)] {
        let file = dir.join(format!("seed{seed}.schedule"));
        let file = file.to_str().unwrap();
        let o = gilvm(&[
            "--switch-points",
            "every",
            "--schedule-seed",
            seed,
            "--record-schedule",
            file,
            "scripts/explore_multiply.py",
        ]);
        assert!(o.status.success(), "{}", normalise(&o.stderr));
        let (given, got) = minimize(file, &flags, "scripts/explore_multiply.py");
        assert!(got <= given, "seed {seed}: {got} > {given}");
        assert!(given > 1, "seed {seed}: the seeded run preempts often");
        assert_eq!(got, fewest, "seed {seed}");
    }
    // A schedule from the plain bounded search is already minimal (it tries fewer
    // preemptions first; partial-order reduction makes no such promise).
    let (v, _) = explore(&[
        "--switch-points",
        "every",
        "--preemptions",
        "2",
        "scripts/explore_multiply.py",
    ]);
    for outcome in outcomes(&v) {
        let s = outcome["schedule"].as_str().unwrap();
        let (given, got) = minimize(s, &flags, "scripts/explore_multiply.py");
        assert_eq!(got, given, "{s}");
        assert_eq!(got, outcome["preemptions"].as_u64().unwrap());
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_schedule_that_does_not_fit_is_an_error() {
    let o = gilvm(&[
        "explore",
        "--minimize",
        "1:3>2",
        "scripts/explore_multiply.py",
    ]);
    assert_eq!(o.status.code(), Some(2));
    let err = normalise(&o.stderr);
    assert!(err.contains("does not fit this program"), "{err}");
}

#[test]
fn limits_cut_the_search_and_say_so() {
    let (v, o) = explore(&[
        "--switch-points",
        "every",
        "--max-schedules",
        "5",
        "scripts/explore_multiply.py",
    ]);
    assert!(o.status.success());
    assert_eq!(v["schedules"], 5);
    assert_eq!(v["complete"], false);
    let text = gilvm(&[
        "explore",
        "--switch-points",
        "every",
        "--time-limit",
        "1ms",
        "scripts/explore_multiply.py",
    ]);
    let text = normalise(&text.stdout);
    assert!(text.contains("cut by --time-limit"), "{text}");
}

#[test]
fn syntax_errors_and_missing_files() {
    let o = gilvm(&["explore", "tests/explore/missing.py"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(normalise(&o.stderr).contains("can't open file"));
    let dir = scratch_dir("explore-syn");
    let bad = dir.join("bad.py");
    std::fs::write(&bad, "x = (1,\n").unwrap();
    let o = gilvm(&["explore", bad.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(normalise(&o.stderr).contains("SyntaxError"));
    let _ = std::fs::remove_dir_all(&dir);
}

/// Ctrl-C stops the search between two runs: the outcomes found so far are printed, "cut by
/// Ctrl-C", and the status is 130. The signal is sent once the process catches SIGINT (its
/// `SigCgt` mask in /proc), so the test does not depend on how fast it starts.
#[cfg(target_os = "linux")]
#[test]
fn ctrl_c_prints_what_was_found() {
    let child = spawn_catching_sigint(&[
        "explore",
        "-X",
        "gil=0",
        "--preemptions",
        "8",
        "scripts/explore_multiply.py",
    ]);
    // Some schedules first, so that something was found.
    std::thread::sleep(std::time::Duration::from_millis(500));
    send_sigint(&child);
    let o = child.wait_with_output().expect("gilvm ends");
    let out = String::from_utf8_lossy(&o.stdout);
    assert_eq!(o.status.code(), Some(130), "{out}{}", normalise(&o.stderr));
    assert!(out.contains("cut by Ctrl-C"), "{out}");
}

/// The outcomes `explore` reports, as sorted `(stdout, stderr, kind)` triples.
fn outcome_set(v: &Value) -> Vec<(String, String, String)> {
    let mut s: Vec<(String, String, String)> = outcomes(v)
        .iter()
        .map(|o| {
            (
                o["stdout"].as_str().unwrap_or_default().to_string(),
                o["stderr"].as_str().unwrap_or_default().to_string(),
                o["kind"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect();
    s.sort();
    s
}

/// Partial-order reduction is sound: for every program of a corpus of small racy programs
/// (`tests/explore/por/`), in both modes (the GIL with CPython's switch points, and
/// free-threaded), the outcomes found with it are those the plain search finds. The plain
/// search is bounded to 2 preemptions (unbounded, free-threaded, it does not end in
/// reasonable time even for these); no outcome of these programs needs more, and the
/// reduced search has no bound, so it must find at least as much: equality checks both
/// that it misses nothing and that it reports only real outcomes.
#[test]
fn partial_order_reduction_finds_every_outcome_of_the_plain_search() {
    let mut files: Vec<_> = std::fs::read_dir("tests/explore/por")
        .expect("the corpus")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "py"))
        .collect();
    files.sort();
    assert!(files.len() >= 8, "{files:?}");
    for file in &files {
        let file = file.to_str().unwrap();
        for mode in [&[][..], &["-X", "gil=0"][..]] {
            // The report of a search of `file` in `mode` with `search`: it must end complete.
            let complete = |search: &[&str]| {
                let (v, o) = explore(&[mode, search, &[file]].concat());
                assert!(
                    o.status.success(),
                    "{file} {mode:?} {search:?}: {}",
                    normalise(&o.stderr)
                );
                assert_eq!(v["complete"], true, "{file} {mode:?} {search:?}: {v}");
                v
            };
            let p = complete(&["--reduction", "none", "--preemptions", "2"]);
            let r = complete(&["--reduction", "dpor"]);
            assert_eq!(r["reduction"], "dpor");
            assert_eq!(
                outcome_set(&r),
                outcome_set(&p),
                "{file} {mode:?}: with reduction (left) and plain (right)"
            );
            // Every schedule it reports replays to its outcome.
            for outcome in outcomes(&r) {
                assert_replays(outcome, mode, file);
            }
        }
    }
}

/// The races the corpus is made of show up: a lost update free-threaded, and under the GIL
/// only where a call puts a switch point between the load and the store.
#[test]
fn partial_order_reduction_finds_the_races() {
    let dpor = |args: &[&str]| explore(&[&["--reduction", "dpor"][..], args].concat()).0;
    let v = dpor(&["-X", "gil=0", "tests/explore/por/lost_update.py"]);
    assert_eq!(stdouts(&v), vec!["1\n", "2\n"], "{v}");
    let v = dpor(&["tests/explore/por/lost_update.py"]);
    assert_eq!(stdouts(&v), vec!["2\n"], "{v}");
    let v = dpor(&["tests/explore/por/call_in_update.py"]);
    assert_eq!(stdouts(&v), vec!["1\n", "2\n"], "{v}");
    let v = dpor(&["tests/explore/por/no_race.py"]);
    assert_eq!(outcomes(&v).len(), 1, "{v}");
    let text = normalise(
        &gilvm(&[
            "explore",
            "--reduction",
            "dpor",
            "tests/explore/por/join.py",
        ])
        .stdout,
    );
    assert_contains(
        &text,
        &[
            "partial-order reduction, no preemption bound",
            "complete: every outcome.",
        ],
    );
}

/// The reduced search's schedule count is exact: a run keeps every object it numbers, so no
/// address (and number) is reused within a run and the allocator's state decides nothing.
/// The count is pinned (it changes only with the reduction, the observer, or the code the
/// program runs, `threading` included) and repeats.
#[test]
fn partial_order_reduction_counts_repeat_exactly() {
    let count = || {
        let (v, _) = explore(&[
            "-X",
            "gil=0",
            "--reduction",
            "dpor",
            "tests/explore/por/lost_update.py",
            "2",
            "2",
        ]);
        assert_eq!(v["complete"], true, "{v}");
        v["schedules"].as_u64().expect("schedules")
    };
    let first = count();
    assert_eq!(first, 165);
    for _ in 0..2 {
        assert_eq!(count(), first);
    }
}

/// `--strategy pct`: seeded runs (the same seeds give the same outcomes and counts), the lost
/// update found, each outcome's schedule replaying to it, and the summary stating PCT's
/// guarantee in the `n` and `k` the runs had.
#[test]
fn pct_runs_are_seeded_and_find_the_lost_update() {
    let file = "tests/explore/por/lost_update.py";
    let flags = ["-X", "gil=0"];
    let pct = |runs: &'static str, seed: &'static str| {
        let mut a = vec!["-X", "gil=0", "--strategy", "pct", "--depth", "2"];
        a.extend(["--runs", runs, "--seed", seed, file]);
        a
    };
    let (v, o) = explore(&pct("300", "11"));
    assert!(o.status.success(), "{}", normalise(&o.stderr));
    assert_eq!(stdouts(&v), vec!["1\n", "2\n"], "{v}");
    let summary = &v["pct"];
    assert_eq!(summary["runs"], 300);
    assert_eq!(summary["depth"], 2);
    assert_eq!(summary["threads"], 3, "main and two workers");
    let k = summary["decision_points"].as_u64().expect("k");
    assert!(k > 0);
    let g = summary["guarantee"].as_f64().expect("guarantee");
    assert!((g - 1.0 / (3.0 * k as f64)).abs() < 1e-12, "{g} vs k = {k}");
    assert_eq!(
        v["complete"], false,
        "PCT samples, it never claims completeness"
    );
    let counts = |v: &Value| -> Vec<(String, u64)> {
        let mut c: Vec<_> = outcomes(v)
            .iter()
            .map(|o| {
                let out = o["stdout"].as_str().unwrap_or_default().to_string();
                (out, o["count"].as_u64().unwrap_or(0))
            })
            .collect();
        c.sort();
        c
    };
    let again = explore(&pct("300", "11")).0;
    assert_eq!(counts(&v), counts(&again), "the same seeds, the same runs");
    for outcome in outcomes(&v) {
        assert_replays(outcome, &flags, file);
    }
    let mut text_args = vec!["explore"];
    text_args.extend(pct("20", "0"));
    let text = gilvm(&text_args);
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(text.contains("PCT, depth 2, 20 runs from seed 0"), "{text}");
    assert!(text.contains("20 runs in "), "{text}");
    assert!(text.contains("(seeds 0..=19)"), "{text}");
    assert!(text.contains("n = 3 threads, k = "), "{text}");
}

/// PCT counts only the decision points at racing sites (for two threads of three
/// increments: the loads and stores of `counter`, the starts, joins and ends, not the 74 of
/// every branch point), and each change point drops the thread below every other, so the
/// four turns that `counter == 2` needs (A, B, A, B, A, B) come at depth 5: the runs from
/// seed 3000 find it at their 331st, and the summary states the bound for one order of the
/// threads and one set of change points.
#[test]
fn pct_counts_racing_points_and_finds_the_lost_update_inside_a_lost_update() {
    let (v, o) = explore(&[
        "-X",
        "gil=0",
        "--strategy",
        "pct",
        "--depth",
        "5",
        "--runs",
        "331",
        "--seed",
        "3000",
        "tests/explore/por/lost_update.py",
        "2",
        "3",
    ]);
    assert!(o.status.success(), "{}", normalise(&o.stderr));
    assert!(stdouts(&v).contains(&"2\n".to_string()), "{v}");
    let k = v["pct"]["decision_points"].as_u64().expect("k");
    assert!((13..=30).contains(&k), "k = {k}");
    let sets: f64 = (0..4).map(|i| (k - i) as f64 / (i + 1) as f64).product();
    let g = v["pct"]["guarantee"].as_f64().expect("guarantee");
    assert!((g - 1.0 / (6.0 * sets)).abs() < 1e-15, "{g} vs k = {k}");
}

#[test]
fn pct_has_no_preemption_bound_to_give() {
    let o = gilvm(&[
        "explore",
        "--strategy",
        "pct",
        "--preemptions",
        "1",
        "scripts/lost_update.py",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(normalise(&o.stderr).contains("--strategy pct has no preemption bound"));
}

/// `--explain` tells each outcome's story: the overdraft's schedule is explained as a stale
/// check, the right balance as nothing wrong, and each outcome gets the `gilvm step`
/// command that stops where its schedule ends.
#[test]
fn explain_tells_each_outcome_its_story() {
    let out = run_ok(&[
        "explore",
        "--explain",
        "--switch-points",
        "every",
        "tests/step/bank.py",
    ]);
    assert_contains(
        &out,
        &[
            "    | balance = 20\n  schedule: (none: each thread runs until it blocks or ends)\n  \
             explain:  no lost updates, no stale checks or reads\n",
            "    | balance = -60\n",
            "  explain:  stale check on .balance: Thread-1 (withdraw) tested it at line 15 when it \
             was 100; Thread-2 (withdraw)'s update (100 → 20, line 16) came before Thread-1 \
             (withdraw) acted on that test, storing -60 at line 16\n            \
             0 lost updates; 1 stale check (1 on .balance)\n",
            "  step:     gilvm step --replay-schedule 'gil=1 points=every;",
        ],
    );
    let lost = run_ok(&[
        "explore",
        "--explain",
        "--json",
        "tests/explore/por/call_in_update.py",
    ]);
    let v: Value = serde_json::from_str(&lost).expect("json");
    let stories: Vec<String> = outcomes(&v)
        .iter()
        .map(|o| {
            o["explain"]
                .as_array()
                .expect("explain")
                .last()
                .unwrap()
                .to_string()
        })
        .collect();
    assert!(
        stories
            .iter()
            .any(|s| s.contains("1 lost update (1 on counter)")),
        "{stories:?}"
    );
    for o in outcomes(&v) {
        let step = o["step"].as_str().expect("step");
        assert!(step.starts_with("gilvm step --replay-schedule "), "{step}");
    }
}

/// A schedule names threads as the program does and carries the mode it was made in: made
/// free-threaded, it replays to the same output without `-X gil=0`; a flag that contradicts
/// it is refused (exit 2); a name no thread has is "does not fit" (exit 4); the old numeric
/// form still replays; names a schedule cannot write (a space, the same name twice) fall back
/// to thread numbers.
#[test]
fn schedules_name_threads_and_carry_their_mode() {
    let file = "tests/explore/por/lost_update.py";
    let (v, o) = explore(&["-X", "gil=0", file]);
    assert!(o.status.success(), "{}", normalise(&o.stderr));
    let lost = outcomes(&v)
        .iter()
        .find(|o| o["stdout"] == "1\n")
        .expect("the lost update");
    let schedule = lost["schedule"].as_str().expect("schedule");
    assert!(
        schedule.starts_with("gil=0 points=every; MainThread:"),
        "{schedule}"
    );
    assert!(schedule.contains(">Thread-1"), "{schedule}");
    for o in outcomes(&v) {
        assert_replays(o, &[], file);
        assert!(
            !o["replay"].as_str().unwrap().contains("-X gil=0"),
            "{o}: the schedule carries the mode"
        );
    }
    // A flag that says otherwise is refused, naming both.
    for flags in [
        &["-X", "gil=1"][..],
        &["-X", "gil=1", "--switch-points", "cpython"][..],
    ] {
        let mut args = flags.to_vec();
        args.extend(["--replay-schedule", schedule, file]);
        let o = gilvm(&args);
        assert_eq!(o.status.code(), Some(2), "{flags:?}");
        assert_contains(
            &normalise(&o.stderr),
            &["the schedule was made with", "replayed in another mode"],
        );
        let mut args = vec!["step"];
        args.extend(flags);
        args.extend(["--replay-schedule", schedule, file]);
        assert_eq!(gilvm(&args).status.code(), Some(2), "step {flags:?}");
    }
    // Agreeing flags are fine. Free-threaded, a deterministic run switches at every
    // instruction whatever --switch-points says, so `cpython` means the same run there.
    assert_replays(lost, &["-X", "gil=0", "--switch-points", "every"], file);
    assert_replays(lost, &["--switch-points", "cpython"], file);
    // The old form: numbers, no mode (given by flags).
    let old = schedule
        .trim_start_matches("gil=0 points=every; ")
        .replace("MainThread", "1")
        .replace("Thread-1", "2")
        .replace("Thread-2", "3");
    let o = gilvm(&["-X", "gil=0", "--replay-schedule", &old, file]);
    assert_eq!(stdout(&o), "1\n", "{old}: {}", normalise(&o.stderr));
    // A name no thread has.
    let o = gilvm(&["--replay-schedule", "gil=0; MainThread:5>Thread-9", file]);
    assert_eq!(o.status.code(), Some(4));
    assert_contains(&normalise(&o.stderr), &["does not fit", "Thread-9"]);

    let file = "tests/explore/named_threads.py";
    let (v, o) = explore(&["-X", "gil=0", "--preemptions", "1", file]);
    assert!(o.status.success(), "{}", normalise(&o.stderr));
    let all: Vec<&str> = outcomes(&v)
        .iter()
        .map(|o| o["schedule"].as_str().unwrap())
        .collect();
    let joined = all.join("\n");
    assert!(
        !joined.contains("worker") && !joined.contains("twin"),
        "{joined}"
    );
    assert!(
        joined.contains(">2 ") && joined.contains(">solo"),
        "{joined}"
    );
    for o in outcomes(&v) {
        assert_replays(o, &[], file);
    }
}

/// A report with its times taken out: the summary's `in 0.12 s (3456 per second)` and, in
/// JSON, `seconds`.
fn without_times(text: &str) -> String {
    text.lines()
        .map(|l| match (l.find(" in "), l.find(" per second)")) {
            (Some(a), Some(b)) if a < b => format!("{}{}", &l[..a], &l[b + " per second)".len()..]),
            _ => l.to_string(),
        })
        .map(|l| match l.find("\"seconds\":") {
            Some(a) => {
                let rest = &l[a..];
                let end = rest.find(',').unwrap_or(rest.len());
                format!("{}{}", &l[..a], &rest[end..])
            }
            None => l,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// `--jobs 2` prints what one job prints (times aside): the outcomes, their counts, the
/// schedule shown for each and the totals, for the plain search and PCT, under the GIL and
/// free-threaded; `--first` stops at the same forbidden outcome after as many schedules;
/// `--json` too. Partial-order reduction refuses several jobs.
#[test]
fn jobs_print_what_one_job_prints() {
    let por = "tests/explore/por";
    let cases: Vec<Vec<&str>> = vec![
        vec!["tests/explore/por/lost_update.py", "2", "2"],
        vec!["tests/explore/por/check_then_act.py"],
        vec!["tests/explore/por/attributes.py"],
        vec!["tests/explore/por/locked.py"],
        vec!["tests/explore/por/join.py"],
        vec!["scripts/deadlock.py"],
        vec!["scripts/explore_multiply.py"],
    ];
    assert!(std::path::Path::new(por).is_dir());
    let report = |flags: &[&str], jobs: &str, case: &[&str]| {
        let mut a = vec!["explore", "--jobs", jobs];
        a.extend_from_slice(flags);
        a.extend_from_slice(case);
        let o = gilvm(&a);
        assert!(
            matches!(o.status.code(), Some(0 | 1)),
            "{a:?}: {}",
            normalise(&o.stderr)
        );
        (
            without_times(&String::from_utf8_lossy(&o.stdout)),
            o.status.code(),
        )
    };
    for case in &cases {
        for mode in [&[][..], &["-X", "gil=0"][..]] {
            for strategy in [
                &["--preemptions", "2"][..],
                &["--strategy", "pct", "--runs", "200", "--depth", "3"][..],
            ] {
                let flags = [mode, strategy].concat();
                let one = report(&flags, "1", case);
                let two = report(&flags, "2", case);
                assert_eq!(one, two, "{case:?} {flags:?}: one job (left), two (right)");
                assert!(one.0.contains("distinct outcome"), "{}", one.0);
            }
        }
    }
    // `--first`: the first forbidden outcome in search order, after as many schedules.
    let first = [
        "-X",
        "gil=0",
        "--first",
        "--expect",
        "Result = 30.959144000000002",
    ];
    let one = report(&first, "1", &["scripts/explore_multiply.py"]);
    assert_eq!(one.1, Some(1));
    assert!(one.0.contains("a forbidden outcome, after"), "{}", one.0);
    assert_eq!(one, report(&first, "2", &["scripts/explore_multiply.py"]));
    // `--json`, times aside.
    let json = ["--json", "-X", "gil=0"];
    let one = report(&json, "1", &["tests/explore/por/lost_update.py", "2", "2"]);
    assert_eq!(
        one,
        report(&json, "2", &["tests/explore/por/lost_update.py", "2", "2"])
    );
    // `--max-schedules` cuts at exactly N schedules with any number of jobs.
    let (v, _) = explore(&[
        "--jobs",
        "2",
        "-X",
        "gil=0",
        "--max-schedules",
        "7",
        "scripts/explore_multiply.py",
    ]);
    assert_eq!(v["schedules"], 7, "{v}");
    assert_eq!(v["cut"], "--max-schedules", "{v}");
    // Partial-order reduction refuses several jobs rather than count differently.
    let o = gilvm(&[
        "explore",
        "--jobs",
        "2",
        "--reduction",
        "dpor",
        "tests/explore/por/join.py",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        normalise(&o.stderr).contains("--jobs with --reduction dpor is not supported"),
        "{}",
        normalise(&o.stderr)
    );
}
