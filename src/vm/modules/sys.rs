//! `sys`: argv, exit, the recursion limit, the switch interval, stdout/stderr.

use std::io::Write;
use std::sync::Arc;
use std::sync::atomic::Ordering;

use crate::vm::Vm;
use crate::vm::modules::{
    add_funcs, arg_bigint, arg_f64, native_class, no_args, one_arg, positional,
};
use crate::vm::object::exceptions::{self as exc, PyErr};
use crate::vm::object::registry::types;
use crate::vm::object::value::Value;
use crate::vm::object::{Dict, KwArgs, Module, NativeObject, PyResult};
use crate::vm::object::{class_static, native_object, native_self};
use num_traits::ToPrimitive;

pub fn build(vm: &mut Vm) -> Arc<Module> {
    let m = vm.new_module("sys");
    let _ = m.lazy_attr.set(lazy_attr);
    let d = &m.dict;
    add_funcs(
        d,
        &[
            ("exit", sys_exit),
            ("getrecursionlimit", getrecursionlimit),
            ("setrecursionlimit", setrecursionlimit),
            ("getswitchinterval", getswitchinterval),
            ("setswitchinterval", setswitchinterval),
            ("_is_gil_enabled", is_gil_enabled),
            ("intern", intern),
            ("audit", audit),
            ("getsizeof", getsizeof),
            ("exc_info", exc_info),
            ("exception", exception),
            ("_getframe", getframe),
        ],
    );
    let argv = vm.interp.argv.iter().map(|a| Value::str(a)).collect();
    d.set_str("argv", Value::list(argv));
    d.set_str("maxsize", Value::Int(i64::MAX));
    // No -W options: what `warnings` reads at import.
    d.set_str("warnoptions", Value::list(Vec::new()));
    d.set_str("version", Value::str("3.11.4 (gilvm) [Rust bytecode VM]"));
    d.set_str(
        "version_info",
        Value::tuple(vec![
            Value::Int(3),
            Value::Int(11),
            Value::Int(4),
            Value::str("final"),
            Value::Int(0),
        ]),
    );
    d.set_str("hexversion", Value::Int(0x030b04f0));
    d.set_str("platform", Value::str("linux"));
    d.set_str("byteorder", Value::str("little"));
    d.set_str("executable", Value::str(""));
    d.set_str("maxunicode", Value::Int(0x10ffff));
    let (stdout, stderr) = (stream(false), stream(true));
    d.set_str("stdout", stdout.clone());
    d.set_str("stderr", stderr.clone());
    d.set_str("__stdout__", stdout);
    d.set_str("__stderr__", stderr);
    let stdin = {
        let b: Box<dyn NativeObject> = Box::new(StdIn);
        Value::Native(Arc::new(b))
    };
    d.set_str("stdin", stdin.clone());
    d.set_str("__stdin__", stdin);
    d.set_str(
        "path",
        Value::list(vec![Value::string(
            vm.interp
                .sys_path0
                .clone()
                .unwrap_or_else(|| path0(&vm.interp.argv)),
        )]),
    );
    let modules = Dict::new();
    for (k, v) in vm.interp.modules.lock().iter() {
        modules.set_str(k, v.clone());
    }
    modules.set_str("sys", Value::Module(m.clone()));
    d.set_str("modules", Value::dict(modules));
    let imp = vm.new_module("types.SimpleNamespace");
    imp.dict.set_str("name", Value::str("gilvm"));
    imp.dict.set_str("cache_tag", Value::None);
    d.set_str("implementation", Value::Module(imp));
    m
}

fn sys_exit(_vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let args = positional(args, kw, "exit", 0, 1)?;
    Err(PyErr::with_args(&types().system_exit, args.to_vec()))
}

/// `sys.exception()`: the exception being handled (by an `except` or `finally` here or in a
/// caller), or None.
fn exception(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    no_args(args, kw, "exception")?;
    Ok(vm.exc_info.last().cloned().unwrap_or(Value::None))
}

/// `sys._getframe([depth])`: the frame `depth` calls below the caller's (a direct call with
/// no argument is answered by the eval loop, `Vm::frame_builtin`, which also records the
/// caller's locals).
pub fn getframe(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let a = positional(args, kw, "_getframe", 0, 1)?;
    let depth = match a.first() {
        None => 0,
        Some(Value::Int(i)) => *i,
        Some(Value::Bool(b)) => *b as i64,
        Some(v) => {
            return Err(exc::type_error(format!(
                "'{}' object cannot be interpreted as an integer",
                v.type_name()
            )));
        }
    };
    let frame = usize::try_from(depth.max(0))
        .ok()
        .and_then(|d| vm.frame_object(d));
    frame.ok_or_else(|| exc::value_error("call stack is not deep enough"))
}

/// `sys.exc_info()`: `(type, value, traceback)` of the exception being handled, or three Nones.
fn exc_info(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    no_args(args, kw, "exc_info")?;
    let Some(e) = vm.exc_info.last().cloned() else {
        return Ok(Value::tuple(vec![Value::None, Value::None, Value::None]));
    };
    let tb = vm.getattr(&e, "__traceback__").unwrap_or(Value::None);
    Ok(Value::tuple(vec![
        Value::Class(crate::vm::object::registry::type_of(&e)),
        e,
        tb,
    ]))
}

fn getrecursionlimit(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    no_args(args, kw, "sys.getrecursionlimit")?;
    Ok(Value::Int(
        vm.interp.recursion_limit.load(Ordering::Relaxed) as i64,
    ))
}

fn setrecursionlimit(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let v = one_arg(args, kw, "sys.setrecursionlimit")?;
    if matches!(v, Value::Float(_)) {
        return Err(exc::type_error(
            "'float' object cannot be interpreted as an integer",
        ));
    }
    let n = arg_bigint(vm, v)?;
    let Some(n) = n.to_i32() else {
        return Err(exc::overflow_error(
            "Python int too large to convert to C int",
        ));
    };
    if n < 1 {
        return Err(exc::value_error(
            "recursion limit must be greater or equal than 1",
        ));
    }
    // CPython counts the frame calling setrecursionlimit too.
    let depth = vm.depth as i64 + 1;
    if (n as i64) <= depth {
        return Err(exc::recursion_error(format!(
            "cannot set the recursion limit to {} at the recursion depth {}: the limit is too low",
            n, depth
        )));
    }
    vm.interp.recursion_limit.store(n as u32, Ordering::Relaxed);
    Ok(Value::None)
}

fn getswitchinterval(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    no_args(args, kw, "sys.getswitchinterval")?;
    let us = vm.interp.switch_interval_us.load(Ordering::Relaxed);
    Ok(Value::Float(us as f64 / 1e6))
}

fn setswitchinterval(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let v = one_arg(args, kw, "sys.setswitchinterval")?;
    let s = arg_f64(vm, v)?;
    if s.is_nan() || s <= 0.0 {
        return Err(exc::value_error(
            "switch interval must be strictly positive",
        ));
    }
    let us = (s * 1e6).min(u64::MAX as f64) as u64;
    vm.interp
        .switch_interval_us
        .store(us.max(1), Ordering::Relaxed);
    Ok(Value::None)
}

fn is_gil_enabled(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    no_args(args, kw, "sys._is_gil_enabled")?;
    Ok(Value::Bool(vm.interp.sched.gil_enabled()))
}

fn intern(_vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let v = one_arg(args, kw, "sys.intern")?;
    match v {
        Value::Str(_) => Ok(v.clone()),
        other => Err(exc::type_error(format!(
            "intern() argument must be str, not {}",
            other.type_name()
        ))),
    }
}

/// `sys.audit(event, *args)`: no audit hooks can be installed in gilvm, so an event goes
/// nowhere; the event name is checked as CPython checks it.
fn audit(_vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    if !kw.is_empty() {
        return Err(crate::vm::args::no_keywords("audit"));
    }
    match args.first() {
        None => Err(exc::type_error(
            "audit() missing 1 required positional argument: 'event'",
        )),
        Some(Value::Str(_)) => Ok(Value::None),
        Some(other) => Err(exc::type_error(format!(
            "expected str for argument 'event', not {}",
            other.type_name()
        ))),
    }
}

fn getsizeof(_vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let args = positional(args, kw, "getsizeof", 1, 2)?;
    Ok(Value::Int(match &args[0] {
        Value::None => 16,
        Value::Bool(_) | Value::Int(_) => 28,
        Value::Float(_) => 24,
        Value::Str(s) => 49 + s.len() as i64,
        Value::List(l) => 56 + 8 * l.len() as i64,
        Value::Tuple(t) => 40 + 8 * t.0.len() as i64,
        _ => 64,
    }))
}

// ----- stdout / stderr ----------------------------------------------------------------------

/// `sys.stdout` / `sys.stderr`.
pub struct StdStream {
    pub err: bool,
}

class_static!(STREAM_CLASS = native_class("TextIOWrapper", "_io");
    "write" => stream_write, "flush" => stream_flush, "__repr__" => stream_repr,
    "isatty" => stream_isatty,
);

native_object!(StdStream, "TextIOWrapper", STREAM_CLASS, {
    fn getattr(&self, _vm: &mut Vm, name: &str) -> Option<PyResult<Value>> {
        match name {
            "name" => Some(Ok(Value::str(if self.err {
                "<stderr>"
            } else {
                "<stdout>"
            }))),
            "encoding" => Some(Ok(Value::str("utf-8"))),
            "mode" => Some(Ok(Value::str("w"))),
            _ => None,
        }
    }
});

fn stream(err: bool) -> Value {
    let b: Box<dyn NativeObject> = Box::new(StdStream { err });
    Value::Native(Arc::new(b))
}

/// `sys.stdout` when a program has replaced it (`contextlib.redirect_stdout`, a class with a
/// `write` method): `print` then writes there. None while it is the process's stdout.
pub(crate) fn replaced_stdout(vm: &Vm) -> Option<Value> {
    let sys = vm.interp.modules.lock().get("sys").cloned()?;
    let Value::Module(m) = sys else { return None };
    let out = m.dict.get_str("stdout")?;
    match native_self::<StdStream>(std::slice::from_ref(&out), "_io.TextIOWrapper") {
        Ok(s) if !s.err => None,
        _ => Some(out),
    }
}

fn this_stream(args: &[Value]) -> PyResult<bool> {
    native_self::<StdStream>(args, "_io.TextIOWrapper").map(|s| s.err)
}

fn stream_write(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let err = this_stream(args)?;
    let v = one_arg(args.get(1..).unwrap_or_default(), kw, "TextIOWrapper.write")?;
    let Value::Str(s) = v else {
        return Err(exc::type_error(format!(
            "write() argument must be str, not {}",
            v.type_name()
        )));
    };
    if err {
        vm.interp.write_stderr(s.as_str());
    } else {
        vm.write_stdout(s.as_str())?;
    }
    Ok(Value::Int(s.char_len() as i64))
}

fn stream_flush(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let err = this_stream(args)?;
    no_args(args.get(1..).unwrap_or_default(), kw, "TextIOWrapper.flush")?;
    if err {
        let _ = std::io::stderr().flush();
    } else {
        vm.flush_stdout()?;
    }
    Ok(Value::None)
}

fn stream_isatty(_vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    use std::io::IsTerminal;
    let err = this_stream(args)?;
    Ok(Value::Bool(if err {
        std::io::stderr().is_terminal()
    } else {
        std::io::stdout().is_terminal()
    }))
}

fn stream_repr(_vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    let err = this_stream(args)?;
    Ok(Value::string(format!(
        "<_io.TextIOWrapper name='{}' mode='w' encoding='utf-8'>",
        if err { "<stderr>" } else { "<stdout>" }
    )))
}

/// `sys.path[0]` as CPython computes it: the directory of the script with symlinks resolved
/// (`realpath`), or `''` for `-c`, the REPL and code with no file.
pub(crate) fn path0(argv: &[String]) -> String {
    let Some(script) = argv
        .first()
        .filter(|a| !a.is_empty() && *a != "-c" && !a.starts_with('<'))
    else {
        return String::new();
    };
    match std::fs::canonicalize(script) {
        Ok(full) => full
            .parent()
            .map(|p| p.display().to_string())
            .unwrap_or_default(),
        Err(_) => String::new(),
    }
}

// ----- struct sequences made on first use ---------------------------------------------------

/// `sys.float_info`, `sys.int_info` and `sys.hash_info`, made on first access (`sys`'s `Module::lazy_attr`, on a
/// miss in its dict) with `_structseq.py`, so that `import sys` runs no Python code.
pub(crate) fn lazy_attr(vm: &mut Vm, m: &Arc<Module>, name: &str) -> PyResult<Option<Value>> {
    let (fields, values): (&[&str], Vec<Value>) = match name {
        "float_info" => (
            &[
                "max",
                "max_exp",
                "max_10_exp",
                "min",
                "min_exp",
                "min_10_exp",
                "dig",
                "mant_dig",
                "epsilon",
                "radix",
                "rounds",
            ],
            vec![
                Value::Float(f64::MAX),
                Value::Int(f64::MAX_EXP as i64),
                Value::Int(f64::MAX_10_EXP as i64),
                Value::Float(f64::MIN_POSITIVE),
                Value::Int(f64::MIN_EXP as i64),
                Value::Int(f64::MIN_10_EXP as i64),
                Value::Int(f64::DIGITS as i64),
                Value::Int(f64::MANTISSA_DIGITS as i64),
                Value::Float(f64::EPSILON),
                Value::Int(f64::RADIX as i64),
                Value::Int(1),
            ],
        ),
        "int_info" => (
            &[
                "bits_per_digit",
                "sizeof_digit",
                "default_max_str_digits",
                "str_digits_check_threshold",
            ],
            vec![
                Value::Int(30),
                Value::Int(4),
                Value::Int(4300),
                Value::Int(640),
            ],
        ),
        "hash_info" => (
            &[
                "width",
                "modulus",
                "inf",
                "nan",
                "imag",
                "algorithm",
                "hash_bits",
                "seed_bits",
                "cutoff",
            ],
            vec![
                Value::Int(64),
                Value::Int((1 << 61) - 1),
                Value::Int(314159),
                Value::Int(0),
                Value::Int(1000003),
                Value::str("siphash13"),
                Value::Int(64),
                Value::Int(128),
                Value::Int(0),
            ],
        ),
        _ => return Ok(None),
    };
    let ss = crate::vm::modules::import(vm, "_structseq")?;
    let make = vm.getattr(&ss, "make")?;
    let names = fields.iter().map(|f| Value::str(f)).collect();
    let class = vm.call(
        &make,
        &[Value::str("sys"), Value::str(name), Value::tuple(names)],
        &[],
    )?;
    let value = vm.call(&class, &[Value::tuple(values)], &[])?;
    m.dict.set_str(name, value.clone());
    Ok(Some(value))
}

// ----- stdin --------------------------------------------------------------------------------

/// `sys.stdin`: the process's standard input, which `input()` reads too. Text read ahead of
/// what a call returns (by `read(n)`) waits in `PENDING` for the next read of either.
pub struct StdIn;

static PENDING: parking_lot::Mutex<String> = parking_lot::Mutex::new(String::new());

class_static!(STDIN_CLASS = native_class("TextIOWrapper", "_io");
    "readline" => stdin_readline, "read" => stdin_read, "readlines" => stdin_readlines,
    "__iter__" => stdin_iter, "__next__" => stdin_next, "__repr__" => stdin_repr,
    "isatty" => stdin_isatty, "readable" => stdin_readable, "fileno" => stdin_fileno,
);

native_object!(StdIn, "TextIOWrapper", STDIN_CLASS, {
    fn getattr(&self, _vm: &mut Vm, name: &str) -> Option<PyResult<Value>> {
        match name {
            "name" => Some(Ok(Value::str("<stdin>"))),
            "encoding" => Some(Ok(Value::str("utf-8"))),
            "mode" => Some(Ok(Value::str("r"))),
            "closed" => Some(Ok(Value::Bool(false))),
            _ => None,
        }
    }
});

/// One line of standard input, with its newline (`""` at end of input): what `input()` and
/// `sys.stdin.readline()` read. The GIL is released while it waits.
pub(crate) fn read_line(vm: &mut Vm) -> PyResult<String> {
    {
        let mut pending = PENDING.lock();
        if let Some(i) = pending.find('\n') {
            let rest = pending.split_off(i + 1);
            return Ok(std::mem::replace(&mut *pending, rest));
        }
    }
    read_stdin(vm, |text| std::io::stdin().read_line(text))
}

fn read_all(vm: &mut Vm) -> PyResult<String> {
    use std::io::Read;
    read_stdin(vm, |text| std::io::stdin().read_to_string(text))
}

/// What is pending from earlier reads, then what `read` reads from standard input (the GIL
/// released while it waits).
fn read_stdin(
    vm: &mut Vm,
    read: impl FnOnce(&mut String) -> std::io::Result<usize>,
) -> PyResult<String> {
    let mut text = String::new();
    if vm.interp.sandboxed {
        return Ok(text);
    }
    let r = vm.allow_threads(crate::threads::Blocking::Io, || read(&mut text));
    r.map_err(|e| exc::os_error_from_io(&e))?;
    let mut pending = std::mem::take(&mut *PENDING.lock());
    pending.push_str(&text);
    Ok(pending)
}

/// `size` of `read(size)`/`readline(size)`: None or negative for no limit.
fn size_arg(vm: &mut Vm, args: &[Value], kw: &KwArgs, name: &str) -> PyResult<Option<usize>> {
    let a = positional(args.get(1..).unwrap_or_default(), kw, name, 0, 1)?;
    match a.first() {
        None | Some(Value::None) => Ok(None),
        Some(v) => {
            if matches!(v, Value::Float(_)) {
                return Err(exc::type_error(format!(
                    "argument should be integer or None, not '{}'",
                    v.type_name()
                )));
            }
            Ok(arg_bigint(vm, v)?.to_usize())
        }
    }
}

/// The first `n` characters of `text`; the rest goes back to `PENDING`, ahead of what is there.
fn keep(text: String, n: Option<usize>) -> String {
    let Some(n) = n else { return text };
    match text.char_indices().nth(n) {
        Some((i, _)) => {
            let mut text = text;
            let rest = text.split_off(i);
            let mut pending = PENDING.lock();
            pending.insert_str(0, &rest);
            text
        }
        None => text,
    }
}

fn stdin_readline(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    native_self::<StdIn>(args, "_io.TextIOWrapper")?;
    let n = size_arg(vm, args, kw, "readline")?;
    let line = read_line(vm)?;
    Ok(Value::string(keep(line, n)))
}

fn stdin_read(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    native_self::<StdIn>(args, "_io.TextIOWrapper")?;
    let n = size_arg(vm, args, kw, "read")?;
    let Some(n) = n else {
        return Ok(Value::string(read_all(vm)?));
    };
    let mut text = String::new();
    while text.chars().count() < n {
        let line = read_line(vm)?;
        if line.is_empty() {
            break;
        }
        text.push_str(&line);
    }
    Ok(Value::string(keep(text, Some(n))))
}

fn stdin_readlines(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    native_self::<StdIn>(args, "_io.TextIOWrapper")?;
    size_arg(vm, args, kw, "readlines")?;
    let text = read_all(vm)?;
    Ok(Value::list(
        text.split_inclusive('\n').map(Value::str).collect(),
    ))
}

fn stdin_iter(_vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    native_self::<StdIn>(args, "_io.TextIOWrapper")?;
    Ok(args[0].clone())
}

fn stdin_next(vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    native_self::<StdIn>(args, "_io.TextIOWrapper")?;
    let line = read_line(vm)?;
    if line.is_empty() {
        return Err(exc::stop_iteration(None));
    }
    Ok(Value::string(line))
}

fn stdin_isatty(_vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    use std::io::IsTerminal;
    native_self::<StdIn>(args, "_io.TextIOWrapper")?;
    Ok(Value::Bool(std::io::stdin().is_terminal()))
}

fn stdin_readable(_vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    native_self::<StdIn>(args, "_io.TextIOWrapper")?;
    Ok(Value::Bool(true))
}

fn stdin_fileno(_vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    native_self::<StdIn>(args, "_io.TextIOWrapper")?;
    Ok(Value::Int(0))
}

fn stdin_repr(_vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    native_self::<StdIn>(args, "_io.TextIOWrapper")?;
    Ok(Value::str(
        "<_io.TextIOWrapper name='<stdin>' mode='r' encoding='utf-8'>",
    ))
}
