//! The object protocols: what `a + b`, `a < b`, `a.x`, `a[i]`, `f(x)`, `iter(a)`, `repr(a)` do
//! for every kind of value. Built-in types are handled natively first; instances of user classes
//! go through their dunder methods, as in CPython's abstract object layer.
//!
//! Error messages are CPython 3.11's, word for word.

use std::cmp::Ordering;
use std::sync::{Arc, LazyLock};

use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{FromPrimitive, Signed, ToPrimitive, Zero};

use crate::bytecode::{BinaryOp, CompareOp};
use crate::vm::Vm;
use crate::vm::exceptions::{self as exc, PyErr};
use crate::vm::format::float_repr;
use crate::vm::object::{
    BoundMethod, Class, ClassKind, Dict, Instance, IterObj, KwArgs, List, PyResult, SeqIter,
    SliceObj, Tuple,
};
use crate::vm::pyset::Operand;
use crate::vm::types::{str_repr, type_of, types};
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

/// CPython refuses to print ints longer than this many digits (`sys.set_int_max_str_digits`).
pub const INT_MAX_STR_DIGITS: usize = 4300;

/// A number, for the arithmetic below.
enum Num {
    Int(BigInt),
    Float(f64),
}

fn to_num(v: &Value) -> Option<Num> {
    Some(match v {
        Value::Int(i) => Num::Int(BigInt::from(*i)),
        Value::Bool(b) => Num::Int(BigInt::from(*b as i64)),
        Value::BigInt(b) => Num::Int((**b).clone()),
        Value::Float(x) => Num::Float(*x),
        _ => return None,
    })
}

/// int -> float, with CPython's OverflowError for huge ints.
pub fn bigint_to_f64(b: &BigInt) -> PyResult<f64> {
    match b.to_f64() {
        Some(x) if x.is_finite() => Ok(x),
        _ => Err(exc::overflow_error("int too large to convert to float")),
    }
}

/// A value as a float if it is a real number (int, bool, float).
pub fn to_f64(v: &Value) -> Option<PyResult<f64>> {
    Some(match v {
        Value::Float(x) => Ok(*x),
        Value::Int(i) => Ok(*i as f64),
        Value::Bool(b) => Ok(*b as i64 as f64),
        Value::BigInt(b) => bigint_to_f64(b),
        _ => return None,
    })
}

/// An int value as a BigInt (int and bool only).
pub fn to_bigint(v: &Value) -> Option<BigInt> {
    match v {
        Value::Int(i) => Some(BigInt::from(*i)),
        Value::Bool(b) => Some(BigInt::from(*b as i64)),
        Value::BigInt(b) => Some((**b).clone()),
        _ => None,
    }
}

fn overflow_range() -> PyErr {
    PyErr::with_args(
        &types().overflow_error,
        vec![Value::Int(34), Value::str("Numerical result out of range")],
    )
}

/// Arithmetic on two i64s, promoting to BigInt on overflow.
#[inline]
pub fn int_binop(x: i64, y: i64, op: BinaryOp) -> PyResult<Value> {
    Ok(match op {
        BinaryOp::Add => match x.checked_add(y) {
            Some(r) => Value::Int(r),
            None => Value::from_bigint(BigInt::from(x) + y),
        },
        BinaryOp::Subtract => match x.checked_sub(y) {
            Some(r) => Value::Int(r),
            None => Value::from_bigint(BigInt::from(x) - y),
        },
        BinaryOp::Multiply => match x.checked_mul(y) {
            Some(r) => Value::Int(r),
            None => Value::from_bigint(BigInt::from(x) * y),
        },
        BinaryOp::TrueDivide => {
            if y == 0 {
                return Err(exc::zero_division_error("division by zero"));
            }
            const EXACT: u64 = 1 << 53;
            // `unsigned_abs`: `abs` of -2**63 overflows.
            if x.unsigned_abs() <= EXACT && y.unsigned_abs() <= EXACT {
                Value::Float(x as f64 / y as f64)
            } else {
                Value::Float(bigint_true_div(&BigInt::from(x), &BigInt::from(y))?)
            }
        }
        BinaryOp::FloorDivide => {
            if y == 0 {
                return Err(exc::zero_division_error(
                    "integer division or modulo by zero",
                ));
            }
            match x.checked_div(y) {
                Some(q) => Value::Int(if (x % y != 0) && ((x < 0) != (y < 0)) {
                    q - 1
                } else {
                    q
                }),
                None => Value::from_bigint(BigInt::from(x).div_floor(&BigInt::from(y))),
            }
        }
        BinaryOp::Modulo => {
            if y == 0 {
                return Err(exc::zero_division_error("integer modulo by zero"));
            }
            let r = x.checked_rem(y).unwrap_or(0);
            Value::Int(if r != 0 && ((r < 0) != (y < 0)) {
                r + y
            } else {
                r
            })
        }
        BinaryOp::Power => return int_pow(&BigInt::from(x), &BigInt::from(y)),
        BinaryOp::Lshift => {
            if y < 0 {
                return Err(exc::value_error("negative shift count"));
            }
            if x == 0 {
                Value::Int(0)
            } else if y < 63 && (x.unsigned_abs().leading_zeros() as i64) > y + 1 {
                Value::Int(x << y)
            } else {
                return bigint_binop(&BigInt::from(x), &BigInt::from(y), op);
            }
        }
        BinaryOp::Rshift => {
            if y < 0 {
                return Err(exc::value_error("negative shift count"));
            }
            Value::Int(if y >= 64 {
                if x < 0 { -1 } else { 0 }
            } else {
                x >> y
            })
        }
        BinaryOp::And => Value::Int(x & y),
        BinaryOp::Or => Value::Int(x | y),
        BinaryOp::Xor => Value::Int(x ^ y),
        BinaryOp::MatrixMultiply => {
            return Err(exc::type_error(
                "unsupported operand type(s) for @: 'int' and 'int'",
            ));
        }
    })
}

fn bigint_true_div(x: &BigInt, y: &BigInt) -> PyResult<f64> {
    if y.is_zero() {
        return Err(exc::zero_division_error("division by zero"));
    }
    match (x.to_f64(), y.to_f64()) {
        (Some(a), Some(b))
            if a.is_finite()
                && b.is_finite()
                && a.abs() < 9.007_199_254_740_992e15
                && b.abs() < 9.007_199_254_740_992e15 =>
        {
            Ok(a / b)
        }
        _ => {
            // Scale so that the quotient has 64+ significant bits, then divide exactly.
            let shift = (x.bits() as i64 - y.bits() as i64 - 70).max(0) as usize;
            let shift_up = (70 - (x.bits() as i64 - y.bits() as i64)).max(0) as usize;
            let q = (x << shift_up) / (y << shift);
            let r = q.to_f64().unwrap_or(f64::INFINITY) * 2f64.powi(shift as i32 - shift_up as i32);
            if r.is_finite() {
                Ok(r)
            } else {
                Err(exc::overflow_error(
                    "integer division result too large for a float",
                ))
            }
        }
    }
}

fn int_pow(x: &BigInt, y: &BigInt) -> PyResult<Value> {
    if y.is_negative() {
        let (a, b) = (bigint_to_f64(x)?, bigint_to_f64(y)?);
        return float_binop(a, b, BinaryOp::Power);
    }
    let Some(e) = y.to_u32() else {
        if x.is_zero() || x == &BigInt::from(1) {
            return Ok(Value::from_bigint(x.clone()));
        }
        if x == &BigInt::from(-1) {
            return Ok(Value::Int(if y.is_even() { 1 } else { -1 }));
        }
        return Err(exc::memory_error());
    };
    if let Some(b) = x.to_i64()
        && let Some(r) = b.checked_pow(e)
    {
        return Ok(Value::Int(r));
    }
    if x.bits() as u128 * e as u128 > 1 << 34 {
        return Err(exc::memory_error());
    }
    Ok(Value::from_bigint(num_traits::pow(x.clone(), e as usize)))
}

fn bigint_binop(x: &BigInt, y: &BigInt, op: BinaryOp) -> PyResult<Value> {
    Ok(Value::from_bigint(match op {
        BinaryOp::Add => x + y,
        BinaryOp::Subtract => x - y,
        BinaryOp::Multiply => x * y,
        BinaryOp::TrueDivide => return Ok(Value::Float(bigint_true_div(x, y)?)),
        BinaryOp::FloorDivide => {
            if y.is_zero() {
                return Err(exc::zero_division_error(
                    "integer division or modulo by zero",
                ));
            }
            x.div_floor(y)
        }
        BinaryOp::Modulo => {
            if y.is_zero() {
                return Err(exc::zero_division_error("integer modulo by zero"));
            }
            x.mod_floor(y)
        }
        BinaryOp::Power => return int_pow(x, y),
        BinaryOp::Lshift => {
            if y.is_negative() {
                return Err(exc::value_error("negative shift count"));
            }
            if x.is_zero() {
                BigInt::zero()
            } else {
                match y.to_usize() {
                    Some(s) if s < (1 << 32) => x << s,
                    _ => return Err(exc::overflow_error("too many digits in integer")),
                }
            }
        }
        BinaryOp::Rshift => {
            if y.is_negative() {
                return Err(exc::value_error("negative shift count"));
            }
            match y.to_usize() {
                Some(s) => {
                    // Arithmetic shift: floor division by 2**s.
                    if x.is_negative() {
                        -((-x - 1u32) >> s) - 1u32
                    } else {
                        x >> s
                    }
                }
                None => BigInt::from(if x.is_negative() { -1 } else { 0 }),
            }
        }
        BinaryOp::And => x & y,
        BinaryOp::Or => x | y,
        BinaryOp::Xor => x ^ y,
        BinaryOp::MatrixMultiply => {
            return Err(exc::type_error(
                "unsupported operand type(s) for @: 'int' and 'int'",
            ));
        }
    }))
}

/// Float arithmetic with Python's semantics (floor division and modulo follow the divisor's
/// sign; errors instead of infinities for division by zero and overflowing powers).
pub fn float_binop(x: f64, y: f64, op: BinaryOp) -> PyResult<Value> {
    Ok(Value::Float(match op {
        BinaryOp::Add => x + y,
        BinaryOp::Subtract => x - y,
        BinaryOp::Multiply => x * y,
        BinaryOp::TrueDivide => {
            if y == 0.0 {
                return Err(exc::zero_division_error("float division by zero"));
            }
            x / y
        }
        BinaryOp::FloorDivide => {
            if y == 0.0 {
                return Err(exc::zero_division_error("float floor division by zero"));
            }
            float_divmod(x, y).0
        }
        BinaryOp::Modulo => {
            if y == 0.0 {
                return Err(exc::zero_division_error("float modulo"));
            }
            float_divmod(x, y).1
        }
        BinaryOp::Power => float_pow(x, y)?,
        _ => {
            return Err(exc::type_error(format!(
                "unsupported operand type(s) for {}: 'float' and 'float'",
                op.symbol()
            )));
        }
    }))
}

/// CPython's `float_divmod`.
pub fn float_divmod(vx: f64, wx: f64) -> (f64, f64) {
    let mut m = vx % wx;
    let mut div = (vx - m) / wx;
    if m != 0.0 {
        if (wx < 0.0) != (m < 0.0) {
            m += wx;
            div -= 1.0;
        }
    } else {
        m = 0f64.copysign(wx);
    }
    let floordiv = if div != 0.0 {
        let mut f = div.floor();
        if div - f > 0.5 {
            f += 1.0;
        }
        f
    } else {
        0f64.copysign(vx / wx)
    };
    (floordiv, m)
}

fn float_pow(x: f64, y: f64) -> PyResult<f64> {
    if x == 0.0 && y < 0.0 {
        return Err(exc::zero_division_error(
            "0.0 cannot be raised to a negative power",
        ));
    }
    if x < 0.0 && y.is_finite() && y.fract() != 0.0 {
        return Err(exc::value_error(
            "math domain error (negative number raised to a fractional power: complex numbers are not supported)",
        ));
    }
    let r = x.powf(y);
    if r.is_infinite() && x.is_finite() && y.is_finite() {
        return Err(overflow_range());
    }
    Ok(r)
}

/// Arithmetic between two numbers of any numeric type; `None` if either is not a number.
#[inline]
pub fn numeric_binop(a: &Value, b: &Value, op: BinaryOp) -> Option<PyResult<Value>> {
    match (a, b) {
        (Value::Int(x), Value::Int(y)) => Some(int_binop(*x, *y, op)),
        (Value::Float(x), Value::Float(y)) => Some(float_binop(*x, *y, op)),
        (Value::Float(x), Value::Int(y)) if !is_bitwise(op) => Some(float_binop(*x, *y as f64, op)),
        (Value::Int(x), Value::Float(y)) if !is_bitwise(op) => Some(float_binop(*x as f64, *y, op)),
        _ => {
            let (na, nb) = (to_num(a)?, to_num(b)?);
            Some(match (na, nb) {
                (Num::Int(x), Num::Int(y)) => match (x.to_i64(), y.to_i64()) {
                    (Some(x), Some(y)) => int_binop(x, y, op),
                    _ => bigint_binop(&x, &y, op),
                },
                (na, nb) => {
                    if is_bitwise(op) {
                        return None;
                    }
                    let fx = match na {
                        Num::Int(i) => bigint_to_f64(&i),
                        Num::Float(f) => Ok(f),
                    };
                    let fy = match nb {
                        Num::Int(i) => bigint_to_f64(&i),
                        Num::Float(f) => Ok(f),
                    };
                    match (fx, fy) {
                        (Ok(x), Ok(y)) => float_binop(x, y, op),
                        (Err(e), _) | (_, Err(e)) => Err(e),
                    }
                }
            })
        }
    }
}

fn is_bitwise(op: BinaryOp) -> bool {
    matches!(
        op,
        BinaryOp::And | BinaryOp::Or | BinaryOp::Xor | BinaryOp::Lshift | BinaryOp::Rshift
    )
}

/// Exact comparison of an int with a float (CPython never rounds the int).
fn cmp_int_float(i: &BigInt, f: f64) -> Option<Ordering> {
    if f.is_nan() {
        return None;
    }
    if f.is_infinite() {
        return Some(if f > 0.0 {
            Ordering::Less
        } else {
            Ordering::Greater
        });
    }
    let fl = f.floor();
    let fb = BigInt::from_f64(fl)?;
    match i.cmp(&fb) {
        Ordering::Equal => {
            if f > fl {
                Some(Ordering::Less)
            } else {
                Some(Ordering::Equal)
            }
        }
        o => Some(o),
    }
}

/// Compares two numbers; `None` when either is not a number, `Some(None)` for NaN.
fn numeric_cmp(a: &Value, b: &Value) -> Option<Option<Ordering>> {
    match (a, b) {
        (Value::Int(x), Value::Int(y)) => Some(Some(x.cmp(y))),
        (Value::Float(x), Value::Float(y)) => Some(x.partial_cmp(y)),
        _ => {
            let (na, nb) = (to_num(a)?, to_num(b)?);
            Some(match (na, nb) {
                (Num::Int(x), Num::Int(y)) => Some(x.cmp(&y)),
                (Num::Float(x), Num::Float(y)) => x.partial_cmp(&y),
                (Num::Int(x), Num::Float(y)) => cmp_int_float(&x, y),
                (Num::Float(x), Num::Int(y)) => cmp_int_float(&y, x).map(Ordering::reverse),
            })
        }
    }
}

/// Item `i` (< its length) of a range. In i128: a range may be longer than `i64::MAX`
/// (`range(-2**63, 2**63 - 1)`), where `RangeObj::get`'s `step * i as i64` overflows, while
/// every item fits in an i64 (it lies between `start` and `stop`).
pub fn range_item(r: &crate::vm::object::RangeObj, i: usize) -> i64 {
    let v = r.start as i128 + r.step as i128 * i as i128;
    // Cannot fail for i < len (see above); saturates rather than panics if misused.
    v.clamp(i64::MIN as i128, i64::MAX as i128) as i64
}

/// Python's index normalisation for sequences: negative counts from the end.
fn norm_index(i: i64, len: usize) -> Option<usize> {
    // In i128: `-2**63 + len` must not overflow.
    let i = if i < 0 {
        i as i128 + len as i128
    } else {
        i as i128
    };
    usize::try_from(i).ok().filter(|i| *i < len)
}

/// `slice.indices(len)`: (start, stop, step, slicelength), CPython's PySlice_AdjustIndices.
pub fn slice_indices(vm: &mut Vm, s: &SliceObj, len: usize) -> PyResult<(i64, i64, i64, usize)> {
    // Only a range can be this long (`range(-2**63, 2**63 - 1)`); CPython's `len` of it
    // overflows too.
    let len = i64::try_from(len)
        .map_err(|_| exc::overflow_error("Python int too large to convert to C ssize_t"))?;
    let step = if s.step.is_none() {
        1
    } else {
        vm.to_index(&s.step)?
    };
    if step == 0 {
        return Err(exc::value_error("slice step cannot be zero"));
    }
    // As CPython: a step of -2**63 is taken as -(2**63 - 1), so that `-step` cannot overflow.
    let step = step.max(-i64::MAX);
    let (lower, upper) = if step < 0 { (-1, len - 1) } else { (0, len) };
    let adjust = |v: i64| -> i64 {
        if v < 0 {
            (v + len).max(lower)
        } else {
            v.min(upper)
        }
    };
    let start = if s.start.is_none() {
        if step < 0 { upper } else { lower }
    } else {
        adjust(vm.to_index(&s.start)?)
    };
    let stop = if s.stop.is_none() {
        if step < 0 { lower } else { upper }
    } else {
        adjust(vm.to_index(&s.stop)?)
    };
    let n = if step < 0 {
        if stop < start {
            (start - stop - 1) / (-step) + 1
        } else {
            0
        }
    } else if start < stop {
        (stop - start - 1) / step + 1
    } else {
        0
    };
    Ok((start, stop, step, n as usize))
}

fn slice_vec<T: Clone>(items: &[T], start: i64, step: i64, n: usize) -> Vec<T> {
    (0..n)
        .map(|k| items[(start + k as i64 * step) as usize].clone())
        .collect()
}

impl Vm {
    // ----- calls -------------------------------------------------------------------------

    /// Calls any callable with positional and keyword arguments.
    pub fn call(&mut self, f: &Value, args: &[Value], kwargs: &KwArgs) -> PyResult<Value> {
        match f {
            Value::Function(func) => self.call_function(func, args, kwargs),
            Value::Builtin(b) => (b.func)(self, args, kwargs),
            Value::Method(m) => {
                let mut all = Vec::with_capacity(args.len() + 1);
                all.push(m.self_.clone());
                all.extend_from_slice(args);
                self.call(&m.func, &all, kwargs)
            }
            Value::Class(cls) => self.call_class(cls, args, kwargs),
            Value::Instance(inst) => match inst.class.lookup("__call__") {
                Some(m) => {
                    let mut all = Vec::with_capacity(args.len() + 1);
                    all.push(f.clone());
                    all.extend_from_slice(args);
                    self.call(&m, &all, kwargs)
                }
                None => Err(exc::type_error(format!(
                    "'{}' object is not callable",
                    inst.class.name
                ))),
            },
            Value::Native(n) => match n.class().lookup("__call__") {
                Some(m) => {
                    let mut all = Vec::with_capacity(args.len() + 1);
                    all.push(f.clone());
                    all.extend_from_slice(args);
                    self.call(&m, &all, kwargs)
                }
                None => Err(exc::type_error(format!(
                    "'{}' object is not callable",
                    n.type_name()
                ))),
            },
            other => Err(exc::type_error(format!(
                "'{}' object is not callable",
                other.type_name()
            ))),
        }
    }

    pub fn call0(&mut self, f: &Value) -> PyResult<Value> {
        self.call(f, &[], &[])
    }

    pub fn call1(&mut self, f: &Value, a: Value) -> PyResult<Value> {
        self.call(f, &[a], &[])
    }

    /// Calls `obj.name(*args)` (a method looked up on the object's class).
    pub fn call_method(&mut self, obj: &Value, name: &str, args: &[Value]) -> PyResult<Value> {
        let m = self.getattr(obj, name)?;
        self.call(&m, args, &[])
    }

    /// Looks a special method up on the type (not the instance), as CPython does for dunders.
    pub fn lookup_special(&self, obj: &Value, name: &str) -> Option<Value> {
        match obj {
            Value::Instance(i) => i.class.lookup(name),
            Value::Native(n) => n.class().lookup(name),
            _ => None,
        }
    }

    /// Calls a special method found on the type with `obj` as self.
    pub fn call_special(
        &mut self,
        obj: &Value,
        name: &str,
        args: &[Value],
    ) -> PyResult<Option<Value>> {
        match self.lookup_special(obj, name) {
            Some(m) => {
                let mut all = Vec::with_capacity(args.len() + 1);
                all.push(obj.clone());
                all.extend_from_slice(args);
                Ok(Some(self.call(&m, &all, &[])?))
            }
            None => Ok(None),
        }
    }

    fn call_class(&mut self, cls: &Arc<Class>, args: &[Value], kwargs: &KwArgs) -> PyResult<Value> {
        if cls.kind == ClassKind::Builtin {
            let Some(ctor) = cls.constructor else {
                return Err(exc::type_error(format!(
                    "cannot create '{}' instances",
                    cls.name
                )));
            };
            let mut all = Vec::with_capacity(args.len() + 1);
            all.push(Value::Class(cls.clone()));
            all.extend_from_slice(args);
            return ctor(self, &all, kwargs);
        }
        // A user class: the nearest built-in base decides what kind of object is made.
        let inst = Instance::new(cls.clone());
        if let Some(st) = &inst.exc {
            // BaseException.__new__ keeps the arguments even if __init__ does not call super().
            *st.args.lock() = args.to_vec();
        }
        let obj = Value::Instance(Arc::new(inst));
        match cls.lookup("__init__") {
            Some(init) => {
                let mut all = Vec::with_capacity(args.len() + 1);
                all.push(obj.clone());
                all.extend_from_slice(args);
                let r = self.call(&init, &all, kwargs)?;
                if !r.is_none() {
                    return Err(exc::type_error(format!(
                        "__init__() should return None, not '{}'",
                        r.type_name()
                    )));
                }
            }
            None => {
                if !args.is_empty() || !kwargs.is_empty() {
                    return Err(exc::type_error(format!(
                        "{}() takes no arguments",
                        cls.name
                    )));
                }
            }
        }
        Ok(obj)
    }

    // ----- truth, repr, str --------------------------------------------------------------

    pub fn truthy(&mut self, v: &Value) -> PyResult<bool> {
        if let Some(b) = v.fast_truth() {
            return Ok(b);
        }
        if let Some(r) = self.call_special(v, "__bool__", &[])? {
            return match r {
                Value::Bool(b) => Ok(b),
                other => Err(exc::type_error(format!(
                    "__bool__ should return bool, returned {}",
                    other.type_name()
                ))),
            };
        }
        if self.lookup_special(v, "__len__").is_some() {
            return Ok(self.len(v)? != 0);
        }
        Ok(true)
    }

    pub fn repr(&mut self, v: &Value) -> PyResult<String> {
        Ok(match v {
            Value::None => "None".into(),
            Value::Bool(b) => if *b { "True" } else { "False" }.into(),
            Value::Int(i) => i.to_string(),
            Value::BigInt(b) => bigint_to_string(b)?,
            Value::Float(x) => float_repr(*x),
            Value::Str(s) => str_repr(s.as_str()),
            Value::List(l) => {
                let items = l.snapshot();
                self.repr_seq(v, "[", "]", &items, false)?
            }
            Value::Tuple(t) => self.repr_seq(v, "(", ")", &t.0, true)?,
            Value::Dict(d) => {
                if d.is_empty() {
                    return Ok("{}".into());
                }
                if !self.repr_enter(v) {
                    return Ok("{...}".into());
                }
                let r = (|| -> PyResult<String> {
                    let mut out = String::from("{");
                    for (i, (k, val)) in d.items().iter().enumerate() {
                        if i > 0 {
                            out.push_str(", ");
                        }
                        out.push_str(&self.repr(k)?);
                        out.push_str(": ");
                        out.push_str(&self.repr(val)?);
                    }
                    out.push('}');
                    Ok(out)
                })();
                self.repr_leave();
                r?
            }
            Value::Set(s) => {
                let items = s.snapshot();
                if items.is_empty() {
                    return Ok(if s.frozen { "frozenset()" } else { "set()" }.into());
                }
                let inner = self.repr_seq(v, "{", "}", &items, false)?;
                if s.frozen {
                    format!("frozenset({})", inner)
                } else {
                    inner
                }
            }
            Value::Function(f) => format!("<function {} at {:#x}>", f.qualname.lock(), v.id()),
            Value::Builtin(b) => match b.owner {
                Some(owner) => format!("<method '{}' of '{}' objects>", b.name, owner),
                None => format!("<built-in function {}>", b.name),
            },
            Value::Method(m) => match &m.func {
                Value::Builtin(b) => format!(
                    "<built-in method {} of {} object at {:#x}>",
                    b.name,
                    m.self_.type_name(),
                    m.self_.id()
                ),
                Value::Function(f) => {
                    let self_repr = self.repr(&m.self_)?;
                    format!("<bound method {} of {}>", f.qualname.lock(), self_repr)
                }
                other => format!("<bound method of {}>", self.repr(other)?),
            },
            Value::Class(c) => c.repr(),
            Value::Module(m) => {
                if m.dict.get_str("__file__").is_some() {
                    let file = m
                        .dict
                        .get_str("__file__")
                        .map(|f| self.to_str(&f))
                        .transpose()?
                        .unwrap_or_default();
                    format!("<module '{}' from '{}'>", m.name, file)
                } else {
                    format!("<module '{}' (built-in)>", m.name)
                }
            }
            Value::Range(r) => {
                if r.step == 1 {
                    format!("range({}, {})", r.start, r.stop)
                } else {
                    format!("range({}, {}, {})", r.start, r.stop, r.step)
                }
            }
            Value::Slice(s) => {
                format!(
                    "slice({}, {}, {})",
                    self.repr(&s.start)?,
                    self.repr(&s.stop)?,
                    self.repr(&s.step)?
                )
            }
            Value::Code(c) => c.repr(),
            Value::Cell(_) => format!("<cell at {:#x}>", v.id()),
            Value::Iter(_) => format!("<{} object at {:#x}>", v.type_name(), v.id()),
            Value::Instance(_) | Value::Native(_) => {
                if v.is(&NOT_IMPLEMENTED) {
                    return Ok("NotImplemented".into());
                }
                if v.is(&ELLIPSIS) {
                    return Ok("Ellipsis".into());
                }
                let cls = type_of(v);
                match cls.lookup("__repr__") {
                    Some(m) => {
                        self.check_stack()?;
                        let r = self.call(&m, std::slice::from_ref(v), &[])?;
                        match r {
                            Value::Str(s) => s.as_str().to_string(),
                            other => {
                                return Err(exc::type_error(format!(
                                    "__repr__ returned non-string (type {})",
                                    other.type_name()
                                )));
                            }
                        }
                    }
                    None => default_object_repr(v),
                }
            }
            Value::Null => "<NULL>".into(),
        })
    }

    fn repr_enter(&mut self, v: &Value) -> bool {
        let id = v.id();
        if self.repr_guard.contains(&id) {
            return false;
        }
        self.repr_guard.push(id);
        true
    }

    fn repr_leave(&mut self) {
        self.repr_guard.pop();
    }

    fn repr_seq(
        &mut self,
        v: &Value,
        open: &str,
        close: &str,
        items: &[Value],
        tuple: bool,
    ) -> PyResult<String> {
        if !self.repr_enter(v) {
            return Ok(format!("{}...{}", open, close));
        }
        self.check_stack().inspect_err(|_| self.repr_leave())?;
        let r = (|| {
            let mut out = String::from(open);
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                out.push_str(&self.repr(item)?);
            }
            if tuple && items.len() == 1 {
                out.push(',');
            }
            out.push_str(close);
            Ok(out)
        })();
        self.repr_leave();
        r
    }

    /// `str(v)`.
    pub fn to_str(&mut self, v: &Value) -> PyResult<String> {
        match v {
            Value::Str(s) => Ok(s.as_str().to_string()),
            Value::Instance(_) | Value::Native(_) => {
                let cls = type_of(v);
                match cls.lookup("__str__") {
                    Some(m) => match self.call(&m, std::slice::from_ref(v), &[])? {
                        Value::Str(s) => Ok(s.as_str().to_string()),
                        other => Err(exc::type_error(format!(
                            "__str__ returned non-string (type {})",
                            other.type_name()
                        ))),
                    },
                    None => self.repr(v),
                }
            }
            _ => self.repr(v),
        }
    }

    /// `str(v)` as a value, reusing the string itself when `v` is already one.
    pub fn to_str_value(&mut self, v: &Value) -> PyResult<Value> {
        match v {
            Value::Str(_) => Ok(v.clone()),
            _ => Ok(Value::string(self.to_str(v)?)),
        }
    }

    // ----- attributes --------------------------------------------------------------------

    pub fn getattr(&mut self, obj: &Value, name: &str) -> PyResult<Value> {
        match self.getattr_opt(obj, name)? {
            Some(v) => Ok(v),
            None => Err(self.attribute_error(obj, name)),
        }
    }

    #[cold]
    pub fn attribute_error(&self, obj: &Value, name: &str) -> PyErr {
        match obj {
            Value::Module(m) => {
                exc::attribute_error(format!("module '{}' has no attribute '{}'", m.name, name))
            }
            Value::Class(c) => exc::attribute_error(format!(
                "type object '{}' has no attribute '{}'",
                c.name, name
            )),
            other => exc::attribute_error(format!(
                "'{}' object has no attribute '{}'",
                other.type_name(),
                name
            )),
        }
    }

    /// `getattr(obj, name)`, with `Ok(None)` where CPython would raise AttributeError.
    pub fn getattr_opt(&mut self, obj: &Value, name: &str) -> PyResult<Option<Value>> {
        match obj {
            Value::Instance(inst) => {
                if let Some(v) = inst.dict.get_str(name) {
                    return Ok(Some(v));
                }
                if let Some(v) = inst.class.lookup(name) {
                    return Ok(Some(self.bind(v, obj, &inst.class)?));
                }
                if let Some(st) = &inst.exc {
                    match name {
                        "args" => return Ok(Some(Value::tuple(st.args.lock().clone()))),
                        "__context__" => {
                            return Ok(Some(st.context.lock().clone().unwrap_or(Value::None)));
                        }
                        "__cause__" => {
                            return Ok(Some(st.cause.lock().clone().unwrap_or(Value::None)));
                        }
                        "__suppress_context__" => {
                            return Ok(Some(Value::Bool(st.suppress_context())));
                        }
                        "__traceback__" => return Ok(Some(Value::None)),
                        _ => {}
                    }
                }
                match name {
                    "__class__" => return Ok(Some(Value::Class(inst.class.clone()))),
                    "__dict__" => {
                        let d = inst.dict.copy();
                        return Ok(Some(Value::Dict(Arc::new(d))));
                    }
                    _ => {}
                }
                if let Some(ga) = inst.class.lookup("__getattr__") {
                    return match self.call(&ga, &[obj.clone(), Value::str(name)], &[]) {
                        Ok(v) => Ok(Some(v)),
                        Err(e) if e.matches(&types().attribute_error) => Ok(None),
                        Err(e) => Err(e),
                    };
                }
                Ok(None)
            }
            Value::Class(cls) => {
                if let Some(v) = cls.lookup(name) {
                    return Ok(Some(match v {
                        // classmethod wrappers bind to the class itself
                        Value::Native(ref n) if n.type_name() == "classmethod" => {
                            crate::vm::builtins::unwrap_classmethod(&v, obj).unwrap_or(v)
                        }
                        Value::Native(ref n) if n.type_name() == "staticmethod" => {
                            crate::vm::builtins::unwrap_staticmethod(&v).unwrap_or(v)
                        }
                        v => v,
                    }));
                }
                Ok(match name {
                    "__name__" => Some(Value::str(&cls.name)),
                    "__qualname__" => Some(Value::str(&cls.qualname)),
                    "__module__" => Some(Value::str(&cls.module)),
                    "__base__" => Some(cls.base.clone().map_or(Value::None, Value::Class)),
                    "__bases__" => Some(Value::tuple(
                        cls.base.iter().cloned().map(Value::Class).collect(),
                    )),
                    "__mro__" => Some(Value::tuple(cls.mro().cloned().map(Value::Class).collect())),
                    "__dict__" => Some(Value::Dict(Arc::new(cls.dict.copy()))),
                    "__class__" => Some(Value::Class(types().type_.clone())),
                    "__doc__" => Some(Value::None),
                    _ => None,
                })
            }
            Value::Module(m) => Ok(m.dict.get_str(name).or_else(|| match name {
                "__dict__" => Some(Value::Dict(m.dict.clone())),
                _ => None,
            })),
            Value::Function(f) => {
                if let Some(v) = f.attrs.get_str(name) {
                    return Ok(Some(v));
                }
                Ok(match name {
                    "__name__" => Some(Value::str(&f.name.lock())),
                    "__qualname__" => Some(Value::str(&f.qualname.lock())),
                    "__module__" => Some(f.globals.get_str("__name__").unwrap_or(Value::None)),
                    // The compiler puts a function's docstring (or None) first in its
                    // constants, as CPython does; a lambda has none.
                    "__doc__" => Some(match f.code.consts.first() {
                        Some(d @ Value::Str(_)) if f.code.name != "<lambda>" => d.clone(),
                        _ => Value::None,
                    }),
                    "__code__" => Some(Value::Code(f.code.clone())),
                    "__globals__" => Some(Value::Dict(f.globals.clone())),
                    "__defaults__" => Some(if f.defaults.is_empty() {
                        Value::None
                    } else {
                        Value::tuple(f.defaults.clone())
                    }),
                    "__closure__" => Some(if f.closure.is_empty() {
                        Value::None
                    } else {
                        Value::tuple(f.closure.iter().cloned().map(Value::Cell).collect())
                    }),
                    "__annotations__" => {
                        let mut slot = f.annotations.lock();
                        Some(
                            slot.get_or_insert_with(|| Value::Dict(Arc::new(Dict::new())))
                                .clone(),
                        )
                    }
                    "__dict__" => Some(Value::Dict(Arc::new(f.attrs.copy()))),
                    "__class__" => Some(Value::Class(types().function.clone())),
                    _ => None,
                })
            }
            Value::Builtin(b) => Ok(match name {
                "__name__" | "__qualname__" => Some(Value::str(b.name)),
                "__doc__" => Some(Value::None),
                "__class__" => Some(Value::Class(types().builtin_function.clone())),
                _ => None,
            }),
            Value::Method(m) => Ok(match name {
                "__self__" => Some(m.self_.clone()),
                "__func__" => Some(m.func.clone()),
                "__class__" => Some(Value::Class(types().method.clone())),
                _ => self.getattr_opt(&m.func.clone(), name)?,
            }),
            Value::Code(c) => Ok(match name {
                "co_name" => Some(Value::str(&c.name)),
                "co_filename" => Some(Value::str(&c.filename)),
                "co_firstlineno" => Some(Value::Int(c.firstlineno as i64)),
                "co_argcount" => Some(Value::Int(c.argcount as i64)),
                "co_varnames" => Some(Value::tuple(
                    c.varnames.iter().map(|s| Value::str(s)).collect(),
                )),
                "co_names" => Some(Value::tuple(
                    c.names.iter().map(|s| Value::str(s)).collect(),
                )),
                "co_consts" => Some(Value::tuple(c.consts.to_vec())),
                _ => None,
            }),
            Value::Cell(c) => Ok(match name {
                "cell_contents" => match c.get() {
                    Some(v) => Some(v),
                    None => return Err(exc::value_error("Cell is empty")),
                },
                _ => None,
            }),
            Value::Range(r) => Ok(match name {
                "start" => Some(Value::Int(r.start)),
                "stop" => Some(Value::Int(r.stop)),
                "step" => Some(Value::Int(r.step)),
                _ => self.builtin_attr(obj, name)?,
            }),
            Value::Slice(s) => Ok(match name {
                "start" => Some(s.start.clone()),
                "stop" => Some(s.stop.clone()),
                "step" => Some(s.step.clone()),
                _ => self.builtin_attr(obj, name)?,
            }),
            Value::Int(_) | Value::Bool(_) | Value::BigInt(_) => Ok(match name {
                "real" | "numerator" => Some(match obj {
                    Value::Bool(b) => Value::Int(*b as i64),
                    o => o.clone(),
                }),
                "imag" => Some(Value::Int(0)),
                "denominator" => Some(Value::Int(1)),
                _ => self.builtin_attr(obj, name)?,
            }),
            Value::Float(x) => Ok(match name {
                "real" => Some(Value::Float(*x)),
                "imag" => Some(Value::Float(0.0)),
                _ => self.builtin_attr(obj, name)?,
            }),
            Value::Native(n) => {
                let n = n.clone();
                if let Some(r) = n.getattr(self, name) {
                    return r.map(Some);
                }
                self.builtin_attr(obj, name)
            }
            _ => self.builtin_attr(obj, name),
        }
    }

    /// Attribute of a built-in value: a method from its class, bound to it, or `__class__`.
    fn builtin_attr(&mut self, obj: &Value, name: &str) -> PyResult<Option<Value>> {
        let cls = type_of(obj);
        if let Some(v) = cls.lookup(name) {
            return Ok(Some(self.bind(v, obj, &cls)?));
        }
        Ok(match name {
            "__class__" => Some(Value::Class(cls)),
            _ => None,
        })
    }

    /// Binds a class attribute found for `obj`: functions become bound methods.
    fn bind(&mut self, v: Value, obj: &Value, cls: &Arc<Class>) -> PyResult<Value> {
        Ok(match v {
            Value::Function(_) | Value::Builtin(_) => Value::Method(Arc::new(BoundMethod {
                func: v,
                self_: obj.clone(),
            })),
            Value::Native(ref n) => match n.type_name() {
                "staticmethod" => crate::vm::builtins::unwrap_staticmethod(&v).unwrap_or(v),
                "classmethod" => {
                    crate::vm::builtins::unwrap_classmethod(&v, &Value::Class(cls.clone()))
                        .unwrap_or(v)
                }
                "property" => return crate::vm::builtins::property_get(self, &v, obj),
                _ => v,
            },
            v => v,
        })
    }

    pub fn setattr(&mut self, obj: &Value, name: &str, value: Value) -> PyResult<()> {
        match obj {
            Value::Instance(inst) => {
                if let Some(p) = inst.class.lookup(name)
                    && crate::vm::object::is_property(&p)
                {
                    return crate::vm::builtins::property_set(self, &p, obj, value);
                }
                if let Some(st) = &inst.exc {
                    match name {
                        "__cause__" => {
                            *st.cause.lock() = Some(value);
                            st.suppress_context
                                .store(true, std::sync::atomic::Ordering::Relaxed);
                            return Ok(());
                        }
                        "__context__" => {
                            *st.context.lock() = Some(value);
                            return Ok(());
                        }
                        "args" => {
                            *st.args.lock() = self.collect(&value)?;
                            return Ok(());
                        }
                        _ => {}
                    }
                }
                inst.dict.set_str(name, value);
                Ok(())
            }
            Value::Class(cls) => {
                if cls.kind == ClassKind::Builtin {
                    return Err(exc::type_error(format!(
                        "cannot set '{}' attribute of immutable type '{}'",
                        name, cls.name
                    )));
                }
                cls.dict.set_str(name, value);
                Ok(())
            }
            Value::Module(m) => {
                m.dict.set_str(name, value);
                Ok(())
            }
            Value::Function(f) => {
                match name {
                    "__name__" => *f.name.lock() = Arc::from(self.to_str(&value)?.as_str()),
                    "__qualname__" => *f.qualname.lock() = Arc::from(self.to_str(&value)?.as_str()),
                    "__annotations__" => *f.annotations.lock() = Some(value),
                    _ => f.attrs.set_str(name, value),
                }
                Ok(())
            }
            Value::Native(n) => {
                let n = n.clone();
                match n.setattr(self, name, value) {
                    Some(r) => r,
                    None => Err(self.attribute_error(obj, name)),
                }
            }
            other => Err(exc::attribute_error(format!(
                "'{}' object has no attribute '{}'",
                other.type_name(),
                name
            ))),
        }
    }

    pub fn delattr(&mut self, obj: &Value, name: &str) -> PyResult<()> {
        // `del obj.x` where `x` is a property calls its deleter, as `delattr()` does.
        if let Value::Instance(inst) = obj
            && let Some(p) = inst.class.lookup(name)
            && crate::vm::object::is_property(&p)
        {
            return crate::vm::builtins::property_delete(self, &p, obj);
        }
        let removed = match obj {
            Value::Instance(inst) => inst.dict.remove_str(name).is_some(),
            Value::Class(cls) if cls.kind == ClassKind::User => cls.dict.remove_str(name).is_some(),
            Value::Module(m) => m.dict.remove_str(name).is_some(),
            Value::Function(f) => f.attrs.remove_str(name).is_some(),
            _ => false,
        };
        if removed {
            Ok(())
        } else {
            Err(self.attribute_error(obj, name))
        }
    }

    // ----- arithmetic --------------------------------------------------------------------

    pub fn binary_op(&mut self, a: &Value, b: &Value, op: BinaryOp) -> PyResult<Value> {
        self.binary_op_as(a, b, op, false)
    }

    /// `binary_op`, with the error message of `op=` when `inplace`.
    fn binary_op_as(
        &mut self,
        a: &Value,
        b: &Value,
        op: BinaryOp,
        inplace: bool,
    ) -> PyResult<Value> {
        if let Some(r) = numeric_binop(a, b, op) {
            return r;
        }
        if let Some(r) = self.builtin_binop(a, b, op)? {
            return Ok(r);
        }
        let (name, rname, _) = op.dunders();
        if let Some(r) = self.call_special(a, name, std::slice::from_ref(b))?
            && !is_not_implemented(&r)
        {
            return Ok(r);
        }
        if let Some(r) = self.call_special(b, rname, std::slice::from_ref(a))?
            && !is_not_implemented(&r)
        {
            return Ok(r);
        }
        Err(self.binop_type_error(a, b, op, inplace))
    }

    /// `a op= b`: the in-place method if the left operand has one, else the binary operator.
    pub fn inplace_op(&mut self, a: &Value, b: &Value, op: BinaryOp) -> PyResult<Value> {
        if let Some(r) = numeric_binop(a, b, op) {
            return r;
        }
        match (a, op) {
            (Value::List(l), BinaryOp::Add) => {
                let items = self.collect(b)?;
                l.items.lock().extend(items);
                return Ok(a.clone());
            }
            (Value::List(l), BinaryOp::Multiply) => {
                let n = self.repeat_count(b, a)?;
                let mut items = l.items.lock();
                let copy = items.clone();
                if n == 0 {
                    items.clear();
                } else {
                    check_alloc(copy.len(), n)?;
                    for _ in 1..n {
                        items.extend(copy.iter().cloned());
                    }
                }
                return Ok(a.clone());
            }
            (Value::Set(s), BinaryOp::Or | BinaryOp::And | BinaryOp::Xor | BinaryOp::Subtract)
                if !s.frozen && matches!(b, Value::Set(_)) =>
            {
                if let Value::Set(o) = b {
                    let same = Arc::ptr_eq(s, o);
                    let other = Operand::Set(o.items.lock().clone());
                    let mut items = s.items.lock();
                    match op {
                        BinaryOp::Or if same => {}
                        BinaryOp::Or => items.update(&other),
                        BinaryOp::And if same => {
                            let c = items.copy();
                            items.swap_body(c);
                        }
                        BinaryOp::And => items.intersection_update(&other),
                        _ if same => items.clear(),
                        BinaryOp::Xor => items.symmetric_difference_update(&other),
                        _ => items.difference_update(&other),
                    }
                    return Ok(a.clone());
                }
            }
            (Value::Dict(d), BinaryOp::Or) => {
                if let Value::Dict(o) = b {
                    let items = o.items();
                    let mut map = d.lock_mut();
                    for (k, v) in items {
                        let key = self_hash_key(&k)?;
                        d.note_insert(key.hash, &v);
                        map.insert(key, v);
                    }
                    return Ok(a.clone());
                }
            }
            _ => {}
        }
        let (_, _, iname) = op.dunders();
        if let Some(r) = self.call_special(a, iname, std::slice::from_ref(b))?
            && !is_not_implemented(&r)
        {
            return Ok(r);
        }
        self.binary_op_as(a, b, op, true)
    }

    #[cold]
    fn binop_type_error(&self, a: &Value, b: &Value, op: BinaryOp, inplace: bool) -> PyErr {
        match (a, op) {
            (Value::Str(_), BinaryOp::Add)
            | (Value::List(_), BinaryOp::Add)
            | (Value::Tuple(_), BinaryOp::Add) => exc::type_error(format!(
                "can only concatenate {} (not \"{}\") to {}",
                a.type_name(),
                b.type_name(),
                a.type_name()
            )),
            (Value::Str(_) | Value::List(_) | Value::Tuple(_), BinaryOp::Multiply)
            | (_, BinaryOp::Multiply)
                if matches!(b, Value::Str(_) | Value::List(_) | Value::Tuple(_))
                    || matches!(a, Value::Str(_) | Value::List(_) | Value::Tuple(_)) =>
            {
                let other = if matches!(a, Value::Str(_) | Value::List(_) | Value::Tuple(_)) {
                    b
                } else {
                    a
                };
                exc::type_error(format!(
                    "can't multiply sequence by non-int of type '{}'",
                    other.type_name()
                ))
            }
            _ => exc::type_error(format!(
                "unsupported operand type(s) for {}: '{}' and '{}'",
                if inplace {
                    format!("{}=", op.symbol())
                } else if op == BinaryOp::Power {
                    "** or pow()".to_string()
                } else {
                    op.symbol().to_string()
                },
                a.type_name(),
                b.type_name()
            )),
        }
    }

    fn repeat_count(&mut self, n: &Value, seq: &Value) -> PyResult<usize> {
        match n {
            Value::Int(_) | Value::Bool(_) => Ok(self.to_index(n)?.max(0) as usize),
            Value::BigInt(b) => {
                if b.is_negative() {
                    Ok(0)
                } else {
                    Err(exc::overflow_error(
                        "cannot fit 'int' into an index-sized integer".to_string(),
                    ))
                }
            }
            other => Err(exc::type_error(format!(
                "can't multiply sequence by non-int of type '{}'",
                if matches!(other, Value::Str(_) | Value::List(_) | Value::Tuple(_)) {
                    other.type_name()
                } else {
                    let _ = seq;
                    other.type_name()
                }
            ))),
        }
    }

    /// Operators of the built-in containers: concatenation, repetition, set algebra, `%`.
    fn builtin_binop(&mut self, a: &Value, b: &Value, op: BinaryOp) -> PyResult<Option<Value>> {
        Ok(Some(match (a, b, op) {
            (Value::Str(x), Value::Str(y), BinaryOp::Add) => {
                let mut s = String::with_capacity(x.len() + y.len());
                s.push_str(x.as_str());
                s.push_str(y.as_str());
                Value::string(s)
            }
            (Value::List(x), Value::List(y), BinaryOp::Add) => {
                let mut v = x.snapshot();
                v.extend(y.snapshot());
                Value::list(v)
            }
            (Value::Tuple(x), Value::Tuple(y), BinaryOp::Add) => {
                let mut v = x.0.clone();
                v.extend(y.0.iter().cloned());
                Value::tuple(v)
            }
            (
                Value::Str(_) | Value::List(_) | Value::Tuple(_),
                Value::Int(_) | Value::Bool(_) | Value::BigInt(_),
                BinaryOp::Multiply,
            ) => {
                let n = self.repeat_count(b, a)?;
                repeat_seq(a, n)?
            }
            (
                Value::Int(_) | Value::Bool(_) | Value::BigInt(_),
                Value::Str(_) | Value::List(_) | Value::Tuple(_),
                BinaryOp::Multiply,
            ) => {
                let n = self.repeat_count(a, b)?;
                repeat_seq(b, n)?
            }
            (
                Value::Set(x),
                Value::Set(y),
                BinaryOp::Or | BinaryOp::And | BinaryOp::Xor | BinaryOp::Subtract,
            ) => {
                let xs = x.items.lock().clone();
                let ys = Operand::Set(y.items.lock().clone());
                let r: KeySet = match op {
                    BinaryOp::Or | BinaryOp::And if Arc::ptr_eq(x, y) => xs.copy(),
                    BinaryOp::Or => xs.union(&ys),
                    BinaryOp::And => xs.intersection(&ys),
                    BinaryOp::Xor => xs.symmetric_difference(&ys),
                    _ => xs.difference(&ys),
                };
                Value::Set(Arc::new(crate::vm::object::Set::new(r, x.frozen)))
            }
            (Value::Dict(x), Value::Dict(y), BinaryOp::Or) => {
                let d = x.copy();
                for (k, v) in y.items() {
                    d.insert(self.hash_key(&k)?, v);
                }
                Value::Dict(Arc::new(d))
            }
            (Value::Str(fmt), _, BinaryOp::Modulo) => {
                Value::string(crate::vm::builtins::percent_format(self, fmt.as_str(), b)?)
            }
            _ => return Ok(None),
        }))
    }

    pub fn unary_negative(&mut self, v: &Value) -> PyResult<Value> {
        Ok(match v {
            Value::Int(i) => match i.checked_neg() {
                Some(r) => Value::Int(r),
                None => Value::from_bigint(-BigInt::from(*i)),
            },
            Value::Bool(b) => Value::Int(-(*b as i64)),
            Value::BigInt(b) => Value::from_bigint(-(**b).clone()),
            Value::Float(x) => Value::Float(-x),
            _ => match self.call_special(v, "__neg__", &[])? {
                Some(r) => r,
                None => {
                    return Err(exc::type_error(format!(
                        "bad operand type for unary -: '{}'",
                        v.type_name()
                    )));
                }
            },
        })
    }

    pub fn unary_positive(&mut self, v: &Value) -> PyResult<Value> {
        Ok(match v {
            Value::Int(_) | Value::BigInt(_) | Value::Float(_) => v.clone(),
            Value::Bool(b) => Value::Int(*b as i64),
            _ => match self.call_special(v, "__pos__", &[])? {
                Some(r) => r,
                None => {
                    return Err(exc::type_error(format!(
                        "bad operand type for unary +: '{}'",
                        v.type_name()
                    )));
                }
            },
        })
    }

    pub fn unary_invert(&mut self, v: &Value) -> PyResult<Value> {
        Ok(match v {
            Value::Int(i) => Value::Int(!i),
            Value::Bool(b) => Value::Int(!(*b as i64)),
            Value::BigInt(b) => Value::from_bigint(-(**b).clone() - 1),
            _ => match self.call_special(v, "__invert__", &[])? {
                Some(r) => r,
                None => {
                    return Err(exc::type_error(format!(
                        "bad operand type for unary ~: '{}'",
                        v.type_name()
                    )));
                }
            },
        })
    }

    // ----- comparison --------------------------------------------------------------------

    pub fn compare(&mut self, a: &Value, b: &Value, op: CompareOp) -> PyResult<Value> {
        Ok(Value::Bool(match op {
            CompareOp::Eq => return self.rich_eq(a, b, false),
            CompareOp::Ne => return self.rich_eq(a, b, true),
            CompareOp::Is => a.is(b),
            CompareOp::IsNot => !a.is(b),
            CompareOp::In => self.contains(b, a)?,
            CompareOp::NotIn => !self.contains(b, a)?,
            CompareOp::Lt | CompareOp::Le | CompareOp::Gt | CompareOp::Ge => {
                return self.rich_order(a, b, op);
            }
        }))
    }

    /// `a == b` as a bool.
    pub fn eq(&mut self, a: &Value, b: &Value) -> PyResult<bool> {
        match (a, b) {
            (Value::Int(x), Value::Int(y)) => Ok(x == y),
            (Value::Str(x), Value::Str(y)) => Ok(Arc::ptr_eq(x, y) || x.as_str() == y.as_str()),
            _ => {
                let r = self.rich_eq(a, b, false)?;
                self.truthy(&r)
            }
        }
    }

    fn rich_eq(&mut self, a: &Value, b: &Value, negate: bool) -> PyResult<Value> {
        let r = self.eq_inner(a, b, negate)?;
        Ok(match r {
            EqResult::Bool(x) => Value::Bool(x != negate),
            EqResult::Value(v) => v,
        })
    }

    fn eq_inner(&mut self, a: &Value, b: &Value, negate: bool) -> PyResult<EqResult> {
        if let Some(c) = numeric_cmp(a, b) {
            return Ok(EqResult::Bool(c == Some(Ordering::Equal)));
        }
        Ok(EqResult::Bool(match (a, b) {
            (Value::Str(x), Value::Str(y)) => x.as_str() == y.as_str(),
            (Value::List(x), Value::List(y)) => {
                if Arc::ptr_eq(x, y) {
                    true
                } else {
                    let (xs, ys) = (x.snapshot(), y.snapshot());
                    self.seq_eq(&xs, &ys)?
                }
            }
            (Value::Tuple(x), Value::Tuple(y)) => self.seq_eq(&x.0, &y.0)?,
            (Value::Dict(x), Value::Dict(y)) => {
                if x.len() != y.len() {
                    false
                } else {
                    let mut all = true;
                    for (k, v) in x.items() {
                        let key = self.hash_key(&k)?;
                        match y.get(&key) {
                            Some(v2) => {
                                if !self.eq(&v, &v2)? {
                                    all = false;
                                    break;
                                }
                            }
                            None => {
                                all = false;
                                break;
                            }
                        }
                    }
                    all
                }
            }
            (Value::Set(x), Value::Set(y)) => x.eq_set(y),
            (Value::Range(x), Value::Range(y)) => {
                let (lx, ly) = (x.len(), y.len());
                lx == ly
                    && (lx.is_zero()
                        || (x.start == y.start && (lx == BigInt::from(1) || x.step == y.step)))
            }
            (Value::Instance(_) | Value::Native(_), _)
            | (_, Value::Instance(_) | Value::Native(_)) => {
                let (name, rname) = if negate {
                    ("__ne__", "__ne__")
                } else {
                    ("__eq__", "__eq__")
                };
                if let Some(r) = self.call_special(a, name, std::slice::from_ref(b))?
                    && !is_not_implemented(&r)
                {
                    return Ok(EqResult::Value(r));
                }
                if let Some(r) = self.call_special(b, rname, std::slice::from_ref(a))?
                    && !is_not_implemented(&r)
                {
                    return Ok(EqResult::Value(r));
                }
                if negate {
                    // `!=` falls back to the inverse of `__eq__`.
                    if let Some(r) = self.call_special(a, "__eq__", std::slice::from_ref(b))?
                        && !is_not_implemented(&r)
                    {
                        let t = self.truthy(&r)?;
                        return Ok(EqResult::Bool(t));
                    }
                }
                a.is(b)
            }
            _ => a.is(b),
        }))
    }

    fn seq_eq(&mut self, xs: &[Value], ys: &[Value]) -> PyResult<bool> {
        if xs.len() != ys.len() {
            return Ok(false);
        }
        for (x, y) in xs.iter().zip(ys) {
            if !x.is(y) && !self.eq(x, y)? {
                return Ok(false);
            }
        }
        Ok(true)
    }

    fn rich_order(&mut self, a: &Value, b: &Value, op: CompareOp) -> PyResult<Value> {
        if let Some(c) = numeric_cmp(a, b) {
            return Ok(Value::Bool(ord_matches(c, op)));
        }
        match (a, b) {
            (Value::Str(x), Value::Str(y)) => {
                return Ok(Value::Bool(ord_matches(
                    Some(x.as_str().cmp(y.as_str())),
                    op,
                )));
            }
            (Value::List(x), Value::List(y)) => {
                let (xs, ys) = (x.snapshot(), y.snapshot());
                return self.seq_order(&xs, &ys, op);
            }
            (Value::Tuple(x), Value::Tuple(y)) => return self.seq_order(&x.0, &y.0, op),
            (Value::Set(x), Value::Set(y)) => {
                let (xs, ys) = (x.items.lock().clone(), y.items.lock().clone());
                return Ok(Value::Bool(match op {
                    CompareOp::Le => xs.is_subset(&ys),
                    CompareOp::Lt => xs.len() < ys.len() && xs.is_subset(&ys),
                    CompareOp::Ge => xs.is_superset(&ys),
                    _ => xs.len() > ys.len() && xs.is_superset(&ys),
                }));
            }
            _ => {}
        }
        let (name, rname) = match op {
            CompareOp::Lt => ("__lt__", "__gt__"),
            CompareOp::Le => ("__le__", "__ge__"),
            CompareOp::Gt => ("__gt__", "__lt__"),
            _ => ("__ge__", "__le__"),
        };
        if let Some(r) = self.call_special(a, name, std::slice::from_ref(b))?
            && !is_not_implemented(&r)
        {
            return Ok(r);
        }
        if let Some(r) = self.call_special(b, rname, std::slice::from_ref(a))?
            && !is_not_implemented(&r)
        {
            return Ok(r);
        }
        Err(exc::type_error(format!(
            "'{}' not supported between instances of '{}' and '{}'",
            op.symbol(),
            a.type_name(),
            b.type_name()
        )))
    }

    fn seq_order(&mut self, xs: &[Value], ys: &[Value], op: CompareOp) -> PyResult<Value> {
        for (x, y) in xs.iter().zip(ys) {
            if !x.is(y) && !self.eq(x, y)? {
                return self.rich_order(x, y, op);
            }
        }
        Ok(Value::Bool(ord_matches(Some(xs.len().cmp(&ys.len())), op)))
    }

    /// `a < b` as a bool (sorting, min, max).
    pub fn lt(&mut self, a: &Value, b: &Value) -> PyResult<bool> {
        if let (Value::Int(x), Value::Int(y)) = (a, b) {
            return Ok(x < y);
        }
        let r = self.rich_order(a, b, CompareOp::Lt)?;
        self.truthy(&r)
    }

    // ----- hashing -----------------------------------------------------------------------

    /// A dict/set key for `v`, or TypeError for unhashable values.
    pub fn hash_key(&mut self, v: &Value) -> PyResult<HashKey> {
        if let Value::Instance(inst) = v
            && let Some(h) = inst.class.lookup("__hash__")
        {
            if h.is_none() {
                return Err(exc::type_error(format!(
                    "unhashable type: '{}'",
                    inst.class.name
                )));
            }
            let r = self.call(&h, std::slice::from_ref(v), &[])?;
            let hv = match r {
                Value::Int(i) => i,
                other => {
                    return Err(exc::type_error(format!(
                        "__hash__ method should return an integer, not {}",
                        other.type_name()
                    )));
                }
            };
            return Ok(HashKey {
                value: v.clone(),
                hash: hv,
            });
        }
        if let Value::Native(n) = v
            && n.class()
                .dict
                .get_str("__hash__")
                .is_some_and(|h| h.is_none())
        {
            // A native mutable container (`collections.deque`) opts out, as in CPython.
            return Err(exc::type_error(format!(
                "unhashable type: '{}'",
                n.type_name()
            )));
        }
        self_hash_key(v)
    }

    // ----- iteration ---------------------------------------------------------------------

    /// `iter(v)`.
    pub fn get_iter(&mut self, v: &Value) -> PyResult<Value> {
        let it = match v {
            Value::List(l) => IterObj::seq(SeqIter::List {
                list: l.clone(),
                index: 0,
            }),
            Value::Tuple(t) => IterObj::seq(SeqIter::Tuple {
                tuple: t.clone(),
                index: 0,
            }),
            Value::Str(s) => IterObj::seq(SeqIter::Str {
                s: s.clone(),
                pos: 0,
            }),
            Value::Range(r) => IterObj::range(r.start, r.stop, r.step),
            Value::Dict(d) => IterObj::seq(SeqIter::Dict {
                dict: d.clone(),
                index: 0,
                len: d.len(),
                kind: 0,
            }),
            Value::Set(s) => IterObj::seq(SeqIter::Values {
                items: s.snapshot(),
                index: 0,
            }),
            Value::Iter(_) => return Ok(v.clone()),
            Value::Instance(_) | Value::Native(_) => {
                if let Some(r) = self.call_special(v, "__iter__", &[])? {
                    return Ok(r);
                }
                if self.lookup_special(v, "__getitem__").is_some() {
                    IterObj::seq(SeqIter::GetItem {
                        obj: v.clone(),
                        index: 0,
                    })
                } else {
                    return Err(exc::type_error(format!(
                        "'{}' object is not iterable",
                        v.type_name()
                    )));
                }
            }
            other => {
                return Err(exc::type_error(format!(
                    "'{}' object is not iterable",
                    other.type_name()
                )));
            }
        };
        Ok(Value::Iter(Arc::new(it)))
    }

    /// `next(it)`: `Ok(None)` when exhausted.
    pub fn next(&mut self, it: &Value) -> PyResult<Option<Value>> {
        match it {
            Value::Iter(obj) => self.iter_next(obj),
            Value::Instance(_) | Value::Native(_) => match self.lookup_special(it, "__next__") {
                Some(m) => match self.call(&m, std::slice::from_ref(it), &[]) {
                    Ok(v) => Ok(Some(v)),
                    Err(e) if e.matches(&types().stop_iteration) => Ok(None),
                    Err(e) => Err(e),
                },
                None => Err(exc::type_error(format!(
                    "'{}' object is not an iterator",
                    it.type_name()
                ))),
            },
            other => Err(exc::type_error(format!(
                "'{}' object is not an iterator",
                other.type_name()
            ))),
        }
    }

    #[inline]
    pub fn iter_next(&mut self, obj: &IterObj) -> PyResult<Option<Value>> {
        match obj {
            IterObj::Range { next, stop, step } => {
                let cur = next.load(std::sync::atomic::Ordering::Relaxed);
                if (*step > 0 && cur < *stop) || (*step < 0 && cur > *stop) {
                    // Past i64's end is past `stop`: the iteration ends there, never wraps.
                    next.store(
                        cur.checked_add(*step).unwrap_or(*stop),
                        std::sync::atomic::Ordering::Relaxed,
                    );
                    Ok(Some(Value::Int(cur)))
                } else {
                    Ok(None)
                }
            }
            IterObj::Seq(m) => {
                // Cheap cases are answered under the lock; those that call Python code take
                // what they need out of it first.
                let mut st = m.lock();
                match &mut *st {
                    SeqIter::List { list, index } => {
                        let item = list.get(*index);
                        if item.is_some() {
                            *index += 1;
                        } else {
                            *st = SeqIter::Exhausted;
                        }
                        Ok(item)
                    }
                    SeqIter::Tuple { tuple, index } => {
                        let item = tuple.0.get(*index).cloned();
                        *index += 1;
                        Ok(item)
                    }
                    SeqIter::Reversed { list, index } => {
                        if *index == 0 {
                            return Ok(None);
                        }
                        *index -= 1;
                        Ok(list.get(*index).cloned())
                    }
                    SeqIter::Str { s, pos } => {
                        let text = s.as_str();
                        match text[*pos..].chars().next() {
                            Some(c) => {
                                *pos += c.len_utf8();
                                let mut buf = [0u8; 4];
                                Ok(Some(Value::str(c.encode_utf8(&mut buf))))
                            }
                            None => Ok(None),
                        }
                    }
                    SeqIter::Values { items, index } => {
                        let item = items.get(*index).cloned();
                        *index += 1;
                        Ok(item)
                    }
                    SeqIter::Dict {
                        dict,
                        index,
                        len,
                        kind,
                    } => {
                        if dict.len() != *len {
                            *len = usize::MAX;
                            return Err(exc::runtime_error(
                                "dictionary changed size during iteration",
                            ));
                        }
                        let Some((k, v)) = dict.entry_at(*index) else {
                            return Ok(None);
                        };
                        *index += 1;
                        Ok(Some(match kind {
                            0 => k,
                            1 => v,
                            _ => Value::tuple(vec![k, v]),
                        }))
                    }
                    SeqIter::Exhausted => Ok(None),
                    SeqIter::Enumerate { inner, count } => {
                        let inner = inner.clone();
                        let n = count.clone();
                        *count += 1;
                        drop(st);
                        Ok(self
                            .next(&inner)?
                            .map(|v| Value::tuple(vec![Value::from_bigint(n), v])))
                    }
                    SeqIter::Zip { inners } => {
                        let inners = inners.clone();
                        drop(st);
                        let mut out = Vec::with_capacity(inners.len());
                        for it in &inners {
                            match self.next(it)? {
                                Some(v) => out.push(v),
                                None => return Ok(None),
                            }
                        }
                        if inners.is_empty() {
                            return Ok(None);
                        }
                        Ok(Some(Value::tuple(out)))
                    }
                    SeqIter::Map { func, inners } => {
                        let (func, inners) = (func.clone(), inners.clone());
                        drop(st);
                        let mut args = Vec::with_capacity(inners.len());
                        for it in &inners {
                            match self.next(it)? {
                                Some(v) => args.push(v),
                                None => return Ok(None),
                            }
                        }
                        Ok(Some(self.call(&func, &args, &[])?))
                    }
                    SeqIter::Filter { func, inner } => {
                        let (func, inner) = (func.clone(), inner.clone());
                        drop(st);
                        while let Some(v) = self.next(&inner)? {
                            let keep = if func.is_none() {
                                self.truthy(&v)?
                            } else {
                                let r = self.call1(&func, v.clone())?;
                                self.truthy(&r)?
                            };
                            if keep {
                                return Ok(Some(v));
                            }
                        }
                        Ok(None)
                    }
                    SeqIter::Callable { func, sentinel } => {
                        let (func, sentinel) = (func.clone(), sentinel.clone());
                        drop(st);
                        let v = self.call0(&func)?;
                        if self.eq(&v, &sentinel)? {
                            *m.lock() = SeqIter::Exhausted;
                            Ok(None)
                        } else {
                            Ok(Some(v))
                        }
                    }
                    SeqIter::GetItem { obj, index } => {
                        let (obj, i) = (obj.clone(), *index);
                        *index += 1;
                        drop(st);
                        match self.getitem(&obj, &Value::Int(i)) {
                            Ok(v) => Ok(Some(v)),
                            Err(e)
                                if e.matches(&types().index_error)
                                    || e.matches(&types().stop_iteration) =>
                            {
                                *m.lock() = SeqIter::Exhausted;
                                Ok(None)
                            }
                            Err(e) => Err(e),
                        }
                    }
                }
            }
        }
    }

    /// All the items of an iterable.
    pub fn collect(&mut self, v: &Value) -> PyResult<Vec<Value>> {
        match v {
            Value::List(l) => Ok(l.snapshot()),
            Value::Tuple(t) => Ok(t.0.clone()),
            Value::Range(r) => {
                let n = r.len_usize();
                check_alloc(n, 1)?;
                Ok((0..n).map(|i| Value::Int(range_item(r, i))).collect())
            }
            _ => {
                let it = self.get_iter(v)?;
                let mut out = Vec::new();
                while let Some(x) = self.next(&it)? {
                    out.push(x);
                }
                Ok(out)
            }
        }
    }

    // ----- containers --------------------------------------------------------------------

    pub fn len(&mut self, v: &Value) -> PyResult<usize> {
        Ok(match v {
            Value::Str(s) => s.char_len(),
            Value::List(l) => l.len(),
            Value::Tuple(t) => t.0.len(),
            Value::Dict(d) => d.len(),
            Value::Set(s) => s.len(),
            // A length is a Py_ssize_t, as in CPython: at most `i64::MAX`.
            Value::Range(r) => r.len().to_i64().map(|n| n as usize).ok_or_else(|| {
                exc::overflow_error("Python int too large to convert to C ssize_t")
            })?,
            _ => match self.call_special(v, "__len__", &[])? {
                Some(r) => {
                    let n = self.to_index(&r)?;
                    if n < 0 {
                        return Err(exc::value_error("__len__() should return >= 0"));
                    }
                    n as usize
                }
                None => {
                    return Err(exc::type_error(format!(
                        "object of type '{}' has no len()",
                        v.type_name()
                    )));
                }
            },
        })
    }

    /// An integer for indexing (`__index__`).
    pub fn to_index(&mut self, v: &Value) -> PyResult<i64> {
        match v {
            Value::Int(i) => Ok(*i),
            Value::Bool(b) => Ok(*b as i64),
            Value::BigInt(_) => Err(exc::index_error(
                "cannot fit 'int' into an index-sized integer",
            )),
            _ => match self.call_special(v, "__index__", &[])? {
                Some(Value::Int(i)) => Ok(i),
                _ => Err(exc::type_error(format!(
                    "'{}' object cannot be interpreted as an integer",
                    v.type_name()
                ))),
            },
        }
    }

    pub fn contains(&mut self, container: &Value, item: &Value) -> PyResult<bool> {
        match container {
            Value::Str(s) => match item {
                Value::Str(sub) => Ok(s.as_str().contains(sub.as_str())),
                other => Err(exc::type_error(format!(
                    "'in <string>' requires string as left operand, not {}",
                    other.type_name()
                ))),
            },
            Value::List(l) => {
                let items = l.snapshot();
                self.seq_contains(&items, item)
            }
            Value::Tuple(t) => self.seq_contains(&t.0, item),
            Value::Dict(d) => {
                let k = self.hash_key(item)?;
                Ok(d.contains(&k))
            }
            Value::Set(s) => {
                let k = self.hash_key(item)?;
                Ok(s.contains(&k))
            }
            Value::Range(r) => match item {
                Value::Int(_) | Value::Bool(_) => {
                    let i = self.to_index(item)?;
                    let in_bounds = if r.step > 0 {
                        i >= r.start && i < r.stop
                    } else {
                        i <= r.start && i > r.stop
                    };
                    // In i128: `i - start` can exceed i64 (both near opposite ends).
                    Ok(in_bounds && (i as i128 - r.start as i128) % r.step as i128 == 0)
                }
                _ => {
                    let items = self.collect(container)?;
                    self.seq_contains(&items, item)
                }
            },
            Value::Instance(_) | Value::Native(_) => {
                if let Some(r) =
                    self.call_special(container, "__contains__", std::slice::from_ref(item))?
                {
                    return self.truthy(&r);
                }
                let it = self.get_iter(container).map_err(|_| {
                    exc::type_error(format!(
                        "argument of type '{}' is not iterable",
                        container.type_name()
                    ))
                })?;
                while let Some(x) = self.next(&it)? {
                    if x.is(item) || self.eq(&x, item)? {
                        return Ok(true);
                    }
                }
                Ok(false)
            }
            Value::Iter(_) => {
                while let Some(x) = self.next(container)? {
                    if x.is(item) || self.eq(&x, item)? {
                        return Ok(true);
                    }
                }
                Ok(false)
            }
            other => Err(exc::type_error(format!(
                "argument of type '{}' is not iterable",
                other.type_name()
            ))),
        }
    }

    fn seq_contains(&mut self, items: &[Value], item: &Value) -> PyResult<bool> {
        for x in items {
            if x.is(item) || self.eq(x, item)? {
                return Ok(true);
            }
        }
        Ok(false)
    }

    pub fn getitem(&mut self, obj: &Value, key: &Value) -> PyResult<Value> {
        match obj {
            Value::List(l) => match key {
                Value::Int(i) => {
                    let items = l.items.lock();
                    match norm_index(*i, items.len()) {
                        Some(i) => Ok(items[i].clone()),
                        None => Err(exc::index_error("list index out of range")),
                    }
                }
                Value::Slice(s) => {
                    let items = l.snapshot();
                    let (start, _, step, n) = slice_indices(self, s, items.len())?;
                    Ok(Value::list(slice_vec(&items, start, step, n)))
                }
                _ => {
                    let i = self.seq_index(key, "list")?;
                    self.getitem(obj, &Value::Int(i))
                }
            },
            Value::Tuple(t) => match key {
                Value::Int(i) => match norm_index(*i, t.0.len()) {
                    Some(i) => Ok(t.0[i].clone()),
                    None => Err(exc::index_error("tuple index out of range")),
                },
                Value::Slice(s) => {
                    let (start, _, step, n) = slice_indices(self, s, t.0.len())?;
                    Ok(Value::tuple(slice_vec(&t.0, start, step, n)))
                }
                _ => {
                    let i = self.seq_index(key, "tuple")?;
                    self.getitem(obj, &Value::Int(i))
                }
            },
            Value::Str(s) => match key {
                Value::Int(i) => match norm_index(*i, s.char_len()).and_then(|i| s.char_at(i)) {
                    Some(c) => {
                        let mut buf = [0u8; 4];
                        Ok(Value::str(c.encode_utf8(&mut buf)))
                    }
                    None => Err(exc::index_error("string index out of range")),
                },
                Value::Slice(sl) => {
                    let chars: Vec<char> = s.as_str().chars().collect();
                    let (start, _, step, n) = slice_indices(self, sl, chars.len())?;
                    Ok(Value::string(
                        slice_vec(&chars, start, step, n).into_iter().collect(),
                    ))
                }
                Value::Bool(b) => self.getitem(obj, &Value::Int(*b as i64)),
                other => Err(exc::type_error(format!(
                    "string indices must be integers, not '{}'",
                    other.type_name()
                ))),
            },
            Value::Dict(d) => {
                let k = self.hash_key(key)?;
                match d.get(&k) {
                    Some(v) => Ok(v),
                    None => Err(exc::key_error(key.clone())),
                }
            }
            Value::Range(r) => match key {
                Value::Slice(s) => {
                    let n = r.len_usize();
                    let (start, stop, step, _) = slice_indices(self, s, n)?;
                    // In i128 (the indices are within 0..=len, the steps i64): ranges hold
                    // i64 bounds, so a result beyond them is an OverflowError, not a wrap.
                    let at = |i: i64| r.start as i128 + i as i128 * r.step as i128;
                    let fit = |v: i128| {
                        i64::try_from(v).map_err(|_| {
                            exc::overflow_error("Python int too large to convert to C ssize_t")
                        })
                    };
                    Ok(Value::Range(Arc::new(crate::vm::object::RangeObj {
                        start: fit(at(start))?,
                        stop: fit(at(stop))?,
                        step: fit(r.step as i128 * step as i128)?,
                    })))
                }
                _ => {
                    let i = self.seq_index(key, "range")?;
                    match norm_index(i, r.len_usize()) {
                        Some(i) => Ok(Value::Int(range_item(r, i))),
                        None => Err(exc::index_error("range object index out of range")),
                    }
                }
            },
            Value::Class(cls) => {
                if let Some(r) = crate::vm::modules::typing::class_getitem(self, cls, key)? {
                    return Ok(r);
                }
                if let Some(m) = cls.lookup("__class_getitem__") {
                    return self.call(&m, &[obj.clone(), key.clone()], &[]);
                }
                Err(exc::type_error(format!(
                    "type '{}' is not subscriptable",
                    cls.name
                )))
            }
            _ => match self.call_special(obj, "__getitem__", std::slice::from_ref(key))? {
                Some(v) => Ok(v),
                None => Err(exc::type_error(format!(
                    "'{}' object is not subscriptable",
                    obj.type_name()
                ))),
            },
        }
    }

    fn seq_index(&mut self, key: &Value, what: &str) -> PyResult<i64> {
        match key {
            Value::Int(_) | Value::Bool(_) | Value::BigInt(_) => self.to_index(key).map_err(|_| {
                exc::index_error("cannot fit 'int' into an index-sized integer".to_string())
            }),
            Value::Instance(_) if self.lookup_special(key, "__index__").is_some() => {
                self.to_index(key)
            }
            other => Err(exc::type_error(format!(
                "{} indices must be integers or slices, not {}",
                what,
                other.type_name()
            ))),
        }
    }

    pub fn setitem(&mut self, obj: &Value, key: &Value, value: Value) -> PyResult<()> {
        match obj {
            Value::List(l) => match key {
                Value::Slice(s) => {
                    let new_items = self.collect(&value)?;
                    let len = l.len();
                    let (start, stop, step, n) = slice_indices(self, s, len)?;
                    let mut items = l.items.lock();
                    if step == 1 {
                        let stop = stop.max(start) as usize;
                        let start = start as usize;
                        let (start, stop) = (start.min(items.len()), stop.min(items.len()));
                        items.splice(start..stop, new_items);
                        Ok(())
                    } else if new_items.len() != n {
                        Err(exc::value_error(format!(
                            "attempt to assign sequence of size {} to extended slice of size {}",
                            new_items.len(),
                            n
                        )))
                    } else {
                        for (k, v) in new_items.into_iter().enumerate() {
                            let idx = (start + k as i64 * step) as usize;
                            if let Some(slot) = items.get_mut(idx) {
                                *slot = v;
                            }
                        }
                        Ok(())
                    }
                }
                _ => {
                    let i = self.seq_index(key, "list")?;
                    let mut items = l.items.lock();
                    match norm_index(i, items.len()) {
                        Some(i) => {
                            items[i] = value;
                            Ok(())
                        }
                        None => Err(exc::index_error("list assignment index out of range")),
                    }
                }
            },
            Value::Dict(d) => {
                let k = self.hash_key(key)?;
                d.insert(k, value);
                Ok(())
            }
            _ => match self.call_special(obj, "__setitem__", &[key.clone(), value])? {
                Some(_) => Ok(()),
                None => Err(exc::type_error(format!(
                    "'{}' object does not support item assignment",
                    obj.type_name()
                ))),
            },
        }
    }

    pub fn delitem(&mut self, obj: &Value, key: &Value) -> PyResult<()> {
        match obj {
            Value::List(l) => match key {
                Value::Slice(s) => {
                    let len = l.len();
                    let (start, _, step, n) = slice_indices(self, s, len)?;
                    let mut idx: Vec<usize> =
                        (0..n).map(|k| (start + k as i64 * step) as usize).collect();
                    idx.sort_unstable();
                    let mut items = l.items.lock();
                    for i in idx.into_iter().rev() {
                        if i < items.len() {
                            items.remove(i);
                        }
                    }
                    Ok(())
                }
                _ => {
                    let i = self.seq_index(key, "list")?;
                    let mut items = l.items.lock();
                    match norm_index(i, items.len()) {
                        Some(i) => {
                            items.remove(i);
                            Ok(())
                        }
                        None => Err(exc::index_error("list assignment index out of range")),
                    }
                }
            },
            Value::Dict(d) => {
                let k = self.hash_key(key)?;
                match d.remove(&k) {
                    Some(_) => Ok(()),
                    None => Err(exc::key_error(key.clone())),
                }
            }
            _ => match self.call_special(obj, "__delitem__", std::slice::from_ref(key))? {
                Some(_) => Ok(()),
                None => Err(exc::type_error(format!(
                    "'{}' object doesn't support item deletion",
                    obj.type_name()
                ))),
            },
        }
    }

    /// `isinstance(v, cls)`.
    pub fn isinstance(&self, v: &Value, cls: &Arc<Class>) -> bool {
        type_of(v).is_subclass_of(cls)
    }
}

enum EqResult {
    Bool(bool),
    Value(Value),
}

fn ord_matches(c: Option<Ordering>, op: CompareOp) -> bool {
    match c {
        None => false,
        Some(c) => match op {
            CompareOp::Lt => c == Ordering::Less,
            CompareOp::Le => c != Ordering::Greater,
            CompareOp::Gt => c == Ordering::Greater,
            CompareOp::Ge => c != Ordering::Less,
            CompareOp::Eq => c == Ordering::Equal,
            CompareOp::Ne => c != Ordering::Equal,
            _ => false,
        },
    }
}

/// Refuses sequences whose size would be absurd (`[0] * 10**12`): MemoryError, as CPython.
pub fn check_alloc(len: usize, times: usize) -> PyResult<()> {
    match len.checked_mul(times) {
        Some(n) if n <= (1 << 32) => Ok(()),
        _ => Err(exc::memory_error()),
    }
}

fn repeat_seq(seq: &Value, n: usize) -> PyResult<Value> {
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
        Value::List(_) | Value::Dict(_) | Value::Set(_) => {
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

/// CPython 3.8+'s tuple hash (xxHash-based).
fn tuple_hash(items: &[Value]) -> PyResult<i64> {
    const P1: u64 = 11400714785074694791;
    const P2: u64 = 14029467366897019727;
    const P5: u64 = 2870177450012600261;
    let mut acc: u64 = P5;
    for item in items {
        let lane = self_hash_key(item)?.hash as u64;
        acc = acc.wrapping_add(lane.wrapping_mul(P2));
        acc = acc.rotate_left(31);
        acc = acc.wrapping_mul(P1);
    }
    acc = acc.wrapping_add((items.len() as u64) ^ (P5 ^ 3527539));
    if acc == u64::MAX {
        return Ok(1546275796);
    }
    Ok(acc as i64)
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
    Value::List(Arc::new(List::new(items)))
}

/// Builds a tuple value.
pub fn new_tuple(items: Vec<Value>) -> Value {
    Value::Tuple(Arc::new(Tuple(items)))
}

/// Builds a str value.
pub fn new_str(s: &str) -> Value {
    Value::Str(Arc::new(PyStr::new(s)))
}
