//! `int`: its methods (`bit_length`, …).

use super::args::*;
use crate::vm::Vm;
use crate::vm::object::{KwArgs, PyResult};
use crate::vm::types::{Types, add_all};
use crate::vm::value::Value;

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
