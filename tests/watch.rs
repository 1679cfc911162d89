//! Watching the GIL: `--trace-gil`, `--stats`, `--trace-out`, the deterministic schedulers
//! (`--switch-every`, `--schedule-seed`, `--record-schedule`/`--replay-schedule`), `gilvm race
//! --seeded`, `gilvm dis --switch-points` and deadlock reports. Every assertion holds on every
//! run: deterministic schedules are compared byte for byte, timed ones only for structure.
//!
//! The scripts live in tests/watch/ and are small, since the tests run the debug build. Set
//! `GILVM_BLESS=1` to rewrite the golden trace after a deliberate change.

mod common;
use common::*;

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::Output;

use serde_json::Value;

fn code(o: &Output) -> i32 {
    o.status.code().unwrap_or(-1)
}

fn ok(o: &Output) {
    assert_eq!(code(o), 0, "stderr: {}", normalise(&o.stderr));
}

/// A fresh path for a file a run writes (trace, schedule), unique per test.
fn scratch(name: &str) -> PathBuf {
    scratch_dir("watch").join(name)
}

fn s(p: &std::path::Path) -> String {
    p.display().to_string()
}

/// stdout and stderr of one run, as one comparable value.
fn both(o: &Output) -> (i32, Vec<u8>, Vec<u8>) {
    (code(o), o.stdout.clone(), o.stderr.clone())
}

// ---------------------------------------------------------------------------------------------
// 1. The golden trace of a deterministic run.

const GOLDEN_ARGS: [&str; 4] = [
    "--switch-every",
    "50",
    "--trace-gil",
    "tests/watch/counter.py",
];

#[test]
fn switch_every_trace_matches_golden_file() {
    let o = gilvm(&GOLDEN_ARGS);
    ok(&o);
    assert_eq!(normalise(&o.stdout), "done\n");
    let err = normalise(&o.stderr);
    assert!(err.lines().all(|l| l.starts_with("[gil]")), "{err}");
    let golden = root().join("tests/watch/counter.trace");
    if std::env::var_os("GILVM_BLESS").is_some() {
        std::fs::write(&golden, &err).expect("write golden");
    }
    assert_eq!(err, read(&golden), "gilvm {}", GOLDEN_ARGS.join(" "));
}

#[test]
fn switch_every_runs_are_byte_identical() {
    let a = gilvm(&GOLDEN_ARGS);
    let b = gilvm(&GOLDEN_ARGS);
    ok(&a);
    assert_eq!(both(&a), both(&b));
}

// ---------------------------------------------------------------------------------------------
// 2. Same seed, same run.

#[test]
fn same_seed_same_output_and_trace() {
    for seed in ["0", "1", "7", "12345"] {
        let args = [
            "--schedule-seed",
            seed,
            "--trace-gil",
            "tests/watch/racy.py",
        ];
        let a = gilvm(&args);
        let b = gilvm(&args);
        ok(&a);
        assert!(
            normalise(&a.stderr).lines().any(|l| l.starts_with("[gil]")),
            "seed {seed}: no trace"
        );
        assert_eq!(both(&a), both(&b), "seed {seed}");
    }
}

// ---------------------------------------------------------------------------------------------
// 3. --trace-out: a well-formed Chrome trace.

/// Runs `gilvm ARGS --trace-out F SCRIPT` and returns the parsed trace.
fn trace_of(args: &[&str], script: &str, name: &str) -> Value {
    let path = scratch(name);
    let mut all: Vec<String> = args.iter().map(|a| a.to_string()).collect();
    all.extend(["--trace-out".into(), s(&path), script.into()]);
    let refs: Vec<&str> = all.iter().map(String::as_str).collect();
    let o = gilvm(&refs);
    ok(&o);
    let text = std::fs::read(&path).expect("trace written");
    serde_json::from_slice(&text).unwrap_or_else(|e| panic!("{all:?}: bad JSON: {e}"))
}

fn events(trace: &Value) -> &Vec<Value> {
    trace["traceEvents"].as_array().expect("traceEvents")
}

/// tid -> thread name, from the `thread_name` metadata events.
fn thread_names(trace: &Value) -> BTreeMap<u64, String> {
    events(trace)
        .iter()
        .filter(|e| e["ph"] == "M" && e["name"] == "thread_name")
        .map(|e| {
            let tid = e["tid"].as_u64().expect("tid");
            let name = e["args"]["name"].as_str().expect("name").to_string();
            (tid, name)
        })
        .collect()
}

/// The "X" slices named `name`, counted per tid.
fn slices_per_thread(trace: &Value, name: &str) -> BTreeMap<u64, usize> {
    let mut n = BTreeMap::new();
    for e in events(trace) {
        if e["ph"] == "X" && e["name"] == name {
            *n.entry(e["tid"].as_u64().expect("tid")).or_default() += 1;
        }
    }
    n
}

fn check_trace(trace: &Value, threads: &[&str], holding: &str, what: &str) {
    let names = thread_names(trace);
    let mut got: Vec<&str> = names.values().map(String::as_str).collect();
    got.sort();
    let mut want = threads.to_vec();
    want.sort();
    assert_eq!(got, want, "{what}: thread_name events");

    for e in events(trace).iter().filter(|e| e["ph"] == "X") {
        let ts = e["ts"].as_f64().unwrap_or(-1.0);
        let dur = e["dur"].as_f64().unwrap_or(-1.0);
        assert!(ts >= 0.0 && dur >= 0.0, "{what}: bad slice {e}");
        let tid = e["tid"].as_u64().expect("tid");
        assert!(
            names.contains_key(&tid),
            "{what}: slice on unnamed tid: {e}"
        );
    }

    let held = slices_per_thread(trace, holding);
    for (tid, name) in &names {
        assert!(
            held.get(tid).copied().unwrap_or(0) >= 1,
            "{what}: {name} has no {holding:?} slice"
        );
    }
}

#[test]
fn trace_out_timed_gil_run() {
    let t = trace_of(&[], "tests/watch/sleepers.py", "timed.json");
    check_trace(
        &t,
        &["MainThread", "worker-0", "worker-1"],
        "holds GIL",
        "timed GIL run",
    );
}

#[test]
fn trace_out_free_threaded_run() {
    let t = trace_of(&["-X", "gil=0"], "tests/watch/sleepers.py", "free.json");
    check_trace(
        &t,
        &["MainThread", "worker-0", "worker-1"],
        "runs",
        "free-threaded run",
    );
    assert!(
        slices_per_thread(&t, "holds GIL").is_empty(),
        "free-threaded run has GIL slices"
    );
}

/// Without a GIL nobody waits for it: the stats table and the timeline say "waits to run", and
/// the trace should agree.
#[test]
fn trace_out_free_threaded_never_mentions_the_gil() {
    let t = trace_of(
        &["-X", "gil=0", "--switch-every", "20"],
        "tests/watch/racy.py",
        "free-det.json",
    );
    let names: std::collections::BTreeSet<&str> = events(&t)
        .iter()
        .filter(|e| e["ph"] == "X")
        .filter_map(|e| e["name"].as_str())
        .collect();
    assert!(
        names.iter().all(|n| !n.contains("GIL")),
        "slice names: {names:?}"
    );
}

#[test]
fn trace_out_deterministic_run() {
    let t = trace_of(
        &["--switch-every", "50"],
        "tests/watch/counter.py",
        "det.json",
    );
    check_trace(
        &t,
        &["MainThread", "Thread-1 (count)", "Thread-2 (count)"],
        "holds GIL",
        "deterministic run",
    );
    // The clock is a step count, so the file is the same on every run.
    let again = trace_of(
        &["--switch-every", "50"],
        "tests/watch/counter.py",
        "det2.json",
    );
    assert_eq!(t, again);
}

// ---------------------------------------------------------------------------------------------
// 4. --stats agrees with the trace.

/// A `--stats` table: thread name -> (instructions, acquisitions). Columns are found from the
/// header line; numbers are right-aligned under their heading.
fn stats_table(stderr: &str) -> BTreeMap<String, (u64, u64)> {
    let mut lines = stderr.lines().skip_while(|l| !l.starts_with("thread "));
    let header = lines
        .next()
        .unwrap_or_else(|| panic!("no header: {stderr}"));
    let col_end = |h: &str| header.find(h).map(|i| i + h.len()).expect(h);
    let (instr_end, acq_end) = (col_end("instructions"), col_end("acquisitions"));
    let mut rows = BTreeMap::new();
    for row in lines.take_while(|l| !l.is_empty() && !l.starts_with("switches:")) {
        let cell = |end: usize| -> (&str, u64) {
            let left = row
                .get(..end)
                .unwrap_or_else(|| panic!("short row {row:?}"));
            let (before, n) = left.trim_end().rsplit_once(' ').expect("two cells");
            let n = n
                .parse()
                .unwrap_or_else(|_| panic!("bad number in {row:?}"));
            (before.trim(), n)
        };
        let (name, instructions) = cell(instr_end);
        let (_, acquisitions) = cell(acq_end);
        rows.insert(name.to_string(), (instructions, acquisitions));
    }
    rows
}

#[test]
fn stats_acquisitions_match_trace_slices() {
    for script in ["tests/watch/counter.py", "tests/watch/racy.py"] {
        let path = scratch("stats.json");
        let o = gilvm(&[
            "--switch-every",
            "50",
            "--stats",
            "--trace-out",
            &s(&path),
            script,
        ]);
        ok(&o);
        let err = normalise(&o.stderr);
        let table = stats_table(&err);
        let trace: Value =
            serde_json::from_slice(&std::fs::read(&path).expect("trace")).expect("JSON");
        let names = thread_names(&trace);
        let held = slices_per_thread(&trace, "holds GIL");
        assert_eq!(table.len(), names.len(), "{script}: {err}");
        for (tid, name) in &names {
            let (instructions, acquisitions) = *table
                .get(name)
                .unwrap_or_else(|| panic!("{script}: {name} not in {err}"));
            assert!(instructions > 0, "{script}: {name}: {err}");
            assert_eq!(
                acquisitions as usize,
                held.get(tid).copied().unwrap_or(0),
                "{script}: {name}: {err}"
            );
        }
    }
}

/// `--timeline` to a pipe is plain text (no escape codes), one row per thread, and under a
/// deterministic schedule the same on every run.
#[test]
fn timeline_is_plain_and_deterministic() {
    let args = [
        "--switch-every",
        "50",
        "--timeline",
        "tests/watch/counter.py",
    ];
    let a = gilvm(&args);
    ok(&a);
    let err = normalise(&a.stderr);
    assert!(!err.contains('\x1b'), "{err:?}");
    for name in ["MainThread", "Thread-1 (count)", "Thread-2 (count)"] {
        assert_eq!(
            err.lines().filter(|l| l.starts_with(name)).count(),
            1,
            "{name}: {err}"
        );
    }
    assert_eq!(both(&a), both(&gilvm(&args)));
}

// ---------------------------------------------------------------------------------------------
// 5. Record and replay.

#[test]
fn timed_run_replays_exactly() {
    let path = scratch("timed.schedule");
    let rec = gilvm(&[
        "--switch-interval",
        "50us",
        "--record-schedule",
        &s(&path),
        "tests/watch/racy.py",
    ]);
    ok(&rec);
    let rep = gilvm(&["--replay-schedule", &s(&path), "tests/watch/racy.py"]);
    ok(&rep);
    assert_eq!(
        normalise(&rep.stdout),
        normalise(&rec.stdout),
        "schedule:\n{}",
        read(&path)
    );
}

#[test]
fn seeded_run_replays_exactly() {
    for seed in ["3", "5"] {
        let path = scratch(&format!("seed{seed}.schedule"));
        let rec = gilvm(&[
            "--schedule-seed",
            seed,
            "--record-schedule",
            &s(&path),
            "tests/watch/racy.py",
        ]);
        ok(&rec);
        let plain = gilvm(&["--schedule-seed", seed, "tests/watch/racy.py"]);
        assert_eq!(rec.stdout, plain.stdout, "recording changed the run");
        let rep = gilvm(&["--replay-schedule", &s(&path), "tests/watch/racy.py"]);
        ok(&rep);
        assert_eq!(rep.stdout, rec.stdout, "seed {seed}");
    }
}

#[test]
fn schedule_that_does_not_fit_exits_4() {
    let o = gilvm(&["--replay-schedule", "1:5>9", "tests/watch/racy.py"]);
    assert_eq!(code(&o), 4, "{}", normalise(&o.stderr));
    let err = normalise(&o.stderr);
    assert!(err.contains("does not fit"), "{err}");
}

// ---------------------------------------------------------------------------------------------
// 6. gilvm race --seeded.

fn race_json(args: &[&str]) -> Value {
    let o = gilvm(args);
    ok(&o);
    serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("{args:?}: bad JSON: {e}"))
}

fn outcomes(j: &Value) -> &Vec<Value> {
    j["outcomes"].as_array().expect("outcomes")
}

/// Without the GIL, seeds 0..29 lose some of the ten multiplications (3 distinct outcomes
/// when this was written); the seeds fix the result, so the JSON is the same whatever `--jobs`.
#[test]
fn race_seeded_free_threaded_single_multiply_races() {
    let args = |jobs| {
        [
            "race",
            "--seeded",
            "--runs",
            "30",
            "--jobs",
            jobs,
            "--json",
            "-X",
            "gil=0",
            "scripts/single_multiply.py",
        ]
    };
    let j = race_json(&args("2"));
    assert_eq!(j["seeded"], true);
    assert_eq!(j["runs"], 30);
    assert!(outcomes(&j).len() > 1, "{j}");
    let total: u64 = outcomes(&j)
        .iter()
        .filter_map(|o| o["count"].as_u64())
        .sum();
    assert_eq!(total, 30);
    assert_eq!(j, race_json(&args("1")), "seeded race is not deterministic");
}

#[test]
fn race_seeded_with_gil_single_multiply_never_loses() {
    let j = race_json(&[
        "race",
        "--seeded",
        "--runs",
        "20",
        "--json",
        "scripts/single_multiply.py",
    ]);
    let out = outcomes(&j);
    assert_eq!(out.len(), 1, "{j}");
    let text = out[0]["output"].as_str().expect("output");
    let values: Vec<&str> = text.lines().filter_map(|l| l.split(" = ").nth(1)).collect();
    assert_eq!(values.len(), 2, "{text}");
    assert_eq!(
        values[0], values[1],
        "result differs from reference: {text}"
    );
}

#[test]
fn race_seeded_locked_update_has_one_outcome_in_every_mode() {
    for mode in [
        &[][..],
        &["-X", "gil=0"][..],
        &["--switch-points", "every"][..],
    ] {
        let mut args = vec!["race", "--seeded", "--runs", "12", "--json"];
        args.extend(mode);
        args.push("tests/watch/locked.py");
        let j = race_json(&args);
        let out = outcomes(&j);
        assert_eq!(out.len(), 1, "{mode:?}: {j}");
        assert_eq!(out[0]["output"], "x = 3000 of 3000\n", "{mode:?}");
        assert_eq!(out[0]["exit_status"], 0);
    }
}

// ---------------------------------------------------------------------------------------------
// 7. dis marks switch points.

fn dis(extra: &[&str]) -> String {
    let mut args = vec!["dis"];
    args.extend(extra);
    args.push("scripts/single_multiply.py");
    let o = gilvm(&args);
    ok(&o);
    normalise(&o.stdout)
}

/// The instruction lines of `single_multiply`'s body, from `LOAD_GLOBAL (result)` to
/// `STORE_GLOBAL (result)`, both included.
fn read_modify_write(listing: &str) -> Vec<String> {
    let body = listing
        .split("Disassembly of <code object single_multiply")
        .nth(1)
        .expect("single_multiply's disassembly");
    let lines: Vec<&str> = body.lines().collect();
    let first = lines
        .iter()
        .position(|l| l.contains("LOAD_GLOBAL") && l.contains("(result)"))
        .expect("LOAD_GLOBAL result");
    let last = lines
        .iter()
        .position(|l| l.contains("STORE_GLOBAL") && l.contains("(result)"))
        .expect("STORE_GLOBAL result");
    assert!(first < last, "{body}");
    lines[first..=last].iter().map(|l| l.to_string()).collect()
}

#[test]
fn dis_marks_switch_points_by_policy() {
    let plain = dis(&[]);
    let cpython = dis(&["--switch-points", "cpython"]);
    let every = dis(&["--switch-points", "every"]);
    assert!(!plain.contains('*'), "{plain}");
    assert_ne!(cpython, every);

    // CPython 3.10+: the frame entry before the load is a switch point, nothing after it is,
    // so no other thread can run between the load and the store.
    let rmw = read_modify_write(&cpython);
    assert!(rmw[0].contains('*'), "frame entry unmarked: {rmw:#?}");
    assert!(rmw[1..].iter().all(|l| !l.contains('*')), "{rmw:#?}");
    // Before 3.10 a switch could fall before any instruction.
    let rmw = read_modify_write(&every);
    assert!(rmw.len() >= 4, "{rmw:#?}");
    assert!(rmw.iter().all(|l| l.matches('*').count() == 1), "{rmw:#?}");
}

// ---------------------------------------------------------------------------------------------
// 8. Deadlocks are reported.

#[test]
fn self_deadlock_exits_3_and_keeps_stdout() {
    let o = gilvm(&["--switch-every", "10", "tests/watch/self_deadlock.py"]);
    assert_eq!(code(&o), 3, "{}", normalise(&o.stderr));
    assert_eq!(normalise(&o.stdout), "before\nonce\n");
    let err = normalise(&o.stderr);
    assert!(err.contains("deadlock"), "{err}");
}

#[test]
fn lock_order_deadlock_under_every_deterministic_schedule() {
    let schedules: [&[&str]; 4] = [
        &["--switch-every", "1"],
        &["--switch-every", "10"],
        &["--schedule-seed", "3"],
        &["-X", "gil=0", "--schedule-seed", "4"],
    ];
    for sched in schedules {
        let mut args = sched.to_vec();
        args.push("tests/deadlock/two_locks.py");
        let o = gilvm(&args);
        assert_eq!(code(&o), 3, "{sched:?}: {}", normalise(&o.stderr));
        assert_eq!(normalise(&o.stdout), "starting\n", "{sched:?}");
        let err = normalise(&o.stderr);
        assert!(err.contains("deadlock"), "{sched:?}: {err}");
    }
}

// ---------------------------------------------------------------------------------------------
// 9. --explain: every lost update of a racy run is reported, and the count is the shortfall.

/// The `explain: N lost updates` count at the end of stderr (0 for "no lost updates").
fn explained(stderr: &str) -> u64 {
    let last = stderr
        .lines()
        .rfind(|l| l.starts_with("explain:"))
        .unwrap_or_else(|| panic!("no explain summary in:\n{stderr}"));
    if last.contains("no lost updates") {
        return 0;
    }
    last.split_whitespace()
        .nth(1)
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("bad summary: {last}"))
}

/// `gilvm --explain ARGS SCRIPT`, which succeeds: its stdout and stderr.
fn explain(args: &[&str], script: &str) -> (String, String) {
    let mut all = vec!["--explain"];
    all.extend(args);
    all.push(script);
    let out = gilvm(&all);
    ok(&out);
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn explain_counts_the_shortfall_of_a_racy_counter() {
    let mut saw_loss = false;
    for args in [
        vec!["--schedule-seed", "3"],
        vec!["--schedule-seed", "5", "-X", "gil=0"],
        vec!["--switch-every", "7", "--switch-points", "every"],
    ] {
        let (stdout, stderr) = explain(&args, "tests/watch/racy.py");
        // "x = 5123 of 6000"
        let words: Vec<&str> = stdout.split_whitespace().collect();
        let got: u64 = words[2].parse().expect("x");
        let want: u64 = words[4].parse().expect("total");
        assert_eq!(
            explained(&stderr),
            want - got,
            "{args:?}: the explained count must be the shortfall\n{stderr}"
        );
        let reports = stderr
            .lines()
            .filter(|l| l.starts_with("[explain]"))
            .count();
        assert_eq!(reports > 0, got < want, "{args:?}: a report per loss event");
        // Told for a class: whose update (old → new) was lost, who read before it and
        // stored after it; never a value "erasing" itself.
        for line in stderr.lines().filter(|l| l.starts_with("[explain]")) {
            assert!(
                line.starts_with("[explain] lost update on x: Thread-")
                    && (line.contains(" was lost: Thread-")
                        || line.contains(" were lost: Thread-"))
                    && line.contains(" had read ")
                    && line.contains(" → ")
                    && !line.contains("erasing"),
                "{args:?}: {line}"
            );
        }
        saw_loss |= got < want;
    }
    assert!(saw_loss, "at least one of these schedules loses updates");
}

#[test]
fn explain_never_reports_a_locked_program() {
    for args in [
        vec!["--schedule-seed", "3"],
        vec!["--schedule-seed", "4", "-X", "gil=0"],
        vec!["--switch-every", "3", "--switch-points", "every"],
    ] {
        let (_, stderr) = explain(&args, "tests/watch/locked.py");
        assert_eq!(explained(&stderr), 0, "{args:?}\n{stderr}");
        assert!(!stderr.contains("[explain]"), "{args:?}\n{stderr}");
    }
}

/// The bank overdraft (`scripts/bank_overdraft.py`): two withdrawals of 80 from 100. Under
/// every schedule tried, in both modes, an account at -60 is explained as a stale check (each
/// update read the balance it changed, so nothing was lost: "no lost updates" would be a
/// lie), and an account at 20 never is. The seeds are deterministic schedules; some of them
/// overdraw in each mode.
#[test]
fn explain_tells_an_overdraft_as_a_stale_check_in_both_modes() {
    for mode in [&[][..], &["-X", "gil=0"][..]] {
        let mut overdrawn = 0;
        for seed in 0..40 {
            let seed = seed.to_string();
            let mut args = vec!["--explain", "--schedule-seed", &seed];
            args.extend(mode);
            args.push("scripts/bank_overdraft.py");
            let out = gilvm(&args);
            ok(&out);
            let stdout = String::from_utf8_lossy(&out.stdout);
            let stderr = String::from_utf8_lossy(&out.stderr);
            let summary = stderr
                .lines()
                .rfind(|l| l.starts_with("explain:"))
                .unwrap_or_default();
            match stdout.trim() {
                "balance = -60" => {
                    overdrawn += 1;
                    assert!(
                        stderr.lines().any(|l| l
                            .starts_with("[explain] stale check on .balance: Thread-")
                            && l.contains(" tested it at line 29 when it was 100; Thread-")
                            && l.contains("'s update (100 → 20, line 31) came before ")
                            && l.ends_with(" acted on that test, storing -60 at line 31")),
                        "{args:?}\n{stderr}"
                    );
                    assert_eq!(
                        summary, "explain: 0 lost updates; 1 stale check (1 on .balance)",
                        "{args:?}"
                    );
                }
                "balance = 20" => {
                    assert!(
                        !stderr.contains("[explain] stale check"),
                        "{args:?}\n{stderr}"
                    )
                }
                other => panic!("{args:?}: unexpected output {other}"),
            }
        }
        assert!(overdrawn > 0, "{mode:?}: no seed in 0..40 overdraws");
    }
}

/// `--explain` with `--trace-out`: each finding is an instant event on its thread's track,
/// with the report.
#[test]
fn explain_findings_are_instant_events_in_the_trace() {
    let dir = std::env::temp_dir().join(format!("gilvm-explain-trace-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("run.json");
    let out = gilvm(&[
        "--explain",
        "--schedule-seed",
        "3",
        "--trace-out",
        path.to_str().unwrap(),
        "tests/watch/racy.py",
    ]);
    ok(&out);
    let v: serde_json::Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
    std::fs::remove_dir_all(&dir).unwrap();
    let lost: Vec<&serde_json::Value> = v["traceEvents"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["ph"] == "i" && e["name"] == "lost update")
        .collect();
    let stderr = String::from_utf8_lossy(&out.stderr);
    let reports = stderr
        .lines()
        .filter(|l| l.starts_with("[explain]"))
        .count();
    assert!(reports > 0, "seed 3 loses updates: {stderr}");
    assert_eq!(lost.len(), reports);
    for e in lost {
        assert!(e["tid"].as_u64().is_some_and(|t| t > 1), "{e}");
        assert!(
            e["args"]["explain"]
                .as_str()
                .is_some_and(|s| s.starts_with("lost update on x: ")),
            "{e}"
        );
    }
}

// ---------------------------------------------------------------------------------------------
// 10. --trace-gil tells every thread's story: its name, its exit, no hand-off to itself.

/// Checks one `--trace-gil` log of `scripts/bank_overdraft.py`.
fn check_live_log(stderr: &str, gil: bool) {
    let lines: Vec<&str> = stderr.lines().filter(|l| l.starts_with("[gil]")).collect();
    for line in &lines {
        // Every thread by its name (`Thread-2 (withdraw)`), never `thread 3`.
        assert!(
            !line.split_whitespace().any(|w| w == "thread") || line.contains("thread exit"),
            "a thread without its name: {line}\n{stderr}"
        );
        if let Some((_, rest)) = line.split_once("  ")
            && let Some((from, to)) = rest.trim_start().split_once(" → ")
        {
            let from = from.split("  ").last().unwrap_or(from);
            assert!(
                !to.starts_with(&format!("{from}  ")),
                "a hand-off from a thread to itself: {line}"
            );
        }
    }
    for name in ["MainThread", "Thread-1 (withdraw)", "Thread-2 (withdraw)"] {
        let exit = lines.iter().any(|l| {
            if gil {
                l.contains(&format!("  {name} → ")) && l.contains("  thread exit")
                    || l.ends_with(&format!("  {name} exits"))
            } else {
                l.ends_with(&format!("  {name} stops: thread exit"))
            }
        });
        assert!(exit, "no exit line for {name}:\n{stderr}");
    }
}

/// Free-threaded, the main thread's `join()` returns a moment before the joined thread has
/// left, and the run used to end first about once in 12 runs, losing that exit line. Many
/// runs, every exit present each time.
#[test]
fn trace_gil_never_loses_an_exit_line_free_threaded() {
    for _ in 0..30 {
        let out = gilvm(&["--trace-gil", "-X", "gil=0", "scripts/bank_overdraft.py"]);
        ok(&out);
        check_live_log(&String::from_utf8_lossy(&out.stderr), false);
    }
}

#[test]
fn trace_gil_names_every_thread_and_says_every_exit_with_the_gil() {
    for args in [
        vec!["--trace-gil"],
        vec!["--trace-gil", "--switch-interval", "10us"],
        vec!["--trace-gil", "--schedule-seed", "3"],
    ] {
        let mut all = args.clone();
        all.push("scripts/bank_overdraft.py");
        for _ in 0..5 {
            let out = gilvm(&all);
            ok(&out);
            check_live_log(&String::from_utf8_lossy(&out.stderr), true);
        }
    }
}

/// A thread that sleeps while nobody else wants the GIL takes it back: said as such, not as
/// a hand-off from the thread to itself.
#[test]
fn trace_gil_has_no_hand_off_to_oneself() {
    let out = gilvm(&[
        "--trace-gil",
        "-c",
        "import time\nfor _ in range(3):\n    time.sleep(0.001)\n",
    ]);
    ok(&out);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("MainThread → MainThread"), "{stderr}");
    assert!(
        stderr.contains("MainThread takes the GIL back after sleep"),
        "{stderr}"
    );
}
