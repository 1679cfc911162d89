//! `_thread`: real OS threads and the locks they block on — the native layer under the
//! `threading` module (written in Python, `py/threading.py`), as in CPython.
//!
//! Every wait here is a *blocking call*: it drops the right to run bytecode
//! ([`Vm::allow_threads`]) before it blocks and takes it back after, so other threads run
//! meanwhile — CPython's `Py_BEGIN_ALLOW_THREADS`. No lock of this module is ever held while
//! the GIL is being waited for: each lock's own mutex is taken only inside the closure that
//! runs without the GIL, and released before the closure returns.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

use parking_lot::{Condvar, Mutex};

use crate::threads::Blocking;
use crate::threads::ThreadId;
use crate::threads::waits::{POLL, Waitable, Waits};
use crate::threads::{EvalBreaker, breaker};
use crate::vm::modules::{add_funcs, bind_args, native_class, native_class_with, no_args};
use crate::vm::object::exceptions::{self as exc, PyErr};
use crate::vm::object::value::Value;
use crate::vm::object::{KwArgs, Module, PyResult};
use crate::vm::object::{class_static, native_object, native_self};
use crate::vm::{THREAD_STACK_SIZE, Vm};

/// Stack for threads started by a program (the main interpreter thread gets more).
pub const WORKER_STACK_SIZE: usize = 64 * 1024 * 1024;

/// OS threads for the threads programs start, kept when their thread ends and reused by the
/// next one. `explore` runs a program thousands of times, and creating an OS thread (a
/// stack mapping, a malloc arena, a guard page, unmapped again at its end) cost more than a
/// whole run of a small program.
mod pool {
    use std::sync::mpsc::{Sender, channel};

    use parking_lot::Mutex;

    use super::WORKER_STACK_SIZE;

    type Job = Box<dyn FnOnce() + Send>;
    /// (the thread's work, what to do once the OS thread is idle again)
    type Task = (Job, Job);

    /// Idle workers, each waiting on its channel, with the CPU it is pinned to.
    static IDLE: Mutex<Vec<(Option<usize>, Sender<Task>)>> = Mutex::new(Vec::new());
    /// More idle workers than this end instead of waiting.
    const MAX_IDLE: usize = 64;

    /// Runs `work` on an OS thread with [`WORKER_STACK_SIZE`] of stack, then `after` once
    /// that OS thread is back in the pool (or gone).
    pub fn spawn(
        work: impl FnOnce() + Send + 'static,
        after: impl FnOnce() + Send + 'static,
    ) -> std::io::Result<()> {
        // `explore --jobs`: a worker pinned to this thread's CPU is taken first (its memory
        // and caches are there); one pinned elsewhere moves here (`threads/affinity.rs`).
        let cpu = crate::threads::affinity::pinned();
        let work = move || {
            if let Some(cpu) = cpu {
                crate::threads::affinity::pin(cpu);
            }
            work()
        };
        let mut task: Task = (Box::new(work), Box::new(after));
        loop {
            let worker = {
                let mut idle = IDLE.lock();
                match idle.iter().rposition(|(c, _)| *c == cpu) {
                    Some(i) => Some(idle.swap_remove(i).1),
                    None => idle.pop().map(|w| w.1),
                }
            };
            let Some(worker) = worker else {
                break;
            };
            match worker.send(task) {
                Ok(()) => return Ok(()),
                // That worker has ended: take the task back, try the next.
                Err(e) => task = e.0,
            }
        }
        let (tx, rx) = channel::<Task>();
        std::thread::Builder::new()
            .name("gilvm-thread".into())
            .stack_size(WORKER_STACK_SIZE)
            .spawn(move || {
                let mut next = Some(task);
                while let Some((work, after)) = next.take() {
                    work();
                    let mut idle = IDLE.lock();
                    let stay = idle.len() < MAX_IDLE;
                    if stay {
                        idle.push((crate::threads::affinity::pinned(), tx.clone()));
                    }
                    drop(idle);
                    after();
                    if stay {
                        next = rx.recv().ok();
                    }
                }
            })
            .map(drop)
    }
}

pub fn build(vm: &mut Vm) -> Arc<Module> {
    let m = vm.new_module("_thread");
    add_funcs(
        &m.dict,
        &[
            ("start_new_thread", start_new_thread),
            ("allocate_lock", allocate_lock),
            ("get_ident", get_ident),
            ("get_native_id", get_native_id),
            ("_count", count),
            ("_print_thread_exception", print_thread_exception),
            ("_set_name", set_name),
            ("interrupt_main", interrupt_main),
        ],
    );
    m.dict.set_str("LockType", Value::Class(LOCK_CLASS.clone()));
    m.dict.set_str("RLock", Value::Class(RLOCK_CLASS.clone()));
    m.dict.set_str("TIMEOUT_MAX", Value::Float(TIMEOUT_MAX));
    m.dict.set_str(
        "error",
        Value::Class(crate::vm::object::registry::types().runtime_error.clone()),
    );
    m
}

const TIMEOUT_MAX: f64 = 9223372036.0;

/// `start_new_thread(function, args, kwargs={})`: runs `function(*args, **kwargs)` on a new OS
/// thread of this interpreter and returns its ident. A `threading.Thread`'s thread is named
/// here, before it runs, so the GIL event log never shows it nameless (free-threaded, it may
/// start before `start_new_thread` returns and `threading` reports the name).
fn start_new_thread(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let a = bind_args(
        args,
        kw,
        "start_new_thread",
        &["function", "args", "kwargs"],
        2,
        3,
        0,
    )?;
    let func = a[0].clone().unwrap_or(Value::None);
    let fargs = match &a[1] {
        Some(Value::Tuple(t)) => t.0.clone(),
        _ => return Err(exc::type_error("2nd arg must be a tuple")),
    };
    let fkw: Vec<(Arc<str>, Value)> = match &a[2] {
        None | Some(Value::None) => Vec::new(),
        Some(Value::Dict(d)) => d.to_kwargs()?,
        Some(_) => return Err(exc::type_error("optional 3rd arg must be a dictionary")),
    };
    let interp = vm.interp.clone();
    let tid = ThreadId(
        interp
            .next_thread_id
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed),
    );
    mark_join_lock(&func, tid);
    if let Some(name) = thread_name(&func) {
        if let Some(r) = &interp.recorder {
            r.set_name(tid, &name);
        }
        if let Some(d) = interp.sched.deterministic() {
            d.name_thread(tid, &name);
        }
        interp.thread_names.lock().insert(tid, name);
    }
    interp
        .live_threads
        .fetch_add(1, std::sync::atomic::Ordering::SeqCst);
    // Registered now, in the parent, so a deterministic schedule sees the new thread at
    // the same step on every run (not whenever the OS starts it).
    interp.sched.spawned(tid);
    interp.os_thread_started();
    let done = interp.clone();
    let spawned = pool::spawn(
        move || {
            let mut tvm = Vm::for_thread(interp.clone(), tid, WORKER_STACK_SIZE);
            tvm.sched_acquire();
            let r = tvm.call(&func, &fargs, &fkw);
            if let Err(e) = &r
                && e.is_run_aborted()
                && interp.waits.deadlocked()
            {
                interp.waits.unwound(tid, &e.traceback_frames());
            }
            if let Err(e) = r
                && !e.matches(&crate::vm::object::registry::types().system_exit)
                && !e.is_run_aborted()
            {
                let r = tvm.repr(&func).unwrap_or_default();
                tvm.interp
                    .write_stderr(&format!("Unhandled exception in thread started by {r}\n"));
                tvm.print_exception(&e);
            }
            drop(fargs);
            drop(fkw);
            drop(func);
            // Generators the thread let go of close here, while it still counts as live.
            tvm.finalize_thread();
            interp
                .live_threads
                .fetch_sub(1, std::sync::atomic::Ordering::SeqCst);
            interp.waits.thread_ended(&interp.live_threads);
            tvm.sched_exit();
        },
        move || {
            done.os_thread_done();
        },
    );
    if let Err(e) = spawned {
        vm.interp
            .live_threads
            .fetch_sub(1, std::sync::atomic::Ordering::SeqCst);
        vm.interp.os_thread_done();
        return Err(exc::runtime_error(format!("can't start new thread: {e}")));
    }
    let _ = THREAD_STACK_SIZE;
    Ok(Value::Int(tid.get() as i64))
}

/// `threading.Thread.start` passes its `_bootstrap_inner`: that thread object's `_tstate_lock`
/// (held until the thread ends; `join` waits for it) is marked as the new thread's, so that a
/// deadlock report says "joins Thread-1". Read natively, so it adds no bytecode to a start
/// (schedules count instructions).
/// The name of the `threading.Thread` whose `_bootstrap_inner` is `func` (its `_name`).
fn thread_name(func: &Value) -> Option<String> {
    if let Value::Method(m) = func
        && let Value::Instance(inst) = &m.self_
        && let Some(Value::Str(s)) = inst.attr("_name")
    {
        return Some(s.as_str().to_string());
    }
    None
}

fn mark_join_lock(func: &Value, tid: ThreadId) {
    if let Value::Method(m) = func
        && let Value::Instance(inst) = &m.self_
        && let Some(Value::Native(n)) = inst.attr("_tstate_lock")
        && let Some(l) = n.as_any().downcast_ref::<Lock>()
    {
        l.set_joins(tid);
    }
}

/// `interrupt_main()`: Ctrl-C for the main thread, as if the user had pressed it.
fn interrupt_main(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let a = bind_args(args, kw, "interrupt_main", &["signum"], 0, 1, 0)?;
    if let Some(v) = &a[0]
        && !matches!(v, Value::Int(2))
    {
        return Err(exc::value_error(
            "interrupt_main() supports only SIGINT (2) in gilvm",
        ));
    }
    vm.interp
        .eval_breaker
        .fetch_or(breaker::SIGNAL, Ordering::AcqRel);
    Ok(Value::None)
}

fn get_ident(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    no_args(args, kw, "get_ident")?;
    Ok(Value::Int(vm.tid.get() as i64))
}

/// The OS thread id (Linux `gettid`), read from `/proc/thread-self` once per OS thread (it
/// does not change while the thread lives; `explore`'s runs reuse a pool of OS threads, and
/// reading the link cost each run a system call per thread).
fn get_native_id(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    no_args(args, kw, "get_native_id")?;
    thread_local! {
        static NATIVE_ID: std::cell::OnceCell<Option<i64>> = const { std::cell::OnceCell::new() };
    }
    let read = || {
        std::fs::read_link("/proc/thread-self")
            .ok()
            .and_then(|p| p.file_name()?.to_str()?.parse::<i64>().ok())
    };
    let id = NATIVE_ID
        .with(|c| *c.get_or_init(read))
        .unwrap_or(std::process::id() as i64 + vm.tid.get() as i64);
    Ok(Value::Int(id))
}

fn count(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    no_args(args, kw, "_count")?;
    Ok(Value::Int(
        vm.interp
            .live_threads
            .load(std::sync::atomic::Ordering::SeqCst) as i64,
    ))
}

/// `_set_name(ident, name)`: a thread's name (`threading.Thread` reports it when it starts the
/// thread and when it is renamed), for the GIL event log.
fn set_name(vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    if let [Value::Int(ident), name] = args {
        let name = vm.to_str(name)?;
        if let Some(r) = &vm.interp.recorder {
            r.set_name(ThreadId(*ident as u64), &name);
        }
        vm.interp
            .thread_names
            .lock()
            .insert(ThreadId(*ident as u64), name);
    }
    Ok(Value::None)
}

/// `_print_thread_exception(name, exc)`: CPython's default `threading.excepthook` output.
fn print_thread_exception(vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    let [name, e] = args else {
        return Err(exc::type_error("_print_thread_exception(name, exc)"));
    };
    let name = vm.to_str(name)?;
    let text = crate::vm::object::exceptions::format_exception(vm, e);
    vm.interp
        .write_stderr(&format!("Exception in thread {name}:\n{text}"));
    Ok(Value::None)
}

// ---------------------------------------------------------------------------------------------
// Lock

/// A non-recursive lock that any thread may release (CPython's `_thread.lock`).
#[derive(Default)]
pub struct Lock {
    core: Arc<LockCore>,
}

#[derive(Default)]
struct LockCore {
    locked: Mutex<bool>,
    cond: Condvar,
    /// `locked`, readable without the mutex by the deadlock check (written under it).
    flag: AtomicBool,
    /// The thread that took it last, plus one (0: nobody yet).
    holder: AtomicU64,
    /// For a thread's join lock, that thread plus one (`_thread._set_joined`): it is released
    /// when that thread ends.
    joins: AtomicU64,
}

impl Waitable for LockCore {
    fn is_locked(&self) -> bool {
        self.flag.load(Ordering::Acquire)
    }
    fn holder(&self) -> Option<ThreadId> {
        self.holder
            .load(Ordering::Relaxed)
            .checked_sub(1)
            .map(ThreadId)
    }
    fn joins(&self) -> Option<ThreadId> {
        self.joins
            .load(Ordering::Relaxed)
            .checked_sub(1)
            .map(ThreadId)
    }
}

/// Why a blocking acquire gave up before its deadline.
pub enum Interrupted {
    /// Every thread is blocked (see `waits.rs`), or the run is being stopped: unwind.
    Aborted,
    /// Ctrl-C reached the main thread.
    KeyboardInterrupt,
}

impl From<Interrupted> for PyErr {
    fn from(i: Interrupted) -> PyErr {
        match i {
            Interrupted::Aborted => exc::run_aborted(),
            Interrupted::KeyboardInterrupt => exc::keyboard_interrupt(""),
        }
    }
}

/// What a blocking wait watches besides its lock: the deadlock registry and, in the main
/// thread, Ctrl-C.
pub struct WaitContext<'a> {
    pub tid: ThreadId,
    pub what: Blocking,
    pub waits: &'a Waits,
    pub live: &'a AtomicU64,
    /// The eval breaker: its `STOP` bit (`--timeout`, `--max-steps`) ends any wait, its
    /// `SIGNAL` bit (Ctrl-C) the main thread's.
    pub breaker: &'a EvalBreaker,
    pub main: bool,
}

impl WaitContext<'_> {
    /// Whether the wait must end now: a deadlock was found, the run is stopped, or Ctrl-C
    /// reached the main thread.
    pub fn interrupted(&self) -> Option<Interrupted> {
        if self.waits.deadlocked() {
            return Some(Interrupted::Aborted);
        }
        breaker_interrupt(self.breaker, self.main)
    }
}

/// What a waiting thread must give up its wait for: a stopped run (`STOP`: --timeout,
/// --max-steps) or, in the main thread, Ctrl-C (`SIGNAL`, consumed here: the wait raises it).
pub fn breaker_interrupt(b: &EvalBreaker, main: bool) -> Option<Interrupted> {
    let bits = b.load(Ordering::Relaxed);
    if bits & breaker::STOP != 0 {
        return Some(Interrupted::Aborted);
    }
    if main && bits & breaker::SIGNAL != 0 {
        b.fetch_and(!breaker::SIGNAL, Ordering::AcqRel);
        return Some(Interrupted::KeyboardInterrupt);
    }
    None
}

impl Lock {
    pub fn new() -> Lock {
        Lock::default()
    }

    pub fn try_acquire(&self, t: ThreadId) -> bool {
        let mut l = self.core.locked.lock();
        if *l {
            false
        } else {
            self.take(&mut l, t);
            true
        }
    }

    fn take(&self, l: &mut bool, t: ThreadId) {
        *l = true;
        self.core.flag.store(true, Ordering::Release);
        self.core.holder.store(t.get() + 1, Ordering::Relaxed);
    }

    /// Waits for the lock until `deadline` (forever when `None`); the caller has dropped the
    /// GIL. Returns whether it was acquired. It looks up every [`POLL`] for a deadlock or
    /// Ctrl-C; a wait without a deadline is registered for deadlock detection meanwhile.
    pub fn acquire_blocking(
        &self,
        deadline: Option<Instant>,
        cx: &WaitContext,
    ) -> Result<bool, Interrupted> {
        let mut l = self.core.locked.lock();
        let mut registered = false;
        while *l {
            let now = Instant::now();
            let wake = match deadline {
                Some(d) if d <= now => return Ok(false),
                Some(d) => d.min(now + POLL),
                None => {
                    if !registered {
                        registered = true;
                        let core: Arc<dyn Waitable> = self.core.clone();
                        cx.waits.register(cx.tid, core, cx.what, cx.live);
                    }
                    now + POLL
                }
            };
            if let Some(why) = cx.interrupted() {
                if registered {
                    cx.waits.deregister(cx.tid);
                }
                return Err(why);
            }
            self.core.cond.wait_until(&mut l, wake);
        }
        // Deregistered before the lock reads as taken: see `waits.rs`.
        if registered {
            cx.waits.deregister(cx.tid);
        }
        self.take(&mut l, cx.tid);
        Ok(true)
    }

    /// Releases; false if it was not locked.
    pub fn release(&self) -> bool {
        let mut l = self.core.locked.lock();
        if !*l {
            return false;
        }
        *l = false;
        self.core.flag.store(false, Ordering::Release);
        drop(l);
        self.core.cond.notify_one();
        true
    }

    pub fn is_locked(&self) -> bool {
        *self.core.locked.lock()
    }

    /// Marks this lock as thread `t`'s join lock, released when `t` ends.
    pub fn set_joins(&self, t: ThreadId) {
        self.core.joins.store(t.get() + 1, Ordering::Relaxed);
    }
}

/// `acquire(blocking=True, timeout=-1)`'s arguments as a deadline: `Ok(None)` to try once,
/// `Ok(Some(None))` to wait forever, `Ok(Some(Some(t)))` to wait until `t`.
fn parse_acquire_args(
    vm: &mut Vm,
    args: &[Value],
    kw: &KwArgs,
) -> PyResult<Option<Option<Instant>>> {
    let a = bind_args(args, kw, "acquire", &["blocking", "timeout"], 0, 2, 1)?;
    let blocking = match &a[0] {
        None => true,
        Some(v) => vm.truthy(v)?,
    };
    let timeout = match &a[1] {
        None => -1.0,
        Some(v) => crate::vm::modules::arg_f64(vm, v)?,
    };
    if !blocking {
        if timeout != -1.0 {
            return Err(exc::value_error(
                "can't specify a timeout for a non-blocking call",
            ));
        }
        return Ok(None);
    }
    if timeout < 0.0 && timeout != -1.0 {
        return Err(exc::value_error(
            "timeout value must be a non-negative number",
        ));
    }
    if timeout > TIMEOUT_MAX {
        return Err(exc::overflow_error("timeout value is too large"));
    }
    if timeout == -1.0 {
        Ok(Some(None))
    } else {
        Ok(Some(Some(
            Instant::now() + Duration::from_secs_f64(timeout),
        )))
    }
}

/// Acquires `lock` for the calling Python thread, dropping the GIL only if it must wait.
pub fn acquire_lock(vm: &mut Vm, lock: &Lock, wait: Option<Option<Instant>>) -> PyResult<bool> {
    if lock.try_acquire(vm.tid) {
        return Ok(true);
    }
    let Some(deadline) = wait else {
        return Ok(false);
    };
    if let Some(d) = deadline
        && d <= Instant::now()
    {
        return Ok(false);
    }
    let what = if vm.running_function("Thread._wait_for_tstate_lock") {
        Blocking::Join
    } else {
        Blocking::Lock
    };
    let sched = vm.interp.sched.clone();
    if let Some(d) = sched.deterministic() {
        // Deterministic: give the baton away until a release (or a virtual timeout) lets
        // this thread retry; the OS never decides who wakes first.
        let timeout = deadline.map(|d| d.saturating_duration_since(Instant::now()));
        loop {
            let at = vm.at();
            let woke = d.block(vm.tid, what, timeout, &at)?;
            vm.refill_quantum();
            if lock.try_acquire(vm.tid) {
                return Ok(true);
            }
            if !woke {
                return Ok(false);
            }
        }
    }
    let interp = vm.interp.clone();
    let cx = WaitContext {
        tid: vm.tid,
        what,
        waits: &interp.waits,
        live: &interp.live_threads,
        breaker: &interp.eval_breaker,
        main: vm.tid == ThreadId::MAIN,
    };
    Ok(vm.allow_threads(what, || lock.acquire_blocking(deadline, &cx))?)
}

/// After a release: under a deterministic schedule, threads blocked on locks may retry.
pub fn released(vm: &Vm) {
    if let Some(d) = vm.interp.sched.deterministic() {
        d.wake_blocked();
    }
}

class_static!(LOCK_CLASS = native_class("lock", "_thread");
    "acquire" => lock_acquire, "acquire_lock" => lock_acquire, "release" => lock_release,
    "release_lock" => lock_release, "locked" => lock_locked, "__enter__" => lock_acquire,
    "__exit__" => lock_exit, "__repr__" => lock_repr,
);

native_object!(Lock, "_thread.lock", LOCK_CLASS);

fn this_lock(args: &[Value]) -> PyResult<&Lock> {
    native_self::<Lock>(args, "_thread.lock")
}

fn allocate_lock(_vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    no_args(args, kw, "allocate_lock")?;
    Ok(Value::Native(Arc::new(Box::new(Lock::new()))))
}

fn lock_acquire(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let lock = this_lock(args)?;
    let wait = parse_acquire_args(vm, args.get(1..).unwrap_or_default(), kw)?;
    Ok(Value::Bool(acquire_lock(vm, lock, wait)?))
}

fn lock_release(vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    if this_lock(args)?.release() {
        released(vm);
        Ok(Value::None)
    } else {
        Err(exc::runtime_error("release unlocked lock"))
    }
}

fn lock_exit(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    lock_release(vm, &args[..1.min(args.len())], kw)?;
    Ok(Value::Bool(false))
}

fn lock_locked(_vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    Ok(Value::Bool(this_lock(args)?.is_locked()))
}

fn lock_repr(_vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    let l = this_lock(args)?;
    let state = if l.is_locked() { "locked" } else { "unlocked" };
    Ok(Value::string(format!(
        "<{state} _thread.lock object at {:#x}>",
        args[0].id()
    )))
}

// ---------------------------------------------------------------------------------------------
// RLock

/// A reentrant lock: owned by one thread, acquired `count` times.
#[derive(Default)]
pub struct RLock {
    lock: Lock,
    /// (owner, count), changed only by the owner while it holds `lock`.
    owner: Mutex<(ThreadId, u64)>,
}

class_static!(RLOCK_CLASS = native_class_with("RLock", "_thread", Some(rlock_new));
    "acquire" => rlock_acquire, "release" => rlock_release, "__enter__" => rlock_acquire,
    "__exit__" => rlock_exit, "_is_owned" => rlock_is_owned, "__repr__" => rlock_repr,
);

native_object!(RLock, "_thread.RLock", RLOCK_CLASS);

fn this_rlock(args: &[Value]) -> PyResult<&RLock> {
    native_self::<RLock>(args, "_thread.RLock")
}

fn rlock_new(_vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    no_args(&args[1.min(args.len())..], kw, "RLock")?;
    Ok(Value::Native(Arc::new(Box::new(RLock::default()))))
}

fn rlock_acquire(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let l = this_rlock(args)?;
    let me = vm.tid;
    {
        let mut o = l.owner.lock();
        if o.0 == me && o.1 > 0 {
            o.1 += 1;
            return Ok(Value::Bool(true));
        }
    }
    let wait = parse_acquire_args(vm, args.get(1..).unwrap_or_default(), kw)?;
    if !acquire_lock(vm, &l.lock, wait)? {
        return Ok(Value::Bool(false));
    }
    *l.owner.lock() = (me, 1);
    Ok(Value::Bool(true))
}

fn rlock_release(vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    let l = this_rlock(args)?;
    let mut o = l.owner.lock();
    if o.0 != vm.tid || o.1 == 0 {
        return Err(exc::runtime_error("cannot release un-acquired lock"));
    }
    o.1 -= 1;
    if o.1 == 0 {
        o.0 = ThreadId::default();
        drop(o);
        l.lock.release();
        released(vm);
    }
    Ok(Value::None)
}

fn rlock_exit(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    rlock_release(vm, &args[..1.min(args.len())], kw)?;
    Ok(Value::Bool(false))
}

fn rlock_is_owned(vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    let l = this_rlock(args)?;
    let o = l.owner.lock();
    Ok(Value::Bool(o.0 == vm.tid && o.1 > 0))
}

fn rlock_repr(_vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    let l = this_rlock(args)?;
    let (owner, count) = *l.owner.lock();
    let state = if count > 0 { "locked" } else { "unlocked" };
    Ok(Value::string(format!(
        "<{state} _thread.RLock object owner={owner} count={count} at {:#x}>",
        args[0].id()
    )))
}

#[allow(dead_code)]
fn _assert_send_sync() {
    fn f<T: Send + Sync>() {}
    f::<Lock>();
    f::<RLock>();
    let _: Option<PyErr> = None;
}
