//! Numbers as values: an int or float value read as a Rust number (with CPython's
//! `OverflowError` for an int too large for a float), and an int's decimal text under CPython's
//! digit limit.

use num_bigint::BigInt;
use num_traits::ToPrimitive;

use crate::vm::object::PyResult;
use crate::vm::object::exceptions::{self as exc};
use crate::vm::object::value::Value;

/// CPython refuses to print ints longer than this many digits (`sys.set_int_max_str_digits`).
pub const INT_MAX_STR_DIGITS: usize = 4300;

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
