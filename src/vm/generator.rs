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
use std::sync::atomic::{AtomicBool, Ordering};

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

/// What made the frame: a `def` with `yield`, an `async def`, or an `async def` with
/// `yield` (CPython's three `PyGenObject` types).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Kind {
    Generator,
    /// Awaited, never iterated.
    Coroutine,
    /// PEP 525: iterated by `async for` through the awaitables of [`AsyncGenASend`] and
    /// [`AsyncGenAThrow`].
    AsyncGenerator,
}

impl Kind {
    /// The word CPython's messages use ("async generator already executing").
    fn word(self) -> &'static str {
        match self {
            Kind::Generator => "generator",
            Kind::Coroutine => "coroutine",
            Kind::AsyncGenerator => "async generator",
        }
    }

    /// The type's name (`async_generator`).
    fn type_name(self) -> &'static str {
        match self {
            Kind::Generator => "generator",
            Kind::Coroutine => "coroutine",
            Kind::AsyncGenerator => "async_generator",
        }
    }
}

pub struct Generator {
    state: Mutex<State>,
    pub name: String,
    pub qualname: String,
    pub kind: Kind,
    /// An async generator: an `asend`/`athrow` awaitable is running it (CPython's
    /// `ag_running_async`), from its first step to the value it yields or its end.
    running_async: AtomicBool,
    /// The interpreter that made it ([`crate::vm::Interpreter::id`]): the one whose thread
    /// closes it if it is dropped suspended.
    interp: u64,
}

native_object!(
    Generator,
    |this| this.kind.type_name(),
    |this| match this.kind {
        Kind::Generator => types().generator.clone(),
        Kind::Coroutine => types().coroutine.clone(),
        Kind::AsyncGenerator => types().async_generator.clone(),
    },
    {
        /// A generator (not a coroutine) is resumed directly: the method lookup through the
        /// generator type's MRO on every step of a `for` loop was 7% of benches/generators.py.
        fn next_item(&self, vm: &mut Vm) -> Option<PyResult<Option<Value>>> {
            if self.kind != Kind::Generator {
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
            let (running, suspended, awaiting) = match self.kind {
                Kind::Coroutine => ("cr_running", "cr_suspended", "cr_await"),
                Kind::Generator => ("gi_running", "gi_suspended", "gi_yieldfrom"),
                Kind::AsyncGenerator => ("ag_running", "ag_suspended", "ag_await"),
            };
            Some(Ok(match name {
                "__name__" => Value::str(&self.name),
                "__qualname__" => Value::str(&self.qualname),
                // An async generator's `ag_running` is its `ag_running_async`.
                n if n == running && self.kind == Kind::AsyncGenerator => {
                    Value::Bool(self.running_async.load(Ordering::Relaxed))
                }
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
        let what = describe(self.kind, &self.qualname, self as *const Generator as usize);
        let g = Generator {
            state: Mutex::new(State::Suspended(s)),
            name: std::mem::take(&mut self.name),
            qualname: std::mem::take(&mut self.qualname),
            kind: self.kind,
            running_async: AtomicBool::new(false),
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
fn describe(kind: Kind, qualname: &str, addr: usize) -> String {
    format!("<{} object {qualname} at {addr:#x}>", kind.type_name())
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
        kind: {
            use crate::bytecode::code_flags::{ASYNC_GENERATOR, COROUTINE};
            let flags = func.code.flags;
            if flags & COROUTINE != 0 {
                Kind::Coroutine
            } else if flags & ASYNC_GENERATOR != 0 {
                Kind::AsyncGenerator
            } else {
                Kind::Generator
            }
        },
        running_async: AtomicBool::new(false),
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
    as_generator(v).is_some_and(|g| g.kind == Kind::Generator)
}

pub fn is_coroutine(v: &Value) -> bool {
    as_generator(v).is_some_and(|g| g.kind == Kind::Coroutine)
}

/// Whether `v` is an async generator (PEP 525).
pub fn is_async_generator(v: &Value) -> bool {
    as_generator(v).is_some_and(|g| g.kind == Kind::AsyncGenerator)
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
        State::Running => Taken::Done(Err(exc::value_error(format!(
            "{} already executing",
            g.kind.word()
        )))),
        State::Finished => {
            *st = State::Finished;
            Taken::Done(if g.kind == Kind::Coroutine && !closing {
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
                g.kind.word()
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
    } else if as_agen_awaitable(&sub).is_some() {
        agen_awaitable_throw(vm, &sub, err)
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
            let stop_async =
                g.kind == Kind::AsyncGenerator && e.matches(&types().stop_async_iteration);
            if e.matches(&types().stop_iteration) || stop_async {
                let err = exc::runtime_error(format!(
                    "{} raised {}",
                    g.kind.word(),
                    if stop_async {
                        "StopAsyncIteration"
                    } else {
                        "StopIteration"
                    }
                ));
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
        Ok(GenResult::Yield(_)) => Err(exc::runtime_error(format!(
            "{} ignored GeneratorExit",
            g.kind.word()
        ))),
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
        what: describe(g.kind, &g.qualname, v.id()),
    })
}

/// `YIELD_FROM`'s step: send a value into a generator, or take the next item of an iterator.
pub fn send_to(vm: &mut Vm, sub: &Value, sent: Value) -> PyResult<GenResult> {
    if let Some(g) = as_generator(sub) {
        return resume(vm, g, Input::Send(sent), false);
    }
    if let Value::Native(n) = sub
        && let Some(a) = n.as_any().downcast_ref::<AnextAwaitable>()
    {
        return anext_result(a, send_to(vm, &a.it, sent));
    }
    if let Some(a) = as_agen_awaitable(sub) {
        return agen_awaitable_send(vm, a, sent);
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

/// The arguments of `throw`/`athrow` after `self`: one to three, or CPython's
/// `PyArg_UnpackTuple` error naming `what`.
fn throw_args<'a>(rest: &'a [Value], what: &str) -> PyResult<&'a [Value]> {
    match rest.len() {
        1..=3 => Ok(rest),
        0 => Err(exc::type_error(format!(
            "{what} expected at least 1 argument, got 0"
        ))),
        n => Err(exc::type_error(format!(
            "{what} expected at most 3 arguments, got {n}"
        ))),
    }
}

/// `gen.throw(exc)` / `gen.throw(type[, value[, traceback]])` (3.11's signatures): the
/// exception is raised where the generator is suspended.
fn gen_throw(vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    let g = gen_self(args, "throw")?;
    let rest = throw_args(args.get(1..).unwrap_or_default(), "throw")?;
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
    Ok(Value::string(describe(g.kind, &g.qualname, args[0].id())))
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
    register_async(t);
}

// ---------------------------------------------------------------------------------------
// PEP 525: the awaitables of an async generator.
//
// An async generator's frame yields two kinds of values: those its `await`s pass up from
// what they await (the frame is suspended at a `YIELD_FROM`), which go on to the event loop,
// and those of its own `yield`s, which end the `__anext__()`/`asend()` being awaited as
// its result. CPython wraps the second kind (`_PyAsyncGenWrappedValue`); here the place the
// frame is suspended at tells them apart ([`awaiting`]).

/// Where an `asend`/`athrow` awaitable is (CPython's `AWAITABLE_STATE_*`).
#[derive(Clone, Copy, PartialEq, Eq)]
enum AwaitState {
    Init,
    Iter,
    Closed,
}

/// `agen.__anext__()` / `agen.asend(value)`: runs the async generator to its next `yield`,
/// whose value ends it (`StopIteration(value)`); the generator's end is `StopAsyncIteration`.
pub struct AsyncGenASend {
    agen: Value,
    sendval: Value,
    state: Mutex<AwaitState>,
}

/// `agen.athrow(...)` (`args`) / `agen.aclose()` (`args` is `None`): throws into the async
/// generator where it is suspended.
pub struct AsyncGenAThrow {
    agen: Value,
    args: Option<Vec<Value>>,
    state: Mutex<AwaitState>,
}

native_object!(
    AsyncGenASend,
    "async_generator_asend",
    types().async_generator_asend
);
native_object!(
    AsyncGenAThrow,
    "async_generator_athrow",
    types().async_generator_athrow
);

/// The async generator of an awaitable (always one: only [`agen_anext`] and its siblings
/// make them).
fn agen_of(v: &Value) -> PyResult<&Generator> {
    as_generator(v)
        .filter(|g| g.kind == Kind::AsyncGenerator)
        .ok_or_else(|| exc::system_error("async generator awaitable without its generator"))
}

/// Whether `g` is suspended in an `await` (what it yielded goes on to the event loop).
fn awaiting(g: &Generator) -> bool {
    matches!(&*g.state.lock(), State::Suspended(s) if s.delegate().is_some())
}

/// CPython's `async_gen_unwrap_value`: an `await`'s yield passes through; the frame's own
/// `yield` ends the awaitable with its value (`Return`); the frame's end is
/// `StopAsyncIteration`.
fn unwrap_value(g: &Generator, r: PyResult<GenResult>) -> PyResult<GenResult> {
    match r {
        Ok(GenResult::Yield(v)) if awaiting(g) => return Ok(GenResult::Yield(v)),
        _ => g.running_async.store(false, Ordering::Relaxed),
    }
    match r {
        Ok(GenResult::Yield(v)) => Ok(GenResult::Return(v)),
        Ok(GenResult::Return(_)) => {
            Err(PyErr::with_args(&types().stop_async_iteration, Vec::new()))
        }
        Err(e) => Err(e),
    }
}

/// `asend.send(arg)` (CPython's `async_gen_asend_send`).
fn asend_send(vm: &mut Vm, a: &AsyncGenASend, arg: Value) -> PyResult<GenResult> {
    let g = agen_of(&a.agen)?;
    let mut arg = arg;
    match *a.state.lock() {
        AwaitState::Closed => {
            return Err(exc::runtime_error(
                "cannot reuse already awaited __anext__()/asend()",
            ));
        }
        AwaitState::Init => {
            if g.running_async.load(Ordering::Relaxed) {
                return Err(exc::runtime_error(
                    "anext(): asynchronous generator is already running",
                ));
            }
            if arg.is_none() {
                arg = a.sendval.clone();
            }
        }
        AwaitState::Iter => {}
    }
    *a.state.lock() = AwaitState::Iter;
    g.running_async.store(true, Ordering::Relaxed);
    let r = unwrap_value(g, resume(vm, g, Input::Send(arg), false));
    if !matches!(r, Ok(GenResult::Yield(_))) {
        *a.state.lock() = AwaitState::Closed;
    }
    r
}

/// `asend.throw(err)` (CPython's `async_gen_asend_throw`).
fn asend_throw(vm: &mut Vm, a: &AsyncGenASend, err: PyErr) -> PyResult<GenResult> {
    let g = agen_of(&a.agen)?;
    if *a.state.lock() == AwaitState::Closed {
        return Err(exc::runtime_error(
            "cannot reuse already awaited __anext__()/asend()",
        ));
    }
    let r = unwrap_value(g, resume(vm, g, Input::Throw(err), false));
    if !matches!(r, Ok(GenResult::Yield(_))) {
        *a.state.lock() = AwaitState::Closed;
    }
    r
}

/// How an `aclose()` ends once the generator stopped: `StopAsyncIteration` and
/// `GeneratorExit` are its normal end (CPython's `check_error` label).
fn aclose_done(g: &Generator, a: &AsyncGenAThrow, r: PyResult<GenResult>) -> PyResult<GenResult> {
    g.running_async.store(false, Ordering::Relaxed);
    *a.state.lock() = AwaitState::Closed;
    match r {
        Ok(GenResult::Return(_)) => Ok(GenResult::Return(Value::None)),
        Err(e)
            if e.matches(&types().stop_async_iteration) || e.matches(&types().generator_exit) =>
        {
            Ok(GenResult::Return(Value::None))
        }
        other => other,
    }
}

/// An `aclose()` whose generator yielded a value instead of ending.
fn aclose_ignored(g: &Generator, a: &AsyncGenAThrow) -> PyResult<GenResult> {
    g.running_async.store(false, Ordering::Relaxed);
    *a.state.lock() = AwaitState::Closed;
    Err(exc::runtime_error("async generator ignored GeneratorExit"))
}

/// `athrow.send(arg)` (CPython's `async_gen_athrow_send`).
fn athrow_send(vm: &mut Vm, a: &AsyncGenAThrow, arg: Value) -> PyResult<GenResult> {
    let g = agen_of(&a.agen)?;
    let state = *a.state.lock();
    if state == AwaitState::Closed {
        return Err(exc::runtime_error(
            "cannot reuse already awaited aclose()/athrow()",
        ));
    }
    if matches!(&*g.state.lock(), State::Finished) {
        *a.state.lock() = AwaitState::Closed;
        return Ok(GenResult::Return(Value::None));
    }
    let r = if state == AwaitState::Init {
        if g.running_async.load(Ordering::Relaxed) {
            *a.state.lock() = AwaitState::Closed;
            return Err(exc::runtime_error(format!(
                "{}(): asynchronous generator is already running",
                if a.args.is_none() { "aclose" } else { "athrow" }
            )));
        }
        if !arg.is_none() {
            return Err(exc::runtime_error(
                "can't send non-None value to a just-started coroutine",
            ));
        }
        // CPython marks the awaitable and the generator running before it unpacks the
        // arguments (so a bad `athrow()` leaves the generator "running", as there).
        *a.state.lock() = AwaitState::Iter;
        g.running_async.store(true, Ordering::Relaxed);
        let err = match &a.args {
            None => PyErr::with_args(&types().generator_exit, Vec::new()),
            Some(args) => {
                let args = throw_args(args, "athrow")?;
                thrown(vm, &args[0], args.get(1))?
            }
        };
        resume(vm, g, Input::Throw(err), false)
    } else {
        resume(vm, g, Input::Send(arg), false)
    };
    athrow_result(g, a, r)
}

/// What a step of an `athrow`/`aclose` awaitable comes to.
fn athrow_result(g: &Generator, a: &AsyncGenAThrow, r: PyResult<GenResult>) -> PyResult<GenResult> {
    if a.args.is_some() {
        let r = unwrap_value(g, r);
        if !matches!(r, Ok(GenResult::Yield(_))) {
            *a.state.lock() = AwaitState::Closed;
        }
        return r;
    }
    match r {
        Ok(GenResult::Yield(v)) if awaiting(g) => Ok(GenResult::Yield(v)),
        Ok(GenResult::Yield(_)) => aclose_ignored(g, a),
        other => aclose_done(g, a, other),
    }
}

/// `athrow.throw(err)` (CPython's `async_gen_athrow_throw`).
fn athrow_throw(vm: &mut Vm, a: &AsyncGenAThrow, err: PyErr) -> PyResult<GenResult> {
    let g = agen_of(&a.agen)?;
    if *a.state.lock() == AwaitState::Closed {
        return Err(exc::runtime_error(
            "cannot reuse already awaited aclose()/athrow()",
        ));
    }
    let r = resume(vm, g, Input::Throw(err), false);
    athrow_result(g, a, r)
}

/// One of the two awaitables, if `v` is one.
enum AgenAwaitable<'a> {
    Send(&'a AsyncGenASend),
    Throw(&'a AsyncGenAThrow),
}

fn as_agen_awaitable(v: &Value) -> Option<AgenAwaitable<'_>> {
    let Value::Native(n) = v else {
        return None;
    };
    let any = n.as_any();
    if let Some(a) = any.downcast_ref::<AsyncGenASend>() {
        Some(AgenAwaitable::Send(a))
    } else {
        any.downcast_ref::<AsyncGenAThrow>()
            .map(AgenAwaitable::Throw)
    }
}

/// Sends `arg` into an async generator's awaitable, if `v` is one (`YIELD_FROM` and
/// `send()`).
fn agen_awaitable_send(vm: &mut Vm, a: AgenAwaitable<'_>, arg: Value) -> PyResult<GenResult> {
    match a {
        AgenAwaitable::Send(a) => asend_send(vm, a, arg),
        AgenAwaitable::Throw(a) => athrow_send(vm, a, arg),
    }
}

/// Throws `err` into an async generator's awaitable `v` (which must be one).
fn agen_awaitable_throw(vm: &mut Vm, v: &Value, err: PyErr) -> PyResult<GenResult> {
    match as_agen_awaitable(v) {
        Some(AgenAwaitable::Send(a)) => asend_throw(vm, a, err),
        Some(AgenAwaitable::Throw(a)) => athrow_throw(vm, a, err),
        None => Err(err),
    }
}

/// `GET_ANEXT`'s step for an async generator: `agen.__anext__()` without a method call.
pub fn agen_anext_of(v: &Value) -> Option<Value> {
    is_async_generator(v).then(|| asend(v.clone(), Value::None))
}

fn asend(agen: Value, sendval: Value) -> Value {
    Value::Native(Arc::new(Box::new(AsyncGenASend {
        agen,
        sendval,
        state: Mutex::new(AwaitState::Init),
    })))
}

fn agen_self<'a>(args: &'a [Value], what: &str) -> PyResult<&'a Value> {
    match args.first() {
        Some(v) if is_async_generator(v) => Ok(v),
        _ => Err(exc::type_error(format!(
            "descriptor '{what}' requires a 'async_generator' object"
        ))),
    }
}

/// `agen.__aiter__()` returns the generator itself.
fn agen_aiter(_vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    Ok(agen_self(args, "__aiter__")?.clone())
}

/// `agen.__anext__()`
fn agen_anext(_vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    Ok(asend(agen_self(args, "__anext__")?.clone(), Value::None))
}

/// `agen.asend(value)`
fn agen_asend(_vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    let g = agen_self(args, "asend")?.clone();
    let Some(v) = args.get(1).filter(|_| args.len() == 2) else {
        return Err(exc::type_error(format!(
            "async_generator.asend() takes exactly one argument ({} given)",
            args.len().saturating_sub(1)
        )));
    };
    Ok(asend(g, v.clone()))
}

/// `agen.athrow(typ[, val[, tb]])`
fn agen_athrow(_vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    let g = agen_self(args, "athrow")?.clone();
    // Checked when it is awaited, as CPython's `async_gen_athrow_send` does.
    let rest = args.get(1..).unwrap_or_default();
    Ok(Value::Native(Arc::new(Box::new(AsyncGenAThrow {
        agen: g,
        args: Some(rest.to_vec()),
        state: Mutex::new(AwaitState::Init),
    }))))
}

/// `agen.aclose()`
fn agen_aclose(_vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    let g = agen_self(args, "aclose")?.clone();
    Ok(Value::Native(Arc::new(Box::new(AsyncGenAThrow {
        agen: g,
        args: None,
        state: Mutex::new(AwaitState::Init),
    }))))
}

fn awaitable_self<'a>(args: &'a [Value], what: &str) -> PyResult<&'a Value> {
    match args.first() {
        Some(v) if as_agen_awaitable(v).is_some() => Ok(v),
        _ => Err(exc::type_error(format!(
            "descriptor '{what}' requires an async generator awaitable"
        ))),
    }
}

/// `aw.send(value)` / `aw.__next__()`
fn aw_send(vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    let a = awaitable_self(args, "send")?;
    let arg = args.get(1).cloned().unwrap_or(Value::None);
    match as_agen_awaitable(a) {
        Some(a) => yielded(agen_awaitable_send(vm, a, arg)?),
        None => Ok(Value::None),
    }
}

/// `aw.throw(typ[, val[, tb]])`
fn aw_throw(vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    let a = awaitable_self(args, "throw")?;
    let rest = throw_args(args.get(1..).unwrap_or_default(), "throw")?;
    let err = thrown(vm, &rest[0], rest.get(1))?;
    yielded(agen_awaitable_throw(vm, a, err)?)
}

/// `aw.close()`: the awaitable is done with (the generator is not closed).
fn aw_close(_vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    match as_agen_awaitable(awaitable_self(args, "close")?) {
        Some(AgenAwaitable::Send(a)) => *a.state.lock() = AwaitState::Closed,
        Some(AgenAwaitable::Throw(a)) => *a.state.lock() = AwaitState::Closed,
        None => {}
    }
    Ok(Value::None)
}

/// `aw.__await__()` / `aw.__iter__()`: the awaitable is its own iterator.
fn aw_iter(_vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    Ok(awaitable_self(args, "__await__")?.clone())
}

fn aw_repr(_vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    let a = awaitable_self(args, "__repr__")?;
    Ok(Value::string(format!(
        "<{} object at {:#x}>",
        a.type_name(),
        a.id()
    )))
}

/// `anext(it, default)`: awaits `it.__anext__()`'s awaitable (`it`, its iterator here) and
/// gives `default` where it would raise `StopAsyncIteration` (CPython's `anext_awaitable`).
pub struct AnextAwaitable {
    it: Value,
    default: Value,
}

native_object!(AnextAwaitable, "anext_awaitable", types().anext_awaitable);

/// The awaitable `anext(it, default)` returns; `aw` is what `it.__anext__()` returned.
pub fn anext_with_default(vm: &mut Vm, aw: Value, default: Value) -> PyResult<Value> {
    let it = vm.awaitable_iter(aw)?;
    Ok(Value::Native(Arc::new(Box::new(AnextAwaitable {
        it,
        default,
    }))))
}

/// A step of an `anext_awaitable`: `StopAsyncIteration` becomes the default.
fn anext_result(a: &AnextAwaitable, r: PyResult<GenResult>) -> PyResult<GenResult> {
    match r {
        Err(e) if e.matches(&types().stop_async_iteration) => {
            Ok(GenResult::Return(a.default.clone()))
        }
        other => other,
    }
}

fn anext_self<'a>(args: &'a [Value], what: &str) -> PyResult<&'a AnextAwaitable> {
    crate::vm::object::native_self::<AnextAwaitable>(args, "anext_awaitable")
        .map_err(|_| exc::type_error(format!("descriptor '{what}' requires an anext_awaitable")))
}

/// `aw.send(value)` / `aw.__next__()`
fn anext_send(vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    let a = anext_self(args, "send")?;
    let arg = args.get(1).cloned().unwrap_or(Value::None);
    yielded(anext_result(a, send_to(vm, &a.it, arg))?)
}

/// `aw.throw(typ[, val[, tb]])`
fn anext_throw(vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    let a = anext_self(args, "throw")?;
    let rest = throw_args(args.get(1..).unwrap_or_default(), "throw")?;
    let err = thrown(vm, &rest[0], rest.get(1))?;
    let r = if let Some(g) = as_generator(&a.it) {
        resume(vm, g, Input::Throw(err), false)
    } else if as_agen_awaitable(&a.it).is_some() {
        agen_awaitable_throw(vm, &a.it, err)
    } else {
        let m = vm.getattr(&a.it, "throw")?;
        match vm.call(&m, &[err.value()], &[]) {
            Ok(v) => Ok(GenResult::Yield(v)),
            Err(e) if e.matches(&types().stop_iteration) => Ok(GenResult::Return(
                e.args().into_iter().next().unwrap_or(Value::None),
            )),
            Err(e) => Err(e),
        }
    };
    yielded(anext_result(a, r)?)
}

/// `aw.close()`
fn anext_close(vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    let a = anext_self(args, "close")?;
    close_iter(vm, &a.it)?;
    Ok(Value::None)
}

fn anext_iter(_vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    anext_self(args, "__await__")?;
    Ok(args[0].clone())
}

/// The methods of the async generator's type and of its two awaitables' types.
fn register_async(t: &Types) {
    add_method(&t.anext_awaitable, "send", anext_send);
    add_method(&t.anext_awaitable, "__next__", anext_send);
    add_method(&t.anext_awaitable, "throw", anext_throw);
    add_method(&t.anext_awaitable, "close", anext_close);
    add_method(&t.anext_awaitable, "__await__", anext_iter);
    add_method(&t.anext_awaitable, "__iter__", anext_iter);
    add_method(&t.async_generator, "__aiter__", agen_aiter);
    add_method(&t.async_generator, "__anext__", agen_anext);
    add_method(&t.async_generator, "asend", agen_asend);
    add_method(&t.async_generator, "athrow", agen_athrow);
    add_method(&t.async_generator, "aclose", agen_aclose);
    add_method(&t.async_generator, "__repr__", gen_repr);
    for cls in [&t.async_generator_asend, &t.async_generator_athrow] {
        add_method(cls, "send", aw_send);
        add_method(cls, "__next__", aw_send);
        add_method(cls, "throw", aw_throw);
        add_method(cls, "close", aw_close);
        add_method(cls, "__await__", aw_iter);
        add_method(cls, "__iter__", aw_iter);
        add_method(cls, "__repr__", aw_repr);
    }
}
