//! `RWLock`: a reader-writer lock.

use super::*;

/// The state of an `RWLock`, under its mutex.
#[derive(Default)]
pub(super) struct RwState {
    pub(super) readers: i64,
    pub(super) writers_waiting: i64,
    pub(super) writer_locked: bool,
}

/// `ft_utils.synchronization.RWLock`: many readers or one writer; a waiting writer stops
/// new readers from entering, so readers cannot starve it.
#[derive(Default)]
pub struct RwLock {
    pub(super) b: Blocker<RwState>,
}

native_object!(RwLock, "synchronisation.RWLock", RWLOCK_CLASS);

class_static!(pub(super) RWLOCK_CLASS = class_with("RWLock", "synchronisation", rwlock_new);
    "lock_read" => rw_lock_read, "lock_write" => rw_lock_write,
    "unlock_read" => |vm, args, kw| rw_unlock(vm, args, kw, "unlock_read", |st| st.readers -= 1),
    "unlock_write" => |vm, args, kw| {
        rw_unlock(vm, args, kw, "unlock_write", |st| st.writer_locked = false)
    },
    "readers" => rw_readers,
    "writers_waiting" => rw_writers_waiting, "writer_locked" => rw_writer_locked,
);

pub(super) fn rwlock_new(_vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    no_args(args.get(1..).unwrap_or_default(), kw, "RWLock")?;
    Ok(native(RwLock::default()))
}

pub(super) fn rw(args: &[Value]) -> PyResult<&RwLock> {
    native_self::<RwLock>(args, "synchronisation.RWLock")
}

pub(super) fn rw_lock_read(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let l = rw(args)?;
    no_args(args.get(1..).unwrap_or_default(), kw, "lock_read")?;
    let enter = |st: &mut RwState| {
        let free = st.writers_waiting <= 0 && !st.writer_locked;
        if free {
            st.readers += 1;
        }
        free
    };
    let text = "waits to read an RWLock that a writer holds or waits for";
    rw_wait(vm, l, text, |_| {}, |_| {}, enter)
}

pub(super) fn rw_lock_write(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let l = rw(args)?;
    no_args(args.get(1..).unwrap_or_default(), kw, "lock_write")?;
    let enter = |st: &mut RwState| {
        let free = st.readers <= 0 && !st.writer_locked;
        if free {
            st.writer_locked = true;
        }
        free
    };
    // Announced before waiting, so that no new reader gets in meanwhile.
    let announce = |st: &mut RwState| st.writers_waiting += 1;
    let withdraw = |st: &mut RwState| st.writers_waiting -= 1;
    let text = "waits to write an RWLock that readers or a writer hold";
    rw_wait(vm, l, text, announce, withdraw, enter)
}

/// Waits (a blocking call: `text` is what the deadlock report says) until `enter` can take
/// the lock, announced by `announce` while waiting.
fn rw_wait(
    vm: &mut Vm,
    l: &RwLock,
    text: &'static str,
    announce: impl Fn(&mut RwState),
    withdraw: impl Fn(&mut RwState),
    enter: impl Fn(&mut RwState) -> bool,
) -> PyResult<Value> {
    let described = Described {
        text,
        holder: |_| None,
    };
    wait_on(vm, &l.b, None, described, announce, withdraw, |st| {
        enter(st).then_some(())
    })?;
    Ok(Value::None)
}

/// `unlock_read()` and `unlock_write()`: `release` on the state, then the waiters are woken.
fn rw_unlock(
    vm: &mut Vm,
    args: &[Value],
    kw: &KwArgs,
    name: &str,
    release: impl FnOnce(&mut RwState),
) -> PyResult<Value> {
    let l = rw(args)?;
    no_args(args.get(1..).unwrap_or_default(), kw, name)?;
    release(&mut l.b.change());
    released(vm, &l.b.cond);
    Ok(Value::None)
}

pub(super) fn rw_readers(_vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    Ok(Value::Int(rw(args)?.b.lock().readers))
}

pub(super) fn rw_writers_waiting(_vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    Ok(Value::Int(rw(args)?.b.lock().writers_waiting))
}

pub(super) fn rw_writer_locked(_vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    Ok(Value::Bool(rw(args)?.b.lock().writer_locked))
}
