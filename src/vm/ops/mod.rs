//! The object protocols: what `a + b`, `a < b`, `a.x`, `a[i]`, `f(x)`, `iter(a)`, `repr(a)` do
//! for every kind of value. Built-in types are handled natively first; instances of user classes
//! go through their dunder methods, as in CPython's abstract object layer.
//!
//! Error messages are CPython 3.11's, word for word.
//!
//! | file | owns |
//! |---|---|
//! | `arith.rs` | binary/in-place/unary operators (the number kernels are in `types/`) |
//! | `compare.rs` | comparison, equality, hashing |
//! | `call.rs` | calls |
//! | `attr.rs` | attribute get/set/delete |
//! | `repr.rs` | truth, `repr`, `str` |
//! | `iter.rs` | iteration, `len` |
//! | `subscript.rs` | indexing, slicing, membership |
//! | `text_signature.rs` | CPython's `__text_signature__` of built-in functions and classes |

mod arith;
mod attr;
mod call;
mod compare;
mod iter;
mod keys;
mod repr;
pub(crate) mod slots;
mod subscript;
mod text_signature;

pub use crate::vm::object::pure_cmp::{pure_eq, pure_lt};
pub use crate::vm::types::float::{float_binop, float_divmod};
pub use crate::vm::types::int::int_binop;
pub use arith::*;

use std::cmp::Ordering;
use std::sync::Arc;

use num_bigint::BigInt;
use num_traits::{FromPrimitive, Signed, ToPrimitive, Zero};

use crate::bytecode::{BinaryOp, CompareOp};
use crate::vm::Vm;
use crate::vm::format::float_repr;
use crate::vm::num::{bigint_to_f64, bigint_to_string};
use crate::vm::object::exceptions::{self as exc, PyErr, check_alloc};
use crate::vm::object::registry::{type_of, types};
use crate::vm::object::set_table::Operand;
use crate::vm::object::value::{
    ELLIPSIS, HashKey, KeySet, NOT_IMPLEMENTED, PyStr, TupleHash, Value, is_not_implemented,
    self_hash_key,
};
use crate::vm::object::{
    Class, ClassKind, Dict, Instance, IterObj, KwArgs, PyResult, SeqIter, class_flags,
};
use crate::vm::types::str::str_repr;

impl Vm {
    /// `isinstance(v, cls)`.
    pub fn isinstance(&self, v: &Value, cls: &Arc<Class>) -> bool {
        type_of(v).is_subclass_of(cls)
    }
}

pub(super) fn repeat_seq(seq: &Value, n: usize) -> PyResult<Value> {
    Ok(match seq {
        Value::Str(s) => {
            check_alloc(s.len(), n)?;
            Value::string(s.as_str().repeat(n))
        }
        Value::List(l) => {
            let items = l.snapshot();
            check_alloc(items.len(), n)?;
            let mut out = Vec::with_capacity(items.len() * n);
            for _ in 0..n {
                out.extend(items.iter().cloned());
            }
            Value::list(out)
        }
        Value::Tuple(t) => {
            check_alloc(t.0.len(), n)?;
            let mut out = Vec::with_capacity(t.0.len() * n);
            for _ in 0..n {
                out.extend(t.0.iter().cloned());
            }
            Value::tuple(out)
        }
        _ => unreachable!("repeat_seq is only called with str, list or tuple"),
    })
}

/// Builds a list value from its items.
pub fn new_list(items: Vec<Value>) -> Value {
    Value::list(items)
}

/// Builds a tuple value.
pub fn new_tuple(items: Vec<Value>) -> Value {
    Value::tuple(items)
}

/// Builds a str value.
pub fn new_str(s: &str) -> Value {
    Value::Str(Arc::new(PyStr::new(s)))
}
