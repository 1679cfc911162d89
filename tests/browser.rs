//! `gilvm web` in a real browser: headless Chromium driven through WebDriver (chromedriver),
//! with fantoccini as the client. Each test starts its own chromedriver on a free port and,
//! for the live page, its own `gilvm web --port 0 FILE`; a guard ends both.
//!
//! The tests assert what holds under every schedule (the step view's runs are deterministic:
//! the same actions reach the same stop), never timings.
//!
//! Without Chromium and ChromeDriver each test says how to get them and passes; with
//! `GILVM_BROWSER_TESTS=required` (CI) a missing browser fails it. With `GILVM_SCREENSHOTS=1`
//! the lost-update test and the timeline test write `docs/web-step.png` and
//! `docs/web-timeline.png` (1280×720, a projector).

mod common;

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{Value, json};

/// The projector's size, and the narrow window's.
const WIDE: (u32, u32) = (1280, 720);
const NARROW: (u32, u32) = (600, 900);

/// How long a condition on the page may take to come true (a step of a debug build takes
/// milliseconds; this is a guard against a hang, not a speed test).
const PATIENCE: Duration = Duration::from_secs(20);

/// One browser at a time: each test's Chromium and server would otherwise compete for the
/// machine's cores.
static ONE_AT_A_TIME: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

// ---- finding the browser ------------------------------------------------------------------

fn on_path(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|d| d.join(name))
        .find(|p| p.is_file())
}

/// Chromium and ChromeDriver, or why the browser tests cannot run here.
fn browser() -> Result<(PathBuf, PathBuf), String> {
    let chromium = ["chromium", "chromium-browser", "google-chrome"]
        .iter()
        .find_map(|n| on_path(n));
    let driver = on_path("chromedriver");
    match (chromium, driver) {
        (Some(c), Some(d)) => Ok((c, d)),
        (c, d) => Err(format!(
            "no {} on PATH",
            match (c, d) {
                (None, None) => "chromium and no chromedriver",
                (None, _) => "chromium",
                _ => "chromedriver",
            }
        )),
    }
}

/// A line on stderr that the test harness does not capture (it captures `std::io::stderr()`
/// too): a skipped test says so even when it passes.
fn say(line: &str) {
    let text = format!("{line}\n");
    // SAFETY: writes the bytes of a live buffer to file descriptor 2; a failure is ignored.
    let _ = unsafe { libc::write(2, text.as_ptr().cast(), text.len()) };
}

/// The browser's paths; `None` (after saying how to run the test) when there is none and the
/// browser tests are not required.
fn browser_or_skip(test: &str) -> Option<(PathBuf, PathBuf)> {
    match browser() {
        Ok(b) => Some(b),
        Err(why) => {
            let how = "install them (Debian: apt-get install chromium chromium-driver) and run \
                       cargo test --test browser";
            if std::env::var("GILVM_BROWSER_TESTS").as_deref() == Ok("required") {
                panic!("{test}: GILVM_BROWSER_TESTS=required, but {why}: {how}");
            }
            say(&format!(
                "{test}: skipped, {why}: the browser tests need Chromium and ChromeDriver; {how}"
            ));
            None
        }
    }
}

/// The page of `gilvm web --port 0 ARGS` in Chromium, the window at `size` (else [`WIDE`]);
/// where there is no browser, the test returns (skipped, as [`browser_or_skip`] says).
macro_rules! live_page {
    ($test:literal, $args:expr) => {
        live_page!($test, $args, WIDE)
    };
    ($test:literal, $args:expr, $size:expr) => {
        match browser_or_skip($test) {
            Some(b) => Page::live(&b, $args, $size).await,
            None => return,
        }
    };
}

// ---- processes ----------------------------------------------------------------------------

/// Ends the processes it holds when dropped (a failed assertion included). With a WebDriver
/// session open, chromedriver is asked to end it first: Chromium quits with it, where killing
/// chromedriver alone would leave Chromium running.
struct Processes {
    children: Vec<Child>,
    /// chromedriver's port and the session's id.
    session: Option<(u16, String)>,
}

impl Drop for Processes {
    fn drop(&mut self) {
        if let Some((port, id)) = self.session.take()
            && let Ok(mut s) = TcpStream::connect(("127.0.0.1", port))
        {
            let _ = s.set_read_timeout(Some(Duration::from_secs(10)));
            let req = format!(
                "DELETE /session/{id} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\
                 Connection: close\r\n\r\n"
            );
            if s.write_all(req.as_bytes()).is_ok() {
                let _ = s.read_to_end(&mut Vec::new());
            }
        }
        for c in &mut self.children {
            let _ = c.kill();
            let _ = c.wait();
        }
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

/// `gilvm web --port 0 ARGS` in the repository root: the process and the URL it printed.
fn start_server(args: &[&str]) -> (Child, String) {
    let (child, mut reader, url) = common::start_web(args, Stdio::inherit());
    // The rest of its output is read (and dropped) so that it never blocks on a full pipe.
    std::thread::spawn(move || {
        let mut sink = Vec::new();
        let _ = reader.read_to_end(&mut sink);
    });
    (child, url)
}

/// A browser session (and the processes behind it, ended on drop).
struct Page {
    c: Client,
    /// Kept for its Drop: chromedriver (and the server, when there is one).
    procs: Processes,
    _lock: tokio::sync::MutexGuard<'static, ()>,
}

impl Page {
    /// Chromium on a page of `gilvm web --port 0 ARGS`, the window at `size`.
    async fn live(browser: &(PathBuf, PathBuf), args: &[&str], size: (u32, u32)) -> Page {
        let lock = ONE_AT_A_TIME.lock().await;
        let (server, url) = start_server(args);
        let page = Page::open(browser, vec![server], lock, size).await;
        page.goto(&url).await;
        page
    }

    /// Chromium with no server: for a file written by `--export`.
    async fn offline(browser: &(PathBuf, PathBuf), size: (u32, u32)) -> Page {
        let lock = ONE_AT_A_TIME.lock().await;
        Page::open(browser, Vec::new(), lock, size).await
    }

    async fn open(
        (chromium, chromedriver): &(PathBuf, PathBuf),
        mut procs: Vec<Child>,
        lock: tokio::sync::MutexGuard<'static, ()>,
        size: (u32, u32),
    ) -> Page {
        let port = free_port();
        let driver = Command::new(chromedriver)
            .arg(format!("--port={port}"))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver starts");
        procs.push(driver);
        let mut procs = Processes {
            children: procs,
            session: None,
        };
        let wd = format!("http://127.0.0.1:{port}");
        let deadline = Instant::now() + PATIENCE;
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                Instant::now() < deadline,
                "chromedriver did not listen on {port}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        let mut args = vec![
            "--headless=new".to_string(),
            "--disable-gpu".to_string(),
            "--disable-dev-shm-usage".to_string(),
            "--hide-scrollbars".to_string(),
            "--force-device-scale-factor=1".to_string(),
            format!("--window-size={},{}", size.0, size.1),
            // Nothing but loopback (which a proxy never serves) is reachable: the page must
            // load nothing from the network.
            "--proxy-server=http://127.0.0.1:9".to_string(),
        ];
        // Chromium's sandbox refuses to run as root (CI runs as root).
        if root_user() {
            args.push("--no-sandbox".to_string());
        }
        let caps = json!({
            "browserName": "chrome",
            "goog:chromeOptions": {
                "binary": chromium,
                "args": args,
            },
        });
        let Value::Object(caps) = caps else {
            unreachable!()
        };
        let connector = hyper_util::client::legacy::connect::HttpConnector::new();
        let c = ClientBuilder::new(connector)
            .capabilities(caps)
            .connect(&wd)
            .await
            .expect("a WebDriver session with headless Chromium");
        if let Ok(Some(id)) = c.session_id().await {
            procs.session = Some((port, id));
        }
        let page = Page {
            c,
            procs,
            _lock: lock,
        };
        page.resize(size).await;
        page
    }

    /// Sets the viewport (which is what a screenshot shows) to `size`: the window is made as
    /// much larger as the browser's own frame takes, if it takes any.
    async fn resize(&self, (w, h): (u32, u32)) {
        self.c.set_window_size(w, h).await.expect("window size");
        let inner = self
            .js("return [window.innerWidth, window.innerHeight]")
            .await;
        let iw = inner[0].as_u64().unwrap_or(0) as u32;
        let ih = inner[1].as_u64().unwrap_or(0) as u32;
        if (iw, ih) != (w, h) && iw > 0 && ih > 0 {
            self.c
                .set_window_size(w + w.saturating_sub(iw), h + h.saturating_sub(ih))
                .await
                .expect("window size");
        }
    }

    async fn goto(&self, url: &str) {
        self.c.goto(url).await.expect("the page loads");
        self.idle().await;
    }

    async fn js(&self, script: &str) -> Value {
        self.c
            .execute(script, Vec::new())
            .await
            .unwrap_or_else(|e| panic!("script failed: {e}\n{script}"))
    }

    async fn js_with(&self, script: &str, args: Vec<Value>) -> Value {
        self.c
            .execute(script, args)
            .await
            .unwrap_or_else(|e| panic!("script failed: {e}\n{script}"))
    }

    /// Waits until `script` (a function body) returns something truthy; its value.
    async fn until(&self, what: &str, script: &str) -> Value {
        let deadline = Instant::now() + PATIENCE;
        loop {
            let v = self.js(script).await;
            let truthy = match &v {
                Value::Null => false,
                Value::Bool(b) => *b,
                Value::String(s) => !s.is_empty(),
                Value::Number(n) => n.as_f64() != Some(0.0),
                _ => true,
            };
            if truthy {
                return v;
            }
            if Instant::now() > deadline {
                let state = self.summary().await;
                panic!("waited {PATIENCE:?} for {what}; the page:\n{state}");
            }
            tokio::time::sleep(Duration::from_millis(40)).await;
        }
    }

    /// Waits until the page has shown its first view and no action is being run.
    async fn idle(&self) {
        self.until(
            "the page to show a view and finish its requests",
            "return document.body.getAttribute('data-ready') === '1' \
             && document.body.getAttribute('data-busy') !== '1'",
        )
        .await;
    }

    /// What a failed wait shows: the step view's words.
    async fn summary(&self) -> String {
        let v = self
            .js(
                "function t(s) { var e = document.querySelector(s); return e ? e.innerText : '(no ' + s + ')'; }
                 return ['#stop-counter', '#why', '#error', '#notice', '#threads', '#findings', '#output',
                         '#race-progress', '#timeline-info']
                   .map(function (s) { return s + ': ' + t(s); }).join('\\n');",
            )
            .await;
        v.as_str().unwrap_or_default().to_string()
    }

    /// Clicks the element `css` (which must be enabled) and waits for the page to be idle.
    async fn click(&self, css: &str) {
        let e = self
            .c
            .find(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("no {css}: {e}"));
        assert!(
            e.is_enabled().await.unwrap_or(false),
            "{css} is disabled ({:?}); the page:\n{}",
            e.attr("data-why").await.ok().flatten(),
            self.summary().await
        );
        e.click()
            .await
            .unwrap_or_else(|err| panic!("click {css}: {err}"));
        self.idle().await;
    }

    /// Presses thread `t`'s step button.
    async fn step_thread(&self, t: u64) {
        self.click(&format!("#threads .lane[data-thread=\"{t}\"] .step-thread"))
            .await;
    }

    /// The text of `css` (the empty string when there is none).
    async fn text(&self, css: &str) -> String {
        self.js_with(
            "var e = document.querySelector(arguments[0]); return e ? e.textContent : '';",
            vec![json!(css)],
        )
        .await
        .as_str()
        .unwrap_or_default()
        .to_string()
    }

    /// Whether `script`, given `css` as `arguments[0]`, answers `true`.
    async fn holds(&self, script: &str, css: &str) -> bool {
        self.js_with(script, vec![json!(css)]).await == json!(true)
    }

    async fn exists(&self, css: &str) -> bool {
        self.holds("return document.querySelector(arguments[0]) !== null;", css)
            .await
    }

    async fn enabled(&self, css: &str) -> bool {
        self.holds(
            "var e = document.querySelector(arguments[0]); return !!e && !e.disabled;",
            css,
        )
        .await
    }

    /// The stop number `#stop-counter` shows (`stop N · M steps`).
    async fn stop(&self) -> u64 {
        let t = self.text("#stop-counter").await;
        t.split_whitespace()
            .nth(1)
            .and_then(|n| n.parse().ok())
            .unwrap_or_else(|| panic!("no stop number in {t:?}"))
    }

    async fn select_regime(&self, regime: &str) {
        let sel = self.c.find(Locator::Css("#regime")).await.expect("#regime");
        sel.select_by_value(regime).await.expect("a regime");
        self.idle().await;
        self.until(
            "the view in the new regime",
            &format!(
                "return document.querySelector('#regime').value === '{regime}' \
                 && location.hash.indexOf('regime={regime}') >= 0"
            ),
        )
        .await;
        self.idle().await;
    }

    /// The running thread's id (the lane marked running).
    async fn running(&self) -> Option<u64> {
        self.js(
            "var l = document.querySelector('#threads .lane[data-running=\"1\"]'); \
             return l ? Number(l.getAttribute('data-thread')) : null;",
        )
        .await
        .as_u64()
    }

    /// The threads' lanes: (id, data-state, whether its step button is enabled).
    async fn lanes(&self) -> Vec<(u64, String, bool)> {
        let v = self
            .js(
                "return Array.prototype.map.call(document.querySelectorAll('#threads .lane'), function (l) {
                   var b = l.querySelector('.step-thread');
                   return [Number(l.getAttribute('data-thread')), l.getAttribute('data-state'), !!b && !b.disabled];
                 });",
            )
            .await;
        v.as_array()
            .map(|a| {
                a.iter()
                    .map(|l| {
                        (
                            l[0].as_u64().unwrap_or(0),
                            l[1].as_str().unwrap_or_default().to_string(),
                            l[2].as_bool().unwrap_or(false),
                        )
                    })
                    .collect()
            })
            .unwrap_or_default()
    }

    /// The text of the instruction thread `t` runs next (its `→t` mark in the bytecode).
    async fn next_instruction(&self, t: u64) -> String {
        self.js_with(
            "var m = document.querySelector('#bytecode .ip[data-thread=\"' + arguments[0] + '\"]'); \
             var r = m && m.closest('.instr'); return r ? r.querySelector('.itext').textContent : '';",
            vec![json!(t)],
        )
        .await
        .as_str()
        .unwrap_or_default()
        .to_string()
    }

    async fn screenshot(&self, path: &Path) {
        let png = self.c.screenshot().await.expect("a screenshot");
        std::fs::write(path, png).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        say(&format!("wrote {}", common::rel(path)));
    }

    async fn close(self) {
        let Page { c, mut procs, .. } = self;
        if c.close().await.is_ok() {
            procs.session = None;
        }
    }
}

fn root_user() -> bool {
    // SAFETY: geteuid has no preconditions and cannot fail.
    unsafe { libc::geteuid() == 0 }
}

fn screenshots() -> bool {
    std::env::var("GILVM_SCREENSHOTS").is_ok_and(|v| v == "1")
}

// ---- moves shared by the tests ------------------------------------------------------------

/// Runs to line `line` (a click on it in the source) until the running thread is there: a
/// hand-off the person did not ask for (a thread blocks, one ends) stops the run on the way,
/// so that they choose who runs next. The thread at the line.
async fn run_to_line(p: &Page, line: u32) -> u64 {
    let css = format!("#source .line[data-line=\"{line}\"]");
    for _ in 0..20 {
        p.click(&css).await;
        if p.exists(&format!("{css}.current")).await {
            return p.running().await.expect("a running thread");
        }
    }
    panic!(
        "line {line} never reached; the page:\n{}",
        p.summary().await
    );
}

/// Chooses `regime`, then [`run_to_line`].
async fn run_to_line_in(p: &Page, regime: &str, line: u32) -> u64 {
    p.select_regime(regime).await;
    run_to_line(p, line).await
}

/// Runs threads other than `a` and the main thread, by hand, until one of them has changed
/// what `watch` (a CSS selector) shows; steps the main thread when no other can run (it has
/// threads to start). Returns the thread that made the change.
async fn another_thread_updates(p: &Page, a: u64, watch: &str) -> u64 {
    let before = p.text(watch).await;
    let mut last = None;
    for _ in 0..300 {
        if p.text(watch).await != before {
            return last.expect("a thread stepped");
        }
        let lanes = p.lanes().await;
        let other = lanes
            .iter()
            .find(|(id, state, can)| *id != a && *id != 1 && *can && state != "finished")
            .map(|l| l.0);
        let t = other.unwrap_or(1);
        p.step_thread(t).await;
        last = Some(t);
    }
    panic!(
        "no other thread changed {watch} in 300 steps; the page:\n{}",
        p.summary().await
    );
}

/// Steps thread `a` by hand until its next instruction is `opcode`.
async fn step_until_next(p: &Page, a: u64, opcode: &str) {
    for _ in 0..50 {
        if p.next_instruction(a).await.starts_with(opcode) {
            return;
        }
        p.step_thread(a).await;
    }
    panic!(
        "thread {a} never came to {opcode}; the page:\n{}",
        p.summary().await
    );
}

/// The hand-off buttons of the threads waiting for the GIL, each `[state, label, enabled,
/// why]`; at least one thread waits.
async fn waiting_gives(p: &Page) -> Vec<Value> {
    let gives = p
        .js("return Array.prototype.map.call(\
             document.querySelectorAll('#threads .lane:not([data-running=\"1\"])'), function (l) { \
               var g = l.querySelector('.give'); \
               return [l.getAttribute('data-state'), g.textContent, !g.disabled, g.getAttribute('data-why') || '']; \
             });")
        .await;
    let waiting: Vec<Value> = gives
        .as_array()
        .expect("lanes")
        .iter()
        .filter(|g| g[0] == json!("waiting for the GIL"))
        .cloned()
        .collect();
    assert!(!waiting.is_empty(), "a thread waits for the GIL: {gives}");
    waiting
}

/// Steps single_multiply.py by hand into a lost update, as a class would: one thread runs to
/// `result *= base` and through its load and multiply, another is given the GIL and makes
/// its whole update, then the first stores over it. Returns the two threads.
async fn lose_an_update_by_hand(p: &Page) -> (u64, u64) {
    let a = run_to_line_in(p, "gil-every", 9).await;
    assert_ne!(a, 1, "the main thread does not run line 9");
    step_until_next(p, a, "STORE_GLOBAL").await;
    assert!(
        p.text("#stack").await.contains("3.14"),
        "thread {a} holds its product: {}",
        p.text("#stack").await
    );
    let result = "#globals tr[data-name=\"result\"] .v";
    assert_eq!(p.text(result).await, "1.0");
    let b = another_thread_updates(p, a, result).await;
    assert_eq!(p.text(result).await, "3.14", "thread {b} stored its update");
    assert!(
        p.text("#findings").await.contains("none so far"),
        "no finding yet: {}",
        p.text("#findings").await
    );
    // Thread a stores the product it computed from 1.0: thread b's update is lost.
    p.step_thread(a).await;
    (a, b)
}

// ---- the tests ----------------------------------------------------------------------------

/// 1. single_multiply.py stepped by hand into a lost update: the findings say so, where it
/// happened.
#[tokio::test]
async fn lost_update_stepped_by_hand() {
    let p = live_page!(
        "lost_update_stepped_by_hand",
        &["scripts/single_multiply.py"]
    );
    assert_eq!(p.text("#file-name").await, "scripts/single_multiply.py");
    let (a, other) = lose_an_update_by_hand(&p).await;
    let finding = p.text("#findings li.finding").await;
    common::assert_contains(&finding, &["lost update on result", "was lost", "line 9"]);
    assert!(
        p.exists(&format!(
            "#findings li.finding[data-line=\"9\"][data-thread=\"{a}\"]"
        ))
        .await,
        "the finding is thread {a}'s, at line 9 (thread {other} made the lost update)"
    );
    assert!(p.exists("#source .line[data-line=\"9\"].finding").await);
    assert_eq!(
        p.text("#globals tr[data-name=\"result\"] .v").await,
        "3.14",
        "two updates, one left"
    );
    // The URL keeps the position: a reload lands on the same stop, the finding still shown.
    let stop = p.stop().await;
    p.c.refresh().await.expect("a reload");
    p.idle().await;
    assert_eq!(p.stop().await, stop, "the reload's stop");
    assert!(
        p.text("#findings li.finding")
            .await
            .contains("lost update on result"),
        "the reload's findings"
    );
    if screenshots() {
        p.screenshot(&common::root().join("docs/web-step.png"))
            .await;
    }
    // The rest of the run cannot bring the update back.
    p.click("#end").await;
    let out = p.text("#output").await;
    assert!(out.contains("Result = "), "{out}");
    let result = out.lines().next().unwrap_or_default();
    let reference = out.lines().nth(1).unwrap_or_default();
    assert_ne!(
        result.trim_start_matches("Result = "),
        reference.trim_start_matches("Ref Result = "),
        "{out}"
    );
    p.close().await;
}

/// 2. The bank's check-then-act, stepped by hand into the overdraft: both checks pass before
/// either withdrawal, the balance ends at -60 and the findings name the stale check.
#[tokio::test]
async fn overdraft_stepped_by_hand() {
    let p = live_page!("overdraft_stepped_by_hand", &["tests/step/bank.py"]);
    // `acct.balance -= amount`: the first thread to get there has passed its check.
    let a = run_to_line_in(&p, "gil-every", 16).await;
    assert_ne!(a, 1);
    let balance = "#objects .object[data-name=\"acct\"] tr[data-attr=\"balance\"] .v";
    assert_eq!(p.text(balance).await, "100");
    // Another thread checks (100 >= 80) and withdraws.
    let other = another_thread_updates(&p, a, balance).await;
    assert_eq!(p.text(balance).await, "20", "thread {other} withdrew");
    // The first acts on its stale check.
    for _ in 0..20 {
        if p.text(balance).await != "20" {
            break;
        }
        p.step_thread(a).await;
    }
    assert_eq!(p.text(balance).await, "-60");
    let findings = p.text("#findings").await;
    common::assert_contains(
        &findings,
        &[
            "stale check on .balance",
            "tested it at line 15",
            "storing -60",
        ],
    );
    assert!(p.exists("#source .line[data-line=\"16\"].finding").await);
    p.click("#end").await;
    assert_eq!(p.text("#output").await, "balance = -60\n");
    p.close().await;
}

/// 3. The mode switch: the lanes' words follow the regime (a GIL holder and waiters; no GIL
/// free-threaded), and the GIL of 3.10+ refuses a hand-off away from a switch point.
#[tokio::test]
async fn modes_change_the_lanes_words() {
    let p = live_page!("modes_change_the_lanes_words", &["tests/step/counter.py"]);
    // One thread inside add(), one instruction past its switch point.
    let a = run_to_line_in(&p, "gil", 9).await;
    let words = p.text("#threads").await;
    common::assert_contains(&words, &["holds the GIL", "waiting for the GIL"]);
    assert!(p.exists("#threads .gil-badge").await);
    common::assert_contains(&p.text("#gil-note").await, &["one GIL", "switch points"]);
    p.step_thread(a).await;
    let waiting = waiting_gives(&p).await;
    for g in &waiting {
        assert_eq!(g[1], json!("hand GIL"));
        assert_eq!(g[2], json!(false), "3.10+: no hand-off mid-line: {g}");
        assert!(
            g[3].as_str().unwrap_or_default().contains("switch point"),
            "{g}"
        );
    }

    // Before 3.10 the GIL can change hands before any instruction.
    p.select_regime("gil-every").await;
    common::assert_contains(&p.text("#gil-note").await, &["one GIL", "any instruction"]);
    let a = run_to_line(&p, 9).await;
    p.step_thread(a).await;
    let waiting = waiting_gives(&p).await;
    for g in &waiting {
        assert_eq!(g[2], json!(true), "before 3.10, a hand-off anywhere: {g}");
    }

    // Free-threaded: no GIL to hold or wait for.
    run_to_line_in(&p, "free", 9).await;
    let words = p.text("#threads").await;
    for gil_word in ["holds the GIL", "waiting for the GIL", "hand GIL"] {
        assert!(!words.contains(gil_word), "free-threaded lanes: {words}");
    }
    common::assert_contains(&words, &["no GIL", "switch to"]);
    assert!(!p.exists("#threads .gil-badge").await);
    common::assert_contains(&p.text("#gil-note").await, &["no GIL"]);
    assert!(!p.text("#why").await.contains("holds the GIL"));
    p.close().await;
}

/// 4. The race: seeded runs, a bar opened in the step view replays that bar's schedule, and
/// run to its end it prints that bar's output.
#[tokio::test]
async fn race_bar_opens_in_the_step_view() {
    let p = live_page!(
        "race_bar_opens_in_the_step_view",
        &["scripts/single_multiply.py"]
    );
    p.select_regime("free").await;
    p.click("#tab-race").await;
    p.js("document.querySelector('#race-runs').value = '40'; document.querySelector('#race-seed').value = '1';")
        .await;
    p.click("#race-run").await;
    p.until(
        "the race to end",
        "var b = document.querySelector('#race-hist .race-bar .open'); return !!b && !b.disabled;",
    )
    .await;
    let counts: u64 = p
        .js(
            "return Array.prototype.reduce.call(document.querySelectorAll('#race-hist .race-bar'), \
             function (n, b) { return n + Number(b.getAttribute('data-count')); }, 0);",
        )
        .await
        .as_u64()
        .unwrap_or(0);
    assert_eq!(counts, 40, "every run is in a bar");
    // The last bar: the rarest outcome (a lost update, when the race found one).
    let bars = p
        .js("return document.querySelectorAll('#race-hist .race-bar').length;")
        .await
        .as_u64()
        .unwrap_or(0);
    let bar = format!("#race-hist .race-bar:nth-child({bars})");
    let want = p.text(&format!("{bar} .bar-out")).await;
    p.click(&format!("{bar} .open")).await;
    assert_eq!(
        p.js("return document.querySelector('#tab-step').getAttribute('aria-selected');")
            .await,
        json!("true")
    );
    let note = p.text("#replay-note").await;
    assert!(
        note.contains("recorded schedule"),
        "the step view follows the bar's schedule: {note:?}"
    );
    assert_eq!(p.stop().await, 0);
    p.click("#end").await;
    assert_eq!(
        p.text("#output").await.trim_end(),
        want.trim_end(),
        "the bar's schedule replayed gives the bar's output"
    );
    p.close().await;
}

/// 5. The export: one HTML file, opened from disk with no server and no network, steps
/// forward and back through the recorded run.
#[tokio::test]
async fn export_replays_offline() {
    let Some(b) = browser_or_skip("export_replays_offline") else {
        return;
    };
    let dir = common::scratch_dir("browser-export");
    let html = dir.join("lesson.html");
    let out = common::run_ok(&[
        "web",
        "--export",
        html.to_str().expect("a UTF-8 path"),
        "scripts/single_multiply.py",
    ]);
    assert!(out.contains(" stops"), "{out}");
    let p = Page::offline(&b, WIDE).await;
    p.goto(&format!("file://{}", html.display())).await;
    assert_eq!(
        p.js("return document.body.getAttribute('data-mode');")
            .await,
        json!("export")
    );
    assert!(
        !p.text("#offline-note").await.is_empty(),
        "the page says it is a recorded run"
    );
    assert_eq!(p.stop().await, 0);
    assert!(!p.enabled("#back").await);
    let start_why = p.text("#why").await;
    let start_stack = p.text("#bytecode .ip").await;
    for want in 1..=3 {
        p.click("#step").await;
        assert_eq!(p.stop().await, want);
    }
    assert!(
        p.text("#why").await != start_why || p.text("#bytecode .ip").await != start_stack,
        "three steps change the view"
    );
    p.click("#back").await;
    assert_eq!(p.stop().await, 2);
    p.click("#end").await;
    common::assert_contains(&p.text("#output").await, &["Result = ", "Ref Result = "]);
    assert!(!p.enabled("#step").await, "the recording ends there");
    p.click("#reset").await;
    assert_eq!(p.stop().await, 0);
    assert_eq!(p.text("#output").await, "");
    // Choosing a thread needs the live server.
    assert!(
        !p.enabled("#threads .lane .step-thread").await,
        "a recorded run's steps are fixed"
    );
    // The race and the timed run it carries are shown, not run again.
    p.click("#tab-race").await;
    assert!(p.exists("#race-hist .race-bar").await, "the recorded race");
    assert!(
        !p.enabled("#race-hist .race-bar .open").await,
        "opening a bar needs the live server"
    );
    assert!(!p.enabled("#race-run").await);
    p.click("#tab-timeline").await;
    assert!(
        p.exists("#timeline .tl-span").await,
        "the recorded timeline"
    );
    // Nothing was fetched: the file is the whole lesson.
    let fetched = p
        .js("return performance.getEntriesByType('resource').map(function (e) { return e.name; });")
        .await;
    assert_eq!(fetched, json!([]), "the export loaded nothing");
    p.close().await;
    let _ = std::fs::remove_dir_all(&dir);
}

/// 6. Step back: k steps forward then k back return through the same stops to stop 0.
#[tokio::test]
async fn step_back_returns_to_the_start() {
    let p = live_page!("step_back_returns_to_the_start", &["tests/step/counter.py"]);
    p.select_regime("gil-every").await;
    assert_eq!(p.stop().await, 0);
    assert!(!p.enabled("#back").await);
    let mut seen = vec![(p.text("#stop-counter").await, p.text("#why").await)];
    for k in 1..=6 {
        p.click("#step").await;
        assert_eq!(p.stop().await, k);
        seen.push((p.text("#stop-counter").await, p.text("#why").await));
    }
    // A run to a line is one action too, however many stops it passes.
    p.click("#source .line[data-line=\"9\"]").await;
    let at_line = p.stop().await;
    assert!(at_line > 6);
    p.click("#back").await;
    assert_eq!(p.stop().await, 6);
    for k in (0..6).rev() {
        p.click("#back").await;
        assert_eq!(p.stop().await, k as u64);
        assert_eq!(
            p.text("#stop-counter").await,
            seen[k].0,
            "the same stop going back"
        );
    }
    assert!(!p.enabled("#back").await, "stop 0 is the start");
    assert_eq!(p.text("#why").await, seen[0].1);
    p.close().await;
}

/// A narrow window: the step view still fits its width, and its buttons still work.
#[tokio::test]
async fn narrow_window_stays_usable() {
    let p = live_page!(
        "narrow_window_stays_usable",
        &["scripts/single_multiply.py"],
        NARROW
    );
    let width = p
        .js("return [document.documentElement.scrollWidth, window.innerWidth];")
        .await;
    assert!(
        width[0].as_u64() <= width[1].as_u64(),
        "no sideways scrolling at 600 px: {width}"
    );
    for css in ["#step", "#back", "#regime", "#tab-race", "#source"] {
        let visible = p
            .js_with(
                "var r = document.querySelector(arguments[0]).getBoundingClientRect(); \
                 return r.width > 0 && r.left >= 0 && r.right <= window.innerWidth;",
                vec![json!(css)],
            )
            .await;
        assert_eq!(visible, json!(true), "{css} is within the window");
    }
    p.click("#step").await;
    assert_eq!(p.stop().await, 1);
    p.close().await;
}

/// The timeline of a real timed run: plain_increment.py's four threads share the GIL, a lane
/// each, handing it over as the switch interval asks (and a screenshot at 1280×720 with
/// GILVM_SCREENSHOTS=1). Real timing varies: only what holds for every run is asserted.
#[tokio::test]
async fn timeline_shows_the_gil_lanes() {
    // Its 3.2 million instructions, past the page's default budget of 200,000.
    let args = ["--max-steps", "10000000", "scripts/plain_increment.py"];
    let p = live_page!("timeline_shows_the_gil_lanes", &args);
    p.click("#tab-timeline").await;
    p.click("#timeline-run").await;
    p.until(
        "the timeline",
        "return document.querySelectorAll('#timeline .tl-span').length > 0;",
    )
    .await;
    let lanes = p
        .js("return document.querySelectorAll('#timeline .tl-lane').length;")
        .await
        .as_u64()
        .unwrap_or(0);
    assert_eq!(lanes, 5, "a lane for the main thread and each of its four");
    assert!(
        p.exists("#timeline .tl-span[data-state=\"holds\"]").await,
        "someone held the GIL"
    );
    assert!(
        p.exists("#timeline .tl-handoff").await,
        "the GIL changed hands"
    );
    // Under the GIL of 3.10+, `counter += 1` in a loop loses nothing, however it is timed.
    common::assert_contains(
        &p.text("#timeline-output").await,
        &["counter = 400,000 (expected 400,000): lost 0 updates"],
    );
    if screenshots() {
        p.screenshot(&common::root().join("docs/web-timeline.png"))
            .await;
    }
    p.close().await;
}
