//! Generators and coroutines: a suspended frame that `next()` / `send()` resume until its next
//! `yield`, that `throw()` resumes with an exception raised at that `yield`, and that
//! `close()` finishes by throwing `GeneratorExit` in, as CPython 3.11's `genobject.c` does.
//!
//! - The frame is taken out of the generator's lock while it runs (no lock is held while
//!   Python code runs); a second thread resuming the same generator meanwhile gets CPython's
//!   `ValueError: generator already executing`.
//! - Suspended at a `yield from` / `await` (the frame's next instruction is `YIELD_FROM`, its
//!   stack top the sub-iterator), `throw()` and `close()` go to the sub-iterator first
//!   (CPython's `_PyGen_yf`, `gen_close_iter`).
//! - The exceptions being handled by `except` bodies of the frame when it yields are taken
//!   off the thread's `exc_info` and put back when it resumes (CPython's `gi_exc_state`), so
//!   they do not leak into the caller.
//! - A suspended generator with live `try`/`with` blocks that is dropped is closed later by
//!   the thread that dropped it (`finalize.rs`): its `finally` blocks run, as CPython runs
//!   them from the generator's finalizer.

use std::sync::Arc;
use std::sync::atomic::Ordering;

use parking_lot::Mutex;

use crate::bytecode::Instruction;
use crate::vm::Vm;
use crate::vm::frame::{BlockKind, Frame};
use crate::vm::object::exceptions::{self as exc, PyErr};
use crate::vm::object::finalize::{self, Unraisable};
use crate::vm::object::native_object;
use crate::vm::object::registry::{Types, add_method, types};
use crate::vm::object::value::Value;
use crate::vm::object::{Function, KwArgs, PyResult};

/// A frame between two resumptions.
struct Suspended {
    frame: Box<Frame>,
    /// Whether it ran at all (a generator not started yet sits before its first line).
    started: bool,
    /// The exceptions its `except` bodies were handling when it yielded, innermost last.
    exc_info: Vec<Value>,
}

impl Suspended {
    /// Where the frame is suspended in a `yield from` / `await`: its sub-iterator.
    fn delegate(&self) -> Option<&Value> {
        let at = self.frame.code.instructions.get(self.frame.pc);
        if self.started && matches!(at, Some(Instruction::YieldFrom)) {
            self.frame.stack.last()
        } else {
            None
        }
    }

    /// Whether closing it can run code: a `try`/`with` block is live, or a sub-iterator
    /// must be closed. Otherwise `GeneratorExit` would unwind it with no visible effect.
    fn needs_close(&self) -> bool {
        self.started && (!self.frame.blocks.is_empty() || self.delegate().is_some())
    }
}

enum State {
    /// Not started, or suspended at a `yield`.
    Suspended(Suspended),
    Running,
    Finished,
}

pub struct Generator {
    state: Mutex<State>,
    pub name: String,
    pub qualname: String,
    /// Made by calling an `async def` function: awaited, never iterated.
    pub coroutine: bool,
    /// The interpreter that made it ([`crate::vm::Interpreter::id`]): the one whose thread
    /// closes it if it is dropped suspended.
    interp: u64,
}

native_object!(
    Generator,
    |this| {
        if this.coroutine {
            "coroutine"
        } else {
            "generator"
        }
    },
    |this| {
        if this.coroutine {
            types().coroutine.clone()
        } else {
            types().generator.clone()
        }
    },
    {
        /// A generator (not a coroutine) is resumed directly: the method lookup through the
        /// generator type's MRO on every step of a `for` loop was 7% of benches/generators.py.
        fn next_item(&self, vm: &mut Vm) -> Option<PyResult<Option<Value>>> {
            if self.coroutine {
                return None;
            }
            Some(
                resume(vm, self, Input::Send(Value::None), false).map(|r| match r {
                    GenResult::Yield(v) => Some(v),
                    GenResult::Return(_) => None,
                }),
            )
        }

        fn getattr(&self, _vm: &mut Vm, name: &str) -> Option<PyResult<Value>> {
            let st = || self.state.lock();
            let (running, suspended, awaiting) = if self.coroutine {
                ("cr_running", "cr_suspended", "cr_await")
            } else {
                ("gi_running", "gi_suspended", "gi_yieldfrom")
            };
            Some(Ok(match name {
                "__name__" => Value::str(&self.name),
                "__qualname__" => Value::str(&self.qualname),
                n if n == running => Value::Bool(matches!(*st(), State::Running)),
                n if n == suspended => {
                    Value::Bool(matches!(&*st(), State::Suspended(s) if s.started))
                }
                n if n == awaiting => match &*st() {
                    State::Suspended(s) => s.delegate().cloned().unwrap_or(Value::None),
                    _ => Value::None,
                },
                _ => return None,
            }))
        }
    }
);

impl Drop for Generator {
    /// CPython closes a suspended generator when it is freed (`_PyGen_Finalize`): its
    /// `finally` blocks run. That is Python code, which cannot run here (no `Vm`, and a
    /// lock may be held), so the frame moves into a new generator that the dropping
    /// thread closes at its next safe point (`finalize.rs`).
    fn drop(&mut self) {
        let State::Suspended(s) = std::mem::replace(self.state.get_mut(), State::Finished) else {
            return;
        };
        if !s.needs_close() {
            return;
        }
        let what = describe(
            self.coroutine,
            &self.qualname,
            self as *const Generator as usize,
        );
        let g = Generator {
            state: Mutex::new(State::Suspended(s)),
            name: std::mem::take(&mut self.name),
            qualname: std::mem::take(&mut self.qualname),
            coroutine: self.coroutine,
            interp: self.interp,
        };
        // Not queued (no VM of that interpreter on this thread): `g` is dropped with the
        // closure, finished first so that its own drop does not come back here.
        finalize::defer(self.interp, move || {
            Box::new(move |vm: &mut Vm| {
                let r = close(vm, &g);
                // Closed once: even if it ignored GeneratorExit, its frame is just dropped.
                *g.state.lock() = State::Finished;
                r.map_err(|err| Unraisable { err, what })
            })
        });
    }
}

/// `<generator object NAME at 0x…>`: the object in "Exception ignored in: …".
fn describe(coroutine: bool, qualname: &str, addr: usize) -> String {
    let kind = if coroutine { "coroutine" } else { "generator" };
    format!("<{kind} object {qualname} at {addr:#x}>")
}

/// What one resumption produced.
pub enum GenResult {
    Yield(Value),
    Return(Value),
}

/// How a generator is resumed.
enum Input {
    /// `next()` / `send(value)`: `value` is the result of the `yield`.
    Send(Value),
    /// `throw()` / `close()`: the exception is raised where the frame is suspended.
    Throw(PyErr),
}

pub fn new_generator(vm: &Vm, frame: Frame, func: &Arc<Function>) -> Value {
    let g = Generator {
        state: Mutex::new(State::Suspended(Suspended {
            frame: Box::new(frame),
            started: false,
            exc_info: Vec::new(),
        })),
        name: func.name.lock().to_string(),
        qualname: func.qualname.lock().to_string(),
        coroutine: func.code.flags & crate::bytecode::code_flags::COROUTINE != 0,
        interp: vm.interp.id,
    };
    Value::Native(Arc::new(Box::new(g)))
}

fn as_generator(v: &Value) -> Option<&Generator> {
    match v {
        Value::Native(n) => n.as_any().downcast_ref::<Generator>(),
        _ => None,
    }
}

pub fn is_generator(v: &Value) -> bool {
    as_generator(v).is_some_and(|g| !g.coroutine)
}

pub fn is_coroutine(v: &Value) -> bool {
    as_generator(v).is_some_and(|g| g.coroutine)
}

/// What [`take`] found.
enum Taken {
    /// The suspended frame, out of the generator (which is `Running` until it is put back).
    Run(Suspended, Input),
    /// It cannot run: already running, or finished.
    Done(PyResult<GenResult>),
}

/// Takes the suspended frame out of `g`, or says what resuming it comes to instead
/// (`closing`: from `close()`, which is silent on a finished coroutine).
fn take(g: &Generator, input: Input, closing: bool) -> Taken {
    let mut st = g.state.lock();
    match std::mem::replace(&mut *st, State::Running) {
        State::Suspended(s) => Taken::Run(s, input),
        State::Running => Taken::Done(Err(exc::value_error(if g.coroutine {
            "coroutine already executing"
        } else {
            "generator already executing"
        }))),
        State::Finished => {
            *st = State::Finished;
            Taken::Done(if g.coroutine && !closing {
                Err(exc::runtime_error("cannot reuse already awaited coroutine"))
            } else {
                // A finished generator returns None to `send` and re-raises what is
                // thrown in.
                match input {
                    Input::Send(_) => Ok(GenResult::Return(Value::None)),
                    Input::Throw(e) => Err(e),
                }
            })
        }
    }
}

/// Resumes `g` with `input`. Errors are the generator's exception, after PEP 479 (a
/// `StopIteration` escaping the frame becomes `RuntimeError`).
fn resume(vm: &mut Vm, g: &Generator, input: Input, closing: bool) -> PyResult<GenResult> {
    let (mut s, input) = match take(g, input, closing) {
        Taken::Run(s, input) => (s, input),
        Taken::Done(r) => return r,
    };
    let input = match input {
        Input::Send(v) if !s.started && !v.is_none() => {
            *g.state.lock() = State::Suspended(s);
            return Err(exc::type_error(format!(
                "can't send non-None value to a just-started {}",
                if g.coroutine {
                    "coroutine"
                } else {
                    "generator"
                }
            )));
        }
        Input::Throw(e) if !closing && s.delegate().is_some() => {
            match throw_to_delegate(vm, &mut s, e) {
                Delegated::Yield(v) => {
                    *g.state.lock() = State::Suspended(s);
                    return Ok(GenResult::Yield(v));
                }
                Delegated::Resume(input) => input,
            }
        }
        other => other,
    };
    run(vm, g, s, input)
}

/// What throwing into the sub-iterator of a `yield from` came to.
enum Delegated {
    /// It yielded: so does the generator, still suspended at its `YIELD_FROM`.
    Yield(Value),
    /// The generator's own frame goes on past the `yield from`, with its value or an
    /// exception (the sub-iterator is off the stack).
    Resume(Input),
}

/// CPython's `_gen_throw` for a frame in a `yield from`: `GeneratorExit` closes the
/// sub-iterator and is then raised here; anything else goes to the sub-iterator's `throw`.
fn throw_to_delegate(vm: &mut Vm, s: &mut Suspended, err: PyErr) -> Delegated {
    let Some(sub) = s.delegate().cloned() else {
        return Delegated::Resume(Input::Throw(err));
    };
    if err.matches(&types().generator_exit) {
        return Delegated::Resume(Input::Throw(match close_iter(vm, &sub) {
            Ok(()) => err,
            Err(e) => e,
        }));
    }
    let r = if let Some(sg) = as_generator(&sub) {
        resume(vm, sg, Input::Throw(err), false)
    } else {
        match vm.getattr_opt(&sub, "throw") {
            Ok(Some(m)) => match vm.call(&m, &[err.value()], &[]) {
                Ok(v) => Ok(GenResult::Yield(v)),
                Err(e) if e.matches(&types().stop_iteration) => Ok(GenResult::Return(
                    e.args().into_iter().next().unwrap_or(Value::None),
                )),
                Err(e) => Err(e),
            },
            Ok(None) => return Delegated::Resume(Input::Throw(err)),
            Err(e) => Err(e),
        }
    };
    match r {
        Ok(GenResult::Yield(v)) => Delegated::Yield(v),
        done => {
            // The `yield from` is over: off with the sub-iterator, on past YIELD_FROM.
            s.frame.stack.pop();
            s.frame.pc += 1;
            match done {
                Ok(GenResult::Return(v)) => Delegated::Resume(Input::Send(v)),
                Err(e) => Delegated::Resume(Input::Throw(e)),
                Ok(GenResult::Yield(_)) => Delegated::Resume(Input::Send(Value::None)),
            }
        }
    }
}

/// Runs the frame of `g` from where it is suspended, and puts it back (or finishes it).
fn run(vm: &mut Vm, g: &Generator, mut s: Suspended, input: Input) -> PyResult<GenResult> {
    if let Err(e) = vm.enter_call() {
        *g.state.lock() = State::Suspended(s);
        return Err(e);
    }
    let base = vm.exc_info.len();
    let own_exc = !s.exc_info.is_empty();
    vm.exc_info.append(&mut s.exc_info);
    let frame = &mut s.frame;
    frame.yielded = false;
    let r = match input {
        Input::Send(v) => {
            if s.started {
                frame.stack.push(v);
            }
            s.started = true;
            vm.run_frame(frame)
        }
        Input::Throw(err) => {
            // Raised at the `yield` (or `yield from`) it is suspended at; a frame not
            // started yet is at its `def` line (index past the end: `firstlineno`).
            let at = if !s.started {
                usize::MAX
            } else if matches!(
                frame.code.instructions.get(frame.pc),
                Some(Instruction::YieldFrom)
            ) {
                frame.pc
            } else {
                frame.pc.saturating_sub(1)
            };
            s.started = true;
            // CPython chains a thrown exception to the generator's own handled one only.
            if own_exc {
                err.set_context(vm.exc_info.last().cloned());
            }
            vm.throw_into_frame(frame, err, at)
        }
    };
    vm.leave_call();
    match r {
        Ok(v) if frame.yielded => {
            let handlers = frame
                .blocks
                .iter()
                .filter(|b| b.kind == BlockKind::ExceptHandler)
                .count();
            let keep = vm.exc_info.len().saturating_sub(handlers).max(base);
            s.exc_info = vm.exc_info.split_off(keep);
            *g.state.lock() = State::Suspended(s);
            Ok(GenResult::Yield(v))
        }
        Ok(v) => {
            vm.exc_info.truncate(base);
            *g.state.lock() = State::Finished;
            Ok(GenResult::Return(v))
        }
        Err(e) => {
            vm.exc_info.truncate(base);
            *g.state.lock() = State::Finished;
            if e.matches(&types().stop_iteration) {
                let err = exc::runtime_error(if g.coroutine {
                    "coroutine raised StopIteration"
                } else {
                    "generator raised StopIteration"
                });
                // `raise RuntimeError(...) from e`, as CPython's `_PyErr_FormatFromCause`.
                if let Some(st) = err.exc.exc() {
                    *st.cause.lock() = Some(e.value());
                    *st.context.lock() = Some(e.value());
                    st.suppress_context
                        .store(true, std::sync::atomic::Ordering::Relaxed);
                }
                return Err(err);
            }
            Err(e)
        }
    }
}

/// CPython's `gen_close_iter`: closes a `yield from`'s sub-iterator (a generator's `close`,
/// or the iterator's own `close` method if it has one).
fn close_iter(vm: &mut Vm, sub: &Value) -> PyResult<()> {
    if let Some(g) = as_generator(sub) {
        return close(vm, g);
    }
    match vm.getattr_opt(sub, "close") {
        Ok(Some(m)) => vm.call0(&m).map(drop),
        Ok(None) => Ok(()),
        Err(e) => {
            let what = vm.repr(sub).unwrap_or_default();
            vm.write_unraisable(&Unraisable { err: e, what });
            Ok(())
        }
    }
}

/// `gen.close()`: throws `GeneratorExit` in (after closing a `yield from`'s sub-iterator);
/// the generator must not yield again.
pub fn close(vm: &mut Vm, g: &Generator) -> PyResult<()> {
    let mut err = exc::PyErr::with_args(&types().generator_exit, Vec::new());
    let delegate = match &*g.state.lock() {
        State::Suspended(s) => s.delegate().cloned(),
        _ => None,
    };
    if let Some(sub) = delegate {
        // The generator counts as running while its sub-iterator closes.
        let s = match std::mem::replace(&mut *g.state.lock(), State::Running) {
            State::Suspended(s) => s,
            other => {
                *g.state.lock() = other;
                return Ok(());
            }
        };
        let r = close_iter(vm, &sub);
        *g.state.lock() = State::Suspended(s);
        if let Err(e) = r {
            err = e;
        }
    }
    match resume(vm, g, Input::Throw(err), true) {
        Ok(GenResult::Yield(_)) => Err(exc::runtime_error(if g.coroutine {
            "coroutine ignored GeneratorExit"
        } else {
            "generator ignored GeneratorExit"
        })),
        Ok(GenResult::Return(_)) => Ok(()),
        Err(e) if e.matches(&types().generator_exit) || e.matches(&types().stop_iteration) => {
            Ok(())
        }
        Err(e) => Err(e),
    }
}

/// A frame left by exception `err`: its locals that are suspended generators with something
/// to close move into the exception, which keeps them until it goes (CPython's traceback
/// keeps the frame, so they close after the `except` body, or after the traceback is
/// printed, not before).
pub fn keep_for_traceback(frame: &Frame, err: &PyErr) {
    let Some(st) = err.exc.exc() else {
        return;
    };
    for v in &frame.locals {
        if as_generator(v)
            .is_some_and(|g| matches!(&*g.state.lock(), State::Suspended(s) if s.needs_close()))
        {
            // A counted clone (the frame drops its own reference as it ends).
            st.keep_alive.lock().push(v.clone());
        }
    }
}

impl Vm {
    /// At the end of the program (after the other threads): closes the suspended generators
    /// that `__main__`'s globals hold, in the order they were bound, then runs what that
    /// queued. CPython's final collection finalizes them (module globals and the functions
    /// and frames that refer back to them form cycles). Skipped while other threads live.
    pub fn finalize_main(&mut self) {
        if self.interp.live_threads.load(Ordering::SeqCst) > 0 {
            return;
        }
        let main = self.interp.modules.lock().get("__main__").cloned();
        if let Some(crate::vm::object::value::Value::Module(m)) = main {
            for v in m.dict.values() {
                if let Err(u) = close_at_exit(self, &v) {
                    self.write_unraisable(&u);
                }
            }
        }
        self.run_pending_finalizers(None);
    }
}

/// At the end of the program: closes `v` if it is a suspended generator that closing would
/// run code in (CPython's final collection finalizes the generators `__main__` holds).
pub fn close_at_exit(vm: &mut Vm, v: &Value) -> Result<(), Unraisable> {
    let Some(g) = as_generator(v) else {
        return Ok(());
    };
    if !matches!(&*g.state.lock(), State::Suspended(s) if s.needs_close()) {
        return Ok(());
    }
    let r = close(vm, g);
    *g.state.lock() = State::Finished;
    r.map_err(|err| Unraisable {
        err,
        what: describe(g.coroutine, &g.qualname, v.id()),
    })
}

/// `YIELD_FROM`'s step: send a value into a generator, or take the next item of an iterator.
pub fn send_to(vm: &mut Vm, sub: &Value, sent: Value) -> PyResult<GenResult> {
    if let Some(g) = as_generator(sub) {
        return resume(vm, g, Input::Send(sent), false);
    }
    let item = if sent.is_none() {
        vm.next(sub)?
    } else {
        Some(vm.call_method(sub, "send", &[sent])?)
    };
    Ok(match item {
        Some(v) => GenResult::Yield(v),
        None => GenResult::Return(Value::None),
    })
}

fn gen_self<'a>(args: &'a [Value], what: &str) -> PyResult<&'a Generator> {
    args.first().and_then(as_generator).ok_or_else(|| {
        exc::type_error(format!(
            "descriptor '{}' requires a 'generator' object",
            what
        ))
    })
}

/// A resumption's outcome as `__next__`/`send`/`throw` return it.
fn yielded(r: GenResult) -> PyResult<Value> {
    match r {
        GenResult::Yield(v) => Ok(v),
        GenResult::Return(v) => Err(exc::stop_iteration(if v.is_none() {
            None
        } else {
            Some(v)
        })),
    }
}

/// `gen.__next__()`
fn gen_next(vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    let g = gen_self(args, "__next__")?;
    yielded(resume(vm, g, Input::Send(Value::None), false)?)
}

/// `gen.send(value)`
fn gen_send(vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    let g = gen_self(args, "send")?;
    let sent = args.get(1).cloned().unwrap_or(Value::None);
    yielded(resume(vm, g, Input::Send(sent), false)?)
}

/// `gen.throw(exc)` / `gen.throw(type[, value[, traceback]])` (3.11's signatures): the
/// exception is raised where the generator is suspended.
fn gen_throw(vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    let g = gen_self(args, "throw")?;
    let rest = args.get(1..).unwrap_or_default();
    if rest.is_empty() || rest.len() > 3 {
        return Err(exc::type_error(format!(
            "throw expected at least 1 argument, got {}",
            rest.len()
        )));
    }
    let tb = rest.get(2).filter(|tb| !tb.is_none());
    let is_traceback = |v: &Value| {
        matches!(v, Value::Native(n)
            if n.as_any().downcast_ref::<crate::vm::types::exceptions::Traceback>().is_some())
    };
    if let Some(tb) = tb
        && !is_traceback(tb)
    {
        return Err(exc::type_error(
            "throw() third argument must be a traceback object",
        ));
    }
    let err = thrown(vm, &rest[0], rest.get(1))?;
    if let (Some(tb), Some(st)) = (tb, err.exc.exc()) {
        crate::vm::types::exceptions::set_traceback(st, tb)?;
    }
    yielded(resume(vm, g, Input::Throw(err), false)?)
}

/// The exception `throw(typ, val)` raises (CPython's `_gen_throw` argument rules).
fn thrown(vm: &mut Vm, typ: &Value, val: Option<&Value>) -> PyResult<PyErr> {
    let val = val.filter(|v| !v.is_none());
    match typ {
        Value::Class(c) if c.is_exception => match val {
            Some(Value::Instance(i)) if i.exc().is_some() && i.class.is_subclass_of(c) => {
                Ok(PyErr::from_instance(i.clone()))
            }
            Some(v) => {
                let args = match v {
                    Value::Tuple(t) => t.0.to_vec(),
                    other => vec![other.clone()],
                };
                match vm.call(typ, &args, &[])? {
                    Value::Instance(i) if i.exc().is_some() => Ok(PyErr::from_instance(i)),
                    _ => Err(exc::type_error("exceptions must derive from BaseException")),
                }
            }
            None => vm.make_exception(typ),
        },
        Value::Instance(i) if i.exc().is_some() => {
            if val.is_some() {
                return Err(exc::type_error(
                    "instance exception may not have a separate value",
                ));
            }
            Ok(PyErr::from_instance(i.clone()))
        }
        other => Err(exc::type_error(format!(
            "exceptions must be classes or instances deriving from BaseException, not {}",
            other.type_name()
        ))),
    }
}

/// `gen.__iter__()` returns the generator itself.
fn gen_iter(_vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    gen_self(args, "__iter__")?;
    Ok(args[0].clone())
}

/// `gen.close()`
fn gen_close(vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    let g = gen_self(args, "close")?;
    close(vm, g)?;
    Ok(Value::None)
}

fn gen_repr(_vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    let g = gen_self(args, "__repr__")?;
    Ok(Value::string(describe(
        g.coroutine,
        &g.qualname,
        args[0].id(),
    )))
}

pub fn register(t: &Types) {
    for cls in [&t.generator, &t.coroutine] {
        add_method(cls, "send", gen_send);
        add_method(cls, "throw", gen_throw);
        add_method(cls, "close", gen_close);
        add_method(cls, "__repr__", gen_repr);
    }
    add_method(&t.generator, "__next__", gen_next);
    add_method(&t.generator, "__iter__", gen_iter);
}
