//! `AtomicInt64`: a 64-bit integer updated atomically.

use super::*;

/// A 64-bit integer updated atomically (`ft_utils.concurrency.AtomicInt64`).
pub struct AtomicInt64 {
    pub(super) value: AtomicI64,
}

impl AtomicInt64 {
    /// A copy with the same value, for a forked child interpreter (`processes`).
    pub fn forked(&self) -> AtomicInt64 {
        AtomicInt64 {
            value: AtomicI64::new(self.load()),
        }
    }

    pub(super) fn load(&self) -> i64 {
        self.value.load(Ordering::SeqCst)
    }

    /// One atomic read-modify-write.
    pub(super) fn update(&self, f: impl Fn(i64) -> i64) {
        let _ = self
            .value
            .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |v| Some(f(v)));
    }
}

native_object!(AtomicInt64, "_concurrency.AtomicInt64", ATOMIC_INT64_CLASS);

class_static!(pub(super) ATOMIC_INT64_CLASS =
    with_comparisons!(class_with("AtomicInt64", "_concurrency", atomic_int64_new), ai_compare);
    "get" => ai_get,
    "set" => |_, args, kw| ai_store(args, kw, "set", |a, v| a.value.store(v, Ordering::SeqCst)),
    "incr" => |_, args, kw| ai_step(args, kw, "incr", 1),
    "decr" => |_, args, kw| ai_step(args, kw, "decr", -1),
    // The library's documentation uses `add` (`i.add(5)`).
    "add" => |_, args, kw| {
        ai_store(args, kw, "add", |a, v| {
            a.value.fetch_add(v, Ordering::SeqCst);
        })
    },
    "__format__" => ai_format,
    "__int__" => ai_int,
    "__bool__" => ai_bool,
    "__neg__" => ai_neg,
    "__pos__" => ai_int,
    "__abs__" => ai_abs,
    "__invert__" => ai_invert,
    "__add__" => ai_add,
    "__radd__" => ai_radd,
    "__sub__" => ai_sub,
    "__rsub__" => ai_rsub,
    "__mul__" => ai_mul,
    "__rmul__" => ai_rmul,
    "__floordiv__" => ai_floordiv,
    "__rfloordiv__" => ai_rfloordiv,
    "__or__" => ai_or,
    "__ror__" => ai_or,
    "__xor__" => ai_xor,
    "__rxor__" => ai_xor,
    "__and__" => ai_and,
    "__rand__" => ai_and,
    "__iadd__" => ai_iadd,
    "__isub__" => ai_isub,
    "__imul__" => ai_imul,
    "__ifloordiv__" => ai_ifloordiv,
    "__ior__" => ai_ior,
    "__ixor__" => ai_ixor,
    "__iand__" => ai_iand,
);

/// An int argument that must fit in 64 bits (`PyArg_ParseTuple`'s `L`).
pub(super) fn to_i64(vm: &mut Vm, v: &Value) -> PyResult<i64> {
    let b = match v {
        Value::Int(i) => return Ok(*i),
        Value::Bool(b) => return Ok(*b as i64),
        _ => arg_bigint(vm, v)?,
    };
    num_traits::ToPrimitive::to_i64(&b)
        .ok_or_else(|| exc::overflow_error("Python int too large to convert to C long"))
}

/// `AtomicInt64(value=0)`.
pub(super) fn atomic_int64_new(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let value = match &optional_arg(args, kw, "AtomicInt64", "value", 0)? {
        None => 0,
        Some(v) => to_i64(vm, v)?,
    };
    Ok(native(AtomicInt64 {
        value: AtomicI64::new(value),
    }))
}

pub(super) fn ai(args: &[Value]) -> PyResult<&AtomicInt64> {
    native_self::<AtomicInt64>(args, "_concurrency.AtomicInt64")
}

/// The other operand of an operator: an exact int or another atomic (the library's
/// `GET_I64_OR_ERROR`); `None` for anything else (the operator answers NotImplemented).
pub(super) fn operand(v: &Value) -> PyResult<Option<i64>> {
    match v {
        Value::Int(i) => Ok(Some(*i)),
        Value::BigInt(_) => Err(exc::overflow_error(
            "Python int too large to convert to C long",
        )),
        Value::Native(n) => Ok(n.as_any().downcast_ref::<AtomicInt64>().map(|a| a.load())),
        _ => Ok(None),
    }
}

/// `self` and the other operand of a binary method.
pub(super) fn ai_pair<'a>(
    args: &'a [Value],
    name: &str,
) -> PyResult<(&'a AtomicInt64, Option<i64>)> {
    let a = ai(args)?;
    let [_, other] = args else {
        return Err(exc::type_error(format!(
            "{name} expected 1 argument, got {}",
            args.len().saturating_sub(1)
        )));
    };
    Ok((a, operand(other)?))
}

pub(super) fn ai_get(_vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let a = ai(args)?;
    no_args(args.get(1..).unwrap_or_default(), kw, "get")?;
    Ok(Value::Int(a.load()))
}

/// `set(n)` and `add(n)`: `f(self, n)` for an int (or AtomicInt64) `n`, in one atomic step.
fn ai_store(
    args: &[Value],
    kw: &KwArgs,
    name: &str,
    f: impl Fn(&AtomicInt64, i64),
) -> PyResult<Value> {
    let a = ai(args)?;
    let v = method_arg(args, kw, name)?;
    match operand(v)? {
        Some(v) => {
            f(a, v);
            Ok(Value::None)
        }
        None => Err(exc::type_error("unsupported operand type(s)")),
    }
}

/// `incr()` and `decr()`: adds `delta` atomically, and returns the new value.
fn ai_step(args: &[Value], kw: &KwArgs, name: &str, delta: i64) -> PyResult<Value> {
    let a = ai(args)?;
    no_args(args.get(1..).unwrap_or_default(), kw, name)?;
    Ok(Value::Int(
        a.value
            .fetch_add(delta, Ordering::SeqCst)
            .wrapping_add(delta),
    ))
}

pub(super) fn ai_format(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let a = ai(args)?;
    let spec = method_arg(args, kw, "__format__")?;
    let Value::Str(spec) = spec else {
        return Err(exc::type_error(format!(
            "format() argument 2 must be str, not {}",
            spec.type_name()
        )));
    };
    let s = crate::vm::format::value::format_value(vm, &Value::Int(a.load()), spec.as_str())?;
    Ok(Value::string(s))
}

pub(super) fn ai_int(_vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    Ok(Value::Int(ai(args)?.load()))
}

pub(super) fn ai_bool(_vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    Ok(Value::Bool(ai(args)?.load() != 0))
}

pub(super) fn ai_neg(_vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    Ok(Value::Int(ai(args)?.load().wrapping_neg()))
}

pub(super) fn ai_abs(_vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    Ok(Value::Int(ai(args)?.load().wrapping_abs()))
}

pub(super) fn ai_invert(_vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    Ok(Value::Int(!ai(args)?.load()))
}

/// C's `/` on int64_t: truncates towards zero (the library's `//`).
pub(super) fn c_div(a: i64, b: i64) -> PyResult<i64> {
    if b == 0 {
        return Err(exc::zero_division_error("division by zero"));
    }
    Ok(a.wrapping_div(b))
}

/// A binary operator: `f(self, other)`, or NotImplemented.
macro_rules! ai_binop {
    ($name:ident, $dunder:literal, |$x:ident, $y:ident| $e:expr) => {
        fn $name(_vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
            let (a, other) = ai_pair(args, $dunder)?;
            match other {
                Some($y) => {
                    let $x = a.load();
                    Ok(Value::Int($e))
                }
                None => Ok(NOT_IMPLEMENTED.clone()),
            }
        }
    };
}

ai_binop!(ai_add, "__add__", |x, y| x.wrapping_add(y));
ai_binop!(ai_radd, "__radd__", |x, y| y.wrapping_add(x));
ai_binop!(ai_sub, "__sub__", |x, y| x.wrapping_sub(y));
ai_binop!(ai_rsub, "__rsub__", |x, y| y.wrapping_sub(x));
ai_binop!(ai_mul, "__mul__", |x, y| x.wrapping_mul(y));
ai_binop!(ai_rmul, "__rmul__", |x, y| y.wrapping_mul(x));
ai_binop!(ai_floordiv, "__floordiv__", |x, y| c_div(x, y)?);
ai_binop!(ai_rfloordiv, "__rfloordiv__", |x, y| c_div(y, x)?);
ai_binop!(ai_or, "__or__", |x, y| x | y);
ai_binop!(ai_xor, "__xor__", |x, y| x ^ y);
ai_binop!(ai_and, "__and__", |x, y| x & y);

/// An in-place operator: one atomic read-modify-write, then `self` (or NotImplemented).
macro_rules! ai_inplace {
    ($name:ident, $dunder:literal, |$a:ident, $y:ident| $e:expr) => {
        fn $name(_vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
            let ($a, other) = ai_pair(args, $dunder)?;
            match other {
                Some($y) => {
                    $e;
                    Ok(args[0].clone())
                }
                None => Ok(NOT_IMPLEMENTED.clone()),
            }
        }
    };
    // One of `AtomicI64`'s own read-modify-writes (`fetch_add`, ...).
    ($name:ident, $dunder:literal, $fetch:ident) => {
        ai_inplace!($name, $dunder, |a, y| a.value.$fetch(y, Ordering::SeqCst));
    };
}

ai_inplace!(ai_iadd, "__iadd__", fetch_add);
ai_inplace!(ai_isub, "__isub__", fetch_sub);
ai_inplace!(ai_imul, "__imul__", |a, y| a.update(|v| v.wrapping_mul(y)));
ai_inplace!(ai_ifloordiv, "__ifloordiv__", |a, y| {
    if y == 0 {
        return Err(exc::zero_division_error("division by zero"));
    }
    a.update(|v| v.wrapping_div(y))
});
ai_inplace!(ai_ior, "__ior__", fetch_or);
ai_inplace!(ai_ixor, "__ixor__", fetch_xor);
ai_inplace!(ai_iand, "__iand__", fetch_and);

/// A comparison: the current value, as an int, compared with the other operand.
pub(super) fn ai_compare(vm: &mut Vm, args: &[Value], op: CompareOp) -> PyResult<Value> {
    let a = ai(args)?;
    let Some(other) = args.get(1) else {
        return Err(exc::type_error("expected 1 argument, got 0"));
    };
    vm.compare(&Value::Int(a.load()), other, op)
}
