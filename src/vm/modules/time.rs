//! `_time`: clocks, `sleep` (which lets other threads run while it waits), and the C
//! library's calendar conversions (`localtime_r`, `gmtime_r`, `mktime`) that `py/time.py`
//! builds `struct_time`, `strftime` and `asctime` on.

use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use crate::threads::ThreadId;
use crate::vm::Vm;
use crate::vm::modules::{add_funcs, arg_bigint, arg_f64, no_args, one_arg, positional};
use crate::vm::object::exceptions as exc;
use crate::vm::object::value::Value;
use crate::vm::object::{KwArgs, Module, PyResult};
use num_traits::ToPrimitive;

pub fn build(vm: &mut Vm) -> Arc<Module> {
    let m = vm.new_module("_time");
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
            ("_gmtime", gmtime),
            ("_localtime", localtime),
            ("_mktime", mktime),
            ("_tzinfo", tzinfo),
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

/// Time since the interpreter started: real, or virtual under a deterministic schedule
/// (sleeps and timeouts run on that clock, so the clocks must agree with them).
fn elapsed(vm: &Vm) -> Duration {
    match vm.interp.sched.deterministic() {
        Some(d) => Duration::from_nanos(d.clock_ns(vm.tid, vm.obs.steps)),
        None => vm.interp.start.elapsed(),
    }
}

/// Defines a clock's two functions: seconds as a float and nanoseconds as an int.
macro_rules! clock {
    ($($secs:ident, $ns:ident = $since:ident;)*) => {
        $(
            fn $secs(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
                no_args(args, kw, concat!("time.", stringify!($secs)))?;
                Ok(Value::Float($since(vm).as_secs_f64()))
            }

            fn $ns(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
                no_args(args, kw, concat!("time.", stringify!($ns)))?;
                Ok(Value::from_bigint($since(vm).as_nanos().into()))
            }
        )*
    };
}

clock! {
    time, time_ns = now_since_epoch;
    perf_counter, perf_counter_ns = elapsed;
    // CPU time is approximated by wall time since the interpreter started (no libc here).
    process_time, process_time_ns = elapsed;
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

// ----- calendar conversions -----------------------------------------------------------------

unsafe extern "C" {
    /// POSIX `tzset` (not in the `libc` crate): reads `TZ` into the C library's zone state.
    fn tzset();
}

/// CPython's `_PyTime_ObjectToTime_t(obj, ROUND_FLOOR)`: None is now; a float is floored.
fn arg_time_t(vm: &mut Vm, v: Option<&Value>) -> PyResult<i64> {
    let overflow = || exc::overflow_error("timestamp out of range for platform time_t");
    match v {
        None | Some(Value::None) => Ok(now_since_epoch(vm).as_secs() as i64),
        Some(Value::Float(x)) => {
            if x.is_nan() {
                return Err(exc::value_error("Invalid value NaN (not a number)"));
            }
            let f = x.floor();
            if !(-9.223_372_036_854_776e18..9.223_372_036_854_776e18).contains(&f) {
                return Err(overflow());
            }
            Ok(f as i64)
        }
        Some(v) => arg_bigint(vm, v)?.to_i64().ok_or_else(overflow),
    }
}

/// A `struct tm` as the 11 values of a `struct_time` (year, month 1-12, ..., zone, gmtoff).
fn tm_tuple(tm: &libc::tm) -> Value {
    let zone = if tm.tm_zone.is_null() {
        String::new()
    } else {
        // SAFETY: a non-null `tm_zone` set by the C library points at a NUL-terminated
        // string that lives as long as the zone data (the whole process).
        unsafe { std::ffi::CStr::from_ptr(tm.tm_zone) }
            .to_string_lossy()
            .into_owned()
    };
    Value::tuple(vec![
        Value::Int(tm.tm_year as i64 + 1900),
        Value::Int(tm.tm_mon as i64 + 1),
        Value::Int(tm.tm_mday as i64),
        Value::Int(tm.tm_hour as i64),
        Value::Int(tm.tm_min as i64),
        Value::Int(tm.tm_sec as i64),
        Value::Int((tm.tm_wday as i64 + 6) % 7),
        Value::Int(tm.tm_yday as i64 + 1),
        Value::Int(tm.tm_isdst as i64),
        Value::string(zone),
        Value::Int(gmtoff(tm)),
    ])
}

/// `tm_gmtoff` (a C `long`) as an i64.
#[allow(clippy::useless_conversion)]
fn gmtoff(tm: &libc::tm) -> i64 {
    i64::from(tm.tm_gmtoff)
}

fn zeroed_tm() -> libc::tm {
    // SAFETY: `struct tm` is plain integers and one pointer; all zeros (a null `tm_zone`)
    // is a valid value.
    unsafe { std::mem::zeroed() }
}

fn convert(
    vm: &mut Vm,
    args: &[Value],
    kw: &KwArgs,
    name: &str,
    f: unsafe extern "C" fn(*const libc::time_t, *mut libc::tm) -> *mut libc::tm,
) -> PyResult<Value> {
    let a = positional(args, kw, name, 0, 1)?;
    let t: libc::time_t = arg_time_t(vm, a.first())?;
    let mut tm = zeroed_tm();
    // SAFETY: `gmtime_r`/`localtime_r` write only into `tm`, which outlives the call; `tzset`
    // takes no arguments.
    let ok = unsafe {
        tzset();
        !f(&t, &mut tm).is_null()
    };
    if !ok {
        return Err(exc::os_error_from_io(&std::io::Error::from_raw_os_error(
            libc::EOVERFLOW,
        )));
    }
    Ok(tm_tuple(&tm))
}

fn gmtime(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    convert(vm, args, kw, "gmtime", libc::gmtime_r)
}

fn localtime(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    convert(vm, args, kw, "localtime", libc::localtime_r)
}

/// `_mktime((year, mon, mday, hour, min, sec, wday, yday, isdst))`, already checked to be
/// nine ints by `time.py`: the C library's `mktime`, as a float.
fn mktime(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let v = one_arg(args, kw, "mktime")?;
    let items = vm.collect(v)?;
    let mut f = [0i32; 9];
    for (slot, item) in f.iter_mut().zip(&items) {
        *slot = arg_bigint(vm, item)?
            .to_i32()
            .ok_or_else(|| exc::overflow_error("Python int too large to convert to C int"))?;
    }
    let mut tm = zeroed_tm();
    tm.tm_year = f[0].wrapping_sub(1900);
    tm.tm_mon = f[1].wrapping_sub(1);
    tm.tm_mday = f[2];
    tm.tm_hour = f[3];
    tm.tm_min = f[4];
    tm.tm_sec = f[5];
    tm.tm_wday = -1; // sentinel: mktime sets it on success
    tm.tm_yday = f[7].wrapping_sub(1);
    tm.tm_isdst = f[8];
    // SAFETY: `mktime` reads and normalises `tm`, which outlives the call.
    let t = unsafe {
        tzset();
        libc::mktime(&mut tm)
    };
    if t == -1 && tm.tm_wday == -1 {
        return Err(exc::overflow_error("mktime argument out of range"));
    }
    Ok(Value::Float(t as f64))
}

/// `(tzname[0], tzname[1], timezone, altzone, daylight)`, found as CPython's `init_timezone`
/// finds them with glibc: from the zones of January and July of the current year.
fn tzinfo(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    no_args(args, kw, "_tzinfo")?;
    const YEAR: libc::time_t = (365 * 24 + 6) * 3600;
    let t = now_since_epoch(vm).as_secs() as libc::time_t / YEAR * YEAR;
    let probe = |t: libc::time_t| {
        let mut tm = zeroed_tm();
        // SAFETY: as in `convert`.
        let ok = unsafe {
            tzset();
            !libc::localtime_r(&t, &mut tm).is_null()
        };
        if !ok {
            return (Value::str("UTC"), 0i64);
        }
        let Value::Tuple(tup) = tm_tuple(&tm) else {
            return (Value::str("UTC"), 0);
        };
        (tup.0[9].clone(), -gmtoff(&tm))
    };
    let (janname, janzone) = probe(t);
    let (julyname, julyzone) = probe(t + YEAR / 2);
    let daylight = Value::Int((janzone != julyzone) as i64);
    // Standard time first: DST is reversed in the southern hemisphere.
    let ((stdname, stdzone), (dstname, dstzone)) = if janzone < julyzone {
        ((julyname, julyzone), (janname, janzone))
    } else {
        ((janname, janzone), (julyname, julyzone))
    };
    Ok(Value::tuple(vec![
        stdname,
        dstname,
        Value::Int(stdzone),
        Value::Int(dstzone),
        daylight,
    ]))
}
