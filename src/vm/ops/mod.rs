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

mod arith;
mod attr;
mod call;
mod compare;
mod iter;
mod keys;
mod repr;
mod subscript;

pub use crate::vm::types::float::{float_binop, float_divmod};
pub use crate::vm::types::int::int_binop;
pub use arith::*;
pub use subscript::*;

use std::cmp::Ordering;
use std::sync::{Arc, LazyLock};

use num_bigint::BigInt;
use num_traits::{FromPrimitive, Signed, ToPrimitive, Zero};

use crate::bytecode::{BinaryOp, CompareOp};
use crate::vm::Vm;
use crate::vm::exceptions::{self as exc, PyErr};
use crate::vm::format::float_repr;
use crate::vm::object::{
    Class, ClassKind, Dict, Instance, IterObj, KwArgs, PyResult, SeqIter, SliceObj, class_flags,
};
use crate::vm::types::set_table::Operand;
use crate::vm::types::str::str_repr;
use crate::vm::types::{type_of, types};
use crate::vm::value::{HashKey, KeySet, PyStr, Value, hash_bigint, hash_f64, hash_i64};

/// The `NotImplemented` singleton that binary dunder methods return to decline.
pub static NOT_IMPLEMENTED: LazyLock<Value> = LazyLock::new(|| {
    Value::Instance(Arc::new(Instance::new(
        types().not_implemented_type.clone(),
    )))
});
/// The `Ellipsis` singleton (`...`).
pub static ELLIPSIS: LazyLock<Value> =
    LazyLock::new(|| Value::Instance(Arc::new(Instance::new(types().ellipsis_type.clone()))));

pub fn is_not_implemented(v: &Value) -> bool {
    v.is(&NOT_IMPLEMENTED)
}
impl Vm {
    /// `isinstance(v, cls)`.
    pub fn isinstance(&self, v: &Value, cls: &Arc<Class>) -> bool {
        type_of(v).is_subclass_of(cls)
    }
}

/// Refuses sequences whose size would be absurd (`[0] * 10**12`): MemoryError, as CPython.
pub fn check_alloc(len: usize, times: usize) -> PyResult<()> {
    match len.checked_mul(times) {
        Some(n) if n <= (1 << 32) => Ok(()),
        _ => Err(exc::memory_error()),
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

/// Hash of a built-in value (no Python code runs).
pub fn self_hash_key(v: &Value) -> PyResult<HashKey> {
    let hash = match v {
        Value::Str(s) => s.hash() as i64,
        Value::Int(i) => hash_i64(*i),
        Value::Bool(b) => *b as i64,
        Value::BigInt(b) => hash_bigint(b),
        Value::Float(x) => hash_f64(*x),
        Value::None => 0x5f3759df,
        Value::Tuple(t) => tuple_hash(&t.0)?,
        Value::Set(s) if s.frozen => s.items.lock().frozen_hash(),
        // A slice is unhashable until Python 3.12.
        Value::List(_) | Value::Dict(_) | Value::Set(_) | Value::Slice(_) => {
            return Err(exc::type_error(format!(
                "unhashable type: '{}'",
                v.type_name()
            )));
        }
        Value::Instance(inst)
            if inst.class.lookup("__eq__").is_some() && inst.class.lookup("__hash__").is_none() =>
        {
            return Err(exc::type_error(format!(
                "unhashable type: '{}'",
                inst.class.name
            )));
        }
        other => (other.id() >> 4) as i64,
    };
    Ok(HashKey {
        value: v.clone(),
        hash,
    })
}

/// CPython 3.8+'s tuple hash (xxHash-based), of items that hash without user code.
pub(super) fn tuple_hash(items: &[Value]) -> PyResult<i64> {
    let mut h = TupleHash::new();
    for item in items {
        h.add(self_hash_key(item)?.hash);
    }
    Ok(h.finish(items.len()))
}

/// CPython 3.8+'s tuple hash (xxHash-based), fed the items' hashes one by one.
pub(super) struct TupleHash(u64);

impl TupleHash {
    const P1: u64 = 11400714785074694791;
    const P2: u64 = 14029467366897019727;
    const P5: u64 = 2870177450012600261;

    pub(super) fn new() -> TupleHash {
        TupleHash(Self::P5)
    }
    pub(super) fn add(&mut self, lane: i64) {
        let acc = self.0.wrapping_add((lane as u64).wrapping_mul(Self::P2));
        self.0 = acc.rotate_left(31).wrapping_mul(Self::P1);
    }
    pub(super) fn finish(self, len: usize) -> i64 {
        let acc = self.0.wrapping_add((len as u64) ^ (Self::P5 ^ 3527539));
        if acc == u64::MAX {
            1546275796
        } else {
            acc as i64
        }
    }
}

/// `<__main__.Foo object at 0x…>`
pub fn default_object_repr(v: &Value) -> String {
    let cls = type_of(v);
    if cls.module == "builtins" {
        format!("<{} object at {:#x}>", cls.qualname, v.id())
    } else {
        format!("<{}.{} object at {:#x}>", cls.module, cls.qualname, v.id())
    }
}

/// Decimal text of a big int, with CPython's 4300-digit limit.
pub fn bigint_to_string(b: &BigInt) -> PyResult<String> {
    // bits * log10(2) bounds the digit count from below closely enough to reject early.
    if b.bits() as f64 * std::f64::consts::LOG10_2 > INT_MAX_STR_DIGITS as f64 + 1.0 {
        return Err(exc::value_error(format!(
            "Exceeds the limit ({} digits) for integer string conversion; use sys.set_int_max_str_digits() to increase the limit",
            INT_MAX_STR_DIGITS
        )));
    }
    let s = b.to_string();
    let digits = s.trim_start_matches('-').len();
    if digits > INT_MAX_STR_DIGITS {
        return Err(exc::value_error(format!(
            "Exceeds the limit ({} digits) for integer string conversion; use sys.set_int_max_str_digits() to increase the limit",
            INT_MAX_STR_DIGITS
        )));
    }
    Ok(s)
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
