//! `ConcurrentQueueCore`: the blocking queue under `ft_utils`' `ConcurrentQueue`.

use super::*;

/// The state of a queue, under its mutex.
#[derive(Default)]
pub(super) struct QueueState {
    pub(super) items: std::collections::VecDeque<Value>,
    /// `shutdown()`: no more pushes; pops drain what is left, then fail.
    pub(super) shutdown: bool,
    /// `shutdown(immediate=True)`: pops fail at once.
    pub(super) immediate: bool,
}

/// The native half of `ft_utils.concurrency.ConcurrentQueue`: a FIFO whose `pop` blocks
/// while it is empty. The Python class turns its answers into `Empty` and `ShutDown`.
#[derive(Default)]
pub struct QueueCore {
    pub(super) b: Blocker<QueueState>,
}

native_object!(QueueCore, "_ft_utils.ConcurrentQueueCore", QUEUE_CORE_CLASS);

class_static!(pub(super) QUEUE_CORE_CLASS = class_with("ConcurrentQueueCore", "_ft_utils", queue_core_new);
    "push" => qc_push, "pop" => qc_pop, "shutdown" => qc_shutdown,
    "size" => |_, args, kw| qc_read(args, kw, "size", |st| Value::Int(st.items.len() as i64)),
    "is_shutdown" => |_, args, kw| qc_read(args, kw, "is_shutdown", |st| Value::Bool(st.shutdown)),
);

pub(super) fn queue_core_new(_vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    no_args(args.get(1..).unwrap_or_default(), kw, "ConcurrentQueueCore")?;
    Ok(native(QueueCore::default()))
}

pub(super) fn qc(args: &[Value]) -> PyResult<&QueueCore> {
    native_self::<QueueCore>(args, "_ft_utils.ConcurrentQueueCore")
}

/// `push(value)`: appends; `False` (nothing appended) once the queue is shut down.
pub(super) fn qc_push(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
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
pub(super) fn qc_pop(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let q = qc(args)?;
    let timeout = optional_arg(args, kw, "pop", "timeout", 1)?;
    let timeout = timeout_arg(vm, timeout.as_ref())?;
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

/// `size()` and `is_shutdown()`: `read` of the state, under its mutex.
fn qc_read(
    args: &[Value],
    kw: &KwArgs,
    name: &str,
    read: fn(&QueueState) -> Value,
) -> PyResult<Value> {
    let q = qc(args)?;
    no_args(args.get(1..).unwrap_or_default(), kw, name)?;
    Ok(read(&q.b.lock()))
}

pub(super) fn qc_shutdown(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let q = qc(args)?;
    let immediate = match &optional_arg(args, kw, "shutdown", "immediate", 1)? {
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
