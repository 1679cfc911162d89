//! Raising and printing exceptions.
//!
//! A Python exception is an ordinary instance of a class deriving from `BaseException`, whose
//! `ExcState` carries `args`, the traceback, `__context__` and `__cause__`. On the Rust side it
//! travels as [`PyErr`], one pointer wide, in `PyResult`'s error slot. Tracebacks are printed in
//! CPython 3.11's layout, including its caret lines.

use std::sync::Arc;

use crate::vm::Vm;
use crate::vm::object::code::Code;
use crate::vm::object::registry::types;
use crate::vm::object::value::Value;
use crate::vm::object::{Class, Instance, PyResult, TracebackEntry};

/// A raised exception on its way up the Rust stack.
#[derive(Clone)]
pub struct PyErr {
    pub exc: Arc<Instance>,
}

impl std::fmt::Debug for PyErr {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let args = self.args();
        write!(f, "{}({:?})", self.exc.class.name, args)
    }
}

impl PyErr {
    /// `cls(msg)`.
    #[cold]
    pub fn new(cls: &Arc<Class>, msg: impl Into<String>) -> PyErr {
        PyErr::with_args(cls, vec![Value::string(msg.into())])
    }

    #[cold]
    pub fn with_args(cls: &Arc<Class>, args: Vec<Value>) -> PyErr {
        let inst = Instance::new(cls.clone());
        if let Some(st) = inst.exc() {
            *st.args.lock() = args;
        }
        PyErr {
            exc: Arc::new(inst),
        }
    }

    /// Wraps an exception instance (from `raise x`). The caller has checked it is one.
    pub fn from_instance(inst: Arc<Instance>) -> PyErr {
        PyErr { exc: inst }
    }

    pub fn value(&self) -> Value {
        Value::Instance(self.exc.clone())
    }

    pub fn class(&self) -> &Arc<Class> {
        &self.exc.class
    }

    /// `isinstance(self, cls)`.
    /// The run was aborted (see [`run_aborted`]).
    pub fn is_run_aborted(&self) -> bool {
        Arc::ptr_eq(&self.exc.class, &types().run_aborted)
    }

    pub fn matches(&self, cls: &Arc<Class>) -> bool {
        self.exc.class.is_subclass_of(cls)
    }

    pub fn args(&self) -> Vec<Value> {
        self.exc
            .exc()
            .as_ref()
            .map(|s| s.args.lock().clone())
            .unwrap_or_default()
    }

    /// The message a test expects: the first argument as text (empty if there is none, or
    /// it is not a str).
    #[cfg(test)]
    pub(crate) fn message(&self) -> String {
        let args = self.args();
        args.first()
            .and_then(|a| a.as_str())
            .unwrap_or_default()
            .to_string()
    }

    /// The traceback so far, outermost frame first: (file, line, function name).
    pub fn traceback_frames(&self) -> Vec<(String, u32, String)> {
        let Some(st) = self.exc.exc() else {
            return Vec::new();
        };
        st.traceback
            .lock()
            .iter()
            .map(|e| {
                let line = e.code.line_at(e.index as usize);
                (e.code.filename.to_string(), line, e.code.name.to_string())
            })
            .collect()
    }

    /// Appends a frame to the traceback as the exception leaves it.
    pub fn add_traceback(&self, code: &Arc<Code>, index: usize, frame: Option<Value>) {
        if let Some(st) = self.exc.exc() {
            st.traceback.lock().insert(
                0,
                TracebackEntry {
                    code: code.clone(),
                    index: index as u32,
                    frame,
                },
            );
        }
    }

    /// Sets `__context__` (the exception being handled when this one was raised).
    pub fn set_context(&self, ctx: Option<Value>) {
        if let (Some(st), Some(ctx)) = (self.exc.exc(), ctx) {
            if let Value::Instance(c) = &ctx
                && Arc::ptr_eq(c, &self.exc)
            {
                return;
            }
            let mut slot = st.context.lock();
            if slot.is_none() {
                *slot = Some(ctx);
            }
        }
    }
}

macro_rules! err_ctor {
    ($($fn_name:ident => $field:ident),* $(,)?) => {
        $(
            #[cold]
            pub fn $fn_name(msg: impl Into<String>) -> PyErr {
                PyErr::new(&types().$field, msg)
            }
        )*
    };
}

err_ctor! {
    type_error => type_error,
    value_error => value_error,
    name_error => name_error,
    attribute_error => attribute_error,
    index_error => index_error,
    zero_division_error => zero_division_error,
    runtime_error => runtime_error,
    recursion_error => recursion_error,
    overflow_error => overflow_error,
    assertion_error => assertion_error,
    import_error => import_error,
    module_not_found_error => module_not_found_error,
    not_implemented_error => not_implemented_error,
    unbound_local_error => unbound_local_error,
    system_error => system_error,
    keyboard_interrupt => keyboard_interrupt,
    os_error => os_error,
}

/// A module that does not compile (`import bad`): its SyntaxError, printed as CPython prints
/// one (`  File "bad.py", line 2`, the line, the caret) after the traceback of the import.
#[cold]
pub fn compile_error(e: &crate::source::SyntaxError, src: &crate::source::SourceFile) -> PyErr {
    use crate::source::SyntaxErrorKind;
    let t = types();
    let cls = match e.kind {
        SyntaxErrorKind::SyntaxError => &t.syntax_error,
        SyntaxErrorKind::IndentationError => &t.indentation_error,
        SyntaxErrorKind::TabError => &t.tab_error,
    };
    let err = PyErr::new(cls, e.msg.clone());
    if let Some(st) = err.exc.exc() {
        let mut st_args = Vec::new();
        let shown = crate::parser::render_syntax_error(e, src);
        st.set_field("<rendered>", Some(Value::str(&shown)));
        // The members CPython's parser sets: msg, filename, lineno, offset, text,
        // end_lineno, end_offset (offsets 1-based, in characters).
        let (own, line_offset) = match &e.shown {
            Some(sh) => (
                crate::source::SourceFile::new(src.name.clone(), sh.text.clone()),
                sh.first_line.saturating_sub(1),
            ),
            None => (
                crate::source::SourceFile::new(src.name.clone(), src.text.clone()),
                0,
            ),
        };
        let start = e.span.start.min(own.text.len());
        let (line, col) = own.line_col(start);
        let (end_line, end_col) = own.line_col(e.span.end.min(own.text.len()).max(start));
        // The line with its newline, if it has one (CPython's `text`).
        let text = own
            .text
            .split_inclusive('\n')
            .nth((line as usize).saturating_sub(1))
            .unwrap_or("")
            .replace("\r\n", "\n");
        let int = |n: u32| Value::Int(n as i64);
        // Cut short at the end of an expression given to eval() without a newline: CPython
        // reports column 0 (see `compile_eval`).
        let (offset, end_offset) = if e.span.end == usize::MAX && e.span.start == src.text.len() {
            (Value::Int(0), Value::Int(0))
        } else {
            (int(col + 1), int(end_col + 1))
        };
        let fields = [
            ("filename", Value::str(&src.name)),
            ("lineno", int(line + line_offset)),
            ("offset", offset),
            ("text", Value::str(&text)),
            ("end_lineno", int(end_line + line_offset)),
            ("end_offset", end_offset),
        ];
        st.set_field("msg", Some(Value::str(&e.msg)));
        for (name, v) in &fields {
            st.set_field(name, Some(v.clone()));
        }
        // `args` is `(msg, (filename, lineno, offset, text, end_lineno, end_offset))`.
        st_args.push(Value::str(&e.msg));
        st_args.push(Value::tuple(fields.into_iter().map(|(_, v)| v).collect()));
        *st.args.lock() = st_args;
    }
    err
}

/// `NameError: name 'x' is not defined`, remembering the name (`e.name`, as CPython's
/// `format_exc_check_arg` does) and the globals of the frame that raised it, so that printing
/// it can offer a suggestion.
#[cold]
pub fn name_not_defined(name: &str, globals: &Arc<crate::vm::object::Dict>) -> PyErr {
    name_error_for(format!("name '{}' is not defined", name), name, globals)
}

/// A NameError about `name` (CPython's `format_exc_check_arg` gives every NameError of the
/// eval loop its `name`).
#[cold]
pub fn name_error_for(msg: String, name: &str, globals: &Arc<crate::vm::object::Dict>) -> PyErr {
    let e = name_error(msg);
    if let Some(st) = e.exc.exc() {
        st.set_field("name", Some(Value::str(name)));
        st.set_field("<globals>", Some(Value::Dict(globals.clone())));
    }
    e
}

/// CPython's `set_attribute_error_context`: an AttributeError leaving `getattr(obj, name)`
/// gets `name` and `obj` unless it has them already (for the suggestion printed with it).
#[cold]
pub fn with_attribute_context(e: PyErr, obj: &Value, name: &str) -> PyErr {
    if e.matches(&types().attribute_error)
        && let Some(st) = e.exc.exc()
        && st.field("name").is_none()
        && st.field("obj").is_none()
    {
        st.set_field("name", Some(Value::str(name)));
        st.set_field("obj", Some(obj.clone()));
    }
    e
}

/// The OSError subclass CPython's errno map gives `errno` (Linux's numbering).
pub fn errno_class(errno: &Value) -> Option<&'static Arc<Class>> {
    let n = match errno {
        Value::Int(n) => *n,
        Value::Bool(b) => *b as i64,
        _ => return None,
    };
    let t = types();
    Some(match n {
        11 | 114 | 115 => &t.blocking_io_error,
        10 => &t.child_process_error,
        32 | 108 => &t.broken_pipe_error,
        103 => &t.connection_aborted_error,
        111 => &t.connection_refused_error,
        104 => &t.connection_reset_error,
        17 => &t.file_exists_error,
        2 => &t.file_not_found_error,
        21 => &t.is_a_directory_error,
        20 => &t.not_a_directory_error,
        4 => &t.interrupted_error,
        1 | 13 => &t.permission_error,
        3 => &t.process_lookup_error,
        110 => &t.timeout_error,
        _ => return None,
    })
}

/// The OSError CPython raises for a failed system call: the subclass its errno maps to
/// (`BrokenPipeError`, `FileNotFoundError`, …), `[Errno N] strerror`.
#[cold]
pub fn os_error_from_io(e: &std::io::Error) -> PyErr {
    let Some(n) = e.raw_os_error() else {
        return os_error(e.to_string());
    };
    let text = e.to_string();
    let suffix = format!(" (os error {n})");
    let strerror = text
        .strip_suffix(suffix.as_str())
        .unwrap_or(&text)
        .to_string();
    let errno = Value::Int(n.into());
    let t = types();
    let cls = errno_class(&errno).unwrap_or(&t.os_error);
    let strerror = Value::string(strerror);
    let err = PyErr::with_args(cls, vec![errno.clone(), strerror.clone()]);
    if let Some(st) = err.exc.exc() {
        st.set_field("errno", Some(errno));
        st.set_field("strerror", Some(strerror));
    }
    err
}

/// Refuses sequences whose size would be absurd (`[0] * 10**12`): MemoryError, as CPython.
pub fn check_alloc(len: usize, times: usize) -> PyResult<()> {
    match len.checked_mul(times) {
        Some(n) if n <= (1 << 32) => Ok(()),
        _ => Err(memory_error()),
    }
}

/// `OverflowError(34, 'Numerical result out of range')`, C's `ERANGE`, as CPython's float
/// arithmetic raises it.
pub fn overflow_range() -> PyErr {
    PyErr::with_args(
        &types().overflow_error,
        vec![Value::Int(34), Value::str("Numerical result out of range")],
    )
}

/// The sub-exceptions of a group (`None` when `v` is not one).
pub fn group_exceptions(v: &Value) -> Option<Vec<Value>> {
    match v {
        Value::Instance(i) if i.class.is_subclass_of(&types().base_exception_group) => {
            match i.exc().and_then(|s| s.field("exceptions")) {
                Some(Value::Tuple(t)) => Some(t.0.clone()),
                _ => Some(Vec::new()),
            }
        }
        _ => None,
    }
}

/// `MemoryError()`: CPython raises it without arguments when an allocation is refused.
#[cold]
pub fn memory_error() -> PyErr {
    PyErr::with_args(&types().memory_error, Vec::new())
}

/// Unwinds a thread of a run that `explore` ended (a deadlock, the step budget, the main
/// thread's end): no handler catches it, no `finally` runs.
#[cold]
pub fn run_aborted() -> PyErr {
    PyErr::with_args(&types().run_aborted, Vec::new())
}

impl From<crate::threads::deterministic::Aborted> for PyErr {
    fn from(_: crate::threads::deterministic::Aborted) -> PyErr {
        run_aborted()
    }
}

/// `KeyError(key)`: its single argument is the key itself, printed with `repr`.
#[cold]
pub fn key_error(key: Value) -> PyErr {
    PyErr::with_args(&types().key_error, vec![key])
}

#[cold]
pub fn stop_iteration(value: Option<Value>) -> PyErr {
    PyErr::with_args(&types().stop_iteration, value.into_iter().collect())
}

/// The text after `Name: ` on an exception's last line: `str(exc)`.
pub fn exception_message(vm: &mut Vm, exc: &Value) -> String {
    match vm.to_str(exc) {
        Ok(s) => s,
        Err(_) => "<exception str() failed>".to_string(),
    }
}

/// `ZeroDivisionError: division by zero` / `__main__` and `builtins` classes unqualified.
pub fn exception_line(vm: &mut Vm, exc: &Value) -> String {
    let cls = match exc {
        Value::Instance(i) => i.class.clone(),
        _ => return exception_message(vm, exc),
    };
    let mut name = String::new();
    let module = cls.module_name();
    if module != "builtins" && module != "__main__" {
        name.push_str(&module);
        name.push('.');
    }
    name.push_str(&cls.qualname);
    let msg = exception_message(vm, exc);
    if msg.is_empty() {
        name
    } else {
        format!("{}: {}", name, msg)
    }
}

/// The full report CPython prints for an uncaught exception, chained causes and contexts first;
/// exception groups in nested boxes (CPython 3.11's `print_exception_recursive`).
pub fn format_exception(vm: &mut Vm, exc: &Value) -> String {
    let mut p = Printer::default();
    p.recursive(vm, exc);
    p.out
}

/// One exception's report without its chain: what CPython's default `sys.unraisablehook`
/// prints after "Exception ignored in: …" (a group too as a plain exception, without its
/// members).
pub fn format_exception_unchained(vm: &mut Vm, exc: &Value) -> String {
    let mut p = Printer {
        chain: false,
        ..Printer::default()
    };
    p.one(vm, exc, false);
    p.out
}

/// How wide and how deep an exception group is printed (CPython's defaults).
const MAX_GROUP_WIDTH: usize = 15;
const MAX_GROUP_DEPTH: usize = 10;

/// CPython's `exception_print_context`: the output, the exceptions already printed, and how
/// deep in exception groups the printing is.
struct Printer {
    out: String,
    seen: Vec<usize>,
    chain: bool,
    depth: usize,
    need_close: bool,
}

impl Default for Printer {
    fn default() -> Printer {
        Printer {
            out: String::new(),
            seen: Vec::new(),
            chain: true,
            depth: 0,
            need_close: false,
        }
    }
}

impl Printer {
    fn indent(&self) -> String {
        " ".repeat(2 * self.depth)
    }

    /// The indent and `| ` that start each line inside a group's box.
    fn margin(&self) -> String {
        if self.depth > 0 {
            format!("{}| ", self.indent())
        } else {
            String::new()
        }
    }

    fn recursive(&mut self, vm: &mut Vm, exc: &Value) {
        if self.chain {
            self.cause_and_context(vm, exc);
        }
        if group_exceptions(exc).is_some() {
            self.group(vm, exc);
        } else {
            self.one(vm, exc, false);
        }
    }

    fn cause_and_context(&mut self, vm: &mut Vm, exc: &Value) {
        self.seen.push(exc.id());
        let Value::Instance(inst) = exc else { return };
        let Some(st) = inst.exc() else { return };
        let cause = st.cause.lock().clone().filter(|c| !c.is_none());
        if let Some(c) = cause {
            if !self.seen.contains(&c.id()) {
                self.chained(
                    vm,
                    &c,
                    "The above exception was the direct cause of the following exception:\n",
                );
            }
            return;
        }
        if st.suppress_context() {
            return;
        }
        let context = st.context.lock().clone().filter(|c| !c.is_none());
        if let Some(c) = context
            && !self.seen.contains(&c.id())
        {
            self.chained(
                vm,
                &c,
                "During handling of the above exception, another exception occurred:\n",
            );
        }
    }

    fn chained(&mut self, vm: &mut Vm, exc: &Value, message: &str) {
        let need_close = self.need_close;
        self.recursive(vm, exc);
        self.need_close = need_close;
        let m = self.margin();
        self.out.push_str(&format!("{m}\n{m}{message}{m}\n"));
    }

    /// One exception (a group without its members): traceback, last line, notes.
    /// `is_group`: a group's traceback has its own header.
    fn one(&mut self, vm: &mut Vm, exc: &Value, is_group: bool) {
        let margin = self.margin();
        if let Value::Instance(inst) = exc
            && let Some(st) = inst.exc()
        {
            let tb = st.traceback.lock().clone();
            if !tb.is_empty() {
                let (header, header_margin) = if is_group {
                    let hm = if self.depth == 1 {
                        format!("{}+ ", self.indent())
                    } else {
                        margin.clone()
                    };
                    ("Exception Group Traceback (most recent call last):\n", hm)
                } else {
                    ("Traceback (most recent call last):\n", margin.clone())
                };
                self.out.push_str(&header_margin);
                self.out.push_str(header);
                let mut body = String::new();
                format_traceback(vm, &tb, &mut body);
                for line in body.split_inclusive('\n') {
                    self.out.push_str(&margin);
                    self.out.push_str(line);
                }
            }
        }
        if let Value::Instance(inst) = exc
            && let Some(Value::Str(shown)) = inst.exc().and_then(|st| st.field("<rendered>"))
        {
            // A module that did not compile: its SyntaxError as CPython prints one.
            for line in shown.as_str().split_inclusive('\n') {
                self.out.push_str(&margin);
                self.out.push_str(line);
            }
            format_notes(vm, exc, &mut self.out, &margin);
            return;
        }
        self.out.push_str(&margin);
        self.out.push_str(&exception_line(vm, exc));
        if let Some(s) = suggestion(vm, exc) {
            self.out.push_str(". Did you mean: '");
            self.out.push_str(&s);
            self.out.push_str("'?");
        }
        self.out.push('\n');
        format_notes(vm, exc, &mut self.out, &margin);
    }

    /// CPython's `print_exception_group`.
    fn group(&mut self, vm: &mut Vm, exc: &Value) {
        if self.depth > MAX_GROUP_DEPTH {
            let m = self.margin();
            self.out
                .push_str(&format!("{m}... (max_group_depth is {MAX_GROUP_DEPTH})\n"));
            return;
        }
        if self.depth == 0 {
            self.depth += 1;
        }
        self.one(vm, exc, true);
        let excs = group_exceptions(exc).unwrap_or_default();
        let n = excs.len().min(MAX_GROUP_WIDTH + 1);
        self.need_close = false;
        for (i, sub) in excs.iter().take(n).enumerate() {
            let last = i == n - 1;
            if last {
                self.need_close = true;
            }
            let truncated = i >= MAX_GROUP_WIDTH;
            let title = if truncated {
                "...".to_string()
            } else {
                (i + 1).to_string()
            };
            self.out.push_str(&format!(
                "{}{}+---------------- {title} ----------------\n",
                self.indent(),
                if i == 0 { "+-" } else { "  " }
            ));
            self.depth += 1;
            if !truncated {
                self.recursive(vm, sub);
            } else {
                let remaining = excs.len() - MAX_GROUP_WIDTH;
                let m = self.margin();
                self.out.push_str(&format!(
                    "{m}and {remaining} more exception{}\n",
                    if remaining > 1 { "s" } else { "" }
                ));
            }
            if last && self.need_close {
                self.out.push_str(&format!(
                    "{}+------------------------------------\n",
                    self.indent()
                ));
                self.need_close = false;
            }
            self.depth -= 1;
        }
        if self.depth == 1 {
            self.depth -= 1;
        }
    }
}

/// The `  File ...` lines of a traceback, innermost last.
fn format_traceback(vm: &mut Vm, tb: &[TracebackEntry], out: &mut String) {
    // Like CPython, a line repeated more than three times in a row (runaway
    // recursion) is printed three times, then counted.
    const RECURSIVE_CUTOFF: usize = 3;
    let mut last: Option<(String, u32, String)> = None;
    let mut count = 0usize;
    for entry in tb.iter().filter(|e| !implemented_in_c(&e.code.filename)) {
        let line = entry.code.line_at(entry.index as usize);
        let key = (
            entry.code.filename.to_string(),
            line,
            entry.code.name.to_string(),
        );
        if last.as_ref() != Some(&key) {
            flush_repeats(out, count, RECURSIVE_CUTOFF);
            last = Some(key);
            count = 0;
        }
        count += 1;
        if count <= RECURSIVE_CUTOFF {
            format_tb_entry(vm, entry, out);
        }
    }
    flush_repeats(out, count, RECURSIVE_CUTOFF);
}

/// The `__notes__` lines CPython 3.11 prints after the exception's line (`add_note`), each
/// line behind `margin` inside a group's box.
#[cold]
fn format_notes(vm: &mut Vm, exc: &Value, out: &mut String, margin: &str) {
    if !matches!(exc, Value::Instance(i) if i.exc().is_some()) {
        return;
    }
    let Ok(Some(notes)) = vm.getattr_opt(exc, "__notes__") else {
        return;
    };
    let items = match &notes {
        Value::List(_) | Value::Tuple(_) | Value::Str(_) => vm.collect(&notes).ok(),
        _ => None,
    };
    let Some(items) = items else {
        out.push_str(margin);
        match vm.repr(&notes) {
            Ok(r) => out.push_str(&r),
            Err(_) => out.push_str("<__notes__ repr() failed>"),
        }
        // CPython 3.11 ends this one without a newline.
        return;
    };
    for note in items {
        let text = match vm.to_str(&note) {
            Ok(s) => s,
            Err(_) => "<note str() failed>".to_string(),
        };
        for line in text.split('\n') {
            out.push_str(margin);
            out.push_str(line);
            out.push('\n');
        }
    }
}

// ----- "Did you mean" (CPython 3.11's Python/suggestions.c) ----------------------------------

const MAX_CANDIDATE_ITEMS: usize = 750;
const MAX_STRING_SIZE: usize = 40;
const MOVE_COST: usize = 2;
const CASE_COST: usize = 1;

/// The name a printed AttributeError or NameError (exactly those classes, as CPython's
/// `_Py_Offer_Suggestions` checks) suggests instead of the one it could not find: among
/// `dir(obj)` for an AttributeError; for a NameError among the raising code's local
/// variables, then its globals, then the builtins, each list on its own.
#[cold]
fn suggestion(vm: &mut Vm, exc: &Value) -> Option<String> {
    let Value::Instance(inst) = exc else {
        return None;
    };
    let st = inst.exc()?;
    let t = types();
    let is_attr = Arc::ptr_eq(&inst.class, &t.attribute_error);
    if !is_attr && !Arc::ptr_eq(&inst.class, &t.name_error) {
        return None;
    }
    let Some(Value::Str(name)) = st.field("name") else {
        return None;
    };
    let name = name.as_str().to_string();
    let names = |v: Vec<Value>| -> Vec<String> {
        v.into_iter()
            .filter_map(|k| match k {
                Value::Str(s) => Some(s.as_str().to_string()),
                _ => None,
            })
            .collect()
    };
    if is_attr {
        let obj = st.field("obj")?;
        let dir = vm.dir(&obj).ok()?;
        let mut dir = names(vm.collect(&dir).ok()?);
        let custom_dir = matches!(&obj, Value::Instance(i)
        if i.class.lookup("__dir__").is_some_and(|m| {
            !crate::vm::object::registry::is_object_method(&Some(m), "__dir__")
        }));
        if !custom_dir {
            dir.extend(cpython_only_names(&obj).iter().map(|n| n.to_string()));
            dir.sort();
            dir.dedup();
        }
        return calculate_suggestion(&dir, &name);
    }
    let code = st.traceback.lock().last().map(|e| e.code.clone())?;
    let locals: Vec<String> = code.varnames.iter().map(|n| n.to_string()).collect();
    if let Some(s) = calculate_suggestion(&locals, &name) {
        return Some(s);
    }
    if let Some(Value::Dict(g)) = st.field("<globals>")
        && let Some(s) = calculate_suggestion(&names(g.keys()), &name)
    {
        return Some(s);
    }
    // CPython's builtins, in its order (a typo of `open` gets `open` even where gilvm lacks
    // it), then any gilvm has beyond them.
    let mut builtins: Vec<String> = CPYTHON_BUILTINS_ORDER
        .iter()
        .map(|n| n.to_string())
        .collect();
    let mut extra = names(vm.interp.builtins.keys());
    extra.retain(|n| !CPYTHON_BUILTINS_ORDER.contains(&n.as_str()));
    builtins.extend(extra);
    calculate_suggestion(&builtins, &name)
}

/// What CPython 3.11's `dir(obj)` lists and gilvm's does not (mostly slot wrappers such as
/// `__lt__`, and the data descriptors gilvm answers by name such as `int.real`), so that the
/// suggestions are chosen among CPython's candidates.
fn cpython_only_names(obj: &Value) -> &'static [&'static str] {
    let key: &str = match obj {
        Value::Module(_) => return &[],
        Value::Instance(i) if i.exc().is_some() => "BaseException",
        Value::Instance(_) => "object",
        Value::Class(c) if c.is_exception => "BaseException",
        Value::Class(c) if c.kind == crate::vm::object::ClassKind::Builtin => &c.name,
        Value::Class(_) => "type",
        other => &crate::vm::object::registry::builtin_type_of(other).name,
    };
    let key = if key == "bool" { "int" } else { key };
    CPYTHON_ONLY_NAMES
        .iter()
        .find(|(k, _)| *k == key)
        .map_or(&[], |(_, v)| v)
}

/// Generated from CPython 3.11.7's `dir()` of a value of each type, less gilvm's. `bool`'s
/// list is `int`'s (the lookup above asks for `int`), so it is not repeated.
#[rustfmt::skip]
const CPYTHON_ONLY_NAMES: &[(&str, &[&str])] = &[
    ("int", &[
        "__abs__", "__add__", "__and__", "__bool__", "__ceil__", "__divmod__", "__doc__",
        "__float__", "__floor__", "__floordiv__", "__ge__", "__getnewargs__", "__getstate__",
        "__gt__", "__index__", "__int__", "__invert__", "__le__", "__lshift__", "__lt__",
        "__mod__", "__mul__", "__neg__", "__or__", "__pos__", "__pow__", "__radd__", "__rand__",
        "__rdivmod__", "__reduce__", "__reduce_ex__", "__rfloordiv__", "__rlshift__", "__rmod__",
        "__rmul__", "__ror__", "__round__", "__rpow__", "__rrshift__", "__rshift__", "__rsub__",
        "__rtruediv__", "__rxor__", "__sizeof__", "__sub__", "__subclasshook__", "__truediv__",
        "__trunc__", "__xor__", "denominator", "from_bytes", "imag", "numerator", "real",
        "to_bytes",
    ]),
    ("float", &[
        "__abs__", "__add__", "__bool__", "__ceil__", "__divmod__", "__doc__", "__float__",
        "__floor__", "__floordiv__", "__ge__", "__getformat__", "__getnewargs__", "__getstate__",
        "__gt__", "__int__", "__le__", "__lt__", "__mod__", "__mul__", "__neg__", "__pos__",
        "__pow__", "__radd__", "__rdivmod__", "__reduce__", "__reduce_ex__", "__rfloordiv__",
        "__rmod__", "__rmul__", "__round__", "__rpow__", "__rsub__", "__rtruediv__", "__sizeof__",
        "__sub__", "__subclasshook__", "__truediv__", "__trunc__", "fromhex", "hex", "imag",
        "real",
    ]),
    ("str", &[
        "__add__", "__doc__", "__ge__", "__getnewargs__", "__getstate__", "__gt__", "__iter__",
        "__le__", "__lt__", "__mod__", "__mul__", "__reduce__", "__reduce_ex__", "__rmod__",
        "__rmul__", "__sizeof__", "__subclasshook__", "encode",
    ]),
    ("list", &[
        "__add__", "__class_getitem__", "__delitem__", "__doc__", "__ge__", "__getstate__",
        "__gt__", "__iadd__", "__imul__", "__iter__", "__le__", "__lt__", "__mul__", "__reduce__",
        "__reduce_ex__", "__reversed__", "__rmul__", "__setitem__", "__sizeof__",
        "__subclasshook__",
    ]),
    ("tuple", &[
        "__add__", "__class_getitem__", "__doc__", "__ge__", "__getnewargs__", "__getstate__",
        "__gt__", "__iter__", "__le__", "__lt__", "__mul__", "__reduce__", "__reduce_ex__",
        "__rmul__", "__sizeof__", "__subclasshook__",
    ]),
    ("dict", &[
        "__class_getitem__", "__delitem__", "__doc__", "__ge__", "__getstate__", "__gt__",
        "__ior__", "__iter__", "__le__", "__lt__", "__or__", "__reduce__", "__reduce_ex__",
        "__reversed__", "__ror__", "__setitem__", "__sizeof__", "__subclasshook__",
    ]),
    ("set", &[
        "__and__", "__class_getitem__", "__doc__", "__ge__", "__getstate__", "__gt__", "__iand__",
        "__ior__", "__isub__", "__iter__", "__ixor__", "__le__", "__lt__", "__or__", "__rand__",
        "__reduce__", "__reduce_ex__", "__ror__", "__rsub__", "__rxor__", "__sizeof__", "__sub__",
        "__subclasshook__", "__xor__",
    ]),
    ("frozenset", &[
        "__and__", "__class_getitem__", "__doc__", "__ge__", "__getstate__", "__gt__", "__iter__",
        "__le__", "__lt__", "__or__", "__rand__", "__reduce__", "__reduce_ex__", "__ror__",
        "__rsub__", "__rxor__", "__sizeof__", "__sub__", "__subclasshook__", "__xor__",
    ]),
    ("range", &[
        "__bool__", "__contains__", "__doc__", "__ge__", "__getitem__", "__getstate__", "__gt__",
        "__iter__", "__le__", "__len__", "__lt__", "__reduce__", "__reduce_ex__", "__reversed__",
        "__sizeof__", "__subclasshook__", "start", "step", "stop",
    ]),
    ("NoneType", &[
        "__bool__", "__doc__", "__ge__", "__getstate__", "__gt__", "__le__", "__lt__",
        "__reduce__", "__reduce_ex__", "__sizeof__", "__subclasshook__",
    ]),
    ("builtin_function_or_method", &[
        "__call__", "__doc__", "__ge__", "__getstate__", "__gt__", "__le__", "__lt__",
        "__module__", "__name__", "__qualname__", "__reduce__", "__reduce_ex__", "__self__",
        "__sizeof__", "__subclasshook__", "__text_signature__",
    ]),
    ("function", &[
        "__annotations__", "__builtins__", "__call__", "__closure__", "__code__", "__defaults__",
        "__dict__", "__doc__", "__ge__", "__get__", "__getstate__", "__globals__", "__gt__",
        "__kwdefaults__", "__le__", "__lt__", "__module__", "__name__", "__qualname__",
        "__reduce__", "__reduce_ex__", "__sizeof__", "__subclasshook__",
    ]),
    ("object", &[
        "__dict__", "__doc__", "__ge__", "__getstate__", "__gt__", "__le__", "__lt__",
        "__reduce__", "__reduce_ex__", "__sizeof__", "__subclasshook__", "__weakref__",
    ]),
    ("type", &[
        "__dict__", "__doc__", "__ge__", "__getstate__", "__gt__", "__le__", "__lt__",
        "__reduce__", "__reduce_ex__", "__sizeof__", "__subclasshook__", "__weakref__",
    ]),
    ("BaseException", &[
        "__cause__", "__context__", "__dict__", "__doc__", "__ge__", "__getstate__", "__gt__",
        "__le__", "__lt__", "__reduce__", "__reduce_ex__", "__setstate__", "__sizeof__",
        "__subclasshook__", "__suppress_context__", "__traceback__", "args",
    ]),
];

/// The keys of CPython 3.11's `builtins.__dict__`, in order: among candidates at the same
/// distance the first wins. A NameError's suggestion is chosen among these.
#[rustfmt::skip]
const CPYTHON_BUILTINS_ORDER: &[&str] = &[
    "__name__", "__doc__", "__package__", "__loader__", "__spec__", "__build_class__",
    "__import__", "abs", "all", "any", "ascii", "bin", "breakpoint", "callable", "chr", "compile",
    "delattr", "dir", "divmod", "eval", "exec", "format", "getattr", "globals", "hasattr", "hash",
    "hex", "id", "input", "isinstance", "issubclass", "iter", "aiter", "len", "locals", "max",
    "min", "next", "anext", "oct", "ord", "pow", "print", "repr", "round", "setattr", "sorted",
    "sum", "vars", "None", "Ellipsis", "NotImplemented", "False", "True", "bool", "memoryview",
    "bytearray", "bytes", "classmethod", "complex", "dict", "enumerate", "filter", "float",
    "frozenset", "property", "int", "list", "map", "object", "range", "reversed", "set", "slice",
    "staticmethod", "str", "super", "tuple", "type", "zip", "__debug__", "BaseException",
    "BaseExceptionGroup", "Exception", "GeneratorExit", "KeyboardInterrupt", "SystemExit",
    "ArithmeticError", "AssertionError", "AttributeError", "BufferError", "EOFError",
    "ImportError", "LookupError", "MemoryError", "NameError", "OSError", "ReferenceError",
    "RuntimeError", "StopAsyncIteration", "StopIteration", "SyntaxError", "SystemError",
    "TypeError", "ValueError", "Warning", "FloatingPointError", "OverflowError",
    "ZeroDivisionError", "BytesWarning", "DeprecationWarning", "EncodingWarning", "FutureWarning",
    "ImportWarning", "PendingDeprecationWarning", "ResourceWarning", "RuntimeWarning",
    "SyntaxWarning", "UnicodeWarning", "UserWarning", "BlockingIOError", "ChildProcessError",
    "ConnectionError", "FileExistsError", "FileNotFoundError", "InterruptedError",
    "IsADirectoryError", "NotADirectoryError", "PermissionError", "ProcessLookupError",
    "TimeoutError", "IndentationError", "IndexError", "KeyError", "ModuleNotFoundError",
    "NotImplementedError", "RecursionError", "UnboundLocalError", "UnicodeError",
    "BrokenPipeError", "ConnectionAbortedError", "ConnectionRefusedError", "ConnectionResetError",
    "TabError", "UnicodeDecodeError", "UnicodeEncodeError", "UnicodeTranslateError",
    "ExceptionGroup", "EnvironmentError", "IOError", "open", "quit", "exit", "copyright",
    "credits", "license", "help",
];

/// CPython's `calculate_suggestions`: the closest candidate within a third of the
/// characters involved, the first of equals winning; none past 750 candidates.
fn calculate_suggestion(dir: &[String], name: &str) -> Option<String> {
    if dir.len() >= MAX_CANDIDATE_ITEMS {
        return None;
    }
    let name_b = name.as_bytes();
    let mut best = usize::MAX;
    let mut suggestion: Option<&String> = None;
    for item in dir {
        if item == name {
            continue;
        }
        // No more than 1/3 of the involved characters should need changed.
        let max_distance = (name_b.len() + item.len() + 3) * MOVE_COST / 6;
        // Don't take matches we've already beaten.
        let max_distance = max_distance.min(best.saturating_sub(1));
        let d = levenshtein_distance(name_b, item.as_bytes(), max_distance);
        if d > max_distance {
            continue;
        }
        if suggestion.is_none() || d < best {
            suggestion = Some(item);
            best = d;
        }
    }
    suggestion.cloned()
}

fn substitution_cost(a: u8, b: u8) -> usize {
    if a & 31 != b & 31 {
        return MOVE_COST;
    }
    if a == b {
        return 0;
    }
    if a.eq_ignore_ascii_case(&b) {
        CASE_COST
    } else {
        MOVE_COST
    }
}

/// CPython's `levenshtein_distance` over UTF-8 bytes: moves cost 2, a case flip 1; anything
/// over `max_cost` is reported as `max_cost + 1`.
fn levenshtein_distance(a: &[u8], b: &[u8], max_cost: usize) -> usize {
    let pre = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let (mut a, mut b) = (&a[pre..], &b[pre..]);
    let post = a
        .iter()
        .rev()
        .zip(b.iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    a = &a[..a.len() - post];
    b = &b[..b.len() - post];
    if a.is_empty() || b.is_empty() {
        return (a.len() + b.len()) * MOVE_COST;
    }
    if a.len() > MAX_STRING_SIZE || b.len() > MAX_STRING_SIZE {
        return max_cost + 1;
    }
    // Prefer the shorter buffer.
    if b.len() < a.len() {
        std::mem::swap(&mut a, &mut b);
    }
    // Quick fail when a match is impossible.
    if (b.len() - a.len()) * MOVE_COST > max_cost {
        return max_cost + 1;
    }
    let mut row: Vec<usize> = (1..=a.len()).map(|i| i * MOVE_COST).collect();
    let mut result = 0;
    for (b_index, &code) in b.iter().enumerate() {
        let mut distance = b_index * MOVE_COST;
        result = distance;
        let mut minimum = usize::MAX;
        for (index, &ac) in a.iter().enumerate() {
            // 1) Previous distance in this row is cost(b[:b_index], a[:index]).
            let substitute = distance + substitution_cost(code, ac);
            // 2) cost(b[:b_index], a[:index+1]) from the previous row.
            distance = row[index];
            // 3) The existing result is cost(b[:b_index+1], a[index]).
            let insert_delete = result.min(distance) + MOVE_COST;
            result = insert_delete.min(substitute);
            row[index] = result;
            minimum = minimum.min(result);
        }
        if minimum > max_cost {
            // Everything in this row is too expensive.
            return max_cost + 1;
        }
    }
    result
}

/// Frames of the embedded modules that stand in for modules CPython writes in C
/// (`functools`' partial, reduce and lru_cache, `itertools`, `operator`, `heapq`, `bisect`,
/// `abc`, `_csv`, `datetime`, whose CPython twin `_datetime` replaces it, `decimal` for
/// `_decimal`, `contextvars` for `_contextvars`, `os`, whose file-system calls are the C
/// module `posix`'s, `atexit`):
/// CPython's tracebacks
/// have no frame for a C function, so neither do gilvm's.
pub(crate) fn implemented_in_c(filename: &str) -> bool {
    matches!(
        filename,
        "<gilvm>/functools.py"
            | "<gilvm>/itertools.py"
            | "<gilvm>/operator.py"
            | "<gilvm>/heapq.py"
            | "<gilvm>/bisect.py"
            | "<gilvm>/abc.py"
            | "<gilvm>/_csv.py"
            | "<gilvm>/datetime.py"
            | "<gilvm>/decimal.py"
            | "<gilvm>/contextvars.py"
            | "<gilvm>/os.py"
            | "<gilvm>/atexit.py"
    )
}

fn flush_repeats(out: &mut String, count: usize, cutoff: usize) {
    if count > cutoff {
        let n = count - cutoff;
        out.push_str(&format!(
            "  [Previous line repeated {} more time{}]\n",
            n,
            if n > 1 { "s" } else { "" }
        ));
    }
}

/// `  File "x.py", line 3, in f` plus the source line and, when they say something, carets:
/// CPython 3.11's `tb_displayline` (Python/traceback.c; Lib/traceback.py's
/// `format_frame_summary` is its twin).
pub(crate) fn format_tb_entry(vm: &mut Vm, entry: &TracebackEntry, out: &mut String) {
    let code = &entry.code;
    let idx = entry.index as usize;
    // Past the end: a generator thrown into before it started, at its `def` line.
    let loc = code
        .locations
        .get(idx)
        .copied()
        .unwrap_or(crate::bytecode::Location {
            line: code.firstlineno,
            ..Default::default()
        });
    out.push_str(&format!(
        "  File \"{}\", line {}, in {}\n",
        code.filename, loc.line, code.name
    ));
    let Some(src) = vm.interp.source(&code.filename) else {
        return;
    };
    let line: Vec<char> = src.line_text(loc.line).chars().collect();
    let indent = line.iter().take_while(|c| c.is_whitespace()).count();
    let text_end = line.len() - line.iter().rev().take_while(|c| c.is_whitespace()).count();
    if indent >= text_end {
        return;
    }
    let stripped: String = line[indent..text_end].iter().collect();
    out.push_str("    ");
    out.push_str(&stripped);
    out.push('\n');
    if loc.end_line < loc.line || (loc.end_line == loc.line && loc.end_col <= loc.col) {
        return;
    }
    let start = loc.col as usize;
    if start < indent || start >= line.len() {
        return;
    }
    let (end, anchors) = if loc.end_line == loc.line {
        let end = (loc.end_col as usize).min(line.len());
        (end, caret_anchors(&line[start..end]))
    } else {
        // A multi-line expression is marked up to the last non-blank character of its first line.
        (text_end, None)
    };
    // Carets that would underline the whole line say nothing, unless they single out an
    // operator or a subscript inside it.
    if end - start >= text_end - indent && anchors.is_none() {
        return;
    }
    let mut carets = String::from("    ");
    carets.push_str(&" ".repeat(display_width(&line[indent..start])));
    for (i, &c) in line[start..end].iter().enumerate() {
        let mark = match anchors {
            Some((a, b)) if i < a || i >= b => '~',
            _ => '^',
        };
        for _ in 0..display_width(&[c]) {
            carets.push(mark);
        }
    }
    out.push_str(&carets);
    out.push('\n');
}

/// Columns a terminal gives these characters: two for East Asian wide and full-width ones,
/// one for any other (Lib/traceback.py's `_display_width`).
fn display_width(chars: &[char]) -> usize {
    use unicode_width::UnicodeWidthChar;
    chars
        .iter()
        .map(|c| if c.width() == Some(2) { 2 } else { 1 })
        .sum()
}

/// CPython 3.11 parses the marked segment on its own (`extract_anchors_from_line`): when it is
/// one binary operation, its operator is marked with `^` and its operands with `~`; when it is
/// one subscript, its `[...]` is `^` and the value `~`. Returns the `^` range, in characters
/// from the start of the segment (Lib/traceback.py's `_extract_caret_anchors_from_line_segment`).
fn caret_anchors(segment: &[char]) -> Option<(usize, usize)> {
    use crate::ast::{ExprKind, StmtKind};
    let text: String = segment.iter().collect();
    let src = crate::source::SourceFile::new("<segment>", text.as_str());
    let module = crate::parser::parse_module(&src).ok()?;
    let [stmt] = module.body.as_slice() else {
        return None;
    };
    let StmtKind::Expr(expr) = &stmt.kind else {
        return None;
    };
    // Byte offsets into the segment, as characters.
    let ch = |byte: usize| {
        text.get(..byte)
            .map_or(segment.len(), |s| s.chars().count())
    };
    let n = segment.len();
    match &expr.kind {
        ExprKind::BinOp { left, right, .. } => {
            // The operator is the first non-blank after the left operand, but not a `)`
            // closing it; two characters when the next is not blank (`//`, `**`, and `+(`).
            let (from, to) = (ch(left.span.end), ch(right.span.start).min(n));
            let mut found = None;
            for i in from..to {
                if segment[i].is_whitespace() {
                    continue;
                }
                let wide = i + 1 < to && !segment[i + 1].is_whitespace();
                found = Some((i, i + 1 + usize::from(wide)));
                if i + 1 < to && segment[i] == ')' {
                    continue;
                }
                break;
            }
            found
        }
        ExprKind::Subscript { value, index } => {
            let mut left_anchor = ch(value.span.end);
            let mut right_anchor = ch(index.span.end) + 1;
            while left_anchor < n && segment[left_anchor] != '[' {
                left_anchor += 1;
            }
            while right_anchor < n && segment[right_anchor] != ']' {
                right_anchor += 1;
            }
            if right_anchor < n {
                right_anchor += 1;
            }
            Some((left_anchor, right_anchor.min(n)))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::{calculate_suggestion, levenshtein_distance};

    fn d(a: &str, b: &str, max: usize) -> usize {
        levenshtein_distance(a.as_bytes(), b.as_bytes(), max)
    }

    #[test]
    fn distances_as_cpython_counts_them() {
        assert_eq!(d("Total", "total", 10), 1); // a case flip costs 1
        assert_eq!(d("pritn", "print", 10), 4); // a swap is two substitutions
        assert_eq!(d("appendd", "append", 10), 2); // a deletion costs 2
        assert_eq!(d("x", "id", 2), 3); // over the bound: max + 1
        assert_eq!(d("same", "same", 0), 0);
        let long_a = format!("{}b", "a".repeat(41));
        let long_b = format!("{}cd", "a".repeat(41));
        assert_eq!(d(&long_a, &long_b, 100), 4); // affixes are trimmed first
        let far_a = format!("b{}", "x".repeat(41));
        let far_b = format!("c{}", "y".repeat(41));
        assert_eq!(d(&far_a, &far_b, 100), 101); // past 40 bytes: too far
    }

    #[test]
    fn suggestions_take_the_closest_and_the_first_of_equals() {
        let names = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(
            calculate_suggestion(&names(&["print", "prin", "pritn"]), "pritn").as_deref(),
            Some("prin")
        );
        assert_eq!(
            calculate_suggestion(&names(&["sqrt", "sqr"]), "sqr").as_deref(),
            Some("sqrt")
        );
        assert_eq!(
            calculate_suggestion(&names(&["colour", "color"]), "colr").as_deref(),
            Some("color")
        );
        assert_eq!(
            calculate_suggestion(&names(&["cat", "bat"]), "hat").as_deref(),
            Some("cat")
        );
        assert_eq!(calculate_suggestion(&names(&["zzzzzz"]), "abcdef"), None);
        let many: Vec<String> = (0..750).map(|i| format!("name{i}")).collect();
        assert_eq!(calculate_suggestion(&many, "name1x"), None);
        assert_eq!(
            calculate_suggestion(&many[..749], "name1x").as_deref(),
            Some("name1")
        );
    }
}
