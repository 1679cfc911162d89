//! Raising and printing exceptions.
//!
//! A Python exception is an ordinary instance of a class deriving from `BaseException`, whose
//! `ExcState` carries `args`, the traceback, `__context__` and `__cause__`. On the Rust side it
//! travels as [`PyErr`], one pointer wide, in `PyResult`'s error slot. Tracebacks are printed in
//! CPython 3.11's layout, including its caret lines.

use std::sync::Arc;

use crate::bytecode::Instruction;
use crate::vm::Vm;
use crate::vm::code::Code;
use crate::vm::object::{Class, Instance, TracebackEntry};
use crate::vm::types::types;
use crate::vm::value::Value;

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
        if let Some(st) = &inst.exc {
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
            .exc
            .as_ref()
            .map(|s| s.args.lock().clone())
            .unwrap_or_default()
    }

    /// The traceback so far, outermost frame first: (file, line, function name).
    pub fn traceback_frames(&self) -> Vec<(String, u32, String)> {
        let Some(st) = &self.exc.exc else {
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
    pub fn add_traceback(&self, code: &Arc<Code>, index: usize) {
        if let Some(st) = &self.exc.exc {
            st.traceback.lock().insert(
                0,
                TracebackEntry {
                    code: code.clone(),
                    index: index as u32,
                },
            );
        }
    }

    /// Sets `__context__` (the exception being handled when this one was raised).
    pub fn set_context(&self, ctx: Option<Value>) {
        if let (Some(st), Some(ctx)) = (&self.exc.exc, ctx) {
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
    if cls.module != "builtins" && cls.module != "__main__" {
        name.push_str(&cls.module);
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

impl Vm {
    /// CPython's `PyErr_WriteUnraisable`: an exception nobody can catch (raised by `__del__`
    /// or a generator's `finally` run by the runtime) is printed to stderr and dropped.
    pub fn report_unraisable(&mut self, e: &PyErr, obj: &Value) {
        let r = self
            .repr(obj)
            .unwrap_or_else(|_| "<object repr() failed>".to_string());
        let value = e.value();
        let text = format_exception(self, &value);
        self.interp
            .write_stderr(&format!("Exception ignored in: {r}\n{text}"));
    }
}

/// The full report CPython prints for an uncaught exception, chained causes and contexts first.
pub fn format_exception(vm: &mut Vm, exc: &Value) -> String {
    let mut out = String::new();
    let mut seen = Vec::new();
    format_chain(vm, exc, &mut out, &mut seen);
    out
}

fn format_chain(vm: &mut Vm, exc: &Value, out: &mut String, seen: &mut Vec<usize>) {
    seen.push(exc.id());
    if let Value::Instance(inst) = exc
        && let Some(st) = &inst.exc
    {
        let cause = st.cause.lock().clone();
        let context = st.context.lock().clone();
        if let Some(c) = cause.filter(|c| !c.is_none() && !seen.contains(&c.id())) {
            format_chain(vm, &c, out, seen);
            out.push_str(
                "\nThe above exception was the direct cause of the following exception:\n\n",
            );
        } else if let Some(c) =
            context.filter(|c| !st.suppress_context() && !seen.contains(&c.id()))
        {
            format_chain(vm, &c, out, seen);
            out.push_str(
                "\nDuring handling of the above exception, another exception occurred:\n\n",
            );
        }
    }
    format_one(vm, exc, out);
}

/// One exception's report without its chain: what CPython's default `sys.unraisablehook`
/// prints after "Exception ignored in: …".
pub fn format_exception_unchained(vm: &mut Vm, exc: &Value) -> String {
    let mut out = String::new();
    format_one(vm, exc, &mut out);
    out
}

/// One exception's traceback and last line.
fn format_one(vm: &mut Vm, exc: &Value, out: &mut String) {
    if let Value::Instance(inst) = exc
        && let Some(st) = &inst.exc
    {
        let tb = st.traceback.lock().clone();
        if !tb.is_empty() {
            out.push_str("Traceback (most recent call last):\n");
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
    }
    out.push_str(&exception_line(vm, exc));
    out.push('\n');
}

/// Frames of the embedded modules that stand in for modules CPython writes in C
/// (`functools`' partial, reduce and lru_cache, `itertools`, `operator`, `heapq`, `bisect`,
/// `abc`):
/// CPython's tracebacks
/// have no frame for a C function, so neither do gilvm's.
fn implemented_in_c(filename: &str) -> bool {
    matches!(
        filename,
        "<gilvm>/functools.py"
            | "<gilvm>/itertools.py"
            | "<gilvm>/operator.py"
            | "<gilvm>/heapq.py"
            | "<gilvm>/bisect.py"
            | "<gilvm>/abc.py"
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

/// `  File "x.py", line 3, in f` plus the source line and, when they say something, carets.
fn format_tb_entry(vm: &mut Vm, entry: &TracebackEntry, out: &mut String) {
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
    let line = src.line_text(loc.line);
    let stripped = line.trim_start();
    if stripped.is_empty() {
        return;
    }
    let indent = line.chars().count() - stripped.chars().count();
    out.push_str("    ");
    out.push_str(stripped.trim_end());
    out.push('\n');
    // Carets only for a one-line segment that is not the whole line (CPython 3.11's rule).
    if loc.end_line != loc.line || loc.end_col <= loc.col {
        return;
    }
    let (start, end) = (loc.col as usize, loc.end_col as usize);
    let stripped_len = stripped.trim_end().chars().count();
    if start < indent {
        return;
    }
    let seg: Vec<char> = line.chars().collect();
    let anchors = code
        .instructions
        .get(idx)
        .and_then(|ins| caret_anchors(ins, &seg, start, end.min(seg.len())));
    // CPython 3.11 omits the carets when they would underline the whole line, unless they
    // single out an operator or a subscript inside it.
    if end - start >= stripped_len && anchors.is_none() {
        return;
    }
    let mut carets = String::new();
    carets.push_str("    ");
    carets.push_str(&" ".repeat(start - indent));
    for c in start..end {
        let ch = match anchors {
            Some((a, b)) if c >= a && c < b => '^',
            Some(_) => '~',
            None => '^',
        };
        carets.push(ch);
    }
    out.push_str(&carets);
    out.push('\n');
}

/// CPython 3.11 marks a binary operator with `^` and its operands with `~`, and a subscript's
/// `[...]` with `^`. Returns the `^` range (character columns) when the segment is one of those.
fn caret_anchors(
    ins: &Instruction,
    line: &[char],
    start: usize,
    end: usize,
) -> Option<(usize, usize)> {
    match ins {
        Instruction::Binary(op) | Instruction::Inplace(op) => {
            // Find the operator at bracket depth 0 scanning the segment from the right for the
            // lowest-precedence occurrence is what ast does; a left-to-right scan at depth 0 that
            // takes the last match of the symbol gives the same answer for left-associative
            // chains, which is where carets are drawn.
            let sym: Vec<char> = op.symbol().chars().collect();
            let mut depth = 0i32;
            let mut found = None;
            let mut i = start;
            let mut quote: Option<char> = None;
            while i < end {
                let c = line[i];
                if let Some(q) = quote {
                    if c == q {
                        quote = None;
                    }
                    i += 1;
                    continue;
                }
                match c {
                    '\'' | '"' => quote = Some(c),
                    '(' | '[' | '{' => depth += 1,
                    ')' | ']' | '}' => depth -= 1,
                    _ => {}
                }
                if depth == 0 && i > start && line[i..end.min(line.len())].starts_with(&sym) {
                    let before = line[i - 1];
                    let after = line.get(i + sym.len()).copied().unwrap_or(' ');
                    let is_longer = (sym == ['*'] && (after == '*' || before == '*'))
                        || (sym == ['/'] && (after == '/' || before == '/'))
                        || (sym.len() == 1 && after == '=');
                    if !is_longer {
                        found = Some((i, i + sym.len()));
                    }
                }
                i += 1;
            }
            found
        }
        Instruction::BinarySubscr => {
            let seg = &line[start..end];
            if seg.last() != Some(&']') {
                return None;
            }
            let mut depth = 0;
            for i in (start..end).rev() {
                match line[i] {
                    ']' | ')' | '}' => depth += 1,
                    '[' | '(' | '{' => {
                        depth -= 1;
                        if depth == 0 {
                            return Some((i, end));
                        }
                    }
                    _ => {}
                }
            }
            None
        }
        _ => None,
    }
}
