//! Built-in functions (`print`, `len`, `sorted`, …), the constructors of the built-in types
//! (`int("3")`, `dict(a=1)`, …), the descriptor objects (`staticmethod`, `classmethod`,
//! `property`, `super`), `object`'s and `BaseException`'s methods, and `str % args`.
//!
//! Constructors are the `constructor` of their class in `types.rs`: they receive the class as
//! `args[0]`, followed by the call's arguments. Error messages are CPython 3.11's, word for
//! word, including how each function words its argument-count errors.

use std::any::Any;
use std::sync::Arc;

use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{FromPrimitive, One, Signed, ToPrimitive, Zero};

use crate::bytecode::BinaryOp;
use crate::vm::Vm;
use crate::vm::exceptions::{self as exc, PyErr};
use crate::vm::format as ff;
use crate::vm::object::{
    BoundMethod, BuiltinFunction, Class, ClassKind, Dict, Instance, IterObj, KwArgs, NativeFn,
    NativeObject, PyResult, RangeObj, SeqIter, Set, SliceObj,
};
use crate::vm::ops::{
    ELLIPSIS, NOT_IMPLEMENTED, bigint_to_f64, bigint_to_string, check_alloc, default_object_repr,
    float_divmod, is_not_implemented, to_bigint, to_f64,
};
use crate::vm::types::{Types, add_method, type_of, types};
use crate::vm::value::{KeySet, Value};

// ----- arguments ---------------------------------------------------------------------------

/// Argument Clinic / `_PyArg_CheckPositional`: "getattr expected at least 2 arguments, got 1".
use crate::vm::args::positional as clinic;
use crate::vm::args::{no_keywords, one_arg as one, plural};

fn positional_count(args: &[Value], name: &str, min: usize, max: usize) -> PyResult<()> {
    crate::vm::args::positional(args, &[], name, min, max).map(|_| ())
}

/// Keyword arguments by name: one slot per allowed name; an unknown name is CPython's
/// "'foo' is an invalid keyword argument for print()".
fn kwslots(kw: &KwArgs, allowed: &[&str], fname: &str) -> PyResult<Vec<Option<Value>>> {
    let mut slots = vec![None; allowed.len()];
    for (k, v) in kw {
        match allowed.iter().position(|a| *a == &**k) {
            Some(i) => slots[i] = Some(v.clone()),
            None => {
                return Err(exc::type_error(format!(
                    "'{}' is an invalid keyword argument for {}()",
                    k, fname
                )));
            }
        }
    }
    Ok(slots)
}

/// Merges positional and keyword arguments for a function whose parameters may be given
/// either way (`int(x, base=10)`, `enumerate(iterable, start=0)`).
fn bind_params(
    args: &[Value],
    kw: &KwArgs,
    fname: &str,
    params: &[&str],
    required: usize,
) -> PyResult<Vec<Option<Value>>> {
    let max = params.len();
    if args.len() > max {
        return Err(exc::type_error(format!(
            "{}() takes at most {} argument{} ({} given)",
            fname,
            max,
            plural(max),
            args.len() + kw.len()
        )));
    }
    let mut slots: Vec<Option<Value>> = vec![None; max];
    for (s, v) in slots.iter_mut().zip(args) {
        *s = Some(v.clone());
    }
    for (k, v) in kw {
        match params.iter().position(|p| *p == &**k) {
            Some(i) if i < args.len() => {
                return Err(exc::type_error(format!(
                    "argument for {}() given by name ('{}') and position ({})",
                    fname,
                    k,
                    i + 1
                )));
            }
            Some(i) => slots[i] = Some(v.clone()),
            None => {
                return Err(exc::type_error(format!(
                    "'{}' is an invalid keyword argument for {}()",
                    k, fname
                )));
            }
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
fn ctor_args(args: &[Value]) -> &[Value] {
    args.get(1..).unwrap_or(&[])
}

fn ctor_class(args: &[Value]) -> Arc<Class> {
    match args.first() {
        Some(Value::Class(c)) => c.clone(),
        _ => types().object.clone(),
    }
}

fn builtin(name: &'static str, func: NativeFn) -> Value {
    Value::Builtin(Arc::new(BuiltinFunction {
        name,
        owner: None,
        func,
    }))
}

fn native(obj: impl NativeObject) -> Value {
    let b: Box<dyn NativeObject> = Box::new(obj);
    Value::Native(Arc::new(b))
}

/// An int argument (`int`, `bool`, big int, or an object with `__index__`) as a BigInt.
fn index_bigint(vm: &mut Vm, v: &Value) -> PyResult<BigInt> {
    if let Some(b) = to_bigint(v) {
        return Ok(b);
    }
    match v {
        Value::Instance(_) | Value::Native(_) => match vm.call_special(v, "__index__", &[])? {
            Some(r) => match to_bigint(&r) {
                Some(b) => Ok(b),
                None => Err(exc::type_error(format!(
                    "__index__ returned non-int (type {})",
                    r.type_name()
                ))),
            },
            None => Err(cannot_interpret(v)),
        },
        _ => Err(cannot_interpret(v)),
    }
}

#[cold]
fn cannot_interpret(v: &Value) -> PyErr {
    exc::type_error(format!(
        "'{}' object cannot be interpreted as an integer",
        v.type_name()
    ))
}

/// Python's whitespace for `int(' 42 ')` / `float(' 1.5 ')`.
fn is_py_space(c: char) -> bool {
    c.is_whitespace() || ('\x1c'..='\x1f').contains(&c)
}

// ----- constructors --------------------------------------------------------------------------

/// `object()`: a featureless instance.
pub fn object_new(_vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let cls = ctor_class(args);
    if ctor_args(args).len() + kw.len() > 0 {
        return Err(exc::type_error(format!(
            "{}() takes no arguments",
            cls.name
        )));
    }
    Ok(Value::Instance(Arc::new(Instance::new(cls))))
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

fn int_from_value(vm: &mut Vm, x: &Value) -> PyResult<Value> {
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
fn int_arg_error(x: &Value) -> PyErr {
    exc::type_error(format!(
        "int() argument must be a string, a bytes-like object or a real number, not '{}'",
        x.type_name()
    ))
}

/// `int(3.9)`: truncation, with CPython's errors for infinities and NaN.
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
fn int_from_str(s: &str, base: u32) -> PyResult<Value> {
    match parse_int(s, base) {
        Some(Ok(v)) => Ok(Value::from_bigint(v)),
        Some(Err(e)) => Err(e),
        None => Err(exc::value_error(format!(
            "invalid literal for int() with base {}: {}",
            base,
            crate::vm::types::str_repr(s)
        ))),
    }
}

fn parse_int(s: &str, base: u32) -> Option<PyResult<BigInt>> {
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
        Value::Str(s) => match parse_float(s.as_str()) {
            Some(f) => Ok(Value::Float(f)),
            None => Err(exc::value_error(format!(
                "could not convert string to float: {}",
                crate::vm::types::str_repr(s.as_str())
            ))),
        },
        Value::Instance(_) | Value::Native(_) => {
            if let Some(r) = vm.call_special(x, "__float__", &[])? {
                return match r {
                    Value::Float(_) => Ok(r),
                    other => Err(exc::type_error(format!(
                        "{}.__float__ returned non-float (type {})",
                        x.type_name(),
                        other.type_name()
                    ))),
                };
            }
            if vm.lookup_special(x, "__index__").is_some() {
                let b = index_bigint(vm, x)?;
                return Ok(Value::Float(bigint_to_f64(&b)?));
            }
            Err(float_arg_error(x))
        }
        _ => Err(float_arg_error(x)),
    }
}

#[cold]
fn float_arg_error(x: &Value) -> PyErr {
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

/// `bool(x=False)`.
pub fn bool_new(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let a = clinic(ctor_args(args), kw, "bool", 0, 1)?;
    match a.first() {
        None => Ok(Value::Bool(false)),
        Some(x) => Ok(Value::Bool(vm.truthy(x)?)),
    }
}

/// `str(object='')`.
pub fn str_new(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let a = ctor_args(args);
    if a.len() + kw.len() > 3 {
        return Err(exc::type_error(format!(
            "str() takes at most 3 arguments ({} given)",
            a.len() + kw.len()
        )));
    }
    let slots = bind_params(a, kw, "str", &["object", "encoding", "errors"], 0)?;
    match &slots[0] {
        None => Ok(Value::str("")),
        Some(x) => {
            if slots[1].is_some() || slots[2].is_some() {
                return Err(exc::type_error(format!(
                    "decoding to str: need a bytes-like object, {} found",
                    x.type_name()
                )));
            }
            vm.to_str_value(x)
        }
    }
}

/// `list(iterable=())`.
pub fn list_new(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let a = clinic(ctor_args(args), kw, "list", 0, 1)?;
    match a.first() {
        None => Ok(Value::list(Vec::new())),
        Some(x) => Ok(Value::list(vm.collect(x)?)),
    }
}

/// `tuple(iterable=())`.
pub fn tuple_new(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let a = clinic(ctor_args(args), kw, "tuple", 0, 1)?;
    match a.first() {
        None => Ok(Value::tuple(Vec::new())),
        Some(t @ Value::Tuple(_)) => Ok(t.clone()),
        Some(x) => Ok(Value::tuple(vm.collect(x)?)),
    }
}

/// `dict()`, `dict(mapping)`, `dict(pairs)`, `dict(**kw)`.
pub fn dict_new(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let a = ctor_args(args);
    if a.len() > 1 {
        return Err(exc::type_error(format!(
            "dict expected at most 1 argument, got {}",
            a.len()
        )));
    }
    let d = Arc::new(Dict::new());
    if let Some(src) = a.first() {
        dict_update_from(vm, &d, src)?;
    }
    for (k, v) in kw {
        d.set_str(k, v.clone());
    }
    Ok(Value::Dict(d))
}

/// `d.update(src)` for a mapping (`keys()` + `[]`) or an iterable of pairs.
pub fn dict_update_from(vm: &mut Vm, d: &Dict, src: &Value) -> PyResult<()> {
    if let Value::Dict(s) = src {
        for (k, v) in s.items() {
            let key = vm.hash_key(&k)?;
            d.insert(key, v);
        }
        return Ok(());
    }
    if matches!(src, Value::Instance(_) | Value::Native(_))
        && vm.getattr_opt(src, "keys")?.is_some()
    {
        let keys = vm.call_method(src, "keys", &[])?;
        for k in vm.collect(&keys)? {
            let v = vm.getitem(src, &k)?;
            let key = vm.hash_key(&k)?;
            d.insert(key, v);
        }
        return Ok(());
    }
    let it = vm.get_iter(src)?;
    let mut i = 0usize;
    while let Some(item) = vm.next(&it)? {
        let pair = match &item {
            Value::Tuple(t) => t.0.clone(),
            Value::List(l) => l.snapshot(),
            Value::Str(_) | Value::Instance(_) | Value::Native(_) | Value::Set(_) => {
                vm.collect(&item)?
            }
            Value::Dict(_) | Value::Range(_) | Value::Iter(_) => vm.collect(&item)?,
            _ => {
                return Err(exc::type_error(format!(
                    "cannot convert dictionary update sequence element #{} to a sequence",
                    i
                )));
            }
        };
        if pair.len() != 2 {
            return Err(exc::value_error(format!(
                "dictionary update sequence element #{} has length {}; 2 is required",
                i,
                pair.len()
            )));
        }
        let key = vm.hash_key(&pair[0])?;
        d.insert(key, pair[1].clone());
        i += 1;
    }
    Ok(())
}

fn make_set(vm: &mut Vm, args: &[Value], kw: &KwArgs, frozen: bool) -> PyResult<Value> {
    let name = if frozen { "frozenset" } else { "set" };
    let a = clinic(ctor_args(args), kw, name, 0, 1)?;
    let mut keys = KeySet::default();
    if let Some(src) = a.first() {
        if frozen
            && let Value::Set(s) = src
            && s.frozen
        {
            return Ok(src.clone());
        }
        keys.update(&crate::vm::pyset::operand(vm, src)?);
    }
    Ok(Value::Set(Arc::new(Set::new(keys, frozen))))
}

/// `set(iterable=())`.
pub fn set_new(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    make_set(vm, args, kw, false)
}

/// `frozenset(iterable=())`.
pub fn frozenset_new(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    make_set(vm, args, kw, true)
}

/// `range(stop)`, `range(start, stop[, step])`.
pub fn range_new(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let a = clinic(ctor_args(args), kw, "range", 1, 3)?;
    let mut n = [0i64; 3];
    for (slot, v) in n.iter_mut().zip(a) {
        let b = index_bigint(vm, v)?;
        *slot = b
            .to_i64()
            .ok_or_else(|| exc::overflow_error("Python int too large to convert to C ssize_t"))?;
    }
    let (start, stop, step) = match a.len() {
        1 => (0, n[0], 1),
        2 => (n[0], n[1], 1),
        _ => (n[0], n[1], n[2]),
    };
    if step == 0 {
        return Err(exc::value_error("range() arg 3 must not be zero"));
    }
    Ok(Value::Range(Arc::new(RangeObj { start, stop, step })))
}

/// `slice(stop)`, `slice(start, stop[, step])`.
pub fn slice_new(_vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let a = clinic(ctor_args(args), kw, "slice", 1, 3)?;
    let (start, stop, step) = match a {
        [stop] => (Value::None, stop.clone(), Value::None),
        [start, stop] => (start.clone(), stop.clone(), Value::None),
        [start, stop, step, ..] => (start.clone(), stop.clone(), step.clone()),
        [] => (Value::None, Value::None, Value::None),
    };
    Ok(Value::Slice(Arc::new(SliceObj { start, stop, step })))
}

fn seq_iter(s: SeqIter) -> Value {
    Value::Iter(Arc::new(IterObj::seq(s)))
}

/// `enumerate(iterable, start=0)`.
pub fn enumerate_new(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let slots = bind_params(ctor_args(args), kw, "enumerate", &["iterable", "start"], 0)?;
    let Some(src) = &slots[0] else {
        return Err(exc::type_error(
            "enumerate() missing required argument 'iterable'",
        ));
    };
    let count = match &slots[1] {
        None => BigInt::zero(),
        Some(v) => index_bigint(vm, v)?,
    };
    let inner = vm.get_iter(src)?;
    Ok(seq_iter(SeqIter::Enumerate { inner, count }))
}

/// `zip(*iterables, strict=False)`.
pub fn zip_new(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    kwslots(kw, &["strict"], "zip")?;
    let mut inners = Vec::new();
    for v in ctor_args(args) {
        inners.push(vm.get_iter(v)?);
    }
    Ok(seq_iter(SeqIter::Zip { inners }))
}

/// `map(func, *iterables)`.
pub fn map_new(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    if !kw.is_empty() {
        return Err(no_keywords("map"));
    }
    let a = ctor_args(args);
    if a.len() < 2 {
        return Err(exc::type_error("map() must have at least two arguments."));
    }
    let mut inners = Vec::new();
    for v in &a[1..] {
        inners.push(vm.get_iter(v)?);
    }
    Ok(seq_iter(SeqIter::Map {
        func: a[0].clone(),
        inners,
    }))
}

/// `filter(function or None, iterable)`.
pub fn filter_new(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let a = clinic(ctor_args(args), kw, "filter", 2, 2)?;
    let inner = vm.get_iter(&a[1])?;
    Ok(seq_iter(SeqIter::Filter {
        func: a[0].clone(),
        inner,
    }))
}

/// `reversed(sequence)`.
pub fn reversed_new(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let a = clinic(ctor_args(args), kw, "reversed", 1, 1)?;
    let seq = &a[0];
    let items = match seq {
        Value::List(l) => l.snapshot(),
        Value::Tuple(t) => t.0.clone(),
        Value::Str(s) => s
            .as_str()
            .chars()
            .map(|c| Value::string(c.to_string()))
            .collect(),
        Value::Range(r) => {
            let n = r.len_usize();
            if n == 0 {
                return Ok(Value::Iter(Arc::new(IterObj::range(0, 0, 1))));
            }
            let last = crate::vm::ops::range_item(r, n - 1);
            // One step before `start`, clamped to i64 (the iterator stops at the bound).
            let stop = (r.start as i128 - r.step as i128).clamp(i64::MIN as i128, i64::MAX as i128);
            return Ok(Value::Iter(Arc::new(IterObj::range(
                last,
                stop as i64,
                // A step of -2**63 reversed: the first step already leaves every i64 range.
                r.step.checked_neg().unwrap_or(i64::MAX),
            ))));
        }
        Value::Dict(d) => d.keys(),
        Value::Instance(_) | Value::Native(_) => {
            if let Some(r) = vm.call_special(seq, "__reversed__", &[])? {
                return Ok(r);
            }
            if vm.lookup_special(seq, "__getitem__").is_some()
                && vm.lookup_special(seq, "__len__").is_some()
            {
                let n = vm.len(seq)?;
                check_alloc(n, 1)?;
                let mut out = Vec::with_capacity(n);
                for i in 0..n {
                    out.push(vm.getitem(seq, &Value::Int(i as i64))?);
                }
                out
            } else {
                return Err(not_reversible(seq));
            }
        }
        _ => return Err(not_reversible(seq)),
    };
    let index = items.len();
    Ok(seq_iter(SeqIter::Reversed { list: items, index }))
}

#[cold]
fn not_reversible(v: &Value) -> PyErr {
    exc::type_error(format!("'{}' object is not reversible", v.type_name()))
}

/// `type(x)` → its class; `type(name, bases, dict)` → a new class.
pub fn type_new(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let a = ctor_args(args);
    match a {
        [x] if kw.is_empty() => Ok(Value::Class(type_of(x))),
        [name, bases, ns] => {
            let Value::Str(name) = name else {
                return Err(exc::type_error(format!(
                    "type.__new__() argument 1 must be str, not {}",
                    name.type_name()
                )));
            };
            let Value::Tuple(bases) = bases else {
                return Err(exc::type_error(format!(
                    "type.__new__() argument 2 must be tuple, not {}",
                    bases.type_name()
                )));
            };
            let Value::Dict(ns) = ns else {
                return Err(exc::type_error(format!(
                    "type.__new__() argument 3 must be dict, not {}",
                    ns.type_name()
                )));
            };
            if bases.0.len() > 1 {
                return Err(exc::type_error(
                    "gilvm supports single inheritance only: a class may have one base",
                ));
            }
            let base = match bases.0.first() {
                None => types().object.clone(),
                Some(Value::Class(c)) => c.clone(),
                Some(other) => {
                    return Err(exc::type_error(format!(
                        "bases must be types, not {}",
                        other.type_name()
                    )));
                }
            };
            let dict = ns.copy();
            let module = match dict.get_str("__module__") {
                Some(m) => vm.to_str(&m)?,
                None => {
                    dict.set_str("__module__", Value::str("__main__"));
                    "__main__".to_string()
                }
            };
            let qualname = match dict.remove_str("__qualname__") {
                Some(q) => vm.to_str(&q)?,
                None => name.as_str().to_string(),
            };
            Ok(Value::Class(Arc::new(Class {
                name: name.as_str().to_string(),
                qualname,
                module,
                is_exception: base.is_exception,
                base: Some(base),
                dict,
                kind: ClassKind::User,
                constructor: None,
            })))
        }
        _ => Err(exc::type_error("type() takes 1 or 3 arguments")),
    }
}

/// `BaseException(*args)` and every built-in exception class.
pub fn exception_new(_vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let cls = match args.first() {
        Some(Value::Class(c)) => c.clone(),
        _ => types().exception.clone(),
    };
    if !kw.is_empty() {
        return Err(no_keywords(&cls.name));
    }
    let inst = Instance::new(cls);
    if let Some(st) = &inst.exc {
        *st.args.lock() = ctor_args(args).to_vec();
    }
    Ok(Value::Instance(Arc::new(inst)))
}

// ----- staticmethod, classmethod, property, super ------------------------------------------

/// A built-in class whose instances are `Native` objects made here. `types()` has classes of
/// these names too, but without constructors; these are the ones the builtins expose, so
/// that `property(f)` is a class call and `isinstance(p, property)` works. Never touched while
/// `types()` is being built (they need `object`).
fn descriptor_class(
    name: &str,
    ctor: NativeFn,
    methods: &[(&'static str, NativeFn)],
) -> Arc<Class> {
    let c = Arc::new(Class {
        name: name.to_string(),
        qualname: name.to_string(),
        module: "builtins".to_string(),
        base: Some(types().object.clone()),
        dict: Dict::new(),
        kind: ClassKind::Builtin,
        is_exception: false,
        constructor: Some(ctor),
    });
    for (n, f) in methods {
        add_method(&c, n, *f);
    }
    c
}

static PROPERTY_CLASS: std::sync::LazyLock<Arc<Class>> = std::sync::LazyLock::new(|| {
    descriptor_class(
        "property",
        property_ctor,
        &[
            ("getter", property_getter),
            ("setter", property_setter),
            ("deleter", property_deleter),
            ("__get__", property_dunder_get),
            ("__set__", property_dunder_set),
        ],
    )
});

static STATICMETHOD_CLASS: std::sync::LazyLock<Arc<Class>> = std::sync::LazyLock::new(|| {
    descriptor_class(
        "staticmethod",
        staticmethod_ctor,
        &[("__call__", staticmethod_call)],
    )
});

static CLASSMETHOD_CLASS: std::sync::LazyLock<Arc<Class>> =
    std::sync::LazyLock::new(|| descriptor_class("classmethod", classmethod_ctor, &[]));

fn staticmethod_ctor(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    staticmethod_fn(vm, ctor_args(args), kw)
}

fn classmethod_ctor(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    classmethod_fn(vm, ctor_args(args), kw)
}

fn property_ctor(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    property_fn(vm, ctor_args(args), kw)
}

/// `staticmethod(f)`: a function that does not bind.
pub struct StaticMethod {
    pub func: Value,
}

impl NativeObject for StaticMethod {
    fn class(&self) -> Arc<Class> {
        STATICMETHOD_CLASS.clone()
    }
    fn type_name(&self) -> &str {
        "staticmethod"
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
    fn getattr(&self, _vm: &mut Vm, name: &str) -> Option<PyResult<Value>> {
        match name {
            "__func__" | "__wrapped__" => Some(Ok(self.func.clone())),
            _ => None,
        }
    }
}

/// `classmethod(f)`: a function bound to the class.
pub struct ClassMethod {
    pub func: Value,
}

impl NativeObject for ClassMethod {
    fn class(&self) -> Arc<Class> {
        CLASSMETHOD_CLASS.clone()
    }
    fn type_name(&self) -> &str {
        "classmethod"
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
    fn getattr(&self, _vm: &mut Vm, name: &str) -> Option<PyResult<Value>> {
        match name {
            "__func__" | "__wrapped__" => Some(Ok(self.func.clone())),
            _ => None,
        }
    }
}

/// `property(fget, fset, fdel, doc)`.
#[derive(Clone)]
pub struct Property {
    pub fget: Option<Value>,
    pub fset: Option<Value>,
    pub fdel: Option<Value>,
    pub doc: Option<Value>,
}

impl NativeObject for Property {
    fn class(&self) -> Arc<Class> {
        PROPERTY_CLASS.clone()
    }
    fn type_name(&self) -> &str {
        "property"
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
    fn getattr(&self, vm: &mut Vm, name: &str) -> Option<PyResult<Value>> {
        let v = |o: &Option<Value>| Some(Ok(o.clone().unwrap_or(Value::None)));
        match name {
            "fget" => v(&self.fget),
            "fset" => v(&self.fset),
            "fdel" => v(&self.fdel),
            "__doc__" => match (&self.doc, &self.fget) {
                (Some(d), _) => Some(Ok(d.clone())),
                (None, Some(f)) => Some(
                    vm.getattr_opt(f, "__doc__")
                        .map(|d| d.unwrap_or(Value::None)),
                ),
                _ => Some(Ok(Value::None)),
            },
            "__isabstractmethod__" => Some(Ok(Value::Bool(false))),
            _ => None,
        }
    }
}

impl Property {
    /// The attribute's name for messages: the getter's `__name__`.
    fn name(&self, vm: &mut Vm) -> Option<String> {
        for f in [&self.fget, &self.fset, &self.fdel].into_iter().flatten() {
            if let Ok(Some(Value::Str(s))) = vm.getattr_opt(f, "__name__") {
                return Some(s.as_str().to_string());
            }
        }
        None
    }
}

fn as_property(v: &Value) -> Option<&Property> {
    match v {
        Value::Native(n) => n.as_any().downcast_ref::<Property>(),
        _ => None,
    }
}

/// The bound method a `classmethod` object gives when looked up on `owner` (a class).
pub fn unwrap_classmethod(v: &Value, owner: &Value) -> Option<Value> {
    let Value::Native(n) = v else { return None };
    let cm = n.as_any().downcast_ref::<ClassMethod>()?;
    let owner = match owner {
        Value::Class(_) => owner.clone(),
        other => Value::Class(type_of(other)),
    };
    Some(Value::Method(Arc::new(BoundMethod {
        func: cm.func.clone(),
        self_: owner,
    })))
}

/// The function inside a `staticmethod` object.
pub fn unwrap_staticmethod(v: &Value) -> Option<Value> {
    let Value::Native(n) = v else { return None };
    n.as_any()
        .downcast_ref::<StaticMethod>()
        .map(|s| s.func.clone())
}

/// `obj.x` where `x` is a property of `obj`'s class.
pub fn property_get(vm: &mut Vm, prop: &Value, obj: &Value) -> PyResult<Value> {
    let Some(p) = as_property(prop) else {
        return Ok(prop.clone());
    };
    match &p.fget {
        Some(f) => {
            let f = f.clone();
            vm.call(&f, std::slice::from_ref(obj), &[])
        }
        None => Err(property_error(vm, p, obj, "getter")),
    }
}

/// `obj.x = value` where `x` is a property of `obj`'s class.
pub fn property_set(vm: &mut Vm, prop: &Value, obj: &Value, value: Value) -> PyResult<()> {
    let Some(p) = as_property(prop) else {
        return Err(exc::attribute_error("can't set attribute"));
    };
    match &p.fset {
        Some(f) => {
            let f = f.clone();
            vm.call(&f, &[obj.clone(), value], &[])?;
            Ok(())
        }
        None => Err(property_error(vm, p, obj, "setter")),
    }
}

/// `del obj.x` where `x` is a property of `obj`'s class.
pub fn property_delete(vm: &mut Vm, prop: &Value, obj: &Value) -> PyResult<()> {
    let Some(p) = as_property(prop) else {
        return Err(exc::attribute_error("can't delete attribute"));
    };
    match &p.fdel {
        Some(f) => {
            let f = f.clone();
            vm.call(&f, std::slice::from_ref(obj), &[])?;
            Ok(())
        }
        None => Err(property_error(vm, p, obj, "deleter")),
    }
}

#[cold]
fn property_error(vm: &mut Vm, p: &Property, obj: &Value, what: &str) -> PyErr {
    match p.name(vm) {
        Some(name) => exc::attribute_error(format!(
            "property '{}' of '{}' object has no {}",
            name,
            obj.type_name(),
            what
        )),
        None => exc::attribute_error(match what {
            "getter" => "unreadable attribute",
            "setter" => "can't set attribute",
            _ => "can't delete attribute",
        }),
    }
}

fn staticmethod_fn(_vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let a = clinic(args, kw, "staticmethod", 1, 1)?;
    Ok(native(StaticMethod { func: a[0].clone() }))
}

fn classmethod_fn(_vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let a = clinic(args, kw, "classmethod", 1, 1)?;
    Ok(native(ClassMethod { func: a[0].clone() }))
}

fn property_fn(_vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    if args.len() + kw.len() > 4 {
        return Err(exc::type_error(format!(
            "property() takes at most 4 arguments ({} given)",
            args.len() + kw.len()
        )));
    }
    let s = bind_params(args, kw, "property", &["fget", "fset", "fdel", "doc"], 0)?;
    let some = |v: &Option<Value>| v.clone().filter(|v| !v.is_none());
    Ok(native(Property {
        fget: some(&s[0]),
        fset: some(&s[1]),
        fdel: some(&s[2]),
        doc: some(&s[3]),
    }))
}

fn this_property<'a>(args: &'a [Value], name: &str) -> PyResult<&'a Property> {
    match args.first().and_then(as_property) {
        Some(p) => Ok(p),
        None => Err(exc::type_error(format!(
            "descriptor '{}' for 'property' objects doesn't apply to a '{}' object",
            name,
            args.first()
                .map_or("NoneType".to_string(), |a| a.type_name())
        ))),
    }
}

fn property_with(args: &[Value], kw: &KwArgs, name: &str, which: usize) -> PyResult<Value> {
    let p = this_property(args, name)?;
    let a = one(args.get(1..).unwrap_or_default(), kw, name)?;
    let mut q = p.clone();
    let f = Some(a.clone()).filter(|v| !v.is_none());
    match which {
        0 => q.fget = f,
        1 => q.fset = f,
        _ => q.fdel = f,
    }
    Ok(native(q))
}

fn property_getter(_vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    property_with(args, kw, "getter", 0)
}

fn property_setter(_vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    property_with(args, kw, "setter", 1)
}

fn property_deleter(_vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    property_with(args, kw, "deleter", 2)
}

fn property_dunder_get(vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    let p = args.first().cloned().unwrap_or(Value::None);
    match args.get(1) {
        None | Some(Value::None) => Ok(p),
        Some(obj) => property_get(vm, &p, obj),
    }
}

fn property_dunder_set(vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    match args {
        [p, obj, v] => property_set(vm, p, obj, v.clone()).map(|_| Value::None),
        _ => Err(exc::type_error(format!(
            "expected 2 arguments, got {}",
            args.len().saturating_sub(1)
        ))),
    }
}

fn staticmethod_call(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let f = args
        .first()
        .and_then(unwrap_staticmethod)
        .unwrap_or(Value::None);
    vm.call(&f, args.get(1..).unwrap_or_default(), kw)
}

/// `super(type, obj)`: attribute lookup along `obj`'s MRO after `type`.
pub struct Super {
    pub start: Arc<Class>,
    pub obj: Value,
    pub obj_type: Arc<Class>,
}

/// The class `super` objects report. Unlike `types().super_` it has no base and no methods, so
/// that method lookup on the class (`LOAD_METHOD`'s fast path) never finds `object`'s methods
/// in place of the ones `super` must find along the MRO.
static SUPER_CLASS: std::sync::LazyLock<Arc<Class>> = std::sync::LazyLock::new(|| {
    let c = Arc::new(Class {
        name: "super".to_string(),
        qualname: "super".to_string(),
        module: "builtins".to_string(),
        base: None,
        dict: Dict::new(),
        kind: ClassKind::Builtin,
        is_exception: false,
        constructor: Some(super_new),
    });
    // Stored as a staticmethod, not a builtin function: `LOAD_METHOD`'s fast path takes only
    // functions from the class, so `super().__repr__()` still goes through `Super::getattr`,
    // while `repr(super_obj)` calls this with the object as its argument.
    c.dict.set_str(
        "__repr__",
        native(StaticMethod {
            func: builtin("__repr__", super_repr),
        }),
    );
    c
});

impl NativeObject for Super {
    fn class(&self) -> Arc<Class> {
        SUPER_CLASS.clone()
    }
    fn type_name(&self) -> &str {
        "super"
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
    fn getattr(&self, vm: &mut Vm, name: &str) -> Option<PyResult<Value>> {
        let mut past = false;
        for c in self.obj_type.mro() {
            if past {
                if let Some(v) = c.dict.get_str(name) {
                    return Some(self.bind(vm, v));
                }
            } else if Arc::ptr_eq(c, &self.start) {
                past = true;
            }
        }
        match name {
            "__thisclass__" => Some(Ok(Value::Class(self.start.clone()))),
            "__self__" => Some(Ok(self.obj.clone())),
            "__self_class__" => Some(Ok(Value::Class(self.obj_type.clone()))),
            _ => None,
        }
    }
}

impl Super {
    fn bind(&self, vm: &mut Vm, v: Value) -> PyResult<Value> {
        let obj_is_class = matches!(self.obj, Value::Class(_));
        Ok(match &v {
            Value::Function(_) | Value::Builtin(_) if !obj_is_class => {
                Value::Method(Arc::new(BoundMethod {
                    func: v,
                    self_: self.obj.clone(),
                }))
            }
            Value::Native(n) => match n.type_name() {
                "staticmethod" => unwrap_staticmethod(&v).unwrap_or(v),
                "classmethod" => {
                    unwrap_classmethod(&v, &Value::Class(self.obj_type.clone())).unwrap_or(v)
                }
                "property" if !obj_is_class => return property_get(vm, &v, &self.obj),
                _ => v,
            },
            _ => v,
        })
    }
}

fn super_repr(_vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    let sup = match args.first() {
        Some(Value::Native(n)) => n.as_any().downcast_ref::<Super>(),
        _ => None,
    };
    let Some(sup) = sup else {
        return Err(exc::type_error(
            "descriptor '__repr__' requires a 'super' object",
        ));
    };
    Ok(Value::string(format!(
        "<super: {}, <{} object>>",
        sup.start.repr(),
        sup.obj_type.name
    )))
}

/// `slice.indices(length)`.
fn slice_indices_method(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let Some(Value::Slice(sl)) = args.first() else {
        return Err(exc::type_error(
            "descriptor 'indices' for 'slice' objects doesn't apply to a different type",
        ));
    };
    let n = one(args.get(1..).unwrap_or_default(), kw, "indices")?;
    let n = index_bigint(vm, n)?;
    if n.is_negative() {
        return Err(exc::value_error("length should not be negative"));
    }
    let n = n
        .to_usize()
        .ok_or_else(|| exc::overflow_error("Python int too large to convert to C ssize_t"))?;
    let (start, stop, step, _) = crate::vm::ops::slice_indices(vm, sl, n)?;
    Ok(Value::tuple(vec![
        Value::Int(start),
        Value::Int(stop),
        Value::Int(step),
    ]))
}

/// `super(type, obj)` (the compiler turns `super()` into `super(__class__, first_arg)`).
pub fn super_new(_vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    if !kw.is_empty() {
        return Err(no_keywords("super"));
    }
    let a = ctor_args(args);
    if a.is_empty() {
        return Err(exc::runtime_error("super(): no arguments"));
    }
    if a.len() > 2 {
        return Err(exc::type_error(format!(
            "super() takes at most 2 arguments ({} given)",
            a.len()
        )));
    }
    let Value::Class(start) = &a[0] else {
        return Err(exc::type_error(format!(
            "super() argument 1 must be a type, not {}",
            a[0].type_name()
        )));
    };
    let Some(obj) = a.get(1) else {
        return Err(exc::runtime_error(
            "gilvm does not support unbound super objects: pass an instance",
        ));
    };
    let obj_type = match obj {
        Value::Class(c) if c.is_subclass_of(start) => c.clone(),
        other => {
            let t = type_of(other);
            if !t.is_subclass_of(start) {
                return Err(exc::type_error(
                    "super(type, obj): obj must be an instance or subtype of type",
                ));
            }
            t
        }
    };
    Ok(native(Super {
        start: start.clone(),
        obj: obj.clone(),
        obj_type,
    }))
}

// ----- object and BaseException methods ----------------------------------------------------

fn object_init(_vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let Some(this) = args.first() else {
        return Err(exc::type_error(
            "descriptor '__init__' of 'object' object needs an argument",
        ));
    };
    if args.len() > 1 || !kw.is_empty() {
        // `A(1)` for a class without `__init__` and `object.__init__(a, 1)` both arrive here;
        // the first is by far the more common, so it gets its message.
        let cls = type_of(this);
        let overridden = !is_object_method(&cls.lookup("__init__"), "__init__");
        return Err(exc::type_error(if overridden {
            "object.__init__() takes exactly one argument (the instance to initialize)".to_string()
        } else {
            format!("{}() takes no arguments", cls.name)
        }));
    }
    Ok(Value::None)
}

fn object_new_method(_vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    match args.first() {
        Some(Value::Class(c)) => {
            if c.kind == ClassKind::Builtin && !Arc::ptr_eq(c, &types().object) && !c.is_exception {
                return Err(exc::type_error(format!(
                    "object.__new__({}) is not safe, use {}.__new__()",
                    c.name, c.name
                )));
            }
            Ok(Value::Instance(Arc::new(Instance::new(c.clone()))))
        }
        Some(other) => Err(exc::type_error(format!(
            "object.__new__(X): X is not a type object ({})",
            other.type_name()
        ))),
        None => Err(exc::type_error("object.__new__(): not enough arguments")),
    }
}

fn self_and_other<'a>(args: &'a [Value], name: &str) -> PyResult<(&'a Value, &'a Value)> {
    match args {
        [a, b] => Ok((a, b)),
        _ => Err(exc::type_error(format!(
            "expected 1 argument, got {} ({})",
            args.len().saturating_sub(1),
            name
        ))),
    }
}

fn object_eq(_vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    let (a, b) = self_and_other(args, "__eq__")?;
    Ok(if a.is(b) {
        Value::Bool(true)
    } else {
        NOT_IMPLEMENTED.clone()
    })
}

fn object_ne(vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    let (a, b) = self_and_other(args, "__ne__")?;
    let eq = match vm.lookup_special(a, "__eq__") {
        Some(m) => vm.call(&m, &[a.clone(), b.clone()], &[])?,
        None => object_eq(vm, args, &[])?,
    };
    if is_not_implemented(&eq) {
        return Ok(eq);
    }
    Ok(Value::Bool(!vm.truthy(&eq)?))
}

fn is_object_method(v: &Option<Value>, name: &str) -> bool {
    matches!(v, Some(Value::Builtin(b)) if b.owner == Some("object") && b.name == name)
}

fn object_hash(_vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    let Some(this) = args.first() else {
        return Err(exc::type_error(
            "descriptor '__hash__' of 'object' object needs an argument",
        ));
    };
    let cls = type_of(this);
    // A class that defines `__eq__` without `__hash__` is unhashable (CPython sets its
    // `__hash__` to None).
    if cls.kind == ClassKind::User && !is_object_method(&cls.lookup("__eq__"), "__eq__") {
        let defines_hash = cls
            .mro()
            .take_while(|c| c.kind == ClassKind::User)
            .any(|c| c.dict.get_str("__hash__").is_some());
        if !defines_hash {
            return Err(exc::type_error(format!("unhashable type: '{}'", cls.name)));
        }
    }
    Ok(Value::Int((this.id() >> 4) as i64))
}

fn object_repr(_vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    match args.first() {
        Some(v) => Ok(Value::string(default_object_repr(v))),
        None => Err(exc::type_error(
            "descriptor '__repr__' of 'object' object needs an argument",
        )),
    }
}

fn object_str(vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    match args.first() {
        Some(v) => Ok(Value::string(vm.repr(v)?)),
        None => Err(exc::type_error(
            "descriptor '__str__' of 'object' object needs an argument",
        )),
    }
}

fn object_format(vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    let (this, spec) = self_and_other(args, "__format__")?;
    let Value::Str(spec) = spec else {
        return Err(exc::type_error(format!(
            "__format__() argument must be str, not {}",
            spec.type_name()
        )));
    };
    if !spec.is_empty() {
        return Err(exc::type_error(format!(
            "unsupported format string passed to {}.__format__",
            this.type_name()
        )));
    }
    vm.to_str_value(this)
}

fn attr_name(v: &Value) -> PyResult<&str> {
    match v {
        Value::Str(s) => Ok(s.as_str()),
        other => Err(exc::type_error(format!(
            "attribute name must be string, not '{}'",
            other.type_name()
        ))),
    }
}

fn object_setattr(vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    let [this, name, value] = args else {
        return Err(exc::type_error(format!(
            "expected 2 arguments, got {}",
            args.len().saturating_sub(1)
        )));
    };
    let name = attr_name(name)?;
    if let Value::Instance(inst) = this
        && inst.exc.is_none()
    {
        match inst.class.lookup(name) {
            Some(p) if as_property(&p).is_some() => property_set(vm, &p, this, value.clone())?,
            _ => inst.dict.set_str(name, value.clone()),
        }
        return Ok(Value::None);
    }
    vm.setattr(this, name, value.clone())?;
    Ok(Value::None)
}

fn object_getattribute(vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    let (this, name) = self_and_other(args, "__getattribute__")?;
    let name = attr_name(name)?;
    vm.getattr(this, name)
}

fn object_delattr(vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    let (this, name) = self_and_other(args, "__delattr__")?;
    let name = attr_name(name)?;
    delattr_impl(vm, this, name)?;
    Ok(Value::None)
}

fn delattr_impl(vm: &mut Vm, obj: &Value, name: &str) -> PyResult<()> {
    if let Value::Instance(inst) = obj
        && let Some(p) = inst.class.lookup(name)
        && as_property(&p).is_some()
    {
        return property_delete(vm, &p, obj);
    }
    vm.delattr(obj, name)
}

fn object_dir(_vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    match args.first() {
        Some(v) => Ok(Value::list(dir_names(v))),
        None => Err(exc::type_error(
            "descriptor '__dir__' of 'object' object needs an argument",
        )),
    }
}

fn exc_args(v: &Value) -> Vec<Value> {
    match v {
        Value::Instance(i) => i
            .exc
            .as_ref()
            .map(|s| s.args.lock().clone())
            .unwrap_or_default(),
        _ => Vec::new(),
    }
}

fn this_exception<'a>(args: &'a [Value], name: &str) -> PyResult<&'a Arc<Instance>> {
    match args.first() {
        Some(Value::Instance(i)) if i.exc.is_some() => Ok(i),
        Some(other) => Err(exc::type_error(format!(
            "descriptor '{}' requires a 'BaseException' object but received a '{}'",
            name,
            other.type_name()
        ))),
        None => Err(exc::type_error(format!(
            "descriptor '{}' of 'BaseException' object needs an argument",
            name
        ))),
    }
}

fn exception_init(_vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let inst = this_exception(args, "__init__")?;
    if !kw.is_empty() {
        return Err(no_keywords(&inst.class.name));
    }
    if let Some(st) = &inst.exc {
        *st.args.lock() = args.get(1..).unwrap_or_default().to_vec();
    }
    Ok(Value::None)
}

fn exception_str(vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    this_exception(args, "__str__")?;
    let a = exc_args(&args[0]);
    match a.as_slice() {
        [] => Ok(Value::str("")),
        [x] => vm.to_str_value(x),
        _ => Ok(Value::string(vm.repr(&Value::tuple(a))?)),
    }
}

fn key_error_str(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    this_exception(args, "__str__")?;
    let a = exc_args(&args[0]);
    match a.as_slice() {
        [x] => Ok(Value::string(vm.repr(x)?)),
        _ => exception_str(vm, args, kw),
    }
}

fn exception_repr(vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    let inst = this_exception(args, "__repr__")?;
    let a = exc_args(&args[0]);
    let inner = match a.as_slice() {
        [] => String::new(),
        [x] => vm.repr(x)?,
        _ => {
            let r = vm.repr(&Value::tuple(a.clone()))?;
            r[1..r.len() - 1].to_string()
        }
    };
    Ok(Value::string(format!("{}({})", inst.class.name, inner)))
}

fn exception_with_traceback(_vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    this_exception(args, "with_traceback")?;
    Ok(args[0].clone())
}

fn stop_iteration_value(_vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    let a = args.first().map(exc_args).unwrap_or_default();
    Ok(a.first().cloned().unwrap_or(Value::None))
}

fn system_exit_code(_vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    let a = args.first().map(exc_args).unwrap_or_default();
    Ok(match a.len() {
        0 => Value::None,
        1 => a[0].clone(),
        _ => Value::tuple(a),
    })
}

fn readonly_property(name: &'static str, f: NativeFn) -> Value {
    native(Property {
        fget: Some(builtin(name, f)),
        fset: None,
        fdel: None,
        doc: None,
    })
}

fn format_method(vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    let (this, spec) = self_and_other(args, "__format__")?;
    let Value::Str(spec) = spec else {
        return Err(exc::type_error(format!(
            "__format__() argument must be str, not {}",
            spec.type_name()
        )));
    };
    Ok(Value::string(format_value(vm, this, spec.as_str())?))
}

/// Methods of `object`, `BaseException`, `property` and friends.
pub fn register_methods(t: &Types) {
    let o = &t.object;
    add_method(o, "__init__", object_init);
    add_method(o, "__eq__", object_eq);
    add_method(o, "__ne__", object_ne);
    add_method(o, "__hash__", object_hash);
    add_method(o, "__repr__", object_repr);
    add_method(o, "__str__", object_str);
    add_method(o, "__format__", object_format);
    add_method(o, "__setattr__", object_setattr);
    add_method(o, "__getattribute__", object_getattribute);
    add_method(o, "__delattr__", object_delattr);
    add_method(o, "__dir__", object_dir);
    o.dict.set_str(
        "__new__",
        native(StaticMethod {
            func: Value::Builtin(Arc::new(BuiltinFunction {
                name: "__new__",
                owner: Some("object"),
                func: object_new_method,
            })),
        }),
    );

    let be = &t.base_exception;
    add_method(be, "__init__", exception_init);
    add_method(be, "__str__", exception_str);
    add_method(be, "__repr__", exception_repr);
    add_method(be, "with_traceback", exception_with_traceback);
    add_method(&t.key_error, "__str__", key_error_str);
    t.stop_iteration
        .dict
        .set_str("value", readonly_property("value", stop_iteration_value));
    t.system_exit
        .dict
        .set_str("code", readonly_property("code", system_exit_code));

    if t.slice.dict.get_str("indices").is_none() {
        add_method(&t.slice, "indices", slice_indices_method);
    }

    for cls in [&t.int, &t.float, &t.str] {
        add_method(cls, "__format__", format_method);
    }
}

// ----- built-in functions --------------------------------------------------------------------

fn bi_print(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let s = kwslots(kw, &["sep", "end", "file", "flush"], "print")?;
    let text_arg = |v: &Option<Value>, what: &str, default: &str| -> PyResult<String> {
        match v {
            None | Some(Value::None) => Ok(default.to_string()),
            Some(Value::Str(s)) => Ok(s.as_str().to_string()),
            Some(other) => Err(exc::type_error(format!(
                "{} must be None or a string, not {}",
                what,
                other.type_name()
            ))),
        }
    };
    let sep = text_arg(&s[0], "sep", " ")?;
    let end = text_arg(&s[1], "end", "\n")?;
    let flush = match &s[3] {
        None => false,
        Some(v) => vm.truthy(v)?,
    };
    let mut out = String::new();
    for (i, a) in args.iter().enumerate() {
        if i > 0 {
            out.push_str(&sep);
        }
        match a {
            Value::Str(s) => out.push_str(s.as_str()),
            other => out.push_str(&vm.to_str(other)?),
        }
    }
    out.push_str(&end);
    match &s[2] {
        None | Some(Value::None) => {
            vm.write_stdout(&out)?;
            if flush {
                vm.flush_stdout()?;
            }
        }
        Some(file) => {
            vm.call_method(file, "write", &[Value::string(out)])?;
            if flush {
                vm.call_method(file, "flush", &[])?;
            }
        }
    }
    Ok(Value::None)
}

fn bi_len(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let x = one(args, kw, "len")?;
    Ok(Value::Int(vm.len(x)? as i64))
}

fn bi_repr(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let x = one(args, kw, "repr")?;
    Ok(Value::string(vm.repr(x)?))
}

fn bi_ascii(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let x = one(args, kw, "ascii")?;
    let r = vm.repr(x)?;
    Ok(Value::string(crate::vm::eval::ascii_escape(&r)))
}

fn bi_abs(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let x = one(args, kw, "abs")?;
    Ok(match x {
        Value::Int(i) => match i.checked_abs() {
            Some(a) => Value::Int(a),
            None => Value::from_bigint(BigInt::from(*i).abs()),
        },
        Value::Bool(b) => Value::Int(*b as i64),
        Value::BigInt(b) => Value::from_bigint(b.abs()),
        Value::Float(f) => Value::Float(f.abs()),
        _ => match vm.call_special(x, "__abs__", &[])? {
            Some(r) => r,
            None => {
                return Err(exc::type_error(format!(
                    "bad operand type for abs(): '{}'",
                    x.type_name()
                )));
            }
        },
    })
}

/// `min`/`max`: `want_max` picks the largest, keeping the first of equal items.
fn min_max(vm: &mut Vm, args: &[Value], kw: &KwArgs, want_max: bool) -> PyResult<Value> {
    let name = if want_max { "max" } else { "min" };
    let s = kwslots(kw, &["key", "default"], name)?;
    if args.is_empty() {
        return Err(exc::type_error(format!(
            "{} expected at least 1 argument, got 0",
            name
        )));
    }
    let key = s[0].clone().filter(|k| !k.is_none());
    let default = s[1].clone();
    let items = if args.len() == 1 {
        vm.collect(&args[0])?
    } else {
        if default.is_some() {
            return Err(exc::type_error(format!(
                "Cannot specify a default for {}() with multiple positional arguments",
                name
            )));
        }
        args.to_vec()
    };
    let mut best: Option<(Value, Value)> = None;
    for item in items {
        let k = match &key {
            Some(f) => vm.call1(f, item.clone())?,
            None => item.clone(),
        };
        match &best {
            None => best = Some((k, item)),
            Some((bk, _)) => {
                let better = if want_max {
                    vm.lt(bk, &k)?
                } else {
                    vm.lt(&k, bk)?
                };
                if better {
                    best = Some((k, item));
                }
            }
        }
    }
    match (best, default) {
        (Some((_, v)), _) => Ok(v),
        (None, Some(d)) => Ok(d),
        (None, None) => Err(exc::value_error(format!(
            "{}() arg is an empty sequence",
            name
        ))),
    }
}

fn bi_min(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    min_max(vm, args, kw, false)
}

fn bi_max(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    min_max(vm, args, kw, true)
}

fn bi_sum(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let s = kwslots(kw, &["start"], "sum")?;
    let (iterable, start) = match args {
        [] => {
            return Err(exc::type_error(
                "sum() takes at least 1 positional argument (0 given)",
            ));
        }
        [it] => (it, s[0].clone().unwrap_or(Value::Int(0))),
        [it, st] => {
            if s[0].is_some() {
                return Err(exc::type_error(
                    "argument for sum() given by name ('start') and position (2)",
                ));
            }
            (it, st.clone())
        }
        _ => {
            return Err(exc::type_error(format!(
                "sum() takes at most 2 arguments ({} given)",
                args.len()
            )));
        }
    };
    if matches!(start, Value::Str(_)) {
        return Err(exc::type_error(
            "sum() can't sum strings [use ''.join(seq) instead]",
        ));
    }
    let it = vm.get_iter(iterable)?;
    let mut acc = start;
    while let Some(x) = vm.next(&it)? {
        acc = match (&acc, &x) {
            (Value::Int(a), Value::Int(b)) => match a.checked_add(*b) {
                Some(r) => Value::Int(r),
                None => Value::from_bigint(BigInt::from(*a) + *b),
            },
            (Value::Float(a), Value::Float(b)) => Value::Float(a + b),
            _ => vm.binary_op(&acc, &x, BinaryOp::Add)?,
        };
    }
    Ok(acc)
}

fn bi_sorted(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    positional_count(args, "sorted", 1, 1)?;
    let s = kwslots(kw, &["key", "reverse"], "sort")?;
    let key = s[0].clone().filter(|k| !k.is_none());
    let reverse = match &s[1] {
        None => false,
        Some(v) => vm.truthy(v)?,
    };
    let mut items = vm.collect(&args[0])?;
    sort_values(vm, &mut items, key.as_ref(), reverse)?;
    Ok(Value::list(items))
}

fn bi_any(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let x = one(args, kw, "any")?;
    let it = vm.get_iter(x)?;
    while let Some(v) = vm.next(&it)? {
        if vm.truthy(&v)? {
            return Ok(Value::Bool(true));
        }
    }
    Ok(Value::Bool(false))
}

fn bi_all(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let x = one(args, kw, "all")?;
    let it = vm.get_iter(x)?;
    while let Some(v) = vm.next(&it)? {
        if !vm.truthy(&v)? {
            return Ok(Value::Bool(false));
        }
    }
    Ok(Value::Bool(true))
}

/// `isinstance(v, cls)` for a class or a (nested) tuple of classes; `None` when `cls` is
/// neither.
fn isinstance_of(vm: &mut Vm, v: &Value, cls: &Value) -> Option<bool> {
    match cls {
        Value::Class(c) => Some(vm.isinstance(v, c)),
        Value::Tuple(t) => {
            for c in &t.0 {
                if isinstance_of(vm, v, c)? {
                    return Some(true);
                }
            }
            Some(false)
        }
        _ => None,
    }
}

fn bi_isinstance(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let a = clinic(args, kw, "isinstance", 2, 2)?;
    if let Value::Instance(_) | Value::Native(_) = &a[1]
        && let Some(r) = vm.call_special(&a[1], "__instancecheck__", &[a[0].clone()])?
    {
        return Ok(Value::Bool(vm.truthy(&r)?));
    }
    match isinstance_of(vm, &a[0], &a[1]) {
        Some(b) => Ok(Value::Bool(b)),
        None => Err(exc::type_error(
            "isinstance() arg 2 must be a type, a tuple of types, or a union",
        )),
    }
}

fn issubclass_of(c: &Arc<Class>, cls: &Value) -> Option<bool> {
    match cls {
        Value::Class(k) => Some(c.is_subclass_of(k)),
        Value::Tuple(t) => {
            for k in &t.0 {
                if issubclass_of(c, k)? {
                    return Some(true);
                }
            }
            Some(false)
        }
        _ => None,
    }
}

fn bi_issubclass(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let a = clinic(args, kw, "issubclass", 2, 2)?;
    if let Value::Instance(_) | Value::Native(_) = &a[1]
        && let Some(r) = vm.call_special(&a[1], "__subclasscheck__", &[a[0].clone()])?
    {
        return Ok(Value::Bool(vm.truthy(&r)?));
    }
    let Value::Class(c) = &a[0] else {
        return Err(exc::type_error("issubclass() arg 1 must be a class"));
    };
    match issubclass_of(c, &a[1]) {
        Some(b) => Ok(Value::Bool(b)),
        None => Err(exc::type_error(
            "issubclass() arg 2 must be a class, a tuple of classes, or a union",
        )),
    }
}

fn bi_id(_vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let x = one(args, kw, "id")?;
    Ok(Value::Int(x.id() as i64))
}

fn bi_hash(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let x = one(args, kw, "hash")?;
    Ok(Value::Int(vm.hash_key(x)?.hash))
}

fn bi_iter(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let a = clinic(args, kw, "iter", 1, 2)?;
    match a {
        [x] => vm.get_iter(x),
        [f, sentinel, ..] => {
            if !is_callable(f) {
                return Err(exc::type_error("iter(v, w): v must be callable"));
            }
            Ok(seq_iter(SeqIter::Callable {
                func: f.clone(),
                sentinel: sentinel.clone(),
            }))
        }
        [] => Err(exc::type_error("iter expected at least 1 argument, got 0")),
    }
}

fn bi_next(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let a = clinic(args, kw, "next", 1, 2)?;
    if let Value::Instance(_) | Value::Native(_) = &a[0]
        && let Some(m) = vm.lookup_special(&a[0], "__next__")
    {
        // Called directly so that a generator's `StopIteration(value)` keeps its value.
        return match vm.call(&m, std::slice::from_ref(&a[0]), &[]) {
            Err(e) if e.matches(&types().stop_iteration) => match a.get(1) {
                Some(d) => Ok(d.clone()),
                None => Err(e),
            },
            r => r,
        };
    }
    match vm.next(&a[0])? {
        Some(v) => Ok(v),
        None => match a.get(1) {
            Some(d) => Ok(d.clone()),
            None => Err(exc::stop_iteration(None)),
        },
    }
}

/// Rounds an int to `nd` (negative) decimal places, ties to even.
fn round_bigint(x: &BigInt, nd: i64) -> BigInt {
    if nd >= 0 {
        return x.clone();
    }
    let digits = (x.bits() as f64 * std::f64::consts::LOG10_2) as u64 + 1;
    if nd.unsigned_abs() > digits + 1 {
        return BigInt::zero();
    }
    let p = num_traits::pow(BigInt::from(10), nd.unsigned_abs() as usize);
    let (q, r) = x.div_mod_floor(&p);
    let twice: BigInt = &r * 2;
    let q = if twice > p || (twice == p && q.is_odd()) {
        q + 1
    } else {
        q
    };
    q * p
}

fn bi_round(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let s = bind_params(args, kw, "round", &["number", "ndigits"], 1)?;
    let x = s[0].clone().unwrap_or(Value::None);
    let nd = match &s[1] {
        None | Some(Value::None) => None,
        Some(v) => Some(index_bigint(vm, v)?),
    };
    match &x {
        Value::Float(f) => match nd {
            None => float_to_int(f.round_ties_even()),
            Some(n) => {
                let n = n
                    .to_i64()
                    .unwrap_or(if n.is_negative() { i64::MIN } else { i64::MAX });
                let r = ff::round_float(*f, n);
                if r.is_infinite() {
                    return Err(exc::overflow_error("rounded value too large to represent"));
                }
                Ok(Value::Float(r))
            }
        },
        Value::Int(_) | Value::Bool(_) | Value::BigInt(_) => {
            let b = to_bigint(&x).unwrap_or_default();
            match nd {
                None => Ok(Value::from_bigint(b)),
                Some(n) => {
                    let n = n
                        .to_i64()
                        .unwrap_or(if n.is_negative() { i64::MIN } else { 0 });
                    Ok(Value::from_bigint(round_bigint(&b, n)))
                }
            }
        }
        _ => {
            let extra: Vec<Value> = s[1].iter().cloned().collect();
            match vm.call_special(&x, "__round__", &extra)? {
                Some(r) => Ok(r),
                None => Err(exc::type_error(format!(
                    "type {} doesn't define __round__ method",
                    x.type_name()
                ))),
            }
        }
    }
}

fn bi_divmod(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let a = clinic(args, kw, "divmod", 2, 2)?;
    let (x, y) = (&a[0], &a[1]);
    let is_num = |v: &Value| matches!(v, Value::Int(_) | Value::Bool(_) | Value::BigInt(_));
    if let (Value::Float(_), _) | (_, Value::Float(_)) = (x, y)
        && let (Some(fx), Some(fy)) = (to_f64(x), to_f64(y))
    {
        let (fx, fy) = (fx?, fy?);
        if fy == 0.0 {
            return Err(exc::zero_division_error("float divmod()"));
        }
        let (q, r) = float_divmod(fx, fy);
        return Ok(Value::tuple(vec![Value::Float(q), Value::Float(r)]));
    }
    if is_num(x) && is_num(y) {
        let q = vm.binary_op(x, y, BinaryOp::FloorDivide)?;
        let r = vm.binary_op(x, y, BinaryOp::Modulo)?;
        return Ok(Value::tuple(vec![q, r]));
    }
    if let Some(r) = vm.call_special(x, "__divmod__", std::slice::from_ref(y))?
        && !is_not_implemented(&r)
    {
        return Ok(r);
    }
    if let Some(r) = vm.call_special(y, "__rdivmod__", std::slice::from_ref(x))?
        && !is_not_implemented(&r)
    {
        return Ok(r);
    }
    Err(exc::type_error(format!(
        "unsupported operand type(s) for divmod(): '{}' and '{}'",
        x.type_name(),
        y.type_name()
    )))
}

fn bi_pow(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let s = bind_params(args, kw, "pow", &["base", "exp", "mod"], 2)?;
    let base = s[0].clone().unwrap_or(Value::None);
    let e = s[1].clone().unwrap_or(Value::None);
    match &s[2] {
        None | Some(Value::None) => vm.binary_op(&base, &e, BinaryOp::Power),
        Some(m) => {
            let (Some(b), Some(e), Some(m)) = (to_bigint(&base), to_bigint(&e), to_bigint(m))
            else {
                if let Value::Instance(_) = &base
                    && let Some(r) = vm.call_special(&base, "__pow__", &[e.clone(), m.clone()])?
                    && !is_not_implemented(&r)
                {
                    return Ok(r);
                }
                return Err(exc::type_error(
                    "pow() 3rd argument not allowed unless all arguments are integers",
                ));
            };
            Ok(Value::from_bigint(modpow(&b, &e, &m)?))
        }
    }
}

/// `pow(b, e, m)` with Python's signs: the result has the sign of `m`; a negative `e` means
/// the modular inverse.
fn modpow(b: &BigInt, e: &BigInt, m: &BigInt) -> PyResult<BigInt> {
    if m.is_zero() {
        return Err(exc::value_error("pow() 3rd argument cannot be 0"));
    }
    let am = m.abs();
    let mut base = b.mod_floor(&am);
    let mut e = e.clone();
    if e.is_negative() {
        base = mod_inverse(&base, &am)
            .ok_or_else(|| exc::value_error("base is not invertible for the given modulus"))?;
        e = -e;
    }
    let mut r = if am.is_one() {
        BigInt::zero()
    } else {
        base.modpow(&e, &am)
    };
    if m.is_negative() && !r.is_zero() {
        r += m;
    }
    Ok(r)
}

fn mod_inverse(a: &BigInt, m: &BigInt) -> Option<BigInt> {
    let (mut old_r, mut r) = (a.clone(), m.clone());
    let (mut old_s, mut s) = (BigInt::one(), BigInt::zero());
    while !r.is_zero() {
        let q = &old_r / &r;
        let nr = &old_r - &q * &r;
        old_r = std::mem::replace(&mut r, nr);
        let ns = &old_s - &q * &s;
        old_s = std::mem::replace(&mut s, ns);
    }
    if !old_r.is_one() {
        return None;
    }
    Some(old_s.mod_floor(m))
}

fn radix(vm: &mut Vm, args: &[Value], kw: &KwArgs, name: &str) -> PyResult<Value> {
    let x = one(args, kw, name)?;
    let b = index_bigint(vm, x)?;
    let (prefix, digits) = match name {
        "hex" => ("0x", b.magnitude().to_str_radix(16)),
        "oct" => ("0o", b.magnitude().to_str_radix(8)),
        _ => ("0b", b.magnitude().to_str_radix(2)),
    };
    let sign = if b.is_negative() { "-" } else { "" };
    Ok(Value::string(format!("{}{}{}", sign, prefix, digits)))
}

fn bi_hex(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    radix(vm, args, kw, "hex")
}

fn bi_oct(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    radix(vm, args, kw, "oct")
}

fn bi_bin(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    radix(vm, args, kw, "bin")
}

fn bi_chr(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let x = one(args, kw, "chr")?;
    let b = index_bigint(vm, x)?;
    match b.to_u32().filter(|&n| n < 0x110000) {
        Some(n) => Ok(Value::string(
            char::from_u32(n).unwrap_or('\u{fffd}').to_string(),
        )),
        None => {
            if b.to_i64().is_none() {
                return Err(exc::overflow_error(
                    "Python int too large to convert to C int",
                ));
            }
            Err(exc::value_error("chr() arg not in range(0x110000)"))
        }
    }
}

fn bi_ord(_vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let x = one(args, kw, "ord")?;
    match x {
        Value::Str(s) => {
            let mut chars = s.as_str().chars();
            match (chars.next(), chars.next()) {
                (Some(c), None) => Ok(Value::Int(c as i64)),
                _ => Err(exc::type_error(format!(
                    "ord() expected a character, but string of length {} found",
                    s.char_len()
                ))),
            }
        }
        other => Err(exc::type_error(format!(
            "ord() expected string of length 1, but {} found",
            other.type_name()
        ))),
    }
}

fn is_callable(v: &Value) -> bool {
    match v {
        Value::Function(_) | Value::Builtin(_) | Value::Method(_) | Value::Class(_) => true,
        Value::Instance(i) => i.class.lookup("__call__").is_some(),
        Value::Native(n) => n.class().lookup("__call__").is_some(),
        _ => false,
    }
}

fn bi_callable(_vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let x = one(args, kw, "callable")?;
    Ok(Value::Bool(is_callable(x)))
}

fn bi_getattr(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let a = clinic(args, kw, "getattr", 2, 3)?;
    let name = attr_name(&a[1])?;
    match a.get(2) {
        None => vm.getattr(&a[0], name),
        Some(default) => match vm.getattr_opt(&a[0], name) {
            Ok(Some(v)) => Ok(v),
            Ok(None) => Ok(default.clone()),
            Err(e) if e.matches(&types().attribute_error) => Ok(default.clone()),
            Err(e) => Err(e),
        },
    }
}

fn bi_setattr(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let a = clinic(args, kw, "setattr", 3, 3)?;
    let name = attr_name(&a[1])?;
    vm.setattr(&a[0], name, a[2].clone())?;
    Ok(Value::None)
}

fn bi_hasattr(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let a = clinic(args, kw, "hasattr", 2, 2)?;
    let name = attr_name(&a[1])?;
    match vm.getattr_opt(&a[0], name) {
        Ok(v) => Ok(Value::Bool(v.is_some())),
        Err(e) if e.matches(&types().attribute_error) => Ok(Value::Bool(false)),
        Err(e) => Err(e),
    }
}

fn bi_delattr(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let a = clinic(args, kw, "delattr", 2, 2)?;
    let name = attr_name(&a[1])?;
    delattr_impl(vm, &a[0], name)?;
    Ok(Value::None)
}

fn bi_format(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let a = clinic(args, kw, "format", 1, 2)?;
    let spec = match a.get(1) {
        None => "",
        Some(Value::Str(s)) => s.as_str(),
        Some(other) => {
            return Err(exc::type_error(format!(
                "format() argument 2 must be str, not {}",
                other.type_name()
            )));
        }
    };
    Ok(Value::string(format_value(vm, &a[0], spec)?))
}

/// `globals()` and `locals()` read the calling frame: the eval loop answers direct calls
/// itself (`Vm::frame_builtin`); reaching this means an indirect call (e.g. through `map`).
pub fn bi_globals(_vm: &mut Vm, _args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    Err(exc::system_error(
        "globals() can only be called directly in gilvm",
    ))
}

pub fn bi_locals(_vm: &mut Vm, _args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    Err(exc::system_error(
        "locals() can only be called directly in gilvm",
    ))
}

pub fn bi_vars(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let a = clinic(args, kw, "vars", 0, 1)?;
    let Some(x) = a.first() else {
        return Err(exc::system_error(
            "vars() without arguments is not supported by gilvm",
        ));
    };
    match x {
        Value::Instance(inst) => {
            // The instance's own dict, live (CPython returns the `__dict__` itself).
            let d = inst.dict.copy();
            Ok(Value::Dict(Arc::new(d)))
        }
        Value::Module(m) => Ok(Value::Dict(m.dict.clone())),
        _ => match vm.getattr_opt(x, "__dict__")? {
            Some(d) => Ok(d),
            None => Err(exc::type_error(
                "vars() argument must have __dict__ attribute",
            )),
        },
    }
}

fn dir_names(x: &Value) -> Vec<Value> {
    let mut names: Vec<String> = vec!["__class__".to_string()];
    let add_dict = |d: &Dict, names: &mut Vec<String>| {
        for k in d.keys() {
            if let Value::Str(s) = k {
                names.push(s.as_str().to_string());
            }
        }
    };
    match x {
        Value::Module(m) => add_dict(&m.dict, &mut names),
        Value::Class(c) => {
            for k in c.mro() {
                add_dict(&k.dict, &mut names);
            }
        }
        _ => {
            if let Value::Instance(i) = x {
                add_dict(&i.dict, &mut names);
            }
            for k in type_of(x).mro() {
                add_dict(&k.dict, &mut names);
            }
        }
    }
    names.sort();
    names.dedup();
    names.into_iter().map(Value::string).collect()
}

pub fn bi_dir(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let a = clinic(args, kw, "dir", 0, 1)?;
    let Some(x) = a.first() else {
        return Err(exc::system_error(
            "dir() without arguments is not supported by gilvm",
        ));
    };
    if let Value::Instance(inst) = x
        && let Some(m) = inst.class.lookup("__dir__")
        && !is_object_method(&Some(m.clone()), "__dir__")
    {
        let r = vm.call(&m, std::slice::from_ref(x), &[])?;
        let mut items = vm.collect(&r)?;
        sort_values(vm, &mut items, None, false)?;
        return Ok(Value::list(items));
    }
    Ok(Value::list(dir_names(x)))
}

fn bi_input(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let a = clinic(args, kw, "input", 0, 1)?;
    if let Some(p) = a.first() {
        let text = vm.to_str(p)?;
        vm.write_stdout(&text)?;
    }
    vm.flush_stdout()?;
    let mut line = String::new();
    let r = vm.allow_threads(crate::threads::Blocking::Io, || {
        std::io::stdin().read_line(&mut line)
    });
    match r {
        Ok(0) => Err(PyErr::new(&types().eof_error, "EOF when reading a line")),
        Ok(_) => {
            if line.ends_with('\n') {
                line.pop();
            }
            Ok(Value::string(line))
        }
        Err(e) => Err(exc::os_error(e.to_string())),
    }
}

fn bi_exit(_vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let s = bind_params(args, kw, "exit", &["code"], 0)?;
    let code = s[0].clone().unwrap_or(Value::None);
    Err(PyErr::with_args(&types().system_exit, vec![code]))
}

/// Every built-in name: functions, classes, exception classes, `NotImplemented`, `Ellipsis`.
/// A new `builtins` namespace. Its values are immutable and shared by every interpreter,
/// so the namespace is built once per process and copied (`explore` creates an interpreter
/// per schedule).
pub fn fresh() -> Dict {
    static TEMPLATE: std::sync::LazyLock<Dict> = std::sync::LazyLock::new(|| {
        let b = Dict::new();
        populate(&b);
        b
    });
    TEMPLATE.copy()
}

fn populate(b: &Dict) {
    let t = types();
    let funcs: &[(&'static str, NativeFn)] = &[
        ("print", bi_print),
        ("len", bi_len),
        ("repr", bi_repr),
        ("ascii", bi_ascii),
        ("abs", bi_abs),
        ("min", bi_min),
        ("max", bi_max),
        ("sum", bi_sum),
        ("sorted", bi_sorted),
        ("any", bi_any),
        ("all", bi_all),
        ("isinstance", bi_isinstance),
        ("issubclass", bi_issubclass),
        ("id", bi_id),
        ("hash", bi_hash),
        ("iter", bi_iter),
        ("next", bi_next),
        ("round", bi_round),
        ("divmod", bi_divmod),
        ("pow", bi_pow),
        ("hex", bi_hex),
        ("oct", bi_oct),
        ("bin", bi_bin),
        ("chr", bi_chr),
        ("ord", bi_ord),
        ("callable", bi_callable),
        ("getattr", bi_getattr),
        ("setattr", bi_setattr),
        ("hasattr", bi_hasattr),
        ("delattr", bi_delattr),
        ("format", bi_format),
        ("vars", bi_vars),
        ("dir", bi_dir),
        ("globals", bi_globals),
        ("locals", bi_locals),
        ("input", bi_input),
        ("exit", bi_exit),
        ("quit", bi_exit),
    ];
    for (name, f) in funcs {
        b.set_interned(name, builtin(name, *f));
    }
    for cls in [
        &t.object,
        &t.type_,
        &t.int,
        &t.bool,
        &t.float,
        &t.str,
        &t.list,
        &t.tuple,
        &t.dict,
        &t.set,
        &t.frozenset,
        &t.range,
        &t.slice,
        &t.enumerate,
        &t.zip,
        &t.map,
        &t.filter,
        &t.reversed,
        &t.super_,
    ] {
        b.set_interned(&cls.name, Value::Class(cls.clone()));
    }
    for cls in t.exception_classes() {
        b.set_interned(&cls.name, Value::Class(cls.clone()));
    }
    for cls in [&*PROPERTY_CLASS, &*STATICMETHOD_CLASS, &*CLASSMETHOD_CLASS] {
        b.set_interned(&cls.name, Value::Class(cls.clone()));
    }
    b.set_interned("NotImplemented", NOT_IMPLEMENTED.clone());
    b.set_interned("Ellipsis", ELLIPSIS.clone());
    b.set_interned("__name__", Value::str("builtins"));
    b.set_interned("__doc__", Value::None);
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

/// A `format.rs` error message as the exception CPython raises for it.
#[cold]
fn format_error(msg: String) -> PyErr {
    if ff::is_overflow_message(&msg) {
        exc::overflow_error(msg)
    } else {
        exc::value_error(msg)
    }
}

#[cold]
fn unsupported_format(v: &Value) -> PyErr {
    exc::type_error(format!(
        "unsupported format string passed to {}.__format__",
        v.type_name()
    ))
}

/// `fmt % value`: printf-style formatting with CPython's rules and messages.
pub fn percent_format(vm: &mut Vm, fmt: &str, value: &Value) -> PyResult<String> {
    let args: Vec<Value> = match value {
        Value::Tuple(t) => t.0.clone(),
        other => vec![other.clone()],
    };
    let mapping = match value {
        Value::Dict(_) => Some(value.clone()),
        Value::Instance(_) | Value::Native(_)
            if vm.lookup_special(value, "__getitem__").is_some() =>
        {
            Some(value.clone())
        }
        _ => None,
    };
    let chars: Vec<char> = fmt.chars().collect();
    let mut out = String::with_capacity(fmt.len() + 16);
    let mut argi = 0usize;
    let mut used_mapping = false;
    let mut i = 0usize;
    let next_arg = |argi: &mut usize| -> PyResult<Value> {
        match args.get(*argi) {
            Some(v) => {
                *argi += 1;
                Ok(v.clone())
            }
            None => Err(exc::type_error("not enough arguments for format string")),
        }
    };
    while i < chars.len() {
        let c = chars[i];
        if c != '%' {
            out.push(c);
            i += 1;
            continue;
        }
        i += 1;
        if i >= chars.len() {
            return Err(exc::value_error("incomplete format"));
        }
        // %(key)
        let mut keyed: Option<Value> = None;
        if chars[i] == '(' {
            let Some(m) = &mapping else {
                return Err(exc::type_error("format requires a mapping"));
            };
            let mut depth = 1;
            let start = i + 1;
            i += 1;
            while i < chars.len() && depth > 0 {
                match chars[i] {
                    '(' => depth += 1,
                    ')' => depth -= 1,
                    _ => {}
                }
                i += 1;
            }
            if depth > 0 {
                return Err(exc::value_error("incomplete format key"));
            }
            let key: String = chars[start..i - 1].iter().collect();
            let m = m.clone();
            keyed = Some(vm.getitem(&m, &Value::string(key))?);
            used_mapping = true;
        }
        // flags
        let (mut left, mut plus, mut space, mut alt, mut zero) =
            (false, false, false, false, false);
        while i < chars.len() {
            match chars[i] {
                '-' => left = true,
                '+' => plus = true,
                ' ' => space = true,
                '#' => alt = true,
                '0' => zero = true,
                _ => break,
            }
            i += 1;
        }
        // width
        let mut width: usize = 0;
        if i < chars.len() && chars[i] == '*' {
            let w = next_arg(&mut argi)?;
            let Value::Int(w) = w else {
                return Err(exc::type_error("* wants int"));
            };
            if w < 0 {
                left = true;
            }
            width = w.unsigned_abs() as usize;
            i += 1;
        } else {
            while i < chars.len() && chars[i].is_ascii_digit() {
                width = width
                    .saturating_mul(10)
                    .saturating_add(chars[i] as usize - '0' as usize);
                i += 1;
            }
        }
        // precision
        let mut prec: Option<usize> = None;
        if i < chars.len() && chars[i] == '.' {
            i += 1;
            if i < chars.len() && chars[i] == '*' {
                let p = next_arg(&mut argi)?;
                let Value::Int(p) = p else {
                    return Err(exc::type_error("* wants int"));
                };
                prec = Some(p.max(0) as usize);
                i += 1;
            } else {
                let mut p = 0usize;
                while i < chars.len() && chars[i].is_ascii_digit() {
                    p = p
                        .saturating_mul(10)
                        .saturating_add(chars[i] as usize - '0' as usize);
                    i += 1;
                }
                prec = Some(p);
            }
        }
        while i < chars.len() && matches!(chars[i], 'h' | 'l' | 'L') {
            i += 1;
        }
        if i >= chars.len() {
            return Err(exc::value_error("incomplete format"));
        }
        let conv = chars[i];
        let conv_index = i;
        i += 1;
        if conv == '%' {
            out.push('%');
            continue;
        }
        let arg = match keyed.take() {
            Some(v) => v,
            None => next_arg(&mut argi)?,
        };
        let (sign_prefix, body, numeric): (String, String, bool) = match conv {
            's' | 'r' | 'a' => {
                let mut s = match conv {
                    's' => vm.to_str(&arg)?,
                    'r' => vm.repr(&arg)?,
                    _ => crate::vm::eval::ascii_escape(&vm.repr(&arg)?),
                };
                if let Some(p) = prec
                    && s.chars().count() > p
                {
                    s = s.chars().take(p).collect();
                }
                (String::new(), s, false)
            }
            'c' => {
                let ch = match &arg {
                    Value::Str(s) if s.char_len() == 1 => s.as_str().to_string(),
                    Value::Int(_) | Value::Bool(_) | Value::BigInt(_) => {
                        let b = to_bigint(&arg).unwrap_or_default();
                        match b.to_u32().filter(|&n| n < 0x110000) {
                            Some(n) => char::from_u32(n).unwrap_or('\u{fffd}').to_string(),
                            None => {
                                return Err(exc::overflow_error("%c arg not in range(0x110000)"));
                            }
                        }
                    }
                    _ => return Err(exc::type_error("%c requires int or char")),
                };
                (String::new(), ch, false)
            }
            'd' | 'i' | 'u' | 'x' | 'X' | 'o' => {
                let n = percent_int(vm, &arg, conv)?;
                let mut digits = match conv {
                    'x' => n.magnitude().to_str_radix(16),
                    'X' => n.magnitude().to_str_radix(16).to_uppercase(),
                    'o' => n.magnitude().to_str_radix(8),
                    _ => {
                        let s = bigint_to_string(&n)?;
                        s.trim_start_matches('-').to_string()
                    }
                };
                if let Some(p) = prec
                    && digits.len() < p
                {
                    digits = "0".repeat(p - digits.len()) + &digits;
                }
                let mut pre = sign_of(n.is_negative(), plus, space);
                if alt {
                    match conv {
                        'x' => pre.push_str("0x"),
                        'X' => pre.push_str("0X"),
                        'o' => pre.push_str("0o"),
                        _ => {}
                    }
                }
                (pre, digits, true)
            }
            'e' | 'E' | 'f' | 'F' | 'g' | 'G' => {
                let x = match to_f64(&arg) {
                    Some(r) => r?,
                    None => match &arg {
                        Value::Instance(_) | Value::Native(_) => {
                            match vm.call_special(&arg, "__float__", &[])? {
                                Some(Value::Float(f)) => f,
                                _ => {
                                    return Err(exc::type_error(format!(
                                        "must be real number, not {}",
                                        arg.type_name()
                                    )));
                                }
                            }
                        }
                        _ => {
                            return Err(exc::type_error(format!(
                                "must be real number, not {}",
                                arg.type_name()
                            )));
                        }
                    },
                };
                let spec = format!(
                    "{}.{}{}",
                    if alt { "#" } else { "" },
                    prec.unwrap_or(6),
                    conv
                );
                let s = ff::format_float(x.abs(), &spec).map_err(format_error)?;
                let neg = x.is_sign_negative() && !x.is_nan();
                (sign_of(neg, plus, space), s, x.is_finite())
            }
            other => {
                return Err(exc::value_error(format!(
                    "unsupported format character '{}' (0x{:x}) at index {}",
                    other, other as u32, conv_index
                )));
            }
        };
        let len = sign_prefix.chars().count() + body.chars().count();
        if len >= width {
            out.push_str(&sign_prefix);
            out.push_str(&body);
        } else if left {
            out.push_str(&sign_prefix);
            out.push_str(&body);
            out.extend(std::iter::repeat_n(' ', width - len));
        } else if zero && numeric {
            out.push_str(&sign_prefix);
            out.extend(std::iter::repeat_n('0', width - len));
            out.push_str(&body);
        } else {
            out.extend(std::iter::repeat_n(' ', width - len));
            out.push_str(&sign_prefix);
            out.push_str(&body);
        }
    }
    if argi < args.len() && !used_mapping && mapping.is_none() {
        return Err(exc::type_error(
            "not all arguments converted during string formatting",
        ));
    }
    Ok(out)
}

fn sign_of(neg: bool, plus: bool, space: bool) -> String {
    if neg {
        "-".into()
    } else if plus {
        "+".into()
    } else if space {
        " ".into()
    } else {
        String::new()
    }
}

/// The integer for `%d` (reals truncate) or `%x`/`%o` (integers only).
fn percent_int(vm: &mut Vm, arg: &Value, conv: char) -> PyResult<BigInt> {
    if let Some(b) = to_bigint(arg) {
        return Ok(b);
    }
    let decimal = matches!(conv, 'd' | 'i' | 'u');
    match arg {
        Value::Float(f) if decimal => Ok(to_bigint(&float_to_int(*f)?).unwrap_or_default()),
        Value::Instance(_) | Value::Native(_) => {
            if decimal {
                let has_int = ["__int__", "__index__", "__trunc__"]
                    .iter()
                    .any(|m| vm.lookup_special(arg, m).is_some());
                if has_int {
                    let v = int_from_value(vm, arg)?;
                    return Ok(to_bigint(&v).unwrap_or_default());
                }
            } else if vm.lookup_special(arg, "__index__").is_some() {
                return index_bigint(vm, arg);
            }
            Err(percent_type_error(arg, conv, decimal))
        }
        _ => Err(percent_type_error(arg, conv, decimal)),
    }
}

#[cold]
fn percent_type_error(arg: &Value, conv: char, decimal: bool) -> PyErr {
    exc::type_error(if decimal {
        format!(
            "%{} format: a real number is required, not {}",
            conv,
            arg.type_name()
        )
    } else {
        format!(
            "%{} format: an integer is required, not {}",
            conv,
            arg.type_name()
        )
    })
}

// ----- sorting -------------------------------------------------------------------------------

/// A stable sort by `vm.lt` (or by `key(item)`), as `list.sort` and `sorted`: the first error
/// stops the sort and is returned; `reverse` keeps equal items in their original order.
pub fn sort_values(
    vm: &mut Vm,
    items: &mut Vec<Value>,
    key: Option<&Value>,
    reverse: bool,
) -> PyResult<()> {
    if items.len() < 2 && key.is_none() {
        return Ok(());
    }
    let keys: Vec<Value> = match key {
        Some(f) => {
            let mut ks = Vec::with_capacity(items.len());
            for it in items.iter() {
                ks.push(vm.call1(f, it.clone())?);
            }
            ks
        }
        None => items.clone(),
    };
    let mut pairs: Vec<(Value, Value)> = keys.into_iter().zip(items.drain(..)).collect();
    if reverse {
        pairs.reverse();
    }
    let r = sort_pairs(vm, &mut pairs);
    if reverse {
        pairs.reverse();
    }
    items.extend(pairs.into_iter().map(|(_, v)| v));
    r
}

fn sort_pairs(vm: &mut Vm, pairs: &mut Vec<(Value, Value)>) -> PyResult<()> {
    // Fast paths: keys all ints, or all strings (no user code can run).
    if pairs.iter().all(|(k, _)| matches!(k, Value::Int(_))) {
        pairs.sort_by_key(|(k, _)| match k {
            Value::Int(i) => *i,
            _ => 0,
        });
        return Ok(());
    }
    if pairs.iter().all(|(k, _)| matches!(k, Value::Str(_))) {
        pairs.sort_by(|(a, _), (b, _)| a.as_str().cmp(&b.as_str()));
        return Ok(());
    }
    if pairs
        .iter()
        .all(|(k, _)| matches!(k, Value::Float(x) if !x.is_nan()))
    {
        pairs.sort_by(|(a, _), (b, _)| match (a, b) {
            (Value::Float(x), Value::Float(y)) => {
                x.partial_cmp(y).unwrap_or(std::cmp::Ordering::Equal)
            }
            _ => std::cmp::Ordering::Equal,
        });
        return Ok(());
    }
    merge_sort(vm, pairs)
}

/// Top-down merge sort with binary insertion sort for short runs; stable, and it stops at the
/// first comparison that raises.
fn merge_sort(vm: &mut Vm, v: &mut Vec<(Value, Value)>) -> PyResult<()> {
    let n = v.len();
    if n < 2 {
        return Ok(());
    }
    if n <= 16 {
        for i in 1..n {
            // Find the insertion point: after every element <= v[i].
            let (mut lo, mut hi) = (0, i);
            while lo < hi {
                let mid = (lo + hi) / 2;
                if vm.lt(&v[i].0, &v[mid].0)? {
                    hi = mid;
                } else {
                    lo = mid + 1;
                }
            }
            let item = v.remove(i);
            v.insert(lo, item);
        }
        return Ok(());
    }
    let mut right = v.split_off(n / 2);
    let r1 = merge_sort(vm, v);
    let r2 = if r1.is_ok() {
        merge_sort(vm, &mut right)
    } else {
        Ok(())
    };
    let left = std::mem::take(v);
    if let Err(e) = r1.and(r2) {
        v.extend(left);
        v.extend(right);
        return Err(e);
    }
    let mut out = Vec::with_capacity(n);
    let mut li = left.into_iter().peekable();
    let mut ri = right.into_iter().peekable();
    let mut err = None;
    while let (Some(l), Some(r)) = (li.peek(), ri.peek()) {
        // Take from the right only when it is strictly less (stability).
        match vm.lt(&r.0, &l.0) {
            Ok(true) => out.extend(ri.next()),
            Ok(false) => out.extend(li.next()),
            Err(e) => {
                err = Some(e);
                break;
            }
        }
    }
    out.extend(li);
    out.extend(ri);
    *v = out;
    match err {
        Some(e) => Err(e),
        None => Ok(()),
    }
}

// ----- tests ---------------------------------------------------------------------------------

#[cfg(test)]
mod tests {
    use super::*;

    fn new_vm() -> Vm {
        crate::vm::test_vm()
    }

    fn s(text: &str) -> Value {
        Value::str(text)
    }

    fn b(vm: &Vm, name: &str) -> Value {
        vm.interp.builtins.get_str(name).expect(name)
    }

    fn call(vm: &mut Vm, name: &str, args: &[Value]) -> PyResult<Value> {
        let f = b(vm, name);
        vm.call(&f, args, &[])
    }

    fn call_kw(vm: &mut Vm, name: &str, args: &[Value], kw: &[(&str, Value)]) -> PyResult<Value> {
        let f = b(vm, name);
        let kw: Vec<(Arc<str>, Value)> =
            kw.iter().map(|(k, v)| (Arc::from(*k), v.clone())).collect();
        vm.call(&f, args, &kw)
    }

    fn ok(vm: &mut Vm, name: &str, args: &[Value]) -> String {
        let r = call(vm, name, args).unwrap();
        vm.repr(&r).unwrap()
    }

    fn err(vm: &mut Vm, name: &str, args: &[Value]) -> String {
        let e = call(vm, name, args).unwrap_err();
        let msg = e
            .args()
            .first()
            .map(|a| vm.to_str(a).unwrap())
            .unwrap_or_default();
        format!("{}: {}", e.class().name, msg)
    }

    #[test]
    fn int_and_float_constructors() {
        let vm = &mut new_vm();
        assert_eq!(ok(vm, "int", &[s(" 42 ")]), "42");
        assert_eq!(ok(vm, "int", &[s("1_000")]), "1000");
        assert_eq!(ok(vm, "int", &[Value::Float(-3.9)]), "-3");
        assert_eq!(ok(vm, "int", &[s("0b101"), Value::Int(0)]), "5");
        assert_eq!(ok(vm, "int", &[s("  -0x_f  "), Value::Int(16)]), "-15");
        assert_eq!(ok(vm, "int", &[s("z"), Value::Int(36)]), "35");
        assert_eq!(
            err(vm, "int", &[s("abc")]),
            "ValueError: invalid literal for int() with base 10: 'abc'"
        );
        assert_eq!(
            err(vm, "int", &[s("010"), Value::Int(0)]),
            "ValueError: invalid literal for int() with base 0: '010'"
        );
        assert_eq!(
            err(vm, "int", &[Value::list(vec![])]),
            "TypeError: int() argument must be a string, a bytes-like object or a real number, not 'list'"
        );
        assert_eq!(ok(vm, "float", &[s(" -1_0.5 ")]), "-10.5");
        assert_eq!(ok(vm, "float", &[s("-iNF")]), "-inf");
        assert_eq!(ok(vm, "float", &[s("nan")]), "nan");
        assert_eq!(
            err(vm, "float", &[s("x")]),
            "ValueError: could not convert string to float: 'x'"
        );
        assert_eq!(
            err(vm, "int", &[Value::Float(f64::INFINITY)]),
            "OverflowError: cannot convert float infinity to integer"
        );
    }

    #[test]
    fn containers() {
        let vm = &mut new_vm();
        let pairs = Value::list(vec![Value::tuple(vec![Value::Int(1), Value::Int(2)])]);
        let r = call_kw(vm, "dict", &[pairs], &[("b", Value::Int(3))]).unwrap();
        assert_eq!(vm.repr(&r).unwrap(), "{1: 2, 'b': 3}");
        assert_eq!(
            err(vm, "dict", &[Value::list(vec![Value::Int(1)])]),
            "TypeError: cannot convert dictionary update sequence element #0 to a sequence"
        );
        assert_eq!(ok(vm, "list", &[s("ab")]), "['a', 'b']");
        assert_eq!(ok(vm, "tuple", &[]), "()");
        assert_eq!(ok(vm, "frozenset", &[]), "frozenset()");
        assert_eq!(
            ok(vm, "range", &[Value::Int(1), Value::Int(5), Value::Int(2)]),
            "range(1, 5, 2)"
        );
        assert_eq!(
            err(vm, "range", &[Value::Int(1), Value::Int(2), Value::Int(0)]),
            "ValueError: range() arg 3 must not be zero"
        );
        let r = call(
            vm,
            "reversed",
            &[Value::Range(Arc::new(RangeObj {
                start: 0,
                stop: 10,
                step: 3,
            }))],
        )
        .unwrap();
        let l = call(vm, "list", &[r]).unwrap();
        assert_eq!(vm.repr(&l).unwrap(), "[9, 6, 3, 0]");
    }

    #[test]
    fn functions() {
        let vm = &mut new_vm();
        let l = Value::list(vec![Value::Int(3), Value::Int(1), Value::Int(2)]);
        assert_eq!(ok(vm, "sorted", std::slice::from_ref(&l)), "[1, 2, 3]");
        assert_eq!(ok(vm, "max", std::slice::from_ref(&l)), "3");
        assert_eq!(ok(vm, "min", &[Value::Int(4), Value::Int(2)]), "2");
        assert_eq!(
            err(vm, "max", &[Value::list(vec![])]),
            "ValueError: max() arg is an empty sequence"
        );
        assert_eq!(ok(vm, "sum", &[l.clone(), Value::Int(10)]), "16");
        assert_eq!(ok(vm, "round", &[Value::Float(2.5)]), "2");
        assert_eq!(ok(vm, "round", &[Value::Int(1250), Value::Int(-2)]), "1200");
        assert_eq!(
            ok(vm, "round", &[Value::Int(-1350), Value::Int(-2)]),
            "-1400"
        );
        assert_eq!(
            ok(vm, "pow", &[Value::Int(3), Value::Int(-1), Value::Int(-7)]),
            "-2"
        );
        assert_eq!(
            ok(vm, "pow", &[Value::Int(-3), Value::Int(3), Value::Int(7)]),
            "1"
        );
        assert_eq!(
            ok(vm, "divmod", &[Value::Int(7), Value::Int(-2)]),
            "(-4, -1)"
        );
        assert_eq!(
            ok(vm, "divmod", &[Value::Float(-7.5), Value::Int(2)]),
            "(-4.0, 0.5)"
        );
        assert_eq!(ok(vm, "hex", &[Value::Int(-255)]), "'-0xff'");
        assert_eq!(ok(vm, "bin", &[Value::Int(5)]), "'0b101'");
        assert_eq!(ok(vm, "chr", &[Value::Int(65)]), "'A'");
        assert_eq!(ok(vm, "ord", &[s("é")]), "233");
        assert_eq!(
            err(vm, "ord", &[s("ab")]),
            "TypeError: ord() expected a character, but string of length 2 found"
        );
        assert_eq!(
            err(vm, "len", &[]),
            "TypeError: len() takes exactly one argument (0 given)"
        );
        assert_eq!(
            err(vm, "getattr", &[Value::Int(1)]),
            "TypeError: getattr expected at least 2 arguments, got 1"
        );
        assert_eq!(
            err(vm, "hash", &[Value::list(vec![])]),
            "TypeError: unhashable type: 'list'"
        );
        let int = Value::Class(types().int.clone());
        assert_eq!(
            ok(vm, "isinstance", &[Value::Bool(true), int.clone()]),
            "True"
        );
        let tup = Value::tuple(vec![Value::Class(types().str.clone()), int]);
        assert_eq!(ok(vm, "isinstance", &[Value::Int(1), tup]), "True");
        assert_eq!(
            ok(vm, "getattr", &[Value::Int(1), s("nope"), Value::None]),
            "None"
        );
    }

    #[test]
    fn print_writes_everything_at_once() {
        let vm = &mut new_vm();
        let items = vec![
            Value::Int(1),
            Value::Float(2.5),
            Value::list(vec![Value::Int(1), s("a")]),
        ];
        call_kw(vm, "print", &items, &[("sep", s("|"))]).unwrap();
        call_kw(vm, "print", &[s("x")], &[("end", s(""))]).unwrap();
        assert_eq!(vm.interp.take_output(), "1|2.5|[1, 'a']\nx");
    }

    #[test]
    fn percent() {
        let vm = &mut new_vm();
        let args = Value::tuple(vec![
            s("a"),
            s("b"),
            Value::Int(-42),
            Value::Float(3.14659),
            Value::Int(255),
            Value::Int(255),
            Value::Int(8),
            Value::Int(65),
            s("q"),
            s("hello"),
        ]);
        assert_eq!(
            percent_format(vm, "%5s|%-5s|%05d|%+.2f|%x|%#x|%#o|%c|%r|%.2s", &args).unwrap(),
            "    a|b    |-0042|+3.15|ff|0xff|0o10|A|'q'|he"
        );
        assert_eq!(
            percent_format(
                vm,
                "%.3d|%% %i",
                &Value::tuple(vec![Value::Int(5), Value::Bool(true)])
            )
            .unwrap(),
            "005|% 1"
        );
        let e = percent_format(vm, "%s %s", &Value::tuple(vec![Value::Int(1)])).unwrap_err();
        assert_eq!(
            e.args()[0].as_str(),
            Some("not enough arguments for format string")
        );
        let e = percent_format(vm, "%s", &Value::tuple(vec![Value::Int(1), Value::Int(2)]))
            .unwrap_err();
        assert_eq!(
            e.args()[0].as_str(),
            Some("not all arguments converted during string formatting")
        );
        let d = Arc::new(Dict::new());
        d.set_str("a", Value::Int(1));
        assert_eq!(
            percent_format(vm, "%(a)s-%(a)03d", &Value::Dict(d)).unwrap(),
            "1-001"
        );
        let e = percent_format(vm, "%z", &Value::Int(1)).unwrap_err();
        assert_eq!(
            e.args()[0].as_str(),
            Some("unsupported format character 'z' (0x7a) at index 1")
        );
    }

    #[test]
    fn format_builtin() {
        let vm = &mut new_vm();
        assert_eq!(format_value(vm, &Value::Bool(true), "").unwrap(), "True");
        assert_eq!(format_value(vm, &Value::Bool(true), ">5").unwrap(), "    1");
        assert_eq!(format_value(vm, &Value::Int(255), "#x").unwrap(), "0xff");
        assert_eq!(
            format_value(vm, &Value::Float(1.5), ".3f").unwrap(),
            "1.500"
        );
        assert_eq!(format_value(vm, &s("ab"), "^6").unwrap(), "  ab  ");
        assert_eq!(format_value(vm, &Value::None, "").unwrap(), "None");
        let obj = object_new(vm, &[Value::Class(types().object.clone())], &[]).unwrap();
        let e = format_value(vm, &obj, "x").unwrap_err();
        assert_eq!(
            e.args()[0].as_str(),
            Some("unsupported format string passed to object.__format__")
        );
    }

    #[test]
    fn exceptions() {
        let vm = &mut new_vm();
        let ve = Value::Class(types().value_error.clone());
        let e = vm.call(&ve, &[s("x")], &[]).unwrap();
        assert_eq!(vm.repr(&e).unwrap(), "ValueError('x')");
        assert_eq!(vm.to_str(&e).unwrap(), "x");
        let e = vm.call(&ve, &[Value::Int(1), Value::Int(2)], &[]).unwrap();
        assert_eq!(vm.repr(&e).unwrap(), "ValueError(1, 2)");
        assert_eq!(vm.to_str(&e).unwrap(), "(1, 2)");
        let ke = Value::Class(types().key_error.clone());
        let e = vm.call(&ke, &[s("k")], &[]).unwrap();
        assert_eq!(vm.to_str(&e).unwrap(), "'k'");
        let si = Value::Class(types().stop_iteration.clone());
        let e = vm.call(&si, &[Value::Int(5)], &[]).unwrap();
        let v = vm.getattr(&e, "value").unwrap();
        assert_eq!(vm.repr(&v).unwrap(), "5");
    }

    #[test]
    fn sorting_is_stable_and_reports_errors() {
        let vm = &mut new_vm();
        let mut items: Vec<Value> = (0..40)
            .map(|i| Value::tuple(vec![Value::Int(i % 3), Value::Int(i)]))
            .collect();
        let key = b(vm, "len");
        sort_values(vm, &mut items, Some(&key), true).unwrap();
        assert!(matches!(&items[0], Value::Tuple(t) if matches!(t.0[1], Value::Int(0))));
        let mut mixed: Vec<Value> = (0..30)
            .map(|i| {
                if i == 17 {
                    s("x")
                } else {
                    Value::Float(i as f64)
                }
            })
            .collect();
        let e = sort_values(vm, &mut mixed, None, false).unwrap_err();
        assert_eq!(e.class().name, "TypeError");
        assert_eq!(mixed.len(), 30);
        let mut fl: Vec<Value> = [3.5, -1.0, 2.0].iter().map(|x| Value::Float(*x)).collect();
        sort_values(vm, &mut fl, None, true).unwrap();
        assert_eq!(vm.repr(&Value::list(fl)).unwrap(), "[3.5, 2.0, -1.0]");
    }
}
