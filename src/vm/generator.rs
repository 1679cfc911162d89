//! Generators: a suspended frame that `next()` / `send()` resume until its next `yield`.
//!
//! The frame is taken out of the generator's lock while it runs (no lock is held while
//! Python code runs); a second thread resuming the same generator meanwhile gets CPython's
//! `ValueError: generator already executing`.

use std::sync::Arc;

use parking_lot::Mutex;

use crate::vm::Vm;
use crate::vm::exceptions::{self as exc};
use crate::vm::frame::Frame;
use crate::vm::object::native_object;
use crate::vm::object::{Function, KwArgs, PyResult};
use crate::vm::types::{Types, add_method, types};
use crate::vm::value::Value;

enum State {
    /// Not started, or suspended at a `yield`.
    Suspended {
        frame: Box<Frame>,
        started: bool,
    },
    Running,
    Finished,
}

pub struct Generator {
    state: Mutex<State>,
    pub name: String,
    pub qualname: String,
    /// Made by calling an `async def` function: awaited, never iterated.
    pub coroutine: bool,
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
        fn getattr(&self, _vm: &mut Vm, name: &str) -> Option<PyResult<Value>> {
            match name {
                "__name__" => Some(Ok(Value::str(&self.name))),
                "__qualname__" => Some(Ok(Value::str(&self.qualname))),
                _ => None,
            }
        }
    }
);

/// What one resumption produced.
pub enum GenResult {
    Yield(Value),
    Return(Value),
}

pub fn new_generator(frame: Frame, func: &Arc<Function>) -> Value {
    let g = Generator {
        state: Mutex::new(State::Suspended {
            frame: Box::new(frame),
            started: false,
        }),
        name: func.name.lock().to_string(),
        qualname: func.qualname.lock().to_string(),
        coroutine: func.code.flags & crate::bytecode::code_flags::COROUTINE != 0,
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

/// Resumes `gen`, sending `sent` (which must be None for a generator not started yet).
pub fn resume(vm: &mut Vm, g: &Generator, sent: Value) -> PyResult<GenResult> {
    let taken = std::mem::replace(&mut *g.state.lock(), State::Running);
    let (mut frame, started) = match taken {
        State::Suspended { frame, started } => (frame, started),
        State::Running => {
            *g.state.lock() = State::Running;
            return Err(exc::value_error("generator already executing"));
        }
        State::Finished => {
            *g.state.lock() = State::Finished;
            if g.coroutine {
                return Err(exc::runtime_error("cannot reuse already awaited coroutine"));
            }
            return Ok(GenResult::Return(Value::None));
        }
    };
    if started {
        frame.stack.push(sent);
    } else if !sent.is_none() {
        *g.state.lock() = State::Suspended { frame, started };
        return Err(exc::type_error(
            "can't send non-None value to a just-started generator",
        ));
    }
    frame.yielded = false;
    let r = match vm.enter_call() {
        Ok(()) => {
            let r = vm.run_frame(&mut frame);
            vm.leave_call();
            r
        }
        Err(e) => Err(e),
    };
    match r {
        Ok(v) if frame.yielded => {
            *g.state.lock() = State::Suspended {
                frame,
                started: true,
            };
            Ok(GenResult::Yield(v))
        }
        Ok(v) => {
            *g.state.lock() = State::Finished;
            Ok(GenResult::Return(v))
        }
        Err(e) => {
            *g.state.lock() = State::Finished;
            if e.matches(&types().stop_iteration) {
                return Err(exc::runtime_error(if g.coroutine {
                    "coroutine raised StopIteration"
                } else {
                    "generator raised StopIteration"
                }));
            }
            Err(e)
        }
    }
}

/// `YIELD_FROM`'s step: send a value into a generator, or take the next item of an iterator.
pub fn send_to(vm: &mut Vm, sub: &Value, sent: Value) -> PyResult<GenResult> {
    if let Some(g) = as_generator(sub) {
        return resume(vm, g, sent);
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

/// `gen.__next__()`
fn gen_next(vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    let g = gen_self(args, "__next__")?;
    match resume(vm, g, Value::None)? {
        GenResult::Yield(v) => Ok(v),
        GenResult::Return(v) => Err(exc::stop_iteration(if v.is_none() {
            None
        } else {
            Some(v)
        })),
    }
}

/// `gen.send(value)`
fn gen_send(vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    let g = gen_self(args, "send")?;
    let sent = args.get(1).cloned().unwrap_or(Value::None);
    match resume(vm, g, sent)? {
        GenResult::Yield(v) => Ok(v),
        GenResult::Return(v) => Err(exc::stop_iteration(if v.is_none() {
            None
        } else {
            Some(v)
        })),
    }
}

/// `gen.__iter__()` returns the generator itself.
fn gen_iter(_vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    gen_self(args, "__iter__")?;
    Ok(args[0].clone())
}

/// `gen.close()`: a suspended generator is finished without running its `finally` blocks
/// (GeneratorExit is not thrown in yet).
fn gen_close(_vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    let g = gen_self(args, "close")?;
    let mut st = g.state.lock();
    if !matches!(*st, State::Running) {
        *st = State::Finished;
    }
    Ok(Value::None)
}

fn gen_repr(_vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    let g = gen_self(args, "__repr__")?;
    Ok(Value::string(format!(
        "<{} object {} at {:#x}>",
        if g.coroutine {
            "coroutine"
        } else {
            "generator"
        },
        g.qualname,
        args[0].id()
    )))
}

pub fn register(t: &Types) {
    add_method(&t.generator, "__next__", gen_next);
    add_method(&t.generator, "__iter__", gen_iter);
    add_method(&t.generator, "send", gen_send);
    add_method(&t.generator, "close", gen_close);
    add_method(&t.generator, "__repr__", gen_repr);
    add_method(&t.coroutine, "send", gen_send);
    add_method(&t.coroutine, "close", gen_close);
    add_method(&t.coroutine, "__repr__", gen_repr);
}
