//! Argument parsing for native functions, with CPython's messages for each calling
//! convention (`METH_O`, `METH_NOARGS`, Argument Clinic, keyword binding). Shared by the
//! built-in functions, the methods of the built-in types and the built-in modules.

use num_bigint::BigInt;

use crate::vm::Vm;
use crate::vm::object::exceptions::{self as exc, PyErr};
use crate::vm::object::value::Value;
use crate::vm::object::{KwArgs, PyResult};

pub(crate) fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

#[cold]
pub(crate) fn no_keywords(name: &str) -> PyErr {
    exc::type_error(format!("{}() takes no keyword arguments", name))
}

/// Argument Clinic's "'foo' is an invalid keyword argument for print()".
#[cold]
pub(crate) fn invalid_keyword(keyword: &str, fname: &str) -> PyErr {
    exc::type_error(format!(
        "'{}' is an invalid keyword argument for {}()",
        keyword, fname
    ))
}

/// Argument Clinic's "argument for int() given by name ('x') and position (1)": the
/// parameter at `index` (from 0) given both ways.
#[cold]
pub(crate) fn given_by_name_and_position(fname: &str, keyword: &str, index: usize) -> PyErr {
    exc::type_error(format!(
        "argument for {}() given by name ('{}') and position ({})",
        fname,
        keyword,
        index + 1
    ))
}

/// `METH_O`: "math.sqrt() takes exactly one argument (0 given)".
pub(crate) fn one_arg<'a>(args: &'a [Value], kw: &KwArgs, qual: &str) -> PyResult<&'a Value> {
    if !kw.is_empty() {
        return Err(no_keywords(qual));
    }
    match args {
        [x] => Ok(x),
        other => Err(exc::type_error(format!(
            "{}() takes exactly one argument ({} given)",
            qual,
            other.len()
        ))),
    }
}

/// `METH_NOARGS`: "time.time() takes no arguments (1 given)".
pub(crate) fn no_args(args: &[Value], kw: &KwArgs, qual: &str) -> PyResult<()> {
    if !kw.is_empty() {
        return Err(no_keywords(qual));
    }
    if args.is_empty() {
        Ok(())
    } else {
        Err(exc::type_error(format!(
            "{}() takes no arguments ({} given)",
            qual,
            args.len()
        )))
    }
}

/// Argument Clinic, positional only: "pow expected 2 arguments, got 1". The slice it returns
/// holds `min..=max` arguments, so indexing it below `min` cannot fail (`src/README.md`, Panics).
pub(crate) fn positional<'a>(
    args: &'a [Value],
    kw: &KwArgs,
    name: &str,
    min: usize,
    max: usize,
) -> PyResult<&'a [Value]> {
    if !kw.is_empty() {
        return Err(no_keywords(name));
    }
    let n = args.len();
    let (bound, which) = if n < min {
        (min, "at least ")
    } else if n > max {
        (max, "at most ")
    } else {
        return Ok(args);
    };
    let which = if min == max { "" } else { which };
    Err(exc::type_error(format!(
        "{} expected {}{} argument{}, got {}",
        name,
        which,
        bound,
        if bound == 1 { "" } else { "s" },
        n
    )))
}

/// Binds positional and keyword arguments to named parameters (a Python-defined function's
/// rules, with its messages): `params` in order, the first `required` of them mandatory;
/// `self_offset` is 1 for a method (its counts include `self`). It returns one slot per name
/// in `params`, so `a[i]` below `params.len()` cannot fail (`src/README.md`, Panics).
pub(crate) fn bind_args(
    args: &[Value],
    kw: &KwArgs,
    fname: &str,
    params: &[&str],
    required: usize,
    max_positional: usize,
    self_offset: usize,
) -> PyResult<Vec<Option<Value>>> {
    let mut out: Vec<Option<Value>> = vec![None; params.len()];
    if args.len() > max_positional {
        let given = args.len() + self_offset;
        let (lo, hi) = (required + self_offset, max_positional + self_offset);
        let takes = if lo == hi {
            format!("{}", hi)
        } else {
            format!("from {} to {}", lo, hi)
        };
        return Err(exc::type_error(format!(
            "{}() takes {} positional argument{} but {} {} given",
            fname,
            takes,
            if hi == 1 { "" } else { "s" },
            given,
            if given == 1 { "was" } else { "were" }
        )));
    }
    for (slot, a) in out.iter_mut().zip(args) {
        *slot = Some(a.clone());
    }
    for (k, v) in kw {
        match params.iter().position(|p| *p == &**k) {
            Some(i) => {
                if out[i].is_some() {
                    return Err(exc::type_error(format!(
                        "{}() got multiple values for argument '{}'",
                        fname, k
                    )));
                }
                out[i] = Some(v.clone());
            }
            None => {
                return Err(exc::type_error(format!(
                    "{}() got an unexpected keyword argument '{}'",
                    fname, k
                )));
            }
        }
    }
    let missing: Vec<&str> = params[..required]
        .iter()
        .zip(&out)
        .filter(|(_, v)| v.is_none())
        .map(|(p, _)| *p)
        .collect();
    if !missing.is_empty() {
        let names: Vec<String> = missing.iter().map(|m| format!("'{}'", m)).collect();
        let list = match names.len() {
            1 => names[0].clone(),
            2 => format!("{} and {}", names[0], names[1]),
            _ => format!(
                "{}, and {}",
                names[..names.len() - 1].join(", "),
                names[names.len() - 1]
            ),
        };
        return Err(exc::type_error(format!(
            "{}() missing {} required positional argument{}: {}",
            fname,
            missing.len(),
            if missing.len() == 1 { "" } else { "s" },
            list
        )));
    }
    Ok(out)
}

/// An int argument (`__index__`): "'float' object cannot be interpreted as an integer".
pub(crate) fn arg_bigint(vm: &mut Vm, v: &Value) -> PyResult<BigInt> {
    if let Some(b) = crate::vm::num::to_bigint(v) {
        return Ok(b);
    }
    if let Some(r) = vm.call_special(v, "__index__", &[])?
        && let Some(b) = crate::vm::num::to_bigint(&r)
    {
        return Ok(b);
    }
    Err(exc::type_error(format!(
        "'{}' object cannot be interpreted as an integer",
        v.type_name()
    )))
}

/// `v.__float__()` when `v`'s type has one; CPython's TypeError when it returns a non-float.
pub(crate) fn call_float_dunder(vm: &mut Vm, v: &Value) -> PyResult<Option<f64>> {
    match vm.call_special(v, "__float__", &[])? {
        None => Ok(None),
        Some(Value::Float(x)) => Ok(Some(x)),
        Some(other) => Err(exc::type_error(format!(
            "{}.__float__ returned non-float (type {})",
            v.type_name(),
            other.type_name()
        ))),
    }
}

/// A float argument (`__float__`, then `__index__`): "must be real number, not str".
pub(crate) fn arg_f64(vm: &mut Vm, v: &Value) -> PyResult<f64> {
    if let Some(r) = crate::vm::num::to_f64(v) {
        return r;
    }
    if let Some(x) = call_float_dunder(vm, v)? {
        return Ok(x);
    }
    if let Some(r) = vm.call_special(v, "__index__", &[])?
        && let Some(x) = crate::vm::num::to_f64(&r)
    {
        return x;
    }
    Err(exc::type_error(format!(
        "must be real number, not {}",
        v.type_name()
    )))
}
