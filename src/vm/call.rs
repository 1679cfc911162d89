//! Calling a Python function: making function objects (`MAKE_FUNCTION`), binding call
//! arguments to parameters (CPython's rules and messages), and running the new frame.

use std::sync::Arc;

use crate::bytecode::{code_flags, make_function as mf};
use crate::vm::Vm;
use crate::vm::eval::*;
use crate::vm::frame::{Frame, FrameObject};
use crate::vm::object::exceptions::{self as exc, PyErr};
use crate::vm::object::value::Value;
use crate::vm::object::{Dict, Function, KwArgs, PyResult};

/// A function's fast locals and cells, as a fresh dict (CPython's `locals()` snapshot).
fn fast_locals(frame: &Frame) -> Arc<Dict> {
    let d = Arc::new(Dict::new());
    let code = &frame.code;
    for (name, v) in code.varnames.iter().zip(&frame.locals) {
        if !matches!(v, Value::Null) {
            d.set_str(name, v.clone());
        }
    }
    let cell_names = code.cellvars.iter().chain(&code.freevars);
    for (name, cell) in cell_names.zip(&frame.cells) {
        if let Some(v) = cell.get() {
            d.set_str(name, v);
        }
    }
    d
}

impl Vm {
    /// Calls a Python function: binds the arguments into a new frame and runs it (or, for a
    /// generator function, returns the generator).
    pub fn call_function(
        &mut self,
        func: &Arc<Function>,
        args: &[Value],
        kwargs: &KwArgs,
    ) -> PyResult<Value> {
        let frame = self.bind_arguments(func, args, kwargs)?;
        if func.code.flags
            & (code_flags::GENERATOR | code_flags::COROUTINE | code_flags::ASYNC_GENERATOR)
            != 0
        {
            return Ok(crate::vm::generator::new_generator(self, *frame, func));
        }
        self.run_call_frame(frame)
    }

    /// `globals()`, `locals()`, `vars()` and `dir()` called with no argument need the calling
    /// frame, which native functions do not see: the loop answers them here.
    #[cold]
    pub(crate) fn frame_builtin(
        &mut self,
        frame: &Frame,
        func: crate::vm::object::NativeFn,
        args: &[Value],
    ) -> PyResult<Option<Value>> {
        use crate::vm::builtins as b;
        let is = |f: crate::vm::object::NativeFn| std::ptr::fn_addr_eq(func, f);
        if let [source] = args {
            // `eval(src)`, `exec(src)`: in the caller's globals and locals (a module or class
            // body's namespace, a function's locals as a snapshot, as `locals()` gives them).
            let name = if is(b::bi_eval) { "eval" } else { "exec" };
            let locals = self.frame_locals(frame);
            return b::run_string(self, name, source, frame.globals.clone(), locals).map(Some);
        }
        if is(b::bi_globals) {
            return Ok(Some(Value::Dict(frame.globals.clone())));
        }
        if is(crate::vm::modules::sys::getframe) {
            // `sys._getframe()`: the caller's frame, its locals as they are now.
            let pc = self.obs.pc as usize;
            let Some(obj) = self.frames.top_object() else {
                return Ok(None);
            };
            if let Some(o) = FrameObject::of(&obj) {
                o.snapshot(frame, pc, None);
            }
            return Ok(Some(obj));
        }
        if !(is(b::bi_locals) || is(b::bi_vars) || is(b::bi_dir)) {
            return Ok(None);
        }
        if let Some(map) = &frame.ns_map
            && !is(b::bi_dir)
        {
            // A class body whose `__prepare__` gave a mapping object: that object.
            return Ok(Some(map.clone()));
        }
        let locals = self.frame_locals(frame);
        if is(b::bi_dir) {
            let mut names: Vec<String> = locals
                .keys()
                .iter()
                .filter_map(|k| k.as_str().map(str::to_string))
                .collect();
            names.sort();
            return Ok(Some(Value::list(
                names.into_iter().map(Value::string).collect(),
            )));
        }
        Ok(Some(Value::Dict(locals)))
    }

    /// `locals()` of `frame`, the innermost: a module or class body's namespace, or the one
    /// dict of a function's frame, kept in its `frame` object (made now if it has none) and
    /// refreshed from its locals ([`FrameObject::locals`]).
    fn frame_locals(&mut self, frame: &Frame) -> Arc<Dict> {
        if let Some(ns) = &frame.ns {
            return ns.clone();
        }
        let pc = self.obs.pc as usize;
        let obj = self.frames.top_object();
        match obj.as_ref().and_then(FrameObject::of) {
            Some(o) => {
                o.snapshot(frame, pc, None);
                o.locals()
            }
            None => fast_locals(frame),
        }
    }

    /// Runs a fresh function frame (counting it towards the recursion limit), then gives its
    /// buffers back to the pool.
    #[inline]
    pub(crate) fn run_call_frame(&mut self, mut frame: Box<Frame>) -> PyResult<Value> {
        let r = match self.enter_call() {
            Ok(()) => {
                let r = self.run_frame(&mut frame);
                self.leave_call();
                r
            }
            Err(e) => Err(e),
        };
        if let Err(e) = &r {
            crate::vm::generator::keep_for_traceback(&frame, e);
        }
        self.frame_pool.recycle(frame);
        r
    }

    /// The common call: exactly the positional parameters, no cells, not a generator. The
    /// arguments are moved from the caller's stack (`stack[args_at..]`) into the new frame.
    #[inline]
    pub(crate) fn call_simple(
        &mut self,
        func: &Arc<Function>,
        stack: &mut Vec<Value>,
        args_at: usize,
    ) -> PyResult<Value> {
        // Moved out leaving `Null`s (dropped without work), cheaper than a `Drain`.
        let args = stack[args_at..]
            .iter_mut()
            .map(|v| std::mem::replace(v, Value::Null));
        let frame = self.frame_pool.frame(&func.code, &func.globals, &[], args);
        stack.truncate(args_at);
        self.run_call_frame(frame)
    }
}

impl Vm {
    /// `MAKE_FUNCTION`: qualname and code on top, then closure, annotations, kw-defaults,
    /// defaults as the flags say.
    pub(crate) fn make_function(
        &mut self,
        frame: &Frame,
        stack: &mut Vec<Value>,
        flags: u32,
    ) -> PyResult<Value> {
        let qualname = pop!(stack);
        let code = pop!(stack);
        let Value::Code(code) = code else {
            return Err(stack_underflow());
        };
        let closure = if flags & mf::CLOSURE != 0 {
            match pop!(stack) {
                Value::Tuple(t) => {
                    t.0.iter()
                        .filter_map(|c| match c {
                            Value::Cell(c) => Some(c.clone()),
                            _ => None,
                        })
                        .collect()
                }
                _ => Vec::new(),
            }
        } else {
            Vec::new()
        };
        let annotations = if flags & mf::ANNOTATIONS != 0 {
            Some(pop!(stack))
        } else {
            None
        };
        let kwdefaults = if flags & mf::KWDEFAULTS != 0 {
            match pop!(stack) {
                Value::Dict(d) => d
                    .items()
                    .into_iter()
                    .filter_map(|(k, v)| k.as_str().map(|s| (Arc::from(s), v)))
                    .collect(),
                _ => Vec::new(),
            }
        } else {
            Vec::new()
        };
        let defaults = if flags & mf::DEFAULTS != 0 {
            match pop!(stack) {
                Value::Tuple(t) => t.0.clone(),
                _ => Vec::new(),
            }
        } else {
            Vec::new()
        };
        let qualname: Arc<str> = Arc::from(qualname.as_str().unwrap_or(&code.qualname));
        // `__module__` is read from the globals when asked (not stored: CPython keeps it
        // out of the function's `__dict__` too).
        let attrs = Dict::new();
        let f = Arc::new(Function {
            name: parking_lot::Mutex::new(Arc::from(code.name.as_str())),
            qualname: parking_lot::Mutex::new(qualname),
            code,
            globals: frame.globals.clone(),
            defaults: parking_lot::Mutex::new(defaults),
            kwdefaults: parking_lot::Mutex::new(kwdefaults),
            closure,
            annotations: parking_lot::Mutex::new(annotations),
            weakrefd: Default::default(),
            attrs,
            gc: Default::default(),
        });
        crate::vm::object::gc::function(&f);
        Ok(Value::Function(f))
    }
}

impl Vm {
    /// Binds call arguments to a new frame's parameters (CPython's argument-clinic rules and
    /// messages).
    pub fn bind_arguments(
        &mut self,
        func: &Arc<Function>,
        args: &[Value],
        kwargs: &KwArgs,
    ) -> PyResult<Box<Frame>> {
        let co = &func.code;
        let mut frame = self
            .frame_pool
            .frame(co, &func.globals, &func.closure, std::iter::empty());
        let argcount = co.argcount as usize;
        let simple = co.flags & (code_flags::VARARGS | code_flags::VARKEYWORDS) == 0
            && co.kwonlyargcount == 0;
        let plain = simple && kwargs.is_empty();
        if plain && args.len() == argcount {
            frame.locals[..argcount].clone_from_slice(args);
        } else if !(plain && fill_defaults(func, &mut frame, args)) {
            self.bind_slow(func, &mut frame, args, kwargs)?;
        }
        for (i, slot) in co.cell2arg.iter().enumerate() {
            if let Some(slot) = slot {
                frame.cells[i].set(Some(std::mem::replace(
                    &mut frame.locals[*slot as usize],
                    Value::Null,
                )));
            }
        }
        Ok(frame)
    }

    #[cold]
    pub(crate) fn bind_slow(
        &mut self,
        func: &Arc<Function>,
        frame: &mut Frame,
        args: &[Value],
        kwargs: &KwArgs,
    ) -> PyResult<()> {
        let co = &func.code;
        // Only error messages need the name: read it then, not on every call.
        let qualname = || func.qualname.lock().clone();
        let argcount = co.argcount as usize;
        let posonly = co.posonlyargcount as usize;
        let nkwonly = co.kwonlyargcount as usize;
        let has_varargs = co.flags & code_flags::VARARGS != 0;
        let has_varkw = co.flags & code_flags::VARKEYWORDS != 0;
        let npos = args.len().min(argcount);
        frame.locals[..npos].clone_from_slice(&args[..npos]);
        let varargs_slot = argcount + nkwonly;
        let varkw_slot = varargs_slot + has_varargs as usize;
        if has_varargs {
            let extra = if args.len() > argcount {
                args[argcount..].to_vec()
            } else {
                Vec::new()
            };
            frame.locals[varargs_slot] = Value::tuple(extra);
        }
        let kwdict = if has_varkw {
            let d = Arc::new(Dict::new());
            frame.locals[varkw_slot] = Value::Dict(d.clone());
            Some(d)
        } else {
            None
        };
        for (name, value) in kwargs {
            let pos = co.varnames[..argcount + nkwonly]
                .iter()
                .position(|n| n == name);
            match pos {
                Some(j) if j >= posonly => {
                    if !matches!(frame.locals[j], Value::Null) {
                        return Err(exc::type_error(format!(
                            "{}() got multiple values for argument '{}'",
                            qualname(),
                            name
                        )));
                    }
                    frame.locals[j] = value.clone();
                }
                _ => match &kwdict {
                    Some(d) => d.set_str(name, value.clone()),
                    None => {
                        let passed: Vec<&str> = kwargs
                            .iter()
                            .map(|(k, _)| &**k)
                            .filter(|k| co.varnames[..posonly].iter().any(|n| &**n == *k))
                            .collect();
                        if !passed.is_empty() {
                            return Err(exc::type_error(format!(
                                "{}() got some positional-only arguments passed as keyword \
                                 arguments: '{}'",
                                qualname(),
                                passed.join(", ")
                            )));
                        }
                        return Err(exc::type_error(format!(
                            "{}() got an unexpected keyword argument '{}'",
                            qualname(),
                            name
                        )));
                    }
                },
            }
        }
        // CPython 3.11 checks the count of positional arguments after the keywords.
        if !has_varargs && args.len() > argcount {
            let ndefaults = func.defaults.lock().len();
            let given_kw = kwargs
                .iter()
                .filter(|(k, _)| {
                    co.varnames[argcount..argcount + nkwonly]
                        .iter()
                        .any(|n| n == k)
                })
                .count();
            let takes = if ndefaults > 0 {
                format!(
                    "from {} to {} positional arguments",
                    argcount - ndefaults,
                    argcount
                )
            } else {
                format!(
                    "{} positional argument{}",
                    argcount,
                    if argcount == 1 { "" } else { "s" }
                )
            };
            let given = if given_kw > 0 {
                format!(
                    "{} positional argument{} (and {} keyword-only argument{})",
                    args.len(),
                    if args.len() == 1 { "" } else { "s" },
                    given_kw,
                    if given_kw == 1 { "" } else { "s" }
                )
            } else {
                format!("{}", args.len())
            };
            let verb = if args.len() == 1 && given_kw == 0 {
                "was"
            } else {
                "were"
            };
            return Err(exc::type_error(format!(
                "{}() takes {} but {} {} given",
                qualname(),
                takes,
                given,
                verb
            )));
        }
        let mut missing = Vec::new();
        {
            let defaults = func.defaults.lock();
            let first_default = argcount - defaults.len().min(argcount);
            for j in 0..argcount {
                if matches!(frame.locals[j], Value::Null) {
                    if j >= first_default {
                        frame.locals[j] = defaults[j - first_default].clone();
                    } else {
                        missing.push(co.varnames[j].clone());
                    }
                }
            }
        }
        if !missing.is_empty() {
            return Err(missing_args(&qualname(), &missing, "positional"));
        }
        for j in argcount..argcount + nkwonly {
            if matches!(frame.locals[j], Value::Null) {
                let name = &co.varnames[j];
                let found = func
                    .kwdefaults
                    .lock()
                    .iter()
                    .find(|(k, _)| k == name)
                    .cloned();
                match found {
                    Some((_, v)) => frame.locals[j] = v,
                    None => missing.push(name.clone()),
                }
            }
        }
        if !missing.is_empty() {
            return Err(missing_args(&qualname(), &missing, "keyword-only"));
        }
        Ok(())
    }
}

/// Binds positional arguments that leave only parameters with defaults unfilled (`f(x)` for
/// `def f(x, step=1)`): the common case of a call with defaults, without `bind_slow`'s checks.
/// False (nothing bound) when the arguments do not fit that shape.
#[inline]
fn fill_defaults(func: &Function, frame: &mut Frame, args: &[Value]) -> bool {
    let argcount = func.code.argcount as usize;
    let defaults = func.defaults.lock();
    if args.len() > argcount || args.len() + defaults.len() < argcount || defaults.len() > argcount
    {
        return false;
    }
    frame.locals[..args.len()].clone_from_slice(args);
    let first_default = argcount - defaults.len();
    frame.locals[args.len()..argcount].clone_from_slice(&defaults[args.len() - first_default..]);
    true
}

/// `f() missing 2 required positional arguments: 'a' and 'b'`
#[cold]
pub(crate) fn missing_args(qualname: &str, names: &[Arc<str>], kind: &str) -> PyErr {
    let quoted: Vec<String> = names.iter().map(|n| format!("'{}'", n)).collect();
    let list = match quoted.len() {
        1 => quoted[0].clone(),
        2 => format!("{} and {}", quoted[0], quoted[1]),
        n => format!("{}, and {}", quoted[..n - 1].join(", "), quoted[n - 1]),
    };
    exc::type_error(format!(
        "{}() missing {} required {} argument{}: {}",
        qualname,
        names.len(),
        kind,
        if names.len() == 1 { "" } else { "s" },
        list
    ))
}
