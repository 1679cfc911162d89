//! `int`: its constructor (`int(x, base)`, `float_to_int`), its methods (`bit_length`, …) and
//! its arithmetic (`int_binop` and the big-int paths `ops/arith.rs` dispatches to).

use super::args::*;
use crate::bytecode::BinaryOp;
use crate::vm::Vm;
use crate::vm::num::bigint_to_f64;
use crate::vm::object::exceptions as exc;
use crate::vm::object::exceptions::PyErr;
use crate::vm::object::registry::{Types, add_all};
use crate::vm::object::value::Value;
use crate::vm::object::{KwArgs, PyResult};
use crate::vm::types::ctor_args::*;
use crate::vm::types::float::float_binop;
use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::FromPrimitive;
use num_traits::Signed;
use num_traits::ToPrimitive;
use num_traits::Zero;

// ----- methods ------------------------------------------------------------------------------------

/// `int.bit_length()`
pub(super) fn int_bit_length(_vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let i = this_int(args, "bit_length")?;
    no_args(args, kw, "int.bit_length")?;
    Ok(Value::Int(i.bits() as i64))
}

/// `int.bit_count()`: ones in the binary form of the absolute value.
pub(super) fn int_bit_count(_vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let i = this_int(args, "bit_count")?;
    no_args(args, kw, "int.bit_count")?;
    Ok(Value::Int(i.magnitude().count_ones() as i64))
}

/// `int.conjugate()`: the int itself (a bool becomes an int).
pub(super) fn int_conjugate(_vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let i = this_int(args, "conjugate")?;
    no_args(args, kw, "int.conjugate")?;
    Ok(Value::from_bigint(i))
}

/// `int.as_integer_ratio()`
pub(super) fn int_as_integer_ratio(_vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let i = this_int(args, "as_integer_ratio")?;
    no_args(args, kw, "int.as_integer_ratio")?;
    Ok(Value::tuple(vec![Value::from_bigint(i), Value::Int(1)]))
}

/// Registers the methods of `int` in its class. Called once, while the built-in classes are
/// being created: it must not call `types()`.
pub(crate) fn register(t: &Types) {
    add_all(
        &t.int,
        &[
            ("bit_length", int_bit_length),
            ("bit_count", int_bit_count),
            ("conjugate", int_conjugate),
            ("as_integer_ratio", int_as_integer_ratio),
        ],
    );
}

/// `int(x=0)`, `int(x, base=10)`.
pub fn int_new(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let a = ctor_args(args);
    if a.len() > 2 {
        return Err(exc::type_error(format!(
            "int() takes at most 2 arguments ({} given)",
            a.len() + kw.len()
        )));
    }
    let slots = bind_params(a, kw, "int", &["x", "base"], 0)?;
    if let Some((k, _)) = kw.iter().find(|(k, _)| &**k == "x") {
        return Err(crate::vm::args::invalid_keyword(k, "int"));
    }
    let x = slots[0].clone();
    match &slots[1] {
        None => match x {
            None => Ok(Value::Int(0)),
            Some(x) => int_from_value(vm, &x),
        },
        Some(base) => {
            let base = index_bigint(vm, base)?;
            let b = base.to_i64().unwrap_or(-1);
            if b != 0 && !(2..=36).contains(&b) {
                return Err(exc::value_error("int() base must be >= 2 and <= 36, or 0"));
            }
            match x {
                None => Err(exc::type_error("int() missing string argument")),
                Some(Value::Str(s)) => int_from_str(s.as_str(), b as u32),
                Some(Value::Bytes(d)) => int_from_bytes_text(d.data(), b as u32),
                Some(_) => Err(exc::type_error(
                    "int() can't convert non-string with explicit base",
                )),
            }
        }
    }
}

/// `int(b"42")`: the bytes read as ASCII digits; the error shows the bytes' repr.
fn int_from_bytes_text(data: &[u8], base: u32) -> PyResult<Value> {
    let text: String = data.iter().map(|&b| char::from(b)).collect();
    if data.is_ascii()
        && let Ok(v) = int_from_str(&text, base)
    {
        return Ok(v);
    }
    Err(exc::value_error(format!(
        "invalid literal for int() with base {base}: {}",
        crate::bytecode::constant::bytes_repr(data)
    )))
}

pub(crate) fn int_from_value(vm: &mut Vm, x: &Value) -> PyResult<Value> {
    match x {
        Value::Int(_) | Value::BigInt(_) => Ok(x.clone()),
        Value::Bool(b) => Ok(Value::Int(*b as i64)),
        Value::Float(f) => float_to_int(*f),
        Value::Str(s) => int_from_str(s.as_str(), 10),
        Value::Bytes(d) => int_from_bytes_text(d.data(), 10),
        Value::Instance(_) | Value::Native(_) => {
            for name in ["__int__", "__index__", "__trunc__"] {
                if let Some(r) = vm.call_special(x, name, &[])? {
                    return match r {
                        Value::Int(_) | Value::BigInt(_) => Ok(r),
                        Value::Bool(b) => Ok(Value::Int(b as i64)),
                        other if name == "__trunc__" => int_from_value(vm, &other),
                        other => Err(exc::type_error(format!(
                            "{} returned non-int (type {})",
                            name,
                            other.type_name()
                        ))),
                    };
                }
            }
            // A str or bytes subclass converts as its value; a bytearray or a memoryview as
            // its bytes.
            if let b @ (Value::Str(_) | Value::Bytes(_)) = x.builtin_base() {
                return int_from_value(vm, b);
            }
            if let Some(d) = crate::vm::types::bytes::simple_buffer(x) {
                return int_from_bytes_text(&d, 10);
            }
            Err(int_arg_error(x))
        }
        _ => Err(int_arg_error(x)),
    }
}

#[cold]
pub(crate) fn int_arg_error(x: &Value) -> PyErr {
    exc::type_error(format!(
        "int() argument must be a string, a bytes-like object or a real number, not '{}'",
        x.type_name()
    ))
}

/// `int(3.9)`: truncation, with CPython's errors for infinities and NaN. The one conversion of a
/// float to an int: `int()`, `%d`, `math.floor`/`ceil`/`trunc` and `random` use it (on an
/// integral float the truncation changes nothing; ints that fit an `i64` come back as `Int`
/// whichever path builds them).
pub fn float_to_int(f: f64) -> PyResult<Value> {
    if f.is_nan() {
        return Err(exc::value_error("cannot convert float NaN to integer"));
    }
    if f.is_infinite() {
        return Err(exc::overflow_error(
            "cannot convert float infinity to integer",
        ));
    }
    let t = f.trunc();
    if t.abs() < 9.0e18 {
        return Ok(Value::Int(t as i64));
    }
    Ok(Value::from_bigint(BigInt::from_f64(t).unwrap_or_default()))
}

/// `int(s, base)` for a string: whitespace, sign, base prefixes and underscores as CPython.
pub(crate) fn int_from_str(s: &str, base: u32) -> PyResult<Value> {
    if let Some(v) = small_decimal(s, base) {
        return Ok(Value::Int(v));
    }
    match parse_int(&crate::vm::types::str::decimal_and_space_to_ascii(s), base) {
        Some(Ok(v)) => Ok(Value::from_bigint(v)),
        Some(Err(e)) => Err(e),
        None => Err(exc::value_error(format!(
            "invalid literal for int() with base {}: {}",
            base,
            crate::vm::types::str::str_repr(s)
        ))),
    }
}

/// `int(s)` of the usual string: up to 18 ASCII digits, an optional sign, ASCII blanks
/// around. `None` sends anything else (and a base-0 string with a leading zero) to
/// [`parse_int`], which decides every case; this only skips its copies (`int("42")` cost
/// 1,175 instructions).
fn small_decimal(s: &str, base: u32) -> Option<i64> {
    if base != 10 && base != 0 {
        return None;
    }
    let blank = |c: &u8| matches!(c, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c);
    let b = s.as_bytes();
    let start = b.iter().position(|c| !blank(c))?;
    let end = b.iter().rposition(|c| !blank(c))? + 1;
    let (neg, digits) = match &b[start..end] {
        [b'-', rest @ ..] => (true, rest),
        [b'+', rest @ ..] => (false, rest),
        all => (false, all),
    };
    if digits.is_empty()
        || digits.len() > 18
        || !digits.iter().all(u8::is_ascii_digit)
        || (base == 0 && digits.len() > 1 && digits[0] == b'0')
    {
        return None;
    }
    let v = digits
        .iter()
        .fold(0i64, |v, &d| v * 10 + i64::from(d - b'0'));
    Some(if neg { -v } else { v })
}

pub(crate) fn parse_int(s: &str, base: u32) -> Option<PyResult<BigInt>> {
    let t = s.trim_matches(is_py_space);
    let (neg, body) = match t.as_bytes().first() {
        Some(b'-') => (true, &t[1..]),
        Some(b'+') => (false, &t[1..]),
        _ => (false, t),
    };
    let prefix = body.get(..2).map(|p| p.to_ascii_lowercase());
    let prefix_base = match prefix.as_deref() {
        Some("0x") => 16,
        Some("0o") => 8,
        Some("0b") => 2,
        _ => 0,
    };
    let mut digits = body;
    let mut b = base;
    let mut had_prefix = false;
    if prefix_base != 0 && (base == 0 || base == prefix_base) {
        b = prefix_base;
        digits = &body[2..];
        had_prefix = true;
        if let Some(rest) = digits.strip_prefix('_') {
            digits = rest;
        }
    }
    if b == 0 {
        b = 10;
    }
    if digits.is_empty()
        || digits.starts_with('_')
        || digits.ends_with('_')
        || digits.contains("__")
        || !digits
            .chars()
            .all(|c| c == '_' || c.is_ascii_alphanumeric())
    {
        return None;
    }
    let clean: String = digits.chars().filter(|c| *c != '_').collect();
    if base == 0 && !had_prefix && clean.len() > 1 && clean.starts_with('0') {
        if clean.chars().all(|c| c == '0') {
            return Some(Ok(BigInt::zero()));
        }
        return None;
    }
    if !b.is_power_of_two() && clean.len() > crate::vm::num::INT_MAX_STR_DIGITS {
        return Some(Err(exc::value_error(format!(
            "Exceeds the limit ({} digits) for integer string conversion: value has {} digits; use sys.set_int_max_str_digits() to increase the limit",
            crate::vm::num::INT_MAX_STR_DIGITS,
            clean.len()
        ))));
    }
    let v = BigInt::parse_bytes(clean.as_bytes(), b)?;
    Some(Ok(if neg { -v } else { v }))
}

// ----- arithmetic (the fast paths of `ops/arith.rs`) ---------------------------------------------

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

pub(crate) fn bigint_true_div(x: &BigInt, y: &BigInt) -> PyResult<f64> {
    if y.is_zero() {
        return Err(exc::zero_division_error("division by zero"));
    }
    // A zero (or underflowed) quotient keeps the sign of the exact one, as in CPython:
    // `0 / -(10**30)` is `-0.0`.
    if x.is_zero() {
        return Ok(if y.is_negative() { -0.0 } else { 0.0 });
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

pub(crate) fn int_pow(x: &BigInt, y: &BigInt) -> PyResult<Value> {
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

pub(crate) fn bigint_binop(x: &BigInt, y: &BigInt, op: BinaryOp) -> PyResult<Value> {
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
