//! `time`: clocks and `sleep` (which lets other threads run while it waits).

use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use crate::threads::ThreadId;
use crate::vm::Vm;
use crate::vm::exceptions as exc;
use crate::vm::modules::{add_funcs, arg_f64, no_args, one_arg};
use crate::vm::object::{KwArgs, Module, PyResult};
use crate::vm::value::Value;

pub fn build(vm: &mut Vm) -> Arc<Module> {
    let m = vm.new_module("time");
    add_funcs(
        &m.dict,
        &[
            ("time", time),
            ("time_ns", time_ns),
            ("perf_counter", perf_counter),
            ("perf_counter_ns", perf_counter_ns),
            ("monotonic", perf_counter),
            ("monotonic_ns", perf_counter_ns),
            ("process_time", process_time),
            ("process_time_ns", process_time_ns),
            ("thread_time", process_time),
            ("thread_time_ns", process_time_ns),
            ("sleep", sleep),
        ],
    );
    m
}

fn since_epoch() -> Duration {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default()
}

/// Wall-clock time; under a deterministic schedule, the time at the interpreter's start
/// plus the virtual time since.
fn now_since_epoch(vm: &Vm) -> Duration {
    match vm.interp.sched.deterministic() {
        Some(_) => vm.interp.start_epoch + elapsed(vm),
        None => since_epoch(),
    }
}

fn time(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    no_args(args, kw, "time.time")?;
    Ok(Value::Float(now_since_epoch(vm).as_secs_f64()))
}

fn time_ns(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    no_args(args, kw, "time.time_ns")?;
    Ok(Value::from_bigint(now_since_epoch(vm).as_nanos().into()))
}

/// Time since the interpreter started: real, or virtual under a deterministic schedule
/// (sleeps and timeouts run on that clock, so the clocks must agree with them).
fn elapsed(vm: &Vm) -> Duration {
    match vm.interp.sched.deterministic() {
        Some(d) => Duration::from_nanos(d.clock_ns(vm.tid, vm.obs.steps)),
        None => vm.interp.start.elapsed(),
    }
}

fn perf_counter(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    no_args(args, kw, "time.perf_counter")?;
    Ok(Value::Float(elapsed(vm).as_secs_f64()))
}

fn perf_counter_ns(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    no_args(args, kw, "time.perf_counter_ns")?;
    Ok(Value::from_bigint(elapsed(vm).as_nanos().into()))
}

/// CPU time is approximated by wall time since the interpreter started (no libc here).
fn process_time(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    no_args(args, kw, "time.process_time")?;
    Ok(Value::Float(elapsed(vm).as_secs_f64()))
}

fn process_time_ns(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    no_args(args, kw, "time.process_time_ns")?;
    Ok(Value::from_bigint(elapsed(vm).as_nanos().into()))
}

/// The longest single wait: a long sleep is cut into slices so an interrupt can end it.
const SLICE: Duration = Duration::from_millis(50);

fn sleep(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let v = one_arg(args, kw, "time.sleep")?;
    let secs = match v {
        Value::Int(_) | Value::Bool(_) | Value::BigInt(_) | Value::Float(_) => arg_f64(vm, v)?,
        _ => {
            if vm.lookup_special(v, "__float__").is_none()
                && vm.lookup_special(v, "__index__").is_none()
            {
                return Err(exc::type_error(format!(
                    "'{}' object cannot be interpreted as an integer",
                    v.type_name()
                )));
            }
            arg_f64(vm, v)?
        }
    };
    if secs.is_nan() {
        return Err(exc::value_error("Invalid value NaN (not a number)"));
    }
    if secs < 0.0 {
        return Err(exc::value_error("sleep length must be non-negative"));
    }
    if secs > 9.2e9 {
        return Err(exc::overflow_error(
            "timestamp out of range for platform time_t",
        ));
    }
    let total = Duration::from_secs_f64(secs);
    // The main thread's sleep ends early on Ctrl-C, which then raises at the next switch
    // point (CPython's sleep returns EINTR and runs the signal handler).
    // Any thread's sleep ends early when the run is being stopped (--timeout).
    let breaker = vm.eval_breaker.clone();
    let main = vm.tid == ThreadId::MAIN;
    let wait = move || {
        let end = std::time::Instant::now() + total;
        loop {
            let now = std::time::Instant::now();
            let bits = breaker.load(std::sync::atomic::Ordering::Relaxed);
            let interrupted = bits & crate::threads::breaker::STOP != 0
                || (main && bits & crate::threads::breaker::SIGNAL != 0);
            if now >= end || interrupted {
                break;
            }
            std::thread::sleep((end - now).min(SLICE));
        }
    };
    // Release the GIL only if this thread holds it (a host that runs code without taking
    // the GIL first has nothing to release).
    let sched = vm.interp.sched.clone();
    if let Some(d) = sched.deterministic() {
        // Virtual time: the sleeper lets others run and wakes when the clock says so.
        let at = vm.at();
        d.sleep(vm.tid, total, &at)?;
        vm.refill_quantum();
    } else if !sched.gil_enabled() || sched.holder() == Some(vm.tid) {
        vm.allow_threads(crate::threads::Blocking::Sleep, wait);
    } else {
        wait();
    }
    vm.poll_breaker()?;
    Ok(Value::None)
}
