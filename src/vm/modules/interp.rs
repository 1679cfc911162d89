//! `_gilvm_interp`: run a call in a new, isolated interpreter — the engine under
//! `multiprocessing` and `ProcessPoolExecutor`.
//!
//! A "process" is an [`Interpreter`] of its own (its own GIL, modules and globals) on its own
//! OS thread, so CPU-bound processes run in parallel even in GIL mode — the lesson of the
//! multiprocessing module. At `spawn`, the parent's `__main__` globals are copied into the
//! child as `fork` would (`transfer::Mode::Fork`), then the call and its arguments are copied
//! as pickle would (`transfer::Mode::Pickle`); the result comes back the same way. Nothing
//! mutable is shared between the two interpreters.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, LazyLock};
use std::time::{Duration, Instant};

use parking_lot::{Condvar, Mutex};

use crate::threads::Blocking;
use crate::threads::{DropReason, ThreadId};
use crate::vm::modules::transfer::{Copier, Mode};
use crate::vm::modules::{add_funcs, bind_args, native_class, no_args, optional_arg};
use crate::vm::object::exceptions::{self as exc, PyErr};
use crate::vm::object::value::Value;
use crate::vm::object::{Instance, KwArgs, Module, PyResult};
use crate::vm::object::{class_static, native_object, native_self};
use crate::vm::{Config, Interpreter, THREAD_STACK_SIZE, Vm};

pub fn build(vm: &mut Vm) -> Arc<Module> {
    let m = vm.new_module("_gilvm_interp");
    add_funcs(
        &m.dict,
        &[
            ("spawn", spawn),
            ("cpu_count", cpu_count),
            ("_print_process_exception", print_process_exception),
        ],
    );
    m
}

/// Process ids are made up: the real pid plus a counter, so they look like pids and differ.
static NEXT_PID: LazyLock<AtomicU64> =
    LazyLock::new(|| AtomicU64::new(std::process::id() as u64 + 1));

fn cpu_count(_vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    no_args(args, kw, "cpu_count")?;
    Ok(Value::Int(
        std::thread::available_parallelism().map_or(1, |n| n.get()) as i64,
    ))
}

fn print_process_exception(vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    let [name, e] = args else {
        return Err(exc::type_error("_print_process_exception(name, exc)"));
    };
    let name = vm.to_str(name)?;
    let text = crate::vm::object::exceptions::format_exception(vm, e);
    vm.interp.write_stderr(&format!("Process {name}:\n{text}"));
    Ok(Value::None)
}

/// How a child's call ended: its return value or its exception, as values of the child.
type Outcome = Result<Value, Value>;

pub struct ProcessHandle {
    outcome: Mutex<Option<Outcome>>,
    done: Condvar,
    pid: u64,
    child: Arc<Interpreter>,
}

class_static!(HANDLE_CLASS = native_class("process_handle", "_gilvm_interp");
    "join" => handle_join, "result" => handle_result,
);

impl ProcessHandle {
    fn attr(&self, name: &str) -> Option<PyResult<Value>> {
        match name {
            "pid" => Some(Ok(Value::Int(self.pid as i64))),
            "exitcode" => Some(Ok(match &*self.outcome.lock() {
                None => Value::None,
                Some(Ok(_)) => Value::Int(0),
                Some(Err(e)) => Value::Int(exit_code_of(e)),
            })),
            _ => None,
        }
    }
}

fn exit_code_of(e: &Value) -> i64 {
    if let Value::Instance(i) = e
        && i.class
            .is_subclass_of(&crate::vm::object::registry::types().system_exit)
    {
        return match i.exc().and_then(|s| s.args.lock().first().cloned()) {
            None | Some(Value::None) => 0,
            Some(Value::Int(n)) => n,
            Some(_) => 1,
        };
    }
    1
}

/// `spawn(func, args=(), kwargs={})`: starts `func(*args, **kwargs)` in a new interpreter.
fn spawn(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let a = bind_args(args, kw, "spawn", &["func", "args", "kwargs"], 1, 3, 0)?;
    let func = a[0].clone().unwrap_or(Value::None);
    let fargs = match &a[1] {
        None => Vec::new(),
        Some(Value::Tuple(t)) => t.0.clone(),
        Some(_) => return Err(exc::type_error("spawn() args must be a tuple")),
    };
    let fkw = match &a[2] {
        None | Some(Value::None) => Vec::new(),
        Some(Value::Dict(d)) => d.items(),
        Some(_) => return Err(exc::type_error("spawn() kwargs must be a dict")),
    };
    if vm.interp.sandboxed {
        // A child interpreter would be out of the run's reach (its step budget, its timeout,
        // its captured output): a page's program runs threads, not processes.
        return Err(exc::os_error(
            "gilvm web runs no processes: multiprocessing is not available here (run the \
             program with gilvm FILE)",
        ));
    }
    let parent = vm.interp.clone();
    // As before a fork: what the parent printed so far comes first.
    vm.flush_stdout()?;
    let child = Interpreter::new(Config {
        argv: parent.argv.clone(),
        switch_interval_us: parent.switch_interval_us.load(Ordering::Relaxed),
        recursion_limit: parent.recursion_limit.load(Ordering::Relaxed),
        capture_output: false,
        gil: parent.sched.gil_enabled(),
        ..Config::default()
    });
    for (name, src) in parent.sources.lock().iter() {
        child.sources.lock().insert(name.clone(), src.clone());
    }
    // Build the child's state on this thread, holding the child's GIL (nobody else can run
    // in it yet, but imports run Python code and must follow the rules).
    let here = crate::threads::At::default();
    child.sched.acquire(ThreadId::MAIN, &here);
    let prepared = prepare_child(vm, &child, &func, &fargs, &fkw);
    child.sched.release(
        ThreadId::MAIN,
        DropReason::Blocking(Blocking::Process),
        &here,
    );
    let (cfunc, cargs, ckw) = prepared?;

    let handle = Arc::new(ProcessHandle {
        outcome: Mutex::new(None),
        done: Condvar::new(),
        pid: NEXT_PID.fetch_add(1, Ordering::Relaxed),
        child: child.clone(),
    });
    let h = handle.clone();
    let spawned = std::thread::Builder::new()
        .name(format!("gilvm-process-{}", handle.pid))
        .stack_size(THREAD_STACK_SIZE)
        .spawn(move || {
            let mut cvm = Vm::for_thread(child.clone(), ThreadId::MAIN, THREAD_STACK_SIZE);
            cvm.sched_acquire();
            let outcome = match cvm.call(&cfunc, &cargs, &ckw) {
                Ok(v) => Ok(v),
                // `os._exit(n)` in the child: the call ends with n, the exit code
                // `multiprocessing.Process._bootstrap` returns. (A pool's worker that calls it
                // makes n the task's result, where CPython's pool breaks.)
                Err(e) if e.is_run_aborted() && child.exited().is_some() => {
                    Ok(Value::Int(i64::from(child.exited().unwrap_or(0))))
                }
                Err(e) => Err(e.value()),
            };
            cvm.shutdown_child();
            child.flush_stdout();
            cvm.sched_exit();
            *h.outcome.lock() = Some(outcome);
            h.done.notify_all();
        });
    if let Err(e) = spawned {
        return Err(exc::runtime_error(format!("can't start new process: {e}")));
    }
    Ok(Value::Native(Arc::new(Box::new(HandleRef(handle)))))
}

type Prepared = (Value, Vec<Value>, Vec<(Arc<str>, Value)>);

/// The child's `__main__` (a fork-style copy of the parent's) and the call, copied in.
fn prepare_child(
    vm: &mut Vm,
    child: &Arc<Interpreter>,
    func: &Value,
    fargs: &[Value],
    fkw: &[(Value, Value)],
) -> PyResult<Prepared> {
    let mut cvm = Vm::for_thread(
        child.clone(),
        ThreadId::MAIN,
        crate::vm::modules::thread::WORKER_STACK_SIZE,
    );
    let main = cvm.new_module("__main__");
    child
        .modules
        .lock()
        .insert("__main__".into(), Value::Module(main.clone()));
    let mut copier = Copier::new(Mode::Fork);
    let parent_main = vm.interp.modules.lock().get("__main__").cloned();
    if let Some(Value::Module(pm)) = &parent_main {
        copier.map_globals(&pm.dict, main.dict.clone());
        copier.copy_globals(&mut cvm, &pm.dict, &main.dict)?;
    }
    copier.set_mode(Mode::Pickle);
    let cfunc = copier.copy(&mut cvm, func)?;
    let cargs = fargs
        .iter()
        .map(|a| copier.copy(&mut cvm, a))
        .collect::<PyResult<Vec<_>>>()?;
    let mut ckw = Vec::new();
    for (k, v) in fkw {
        let Value::Str(k) = k else {
            return Err(exc::type_error("keywords must be strings"));
        };
        ckw.push((Arc::from(k.as_str()), copier.copy(&mut cvm, v)?));
    }
    Ok((cfunc, cargs, ckw))
}

/// The Python-visible handle (a thin wrapper so the handle itself can be shared with the
/// child's thread).
struct HandleRef(Arc<ProcessHandle>);

native_object!(HandleRef, "process_handle", HANDLE_CLASS, {
    fn getattr(&self, _vm: &mut Vm, name: &str) -> Option<PyResult<Value>> {
        self.0.attr(name)
    }
});

fn this_handle(args: &[Value]) -> PyResult<Arc<ProcessHandle>> {
    native_self::<HandleRef>(args, "process_handle").map(|h| h.0.clone())
}

/// Waits (without the GIL) until the child finished or `deadline`; true if it finished.
fn wait(vm: &mut Vm, h: &ProcessHandle, deadline: Option<Instant>) -> bool {
    if h.outcome.lock().is_some() {
        return true;
    }
    if deadline.is_some_and(|d| d <= Instant::now()) {
        return false;
    }
    vm.allow_threads(Blocking::Process, || {
        let mut o = h.outcome.lock();
        while o.is_none() {
            match deadline {
                None => h.done.wait(&mut o),
                Some(d) => {
                    if h.done.wait_until(&mut o, d).timed_out() {
                        break;
                    }
                }
            }
        }
        o.is_some()
    })
}

fn handle_join(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let h = this_handle(args)?;
    let deadline = match &optional_arg(args, kw, "join", "timeout", 1)? {
        None | Some(Value::None) => None,
        Some(t) => {
            let secs = crate::vm::modules::arg_f64(vm, t)?.max(0.0);
            Some(Instant::now() + Duration::from_secs_f64(secs.min(1e9)))
        }
    };
    Ok(Value::Bool(wait(vm, &h, deadline)))
}

/// `result()`: waits, then returns the call's value copied into this interpreter, or raises
/// its exception (copied).
fn handle_result(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let h = this_handle(args)?;
    no_args(args.get(1..).unwrap_or_default(), kw, "result")?;
    wait(vm, &h, None);
    let outcome = h.outcome.lock().clone();
    let Some(outcome) = outcome else {
        return Err(exc::runtime_error("process did not finish"));
    };
    let mut copier = Copier::new(Mode::Pickle);
    let child_main = h.child.modules.lock().get("__main__").cloned();
    let parent_main = vm.interp.modules.lock().get("__main__").cloned();
    if let (Some(Value::Module(c)), Some(Value::Module(p))) = (child_main, parent_main) {
        copier.map_globals(&c.dict, p.dict.clone());
    }
    match outcome {
        Ok(v) => copier.copy(vm, &v),
        Err(e) => match copier.copy(vm, &e)? {
            Value::Instance(i) => Err(PyErr::from_instance(i)),
            _ => Err(exc::runtime_error("the process raised an exception")),
        },
    }
}

#[allow(dead_code)]
fn _uses(_i: Instance) {}
