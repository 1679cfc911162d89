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
//!
//! This file builds the module; each type has its file (`atomic_int.rs`, `atomic_reference.rs`,
//! `concurrent_dict.rs`, `concurrent_deque.rs`, `queue_core.rs`, `interval_lock.rs`,
//! `rwlock.rs`), and `blocking.rs` holds the blocking-call machinery they share.

mod atomic_int;
mod atomic_reference;
mod blocking;
mod concurrent_deque;
mod concurrent_dict;
mod interval_lock;
mod queue_core;
mod rwlock;

pub use atomic_int::AtomicInt64;
use atomic_int::*;
use atomic_reference::*;
use blocking::*;
use concurrent_deque::*;
use concurrent_dict::*;
use interval_lock::*;
use queue_core::*;
use rwlock::*;

use std::sync::Arc;
use std::sync::atomic::{AtomicI64, AtomicU64, Ordering};
use std::time::{Duration, Instant};

use parking_lot::{Condvar, Mutex, MutexGuard};

use crate::bytecode::CompareOp;
use crate::threads::Blocking;
use crate::threads::ThreadId;
use crate::threads::waits::{POLL, Waitable};
use crate::vm::Vm;
use crate::vm::modules::thread::WaitContext;
use crate::vm::modules::{arg_bigint, arg_f64, native_class_with, no_args, optional_arg};
use crate::vm::object::exceptions::{self as exc, PyErr};
use crate::vm::object::value::NOT_IMPLEMENTED;
use crate::vm::object::value::Value;
use crate::vm::object::{Class, Dict, KwArgs, Module, NativeObject, PyResult};
use crate::vm::object::{class_static, native_object, native_self};

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

/// `cls` with the six rich comparisons, each `compare(vm, args, op)`.
macro_rules! with_comparisons {
    ($cls:expr, $compare:path) => {{
        let c = $cls;
        crate::vm::object::registry::add_all(
            &c,
            &[
                ("__eq__", |vm, args, _| $compare(vm, args, CompareOp::Eq)),
                ("__ne__", |vm, args, _| $compare(vm, args, CompareOp::Ne)),
                ("__lt__", |vm, args, _| $compare(vm, args, CompareOp::Lt)),
                ("__le__", |vm, args, _| $compare(vm, args, CompareOp::Le)),
                ("__gt__", |vm, args, _| $compare(vm, args, CompareOp::Gt)),
                ("__ge__", |vm, args, _| $compare(vm, args, CompareOp::Ge)),
            ],
        );
        c
    }};
}
use with_comparisons;

/// A built-in class with a constructor (methods are added by the caller).
fn class_with(name: &str, module: &str, ctor: crate::vm::object::NativeFn) -> Arc<Class> {
    native_class_with(name, module, Some(ctor))
}

/// The one argument of a `METH_O` method (after `self`).
fn method_arg<'a>(args: &'a [Value], kw: &KwArgs, qual: &str) -> PyResult<&'a Value> {
    crate::vm::modules::one_arg(&args[1.min(args.len())..], kw, qual)
}

fn native(x: impl NativeObject) -> Value {
    Value::Native(Arc::new(Box::new(x)))
}
