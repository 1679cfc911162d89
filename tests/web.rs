//! `gilvm web`'s JSON API over HTTP, as the page uses it: each test starts `gilvm web --port 0
//! FILE`, reads the URL from the first line it prints, calls the API and stops the server
//! (a guard kills it, whatever the test's end). What is asserted holds under every schedule;
//! nothing depends on how fast the machine is.

mod common;

use std::io::{BufRead, BufReader};
use std::process::{Child, ChildStdout, Stdio};
use std::time::Duration;

use serde_json::{Value, json};

/// A running server; killed when dropped.
struct Server {
    child: Child,
    url: String,
    /// Kept open: the server may write to its stdout again.
    _stdout: BufReader<ChildStdout>,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start(args: &[&str]) -> Server {
    let (child, stdout, url) = common::start_web(args, Stdio::null());
    Server {
        child,
        url: url.trim_end_matches('/').to_string(),
        _stdout: stdout,
    }
}

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_secs(300)))
        .build()
        .into()
}

impl Server {
    fn get(&self, path: &str) -> (u16, String) {
        let mut r = agent()
            .get(format!("{}{path}", self.url))
            .call()
            .expect("GET answers");
        let status = r.status().as_u16();
        (status, r.body_mut().read_to_string().expect("a body"))
    }

    fn get_json(&self, path: &str) -> (u16, Value) {
        let (status, body) = self.get(path);
        (status, serde_json::from_str(&body).expect("JSON"))
    }

    fn post(&self, path: &str, body: &Value) -> (u16, Value) {
        let mut r = agent()
            .post(format!("{}{path}", self.url))
            .header("content-type", "application/json")
            .send(body.to_string())
            .expect("POST answers");
        let status = r.status().as_u16();
        let text = r.body_mut().read_to_string().expect("a body");
        (
            status,
            serde_json::from_str(&text).unwrap_or_else(|_| panic!("not JSON: {text}")),
        )
    }

    fn step(&self, regime: &str, replay: Option<&str>, actions: &[&str]) -> Value {
        let (status, v) = self.post(
            "/api/step",
            &json!({ "regime": regime, "replay": replay, "actions": actions }),
        );
        assert_eq!(status, 200, "{v}");
        v
    }

    /// The race's events, in order: (name, data), up to `done` or the end of the stream.
    fn race(&self, query: &str) -> Vec<(String, Value)> {
        let r = agent()
            .get(format!("{}/api/race?{query}", self.url))
            .call()
            .expect("the race answers");
        assert_eq!(r.status().as_u16(), 200);
        let ct = r
            .headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_string();
        assert!(ct.starts_with("text/event-stream"), "{ct}");
        let mut events = Vec::new();
        let mut name = String::new();
        for line in BufReader::new(r.into_body().into_reader()).lines() {
            let line = line.expect("a line of the stream");
            if let Some(n) = line.strip_prefix("event:") {
                name = n.trim().to_string();
            } else if let Some(d) = line.strip_prefix("data:") {
                let v: Value = serde_json::from_str(d.trim()).expect("JSON data");
                events.push((std::mem::take(&mut name), v));
                if events.last().is_some_and(|(n, _)| n == "done") {
                    break;
                }
            }
        }
        events
    }
}

#[test]
fn program() {
    let s = start(&["scripts/single_multiply.py"]);
    let (status, v) = s.get_json("/api/program");
    assert_eq!(status, 200);
    assert!(v["file"].as_str().unwrap().ends_with("single_multiply.py"));
    assert!(
        v["source"]
            .as_str()
            .unwrap()
            .contains("def single_multiply")
    );
    assert_eq!(v["editable"], true);
    assert_eq!(v["regime"], "gil");
    let (status, page) = s.get("/");
    assert_eq!(status, 200);
    assert!(
        page.contains("<html") || page.contains("<!DOCTYPE"),
        "{page:.200}"
    );
}

/// Both withdrawals check the balance before either takes its 80: the overdraft, and
/// `--explain`'s stale check.
#[test]
fn step_to_the_overdraft() {
    let s = start(&["tests/step/bank.py"]);
    // Thread 2 has checked (the first `line 16` stops where it starts running); the main
    // thread starts thread 3, which checks too.
    let both = ["line 16", "line 16", "t 1", "line 16", "t 3", "line 16"];
    let v = s.step("gil-every", None, &both);
    assert_eq!(v["error"], Value::Null, "{v}");
    assert_eq!(v["running"], 3);
    let balance = |v: &Value| {
        v["objects"][0]["attrs"]
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a[0] == "balance")
            .map(|a| a[1].clone())
    };
    assert_eq!(balance(&v), Some(json!("100")), "{}", v["objects"]);
    let at_16 = v["threads"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|t| t["line"] == 16 && t["state"] != "finished")
        .count();
    assert_eq!(at_16, 2, "{}", v["threads"]);
    let mut end = both.to_vec();
    end.push("end");
    let v = s.step("gil-every", None, &end);
    assert_eq!(v["finished"], true);
    assert_eq!(v["output"], "balance = -60\n");
    assert_eq!(balance(&v), Some(json!("-60")));
    common::assert_finding(&v, "stale check on .balance");
    // Step back: the same position less its last action.
    let back = s.step("gil-every", None, &both);
    assert_eq!(back["running"], 3);
    assert_eq!(back["output"], "");
}

#[test]
fn source_edits() {
    let s = start(&["tests/step/bank.py"]);
    let (status, v) = s.post("/api/source", &json!({ "source": "def f(:\n    pass\n" }));
    assert_eq!(status, 422, "{v}");
    assert!(v["error"].as_str().unwrap().contains("SyntaxError"), "{v}");
    let (status, v) = s.post("/api/source", &json!({ "source": "print('edited')\n" }));
    assert_eq!(status, 200, "{v}");
    let v = s.step("gil", None, &["end"]);
    assert_eq!(v["output"], "edited\n");
    let (_, p) = s.get_json("/api/program");
    assert_eq!(p["source"], "print('edited')\n");

    // Not on loopback and no --allow-edit: read-only.
    let ro = start(&["--host", "0.0.0.0", "tests/step/bank.py"]);
    let (_, p) = ro.get_json("/api/program");
    assert_eq!(p["editable"], false);
    let (status, v) = ro.post("/api/source", &json!({ "source": "print(1)\n" }));
    assert_eq!(status, 403, "{v}");
}

/// The stream ends with `done`; its counts add up to the runs; each group's schedule
/// replays, in the step view, to the group's output.
#[test]
fn race() {
    let s = start(&["scripts/single_multiply.py"]);
    for (regime, runs) in [("free", 40), ("gil", 10)] {
        let events = s.race(&format!("regime={regime}&runs={runs}&seed=3"));
        let (last, done) = events.last().expect("events");
        assert_eq!(last, "done", "{events:?}");
        let run_events: Vec<&Value> = events
            .iter()
            .filter(|(n, _)| n == "run")
            .map(|(_, v)| v)
            .collect();
        assert_eq!(run_events.len(), runs);
        for (i, r) in run_events.iter().enumerate() {
            assert_eq!(r["index"], i);
            assert_eq!(r["seed"], 3 + i);
            assert!(r["key"].is_string() && r["outcome"]["stdout"].is_string());
        }
        assert_eq!(done["runs"], runs);
        let groups = done["groups"].as_array().unwrap();
        let total: u64 = groups.iter().map(|g| g["count"].as_u64().unwrap()).sum();
        assert_eq!(total, runs as u64);
        for g in groups {
            assert_eq!(g["kind"], "ok", "{g}");
            let schedule = g["schedule"].as_str().unwrap();
            let v = s.step(regime, Some(schedule), &["end"]);
            assert_eq!(v["error"], Value::Null, "{v}");
            assert_eq!(v["finished"], true);
            assert_eq!(v["output"], g["stdout"], "{regime}: {schedule}");
        }
        if regime == "gil" {
            // One outcome under a GIL: no switch falls between the load and the store.
            assert_eq!(groups.len(), 1, "{groups:?}");
        }
    }
}

/// A race the page leaves stops: many abandoned long races do not keep the server busy.
#[test]
fn an_abandoned_race_stops() {
    let s = start(&[
        "--timeout",
        "600s",
        "--max-steps",
        "100000000",
        "tests/step/bank.py",
    ]);
    let (status, _) = s.post(
        "/api/source",
        &json!({ "source": "while True:\n    pass\n" }),
    );
    assert_eq!(status, 200);
    // More abandoned races than the server runs at once (4).
    for _ in 0..6 {
        let r = agent()
            .get(format!("{}/api/race?runs=10000", s.url))
            .call()
            .expect("the race answers");
        // The headers came; leave without waiting for a run (each would take long).
        drop(r);
    }
    let (status, _) = s.post("/api/source", &json!({ "source": "print('free')\n" }));
    assert_eq!(status, 200);
    let v = s.step("gil", None, &["end"]);
    assert_eq!(v["output"], "free\n");
}

#[test]
fn explore() {
    let s = start(&["--timeout", "60s", "scripts/single_multiply.py"]);
    let (status, gil) = s.post(
        "/api/explore",
        &json!({ "regime": "gil", "max_schedules": 300 }),
    );
    assert_eq!(status, 200, "{gil}");
    let outcomes = gil["outcomes"].as_array().unwrap();
    assert_eq!(outcomes.len(), 1, "{gil}");
    assert_eq!(outcomes[0]["expected"], Value::Null);
    assert!(gil["summary"].is_string() && gil["schedules"].as_u64().unwrap() >= 1);
    let right = outcomes[0]["stdout"]
        .as_str()
        .unwrap()
        .lines()
        .next()
        .unwrap();

    let (status, free) = s.post(
        "/api/explore",
        &json!({ "regime": "free", "expect": [right], "max_schedules": 500 }),
    );
    assert_eq!(status, 200, "{free}");
    let outcomes = free["outcomes"].as_array().unwrap();
    assert!(outcomes.len() > 1, "{free}");
    assert!(outcomes.iter().any(|o| o["expected"] == true), "{free}");
    assert!(outcomes.iter().any(|o| o["expected"] == false), "{free}");
    for o in outcomes {
        let v = s.step("free", Some(o["schedule"].as_str().unwrap()), &["end"]);
        assert_eq!(v["output"], o["stdout"], "{o}");
    }
}

#[test]
fn timeline() {
    let s = start(&["scripts/single_multiply.py"]);
    for regime in ["gil", "free"] {
        let (status, v) = s.post(
            "/api/timeline",
            &json!({ "regime": regime, "switch_interval_us": 100 }),
        );
        assert_eq!(status, 200, "{v}");
        assert_eq!(v["exit_status"], 0, "{v}");
        assert!(v["output"].as_str().unwrap().contains("Ref Result = "));
        let threads = v["threads"].as_array().unwrap();
        let names: Vec<&str> = threads
            .iter()
            .map(|t| t["name"].as_str().unwrap())
            .collect();
        assert!(names.contains(&"MainThread"), "{names:?}");
        assert!(
            names.iter().any(|n| n.contains("single_multiply")),
            "{names:?}"
        );
        let ids: Vec<u64> = threads.iter().map(|t| t["id"].as_u64().unwrap()).collect();
        let spans = v["spans"].as_array().unwrap();
        assert!(!spans.is_empty());
        let duration = v["duration_ns"].as_u64().unwrap();
        for sp in spans {
            assert!(ids.contains(&sp["thread"].as_u64().unwrap()), "{sp}");
            let (a, b) = (
                sp["start_ns"].as_u64().unwrap(),
                sp["end_ns"].as_u64().unwrap(),
            );
            assert!(a <= b && b <= duration, "{sp}");
        }
        let states: Vec<&str> = spans.iter().map(|s| s["state"].as_str().unwrap()).collect();
        let handoffs = v["handoffs"].as_array().unwrap();
        if regime == "gil" {
            assert!(states.contains(&"holds"), "{states:?}");
            assert!(!states.contains(&"runs"));
            for h in handoffs {
                assert!(ids.contains(&h["from"].as_u64().unwrap()));
                assert!(ids.contains(&h["to"].as_u64().unwrap()));
                assert_ne!(h["from"], h["to"]);
            }
        } else {
            assert!(states.contains(&"runs"), "{states:?}");
            assert!(!states.contains(&"holds"));
            assert!(handoffs.is_empty());
        }
    }
}
