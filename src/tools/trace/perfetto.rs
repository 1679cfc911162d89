//! `--trace-out FILE`: the event log as a Chrome trace-event file (the JSON object form), which
//! Perfetto (<https://ui.perfetto.dev>) and `chrome://tracing` open directly.
//!
//! One process (`gilvm`, pid 1), one track per thread (tid = gilvm's thread id). Each thread's
//! intervals ([`super::stats::spans`]) become complete slices (`"ph":"X"`): "holds GIL" (or
//! "runs" when free-threaded) with why it ended and where it stopped, "waits for GIL", and
//! "blocked: sleep" and the like. Drop requests are thread-scoped instant events, and so are
//! `--explain`'s findings ("lost update", "stale check", "stale read", with the report).
//!
//! Timestamps are microseconds. Under a deterministic schedule the clock counts steps, and one
//! step is drawn as one microsecond; the process metadata says so.

use std::io::Write;
use std::path::Path;

use serde_json::{Value, json};

use super::stats::{self, State};
use super::{EventKind, Trace};
use crate::threads::ThreadId;

const PID: u64 = 1;
/// Track ids of the asyncio task tracks: this plus the thread's id.
const TASK_TID: u64 = 1_000_000;

/// The trace as Chrome trace-event JSON.
pub fn to_json(trace: &Trace) -> Value {
    let ts = |c: u64| -> f64 {
        if trace.step_clock {
            c as f64
        } else {
            c as f64 / 1000.0
        }
    };
    let clock = if trace.step_clock {
        "global step count: 1 step is shown as 1 us"
    } else {
        "wall time since the interpreter started"
    };

    let mut events = vec![json!({
        "ph": "M", "pid": PID, "name": "process_name",
        "args": { "name": "gilvm", "clock": clock },
    })];
    if trace.step_clock {
        events.push(json!({
            "ph": "M", "pid": PID, "name": "process_labels",
            "args": { "labels": "clock: 1 step = 1 us" },
        }));
    }
    for (i, t) in stats::threads(trace).into_iter().enumerate() {
        events.push(json!({
            "ph": "M", "pid": PID, "tid": t.get(), "name": "thread_name",
            "args": { "name": trace.name(t) },
        }));
        events.push(json!({
            "ph": "M", "pid": PID, "tid": t.get(), "name": "thread_sort_index",
            "args": { "sort_index": i },
        }));
    }

    for s in stats::spans(trace) {
        let dur = s.end.saturating_sub(s.start);
        let (name, mut args) = match s.state {
            State::Run => {
                let name = if trace.gil { "holds GIL" } else { "runs" };
                let mut args = serde_json::Map::new();
                let (key, why) = match s.reason {
                    Some(r) => (r.key(), r.describe()),
                    None => ("end", "still running when the trace ended"),
                };
                args.insert("reason".into(), json!(key));
                args.insert("why".into(), json!(why));
                if let Some(site) = &s.site {
                    args.insert("stopped at".into(), json!(site.describe()));
                }
                if let Some(n) = s.instructions {
                    args.insert("instructions".into(), json!(n));
                }
                (name.to_string(), args)
            }
            State::Wait => {
                let name = if trace.gil {
                    "waits for GIL"
                } else {
                    "waits to run"
                };
                (name.to_string(), serde_json::Map::new())
            }
            State::Blocked(r) => (format!("blocked: {}", r.describe()), serde_json::Map::new()),
        };
        args.insert("duration".into(), json!(trace.fmt_span(dur)));
        events.push(json!({
            "ph": "X", "pid": PID, "tid": s.thread.get(), "name": name,
            "ts": ts(s.start), "dur": ts(s.end) - ts(s.start),
            "args": args,
        }));
    }

    // asyncio tasks: a track of their own under each thread that ran an event loop, one
    // slice per task run, and an instant event at each switch on the thread's track.
    let tasks = stats::task_spans(trace);
    let with_tasks: std::collections::BTreeSet<ThreadId> = tasks.iter().map(|s| s.thread).collect();
    for t in &with_tasks {
        events.push(json!({
            "ph": "M", "pid": PID, "tid": TASK_TID + t.get(), "name": "thread_name",
            "args": { "name": format!("{}: asyncio tasks", trace.name(*t)) },
        }));
    }
    for s in &tasks {
        events.push(json!({
            "ph": "X", "pid": PID, "tid": TASK_TID + s.thread.get(), "name": s.name,
            "ts": ts(s.start), "dur": ts(s.end) - ts(s.start),
            "args": { "duration": trace.fmt_span(s.end.saturating_sub(s.start)) },
        }));
    }
    for e in &trace.events {
        if let EventKind::Task { name: Some(name) } = &e.kind {
            events.push(json!({
                "ph": "i", "s": "t", "pid": PID, "tid": e.thread.get(), "name": "task switch",
                "ts": ts(e.clock),
                "args": { "to task": name },
            }));
        }
        if let EventKind::Request { holder } = e.kind {
            events.push(json!({
                "ph": "i", "s": "t", "pid": PID, "tid": e.thread.get(), "name": "drop request",
                "ts": ts(e.clock),
                "args": {
                    "holder": holder.map(|h| trace.name(h)),
                    "holder tid": holder.map(ThreadId::get),
                },
            }));
        }
    }

    for n in &trace.notes {
        events.push(json!({
            "ph": "i", "s": "t", "pid": PID, "tid": n.thread.get(), "name": n.name,
            "ts": ts(n.clock),
            "args": { "explain": n.detail },
        }));
    }

    json!({
        "traceEvents": events,
        "displayTimeUnit": "ms",
        "otherData": { "producer": "gilvm", "clock": clock },
    })
}

/// Writes [`to_json`] to `path`.
pub fn write(trace: &Trace, path: &Path) -> std::io::Result<()> {
    let mut w = std::io::BufWriter::new(std::fs::File::create(path)?);
    serde_json::to_writer(&mut w, &to_json(trace))?;
    w.flush()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tools::trace::stats::tests::sample;
    use crate::tools::trace::{DropReason, Site};

    fn of<'a>(v: &'a Value, ph: &str) -> Vec<&'a Value> {
        v["traceEvents"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|e| e["ph"] == ph)
            .collect()
    }

    #[test]
    fn round_trips_with_metadata_and_bounded_slices() {
        let t = sample(false, true);
        let text = to_json(&t).to_string();
        let v: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(v["displayTimeUnit"], "ms");

        let names: Vec<&Value> = of(&v, "M")
            .into_iter()
            .filter(|e| e["name"] == "thread_name")
            .collect();
        assert_eq!(names.len(), 2);
        assert_eq!(names[0]["args"]["name"], "MainThread");
        assert_eq!(names[1]["args"]["name"], "Thread-1 (worker)");
        assert!(
            of(&v, "M")
                .iter()
                .any(|e| e["name"] == "process_name" && e["args"]["name"] == "gilvm")
        );

        let end = t.end as f64 / 1000.0;
        let slices = of(&v, "X");
        assert!(!slices.is_empty());
        for s in &slices {
            let ts = s["ts"].as_f64().unwrap();
            let dur = s["dur"].as_f64().unwrap();
            assert!(ts >= 0.0 && dur >= 0.0 && ts + dur <= end + 1e-9, "{s}");
            assert_eq!(s["pid"], 1);
        }
        let holds: Vec<_> = slices.iter().filter(|s| s["name"] == "holds GIL").collect();
        assert_eq!(holds.len(), 5);
        assert_eq!(holds[0]["args"]["reason"], "interval");
        assert!(
            slices
                .iter()
                .any(|s| s["name"] == "blocked: sleep" && s["tid"] == 2)
        );
        assert_eq!(
            slices
                .iter()
                .filter(|s| s["name"] == "waits for GIL")
                .count(),
            4
        );

        let requests = of(&v, "i");
        assert_eq!(requests.len(), 2);
        assert_eq!(requests[0]["args"]["holder"], "MainThread");
        assert_eq!(requests[0]["s"], "t");
    }

    #[test]
    fn step_clock_and_free_threaded() {
        let t = sample(true, false);
        let v = to_json(&t);
        let slices = of(&v, "X");
        assert!(slices.iter().all(|s| s["name"] != "holds GIL"));
        let runs: Vec<_> = slices.iter().filter(|s| s["name"] == "runs").collect();
        assert_eq!(runs[0]["ts"].as_f64(), Some(0.0));
        assert_eq!(runs[0]["dur"].as_f64(), Some(20.0));
        assert!(of(&v, "M").iter().any(|e| {
            e["args"]["clock"]
                .as_str()
                .is_some_and(|c| c.contains("1 step"))
        }));
    }

    #[test]
    fn holding_slices_say_where_they_stopped() {
        let src = crate::source::SourceFile::new("<test>", "x = 1\nwhile True:\n    x += 1\n");
        let code = crate::compiler::compile_source(&src, crate::compiler::Mode::Exec).unwrap();
        let mut t = sample(false, true);
        let site = Site { code, index: 0 };
        let expect = site.describe();
        for e in &mut t.events {
            if e.kind
                == (EventKind::Drop {
                    reason: DropReason::Requested,
                })
            {
                e.site = Some(site.clone());
            }
        }
        let v = to_json(&t);
        let first = of(&v, "X")
            .into_iter()
            .find(|s| s["name"] == "holds GIL")
            .unwrap()
            .clone();
        assert_eq!(first["args"]["stopped at"], expect.as_str());
        assert!(expect.starts_with("<module> line 1"));
    }

    #[test]
    fn writes_a_file() {
        let dir = std::env::temp_dir().join(format!("gilvm-perfetto-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("trace.json");
        write(&sample(false, true), &path).unwrap();
        let v: Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
        assert!(v["traceEvents"].is_array());
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
