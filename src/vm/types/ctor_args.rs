//! Argument helpers of the built-in types' constructors (`int(x)`, `dict(**kw)`, …), which the
//! built-in functions share: a constructor receives its class as `args[0]`, then the call's
//! arguments.

use std::sync::Arc;

use num_bigint::BigInt;

use crate::vm::Vm;
pub(crate) use crate::vm::args::positional as clinic;
use crate::vm::args::{given_by_name_and_position, invalid_keyword, plural};
use crate::vm::num::to_bigint;
use crate::vm::object::exceptions::{self as exc, PyErr};
use crate::vm::object::registry::types;
use crate::vm::object::value::Value;
use crate::vm::object::{BuiltinFunction, Class, KwArgs, NativeFn, NativeObject, PyResult};

/// Argument Clinic / `_PyArg_CheckPositional`: "getattr expected at least 2 arguments, got 1".
pub(crate) fn positional_count(args: &[Value], name: &str, min: usize, max: usize) -> PyResult<()> {
    crate::vm::args::positional(args, &[], name, min, max).map(|_| ())
}

/// Keyword arguments by name: one slot per allowed name; an unknown name is CPython's
/// "'foo' is an invalid keyword argument for print()".
pub(crate) fn kwslots(kw: &KwArgs, allowed: &[&str], fname: &str) -> PyResult<Vec<Option<Value>>> {
    let mut slots = vec![None; allowed.len()];
    for (k, v) in kw {
        match allowed.iter().position(|a| *a == &**k) {
            Some(i) => slots[i] = Some(v.clone()),
            None => return Err(invalid_keyword(k, fname)),
        }
    }
    Ok(slots)
}

/// Argument Clinic's first check (`_PyArg_UnpackKeywords`): more arguments, positional and
/// keyword together, than the function has parameters.
pub(crate) fn at_most(nargs: usize, nkw: usize, max: usize, fname: &str) -> PyResult<()> {
    if nargs + nkw > max {
        return Err(exc::type_error(format!(
            "{}() takes at most {} {}argument{} ({} given)",
            fname,
            max,
            if nargs == 0 { "keyword " } else { "" },
            plural(max),
            nargs + nkw
        )));
    }
    Ok(())
}

/// Merges positional and keyword arguments for a function whose parameters may be given
/// either way (`int(x, base=10)`, `enumerate(iterable, start=0)`).
pub(crate) fn bind_params(
    args: &[Value],
    kw: &KwArgs,
    fname: &str,
    params: &[&str],
    required: usize,
) -> PyResult<Vec<Option<Value>>> {
    let max = params.len();
    at_most(args.len(), kw.len(), max, fname)?;
    let mut slots: Vec<Option<Value>> = vec![None; max];
    for (s, v) in slots.iter_mut().zip(args) {
        *s = Some(v.clone());
    }
    for (k, v) in kw {
        match params.iter().position(|p| *p == &**k) {
            Some(i) if i < args.len() => return Err(given_by_name_and_position(fname, k, i)),
            Some(i) => slots[i] = Some(v.clone()),
            None => return Err(invalid_keyword(k, fname)),
        }
    }
    for (i, p) in params.iter().enumerate().take(required) {
        if slots[i].is_none() {
            return Err(exc::type_error(format!(
                "{}() missing required argument '{}' (pos {})",
                fname,
                p,
                i + 1
            )));
        }
    }
    Ok(slots)
}

/// The arguments of a constructor after the class.
pub(crate) fn ctor_args(args: &[Value]) -> &[Value] {
    args.get(1..).unwrap_or(&[])
}

pub(crate) fn ctor_class(args: &[Value]) -> Arc<Class> {
    match args.first() {
        Some(Value::Class(c)) => c.clone(),
        _ => types().object.clone(),
    }
}

pub(crate) fn builtin(name: &'static str, func: NativeFn) -> Value {
    Value::Builtin(Arc::new(BuiltinFunction {
        name,
        owner: None,
        func,
    }))
}

pub(crate) fn native(obj: impl NativeObject) -> Value {
    let b: Box<dyn NativeObject> = Box::new(obj);
    let a = Arc::new(b);
    crate::vm::object::gc::native(&a);
    Value::Native(a)
}

/// An int argument (`int`, `bool`, big int, or an object with `__index__`) as a BigInt.
pub(crate) fn index_bigint(vm: &mut Vm, v: &Value) -> PyResult<BigInt> {
    if let Some(b) = to_bigint(v) {
        return Ok(b);
    }
    if let Value::Instance(_) | Value::Native(_) = v
        && let Some(r) = vm.call_special(v, "__index__", &[])?
    {
        return to_bigint(&r).ok_or_else(|| {
            exc::type_error(format!(
                "__index__ returned non-int (type {})",
                r.type_name()
            ))
        });
    }
    Err(cannot_interpret(v))
}

#[cold]
pub(crate) fn cannot_interpret(v: &Value) -> PyErr {
    exc::type_error(format!(
        "'{}' object cannot be interpreted as an integer",
        v.type_name()
    ))
}

/// The whitespace `int(' 42 ')` / `float(' 1.5 ')` strip: CPython turns non-ASCII spaces
/// into `' '` (`_PyUnicode_TransformDecimalAndSpaceToASCII`), then skips C's `isspace`, so
/// the ASCII separators `\x1c`-`\x1f`, which `str.isspace()` counts, are not stripped.
pub(crate) fn is_py_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r' | '\x0b' | '\x0c') || (!c.is_ascii() && c.is_whitespace())
}
