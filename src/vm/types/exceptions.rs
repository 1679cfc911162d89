//! `BaseException` and its subclasses: which are builtins, the constructor, `args`,
//! `__str__`/`__repr__`, `with_traceback`, `StopIteration.value`, `SystemExit.code`, the exception groups (PEP 654). (Raising
//! and tracebacks are `vm/object/exceptions.rs`.)

use std::sync::Arc;

use crate::vm::Vm;
use crate::vm::frame::FrameObject;
use crate::vm::object::exceptions::{self as exc, errno_class, group_exceptions};
use crate::vm::object::registry::{Types, add_all, add_method, types};
use crate::vm::object::value::Value;
use crate::vm::object::{
    Class, ExcState, Instance, KwArgs, NativeFn, PyResult, TracebackEntry, native_object,
};

// ----- arguments ---------------------------------------------------------------------------

use crate::vm::args::no_keywords;
use crate::vm::types::ctor_args::*;
use crate::vm::types::function::{PropName, Property};

/// `BaseException(*args)` and every built-in exception class. `OSError(errno, strerror)`
/// makes the subclass that errno maps to, as CPython's `OSError.__new__` does.
pub fn exception_new(_vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let mut cls = match args.first() {
        Some(Value::Class(c)) => c.clone(),
        _ => types().exception.clone(),
    };
    let a = ctor_args(args);
    if Arc::ptr_eq(&cls, &types().os_error)
        && (2..=5).contains(&a.len())
        && let Some(mapped) = errno_class(&a[0])
    {
        cls = mapped.clone();
    }
    let inst = Instance::new(cls);
    set_state(&inst, a, kw)?;
    Ok(Value::instance(inst))
}

/// The keyword arguments a built-in exception class accepts (`AttributeError(name=, obj=)`,
/// `NameError(name=)`, `ImportError(name=, path=)`), with the name CPython's message uses.
fn keywords_of(cls: &Arc<Class>) -> Option<(&'static str, &'static [&'static str])> {
    let t = types();
    if cls.is_subclass_of(&t.attribute_error) {
        Some(("AttributeError", &["name", "obj"]))
    } else if cls.is_subclass_of(&t.name_error) {
        Some(("NameError", &["name"]))
    } else if cls.is_subclass_of(&t.import_error) {
        Some(("ImportError", &["name", "path"]))
    } else {
        None
    }
}

/// What `__new__`/`__init__` store: `args`, the keyword members, and OSError's
/// `errno`/`strerror`/`filename`/`filename2` (which CPython takes out of `args`).
fn set_state(inst: &Instance, a: &[Value], kw: &KwArgs) -> PyResult<()> {
    let Some(st) = inst.exc() else {
        return Ok(());
    };
    if !kw.is_empty() {
        let Some((owner, allowed)) = keywords_of(&inst.class) else {
            return Err(no_keywords(&inst.class.name));
        };
        for (k, v) in kw {
            match allowed.iter().find(|n| ***n == **k) {
                Some(n) => st.set_field(n, Some(v.clone())),
                None => return Err(crate::vm::args::invalid_keyword(k, owner)),
            }
        }
    }
    let mut args = a.to_vec();
    if inst.class.is_subclass_of(&types().os_error) {
        for f in ["errno", "strerror", "filename", "filename2"] {
            st.set_field(f, None);
        }
        if (2..=5).contains(&a.len()) {
            st.set_field("errno", Some(a[0].clone()));
            st.set_field("strerror", Some(a[1].clone()));
            if let Some(f) = a.get(2).filter(|f| !f.is_none()) {
                st.set_field("filename", Some(f.clone()));
                if let Some(f2) = a.get(4).filter(|f| !f.is_none()) {
                    st.set_field("filename2", Some(f2.clone()));
                }
                args.truncate(2);
            }
        }
    }
    *st.args.lock() = args;
    Ok(())
}

pub(crate) fn exc_args(v: &Value) -> Vec<Value> {
    match v {
        Value::Instance(i) => i
            .exc()
            .as_ref()
            .map(|s| s.args.lock().clone())
            .unwrap_or_default(),
        _ => Vec::new(),
    }
}

pub(crate) fn this_exception<'a>(args: &'a [Value], name: &str) -> PyResult<&'a Arc<Instance>> {
    match args.first() {
        Some(Value::Instance(i)) if i.exc().is_some() => Ok(i),
        Some(other) => Err(exc::type_error(format!(
            "descriptor '{}' requires a 'BaseException' object but received a '{}'",
            name,
            other.type_name()
        ))),
        None => Err(exc::type_error(format!(
            "descriptor '{}' of 'BaseException' object needs an argument",
            name
        ))),
    }
}

pub(crate) fn exception_init(_vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let inst = this_exception(args, "__init__")?;
    set_state(inst, args.get(1..).unwrap_or_default(), kw)?;
    Ok(Value::None)
}

pub(crate) fn exception_str(vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    this_exception(args, "__str__")?;
    let a = exc_args(&args[0]);
    match a.as_slice() {
        [] => Ok(Value::str("")),
        [x] => vm.to_str_value(x),
        _ => Ok(Value::string(vm.repr(&Value::tuple(a))?)),
    }
}

pub(crate) fn key_error_str(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    this_exception(args, "__str__")?;
    let a = exc_args(&args[0]);
    match a.as_slice() {
        [x] => Ok(Value::string(vm.repr(x)?)),
        _ => exception_str(vm, args, kw),
    }
}

/// `str(OSError(...))`: `[Errno 2] No such file or directory: 'x'`.
pub(crate) fn os_error_str(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let inst = this_exception(args, "__str__")?;
    let Some(st) = inst.exc() else {
        return exception_str(vm, args, kw);
    };
    let (errno, strerror) = (st.field("errno"), st.field("strerror"));
    if let Some(filename) = st.field("filename") {
        let e = vm.to_str(&errno.unwrap_or(Value::None))?;
        let s = vm.to_str(&strerror.unwrap_or(Value::None))?;
        let f = vm.repr(&filename)?;
        return Ok(Value::string(match st.field("filename2") {
            Some(f2) => format!("[Errno {e}] {s}: {f} -> {}", vm.repr(&f2)?),
            None => format!("[Errno {e}] {s}: {f}"),
        }));
    }
    if let (Some(e), Some(s)) = (errno, strerror) {
        let e = vm.to_str(&e)?;
        let s = vm.to_str(&s)?;
        return Ok(Value::string(format!("[Errno {e}] {s}")));
    }
    exception_str(vm, args, kw)
}

/// `BaseException.add_note(note)` (3.11): appends to `__notes__`, a list it creates.
pub(crate) fn exception_add_note(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    this_exception(args, "add_note")?;
    if !kw.is_empty() {
        return Err(no_keywords("BaseException.add_note"));
    }
    let note = match args.get(1..).unwrap_or_default() {
        [n] => n,
        a => {
            return Err(exc::type_error(format!(
                "BaseException.add_note() takes exactly one argument ({} given)",
                a.len()
            )));
        }
    };
    if !matches!(note, Value::Str(_)) {
        return Err(exc::type_error(format!(
            "note must be a str, not '{}'",
            note.type_name()
        )));
    }
    let notes = match vm.getattr_opt(&args[0], "__notes__")? {
        Some(n) => n,
        None => {
            let n = Value::list(Vec::new());
            vm.setattr(&args[0], "__notes__", n.clone())?;
            n
        }
    };
    match &notes {
        Value::List(l) => {
            l.push(note.clone());
            Ok(Value::None)
        }
        _ => Err(exc::type_error("Cannot add note: __notes__ is not a list")),
    }
}

pub(crate) fn exception_repr(vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    let inst = this_exception(args, "__repr__")?;
    let a = exc_args(&args[0]);
    let inner = match a.as_slice() {
        [] => String::new(),
        [x] => vm.repr(x)?,
        _ => {
            let r = vm.repr(&Value::tuple(a.clone()))?;
            r[1..r.len() - 1].to_string()
        }
    };
    Ok(Value::string(format!("{}({})", inst.class.name, inner)))
}

/// `e.with_traceback(tb)`: `tb` (a traceback object or None) becomes the exception's
/// traceback, to which raising it adds the frames it then leaves.
pub(crate) fn exception_with_traceback(
    _vm: &mut Vm,
    args: &[Value],
    _kw: &KwArgs,
) -> PyResult<Value> {
    this_exception(args, "with_traceback")?;
    let [me, tb] = args else {
        return Err(exc::type_error(format!(
            "BaseException.with_traceback() takes exactly one argument ({} given)",
            args.len().saturating_sub(1)
        )));
    };
    if let Value::Instance(inst) = me
        && let Some(st) = inst.exc()
    {
        set_traceback(st, tb)?;
    }
    Ok(me.clone())
}

/// A traceback object (`e.__traceback__`, `tb.tb_next`): an exception's traceback entries
/// from `at` on, outermost first, as CPython's linked `traceback` objects show them.
pub(crate) struct Traceback {
    pub(crate) entries: Arc<[TracebackEntry]>,
    pub(crate) at: usize,
}

native_object!(Traceback, "traceback", types().traceback, {
    fn getattr(&self, _vm: &mut Vm, name: &str) -> Option<PyResult<Value>> {
        let e = self.entries.get(self.at)?;
        Some(Ok(match name {
            "tb_lineno" => Value::Int(e.code.line_at(e.index as usize) as i64),
            "tb_lasti" => Value::Int(e.index as i64 * 2),
            "tb_next" => traceback_object(self.entries.clone(), self.at + 1),
            "tb_frame" => match &e.frame {
                Some(f) => f.clone(),
                None => Value::Native(Arc::new(Box::new(TbFrame { entry: e.clone() }))),
            },
            _ => return None,
        }))
    }
});

/// A frame a traceback names without a `frame` object (an error in a finalizer): its code,
/// line and last instruction.
struct TbFrame {
    entry: TracebackEntry,
}

native_object!(TbFrame, "frame", types().frame, {
    fn getattr(&self, _vm: &mut Vm, name: &str) -> Option<PyResult<Value>> {
        let e = &self.entry;
        Some(Ok(match name {
            "f_code" => Value::Code(e.code.clone()),
            "f_lineno" => Value::Int(e.code.line_at(e.index as usize) as i64),
            "f_lasti" => Value::Int(e.index as i64 * 2),
            "f_back" => Value::None,
            _ => return None,
        }))
    }
});

// A frame object (`sys._getframe()`, `tb_frame`, `f_back`): while its frame runs on the
// asking thread, its line and caller are the live ones; otherwise what the frame had when
// it was last left.
native_object!(FrameObject, "frame", types().frame, {
    fn getattr(&self, vm: &mut Vm, name: &str) -> Option<PyResult<Value>> {
        let running = vm.running_frame(self);
        let index = match running {
            Some((_, pc)) => Some(pc),
            None => self.left_index(),
        };
        Some(Ok(match name {
            "f_code" => Value::Code(self.code.clone()),
            "f_globals" => Value::Dict(self.globals.clone()),
            "f_builtins" => Value::Dict(vm.interp.builtins.clone()),
            "f_locals" => Value::Dict(self.locals()),
            "f_lineno" => Value::Int(match index {
                Some(i) => self.code.line_at(i as usize) as i64,
                None => self.code.firstlineno as i64,
            }),
            "f_lasti" => Value::Int(index.map_or(-1, |i| i as i64 * 2)),
            "f_back" => match running {
                Some((0, _)) => Value::None,
                Some((i, _)) => vm.frames.object(i - 1),
                None => self.left_back().unwrap_or(Value::None),
            },
            "f_trace" => Value::None,
            _ => return None,
        }))
    }
    fn referents(&self, f: &mut dyn FnMut(&Value)) {
        self.referents_left(f);
    }
});

/// `repr(frame)`: `<frame at 0x…, file 'x.py', line 3, code f>`.
fn frame_repr(vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    let Some(me) = args.first() else {
        return Err(exc::type_error(
            "descriptor '__repr__' of 'frame' object needs an argument",
        ));
    };
    let line = vm.getattr(me, "f_lineno")?;
    let code = vm.getattr(me, "f_code")?;
    let Value::Code(c) = code else {
        return Ok(Value::string(format!("<frame at {:#x}>", me.id())));
    };
    Ok(Value::string(format!(
        "<frame at {:#x}, file {}, line {}, code {}>",
        me.id(),
        vm.repr(&Value::str(&c.filename))?,
        vm.repr(&line)?,
        c.name
    )))
}

/// The traceback object for `entries[at..]`, or None past the end.
pub(crate) fn traceback_object(entries: Arc<[TracebackEntry]>, at: usize) -> Value {
    if at < entries.len() {
        Value::Native(Arc::new(Box::new(Traceback { entries, at })))
    } else {
        Value::None
    }
}

/// `e.__traceback__`.
pub(crate) fn get_traceback(st: &ExcState) -> Value {
    let entries: Arc<[TracebackEntry]> = st.traceback.lock().as_slice().into();
    traceback_object(entries, 0)
}

/// `e.__traceback__ = tb` and `with_traceback(tb)`: a traceback object or None, as CPython
/// checks.
pub(crate) fn set_traceback(st: &ExcState, tb: &Value) -> PyResult<()> {
    let entries = match tb {
        Value::None => Vec::new(),
        Value::Native(n) => match n.as_any().downcast_ref::<Traceback>() {
            Some(t) => t.entries.get(t.at..).unwrap_or_default().to_vec(),
            None => return Err(exc::type_error("__traceback__ must be a traceback or None")),
        },
        _ => return Err(exc::type_error("__traceback__ must be a traceback or None")),
    };
    *st.traceback.lock() = entries;
    Ok(())
}

pub(crate) fn stop_iteration_value(_vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    let a = args.first().map(exc_args).unwrap_or_default();
    Ok(a.first().cloned().unwrap_or(Value::None))
}

pub(crate) fn system_exit_code(_vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    let a = args.first().map(exc_args).unwrap_or_default();
    Ok(match a.len() {
        0 => Value::None,
        1 => a[0].clone(),
        _ => Value::tuple(a),
    })
}

pub(crate) fn readonly_property(name: &'static str, f: NativeFn) -> Value {
    native(Property {
        fget: Some(builtin(name, f)),
        fset: None,
        fdel: None,
        doc: None,
        name: PropName::new(Some(name.to_string())),
    })
}

/// A member of a built-in exception class (`AttributeError.name`, `OSError.errno`, …):
/// a property over the instance's `ExcState::fields`, None until set.
macro_rules! members {
    ($($get:ident, $set:ident => $name:literal;)*) => {
        $(
            fn $get(_vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
                let inst = this_exception(args, $name)?;
                Ok(inst.exc().and_then(|s| s.field($name)).unwrap_or(Value::None))
            }
            fn $set(_vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
                let inst = this_exception(args, $name)?;
                if let Some(st) = inst.exc() {
                    st.set_field($name, args.get(1).cloned());
                }
                Ok(Value::None)
            }
        )*
    };
}

members! {
    get_name, set_name => "name";
    get_obj, set_obj => "obj";
    get_path, set_path => "path";
    get_errno, set_errno => "errno";
    get_strerror, set_strerror => "strerror";
    get_filename, set_filename => "filename";
    get_filename2, set_filename2 => "filename2";
    get_lineno, set_lineno => "lineno";
    get_offset, set_offset => "offset";
    get_text, set_text => "text";
    get_end_lineno, set_end_lineno => "end_lineno";
    get_end_offset, set_end_offset => "end_offset";
}

/// `str(SyntaxError)`: `invalid syntax (<string>, line 1)`, as CPython's `SyntaxError_str`
/// (the file's base name only).
fn syntax_error_str(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let inst = this_exception(args, "__str__")?;
    let Some(st) = inst.exc() else {
        return exception_str(vm, args, kw);
    };
    let msg = match st.field("msg").or_else(|| st.args.lock().first().cloned()) {
        Some(m) => vm.to_str(&m)?,
        None => "None".to_string(),
    };
    let file = match st.field("filename") {
        Some(Value::Str(f)) => Some(f.as_str().rsplit('/').next().unwrap_or("").to_string()),
        _ => None,
    };
    let line = match st.field("lineno") {
        Some(Value::Int(n)) => Some(n),
        _ => None,
    };
    Ok(Value::string(match (file, line) {
        (Some(f), Some(n)) => format!("{msg} ({f}, line {n})"),
        (Some(f), None) => format!("{msg} ({f})"),
        (None, Some(n)) => format!("{msg} (line {n})"),
        (None, None) => msg,
    }))
}

/// `SyntaxError.msg`: what the parser set, else the first argument (`SyntaxError("bad")`).
fn get_msg(_vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    let inst = this_exception(args, "msg")?;
    let Some(st) = inst.exc() else {
        return Ok(Value::None);
    };
    Ok(st
        .field("msg")
        .or_else(|| st.args.lock().first().cloned())
        .unwrap_or(Value::None))
}

fn set_msg(_vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    let inst = this_exception(args, "msg")?;
    if let Some(st) = inst.exc() {
        st.set_field("msg", args.get(1).cloned());
    }
    Ok(Value::None)
}

fn member(cls: &Arc<Class>, name: &'static str, get: NativeFn, set: NativeFn) {
    cls.dict.set_str(
        name,
        native(Property {
            fget: Some(builtin(name, get)),
            fset: Some(builtin(name, set)),
            fdel: None,
            doc: None,
            name: PropName::new(Some(name.to_string())),
        }),
    );
}

/// Registers the methods of `BaseException` and its subclasses.
pub(crate) fn register(t: &Types) {
    add_method(&t.frame, "__repr__", frame_repr);
    let be = &t.base_exception;
    add_all(
        be,
        &[
            ("__init__", exception_init),
            ("__str__", exception_str),
            ("__repr__", exception_repr),
            ("with_traceback", exception_with_traceback),
            ("add_note", exception_add_note),
        ],
    );
    add_method(&t.os_error, "__str__", os_error_str);
    member(&t.attribute_error, "name", get_name, set_name);
    member(&t.attribute_error, "obj", get_obj, set_obj);
    member(&t.name_error, "name", get_name, set_name);
    member(&t.import_error, "name", get_name, set_name);
    member(&t.import_error, "path", get_path, set_path);
    member(&t.os_error, "errno", get_errno, set_errno);
    member(&t.os_error, "strerror", get_strerror, set_strerror);
    member(&t.os_error, "filename", get_filename, set_filename);
    member(&t.os_error, "filename2", get_filename2, set_filename2);
    add_method(&t.syntax_error, "__str__", syntax_error_str);
    member(&t.syntax_error, "msg", get_msg, set_msg);
    member(&t.syntax_error, "filename", get_filename, set_filename);
    member(&t.syntax_error, "lineno", get_lineno, set_lineno);
    member(&t.syntax_error, "offset", get_offset, set_offset);
    member(&t.syntax_error, "text", get_text, set_text);
    member(
        &t.syntax_error,
        "end_lineno",
        get_end_lineno,
        set_end_lineno,
    );
    member(
        &t.syntax_error,
        "end_offset",
        get_end_offset,
        set_end_offset,
    );
    add_method(&t.key_error, "__str__", key_error_str);
    t.stop_iteration
        .dict
        .set_str("value", readonly_property("value", stop_iteration_value));
    t.system_exit
        .dict
        .set_str("code", readonly_property("code", system_exit_code));
    register_groups(t);
    for cls in t.exception_classes() {
        let doc = EXCEPTION_DOCS.iter().find(|(name, _)| *name == cls.name);
        let doc = doc.map_or(Value::None, |(_, d)| Value::str(d));
        cls.dict.set_str("__doc__", doc);
    }
}

/// CPython 3.11's docstrings of the built-in exception classes (`ValueError.__doc__`);
/// `ExceptionGroup` has none.
const EXCEPTION_DOCS: &[(&str, &str)] = &[
    ("ArithmeticError", "Base class for arithmetic errors."),
    ("AssertionError", "Assertion failed."),
    ("AttributeError", "Attribute not found."),
    ("BaseException", "Common base class for all exceptions"),
    (
        "BaseExceptionGroup",
        "A combination of multiple unrelated exceptions.",
    ),
    ("BlockingIOError", "I/O operation would block."),
    ("BrokenPipeError", "Broken pipe."),
    ("BufferError", "Buffer error."),
    (
        "BytesWarning",
        "Base class for warnings about bytes and buffer related problems, mostly\nrelated to conversion from str or comparing to str.",
    ),
    ("ChildProcessError", "Child process error."),
    ("ConnectionAbortedError", "Connection aborted."),
    ("ConnectionError", "Connection error."),
    ("ConnectionRefusedError", "Connection refused."),
    ("ConnectionResetError", "Connection reset."),
    (
        "DeprecationWarning",
        "Base class for warnings about deprecated features.",
    ),
    ("EOFError", "Read beyond end of file."),
    (
        "EncodingWarning",
        "Base class for warnings about encodings.",
    ),
    (
        "Exception",
        "Common base class for all non-exit exceptions.",
    ),
    ("FileExistsError", "File already exists."),
    ("FileNotFoundError", "File not found."),
    ("FloatingPointError", "Floating point operation failed."),
    (
        "FutureWarning",
        "Base class for warnings about constructs that will change semantically\nin the future.",
    ),
    ("GeneratorExit", "Request that a generator exit."),
    (
        "ImportError",
        "Import can't find module, or can't find name in module.",
    ),
    (
        "ImportWarning",
        "Base class for warnings about probable mistakes in module imports",
    ),
    ("IndentationError", "Improper indentation."),
    ("IndexError", "Sequence index out of range."),
    ("InterruptedError", "Interrupted by signal."),
    (
        "IsADirectoryError",
        "Operation doesn't work on directories.",
    ),
    ("KeyError", "Mapping key not found."),
    ("KeyboardInterrupt", "Program interrupted by user."),
    ("LookupError", "Base class for lookup errors."),
    ("MemoryError", "Out of memory."),
    ("ModuleNotFoundError", "Module not found."),
    ("NameError", "Name not found globally."),
    ("NotADirectoryError", "Operation only works on directories."),
    (
        "NotImplementedError",
        "Method or function hasn't been implemented yet.",
    ),
    ("OSError", "Base class for I/O related errors."),
    ("OverflowError", "Result too large to be represented."),
    (
        "PendingDeprecationWarning",
        "Base class for warnings about features which will be deprecated\nin the future.",
    ),
    ("PermissionError", "Not enough permissions."),
    ("ProcessLookupError", "Process not found."),
    ("RecursionError", "Recursion limit exceeded."),
    (
        "ReferenceError",
        "Weak ref proxy used after referent went away.",
    ),
    (
        "ResourceWarning",
        "Base class for warnings about resource usage.",
    ),
    ("RuntimeError", "Unspecified run-time error."),
    (
        "RuntimeWarning",
        "Base class for warnings about dubious runtime behavior.",
    ),
    (
        "StopAsyncIteration",
        "Signal the end from iterator.__anext__().",
    ),
    ("StopIteration", "Signal the end from iterator.__next__()."),
    ("SyntaxError", "Invalid syntax."),
    (
        "SyntaxWarning",
        "Base class for warnings about dubious syntax.",
    ),
    (
        "SystemError",
        "Internal error in the Python interpreter.\n\nPlease report this to the Python maintainer, along with the traceback,\nthe Python version, and the hardware/OS platform and version.",
    ),
    ("SystemExit", "Request to exit from the interpreter."),
    ("TabError", "Improper mixture of spaces and tabs."),
    ("TimeoutError", "Timeout expired."),
    ("TypeError", "Inappropriate argument type."),
    (
        "UnboundLocalError",
        "Local name referenced but not bound to a value.",
    ),
    ("UnicodeDecodeError", "Unicode decoding error."),
    ("UnicodeEncodeError", "Unicode encoding error."),
    ("UnicodeError", "Unicode related error."),
    ("UnicodeTranslateError", "Unicode translation error."),
    (
        "UnicodeWarning",
        "Base class for warnings about Unicode related problems, mostly\nrelated to conversion problems.",
    ),
    (
        "UserWarning",
        "Base class for warnings generated by user code.",
    ),
    (
        "ValueError",
        "Inappropriate argument value (of correct type).",
    ),
    ("Warning", "Base class for warning categories."),
    (
        "ZeroDivisionError",
        "Second argument to a division or modulo operation was zero.",
    ),
];

impl Types {
    /// The exception classes that are visible as builtins, by name.
    pub fn exception_classes(&self) -> Vec<&Arc<Class>> {
        vec![
            &self.base_exception,
            &self.system_exit,
            &self.keyboard_interrupt,
            &self.generator_exit,
            &self.exception,
            &self.stop_iteration,
            &self.stop_async_iteration,
            &self.arithmetic_error,
            &self.floating_point_error,
            &self.overflow_error,
            &self.zero_division_error,
            &self.assertion_error,
            &self.attribute_error,
            &self.buffer_error,
            &self.eof_error,
            &self.import_error,
            &self.module_not_found_error,
            &self.lookup_error,
            &self.index_error,
            &self.key_error,
            &self.memory_error,
            &self.name_error,
            &self.unbound_local_error,
            &self.os_error,
            &self.timeout_error,
            &self.runtime_error,
            &self.not_implemented_error,
            &self.recursion_error,
            &self.syntax_error,
            &self.indentation_error,
            &self.tab_error,
            &self.system_error,
            &self.type_error,
            &self.value_error,
            &self.unicode_error,
            &self.warning,
            &self.user_warning,
            &self.deprecation_warning,
            &self.runtime_warning,
            &self.blocking_io_error,
            &self.child_process_error,
            &self.connection_error,
            &self.broken_pipe_error,
            &self.connection_aborted_error,
            &self.connection_refused_error,
            &self.connection_reset_error,
            &self.file_exists_error,
            &self.file_not_found_error,
            &self.interrupted_error,
            &self.is_a_directory_error,
            &self.not_a_directory_error,
            &self.permission_error,
            &self.process_lookup_error,
            &self.reference_error,
            &self.unicode_decode_error,
            &self.unicode_encode_error,
            &self.unicode_translate_error,
            &self.pending_deprecation_warning,
            &self.syntax_warning,
            &self.future_warning,
            &self.import_warning,
            &self.unicode_warning,
            &self.bytes_warning,
            &self.resource_warning,
            &self.encoding_warning,
            &self.base_exception_group,
            &self.exception_group,
        ]
    }
}

// ----- BaseExceptionGroup and ExceptionGroup (PEP 654) ---------------------------------------

/// `BaseExceptionGroup.__new__`'s checks: `(message, exceptions)`, with CPython's errors;
/// returns the class to make (`BaseExceptionGroup` of Exceptions only is an `ExceptionGroup`),
/// the message and the exceptions.
fn group_args(
    vm: &mut Vm,
    cls: &Arc<Class>,
    a: &[Value],
) -> PyResult<(Arc<Class>, Value, Vec<Value>)> {
    let t = types();
    let [msg, seq] = a else {
        return Err(exc::type_error(format!(
            "BaseExceptionGroup.__new__() takes exactly 2 arguments ({} given)",
            a.len()
        )));
    };
    if !matches!(msg, Value::Str(_)) {
        return Err(exc::type_error(format!(
            "BaseExceptionGroup.__new__() argument 1 must be str, not {}",
            msg.type_name()
        )));
    }
    let is_sequence = match seq {
        Value::List(_) | Value::Tuple(_) | Value::Str(_) | Value::Range(_) => true,
        Value::Instance(i) => i.class.lookup("__getitem__").is_some(),
        _ => false,
    };
    if !is_sequence {
        return Err(exc::type_error(
            "second argument (exceptions) must be a sequence",
        ));
    }
    let excs = vm.collect(seq)?;
    if excs.is_empty() {
        return Err(exc::value_error(
            "second argument (exceptions) must be a non-empty sequence",
        ));
    }
    let mut nested_base = false;
    for (i, e) in excs.iter().enumerate() {
        match e {
            Value::Instance(inst) if inst.exc().is_some() => {
                if !inst.class.is_subclass_of(&t.exception) {
                    nested_base = true;
                }
            }
            _ => {
                return Err(exc::value_error(format!(
                    "Item {i} of second argument (exceptions) is not an exception"
                )));
            }
        }
    }
    let mut cls = cls.clone();
    if Arc::ptr_eq(&cls, &t.exception_group) {
        if nested_base {
            return Err(exc::type_error(
                "Cannot nest BaseExceptions in an ExceptionGroup",
            ));
        }
    } else if Arc::ptr_eq(&cls, &t.base_exception_group) {
        if !nested_base {
            cls = t.exception_group.clone();
        }
    } else if nested_base && cls.is_subclass_of(&t.exception) {
        return Err(exc::type_error(format!(
            "Cannot nest BaseExceptions in '{}'",
            cls.name
        )));
    }
    Ok((cls, msg.clone(), excs))
}

fn store_group(inst: &Instance, msg: Value, excs: Vec<Value>) {
    if let Some(st) = inst.exc() {
        st.set_field("message", Some(msg));
        st.set_field("exceptions", Some(Value::tuple(excs)));
    }
}

/// `BaseExceptionGroup(message, exceptions)` and `ExceptionGroup(...)`.
pub fn exception_group_new(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let cls = match args.first() {
        Some(Value::Class(c)) => c.clone(),
        _ => types().base_exception_group.clone(),
    };
    let a = ctor_args(args);
    if !kw.is_empty() {
        return Err(no_keywords(&cls.name));
    }
    let (cls, msg, excs) = group_args(vm, &cls, a)?;
    let inst = Instance::new(cls);
    store_group(&inst, msg, excs);
    if let Some(st) = inst.exc() {
        *st.args.lock() = a.to_vec();
    }
    Ok(Value::instance(inst))
}

/// A user subclass of `ExceptionGroup` being made without a `__new__` of its own: the checks
/// and state `BaseExceptionGroup.__new__` gives it.
pub(crate) fn init_user_group(vm: &mut Vm, inst: &Instance, args: &[Value]) -> PyResult<()> {
    let (_, msg, excs) = group_args(vm, &inst.class, args)?;
    store_group(inst, msg, excs);
    Ok(())
}

fn group_field(args: &[Value], name: &'static str) -> PyResult<Value> {
    let inst = this_exception(args, name)?;
    Ok(inst
        .exc()
        .as_ref()
        .and_then(|s| s.field(name))
        .unwrap_or(Value::None))
}

fn eg_message(_vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    group_field(args, "message")
}

fn eg_exceptions(_vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    group_field(args, "exceptions")
}

fn eg_str(vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    let msg = group_field(args, "message")?;
    let n = group_exceptions(&args[0]).map_or(0, |e| e.len());
    let msg = vm.to_str(&msg)?;
    Ok(Value::string(format!(
        "{msg} ({n} sub-exception{})",
        if n == 1 { "" } else { "s" }
    )))
}

fn eg_derive(vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    let msg = group_field(args, "message")?;
    let [_, excs] = args else {
        return Err(exc::type_error(format!(
            "BaseExceptionGroup.derive() takes exactly one argument ({} given)",
            args.len().saturating_sub(1)
        )));
    };
    let base = Value::Class(types().base_exception_group.clone());
    exception_group_new(vm, &[base, msg, excs.clone()], &Vec::new())
}

/// What `split`/`subgroup` match leaves by.
pub(crate) enum Matcher {
    Type(Value),
    Predicate(Value),
    /// Leaves by identity (`except*`'s re-raise of what its handlers re-raised).
    Ids(Vec<usize>),
}

impl Matcher {
    pub(crate) fn new(cond: &Value) -> PyResult<Matcher> {
        let is_exc_class = |v: &Value| matches!(v, Value::Class(c) if c.is_exception);
        match cond {
            Value::Class(_) if is_exc_class(cond) => Ok(Matcher::Type(cond.clone())),
            Value::Tuple(t) if t.0.iter().all(is_exc_class) => Ok(Matcher::Type(cond.clone())),
            Value::Class(_) | Value::Tuple(_) => Err(Self::bad()),
            _ if cond.is_callable() => Ok(Matcher::Predicate(cond.clone())),
            _ => Err(Self::bad()),
        }
    }

    fn bad() -> crate::vm::object::exceptions::PyErr {
        exc::type_error("expected a function, exception type or tuple of exception types")
    }

    fn matches(&self, vm: &mut Vm, e: &Value) -> PyResult<bool> {
        match self {
            Matcher::Type(t) => Ok(exception_class_matches(e, t)),
            Matcher::Predicate(f) => {
                let r = vm.call(f, std::slice::from_ref(e), &Vec::new())?;
                vm.truthy(&r)
            }
            Matcher::Ids(ids) => Ok(ids.contains(&e.id())),
        }
    }
}

/// `isinstance(e, t)` for an exception class or a tuple of them.
pub(crate) fn exception_class_matches(e: &Value, t: &Value) -> bool {
    let Value::Instance(i) = e else { return false };
    match t {
        Value::Class(c) => i.class.is_subclass_of(c),
        Value::Tuple(ts) => ts.0.iter().any(|t| exception_class_matches(e, t)),
        _ => false,
    }
}

/// CPython's `exceptiongroup_subset`: `orig.derive(excs)` with `orig`'s traceback, cause,
/// context and notes; None for no exceptions.
fn group_subset(vm: &mut Vm, orig: &Value, excs: Vec<Value>) -> PyResult<Option<Value>> {
    if excs.is_empty() {
        return Ok(None);
    }
    let eg = vm.call_method(orig, "derive", &[Value::list(excs)])?;
    let (Value::Instance(new), Value::Instance(old)) = (&eg, orig) else {
        return Err(exc::type_error(
            "derive must return an instance of BaseExceptionGroup",
        ));
    };
    if !new.class.is_subclass_of(&types().base_exception_group) {
        return Err(exc::type_error(
            "derive must return an instance of BaseExceptionGroup",
        ));
    }
    if let (Some(ns), Some(os)) = (new.exc(), old.exc()) {
        *ns.traceback.lock() = os.traceback.lock().clone();
        *ns.context.lock() = os.context.lock().clone();
        *ns.cause.lock() = os.cause.lock().clone();
        // PyException_SetCause sets __suppress_context__ too.
        ns.suppress_context
            .store(true, std::sync::atomic::Ordering::Relaxed);
    }
    if let Some(notes) = vm.getattr_opt(orig, "__notes__")? {
        let notes = match &notes {
            Value::List(_) | Value::Tuple(_) => Value::list(vm.collect(&notes)?),
            _ => notes,
        };
        vm.setattr(&eg, "__notes__", notes)?;
    }
    Ok(Some(eg))
}

/// CPython's `exceptiongroup_split_recursive`: (match, rest).
pub(crate) fn split_recursive(
    vm: &mut Vm,
    e: &Value,
    m: &Matcher,
    with_rest: bool,
) -> PyResult<(Option<Value>, Option<Value>)> {
    if m.matches(vm, e)? {
        return Ok((Some(e.clone()), None));
    }
    let Some(subs) = group_exceptions(e) else {
        return Ok((None, with_rest.then(|| e.clone())));
    };
    let (mut matched, mut rest) = (Vec::new(), Vec::new());
    for sub in &subs {
        let (a, b) = split_recursive(vm, sub, m, with_rest)?;
        matched.extend(a);
        rest.extend(b);
    }
    let matched = group_subset(vm, e, matched)?;
    let rest = if with_rest {
        group_subset(vm, e, rest)?
    } else {
        None
    };
    Ok((matched, rest))
}

fn one_arg<'a>(args: &'a [Value], name: &str) -> PyResult<&'a Value> {
    match args {
        [_, a] => Ok(a),
        _ => Err(exc::type_error(format!(
            "BaseExceptionGroup.{name}() takes exactly one argument ({} given)",
            args.len().saturating_sub(1)
        ))),
    }
}

fn eg_split(vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    this_exception(args, "split")?;
    let m = Matcher::new(one_arg(args, "split")?)?;
    let (a, b) = split_recursive(vm, &args[0], &m, true)?;
    Ok(Value::tuple(vec![
        a.unwrap_or(Value::None),
        b.unwrap_or(Value::None),
    ]))
}

fn eg_subgroup(vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    this_exception(args, "subgroup")?;
    let m = Matcher::new(one_arg(args, "subgroup")?)?;
    let (a, _) = split_recursive(vm, &args[0], &m, false)?;
    Ok(a.unwrap_or(Value::None))
}

/// The ids of the leaf exceptions of `e` (itself when it is not a group).
pub(crate) fn leaf_ids(e: &Value, out: &mut Vec<usize>) {
    match group_exceptions(e) {
        Some(subs) => subs.iter().for_each(|s| leaf_ids(s, out)),
        None => out.push(e.id()),
    }
}

/// Whether two exceptions carry the same traceback, cause and context (CPython's
/// `is_same_exception_metadata`: how `except*` tells a re-raise from a new raise; in 3.11
/// `__notes__` live in the instance dict, so the struct's `notes` it also compares are
/// always NULL, and split's copies of the notes do not count).
fn same_metadata(a: &Value, b: &Value) -> bool {
    let (Value::Instance(x), Value::Instance(y)) = (a, b) else {
        return false;
    };
    let (Some(sx), Some(sy)) = (x.exc(), y.exc()) else {
        return false;
    };
    let same = |p: &Option<Value>, q: &Option<Value>| match (p, q) {
        (None, None) => true,
        (Some(p), Some(q)) => p.id() == q.id(),
        _ => false,
    };
    let tb_same = {
        let (tx, ty) = (sx.traceback.lock(), sy.traceback.lock());
        tx.len() == ty.len()
            && tx
                .iter()
                .zip(ty.iter())
                .all(|(p, q)| Arc::ptr_eq(&p.code, &q.code) && p.index == q.index)
    };
    tb_same
        && same(&sx.cause.lock().clone(), &sy.cause.lock().clone())
        && same(&sx.context.lock().clone(), &sy.context.lock().clone())
}

/// CPython's `_PyExc_PrepReraiseStar`: what an `except*` statement raises when its handlers
/// are done, from the exception it caught and the list of what each handler raised (and the
/// unhandled rest, last); None when nothing is left.
pub(crate) fn prep_reraise_star(vm: &mut Vm, orig: &Value, excs: &[Value]) -> PyResult<Value> {
    if excs.is_empty() {
        return Ok(Value::None);
    }
    if group_exceptions(orig).is_none() {
        // A naked exception was caught and wrapped: at most one handler ran.
        return Ok(excs[0].clone());
    }
    let (mut raised, mut reraised) = (Vec::new(), Vec::new());
    for e in excs.iter().filter(|e| !e.is_none()) {
        if same_metadata(e, orig) {
            reraised.push(e.clone());
        } else {
            raised.push(e.clone());
        }
    }
    let mut ids = Vec::new();
    for e in &reraised {
        leaf_ids(e, &mut ids);
    }
    let reraised_eg = if ids.is_empty() {
        None
    } else {
        split_recursive(vm, orig, &Matcher::Ids(ids), false)?.0
    };
    if raised.is_empty() {
        return Ok(reraised_eg.unwrap_or(Value::None));
    }
    raised.extend(reraised_eg);
    if raised.len() > 1 {
        let base = Value::Class(types().exception_group.clone());
        let base = if raised
            .iter()
            .all(|e| matches!(e, Value::Instance(i) if i.class.is_subclass_of(&types().exception)))
        {
            base
        } else {
            Value::Class(types().base_exception_group.clone())
        };
        exception_group_new(
            vm,
            &[base, Value::str(""), Value::list(raised)],
            &Vec::new(),
        )
    } else {
        Ok(raised.swap_remove(0))
    }
}

pub(super) fn register_groups(t: &Types) {
    let g = &t.base_exception_group;
    add_all(
        g,
        &[
            ("__str__", eg_str),
            ("derive", eg_derive),
            ("split", eg_split),
            ("subgroup", eg_subgroup),
        ],
    );
    crate::vm::types::function::add_static_method(g, "__new__", exception_group_new);
    g.dict
        .set_str("message", readonly_property("message", eg_message));
    g.dict
        .set_str("exceptions", readonly_property("exceptions", eg_exceptions));
}
