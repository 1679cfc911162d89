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
    "lock_read" => |vm, args, kw| rw_lock(vm, args, kw, "lock_read", false),
    "lock_write" => |vm, args, kw| rw_lock(vm, args, kw, "lock_write", true),
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

/// `lock_read()` and (`writer`) `lock_write()`: a blocking call until the lock is free for
/// that side. A waiting writer is announced before it waits, so that no new reader gets in
/// meanwhile and readers cannot starve it.
fn rw_lock(vm: &mut Vm, args: &[Value], kw: &KwArgs, name: &str, writer: bool) -> PyResult<Value> {
    let l = rw(args)?;
    no_args(args.get(1..).unwrap_or_default(), kw, name)?;
    let text = if writer {
        "waits to write an RWLock that readers or a writer hold"
    } else {
        "waits to read an RWLock that a writer holds or waits for"
    };
    let described = Described {
        text,
        holder: |_| None,
    };
    let announce = |st: &mut RwState| {
        if writer {
            st.writers_waiting += 1;
        }
    };
    let withdraw = |st: &mut RwState| {
        if writer {
            st.writers_waiting -= 1;
        }
    };
    wait_on(vm, &l.b, None, described, announce, withdraw, |st| {
        let others = if writer {
            st.readers > 0
        } else {
            st.writers_waiting > 0
        };
        if others || st.writer_locked {
            return None;
        }
        if writer {
            st.writer_locked = true;
        } else {
            st.readers += 1;
        }
        Some(())
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
