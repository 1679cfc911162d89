//! `IntervalLock`: a lock its holder cedes at intervals.

use super::*;

/// The state of an `IntervalLock`, under its mutex (the library's fields).
#[derive(Default)]
pub(super) struct IntervalState {
    pub(super) locked: bool,
    /// The holding thread (0: none).
    pub(super) owner: ThreadId,
    /// Who unlocked last: it may not take the lock straight back while others wait, so
    /// `cede` hands the lock over.
    pub(super) previous_owner: ThreadId,
    pub(super) waiters: u32,
    /// When the holder took it ([`now`]).
    pub(super) acquired_at: Duration,
}

/// `ft_utils.synchronization.IntervalLock`: a lock whose holder calls `poll()` now and
/// then; once it has held the lock longer than the interval, `poll` cedes it to a waiter.
pub struct IntervalLock {
    pub(super) b: Blocker<IntervalState>,
    pub(super) interval: Duration,
}

native_object!(IntervalLock, "IntervalLock", INTERVAL_LOCK_CLASS);

class_static!(pub(super) INTERVAL_LOCK_CLASS = class_with("IntervalLock", "builtins", interval_lock_new);
    "lock" => |vm, args, kw| il_method(vm, args, kw, "lock", interval_lock),
    "unlock" => |vm, args, kw| il_method(vm, args, kw, "unlock", interval_unlock),
    "poll" => |vm, args, kw| il_method(vm, args, kw, "poll", poll),
    "cede" => |vm, args, kw| il_method(vm, args, kw, "cede", cede),
    "locked" => il_locked, "__enter__" => il_enter, "__exit__" => il_exit,
);

/// `IntervalLock(interval=0.005)` (seconds).
pub(super) fn interval_lock_new(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let secs = match &optional_arg(args, kw, "IntervalLock", "interval", 0)? {
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

pub(super) fn il(args: &[Value]) -> PyResult<&IntervalLock> {
    native_self::<IntervalLock>(args, "IntervalLock")
}

pub(super) fn interval_lock(vm: &mut Vm, l: &IntervalLock) -> PyResult<()> {
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

pub(super) fn interval_unlock(vm: &mut Vm, l: &IntervalLock) -> PyResult<()> {
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

/// `lock()`, `unlock()`, `poll()` and `cede()`: `action`, then `None`.
fn il_method(
    vm: &mut Vm,
    args: &[Value],
    kw: &KwArgs,
    name: &str,
    action: fn(&mut Vm, &IntervalLock) -> PyResult<()>,
) -> PyResult<Value> {
    let l = il(args)?;
    no_args(args.get(1..).unwrap_or_default(), kw, name)?;
    action(vm, l)?;
    Ok(Value::None)
}

/// `cede()`: unlock, then lock again — behind any thread that was waiting.
fn cede(vm: &mut Vm, l: &IntervalLock) -> PyResult<()> {
    interval_unlock(vm, l)?;
    interval_lock(vm, l)
}

/// `poll()`: cede if the lock has been held longer than the interval.
fn poll(vm: &mut Vm, l: &IntervalLock) -> PyResult<()> {
    let held = now(vm).saturating_sub(l.b.lock().acquired_at);
    if held > l.interval {
        cede(vm, l)?;
    }
    Ok(())
}

pub(super) fn il_locked(_vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let l = il(args)?;
    no_args(args.get(1..).unwrap_or_default(), kw, "locked")?;
    Ok(Value::Bool(l.b.lock().locked))
}

pub(super) fn il_enter(vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    let l = il(args)?;
    interval_lock(vm, l)?;
    Ok(args[0].clone())
}

pub(super) fn il_exit(vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    let l = il(args)?;
    interval_unlock(vm, l)?;
    Ok(Value::None)
}
