//! `gilvm web [FILE]`: the classroom view. A local web server (axum on tokio) serves one page
//! (`page/`: HTML, CSS and plain JavaScript, embedded in the binary; nothing is loaded from the
//! network) on which a class steps its own program across threads, chooses who runs next,
//! sees the GIL change hands and watches an update get lost; runs it many times (race),
//! lists every outcome (explore) and looks at a real timed run's GIL lanes (timeline).
//! `--export lesson.html` writes the same page as one self-contained file that replays a
//! recorded run without a server.
//!
//! | file | owns |
//! |---|---|
//! | `mod.rs` | the command's flags, the server, its routes |
//! | `engine.rs` | the step view's engine: a position (a regime, a schedule to replay, the person's actions) run again from the start, deterministically, to the stop it names; the [`engine::View`] of that stop |
//! | `runs.rs` | the race, explore and timeline views' data |
//! | `page/` | the page |
//!
//! # The step view is stateless
//! A position is the list of actions taken since the program started (`["s", "s 2", "t 1",
//! "sp 2"]`), in a regime, optionally over a recorded schedule. Every request runs the
//! program again from the start under the deterministic scheduler, applying the actions at
//! the program's stops, and answers with the view of the stop the last action leads to. Step
//! back is the same position less its last action; reset is no actions. So the server keeps no
//! session, any number of tabs can step the same program, and a reload loses nothing the URL
//! keeps. A run of the seed scripts to a stop takes a few milliseconds.
//!
//! # The JSON API (what `page/app.js` relies on)
//! `GET /` — the page. `GET /api/program` — `{"file", "source", "editable", "regime",
//! "max_steps", "timeout_ms", "switch_interval_us"}`.
//!
//! `POST /api/step` with `{"regime": "gil" | "gil-every" | "free", "replay": null | "1:12>2
//! 2:30>1", "actions": [...]}` answers a [`engine::View`] (see its fields). Actions:
//! `s` one instruction of the running thread; `s N` one instruction of thread N (handed the
//! GIL first if it does not hold it); `t N` hand the GIL to N (no instruction runs); `sp N`
//! run N to its next switch point; `line L` run to the start of line L (any thread); `lost`
//! run until `--explain` reports a lost update or a stale check; `end` run to the end; `take`
//! stop following the replayed schedule (the person chooses from here). An action that
//! cannot be taken answers the view before it with `error` set, and `position` without it.
//!
//! `POST /api/source` with `{"source"}` (only when editable) replaces the program; a syntax
//! error answers `{"error": "<CPython's SyntaxError text>"}` with status 422.
//!
//! `GET /api/race?regime=R&runs=N&seed=S` — server-sent events: `run` per finished run
//! (`{"index", "seed", "key", "outcome"}`), then `done` with the histogram (`{"groups":
//! [{"key", "stdout", "kind", "count", "seeds", "schedule"}], "runs", "seconds"}`); each
//! group's `schedule` opens it in the step view (`replay`).
//!
//! `POST /api/explore` with `{"regime", "expect": ["..."], "max_schedules"}` — `{"outcomes":
//! [{"stdout", "kind", "count", "expected", "schedule"}], "schedules", "complete", "seconds",
//! "summary"}`.
//!
//! `POST /api/timeline` with `{"regime", "switch_interval_us"}` — a real timed run: `{"threads":
//! [{"id", "name"}], "spans": [{"thread", "state": "holds" | "runs" | "waits" | "blocked", "start_ns",
//! "end_ns", "why"}], "handoffs": [{"at_ns", "from", "to", "reason"}], "duration_ns",
//! "output", "exit_status"}`.
//!
//! Every run is capped: `--max-steps` instructions and `--timeout` of wall time.

pub mod engine;
pub mod runs;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use axum::Json;
use axum::Router;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use parking_lot::RwLock;
use serde::Deserialize;

use crate::bytecode::SwitchPoints;
use crate::tools::cli::{GilArgs, read_schedule, switch_points_named, usage_error};
use crate::tools::explore::Program;
use engine::{Limits, Position, Regime};

#[derive(clap::Args, Debug)]
pub struct WebArgs {
    /// The program to show; without one, the page opens on the lost update of
    /// scripts/single_multiply.py.
    pub file: Option<PathBuf>,

    /// The address to listen on. Anything but loopback makes the page read-only unless
    /// --allow-edit is given.
    #[arg(long, default_value = "127.0.0.1")]
    pub host: String,

    /// The port (0: a free one).
    #[arg(long, default_value_t = 0)]
    pub port: u16,

    /// Open the page in the browser.
    #[arg(long)]
    pub open: bool,

    /// Let the page edit and re-run the program even when bound to a non-loopback address.
    #[arg(long)]
    pub allow_edit: bool,

    /// Write one self-contained HTML file that replays a recorded run (no server, no network)
    /// and exit.
    #[arg(long, value_name = "HTML")]
    pub export: Option<PathBuf>,

    /// With --export: record the run under this schedule (as `explore` prints it, or a file
    /// written by --record-schedule).
    #[arg(long, value_name = "FILE|SCHEDULE")]
    pub replay_schedule: Option<String>,

    /// Every run on the page stops after this many instructions.
    #[arg(long, default_value_t = 200_000, value_name = "N")]
    pub max_steps: u64,

    /// Every run on the page stops after this long (`5s`, `500ms`).
    #[arg(long, default_value = "5s", value_name = "DURATION",
          value_parser = timeout)]
    pub timeout: Duration,

    /// The switch interval of the timeline's timed runs (`5ms`, `100us`).
    #[arg(long, default_value = "5ms", value_name = "INTERVAL",
          value_parser = crate::tools::cli::parse_interval)]
    pub switch_interval: u64,

    /// The regime the page starts in under the GIL: CPython 3.10+'s switch points
    /// (`cpython`) or every instruction (`every`, the GIL before 3.10); with --export, the
    /// regime of the recorded run (default `cpython`, or the mode of the --replay-schedule).
    #[arg(long, value_name = "P", value_parser = ["cpython", "every"])]
    pub switch_points: Option<String>,

    #[command(flatten)]
    pub mode: GilArgs,
}

fn timeout(text: &str) -> Result<Duration, String> {
    crate::tools::cli::parse_timeout(text).map(Duration::from_micros)
}

/// The program the page shows, and what every view needs to run it.
pub struct App {
    /// The program as compiled, replaced by an edit.
    pub program: RwLock<Arc<Program>>,
    /// The program's text, as the page shows it.
    pub source: RwLock<String>,
    /// The name the page shows (the path given).
    pub file: String,
    pub editable: bool,
    /// The regime the page starts in (`-X gil=0`: free).
    pub regime: Regime,
    pub limits: Limits,
    pub switch_interval_us: u64,
    /// Runs at once (each on a thread of its own); more wait.
    pub runs: tokio::sync::Semaphore,
}

impl App {
    pub fn program(&self) -> Arc<Program> {
        self.program.read().clone()
    }
}

/// The example the page opens on without a FILE.
const EXAMPLE: &str = include_str!("../../../scripts/single_multiply.py");

const PAGE: &str = include_str!("page/index.html");
const STYLE: &str = include_str!("page/style.css");
const SCRIPT: &str = include_str!("page/app.js");

/// The page with its style, script and data in place. `data` is JSON with every `<` written
/// `\u003c` (still the same JSON), so that no string in it can end the script element or
/// open a comment in it.
pub fn page(data: &serde_json::Value) -> String {
    let data = data.to_string().replace('<', "\\u003c");
    PAGE.replacen("/*GILVM_STYLE*/", STYLE, 1)
        .replacen("/*GILVM_SCRIPT*/", SCRIPT, 1)
        .replacen("/*GILVM_DATA*/", &data, 1)
}

/// An error answer: status and a JSON `{"error": ...}`.
pub fn fail(status: StatusCode, msg: impl Into<String>) -> Response {
    (status, Json(serde_json::json!({ "error": msg.into() }))).into_response()
}

async fn index() -> Response {
    (
        [(header::CACHE_CONTROL, "no-store")],
        Html(page(&serde_json::json!({ "live": true }))),
    )
        .into_response()
}

async fn program(State(app): State<Arc<App>>) -> Response {
    Json(serde_json::json!({
        "file": app.file,
        "source": *app.source.read(),
        "editable": app.editable,
        "regime": app.regime,
        "max_steps": app.limits.max_steps,
        "timeout_ms": app.limits.timeout.as_millis() as u64,
        "switch_interval_us": app.switch_interval_us,
    }))
    .into_response()
}

/// Runs `f` on a blocking thread, one of at most `App::runs` at once.
pub async fn blocking<T: Send + 'static>(
    app: &App,
    f: impl FnOnce() -> T + Send + 'static,
) -> Result<T, Response> {
    let _permit = app
        .runs
        .acquire()
        .await
        .map_err(|_| fail(StatusCode::SERVICE_UNAVAILABLE, "the server is stopping"))?;
    tokio::task::spawn_blocking(f).await.map_err(|_| {
        fail(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal error: the run failed",
        )
    })
}

async fn step(State(app): State<Arc<App>>, Json(pos): Json<Position>) -> Response {
    let program = app.program();
    let limits = app.limits;
    match blocking(&app, move || {
        engine::run_on_thread(program, pos, limits, false)
    })
    .await
    {
        Ok(Ok((view, _))) => Json(view).into_response(),
        Ok(Err(e)) => fail(StatusCode::INTERNAL_SERVER_ERROR, e),
        Err(r) => r,
    }
}

#[derive(Deserialize)]
struct NewSource {
    source: String,
}

async fn set_source(State(app): State<Arc<App>>, Json(body): Json<NewSource>) -> Response {
    if !app.editable {
        return fail(
            StatusCode::FORBIDDEN,
            "the page is read-only (start gilvm web with --allow-edit to edit)",
        );
    }
    let old = app.program();
    match engine::compile(&old.src.name, &body.source, old.argv.clone()) {
        Ok(p) => {
            *app.program.write() = Arc::new(p);
            *app.source.write() = body.source;
            Json(serde_json::json!({ "ok": true })).into_response()
        }
        Err(e) => fail(StatusCode::UNPROCESSABLE_ENTITY, e),
    }
}

pub fn router(app: Arc<App>) -> Router {
    Router::new()
        .route("/", get(index))
        .route("/api/program", get(program))
        .route("/api/step", post(step))
        .route("/api/source", post(set_source))
        .route("/api/race", get(runs::race))
        .route("/api/explore", post(runs::explore_view))
        .route("/api/timeline", post(runs::timeline))
        .with_state(app)
}

/// Whether `host` is a loopback address (or `localhost`).
fn is_loopback(host: &str) -> bool {
    host == "localhost"
        || host
            .parse::<std::net::IpAddr>()
            .is_ok_and(|a| a.is_loopback())
}

/// `gilvm web`.
pub fn main(args: WebArgs) -> ExitCode {
    let gil = match args.mode.gil() {
        Ok(g) => g,
        Err(msg) => return usage_error(format_args!("gilvm: {msg}")),
    };
    let (name, text) = match &args.file {
        None => ("single_multiply.py".to_string(), EXAMPLE.to_string()),
        Some(f) => match std::fs::read_to_string(f) {
            Ok(t) => (f.display().to_string(), t),
            Err(e) => {
                return usage_error(format_args!("gilvm: {}", crate::source::cant_open(f, &e)));
            }
        },
    };
    let argv = vec![name.clone()];
    let mut program = match engine::compile(&name, &text, argv) {
        Ok(p) => p,
        Err(e) => {
            eprint!("{e}");
            return ExitCode::from(1);
        }
    };
    program.switch_interval_us = args.switch_interval;
    // With --export, a replayed schedule's mode unless the command line sets it (and then
    // they must agree).
    let (gil, points) = match args.replay_schedule.as_deref().map(read_schedule) {
        Some(Ok((s, _))) => {
            let cli_points = args.switch_points.as_deref().map(switch_points_named);
            match args.mode.replay_mode(&s, cli_points) {
                Ok((g, SwitchPoints::Every)) => (g, "every"),
                Ok((g, _)) => (g, "cpython"),
                Err(msg) => {
                    eprintln!("gilvm web: --replay-schedule: {msg}");
                    return ExitCode::from(2);
                }
            }
        }
        _ => (gil, args.switch_points.as_deref().unwrap_or("cpython")),
    };
    let regime = match (gil, points) {
        (false, _) => Regime::Free,
        (true, "every") => Regime::GilEvery,
        (true, _) => Regime::Gil,
    };
    let limits = Limits {
        max_steps: args.max_steps,
        timeout: args.timeout,
    };
    if let Some(out) = &args.export {
        return export(
            &program,
            &text,
            regime,
            limits,
            args.replay_schedule.as_deref(),
            out,
        );
    }
    if args.replay_schedule.is_some() {
        return usage_error("gilvm web: --replay-schedule goes with --export");
    }
    let editable = is_loopback(&args.host) || args.allow_edit;
    let app = Arc::new(App {
        program: RwLock::new(Arc::new(program)),
        source: RwLock::new(text),
        file: name,
        editable,
        regime,
        limits,
        switch_interval_us: args.switch_interval,
        runs: tokio::sync::Semaphore::new(4),
    });
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(e) => {
            eprintln!("gilvm web: cannot start the server: {e}");
            return ExitCode::from(1);
        }
    };
    runtime.block_on(serve(app, args.host, args.port, args.open))
}

async fn serve(app: Arc<App>, host: String, port: u16, open: bool) -> ExitCode {
    let addr = format!("{host}:{port}");
    let listener = match tokio::net::TcpListener::bind(&addr).await {
        Ok(l) => l,
        Err(e) => {
            eprintln!("gilvm web: cannot listen on {addr}: {e}");
            return ExitCode::from(1);
        }
    };
    let local: SocketAddr = match listener.local_addr() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("gilvm web: {e}");
            return ExitCode::from(1);
        }
    };
    let url = if local.ip().is_unspecified() {
        format!("http://127.0.0.1:{}/", local.port())
    } else {
        format!("http://{local}/")
    };
    let edit = if app.editable {
        "editable"
    } else {
        "read-only (--allow-edit to edit)"
    };
    println!("gilvm web: {} on {url} ({edit}); Ctrl-C stops it", app.file);
    use std::io::Write;
    let _ = std::io::stdout().flush();
    if open && let Err(e) = open::that_detached(&url) {
        eprintln!("gilvm web: cannot open a browser ({e}); open {url} yourself");
    }
    let shutdown = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    match axum::serve(listener, router(app))
        .with_graceful_shutdown(shutdown)
        .await
    {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("gilvm web: {e}");
            ExitCode::from(1)
        }
    }
}

/// `--export`: the run recorded stop by stop, written into one page.
fn export(
    program: &Program,
    text: &str,
    regime: Regime,
    limits: Limits,
    replay: Option<&str>,
    out: &std::path::Path,
) -> ExitCode {
    let replay = match replay.map(read_schedule) {
        None => None,
        Some(Ok((s, _))) => Some(s.to_line()),
        Some(Err(e)) => return usage_error(format_args!("gilvm web: --replay-schedule {e}")),
    };
    let pos = Position {
        regime,
        replay,
        actions: vec!["end".to_string()],
    };
    let program = Arc::new(Program {
        src: program.src.clone(),
        code: program.code.clone(),
        argv: program.argv.clone(),
        gil: program.gil,
        every_switch_point: program.every_switch_point,
        switch_interval_us: program.switch_interval_us,
        sandboxed: program.sandboxed,
        sys_path0: program.sys_path0.clone(),
    });
    let (last, mut views) = match engine::run_on_thread(program.clone(), pos, limits, true) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("gilvm web: {e}");
            return ExitCode::from(1);
        }
    };
    if !last.finished {
        eprintln!(
            "gilvm web: the run did not end ({}): the page shows its first {} stops",
            last.why,
            last.stop + 1
        );
    }
    if views.last().is_none_or(|v| v.stop != last.stop) {
        views.push(last);
    }
    // Each code listing once: a view names its codes by index into `codes` (`code_ids`),
    // and the page puts them back in place.
    let mut codes: Vec<serde_json::Value> = Vec::new();
    let views: Vec<serde_json::Value> = views
        .iter()
        .map(|v| {
            let mut json = serde_json::to_value(v).unwrap_or_default();
            let ids: Vec<usize> = v
                .codes
                .iter()
                .map(|c| {
                    let c = serde_json::to_value(c).unwrap_or_default();
                    codes.iter().position(|x| *x == c).unwrap_or_else(|| {
                        codes.push(c);
                        codes.len() - 1
                    })
                })
                .collect();
            json["codes"] = serde_json::json!([]);
            json["code_ids"] = serde_json::json!(ids);
            json
        })
        .collect();
    // The other views, as the page would get them from a server: a race of 200 seeded runs,
    // every outcome, a timed run.
    let others = {
        let program = program.clone();
        std::thread::Builder::new()
            .name("gilvm-web-export".into())
            .stack_size(crate::vm::THREAD_STACK_SIZE)
            .spawn(move || {
                let never: Arc<dyn Fn() -> bool + Send + Sync> = Arc::new(|| false);
                let race = runs::race_all(
                    &program,
                    regime,
                    runs::DEFAULT_RUNS,
                    1,
                    limits,
                    never,
                    |_| true,
                );
                let explore = runs::explore(
                    &program,
                    regime,
                    &[],
                    runs::DEFAULT_SCHEDULES,
                    limits.timeout.min(Duration::from_secs(10)),
                    limits.max_steps,
                );
                let timed = runs::timed_run(&program, regime, program.switch_interval_us, limits);
                (race, explore, runs::timeline_json(&timed))
            })
            .ok()
            .and_then(|h| h.join().ok())
    };
    let (race, explore, timeline) = others.unwrap_or_default();
    let data = serde_json::json!({
        "live": false,
        "program": { "file": program.src.name, "source": text, "regime": regime },
        "codes": codes,
        "views": views,
        "race": race,
        "explore": explore,
        "timeline": timeline,
    });
    match std::fs::write(out, page(&data)) {
        Ok(()) => {
            let outcomes = data["explore"]["outcomes"].as_array().map_or(0, Vec::len) as u64;
            println!(
                "gilvm web: wrote {} ({} stops, a race of {} runs, {outcomes} outcome{} explored, \
                 a timed run)",
                out.display(),
                data["views"].as_array().map_or(0, Vec::len),
                data["race"]["runs"],
                crate::tools::cli::plural(outcomes),
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("gilvm web: cannot write {}: {e}", out.display());
            ExitCode::from(1)
        }
    }
}
