//! `format(value, spec)` on any value (the `{v:spec}` of f-strings and `str.format`), and the
//! `__format__` of `int`, `float` and `str`.

use crate::vm::Vm;
use crate::vm::format as ff;
use crate::vm::num::bigint_to_string;
use crate::vm::object::complex::complex_parts;
use crate::vm::object::exceptions::{self as exc, PyErr};
use crate::vm::object::value::Value;
use crate::vm::object::{KwArgs, PyResult};

// ----- arguments ---------------------------------------------------------------------------

use crate::vm::types::object::format_args;

pub(crate) fn format_method(vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    let (this, spec) = format_args(args)?;
    Ok(Value::string(format_value(vm, this, spec)?))
}

// ----- formatting ----------------------------------------------------------------------------

/// `format(v, spec)` and the `{v:spec}` of f-strings and `str.format`.
pub fn format_value(vm: &mut Vm, v: &Value, spec: &str) -> PyResult<String> {
    let r = match v {
        Value::Bool(b) if spec.is_empty() => Ok(if *b { "True" } else { "False" }.to_string()),
        Value::Bool(b) => ff::format_i64(*b as i64, spec),
        Value::Int(i) => ff::format_i64(*i, spec),
        Value::BigInt(b) => {
            if spec.is_empty() {
                return bigint_to_string(b);
            }
            ff::format_int(b, spec)
        }
        Value::Float(x) => ff::format_float(*x, spec),
        Value::Str(s) => ff::format_str(s.as_str(), spec),
        Value::Native(_) if let Some((re, im)) = complex_parts(v) => {
            ff::format_complex(re, im, spec)
        }
        Value::Instance(_) | Value::Native(_) => {
            let Some(m) = vm.lookup_special(v, "__format__") else {
                return if spec.is_empty() {
                    vm.to_str(v)
                } else {
                    Err(unsupported_format(v))
                };
            };
            return match vm.call(&m, &[v.clone(), Value::str(spec)], &[])? {
                Value::Str(s) => Ok(s.as_str().to_string()),
                other => Err(exc::type_error(format!(
                    "__format__ must return a str, not {}",
                    other.type_name()
                ))),
            };
        }
        _ => {
            return if spec.is_empty() {
                vm.to_str(v)
            } else {
                Err(unsupported_format(v))
            };
        }
    };
    r.map_err(format_error)
}

/// A `format/mod.rs` error message as the exception CPython raises for it.
#[cold]
pub(crate) fn format_error(msg: String) -> PyErr {
    if ff::is_overflow_message(&msg) {
        exc::overflow_error(msg)
    } else {
        exc::value_error(msg)
    }
}

#[cold]
pub(crate) fn unsupported_format(v: &Value) -> PyErr {
    exc::type_error(format!(
        "unsupported format string passed to {}.__format__",
        v.type_name()
    ))
}
