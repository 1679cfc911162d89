//! `_ft_utils`: the native layer under the built-in `ft_utils` package (the API of Meta's
//! `ft_utils` library for free-threaded Python; the Python-facing modules are
//! `py/ft_utils_*.py`).
//!
//! What it promises: every operation the library documents as atomic is **one native step**
//! here, so it is atomic with the GIL and without it, under every schedule:
//! - `AtomicInt64` is a Rust `AtomicI64`. `x += 1` on one compiles to LOAD, INPLACE_ADD,
//!   STORE, and its `__iadd__` adds in place and returns the same object, so the STORE only
//!   rebinds the name to what it already was and no update is lost. Arithmetic wraps around
//!   at 64 bits and `//` truncates towards zero, as the library's C code does.
//! - `AtomicReference` is one value under its own mutex; `compare_exchange` compares by
//!   identity, as the library does.
//! - `ConcurrentDict` is a dict (which guards itself with its own lock); `ConcurrentDeque`
//!   is a deque under its own mutex.
//! - `ConcurrentQueueCore`, `IntervalLock` and `RWLock` block. A blocked call is a
//!   *blocking call* ([`wait_on`]): it gives up the right to run bytecode while it waits, as
//!   `_thread` locks do, and under a deterministic schedule it blocks through the scheduler
//!   (so `explore` and the deadlock detector see it) and retries after every release. When
//!   the OS schedules the threads, a wait without a timeout is registered with the deadlock
//!   detector (`waits.rs`) through a count of the object's changes ([`Blocker`]).
//!
//! No mutex of this module is held while the GIL is waited for: each is taken inside the
//! closure that runs without the GIL, or briefly with it, never across a hand-off.

use std::any::Any;
use std::sync::atomic::{AtomicI64, AtomicU64, Ordering};
use std::sync::{Arc, LazyLock};
use std::time::{Duration, Instant};

use parking_lot::{Condvar, Mutex, MutexGuard};

use crate::bytecode::CompareOp;
use crate::threads::Blocking;
use crate::threads::ThreadId;
use crate::threads::waits::{POLL, Waitable};
use crate::vm::Vm;
use crate::vm::exceptions::{self as exc, PyErr};
use crate::vm::modules::thread::WaitContext;
use crate::vm::modules::{arg_bigint, arg_f64, bind_args, native_class, no_args};
use crate::vm::object::{Class, Dict, KwArgs, Module, NativeObject, PyResult};
use crate::vm::ops::NOT_IMPLEMENTED;
use crate::vm::types::add_method;
use crate::vm::value::Value;

pub fn build(vm: &mut Vm) -> Arc<Module> {
    let m = vm.new_module("_ft_utils");
    for c in [
        &*ATOMIC_INT64_CLASS,
        &*ATOMIC_REFERENCE_CLASS,
        &*CONCURRENT_DICT_CLASS,
        &*DEQUE_CLASS,
        &*QUEUE_CORE_CLASS,
        &*INTERVAL_LOCK_CLASS,
        &*RWLOCK_CLASS,
    ] {
        m.dict.set_str(&c.name, Value::Class(c.clone()));
    }
    m
}

/// A built-in class with a constructor (methods are added by the caller).
fn class_with(name: &str, module: &str, ctor: crate::vm::object::NativeFn) -> Arc<Class> {
    let c = native_class(name, module);
    let c = Class {
        name: c.name.clone(),
        qualname: c.qualname.clone(),
        module: c.module.clone(),
        base: c.base.clone(),
        dict: Dict::new(),
        kind: c.kind,
        is_exception: false,
        constructor: Some(ctor),
    };
    Arc::new(c)
}

/// `self` of a method of native type `T`.
fn this<'a, T: 'static>(args: &'a [Value], tp: &str) -> PyResult<&'a T> {
    if let Some(Value::Native(n)) = args.first()
        && let Some(x) = n.as_any().downcast_ref::<T>()
    {
        return Ok(x);
    }
    Err(exc::type_error(format!(
        "descriptor requires a '{tp}' object"
    )))
}

/// The one argument of a `METH_O` method (after `self`).
fn method_arg<'a>(args: &'a [Value], kw: &KwArgs, qual: &str) -> PyResult<&'a Value> {
    crate::vm::modules::one_arg(&args[1.min(args.len())..], kw, qual)
}

fn native(x: impl NativeObject) -> Value {
    Value::Native(Arc::new(Box::new(x)))
}

// ---------------------------------------------------------------------------------------------
// Blocking

/// Time since the interpreter started: real, or virtual under a deterministic schedule (so
/// `IntervalLock.poll` agrees with `time.monotonic` and is replayable).
fn now(vm: &Vm) -> Duration {
    match vm.interp.sched.deterministic() {
        Some(d) => Duration::from_nanos(d.clock_ns(vm.tid, vm.obs.steps)),
        None => vm.interp.start.elapsed(),
    }
}

/// A blocking object's state with what its waiters need: the mutex, the condition variable
/// they sleep on, and a count of the state's changes for deadlock detection.
///
/// The rule that makes the detection sound: every change to a field an `attempt` of
/// [`wait_on`] reads bumps `changes` before the mutex is released — through [`Blocker::change`],
/// or in `wait_on` itself (a successful attempt, `enter`, `leave`) — and a failed attempt
/// changes nothing.
struct Blocker<S> {
    st: Mutex<S>,
    cond: Condvar,
    changes: Arc<AtomicU64>,
}

impl<S: Default> Default for Blocker<S> {
    fn default() -> Self {
        Blocker::new(S::default())
    }
}

impl<S> Blocker<S> {
    fn new(s: S) -> Self {
        Blocker {
            st: Mutex::new(s),
            cond: Condvar::new(),
            changes: Arc::default(),
        }
    }

    /// The state, to read (or to change a field no attempt reads).
    fn lock(&self) -> MutexGuard<'_, S> {
        self.st.lock()
    }

    /// The state, to change: the change is counted when the guard drops (still under the
    /// mutex). Call [`released`] after it, once the guard is gone.
    fn change(&self) -> Changing<'_, S> {
        Changing(self.st.lock(), &self.changes)
    }

    /// Counts a change made through a guard from [`Blocker::lock`] (the caller still holds it).
    fn changed(&self) {
        self.changes.fetch_add(1, Ordering::SeqCst);
    }
}

/// A guard that counts a change of the state when it drops.
struct Changing<'a, S>(MutexGuard<'a, S>, &'a AtomicU64);

impl<S> Drop for Changing<'_, S> {
    fn drop(&mut self) {
        // Runs before the field `0` drops: the count moves while the mutex is still held.
        self.1.fetch_add(1, Ordering::SeqCst);
    }
}

impl<S> std::ops::Deref for Changing<'_, S> {
    type Target = S;
    fn deref(&self) -> &S {
        &self.0
    }
}

impl<S> std::ops::DerefMut for Changing<'_, S> {
    fn deref_mut(&mut self) -> &mut S {
        &mut self.0
    }
}

/// How a wait appears in a deadlock report: what it waits for ("waits for an IntervalLock")
/// and, when the object knows one, the thread holding it.
struct Described<S> {
    text: &'static str,
    holder: fn(&S) -> Option<ThreadId>,
}

/// One thread's wait without a timeout on a [`Blocker`], as the deadlock registry sees it:
/// blocked while the state has not changed since the thread's last failed attempt.
struct FtWait {
    changes: Arc<AtomicU64>,
    /// `changes` when the last attempt failed (read under the mutex, with the attempt).
    seen: AtomicU64,
    /// The holder the state named then, plus one (0: none).
    holder: AtomicU64,
    text: &'static str,
}

impl Waitable for FtWait {
    fn is_locked(&self) -> bool {
        self.changes.load(Ordering::SeqCst) == self.seen.load(Ordering::SeqCst)
    }
    fn holder(&self) -> Option<ThreadId> {
        self.holder
            .load(Ordering::SeqCst)
            .checked_sub(1)
            .map(ThreadId)
    }
    fn describe(&self) -> Option<&'static str> {
        Some(self.text)
    }
}

/// Waits until `attempt` (run under `b`'s mutex) gives an answer, or `timeout` passes
/// (`None`: forever). `enter` and `leave` run under the mutex around the wait (a waiter
/// count). Returns `None` on timeout. A failed attempt must change nothing.
///
/// Uncontended, this never drops the GIL. Otherwise the wait is a blocking call: without
/// the right to run bytecode on the condition variable, or, under a deterministic schedule,
/// through [`Deterministic::block`](crate::threads::deterministic::Deterministic::block), retrying after
/// every wake-up — the releasing side calls [`released`].
///
/// A wait without a timeout is registered for deadlock detection (`waits.rs`) after each
/// attempt that failed after a wake-up, with the count of changes it failed against (an
/// attempt that failed before `enter` ran does not count: `enter` is itself a change, and
/// `IntervalLock`'s changes what its attempt answers). Every change bumps the count, so a
/// waiter whose attempt could now succeed reads as not blocked, and no deadlock is reported
/// while one could go on. A registered waiter re-registers whenever it fails against a newer
/// count, which re-runs the check: the last thread to block in a real deadlock is found.
#[allow(clippy::too_many_arguments)]
fn wait_on<S, T>(
    vm: &mut Vm,
    b: &Blocker<S>,
    timeout: Option<Duration>,
    described: Described<S>,
    enter: impl Fn(&mut S),
    leave: impl Fn(&mut S),
    mut attempt: impl FnMut(&mut S) -> Option<T>,
) -> PyResult<Option<T>> {
    {
        let mut s = b.lock();
        if let Some(r) = attempt(&mut s) {
            b.changed();
            return Ok(Some(r));
        }
        if timeout == Some(Duration::ZERO) {
            return Ok(None);
        }
    }
    // `enter`/`leave` and a successful attempt change the state: counted under the mutex.
    let enter = |s: &mut S| {
        enter(s);
        b.changed();
    };
    let leave = |s: &mut S| {
        leave(s);
        b.changed();
    };
    let sched = vm.interp.sched.clone();
    if let Some(d) = sched.deterministic() {
        // Virtual time: the deadline is on the scheduler's clock, not the OS's.
        let deadline = timeout.map(|t| now(vm) + t);
        enter(&mut b.lock());
        loop {
            let left = deadline.map(|d| d.saturating_sub(now(vm)));
            let at = vm.at();
            let woke = match d.block(vm.tid, Blocking::Lock, left, &at) {
                Ok(w) => w,
                Err(e) => {
                    leave(&mut b.lock());
                    return Err(PyErr::from(e));
                }
            };
            vm.refill_quantum();
            let mut s = b.lock();
            if let Some(r) = attempt(&mut s) {
                b.changed();
                leave(&mut s);
                return Ok(Some(r));
            }
            if !woke {
                leave(&mut s);
                return Ok(None);
            }
        }
    }
    let deadline = timeout.map(|t| Instant::now() + t);
    let interp = vm.interp.clone();
    // Looks up every `POLL` for a deadlock, a stopped run (--timeout) and, in the main
    // thread, Ctrl-C.
    let cx = WaitContext {
        tid: vm.tid,
        what: Blocking::Lock,
        waits: &interp.waits,
        live: &interp.live_threads,
        breaker: &interp.eval_breaker,
        main: vm.tid == ThreadId::MAIN,
    };
    let watch = timeout.is_none().then(|| {
        Arc::new(FtWait {
            changes: b.changes.clone(),
            seen: AtomicU64::new(0),
            holder: AtomicU64::new(0),
            text: described.text,
        })
    });
    vm.allow_threads(Blocking::Lock, || {
        let mut s = b.lock();
        if let Some(r) = attempt(&mut s) {
            b.changed();
            return Ok(Some(r));
        }
        enter(&mut s);
        let mut registered = false;
        let r = loop {
            let now = Instant::now();
            let wake = deadline.map_or(now + POLL, |d| d.min(now + POLL));
            let timed_out = b.cond.wait_until(&mut s, wake).timed_out()
                && deadline.is_some_and(|d| Instant::now() >= d);
            if let Some(r) = attempt(&mut s) {
                b.changed();
                break Ok(Some(r));
            }
            if timed_out {
                break Ok(None);
            }
            if let Some(why) = cx.interrupted() {
                break Err(PyErr::from(why));
            }
            if let Some(w) = &watch {
                // Failed against the state as counted now (the mutex is held).
                let count = b.changes.load(Ordering::SeqCst);
                if !registered || w.seen.load(Ordering::SeqCst) != count {
                    w.seen.store(count, Ordering::SeqCst);
                    let holder = (described.holder)(&s).map_or(0, |h| h.get() + 1);
                    w.holder.store(holder, Ordering::SeqCst);
                    let on: Arc<dyn Waitable> = w.clone();
                    cx.waits.register(cx.tid, on, cx.what, cx.live);
                    registered = true;
                }
            }
        };
        if registered {
            cx.waits.deregister(cx.tid);
        }
        leave(&mut s);
        r
    })
}

/// After a change that may let a waiter go on: wake the OS waiters and, under a
/// deterministic schedule, let blocked threads retry.
fn released(vm: &Vm, cond: &Condvar) {
    cond.notify_all();
    crate::vm::modules::thread::released(vm);
}

/// A timeout argument: `None` waits forever; negative is treated as zero (no wait).
fn timeout_arg(vm: &mut Vm, v: Option<&Value>) -> PyResult<Option<Duration>> {
    match v {
        None | Some(Value::None) => Ok(None),
        Some(v) => {
            let t = arg_f64(vm, v)?;
            if t.is_nan() {
                return Err(exc::value_error("Invalid value NaN (not a number)"));
            }
            Ok(Some(Duration::from_secs_f64(t.clamp(0.0, 9.2e9))))
        }
    }
}

// ---------------------------------------------------------------------------------------------
// AtomicInt64

/// A 64-bit integer updated atomically (`ft_utils.concurrency.AtomicInt64`).
pub struct AtomicInt64 {
    value: AtomicI64,
}

impl AtomicInt64 {
    /// A copy with the same value, for a forked child interpreter (`processes`).
    pub fn forked(&self) -> AtomicInt64 {
        AtomicInt64 {
            value: AtomicI64::new(self.load()),
        }
    }

    fn load(&self) -> i64 {
        self.value.load(Ordering::SeqCst)
    }

    /// One atomic read-modify-write.
    fn update(&self, f: impl Fn(i64) -> i64) {
        let _ = self
            .value
            .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |v| Some(f(v)));
    }
}

impl NativeObject for AtomicInt64 {
    fn class(&self) -> Arc<Class> {
        ATOMIC_INT64_CLASS.clone()
    }
    fn type_name(&self) -> &str {
        "_concurrency.AtomicInt64"
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

static ATOMIC_INT64_CLASS: LazyLock<Arc<Class>> = LazyLock::new(|| {
    let c = class_with("AtomicInt64", "_concurrency", atomic_int64_new);
    let methods: &[(&'static str, crate::vm::object::NativeFn)] = &[
        ("get", ai_get),
        ("set", ai_set),
        ("incr", ai_incr),
        ("decr", ai_decr),
        ("add", ai_add_method),
        ("__format__", ai_format),
        ("__int__", ai_int),
        ("__bool__", ai_bool),
        ("__neg__", ai_neg),
        ("__pos__", ai_int),
        ("__abs__", ai_abs),
        ("__invert__", ai_invert),
        ("__add__", ai_add),
        ("__radd__", ai_radd),
        ("__sub__", ai_sub),
        ("__rsub__", ai_rsub),
        ("__mul__", ai_mul),
        ("__rmul__", ai_rmul),
        ("__floordiv__", ai_floordiv),
        ("__rfloordiv__", ai_rfloordiv),
        ("__or__", ai_or),
        ("__ror__", ai_or),
        ("__xor__", ai_xor),
        ("__rxor__", ai_xor),
        ("__and__", ai_and),
        ("__rand__", ai_and),
        ("__iadd__", ai_iadd),
        ("__isub__", ai_isub),
        ("__imul__", ai_imul),
        ("__ifloordiv__", ai_ifloordiv),
        ("__ior__", ai_ior),
        ("__ixor__", ai_ixor),
        ("__iand__", ai_iand),
        ("__eq__", ai_eq),
        ("__ne__", ai_ne),
        ("__lt__", ai_lt),
        ("__le__", ai_le),
        ("__gt__", ai_gt),
        ("__ge__", ai_ge),
    ];
    for (name, f) in methods {
        add_method(&c, name, *f);
    }
    c
});

/// An int argument that must fit in 64 bits (`PyArg_ParseTuple`'s `L`).
fn to_i64(vm: &mut Vm, v: &Value) -> PyResult<i64> {
    let b = match v {
        Value::Int(i) => return Ok(*i),
        Value::Bool(b) => return Ok(*b as i64),
        _ => arg_bigint(vm, v)?,
    };
    num_traits::ToPrimitive::to_i64(&b)
        .ok_or_else(|| exc::overflow_error("Python int too large to convert to C long"))
}

/// `AtomicInt64(value=0)`.
fn atomic_int64_new(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let a = bind_args(
        args.get(1..).unwrap_or_default(),
        kw,
        "AtomicInt64",
        &["value"],
        0,
        1,
        0,
    )?;
    let value = match &a[0] {
        None => 0,
        Some(v) => to_i64(vm, v)?,
    };
    Ok(native(AtomicInt64 {
        value: AtomicI64::new(value),
    }))
}

fn ai(args: &[Value]) -> PyResult<&AtomicInt64> {
    this::<AtomicInt64>(args, "_concurrency.AtomicInt64")
}

/// The other operand of an operator: an exact int or another atomic (the library's
/// `GET_I64_OR_ERROR`); `None` for anything else (the operator answers NotImplemented).
fn operand(v: &Value) -> PyResult<Option<i64>> {
    match v {
        Value::Int(i) => Ok(Some(*i)),
        Value::BigInt(_) => Err(exc::overflow_error(
            "Python int too large to convert to C long",
        )),
        Value::Native(n) => Ok(n.as_any().downcast_ref::<AtomicInt64>().map(|a| a.load())),
        _ => Ok(None),
    }
}

/// `self` and the other operand of a binary method.
fn ai_pair<'a>(args: &'a [Value], name: &str) -> PyResult<(&'a AtomicInt64, Option<i64>)> {
    let a = ai(args)?;
    let [_, other] = args else {
        return Err(exc::type_error(format!(
            "{name} expected 1 argument, got {}",
            args.len().saturating_sub(1)
        )));
    };
    Ok((a, operand(other)?))
}

fn ai_get(_vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let a = ai(args)?;
    no_args(args.get(1..).unwrap_or_default(), kw, "get")?;
    Ok(Value::Int(a.load()))
}

fn ai_set(_vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let a = ai(args)?;
    let v = method_arg(args, kw, "set")?;
    match operand(v)? {
        Some(v) => {
            a.value.store(v, Ordering::SeqCst);
            Ok(Value::None)
        }
        None => Err(exc::type_error("unsupported operand type(s)")),
    }
}

fn ai_incr(_vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let a = ai(args)?;
    no_args(args.get(1..).unwrap_or_default(), kw, "incr")?;
    Ok(Value::Int(
        a.value.fetch_add(1, Ordering::SeqCst).wrapping_add(1),
    ))
}

fn ai_decr(_vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let a = ai(args)?;
    no_args(args.get(1..).unwrap_or_default(), kw, "decr")?;
    Ok(Value::Int(
        a.value.fetch_sub(1, Ordering::SeqCst).wrapping_sub(1),
    ))
}

/// `add(n)`: the library's documentation uses it (`i.add(5)`); adds atomically.
fn ai_add_method(_vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let a = ai(args)?;
    let v = method_arg(args, kw, "add")?;
    match operand(v)? {
        Some(v) => {
            a.value.fetch_add(v, Ordering::SeqCst);
            Ok(Value::None)
        }
        None => Err(exc::type_error("unsupported operand type(s)")),
    }
}

fn ai_format(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let a = ai(args)?;
    let spec = method_arg(args, kw, "__format__")?;
    let Value::Str(spec) = spec else {
        return Err(exc::type_error(format!(
            "format() argument 2 must be str, not {}",
            spec.type_name()
        )));
    };
    let s = crate::vm::builtins::format_value(vm, &Value::Int(a.load()), spec.as_str())?;
    Ok(Value::string(s))
}

fn ai_int(_vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    Ok(Value::Int(ai(args)?.load()))
}

fn ai_bool(_vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    Ok(Value::Bool(ai(args)?.load() != 0))
}

fn ai_neg(_vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    Ok(Value::Int(ai(args)?.load().wrapping_neg()))
}

fn ai_abs(_vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    Ok(Value::Int(ai(args)?.load().wrapping_abs()))
}

fn ai_invert(_vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    Ok(Value::Int(!ai(args)?.load()))
}

/// C's `/` on int64_t: truncates towards zero (the library's `//`).
fn c_div(a: i64, b: i64) -> PyResult<i64> {
    if b == 0 {
        return Err(exc::zero_division_error("division by zero"));
    }
    Ok(a.wrapping_div(b))
}

/// A binary operator: `f(self, other)`, or NotImplemented.
macro_rules! ai_binop {
    ($name:ident, $dunder:literal, |$x:ident, $y:ident| $e:expr) => {
        fn $name(_vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
            let (a, other) = ai_pair(args, $dunder)?;
            match other {
                Some($y) => {
                    let $x = a.load();
                    Ok(Value::Int($e))
                }
                None => Ok(NOT_IMPLEMENTED.clone()),
            }
        }
    };
}

ai_binop!(ai_add, "__add__", |x, y| x.wrapping_add(y));
ai_binop!(ai_radd, "__radd__", |x, y| y.wrapping_add(x));
ai_binop!(ai_sub, "__sub__", |x, y| x.wrapping_sub(y));
ai_binop!(ai_rsub, "__rsub__", |x, y| y.wrapping_sub(x));
ai_binop!(ai_mul, "__mul__", |x, y| x.wrapping_mul(y));
ai_binop!(ai_rmul, "__rmul__", |x, y| y.wrapping_mul(x));
ai_binop!(ai_floordiv, "__floordiv__", |x, y| c_div(x, y)?);
ai_binop!(ai_rfloordiv, "__rfloordiv__", |x, y| c_div(y, x)?);
ai_binop!(ai_or, "__or__", |x, y| x | y);
ai_binop!(ai_xor, "__xor__", |x, y| x ^ y);
ai_binop!(ai_and, "__and__", |x, y| x & y);

/// An in-place operator: one atomic read-modify-write, then `self` (or NotImplemented).
macro_rules! ai_inplace {
    ($name:ident, $dunder:literal, |$a:ident, $y:ident| $e:expr) => {
        fn $name(_vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
            let ($a, other) = ai_pair(args, $dunder)?;
            match other {
                Some($y) => {
                    $e;
                    Ok(args[0].clone())
                }
                None => Ok(NOT_IMPLEMENTED.clone()),
            }
        }
    };
}

ai_inplace!(ai_iadd, "__iadd__", |a, y| a
    .value
    .fetch_add(y, Ordering::SeqCst));
ai_inplace!(ai_isub, "__isub__", |a, y| a
    .value
    .fetch_sub(y, Ordering::SeqCst));
ai_inplace!(ai_imul, "__imul__", |a, y| a.update(|v| v.wrapping_mul(y)));
ai_inplace!(ai_ifloordiv, "__ifloordiv__", |a, y| {
    if y == 0 {
        return Err(exc::zero_division_error("division by zero"));
    }
    a.update(|v| v.wrapping_div(y))
});
ai_inplace!(ai_ior, "__ior__", |a, y| a
    .value
    .fetch_or(y, Ordering::SeqCst));
ai_inplace!(ai_ixor, "__ixor__", |a, y| a
    .value
    .fetch_xor(y, Ordering::SeqCst));
ai_inplace!(ai_iand, "__iand__", |a, y| a
    .value
    .fetch_and(y, Ordering::SeqCst));

/// A comparison: the current value, as an int, compared with the other operand.
fn ai_compare(vm: &mut Vm, args: &[Value], op: CompareOp) -> PyResult<Value> {
    let a = ai(args)?;
    let Some(other) = args.get(1) else {
        return Err(exc::type_error("expected 1 argument, got 0"));
    };
    vm.compare(&Value::Int(a.load()), other, op)
}

fn ai_eq(vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    ai_compare(vm, args, CompareOp::Eq)
}
fn ai_ne(vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    ai_compare(vm, args, CompareOp::Ne)
}
fn ai_lt(vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    ai_compare(vm, args, CompareOp::Lt)
}
fn ai_le(vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    ai_compare(vm, args, CompareOp::Le)
}
fn ai_gt(vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    ai_compare(vm, args, CompareOp::Gt)
}
fn ai_ge(vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    ai_compare(vm, args, CompareOp::Ge)
}

// ---------------------------------------------------------------------------------------------
// AtomicReference

/// A reference swapped atomically (`ft_utils.concurrency.AtomicReference`).
pub struct AtomicReference {
    value: Mutex<Value>,
}

impl NativeObject for AtomicReference {
    fn class(&self) -> Arc<Class> {
        ATOMIC_REFERENCE_CLASS.clone()
    }
    fn type_name(&self) -> &str {
        "_concurrency.AtomicReference"
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

static ATOMIC_REFERENCE_CLASS: LazyLock<Arc<Class>> = LazyLock::new(|| {
    let c = class_with("AtomicReference", "_concurrency", atomic_reference_new);
    add_method(&c, "get", ar_get);
    add_method(&c, "set", ar_set);
    add_method(&c, "exchange", ar_exchange);
    add_method(&c, "compare_exchange", ar_compare_exchange);
    c
});

/// `AtomicReference(value=None)`.
fn atomic_reference_new(_vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    if args.len() > 2 {
        return Err(exc::type_error(
            "AtomicReference() takes zero or one argument",
        ));
    }
    let a = bind_args(
        args.get(1..).unwrap_or_default(),
        kw,
        "AtomicReference",
        &["value"],
        0,
        1,
        0,
    )?;
    Ok(native(AtomicReference {
        value: Mutex::new(a[0].clone().unwrap_or(Value::None)),
    }))
}

fn ar(args: &[Value]) -> PyResult<&AtomicReference> {
    this::<AtomicReference>(args, "_concurrency.AtomicReference")
}

fn ar_get(_vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let r = ar(args)?;
    no_args(args.get(1..).unwrap_or_default(), kw, "get")?;
    Ok(r.value.lock().clone())
}

fn ar_set(_vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let r = ar(args)?;
    let v = method_arg(args, kw, "set")?.clone();
    // The old value is dropped after the mutex is released.
    let old = std::mem::replace(&mut *r.value.lock(), v);
    drop(old);
    Ok(Value::None)
}

fn ar_exchange(_vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let r = ar(args)?;
    let v = method_arg(args, kw, "exchange")?.clone();
    Ok(std::mem::replace(&mut *r.value.lock(), v))
}

/// `compare_exchange(expected, value)`: stores `value` if the current value *is*
/// `expected`; says whether it did.
fn ar_compare_exchange(_vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let r = ar(args)?;
    if !kw.is_empty() {
        return Err(crate::vm::args::no_keywords("compare_exchange"));
    }
    let [_, expected, value] = args else {
        return Err(exc::type_error(format!(
            "compare_exchange expected 2 arguments, got {}",
            args.len().saturating_sub(1)
        )));
    };
    let mut cur = r.value.lock();
    if cur.is(expected) {
        let old = std::mem::replace(&mut *cur, value.clone());
        drop(cur);
        drop(old);
        Ok(Value::Bool(true))
    } else {
        Ok(Value::Bool(false))
    }
}

// ---------------------------------------------------------------------------------------------
// ConcurrentDict

/// `ft_utils.concurrency.ConcurrentDict`: a dict, which guards itself with its own lock, so
/// each item operation is one atomic step.
pub struct ConcurrentDict {
    dict: Arc<Dict>,
}

impl NativeObject for ConcurrentDict {
    fn class(&self) -> Arc<Class> {
        CONCURRENT_DICT_CLASS.clone()
    }
    fn type_name(&self) -> &str {
        "_concurrency.ConcurrentDict"
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

static CONCURRENT_DICT_CLASS: LazyLock<Arc<Class>> = LazyLock::new(|| {
    let c = class_with("ConcurrentDict", "_concurrency", concurrent_dict_new);
    add_method(&c, "__getitem__", cd_getitem);
    add_method(&c, "__setitem__", cd_setitem);
    add_method(&c, "__delitem__", cd_delitem);
    add_method(&c, "__contains__", cd_contains);
    add_method(&c, "__len__", cd_len);
    add_method(&c, "as_dict", cd_as_dict);
    add_method(&c, "get", cd_get);
    add_method(&c, "setdefault", cd_setdefault);
    add_method(&c, "update", cd_update);
    add_method(&c, "clear", cd_clear);
    add_method(&c, "keys", cd_keys);
    add_method(&c, "values", cd_values);
    add_method(&c, "items", cd_items);
    add_method(&c, "__iter__", cd_iter);
    c
});

/// `ConcurrentDict(initial_capacity=None)` (older releases called it `scaling`); the
/// capacity is only a hint, and ignored.
fn concurrent_dict_new(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    if args.len() > 2 {
        return Err(exc::type_error(format!(
            "ConcurrentDict() takes at most 1 argument ({} given)",
            args.len() - 1
        )));
    }
    let cap = match (args.get(1), kw) {
        (Some(v), []) => Some(v.clone()),
        (None, [(k, v)]) if &**k == "initial_capacity" || &**k == "scaling" => Some(v.clone()),
        (None, []) => None,
        _ => {
            return Err(exc::type_error(
                "ConcurrentDict() got an unexpected keyword argument",
            ));
        }
    };
    if let Some(v) = cap
        && !v.is_none()
    {
        to_i64(vm, &v)?;
    }
    Ok(native(ConcurrentDict {
        dict: Arc::new(Dict::new()),
    }))
}

fn cd(args: &[Value]) -> PyResult<Value> {
    let d = this::<ConcurrentDict>(args, "_concurrency.ConcurrentDict")?;
    Ok(Value::Dict(d.dict.clone()))
}

fn cd_getitem(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let d = cd(args)?;
    let key = method_arg(args, kw, "__getitem__")?;
    vm.getitem(&d, key)
}

fn cd_setitem(vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    let d = cd(args)?;
    let [_, key, value] = args else {
        return Err(exc::type_error("expected 2 arguments"));
    };
    vm.setitem(&d, key, value.clone())?;
    Ok(Value::None)
}

fn cd_delitem(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let d = cd(args)?;
    let key = method_arg(args, kw, "__delitem__")?;
    vm.delitem(&d, key)?;
    Ok(Value::None)
}

fn cd_contains(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let d = cd(args)?;
    let key = method_arg(args, kw, "__contains__")?;
    Ok(Value::Bool(vm.contains(&d, key)?))
}

fn cd_len(_vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    let d = this::<ConcurrentDict>(args, "_concurrency.ConcurrentDict")?;
    Ok(Value::Int(d.dict.len() as i64))
}

/// `as_dict()`: a plain dict copied from this one.
fn cd_as_dict(_vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let d = this::<ConcurrentDict>(args, "_concurrency.ConcurrentDict")?;
    no_args(args.get(1..).unwrap_or_default(), kw, "as_dict")?;
    Ok(Value::Dict(Arc::new(d.dict.copy())))
}

/// The dict's own method `name`, called on the inner dict: `get`, `setdefault`, `update`
/// and `clear` are each one step under the dict's lock, as they are per shard in the library.
fn cd_delegate(vm: &mut Vm, args: &[Value], kw: &KwArgs, name: &str) -> PyResult<Value> {
    let d = cd(args)?;
    let m = vm.getattr(&d, name)?;
    vm.call(&m, args.get(1..).unwrap_or_default(), kw)
}

fn cd_get(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    cd_delegate(vm, args, kw, "get")
}

fn cd_setdefault(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    cd_delegate(vm, args, kw, "setdefault")
}

fn cd_update(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    cd_delegate(vm, args, kw, "update")
}

fn cd_clear(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    cd_delegate(vm, args, kw, "clear")
}

/// `keys()`, `values()`, `items()`: lists (as the library returns), copied under the lock.
fn cd_listed(vm: &mut Vm, args: &[Value], kw: &KwArgs, name: &str) -> PyResult<Value> {
    let view = cd_delegate(vm, args, kw, name)?;
    Ok(Value::list(vm.collect(&view)?))
}

fn cd_keys(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    cd_listed(vm, args, kw, "keys")
}

fn cd_values(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    cd_listed(vm, args, kw, "values")
}

fn cd_items(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    cd_listed(vm, args, kw, "items")
}

/// Iteration over a snapshot of the keys: safe while other threads update the dict (the
/// library's iterator is not thread consistent either).
fn cd_iter(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let keys = cd_listed(vm, args, kw, "keys")?;
    vm.get_iter(&keys)
}

// ---------------------------------------------------------------------------------------------
// ConcurrentDeque

/// `ft_utils.concurrency.ConcurrentDeque`: a deque under its own mutex. Appends and pops at
/// either end, `extend`, `clear` and `rotate` are each one atomic step; comparisons, `in`,
/// `remove` and iteration work on a snapshot, because they run Python code (`__eq__`), which
/// must never run under the mutex (the library's are not atomic either).
#[derive(Default)]
pub struct ConcurrentDeque {
    items: Mutex<std::collections::VecDeque<Value>>,
}

impl ConcurrentDeque {
    fn snapshot(&self) -> Vec<Value> {
        self.items.lock().iter().cloned().collect()
    }
}

impl NativeObject for ConcurrentDeque {
    fn class(&self) -> Arc<Class> {
        DEQUE_CLASS.clone()
    }
    fn type_name(&self) -> &str {
        "_concurrency.ConcurrentDeque"
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

static DEQUE_CLASS: LazyLock<Arc<Class>> = LazyLock::new(|| {
    let c = class_with("ConcurrentDeque", "_concurrency", deque_new);
    let methods: &[(&'static str, crate::vm::object::NativeFn)] = &[
        ("append", dq_append),
        ("appendleft", dq_appendleft),
        ("clear", dq_clear),
        ("extend", dq_extend),
        ("extendleft", dq_extendleft),
        ("pop", dq_pop),
        ("popleft", dq_popleft),
        ("remove", dq_remove),
        ("rotate", dq_rotate),
        ("__len__", dq_len),
        ("__getitem__", dq_getitem),
        ("__contains__", dq_contains),
        ("__iter__", dq_iter),
        ("__repr__", dq_repr),
        ("__eq__", dq_eq),
        ("__ne__", dq_ne),
        ("__lt__", dq_lt),
        ("__le__", dq_le),
        ("__gt__", dq_gt),
        ("__ge__", dq_ge),
    ];
    for (name, f) in methods {
        add_method(&c, name, *f);
    }
    c
});

/// `ConcurrentDeque(iterable=None)`.
fn deque_new(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let a = bind_args(
        args.get(1..).unwrap_or_default(),
        kw,
        "ConcurrentDeque",
        &["iterable"],
        0,
        1,
        0,
    )?;
    let items = match &a[0] {
        None | Some(Value::None) => Vec::new(),
        Some(v) => vm.collect(v)?,
    };
    Ok(native(ConcurrentDeque {
        items: Mutex::new(items.into()),
    }))
}

fn dq(args: &[Value]) -> PyResult<&ConcurrentDeque> {
    this::<ConcurrentDeque>(args, "_concurrency.ConcurrentDeque")
}

fn dq_append(_vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let d = dq(args)?;
    let v = method_arg(args, kw, "append")?.clone();
    d.items.lock().push_back(v);
    Ok(Value::None)
}

fn dq_appendleft(_vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let d = dq(args)?;
    let v = method_arg(args, kw, "appendleft")?.clone();
    d.items.lock().push_front(v);
    Ok(Value::None)
}

fn dq_clear(_vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let d = dq(args)?;
    no_args(args.get(1..).unwrap_or_default(), kw, "clear")?;
    // The items are dropped after the mutex is released.
    let old = std::mem::take(&mut *d.items.lock());
    drop(old);
    Ok(Value::None)
}

/// The items of `extend`'s argument, gathered before the deque is locked (iterating may run
/// Python code; a deque extended with itself is copied first).
fn dq_gather(vm: &mut Vm, args: &[Value], kw: &KwArgs, name: &str) -> PyResult<Vec<Value>> {
    let it = method_arg(args, kw, name)?;
    if let (Value::Native(a), Value::Native(b)) = (&args[0], it)
        && Arc::ptr_eq(a, b)
    {
        return Ok(dq(args)?.snapshot());
    }
    vm.collect(it)
}

fn dq_extend(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let items = dq_gather(vm, args, kw, "extend")?;
    dq(args)?.items.lock().extend(items);
    Ok(Value::None)
}

fn dq_extendleft(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let items = dq_gather(vm, args, kw, "extendleft")?;
    let d = dq(args)?;
    let mut q = d.items.lock();
    for v in items {
        q.push_front(v);
    }
    Ok(Value::None)
}

fn dq_pop(_vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let d = dq(args)?;
    no_args(args.get(1..).unwrap_or_default(), kw, "pop")?;
    let v = d.items.lock().pop_back();
    v.ok_or_else(|| exc::runtime_error("pop from an empty ConcurrentDeque"))
}

fn dq_popleft(_vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let d = dq(args)?;
    no_args(args.get(1..).unwrap_or_default(), kw, "popleft")?;
    let v = d.items.lock().pop_front();
    v.ok_or_else(|| exc::runtime_error("pop from an empty ConcurrentDeque"))
}

/// `remove(value)`: the first item equal to `value`, found on a snapshot, then removed
/// (that very item) under the mutex.
fn dq_remove(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let d = dq(args)?;
    let value = method_arg(args, kw, "remove")?;
    for item in d.snapshot() {
        if item.is(value) || vm.eq(&item, value)? {
            let mut q = d.items.lock();
            if let Some(i) = q.iter().position(|x| x.is(&item)) {
                let removed = q.remove(i);
                drop(q);
                drop(removed);
                return Ok(Value::None);
            }
        }
    }
    Err(exc::value_error(
        "ConcurrentDeque.remove(x): x not in ConcurrentDeque",
    ))
}

/// `rotate(n=1)`: n steps to the right (left if negative), in one step.
fn dq_rotate(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let d = dq(args)?;
    let a = bind_args(
        args.get(1..).unwrap_or_default(),
        kw,
        "rotate",
        &["n"],
        0,
        1,
        1,
    )?;
    let n = match &a[0] {
        None => 1,
        Some(v) => to_i64(vm, v)?,
    };
    let mut q = d.items.lock();
    let len = q.len() as i64;
    if len > 0 {
        let k = n.rem_euclid(len) as usize;
        q.rotate_right(k);
    }
    Ok(Value::None)
}

fn dq_len(_vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    Ok(Value::Int(dq(args)?.items.lock().len() as i64))
}

fn dq_getitem(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let d = dq(args)?;
    let key = method_arg(args, kw, "__getitem__")?;
    let i = match key {
        Value::Int(i) => *i,
        Value::Bool(b) => *b as i64,
        Value::BigInt(_) => i64::MAX,
        _ if vm.lookup_special(key, "__index__").is_some() => to_i64(vm, key)?,
        other => {
            return Err(exc::type_error(format!(
                "sequence index must be integer, not '{}'",
                other.type_name()
            )));
        }
    };
    let q = d.items.lock();
    let len = q.len() as i64;
    let i = if i < 0 { i + len } else { i };
    if i < 0 || i >= len {
        return Err(exc::index_error("ConcurrentDeque index out of range"));
    }
    Ok(q[i as usize].clone())
}

fn dq_contains(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let d = dq(args)?;
    let value = method_arg(args, kw, "__contains__")?;
    for item in d.snapshot() {
        if item.is(value) || vm.eq(&item, value)? {
            return Ok(Value::Bool(true));
        }
    }
    Ok(Value::Bool(false))
}

/// Iteration over a snapshot (the library's iterator walks a snapshot too).
fn dq_iter(vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    let items = Value::list(dq(args)?.snapshot());
    vm.get_iter(&items)
}

fn dq_repr(vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    let items = Value::list(dq(args)?.snapshot());
    Ok(Value::string(format!(
        "ConcurrentDeque({})",
        vm.repr(&items)?
    )))
}

/// Comparisons: both deques, compared as lists are (item by item, then by length);
/// NotImplemented for anything else.
fn dq_compare(vm: &mut Vm, args: &[Value], op: CompareOp) -> PyResult<Value> {
    let a = dq(args)?;
    let b = match args.get(1) {
        Some(Value::Native(n)) => n.as_any().downcast_ref::<ConcurrentDeque>(),
        _ => None,
    };
    let Some(b) = b else {
        return Ok(NOT_IMPLEMENTED.clone());
    };
    let (x, y) = (Value::list(a.snapshot()), Value::list(b.snapshot()));
    vm.compare(&x, &y, op)
}

fn dq_eq(vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    dq_compare(vm, args, CompareOp::Eq)
}
fn dq_ne(vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    dq_compare(vm, args, CompareOp::Ne)
}
fn dq_lt(vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    dq_compare(vm, args, CompareOp::Lt)
}
fn dq_le(vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    dq_compare(vm, args, CompareOp::Le)
}
fn dq_gt(vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    dq_compare(vm, args, CompareOp::Gt)
}
fn dq_ge(vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    dq_compare(vm, args, CompareOp::Ge)
}

// ---------------------------------------------------------------------------------------------
// ConcurrentQueueCore

/// The state of a queue, under its mutex.
#[derive(Default)]
struct QueueState {
    items: std::collections::VecDeque<Value>,
    /// `shutdown()`: no more pushes; pops drain what is left, then fail.
    shutdown: bool,
    /// `shutdown(immediate=True)`: pops fail at once.
    immediate: bool,
}

/// The native half of `ft_utils.concurrency.ConcurrentQueue`: a FIFO whose `pop` blocks
/// while it is empty. The Python class turns its answers into `Empty` and `ShutDown`.
#[derive(Default)]
pub struct QueueCore {
    b: Blocker<QueueState>,
}

impl NativeObject for QueueCore {
    fn class(&self) -> Arc<Class> {
        QUEUE_CORE_CLASS.clone()
    }
    fn type_name(&self) -> &str {
        "_ft_utils.ConcurrentQueueCore"
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

static QUEUE_CORE_CLASS: LazyLock<Arc<Class>> = LazyLock::new(|| {
    let c = class_with("ConcurrentQueueCore", "_ft_utils", queue_core_new);
    add_method(&c, "push", qc_push);
    add_method(&c, "pop", qc_pop);
    add_method(&c, "size", qc_size);
    add_method(&c, "shutdown", qc_shutdown);
    add_method(&c, "is_shutdown", qc_is_shutdown);
    c
});

fn queue_core_new(_vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    no_args(args.get(1..).unwrap_or_default(), kw, "ConcurrentQueueCore")?;
    Ok(native(QueueCore::default()))
}

fn qc(args: &[Value]) -> PyResult<&QueueCore> {
    this::<QueueCore>(args, "_ft_utils.ConcurrentQueueCore")
}

/// `push(value)`: appends; `False` (nothing appended) once the queue is shut down.
fn qc_push(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let q = qc(args)?;
    let v = method_arg(args, kw, "push")?.clone();
    {
        // (Counted even when shut down: a change counted too many only delays a deadlock
        // report by one poll, never makes one.)
        let mut st = q.b.change();
        if st.shutdown {
            return Ok(Value::Bool(false));
        }
        st.items.push_back(v);
    }
    released(vm, &q.b.cond);
    Ok(Value::Bool(true))
}

/// `pop(timeout)`: `(0, value)`, or `(1, None)` when the timeout passed with the queue
/// empty, or `(2, None)` when the queue is shut down (and drained, unless immediate).
fn qc_pop(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let q = qc(args)?;
    let a = bind_args(
        args.get(1..).unwrap_or_default(),
        kw,
        "pop",
        &["timeout"],
        0,
        1,
        1,
    )?;
    let timeout = timeout_arg(vm, a[0].as_ref())?;
    let described = Described {
        text: "waits for an item from a ConcurrentQueue that no thread can push",
        holder: |_| None,
    };
    let r = wait_on(
        vm,
        &q.b,
        timeout,
        described,
        |_| {},
        |_| {},
        |st| {
            if st.immediate {
                return Some(Err(()));
            }
            if let Some(v) = st.items.pop_front() {
                return Some(Ok(v));
            }
            st.shutdown.then_some(Err(()))
        },
    )?;
    let (code, v) = match r {
        Some(Ok(v)) => (0, v),
        None => (1, Value::None),
        Some(Err(())) => (2, Value::None),
    };
    Ok(Value::tuple(vec![Value::Int(code), v]))
}

fn qc_size(_vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let q = qc(args)?;
    no_args(args.get(1..).unwrap_or_default(), kw, "size")?;
    Ok(Value::Int(q.b.lock().items.len() as i64))
}

fn qc_is_shutdown(_vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let q = qc(args)?;
    no_args(args.get(1..).unwrap_or_default(), kw, "is_shutdown")?;
    Ok(Value::Bool(q.b.lock().shutdown))
}

fn qc_shutdown(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let q = qc(args)?;
    let a = bind_args(
        args.get(1..).unwrap_or_default(),
        kw,
        "shutdown",
        &["immediate"],
        0,
        1,
        1,
    )?;
    let immediate = match &a[0] {
        None => false,
        Some(v) => vm.truthy(v)?,
    };
    {
        let mut st = q.b.change();
        st.shutdown = true;
        st.immediate |= immediate;
    }
    released(vm, &q.b.cond);
    Ok(Value::None)
}

// ---------------------------------------------------------------------------------------------
// IntervalLock

/// The state of an `IntervalLock`, under its mutex (the library's fields).
#[derive(Default)]
struct IntervalState {
    locked: bool,
    /// The holding thread (0: none).
    owner: ThreadId,
    /// Who unlocked last: it may not take the lock straight back while others wait, so
    /// `cede` hands the lock over.
    previous_owner: ThreadId,
    waiters: u32,
    /// When the holder took it ([`now`]).
    acquired_at: Duration,
}

/// `ft_utils.synchronization.IntervalLock`: a lock whose holder calls `poll()` now and
/// then; once it has held the lock longer than the interval, `poll` cedes it to a waiter.
pub struct IntervalLock {
    b: Blocker<IntervalState>,
    interval: Duration,
}

impl NativeObject for IntervalLock {
    fn class(&self) -> Arc<Class> {
        INTERVAL_LOCK_CLASS.clone()
    }
    fn type_name(&self) -> &str {
        "IntervalLock"
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

static INTERVAL_LOCK_CLASS: LazyLock<Arc<Class>> = LazyLock::new(|| {
    let c = class_with("IntervalLock", "builtins", interval_lock_new);
    add_method(&c, "lock", il_lock);
    add_method(&c, "unlock", il_unlock);
    add_method(&c, "poll", il_poll);
    add_method(&c, "cede", il_cede);
    add_method(&c, "locked", il_locked);
    add_method(&c, "__enter__", il_enter);
    add_method(&c, "__exit__", il_exit);
    c
});

/// `IntervalLock(interval=0.005)` (seconds).
fn interval_lock_new(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let a = bind_args(
        args.get(1..).unwrap_or_default(),
        kw,
        "IntervalLock",
        &["interval"],
        0,
        1,
        0,
    )?;
    let secs = match &a[0] {
        None => 0.005,
        Some(v) => arg_f64(vm, v)?,
    };
    let interval = if secs.is_finite() && secs > 0.0 {
        Duration::from_secs_f64(secs.min(9.2e9))
    } else {
        Duration::ZERO
    };
    Ok(native(IntervalLock {
        b: Blocker::default(),
        interval,
    }))
}

fn il(args: &[Value]) -> PyResult<&IntervalLock> {
    this::<IntervalLock>(args, "IntervalLock")
}

fn interval_lock(vm: &mut Vm, l: &IntervalLock) -> PyResult<()> {
    let me = vm.tid;
    {
        let st = l.b.lock();
        if st.locked && st.owner == me {
            return Err(exc::runtime_error("Locking from owner would deadlock."));
        }
    }
    let described = Described {
        text: "waits for an IntervalLock",
        holder: |st: &IntervalState| st.locked.then_some(st.owner),
    };
    wait_on(
        vm,
        &l.b,
        None,
        described,
        |st| {
            st.previous_owner = ThreadId::default();
            st.waiters += 1;
        },
        |st| st.waiters -= 1,
        |st| {
            if st.locked || (st.waiters > 0 && st.previous_owner == me) {
                return None;
            }
            st.locked = true;
            st.owner = me;
            Some(())
        },
    )?;
    // The interval starts now that it is taken; only the holder writes this, and no attempt
    // reads it (so it is not a counted change).
    let t = now(vm);
    l.b.lock().acquired_at = t;
    Ok(())
}

fn interval_unlock(vm: &mut Vm, l: &IntervalLock) -> PyResult<()> {
    let me = vm.tid;
    {
        let mut st = l.b.change();
        if st.owner != me {
            return Err(exc::runtime_error(
                "Lock cannot be released from a thread which does not own it.",
            ));
        }
        st.locked = false;
        st.owner = ThreadId::default();
        st.previous_owner = me;
    }
    released(vm, &l.b.cond);
    Ok(())
}

fn il_lock(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let l = il(args)?;
    no_args(args.get(1..).unwrap_or_default(), kw, "lock")?;
    interval_lock(vm, l)?;
    Ok(Value::None)
}

fn il_unlock(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let l = il(args)?;
    no_args(args.get(1..).unwrap_or_default(), kw, "unlock")?;
    interval_unlock(vm, l)?;
    Ok(Value::None)
}

/// `cede()`: unlock, then lock again — behind any thread that was waiting.
fn il_cede(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let l = il(args)?;
    no_args(args.get(1..).unwrap_or_default(), kw, "cede")?;
    interval_unlock(vm, l)?;
    interval_lock(vm, l)?;
    Ok(Value::None)
}

/// `poll()`: cede if the lock has been held longer than the interval.
fn il_poll(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let l = il(args)?;
    no_args(args.get(1..).unwrap_or_default(), kw, "poll")?;
    let held = now(vm).saturating_sub(l.b.lock().acquired_at);
    if held > l.interval {
        interval_unlock(vm, l)?;
        interval_lock(vm, l)?;
    }
    Ok(Value::None)
}

fn il_locked(_vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let l = il(args)?;
    no_args(args.get(1..).unwrap_or_default(), kw, "locked")?;
    Ok(Value::Bool(l.b.lock().locked))
}

fn il_enter(vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    let l = il(args)?;
    interval_lock(vm, l)?;
    Ok(args[0].clone())
}

fn il_exit(vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    let l = il(args)?;
    interval_unlock(vm, l)?;
    Ok(Value::None)
}

// ---------------------------------------------------------------------------------------------
// RWLock

/// The state of an `RWLock`, under its mutex.
#[derive(Default)]
struct RwState {
    readers: i64,
    writers_waiting: i64,
    writer_locked: bool,
}

/// `ft_utils.synchronization.RWLock`: many readers or one writer; a waiting writer stops
/// new readers from entering, so readers cannot starve it.
#[derive(Default)]
pub struct RwLock {
    b: Blocker<RwState>,
}

impl NativeObject for RwLock {
    fn class(&self) -> Arc<Class> {
        RWLOCK_CLASS.clone()
    }
    fn type_name(&self) -> &str {
        "synchronisation.RWLock"
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

static RWLOCK_CLASS: LazyLock<Arc<Class>> = LazyLock::new(|| {
    let c = class_with("RWLock", "synchronisation", rwlock_new);
    add_method(&c, "lock_read", rw_lock_read);
    add_method(&c, "unlock_read", rw_unlock_read);
    add_method(&c, "lock_write", rw_lock_write);
    add_method(&c, "unlock_write", rw_unlock_write);
    add_method(&c, "readers", rw_readers);
    add_method(&c, "writers_waiting", rw_writers_waiting);
    add_method(&c, "writer_locked", rw_writer_locked);
    c
});

fn rwlock_new(_vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    no_args(args.get(1..).unwrap_or_default(), kw, "RWLock")?;
    Ok(native(RwLock::default()))
}

fn rw(args: &[Value]) -> PyResult<&RwLock> {
    this::<RwLock>(args, "synchronisation.RWLock")
}

fn rw_lock_read(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let l = rw(args)?;
    no_args(args.get(1..).unwrap_or_default(), kw, "lock_read")?;
    let described = Described {
        text: "waits to read an RWLock that a writer holds or waits for",
        holder: |_| None,
    };
    wait_on(
        vm,
        &l.b,
        None,
        described,
        |_| {},
        |_| {},
        |st| {
            if st.writers_waiting > 0 || st.writer_locked {
                return None;
            }
            st.readers += 1;
            Some(())
        },
    )?;
    Ok(Value::None)
}

fn rw_unlock_read(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let l = rw(args)?;
    no_args(args.get(1..).unwrap_or_default(), kw, "unlock_read")?;
    l.b.change().readers -= 1;
    released(vm, &l.b.cond);
    Ok(Value::None)
}

fn rw_lock_write(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let l = rw(args)?;
    no_args(args.get(1..).unwrap_or_default(), kw, "lock_write")?;
    let free = |st: &mut RwState| {
        if st.readers > 0 || st.writer_locked {
            return None;
        }
        st.writer_locked = true;
        Some(())
    };
    // Announced before waiting, so that no new reader gets in meanwhile.
    let described = Described {
        text: "waits to write an RWLock that readers or a writer hold",
        holder: |_| None,
    };
    wait_on(
        vm,
        &l.b,
        None,
        described,
        |st| st.writers_waiting += 1,
        |st| st.writers_waiting -= 1,
        free,
    )?;
    Ok(Value::None)
}

fn rw_unlock_write(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let l = rw(args)?;
    no_args(args.get(1..).unwrap_or_default(), kw, "unlock_write")?;
    l.b.change().writer_locked = false;
    released(vm, &l.b.cond);
    Ok(Value::None)
}

fn rw_readers(_vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    Ok(Value::Int(rw(args)?.b.lock().readers))
}

fn rw_writers_waiting(_vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    Ok(Value::Int(rw(args)?.b.lock().writers_waiting))
}

fn rw_writer_locked(_vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    Ok(Value::Bool(rw(args)?.b.lock().writer_locked))
}
