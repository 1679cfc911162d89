//! The built-in modules: `sys`, `time`, `math`, `cmath`, `random`, `typing`, `collections.abc`, `dis`,
//! the ones written in Python under `py/` (`threading`, `queue`, `collections`, `functools`,
//! `itertools`, `operator`, `statistics`, `timeit`, `argparse`, `heapq`, `bisect`, `copy`,
//! `dataclasses`, `enum`, `contextlib`, `abc`, `string`, `json`, `io`, `csv`, `pathlib`,
//! `inspect`, …), and
//! packages such as `concurrent.futures` and `ft_utils` (Python over natives).
//!
//! [`import`] is what `IMPORT_NAME` calls: it returns the module from `sys.modules` (the
//! interpreter's `modules` map) or builds it on first import. Every module is a plain
//! `Module` whose dict holds native functions and constants; nothing is process-global.
//! A name that is none of these may be the program's own module, `NAME.py` beside the script.

mod abc_mixins;
pub mod cmath;
pub mod collections;
pub mod dis;
pub mod ft_utils;
pub mod functools;
pub mod gc;
pub mod hashlib;
pub mod heapq;
pub mod math;
pub mod nogil;
pub mod os;
// Enabled once `mt19937.rs` has its real API.
pub mod interp;
pub mod random;
pub mod re;
pub mod structs;
pub mod sys;
pub mod thread;
pub mod time;
pub mod traceback;
pub mod transfer;
pub mod typing;
pub mod weakref;

use std::sync::Arc;

use crate::vm::Vm;
pub(crate) use crate::vm::args::{
    arg_bigint, arg_f64, bind_args, no_args, no_keywords, one_arg, positional,
};
use crate::vm::object::exceptions as exc;
use crate::vm::object::value::Value;
use crate::vm::object::{BuiltinFunction, Dict, NativeFn, PyResult};

/// The one optional parameter `param` of the method or constructor `fname`, whose `args[0]`
/// (`self`, or the class) is left out: given by position or by keyword, or `None`.
/// `self_offset` is `bind_args`'s (1 where the messages count `self`).
pub(crate) fn optional_arg(
    args: &[Value],
    kw: &crate::vm::object::KwArgs,
    fname: &str,
    param: &str,
    self_offset: usize,
) -> PyResult<Option<Value>> {
    let rest = args.get(1..).unwrap_or_default();
    let a = bind_args(rest, kw, fname, &[param], 0, 1, self_offset)?;
    Ok(a.into_iter().next().flatten())
}

/// `import name`: the cached module, or a freshly built one (then cached).
pub fn import(vm: &mut Vm, name: &str) -> PyResult<Value> {
    if let Some(m) = vm.interp.modules.lock().get(name) {
        return Ok(m.clone());
    }
    let module = match name {
        "sys" => sys::build(vm),
        "_time" => time::build(vm),
        "time" => {
            let m = python_module(vm, name, include_str!("py/time.py"))?;
            let _ = m.lazy_attr.set(time_lazy_attr);
            m
        }
        "_structseq" => python_module(vm, name, include_str!("py/_structseq.py"))?,
        "gc" => gc::build(vm),
        "_weakref" => weakref::build(vm),
        "_weakrefset" => python_module(vm, name, include_str!("py/_weakrefset.py"))?,
        "weakref" => python_module(vm, name, include_str!("py/weakref.py"))?,
        "atexit" => python_module(vm, name, include_str!("py/atexit.py"))?,
        "math" => math::build(vm),
        "cmath" => cmath::build(vm),
        "random" => random::build(vm),
        "typing" => typing::build(vm),
        "collections.abc" => typing::build_collections_abc(vm),
        "_collections" => collections::build(vm),
        "collections" => {
            let m = python_module(vm, name, include_str!("py/collections.py"))?;
            let abc = import(vm, "collections.abc")?;
            m.dict.set_str("abc", abc);
            let _ = m.lazy_attr.set(collections_lazy_attr);
            m
        }
        "_collections_user" => python_module(vm, name, include_str!("py/_collections_user.py"))?,
        "_functools" => functools::build(vm),
        "functools" => python_module(vm, name, include_str!("py/functools.py"))?,
        "itertools" => python_module(vm, name, include_str!("py/itertools.py"))?,
        "statistics" => python_module(vm, name, include_str!("py/statistics.py"))?,
        "timeit" => python_module(vm, name, include_str!("py/timeit.py"))?,
        "argparse" => python_module(vm, name, include_str!("py/argparse.py"))?,
        "operator" => python_module(vm, name, include_str!("py/operator.py"))?,
        "_re" => re::build(vm),
        "re" => python_module(vm, name, include_str!("py/re.py"))?,
        "textwrap" => python_module(vm, name, include_str!("py/textwrap.py"))?,
        "__future__" => python_module(vm, name, include_str!("py/__future__.py"))?,
        "types" => python_module(vm, name, include_str!("py/types.py"))?,
        "keyword" => python_module(vm, name, include_str!("py/keyword.py"))?,
        "numbers" => python_module(vm, name, include_str!("py/numbers.py"))?,
        "fractions" => python_module(vm, name, include_str!("py/fractions.py"))?,
        "decimal" => python_module(vm, name, include_str!("py/decimal.py"))?,
        "contextvars" => python_module(vm, name, include_str!("py/contextvars.py"))?,
        "pprint" => python_module(vm, name, include_str!("py/pprint.py"))?,
        "warnings" => python_module(vm, name, include_str!("py/warnings.py"))?,
        "linecache" => python_module(vm, name, include_str!("py/linecache.py"))?,
        "datetime" => python_module(vm, name, include_str!("py/datetime.py"))?,
        "_csv" => python_module(vm, name, include_str!("py/_csv.py"))?,
        "csv" => python_module(vm, name, include_str!("py/csv.py"))?,
        "calendar" => python_module(vm, name, include_str!("py/calendar.py"))?,
        "shutil" => python_module(vm, name, include_str!("py/shutil.py"))?,
        "tempfile" => python_module(vm, name, include_str!("py/tempfile.py"))?,
        "locale" => python_module(vm, name, include_str!("py/locale.py"))?,
        "_strptime" => python_module(vm, name, include_str!("py/_strptime.py"))?,
        "_typing_hints" => python_module(vm, name, include_str!("py/_typing_hints.py"))?,
        "_heapq" => heapq::build(vm),
        "_struct" => structs::build(vm),
        "struct" => python_module(vm, name, include_str!("py/struct.py"))?,
        "_hashlib" => hashlib::build(vm),
        "hashlib" => python_module(vm, name, include_str!("py/hashlib.py"))?,
        "base64" => python_module(vm, name, include_str!("py/base64.py"))?,
        "_codecs" => {
            let m = vm.new_module("_codecs");
            add_funcs(
                &m.dict,
                &[("lookup_name", crate::vm::types::bytes_codecs::lookup_name)],
            );
            m
        }
        "codecs" => python_module(vm, name, include_str!("py/codecs.py"))?,
        "heapq" => python_module(vm, name, include_str!("py/heapq.py"))?,
        "bisect" => python_module(vm, name, include_str!("py/bisect.py"))?,
        "copy" => python_module(vm, name, include_str!("py/copy.py"))?,
        "dataclasses" => python_module(vm, name, include_str!("py/dataclasses.py"))?,
        "enum" => python_module(vm, name, include_str!("py/enum.py"))?,
        "contextlib" => python_module(vm, name, include_str!("py/contextlib.py"))?,
        "string" => python_module(vm, name, include_str!("py/string.py"))?,
        "abc" => python_module(vm, name, include_str!("py/abc.py"))?,
        "json" => python_module(vm, name, include_str!("py/json.py"))?,
        "_traceback" => traceback::build(vm),
        "traceback" => python_module(vm, name, include_str!("py/traceback.py"))?,
        "io" => python_module(vm, name, include_str!("py/io.py"))?,
        "dis" => dis::build(vm),
        "nogil" => nogil::build(vm),
        "_thread" => thread::build(vm),
        "_gilvm_interp" => interp::build(vm),
        "_os" => os::build(vm),
        "builtins" => vm.builtins_module(),
        "os" => python_module(vm, name, include_str!("py/os.py"))?,
        "os.path" => {
            // `os`'s `path`, which CPython's `os` puts in `sys.modules` as `os.path` (so
            // `import os.path` works).
            let os = import(vm, "os")?;
            let path = vm.getattr(&os, "path")?;
            let mut modules = vm.interp.modules.lock();
            return Ok(modules.entry(name.to_string()).or_insert(path).clone());
        }
        "_collections_abc" => {
            // CPython's home of the ABCs that `collections.abc` re-exports; one module here.
            let abc = import(vm, "collections.abc")?;
            let mut modules = vm.interp.modules.lock();
            return Ok(modules.entry(name.to_string()).or_insert(abc).clone());
        }
        "posixpath" => python_module(vm, name, include_str!("py/posixpath.py"))?,
        "genericpath" => python_module(vm, name, include_str!("py/genericpath.py"))?,
        "ntpath" => python_module(vm, name, include_str!("py/ntpath.py"))?,
        "stat" => python_module(vm, name, include_str!("py/stat.py"))?,
        "errno" => python_module(vm, name, include_str!("py/errno.py"))?,
        "fnmatch" => python_module(vm, name, include_str!("py/fnmatch.py"))?,
        "glob" => python_module(vm, name, include_str!("py/glob.py"))?,
        "pwd" => python_module(vm, name, include_str!("py/pwd.py"))?,
        "grp" => python_module(vm, name, include_str!("py/grp.py"))?,
        "pathlib" => python_module(vm, name, include_str!("py/pathlib.py"))?,
        "inspect" => python_module(vm, name, include_str!("py/inspect.py"))?,
        "multiprocessing" => python_module(vm, name, include_str!("py/multiprocessing.py"))?,
        "threading" => {
            let m = python_module(vm, name, include_str!("py/threading.py"))?;
            let _ = m.lazy_attr.set(threading_lazy_attr);
            m
        }
        "_threading_local" => python_module(vm, name, include_str!("py/_threading_local.py"))?,
        "queue" => python_module(vm, name, include_str!("py/queue.py"))?,
        "asyncio" => python_module(vm, name, include_str!("py/asyncio.py"))?,
        "_gilvm_exec" => {
            let m = vm.new_module("_gilvm_exec");
            add_funcs(&m.dict, &[("exec", exec_in)]);
            m
        }
        "_gilvm_trace" => {
            let m = vm.new_module("_gilvm_trace");
            add_funcs(&m.dict, &[("task_switch", task_switch)]);
            m
        }
        "concurrent" => {
            // Its one submodule, so that `from concurrent import futures` finds it.
            let m = vm.new_module("concurrent");
            let futures = import(vm, "concurrent.futures")?;
            m.dict.set_str("futures", futures);
            m
        }
        "concurrent.futures" => python_module(vm, name, include_str!("py/concurrent_futures.py"))?,
        "_ft_utils" => ft_utils::build(vm),
        "ft_utils" => {
            // The package itself holds only this flag (as the library's `__init__.py`); a
            // submodule is bound here when it is imported.
            let m = vm.new_module("ft_utils");
            m.dict.set_str("ENABLE_EXPERIMENTAL", Value::Bool(false));
            m
        }
        "ft_utils.concurrency" => {
            python_module(vm, name, include_str!("py/ft_utils_concurrency.py"))?
        }
        "ft_utils.synchronization" => {
            python_module(vm, name, include_str!("py/ft_utils_synchronization.py"))?
        }
        "ft_utils.concurrent" => {
            // The module's name in earlier releases of the library (its examples still use it).
            let Value::Module(m) = import(vm, "ft_utils.concurrency")? else {
                return Err(exc::system_error("ft_utils.concurrency is not a module"));
            };
            m
        }
        "ft_utils.local" => python_module(vm, name, include_str!("py/ft_utils_local.py"))?,
        _ => {
            if let Some(path) = user_module_path(vm, name) {
                return user_module(vm, name, &path);
            }
            let mut msg = format!("No module named '{}'", name);
            if let Some((parent, _)) = name.rsplit_once('.') {
                // CPython imports the parent first; a plain module has no submodules.
                import(vm, parent)?;
                const PACKAGES: &[&str] = &[
                    "collections",
                    "concurrent",
                    "asyncio",
                    "json",
                    "multiprocessing",
                    "ft_utils",
                ];
                if !PACKAGES.contains(&parent) {
                    msg.push_str(&format!("; '{parent}' is not a package"));
                }
            }
            let e = exc::module_not_found_error(msg);
            if let Some(st) = e.exc.exc() {
                st.set_field("name", Some(Value::str(name)));
            }
            return Err(e);
        }
    };
    let value = Value::Module(module);
    // Another thread may have imported it meanwhile: keep the first one.
    let mut modules = vm.interp.modules.lock();
    let value = modules.entry(name.to_string()).or_insert(value).clone();
    drop(modules);
    if name == "collections.abc" {
        // `import collections.abc` binds `collections`, whose `abc` is this module.
        let parent = import(vm, "collections")?;
        if let Value::Module(p) = &parent
            && p.dict.get_str("abc").is_none()
        {
            p.dict.set_str("abc", value.clone());
        }
    }
    if let Some(sub) = name.strip_prefix("ft_utils.") {
        // `import ft_utils.concurrency` binds `ft_utils`, whose `concurrency` is this module.
        let parent = import(vm, "ft_utils")?;
        if let Value::Module(p) = &parent
            && p.dict.get_str(sub).is_none()
        {
            p.dict.set_str(sub, value.clone());
        }
    }
    if name == "concurrent.futures" {
        // `import concurrent.futures` binds `concurrent`, whose `futures` is this module.
        let parent = import(vm, "concurrent")?;
        if let Value::Module(p) = &parent
            && p.dict.get_str("futures").is_none()
        {
            p.dict.set_str("futures", value.clone());
        }
    }
    Ok(value)
}

/// `NAME.py` in the directory of the script run as `__main__` (CPython's `sys.path[0]`), when
/// that script is a file: a student's own module. Built-in modules come first.
/// A sandboxed interpreter (`gilvm web`) reads no file: it has built-in modules only.
fn user_module_path(vm: &Vm, name: &str) -> Option<std::path::PathBuf> {
    if vm.interp.sandboxed
        || name.is_empty()
        || !name.chars().all(|c| c.is_alphanumeric() || c == '_')
    {
        return None;
    }
    let main = vm.interp.modules.lock().get("__main__").cloned();
    let Some(Value::Module(main)) = main else {
        return None;
    };
    let Some(Value::Str(file)) = main.dict.get_str("__file__") else {
        return None;
    };
    let script = std::path::Path::new(file.as_str());
    if file.as_str().starts_with('<') || !script.is_file() {
        return None;
    }
    // CPython's `sys.path[0]` is the script's directory with symbolic links resolved.
    let dir = script.parent()?;
    let dir = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
    let path = dir.join(format!("{name}.py"));
    path.is_file().then_some(path)
}

/// Imports a user module from `path`: compiled, put in `sys.modules` before its body runs (so
/// a circular import finds it, partially initialized), and taken out again if the body fails.
fn user_module(vm: &mut Vm, name: &str, path: &std::path::Path) -> PyResult<Value> {
    use crate::source::SourceFile;
    let text = std::fs::read_to_string(path).map_err(|e| exc::os_error_from_io(&e))?;
    let src = Arc::new(SourceFile::new(path.display().to_string(), text));
    vm.interp.add_source(src.clone());
    let code = crate::compiler::compile_source(&src, crate::compiler::Mode::Exec)
        .map_err(|e| exc::compile_error(&e, &src))?;
    let module = vm.new_file_module(name, &src.name);
    let value = Value::Module(module.clone());
    vm.interp.initializing.lock().push(name.to_string());
    let r = vm.run_loaded_in(
        crate::vm::object::code::Code::new(code),
        module.dict.clone(),
    );
    vm.interp.initializing.lock().retain(|n| n != name);
    match r {
        Ok(_) => Ok(vm.interp.modules.lock().get(name).cloned().unwrap_or(value)),
        Err(e) => {
            vm.interp.modules.lock().remove(name);
            Err(e)
        }
    }
}

/// A module written in Python and embedded in the binary (`threading`, `queue`): compiled on
/// first import, its source registered so tracebacks show its lines. It is put in
/// `sys.modules` before its body runs, as CPython does.
/// `threading.local`, made on first access (`threading`'s `Module::lazy_attr`) from
/// `_threading_local.py`, so that `import threading` runs no more instructions than it did:
/// recorded schedules count them.
fn threading_lazy_attr(
    vm: &mut Vm,
    m: &Arc<crate::vm::object::Module>,
    name: &str,
) -> PyResult<Option<Value>> {
    if name != "local" {
        return Ok(None);
    }
    let module = import(vm, "_threading_local")?;
    let value = vm.getattr(&module, "local")?;
    m.dict.set_str(name, value.clone());
    Ok(Some(value))
}

/// `time.strptime` (from `_strptime`, which imports `datetime`, `re` and `locale`) and the
/// `_STRUCT_TM_ITEMS` that `_strptime` reads: made when first asked for, so that importing
/// `time` (as the threaded demos do) runs the same instructions as before.
fn time_lazy_attr(
    vm: &mut Vm,
    m: &Arc<crate::vm::object::Module>,
    name: &str,
) -> PyResult<Option<Value>> {
    let value = match name {
        "strptime" => {
            let module = import(vm, "_strptime")?;
            vm.getattr(&module, "strptime")?
        }
        "_STRUCT_TM_ITEMS" => Value::Int(11),
        _ => return Ok(None),
    };
    m.dict.set_str(name, value.clone());
    Ok(Some(value))
}

/// `collections.UserDict`, `UserList`, `UserString`: loaded from `_collections_user` when
/// first asked for.
fn collections_lazy_attr(
    vm: &mut Vm,
    m: &Arc<crate::vm::object::Module>,
    name: &str,
) -> PyResult<Option<Value>> {
    if !matches!(name, "UserDict" | "UserList" | "UserString") {
        return Ok(None);
    }
    let module = import(vm, "_collections_user")?;
    let value = vm.getattr(&module, name)?;
    m.dict.set_str(name, value.clone());
    Ok(Some(value))
}

fn python_module(vm: &mut Vm, name: &str, text: &str) -> PyResult<Arc<crate::vm::object::Module>> {
    use crate::source::SourceFile;
    use crate::vm::object::code::Code;
    use std::collections::HashMap;
    use std::sync::LazyLock;
    type Compiled = (Arc<SourceFile>, Arc<Code>);
    // Compiled and loaded once per process: code objects and their constants are immutable
    // and shared by every interpreter (`explore` creates one per schedule).
    static COMPILED: LazyLock<parking_lot::Mutex<HashMap<String, Compiled>>> =
        LazyLock::new(Default::default);
    let cached = COMPILED.lock().get(name).cloned();
    let (src, code) = match cached {
        Some(c) => c,
        None => {
            let src = SourceFile::new(format!("<gilvm>/{name}.py"), text);
            let code = crate::compiler::compile_source(&src, crate::compiler::Mode::Exec).map_err(
                |e| {
                    exc::system_error(format!(
                        "gilvm: built-in module {name} does not compile: {}",
                        e.msg
                    ))
                },
            )?;
            let c = (Arc::new(src), Code::new(code));
            COMPILED.lock().insert(name.to_string(), c.clone());
            c
        }
    };
    vm.interp.add_source(src);
    let module = vm.new_file_module(name, &code.filename);
    if let Err(e) = vm.run_loaded_in(code, module.dict.clone()) {
        vm.interp.modules.lock().remove(name);
        return Err(e);
    }
    Ok(module)
}

/// `_gilvm_exec.exec(source, namespace)`: runs `source` with `namespace` (a dict) as its
/// globals and locals, as `exec` does; what `dataclasses` builds its `__init__` with (gilvm has
/// no `exec` built-in).
fn exec_in(vm: &mut Vm, args: &[Value], kw: &crate::vm::object::KwArgs) -> PyResult<Value> {
    if !kw.is_empty() {
        return Err(crate::vm::args::no_keywords("exec"));
    }
    let (Some(Value::Str(text)), Some(Value::Dict(ns)), 2) =
        (args.first(), args.get(1), args.len())
    else {
        return Err(exc::type_error("exec(source, namespace): a str and a dict"));
    };
    let src = crate::source::SourceFile::new("<string>", text.as_str());
    let code = crate::compiler::compile_source(&src, crate::compiler::Mode::Exec)
        .map_err(|e| exc::system_error(format!("exec: {}", e.msg)))?;
    vm.run_loaded_in(crate::vm::object::code::Code::new(code), ns.clone())?;
    Ok(Value::None)
}

/// `_gilvm_trace.task_switch(name)`: the calling thread's asyncio event loop runs task `name`
/// from now on (`None`: it is idle). Recorded as a task event when watching.
fn task_switch(vm: &mut Vm, args: &[Value], _kw: &crate::vm::object::KwArgs) -> PyResult<Value> {
    if let Some(r) = vm.interp.recorder.clone() {
        let name = match args.first() {
            None | Some(Value::None) => None,
            Some(v) => Some(vm.to_str(v)?),
        };
        let at = vm.at();
        r.task(vm.tid, name.as_deref(), &at);
    }
    Ok(Value::None)
}

/// A native function value (module-level: no owner class).
pub(crate) fn func(name: &'static str, f: NativeFn) -> Value {
    Value::Builtin(Arc::new(BuiltinFunction {
        name,
        owner: None,
        func: f,
    }))
}

/// Registers native functions in a module dict.
pub(crate) fn add_funcs(dict: &Dict, funcs: &[(&'static str, NativeFn)]) {
    for (name, f) in funcs {
        dict.set_str(name, func(name, *f));
    }
}

// ----- argument helpers ---------------------------------------------------------------------

/// A built-in class for objects a module implements natively (`_io.TextIOWrapper`, …);
/// methods are added with `registry::add_method`.
pub(crate) fn native_class(name: &str, module: &str) -> Arc<crate::vm::object::Class> {
    native_class_with(name, module, None)
}

/// [`native_class`] whose instances are made by calling it (`deque()`, `RLock()`).
pub(crate) fn native_class_with(
    name: &str,
    module: &str,
    ctor: Option<crate::vm::object::NativeFn>,
) -> Arc<crate::vm::object::Class> {
    let object = crate::vm::object::registry::types().object.clone();
    crate::vm::object::Class::new_native(name, module, Some(object), ctor)
}

#[cfg(test)]
mod tests;
