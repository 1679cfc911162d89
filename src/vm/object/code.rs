//! A loaded code object: the compiler's [`CodeObject`] together with its constants and names
//! turned into this interpreter's values, once, when the code is loaded.
//!
//! Promises:
//! - Each `co_consts` entry becomes one value, made once per load, so every `LOAD_CONST` of an
//!   entry pushes the very same object (`x is x` holds for a constant tuple or string), and a
//!   nested code constant becomes a `Value::Code` of its own loaded `Code`, built recursively.
//! - `name_values` are the `co_names` as interned strings, the keys that globals, class and
//!   instance dicts are filled with, so name lookups stop at a pointer compare.
//! - `Code` derefs to its `CodeObject`: `code.instructions`, `code.name` and the other
//!   bytecode-level fields read as before, while `code.consts` is the values. The eval loop
//!   borrows a `&Code` for a whole frame run and indexes `consts` directly.

use std::ops::Deref;
use std::sync::Arc;

use crate::bytecode::{CodeObject, Constant, code_flags};
use crate::vm::object::value::{Value, intern};

/// A [`CodeObject`] with its constants as values: what frames, functions, generators and
/// `Value::Code` hold.
#[derive(Debug)]
pub struct Code {
    /// The bytecode, shared with anything that needs only positions or instructions (the
    /// tracer, the scheduler, `dis`).
    pub object: Arc<CodeObject>,
    /// `co_consts` as values, parallel to `object.consts`.
    pub consts: Box<[Value]>,
    /// `co_names` as interned strings (`Value::Str`), parallel to `object.names`.
    pub name_values: Box<[Value]>,
    /// What a call needs to know to build a frame, copied from `object` so that the call path
    /// reads it from the `Code` it already holds instead of following one more pointer.
    pub shape: FrameShape,
}

/// The frame a code object runs in, as a call sees it.
#[derive(Debug, Clone, Copy)]
pub struct FrameShape {
    /// Fast locals (`co_nlocals`).
    pub nlocals: u32,
    /// Cell and free variables.
    pub ncells: u32,
    /// The deepest the value stack gets.
    pub max_stack: u32,
    /// The positional argument count of a call that needs no argument binding: exactly the
    /// positional parameters, and no `*args`, `**kwargs`, keyword-only parameters or cells,
    /// not a generator or coroutine. `u32::MAX` when no call is that simple.
    pub simple_argc: u32,
    /// No instruction writes local 0 ([`CodeObject::keeps_arg0`]).
    pub keeps_arg0: bool,
}

impl FrameShape {
    fn of(co: &CodeObject) -> FrameShape {
        let simple = co.flags
            & (code_flags::VARARGS
                | code_flags::VARKEYWORDS
                | code_flags::GENERATOR
                | code_flags::COROUTINE
                | code_flags::ASYNC_GENERATOR)
            == 0
            && co.kwonlyargcount == 0
            && co.ncells() == 0;
        FrameShape {
            nlocals: co.nlocals() as u32,
            ncells: co.ncells() as u32,
            max_stack: co.max_stack,
            simple_argc: if simple { co.argcount } else { u32::MAX },
            keeps_arg0: co.keeps_arg0,
        }
    }
}

impl Code {
    /// Loads `object`: its constants (and, recursively, those of the code objects among them)
    /// become values.
    pub fn new(object: Arc<CodeObject>) -> Arc<Code> {
        let consts = object.consts.iter().map(value_of).collect();
        let name_values = object.names.iter().map(|n| Value::Str(intern(n))).collect();
        Arc::new(Code {
            shape: FrameShape::of(&object),
            object,
            consts,
            name_values,
        })
    }
}

impl Deref for Code {
    type Target = CodeObject;

    #[inline(always)]
    fn deref(&self) -> &CodeObject {
        &self.object
    }
}

/// The value a constant stands for.
fn value_of(c: &Constant) -> Value {
    match c {
        Constant::None => Value::None,
        Constant::Bool(b) => Value::Bool(*b),
        Constant::Int(i) => Value::Int(*i),
        Constant::BigInt(b) => Value::BigInt(Arc::new(b.clone())),
        Constant::Float(x) => Value::Float(*x),
        Constant::Complex(re, im) => crate::vm::object::complex::complex_value(*re, *im),
        Constant::Str(s) => Value::str(s),
        Constant::Bytes(b) => Value::bytes(&**b),
        Constant::Tuple(items) => Value::tuple(items.iter().map(value_of).collect()),
        Constant::Code(c) => Value::Code(Code::new(c.clone())),
        Constant::Ellipsis => crate::vm::object::value::ELLIPSIS.clone(),
    }
}
