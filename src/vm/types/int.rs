//! `int`: its methods (`bit_length`, …).

use super::args::*;
use crate::vm::Vm;
use crate::vm::builtins::*;
use crate::vm::exceptions as exc;
use crate::vm::exceptions::PyErr;
use crate::vm::object::{KwArgs, PyResult};
use crate::vm::types::{Types, add_all};
use crate::vm::value::Value;
use num_bigint::BigInt;
use num_traits::FromPrimitive;
use num_traits::ToPrimitive;
use num_traits::Zero;

// ----- int and float -----------------------------------------------------------------------------

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
pub(super) fn register(t: &Types) {
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
        return Err(exc::type_error(format!(
            "'{}' is an invalid keyword argument for int()",
            k
        )));
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
                Some(_) => Err(exc::type_error(
                    "int() can't convert non-string with explicit base",
                )),
            }
        }
    }
}

pub(crate) fn int_from_value(vm: &mut Vm, x: &Value) -> PyResult<Value> {
    match x {
        Value::Int(_) | Value::BigInt(_) => Ok(x.clone()),
        Value::Bool(b) => Ok(Value::Int(*b as i64)),
        Value::Float(f) => float_to_int(*f),
        Value::Str(s) => int_from_str(s.as_str(), 10),
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
    match parse_int(s, base) {
        Some(Ok(v)) => Ok(Value::from_bigint(v)),
        Some(Err(e)) => Err(e),
        None => Err(exc::value_error(format!(
            "invalid literal for int() with base {}: {}",
            base,
            crate::vm::types::str::str_repr(s)
        ))),
    }
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
    if !b.is_power_of_two() && clean.len() > crate::vm::ops::INT_MAX_STR_DIGITS {
        return Some(Err(exc::value_error(format!(
            "Exceeds the limit ({} digits) for integer string conversion: value has {} digits; use sys.set_int_max_str_digits() to increase the limit",
            crate::vm::ops::INT_MAX_STR_DIGITS,
            clean.len()
        ))));
    }
    let v = BigInt::parse_bytes(clean.as_bytes(), b)?;
    Some(Ok(if neg { -v } else { v }))
}
