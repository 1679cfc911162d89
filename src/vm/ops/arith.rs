//! Arithmetic: `a + b`, `a += b`, `-a`, … for any values: numbers (the int and float kernels are
//! `types/int.rs` and `types/float.rs`), sequences and user classes.

use super::*;
use crate::vm::types::int::bigint_binop;

/// A number, for the arithmetic below.
pub(super) enum Num {
    Int(BigInt),
    Float(f64),
}

pub(super) fn to_num(v: &Value) -> Option<Num> {
    Some(match v {
        Value::Int(i) => Num::Int(BigInt::from(*i)),
        Value::Bool(b) => Num::Int(BigInt::from(*b as i64)),
        Value::BigInt(b) => Num::Int((**b).clone()),
        Value::Float(x) => Num::Float(*x),
        _ => return None,
    })
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

pub(super) fn is_bitwise(op: BinaryOp) -> bool {
    matches!(
        op,
        BinaryOp::And | BinaryOp::Or | BinaryOp::Xor | BinaryOp::Lshift | BinaryOp::Rshift
    )
}

impl Vm {
    // ----- arithmetic --------------------------------------------------------------------

    pub fn binary_op(&mut self, a: &Value, b: &Value, op: BinaryOp) -> PyResult<Value> {
        self.binary_op_as(a, b, op, false)
    }

    /// `binary_op`, with the error message of `op=` when `inplace`.
    pub(super) fn binary_op_as(
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
        if let Some(r) = self.call_binary_dunders(a, b, name, rname)? {
            return Ok(r);
        }
        if op == BinaryOp::Or
            && matches!((a, b), (Value::Class(_), _) | (_, Value::Class(_)))
            && let Some(or) = types().type_.dict.get_str("__or__")
        {
            // `type.__or__` (PEP 604's `int | None`, registered by `typing`), which
            // `lookup_special` does not look for in `type` itself.
            let u = self.call(&or, &[a.clone(), b.clone()], &[])?;
            if !is_not_implemented(&u) {
                return Ok(u);
            }
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
    pub(super) fn binop_type_error(
        &self,
        a: &Value,
        b: &Value,
        op: BinaryOp,
        inplace: bool,
    ) -> PyErr {
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

    pub(super) fn repeat_count(&mut self, n: &Value, seq: &Value) -> PyResult<usize> {
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
    pub(super) fn builtin_binop(
        &mut self,
        a: &Value,
        b: &Value,
        op: BinaryOp,
    ) -> PyResult<Option<Value>> {
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
                seq @ (Value::Str(_) | Value::List(_) | Value::Tuple(_)),
                count @ (Value::Int(_) | Value::Bool(_) | Value::BigInt(_)),
                BinaryOp::Multiply,
            )
            | (
                count @ (Value::Int(_) | Value::Bool(_) | Value::BigInt(_)),
                seq @ (Value::Str(_) | Value::List(_) | Value::Tuple(_)),
                BinaryOp::Multiply,
            ) => {
                let n = self.repeat_count(count, seq)?;
                repeat_seq(seq, n)?
            }
            (
                Value::Set(x),
                Value::Set(y),
                BinaryOp::Or | BinaryOp::And | BinaryOp::Xor | BinaryOp::Subtract,
            ) => {
                let xs = x.items.lock().clone();
                let ys = self.canonical(&xs, Operand::Set(y.items.lock().clone()))?;
                let r: KeySet = match op {
                    BinaryOp::Or | BinaryOp::And if Arc::ptr_eq(x, y) => xs.copy(),
                    BinaryOp::Or => xs.union(&ys),
                    BinaryOp::And => xs.intersection(&ys),
                    BinaryOp::Xor => xs.symmetric_difference(&ys),
                    _ => xs.difference(&ys),
                };
                Value::set(r, x.frozen)
            }
            (Value::Dict(x), Value::Dict(y), BinaryOp::Or) => {
                let d = x.copy();
                for (k, v) in y.items() {
                    let k = self.hash_key(&k)?;
                    self.dict_set(&d, k, v)?;
                }
                Value::dict(d)
            }
            (Value::Str(fmt), _, BinaryOp::Modulo) => Value::string(
                crate::vm::format::percent::percent_format(self, fmt.as_str(), b)?,
            ),
            // `bytes % args` and `bytearray % args` (PEP 461): the same kind back.
            (Value::Bytes(fmt), _, BinaryOp::Modulo) => Value::bytes(
                crate::vm::format::percent::percent_format_bytes(self, fmt.data(), b)?,
            ),
            (Value::Native(_), _, BinaryOp::Modulo)
                if let Some(ba) = crate::vm::types::bytes::as_bytearray(a) =>
            {
                let fmt = ba.data.lock().clone();
                crate::vm::types::bytes::bytearray(
                    crate::vm::format::percent::percent_format_bytes(self, &fmt, b)?,
                )
            }
            _ => return Ok(None),
        }))
    }

    /// A unary operator on a value that is not a built-in number: its `dunder` method
    /// (`__neg__`, `__abs__`, …), or CPython's "bad operand type for `op`" TypeError.
    pub(crate) fn unary_special(&mut self, v: &Value, dunder: &str, op: &str) -> PyResult<Value> {
        match self.call_special(v, dunder, &[])? {
            Some(r) => Ok(r),
            None => Err(exc::type_error(format!(
                "bad operand type for {op}: '{}'",
                v.type_name()
            ))),
        }
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
            _ => return self.unary_special(v, "__neg__", "unary -"),
        })
    }

    pub fn unary_positive(&mut self, v: &Value) -> PyResult<Value> {
        Ok(match v {
            Value::Int(_) | Value::BigInt(_) | Value::Float(_) => v.clone(),
            Value::Bool(b) => Value::Int(*b as i64),
            _ => return self.unary_special(v, "__pos__", "unary +"),
        })
    }

    pub fn unary_invert(&mut self, v: &Value) -> PyResult<Value> {
        Ok(match v {
            Value::Int(i) => Value::Int(!i),
            Value::Bool(b) => Value::Int(!(*b as i64)),
            Value::BigInt(b) => Value::from_bigint(-(**b).clone() - 1),
            _ => return self.unary_special(v, "__invert__", "unary ~"),
        })
    }
}
