//! asyncio: cooperative tasks on one thread, and their switches in the GIL views.

mod common;
use common::*;

use serde_json::Value;

/// Runs `gilvm --switch-every 1000 --trace-out FILE ARGS` (a deterministic schedule, so
/// sleeps run on virtual time and the test takes no wall time) and returns the trace.
fn trace_of(script: &str) -> Value {
    let dir = scratch_dir("asyncio");
    let file = dir.join(format!("{}.json", script.replace('/', "_")));
    let file = file.to_str().unwrap();
    let o = gilvm(&["--switch-every", "1000", "--trace-out", file, script]);
    assert!(o.status.success(), "{}", normalise(&o.stderr));
    let v: Value = serde_json::from_str(&read(std::path::Path::new(file))).unwrap();
    let _ = std::fs::remove_dir_all(&dir);
    v
}

fn events<'a>(v: &'a Value, ph: &str, name: &str) -> Vec<&'a Value> {
    v["traceEvents"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["ph"] == ph && e["name"] == name)
        .collect()
}

#[test]
fn concurrent_sleeps_overlap() {
    // Under a deterministic schedule the clocks run on virtual time: the three concurrent
    // sleeps of one second take one second, exactly.
    let o = gilvm(&["--switch-every", "1000", "tests/asyncio/sleeps.py"]);
    assert_eq!(
        String::from_utf8_lossy(&o.stdout),
        "[1, 2, 3]\nslept 1.0 s\n",
        "{}",
        normalise(&o.stderr)
    );
    let v = trace_of("tests/asyncio/sleeps.py");
    // Task-1 (main) and the three naps each ran.
    let task_slices: Vec<&Value> = v["traceEvents"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["ph"] == "X" && e["tid"].as_u64().unwrap_or(0) >= 1_000_000)
        .collect();
    let mut names: Vec<&str> = task_slices
        .iter()
        .map(|e| e["name"].as_str().unwrap())
        .collect();
    names.sort();
    names.dedup();
    assert_eq!(names, ["Task-1", "Task-2", "Task-3", "Task-4"]);
    assert!(
        events(&v, "M", "thread_name")
            .iter()
            .any(|e| e["args"]["name"] == "MainThread: asyncio tasks"),
        "{v}"
    );
    // Each await that let another task run is a switch on the main thread's track.
    assert!(events(&v, "i", "task switch").len() >= 6, "{v}");
}

#[test]
fn task_switches_in_the_live_trace_stats_and_timeline() {
    let o = gilvm(&[
        "--switch-every",
        "1000",
        "--trace-gil",
        "--stats",
        "--timeline",
        "tests/asyncio/sleeps.py",
    ]);
    assert!(o.status.success());
    assert_eq!(
        String::from_utf8_lossy(&o.stdout),
        "[1, 2, 3]\nslept 1.0 s\n"
    );
    let err = normalise(&o.stderr);
    assert_contains(
        &err,
        &[
            "MainThread: task Task-1 → Task-2  (await)",
            "the event loop is idle",
            "asyncio task switches in MainThread: ",
            "  tasks ",
            "asyncio tasks: a = Task-1, b = Task-2",
        ],
    );
}

#[test]
fn await_outside_async_is_a_syntax_error() {
    let dir = scratch_dir("await");
    let bad = dir.join("bad.py");
    std::fs::write(&bad, "def f():\n    await g()\n").unwrap();
    let o = gilvm(&[bad.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        normalise(&o.stderr).contains("SyntaxError: 'await' outside async function"),
        "{}",
        normalise(&o.stderr)
    );
    let _ = std::fs::remove_dir_all(&dir);
}
