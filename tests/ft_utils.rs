//! The built-in `ft_utils` package (the API of Meta's ft_utils library): its single-threaded
//! behaviour, and its concurrent guarantees with the GIL, without it (`-X gil=0`,
//! `PYTHON_GIL=0`) and under deterministic schedules. Every threaded assertion holds under
//! every interleaving: totals are exact where the structure is atomic, and a plain int's
//! racy total is only bounded from above.

mod common;
use common::*;

/// With the GIL, without it by flag, without it by environment variable.
const MODES: [(&[&str], Option<&str>); 3] =
    [(&[], None), (&["-X", "gil=0"], None), (&[], Some("0"))];

fn run_in(mode: &(&[&str], Option<&str>), extra: &[&str], script: &str) -> (String, String, i32) {
    let mut cmd = assert_cmd::Command::cargo_bin("gilvm").expect("binary built");
    cmd.current_dir(root())
        .timeout(std::time::Duration::from_secs(120))
        .args(mode.0)
        .args(extra)
        .arg(script);
    match mode.1 {
        Some(v) => cmd.env("PYTHON_GIL", v),
        None => cmd.env_remove("PYTHON_GIL"),
    };
    let o = cmd.output().expect("gilvm runs");
    (
        normalise(&o.stdout),
        normalise(&o.stderr),
        o.status.code().unwrap_or(-1),
    )
}

/// Runs `script` in every mode: it succeeds, printing `want`.
fn prints_in_every_mode(script: &str, want: &str) {
    for m in &MODES {
        let (out, err, code) = run_in(m, &[], script);
        assert_eq!(code, 0, "{m:?} {script}: {err}\n{out}");
        assert_eq!(out, want, "{m:?} {script}");
    }
}

#[test]
fn api_behaves_as_the_library_single_threaded() {
    prints_in_every_mode("tests/ft_utils/api.py", "ok\n");
}

#[test]
fn free_threading_is_really_on_without_the_gil() {
    let probe = "tests/ft_utils/gil_probe.py";
    let want = ["True\n", "False\n", "False\n"];
    for (m, want) in MODES.iter().zip(want) {
        let (out, err, code) = run_in(m, &[], probe);
        assert_eq!(code, 0, "{err}");
        assert_eq!(out, want, "{m:?}");
    }
}

#[test]
fn atomic_int64_counts_exactly_where_a_plain_int_may_lose() {
    prints_in_every_mode(
        "tests/ft_utils/atomic_counter.py",
        "incr 40000 of 40000\n\
         global += 40000 of 40000\n\
         attribute += 40000 of 40000\n\
         plain int at most the total: True\n\
         still atomics: AtomicInt64 AtomicInt64\n",
    );
}

#[test]
fn concurrent_dict_keeps_every_disjoint_write() {
    prints_in_every_mode(
        "tests/ft_utils/dict.py",
        "len 16000 of 16000\nsum 15992000 of 15992000\nall present: True\n",
    );
}

#[test]
fn concurrent_queue_delivers_each_item_exactly_once() {
    prints_in_every_mode(
        "tests/ft_utils/queue.py",
        "received 4000 of 4000\n\
         each exactly once: True\n\
         empty: True 0\n\
         pop(timeout=0.05) raised Empty\n",
    );
}

#[test]
fn interval_lock_protects_a_counter() {
    prints_in_every_mode(
        "tests/ft_utils/interval_lock.py",
        "counter 24000 of 24000\nlocked after: False\n",
    );
}

#[test]
fn rwlock_readers_never_see_a_half_write() {
    prints_in_every_mode(
        "tests/ft_utils/rwlock.py",
        "reads 12000 inconsistent 0\na 2000 b -2000 readers 0 writer False\n",
    );
}

#[test]
fn atomic_reference_compare_exchange_counts_exactly() {
    prints_in_every_mode(
        "tests/ft_utils/atomic_reference.py",
        "counter 16000 of 16000\n",
    );
}

#[test]
fn a_blocked_pop_wakes_on_push_in_every_scheduler() {
    let schedules: [&[&str]; 3] = [&[], &["--switch-every", "7"], &["--schedule-seed", "3"]];
    for m in &MODES {
        for s in schedules {
            let (out, err, code) = run_in(m, s, "tests/ft_utils/blocked_pop.py");
            assert_eq!(code, 0, "{m:?} {s:?}: {err}");
            assert_eq!(out, "['first', 'second']\n", "{m:?} {s:?}");
        }
    }
}

#[test]
fn the_blocking_primitives_work_under_deterministic_schedules() {
    for script in [
        "tests/ft_utils/queue.py",
        "tests/ft_utils/interval_lock.py",
        "tests/ft_utils/rwlock.py",
    ] {
        let (out, err, code) = run_in(&MODES[1], &["--schedule-seed", "11"], script);
        assert_eq!(code, 0, "{script}: {err}");
        assert!(!out.is_empty(), "{script}");
    }
}

#[test]
fn a_pop_nobody_answers_is_a_reported_deadlock_not_a_hang() {
    let (out, err, code) = run_in(
        &MODES[0],
        &["--switch-every", "5"],
        "tests/ft_utils/pop_deadlock.py",
    );
    assert_eq!(code, 3, "{out}{err}");
    assert_eq!(out, "popping\n");
    assert!(
        err.contains("MainThread waits (lock wait) at <module> line 6"),
        "{err}"
    );
}

#[test]
fn explore_finds_that_a_queue_hand_off_always_completes() {
    let text = run_ok(&[
        "explore",
        "--preemptions",
        "2",
        "--expect",
        "[1, 2] 2",
        "tests/ft_utils/explore_queue.py",
    ]);
    assert_contains(
        &text,
        &[
            "1 distinct outcome, 0 forbidden.",
            "complete for the preemption bound",
        ],
    );
}

#[test]
fn explore_never_loses_an_atomic_update_at_any_switch_point() {
    let text = run_ok(&[
        "explore",
        "--switch-points",
        "every",
        "--preemptions",
        "2",
        "tests/ft_utils/explore_atomic.py",
    ]);
    let outcomes: Vec<&str> = text
        .lines()
        .filter_map(|l| l.trim_start().strip_prefix("| "))
        .collect();
    assert!(!outcomes.is_empty(), "{text}");
    for line in &outcomes {
        assert!(line.starts_with("atomic 4 plain "), "{text}");
    }
    // The plain int does lose under some schedule: that is what the atomic is for.
    assert!(outcomes.iter().any(|l| *l != "atomic 4 plain 4"), "{text}");
}

#[test]
fn std_concurrent_queue_blocks_when_full_and_joins() {
    prints_in_every_mode(
        "tests/ft_utils/std_queue.py",
        "joined with 600 of 600 done; left: 0\neach once: True\n",
    );
    let (out, err, code) = run_in(
        &MODES[0],
        &["--switch-every", "5"],
        "tests/ft_utils/std_queue.py",
    );
    assert_eq!(code, 0, "{err}");
    assert!(out.ends_with("each once: True\n"), "{out}");
}

/// `--explain` never reports `atomic += 1` as a lost update (its store rebinds the object
/// that was updated in place), whatever the schedule; the plain int's losses it still does.
#[test]
fn explain_does_not_report_in_place_atomic_updates() {
    for seed in 95..=110 {
        let seed = seed.to_string();
        let o = gilvm(&[
            "--explain",
            "--switch-points",
            "every",
            "--schedule-seed",
            &seed,
            "tests/ft_utils/explore_atomic.py",
        ]);
        let (out, err) = (normalise(&o.stdout), normalise(&o.stderr));
        assert!(o.status.success(), "{err}");
        assert!(out.starts_with("atomic 4 plain "), "{out}");
        assert!(!err.contains("lost update on atomic"), "seed {seed}: {err}");
        if !out.ends_with("plain 4\n") {
            assert!(err.contains("lost update on plain"), "seed {seed}: {err}");
        }
    }
}

#[test]
fn concurrent_deque_appends_and_pops_each_item_once() {
    prints_in_every_mode(
        "tests/ft_utils/deque.py",
        "len 8000 of 8000\neach popped once: True left: 0\n",
    );
}
