//! `float`: its constructor and parsing, its methods (`is_integer`, …) and its arithmetic
//! (`float_binop`, `divmod`, `**`).

use num_bigint::BigInt;
use num_traits::Zero;

use super::args::*;
use crate::bytecode::BinaryOp;
use crate::vm::Vm;
use crate::vm::num::bigint_to_f64;
use crate::vm::num::to_f64;
use crate::vm::object::exceptions::PyErr;
use crate::vm::object::exceptions::overflow_range;
use crate::vm::object::exceptions::{self as exc};
use crate::vm::object::registry::{Types, add_all};
use crate::vm::object::value::Value;
use crate::vm::object::{KwArgs, PyResult};
use crate::vm::types::ctor_args::*;

/// `float.is_integer()`
pub(super) fn float_is_integer(_vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let x = this_float(args, "is_integer")?;
    no_args(args, kw, "float.is_integer")?;
    Ok(Value::Bool(x.is_finite() && x.fract() == 0.0))
}

/// `float.conjugate()`
pub(super) fn float_conjugate(_vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let x = this_float(args, "conjugate")?;
    no_args(args, kw, "float.conjugate")?;
    Ok(Value::Float(x))
}

/// `float.as_integer_ratio()`: the exact fraction, in lowest terms.
pub(super) fn float_as_integer_ratio(_vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let x = this_float(args, "as_integer_ratio")?;
    no_args(args, kw, "float.as_integer_ratio")?;
    if x.is_infinite() {
        return Err(exc::overflow_error(
            "cannot convert Infinity to integer ratio",
        ));
    }
    if x.is_nan() {
        return Err(exc::value_error("cannot convert NaN to integer ratio"));
    }
    let bits = x.to_bits();
    let biased = ((bits >> 52) & 0x7ff) as i64;
    let fraction = bits & ((1 << 52) - 1);
    let (mut mantissa, mut exp) = if biased == 0 {
        (fraction, -1074)
    } else {
        (fraction | (1 << 52), biased - 1075)
    };
    if mantissa == 0 {
        return Ok(Value::tuple(vec![Value::Int(0), Value::Int(1)]));
    }
    while exp < 0 && mantissa & 1 == 0 {
        mantissa >>= 1;
        exp += 1;
    }
    let mut num = BigInt::from(mantissa);
    if x < 0.0 {
        num = -num;
    }
    let den = if exp >= 0 {
        num <<= exp as usize;
        BigInt::from(1)
    } else {
        BigInt::from(1) << (-exp) as usize
    };
    debug_assert!(!den.is_zero());
    Ok(Value::tuple(vec![
        Value::from_bigint(num),
        Value::from_bigint(den),
    ]))
}

/// Registers the methods of `float` in its class. Called once, while the built-in classes are
/// being created: it must not call `types()`.
pub(crate) fn register(t: &Types) {
    add_all(
        &t.float,
        &[
            ("is_integer", float_is_integer),
            ("as_integer_ratio", float_as_integer_ratio),
            ("conjugate", float_conjugate),
        ],
    );
}

/// `float(x=0.0)`.
pub fn float_new(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let a = clinic(ctor_args(args), kw, "float", 0, 1)?;
    let Some(x) = a.first() else {
        return Ok(Value::Float(0.0));
    };
    match x {
        Value::Float(_) => Ok(x.clone()),
        Value::Int(_) | Value::Bool(_) | Value::BigInt(_) => {
            Ok(Value::Float(to_f64(x).unwrap_or(Ok(0.0))?))
        }
        Value::Str(s) => match parse_float(&crate::vm::types::str::decimal_and_space_to_ascii(
            s.as_str(),
        )) {
            Some(f) => Ok(Value::Float(f)),
            None => Err(exc::value_error(format!(
                "could not convert string to float: {}",
                crate::vm::types::str::str_repr(s.as_str())
            ))),
        },
        Value::Bytes(d) => {
            let text: String = d.data().iter().map(|&b| char::from(b)).collect();
            match parse_float(&text).filter(|_| d.data().is_ascii()) {
                Some(f) => Ok(Value::Float(f)),
                None => Err(exc::value_error(format!(
                    "could not convert string to float: {}",
                    crate::bytecode::constant::bytes_repr(d.data())
                ))),
            }
        }
        Value::Instance(_) | Value::Native(_) => {
            if let Some(f) = crate::vm::args::call_float_dunder(vm, x)? {
                return Ok(Value::Float(f));
            }
            if vm.lookup_special(x, "__index__").is_some() {
                let b = index_bigint(vm, x)?;
                return Ok(Value::Float(bigint_to_f64(&b)?));
            }
            // A str or bytes subclass converts as its value; a bytearray or a memoryview as
            // its bytes (the error shows the object's repr, as CPython's does).
            if let b @ (Value::Str(_) | Value::Bytes(_)) = x.builtin_base() {
                let all = [args.first().cloned().unwrap_or(Value::None), b.clone()];
                return float_new(vm, &all, &[]);
            }
            if let Some(d) = crate::vm::types::bytes::simple_buffer(x) {
                let text: String = d.iter().map(|&b| char::from(b)).collect();
                if let Some(f) = parse_float(&text).filter(|_| d.is_ascii()) {
                    return Ok(Value::Float(f));
                }
                let shown = vm.repr(x)?;
                return Err(exc::value_error(format!(
                    "could not convert string to float: {shown}"
                )));
            }
            Err(float_arg_error(x))
        }
        _ => Err(float_arg_error(x)),
    }
}

#[cold]
pub(crate) fn float_arg_error(x: &Value) -> PyErr {
    exc::type_error(format!(
        "float() argument must be a string or a real number, not '{}'",
        x.type_name()
    ))
}

/// Python's float syntax: whitespace, underscores between digits, `inf`/`nan` in any case.
pub fn parse_float(s: &str) -> Option<f64> {
    let t = s.trim_matches(is_py_space);
    let (neg, body) = match t.as_bytes().first() {
        Some(b'-') => (true, &t[1..]),
        Some(b'+') => (false, &t[1..]),
        _ => (false, t),
    };
    let lower = body.to_ascii_lowercase();
    let special = match lower.as_str() {
        "inf" | "infinity" => Some(f64::INFINITY),
        "nan" => Some(f64::NAN),
        _ => None,
    };
    if let Some(x) = special {
        return Some(if neg { -x } else { x });
    }
    let bytes = body.as_bytes();
    let mut clean = String::with_capacity(body.len() + 1);
    for (i, &c) in bytes.iter().enumerate() {
        match c {
            b'_' => {
                let before = i > 0 && bytes[i - 1].is_ascii_digit();
                let after = bytes.get(i + 1).is_some_and(|b| b.is_ascii_digit());
                if !before || !after {
                    return None;
                }
            }
            b'0'..=b'9' | b'.' | b'e' | b'E' => clean.push(c as char),
            b'+' | b'-' if i > 0 && matches!(bytes[i - 1], b'e' | b'E') => clean.push(c as char),
            _ => return None,
        }
    }
    let x: f64 = clean.parse().ok()?;
    Some(if neg { -x } else { x })
}

// ----- arithmetic (the fast paths of `ops/arith.rs`) ---------------------------------------------

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
        BinaryOp::Power if x < 0.0 && y.is_finite() && y.fract() != 0.0 => {
            // A negative number to a fractional power is complex, as in CPython.
            return crate::vm::types::complex::negative_float_pow(x, y);
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

pub(crate) fn float_pow(x: f64, y: f64) -> PyResult<f64> {
    if x == 0.0 && y < 0.0 {
        return Err(exc::zero_division_error(
            "0.0 cannot be raised to a negative power",
        ));
    }
    let r = x.powf(y);
    if r.is_infinite() && x.is_finite() && y.is_finite() {
        return Err(overflow_range());
    }
    Ok(r)
}
