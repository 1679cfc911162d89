//! Deadlock detection for threads the OS schedules. (Deterministic schedules — the stepper,
//! `--replay-schedule`, `explore` — find deadlocks in `sched.rs`, where every block goes
//! through the scheduler.)
//!
//! Every wait without a timeout on a gilvm lock (and so on every `threading` primitive, all of
//! them built on `_thread.lock`: `join`, `Condition`, `Event`, `Queue`, `Semaphore`, pool
//! futures) is *registered* here while the lock is held by someone else. The program is
//! deadlocked when every live thread is registered and every lock they wait for is locked:
//! no thread is left to release one.
//!
//! Why the check cannot be fooled (no false report):
//! - A thread registers while holding its lock's mutex and seeing the lock taken, and it
//!   deregisters *before* it marks the lock taken by itself. So a registered thread whose lock
//!   reads as locked has not acquired it.
//! - The check runs under the registry's mutex, which a thread needs to deregister. If every
//!   live thread is registered, none runs Python code, so none can release a lock while the
//!   check reads the locks' flags; a thread that was woken by an earlier release sees its lock
//!   free, and the check sees that flag free too.
//! - Thread start counts the new thread as live before it exists; a thread's end re-runs the
//!   check (it may have been the last one that could have released something).
//!
//! `ft_utils`' blocking objects (`ConcurrentQueue.pop`, `IntervalLock`, `RWLock`) have no
//! single holder and no "locked" flag: a waiter waits for its own condition over the object's
//! state. Each such object counts the changes to its state (under its mutex); a waiter whose
//! condition has just failed under that mutex records the count, and it reads as blocked while
//! the count is unchanged. That is the same promise in another form: an unchanged state is
//! one the waiter has already seen it cannot go on in, so a waiter that could go on never
//! reads as blocked (see `modules/ft_utils.rs`, `wait_on`).
//!
//! What it cannot see: a thread blocked elsewhere (an `input()`, a pipe, a child interpreter's
//! result) counts as running, so such a deadlock is not reported — never a false one.
//!
//! On a deadlock every blocked thread's wait returns an error that unwinds its stack without
//! running handlers (as `explore` aborts a run), collecting a traceback on the way; each
//! thread leaves the line it was waiting at here, and the main thread prints the report and
//! exits with [`crate::threads::deterministic::EXIT_DEADLOCK`].

use std::collections::BTreeMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

use parking_lot::{Condvar, Mutex};

use crate::threads::Blocking;
use crate::threads::ThreadId;

/// What the registry needs of a lock: is it taken, and by whom.
pub trait Waitable: Send + Sync {
    fn is_locked(&self) -> bool;
    /// The thread that took it last.
    fn holder(&self) -> Option<ThreadId>;
    /// For a thread's join lock, that thread.
    fn joins(&self) -> Option<ThreadId> {
        None
    }
    /// What the thread waits for, for the report, when it is not a plain lock ("waits for an
    /// item from a ConcurrentQueue that no thread can push"); `holder` is appended as
    /// "held by NAME".
    fn describe(&self) -> Option<&'static str> {
        None
    }
}

/// A blocked thread, as the report shows it: what it waits for, the holder, and the
/// description of a wait that is not on a plain lock.
type Blocked = (Blocking, Option<ThreadId>, Option<&'static str>);

struct Waiter {
    on: Arc<dyn Waitable>,
    what: Blocking,
}

#[derive(Default)]
struct State {
    waiting: BTreeMap<ThreadId, Waiter>,
    /// After a deadlock: each blocked thread, what it waited for and held by whom (fixed at
    /// detection) and, once it has unwound, where it was.
    blocked: BTreeMap<ThreadId, Blocked>,
    /// (where it waited, the innermost function of gilvm's own modules it waited in)
    sites: BTreeMap<ThreadId, (String, Option<String>)>,
}

#[derive(Default)]
pub struct Waits {
    st: Mutex<State>,
    unwound: Condvar,
    deadlocked: AtomicBool,
    /// The run is being stopped (`--timeout`, `--max-steps`): threads unwind without
    /// releasing their locks, which is not a deadlock.
    stopping: AtomicBool,
}

/// How often a waiting thread looks up from its wait: for a deadlock found by another thread
/// and for Ctrl-C (the main thread). Its cost is a wake-up per waiting thread per period.
pub const POLL: Duration = Duration::from_millis(50);

impl Waits {
    /// The run is being stopped: from now on nothing is reported.
    pub fn stopping(&self) {
        self.stopping.store(true, Ordering::Release);
    }

    pub fn deadlocked(&self) -> bool {
        self.deadlocked.load(Ordering::Acquire)
    }

    /// `t` waits, without a timeout, for `on`, which it has just seen locked (the caller holds
    /// the lock's own mutex). `live` is the number of live Python threads. Returns true when
    /// this makes the program deadlocked.
    pub fn register(
        &self,
        t: ThreadId,
        on: Arc<dyn Waitable>,
        what: Blocking,
        live: &AtomicU64,
    ) -> bool {
        let mut st = self.st.lock();
        st.waiting.insert(t, Waiter { on, what });
        self.check(&mut st, live)
    }

    /// `t` stops waiting (before it takes its lock). (A thread that is registered may call
    /// [`Waits::register`] again, e.g. after it has seen a changed state it still cannot go
    /// on in: that replaces its entry and re-runs the check.)
    pub fn deregister(&self, t: ThreadId) {
        self.st.lock().waiting.remove(&t);
    }

    /// A thread ended: the others may now all be waiting for each other.
    pub fn thread_ended(&self, live: &AtomicU64) {
        let mut st = self.st.lock();
        self.check(&mut st, live);
    }

    fn check(&self, st: &mut State, live: &AtomicU64) -> bool {
        if self.deadlocked() {
            return true;
        }
        if self.stopping.load(Ordering::Acquire) {
            return false;
        }
        // `live` counts the threads a program started; the main thread is live until the end.
        let live = live.load(Ordering::SeqCst) + 1;
        if (st.waiting.len() as u64) < live || !st.waiting.values().all(|w| w.on.is_locked()) {
            return false;
        }
        st.blocked = st
            .waiting
            .iter()
            .map(|(t, w)| match w.on.joins() {
                Some(j) => (*t, (Blocking::Join, Some(j), None)),
                None => (*t, (w.what, w.on.holder(), w.on.describe())),
            })
            .collect();
        self.deadlocked.store(true, Ordering::Release);
        true
    }

    /// A thread unwound after the deadlock: records the line it waited at (from the
    /// traceback its exception collected, `(file, line, function)` outermost first) so the
    /// report can show it.
    pub fn unwound(&self, t: ThreadId, frames: &[TracebackFrame]) {
        let mut st = self.st.lock();
        if st.blocked.contains_key(&t) {
            let inner = frames
                .last()
                .filter(|(file, _, _)| file.starts_with("<gilvm>/"))
                .map(|(_, _, f)| f.clone());
            st.sites.insert(t, (waiting_site(frames), inner));
            self.unwound.notify_all();
        }
    }

    /// The report, once every blocked thread has unwound (or after a second: a report with a
    /// missing line beats a hang). `name` names a thread.
    pub fn report(&self, name: impl Fn(ThreadId) -> String) -> String {
        let deadline = Instant::now() + Duration::from_secs(1);
        let mut st = self.st.lock();
        while st.sites.len() < st.blocked.len() {
            if self.unwound.wait_until(&mut st, deadline).timed_out() {
                break;
            }
        }
        let mut msg = String::from("gilvm: deadlock: every thread is blocked and none can wake");
        for (t, (what, holder, described)) in &st.blocked {
            msg.push_str(&format!("\n  {} ", name(*t)));
            let site = st.sites.get(t);
            let inner = site.and_then(|(_, f)| f.as_deref());
            match (what, holder, described) {
                (_, holder, Some(d)) => {
                    msg.push_str(d);
                    if let Some(h) = holder {
                        msg.push_str(&format!(" held by {}", name(*h)));
                    }
                }
                (Blocking::Join, Some(h), None) => msg.push_str(&format!("joins {}", name(*h))),
                (Blocking::Join, None, None) => msg.push_str("joins a thread"),
                // `Condition.wait` blocks on a lock of its own until `notify` releases it.
                (_, Some(h), None) if h == t && inner == Some("wait") => {
                    msg.push_str("waits for a notify (Condition.wait) that no thread can send")
                }
                (_, Some(h), None) if h == t => msg.push_str("waits for a lock it holds itself"),
                (_, Some(h), None) => {
                    msg.push_str(&format!("waits for a lock held by {}", name(*h)))
                }
                (_, None, None) => msg.push_str("waits for a lock"),
            }
            if let Some((site, _)) = site {
                msg.push_str(&format!(", at {site}"));
            }
        }
        msg
    }
}

/// A traceback entry: file, line, function.
pub type TracebackFrame = (String, u32, String);

/// Where a thread was waiting: the innermost frame of the program's own code in the traceback
/// (`threading`'s frames are gilvm's, not the program's).
pub fn waiting_site(frames: &[TracebackFrame]) -> String {
    let own = frames
        .iter()
        .rev()
        .find(|(file, _, _)| !file.starts_with("<gilvm>/"));
    match (own, frames.first()) {
        (Some((file, line, func)), _) => format!("{file}, line {line}, in {func}"),
        (None, Some((_, _, func))) if func == "_shutdown" => {
            "interpreter exit (waiting for the threads that are not daemons)".to_string()
        }
        (None, Some((file, line, func))) => format!("{file}, line {line}, in {func}"),
        (None, None) => "an unknown line".to_string(),
    }
}
