//! `float`: its methods (`is_integer`, …).

use num_bigint::BigInt;
use num_traits::Zero;

use super::args::*;
use crate::vm::Vm;
use crate::vm::exceptions::{self as exc};
use crate::vm::object::{KwArgs, PyResult};
use crate::vm::types::{Types, add_all};
use crate::vm::value::Value;

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
pub(super) fn register(t: &Types) {
    add_all(
        &t.float,
        &[
            ("is_integer", float_is_integer),
            ("as_integer_ratio", float_as_integer_ratio),
            ("conjugate", float_conjugate),
        ],
    );
}
