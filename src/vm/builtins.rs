//! Built-in functions (`print`, `len`, `sorted`, `isinstance`, …).
//!
//! The constructors of the built-in types (`int("3")`, `dict(a=1)`, …) live with their type in
//! `types/`, with the argument helpers they share with these functions (`types/ctor_args.rs`);
//! `format` and `%` in `format/`. Error messages are CPython 3.11's, word for word, including
//! how each function words its argument-count errors.

use std::sync::Arc;

use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{One, Signed, ToPrimitive, Zero};

use crate::bytecode::BinaryOp;
use crate::vm::Vm;
use crate::vm::args::one_arg as one;
use crate::vm::format as ff;
use crate::vm::format::value::format_value;
use crate::vm::num::{to_bigint, to_f64};
use crate::vm::object::exceptions::{self as exc, PyErr};
use crate::vm::object::registry::types;
use crate::vm::object::value::Value;
use crate::vm::object::value::{ELLIPSIS, NOT_IMPLEMENTED, is_not_implemented};
use crate::vm::object::{Class, Dict, KwArgs, NativeFn, PyResult, SeqIter};
use crate::vm::ops::float_divmod;
use crate::vm::types::ctor_args::*;
use crate::vm::types::function::*;
use crate::vm::types::int::float_to_int;
use crate::vm::types::iterators::seq_iter;
use crate::vm::types::list::sort_values;
use crate::vm::types::object::{attr_name, delattr_impl};

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
    let file = match &s[2] {
        None | Some(Value::None) => crate::vm::modules::sys::replaced_stdout(vm),
        Some(file) => Some(file.clone()),
    };
    if let Some(file @ Value::Instance(_)) = &file {
        // A Python object's `write` gets each piece, as CPython's print calls it.
        for (i, a) in args.iter().enumerate() {
            if i > 0 {
                vm.call_method(file, "write", &[Value::str(&sep)])?;
            }
            let text = match a {
                Value::Str(_) => a.clone(),
                other => Value::string(vm.to_str(other)?),
            };
            vm.call_method(file, "write", &[text])?;
        }
        vm.call_method(file, "write", &[Value::str(&end)])?;
        if flush {
            vm.call_method(file, "flush", &[])?;
        }
        return Ok(Value::None);
    }
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
    match &file {
        None => {
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
    Ok(Value::string(crate::vm::types::str::ascii_escape(&r)))
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
        _ => return vm.unary_special(x, "__abs__", "abs()"),
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
                // CPython's `min_max` asks `item > best` for max, `item < best` for min.
                let better = if want_max {
                    vm.gt(&k, bk)?
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
    crate::vm::types::ctor_args::at_most(args.len(), kw.len(), 2, "sum")?;
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
    // The keywords go to list.sort, as in CPython.
    crate::vm::types::ctor_args::at_most(0, kw.len(), 2, "sort")?;
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

/// Whether `test` holds for a class of `classinfo` (a class, a special form standing for
/// one, or a nested tuple of these, tried in order until one holds); `None` when `classinfo`
/// is none of these (found lazily, as CPython does).
fn any_class_of(classinfo: &Value, test: &mut dyn FnMut(&Arc<Class>) -> bool) -> Option<bool> {
    match classinfo {
        Value::Class(c) => Some(test(c)),
        Value::Native(_) => {
            if let Some(members) = crate::vm::modules::typing::union_args(classinfo) {
                return any_class_of(&Value::tuple(members), test);
            }
            let k = crate::vm::modules::typing::special_form_class(classinfo)?;
            Some(test(&k))
        }
        Value::Tuple(t) => {
            for c in &t.0 {
                if any_class_of(c, test)? {
                    return Some(true);
                }
            }
            Some(false)
        }
        _ => None,
    }
}

/// `isinstance()` and `issubclass()` decided by the second argument's `hook`
/// (`__instancecheck__` or `__subclasscheck__`), when it has one.
fn by_check_hook(vm: &mut Vm, a: &[Value], hook: &str) -> PyResult<Option<Value>> {
    if let Value::Instance(_) | Value::Native(_) | Value::Class(_) = &a[1]
        && let Some(r) = vm.call_special(&a[1], hook, &[a[0].clone()])?
    {
        return Ok(Some(Value::Bool(vm.truthy(&r)?)));
    }
    Ok(None)
}

fn bi_isinstance(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let a = clinic(args, kw, "isinstance", 2, 2)?;
    if let Some(r) = by_check_hook(vm, a, "__instancecheck__")? {
        return Ok(r);
    }
    let v = &a[0];
    let found = any_class_of(&a[1], &mut |c| {
        if crate::vm::modules::typing::is_abc(c) {
            crate::vm::modules::typing::abc_subclass(&crate::vm::object::registry::type_of(v), c)
        } else {
            vm.isinstance(v, c)
        }
    });
    match found {
        Some(b) => Ok(Value::Bool(b)),
        None if crate::vm::modules::typing::is_parameterized(&a[1]) => Err(exc::type_error(
            "isinstance() argument 2 cannot be a parameterized generic",
        )),
        None => Err(exc::type_error(
            "isinstance() arg 2 must be a type, a tuple of types, or a union",
        )),
    }
}

fn bi_issubclass(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let a = clinic(args, kw, "issubclass", 2, 2)?;
    if let Some(r) = by_check_hook(vm, a, "__subclasscheck__")? {
        return Ok(r);
    }
    let Value::Class(c) = &a[0] else {
        return Err(exc::type_error("issubclass() arg 1 must be a class"));
    };
    let found = any_class_of(&a[1], &mut |k| {
        if crate::vm::modules::typing::is_abc(k) {
            crate::vm::modules::typing::abc_subclass(c, k)
        } else {
            c.is_subclass_of(k)
        }
    });
    match found {
        Some(b) => Ok(Value::Bool(b)),
        None if crate::vm::modules::typing::is_parameterized(&a[1]) => Err(exc::type_error(
            "issubclass() argument 2 cannot be a parameterized generic",
        )),
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
            if !f.is_callable() {
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

/// `aiter(async_iterable)`: `type(x).__aiter__(x)`.
fn bi_aiter(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let a = clinic(args, kw, "aiter", 1, 1)?;
    let Some(m) = vm.lookup_special(&a[0], "__aiter__") else {
        return Err(exc::type_error(format!(
            "'{}' object is not an async iterable",
            a[0].type_name()
        )));
    };
    let it = vm.call(&m, std::slice::from_ref(&a[0]), &[])?;
    if vm.lookup_special(&it, "__anext__").is_none() {
        return Err(exc::type_error(format!(
            "aiter() returned not an async iterator of type '{}'",
            it.type_name()
        )));
    }
    Ok(it)
}

/// `anext(async_iterator[, default])`: the awaitable of `type(x).__anext__(x)` (that gives
/// `default` at the end).
fn bi_anext(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let a = clinic(args, kw, "anext", 1, 2)?;
    let Some(m) = vm.lookup_special(&a[0], "__anext__") else {
        return Err(exc::type_error(format!(
            "'{}' object is not an async iterator",
            a[0].type_name()
        )));
    };
    let aw = vm.call(&m, std::slice::from_ref(&a[0]), &[])?;
    match a.get(1) {
        Some(default) => crate::vm::generator::anext_with_default(vm, aw, default.clone()),
        None => Ok(aw),
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
                // A subclass of int or float rounds the value it carries.
                None if !x.builtin_base().is(&x) => {
                    let mut all = vec![x.builtin_base().clone()];
                    all.extend(extra);
                    bi_round(vm, &all, &[])
                }
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
    if let Some(r) = vm.call_binary_dunders(x, y, "__divmod__", "__rdivmod__")? {
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
                if let Value::Instance(_) | Value::Native(_) = &base
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
    match x.str_base() {
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
        other => match crate::vm::types::bytes::bytes_like(other) {
            Some(b) if b.len() == 1 => Ok(Value::Int(b[0] as i64)),
            Some(b) => Err(exc::type_error(format!(
                "ord() expected a character, but string of length {} found",
                b.len()
            ))),
            None => Err(exc::type_error(format!(
                "ord() expected string of length 1, but {} found",
                other.type_name()
            ))),
        },
    }
}

fn bi_callable(_vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let x = one(args, kw, "callable")?;
    Ok(Value::Bool(x.is_callable()))
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

/// `eval(source, globals=None, locals=None)` and `exec(...)`: compiles `source` as `<string>`
/// and runs it. Without `globals`, in the caller's globals and locals: a direct call
/// `eval(src)` is answered by the eval loop (`Vm::frame_builtin`), which gives a function's
/// locals as a snapshot dict, as CPython 3.11's `locals()` does; an indirect call (through
/// `map`, say) reaches here and runs in the caller's globals only.
fn eval_or_exec(vm: &mut Vm, args: &[Value], kw: &KwArgs, name: &str) -> PyResult<Value> {
    let a = crate::vm::args::bind_args(args, kw, name, &["source", "globals", "locals"], 1, 3, 0)?;
    let mut a = a.into_iter();
    let source = a.next().flatten().unwrap_or(Value::None);
    let globals = a.next().flatten().filter(|g| !g.is_none());
    let locals = a.next().flatten().filter(|l| !l.is_none());
    // CPython's PyMapping_Check: the type can be subscripted.
    fn subscriptable(vm: &Vm, v: &Value) -> bool {
        match v {
            Value::List(_) | Value::Tuple(_) | Value::Str(_) | Value::Dict(_) => true,
            other => vm.lookup_special(other, "__getitem__").is_some(),
        }
    }
    let given = globals.is_some();
    let globals = match globals {
        Some(Value::Dict(d)) => d,
        Some(g) => {
            return Err(exc::type_error(if name == "exec" {
                format!("exec() globals must be a dict, not {}", g.type_name())
            } else if subscriptable(vm, &g) {
                "globals must be a real dict; try eval(expr, {}, mapping)".to_string()
            } else {
                "globals must be a dict".to_string()
            }));
        }
        None => {
            let caller = vm.frames.top_object();
            match caller.as_ref().and_then(crate::vm::frame::FrameObject::of) {
                Some(f) => f.globals.clone(),
                None => return Err(exc::system_error(format!("{name}(): no calling frame"))),
            }
        }
    };
    let locals = match locals {
        Some(Value::Dict(d)) => Some(d),
        Some(l) if name == "exec" && !subscriptable(vm, &l) => {
            return Err(exc::type_error(format!(
                "locals must be a mapping or None, not {}",
                l.type_name()
            )));
        }
        Some(l) if !subscriptable(vm, &l) => {
            return Err(exc::type_error("locals must be a mapping"));
        }
        Some(l) => {
            return Err(exc::type_error(format!(
                "gilvm's {name}() takes a dict as locals, not {}",
                l.type_name()
            )));
        }
        None => None,
    };
    if given {
        // CPython puts the current built-ins into globals that have none, so the code can
        // call them; globals that bring their own (`{"__builtins__": {}}`) restrict them.
        match globals.get_str("__builtins__") {
            None => globals.set_str("__builtins__", Value::Dict(vm.interp.builtins.clone())),
            // A module's own globals (`exec(src, globals())`) hold the interpreter's.
            Some(Value::Dict(d)) if Arc::ptr_eq(&d, &vm.interp.builtins) => {}
            Some(Value::Module(m)) if Arc::ptr_eq(&m.dict, &vm.interp.builtins) => {}
            Some(_) => vm.interp.note_builtins_override(),
        }
    }
    let locals = locals.unwrap_or_else(|| globals.clone());
    run_string(vm, name, &source, globals, locals)
}

/// Runs `source` (a str, compiled here as `<string>`, or a code object from `compile`) for
/// `eval` or `exec` (`name`) in `globals` and `locals`: `eval` returns the value, `exec` None.
pub(crate) fn run_string(
    vm: &mut Vm,
    name: &str,
    source: &Value,
    globals: Arc<crate::vm::object::Dict>,
    locals: Arc<crate::vm::object::Dict>,
) -> PyResult<Value> {
    let code = match source {
        Value::Code(code) => code.clone(),
        Value::Str(text) => {
            let mode = if name == "eval" {
                crate::compiler::Mode::Eval
            } else {
                crate::compiler::Mode::Exec
            };
            compile_text(text.as_str(), "<string>", mode)?
        }
        _ => {
            return Err(exc::type_error(format!(
                "{name}() arg 1 must be a string, bytes or code object"
            )));
        }
    };
    let mut frame = crate::vm::frame::Frame::new(code, globals, Some(locals), &[]);
    vm.enter_call()?;
    let r = vm.run_frame(&mut frame);
    vm.leave_call();
    let r = r?;
    Ok(if name == "eval" { r } else { Value::None })
}

/// Compiles the text of `eval` (`Mode::Eval`) or `exec`, as the file `filename`.
fn compile_text(
    text: &str,
    filename: &str,
    mode: crate::compiler::Mode,
) -> PyResult<Arc<crate::vm::object::code::Code>> {
    use crate::compiler::Mode;
    let src = if mode == Mode::Eval {
        // eval() ignores leading spaces and tabs, as CPython's does.
        crate::source::SourceFile::new(filename, text.trim_start_matches([' ', '\t']))
    } else if text.ends_with('\n') {
        crate::source::SourceFile::new(filename, text)
    } else {
        // exec() source ends with a newline, as CPython's tokenizer adds one.
        crate::source::SourceFile::new(filename, format!("{text}\n"))
    };
    let code = if mode == Mode::Eval {
        crate::compiler::compile_eval(&src)
    } else {
        crate::compiler::compile_source(&src, mode)
    }
    .map_err(|e| exc::compile_error(&e, &src))?;
    // Not registered as a source: a traceback shows no line for `<string>`, as CPython's.
    Ok(crate::vm::object::code::Code::new(code))
}

/// `compile(source, filename, mode, flags=0, dont_inherit=False, optimize=-1)`: a code object
/// for `exec` or `eval` (`flags` and `optimize` are accepted and not used).
fn bi_compile(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    use crate::compiler::Mode;
    let params = [
        "source",
        "filename",
        "mode",
        "flags",
        "dont_inherit",
        "optimize",
    ];
    let a = crate::vm::args::bind_args(args, kw, "compile", &params, 3, 6, 0)?;
    let source = a[0].clone().unwrap_or(Value::None);
    let filename = match &a[1] {
        Some(Value::Str(f)) => f.as_str().to_string(),
        Some(other) => {
            return Err(exc::type_error(format!(
                "expected str, bytes or os.PathLike object, not {}",
                other.type_name()
            )));
        }
        None => {
            return Err(exc::type_error(
                "compile() missing required argument 'filename'",
            ));
        }
    };
    let mode = match &a[2] {
        Some(Value::Str(m)) => match m.as_str() {
            "exec" => Mode::Exec,
            "eval" => Mode::Eval,
            "single" => Mode::Interactive,
            _ => None.ok_or_else(|| {
                exc::value_error("compile() mode must be 'exec', 'eval' or 'single'")
            })?,
        },
        Some(other) => {
            return Err(exc::type_error(format!(
                "compile() argument 'mode' must be str, not {}",
                other.type_name()
            )));
        }
        None => {
            return Err(exc::type_error(
                "compile() missing required argument 'mode'",
            ));
        }
    };
    let Value::Str(text) = &source else {
        return Err(exc::type_error(
            "compile() arg 1 must be a string, bytes or AST object",
        ));
    };
    let _ = vm;
    Ok(Value::Code(compile_text(text.as_str(), &filename, mode)?))
}

/// `__import__(name, globals=None, locals=None, fromlist=(), level=0)`: what an `import`
/// statement does; for a dotted name with no `fromlist`, the top-level module.
fn bi_import(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let params = ["name", "globals", "locals", "fromlist", "level"];
    let a = crate::vm::args::bind_args(args, kw, "__import__", &params, 1, 5, 0)?;
    let Some(Value::Str(name)) = &a[0] else {
        return Err(exc::type_error("module name must be a string"));
    };
    let level = match &a[4] {
        None => 0,
        Some(v) => vm.to_index(v)?,
    };
    if level < 0 {
        return Err(exc::value_error("level must be >= 0"));
    }
    if level > 0 {
        return Err(exc::import_error(
            "attempted relative import with no known parent package",
        ));
    }
    if name.as_str().is_empty() {
        return Err(exc::value_error("Empty module name"));
    }
    let module = crate::vm::modules::import(vm, name.as_str())?;
    let fromlist = match &a[3] {
        None => false,
        Some(v) => vm.truthy(v)?,
    };
    if !fromlist && let Some((top, _)) = name.as_str().split_once('.') {
        return crate::vm::modules::import(vm, top);
    }
    Ok(module)
}

/// Whether a direct call of `f` with one argument needs the calling frame (`eval(src)` and
/// `exec(src)` run in its locals): the eval loop then answers it (`Vm::frame_builtin`).
#[inline]
pub(crate) fn reads_frame(f: crate::vm::object::NativeFn) -> bool {
    std::ptr::fn_addr_eq(f, bi_eval as crate::vm::object::NativeFn)
        || std::ptr::fn_addr_eq(f, bi_exec as crate::vm::object::NativeFn)
}

pub fn bi_eval(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    eval_or_exec(vm, args, kw, "eval")
}

pub fn bi_exec(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    eval_or_exec(vm, args, kw, "exec")
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

/// The argument of `vars(x)` and `dir(x)`: without one they read the calling frame, which
/// gilvm does not support.
fn object_arg<'a>(args: &'a [Value], kw: &KwArgs, name: &str) -> PyResult<&'a Value> {
    let a = clinic(args, kw, name, 0, 1)?;
    a.first().ok_or_else(|| {
        exc::system_error(format!(
            "{name}() without arguments is not supported by gilvm"
        ))
    })
}

pub fn bi_vars(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let x = object_arg(args, kw, "vars")?;
    match x {
        Value::Module(m) => Ok(Value::Dict(m.dict.clone())),
        _ => match vm.getattr_opt(x, "__dict__")? {
            Some(d) => Ok(d),
            None => Err(exc::type_error(
                "vars() argument must have __dict__ attribute",
            )),
        },
    }
}

pub fn bi_dir(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let x = object_arg(args, kw, "dir")?;
    vm.dir(x)
}

fn bi_input(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let a = clinic(args, kw, "input", 0, 1)?;
    if let Some(p) = a.first() {
        let text = vm.to_str(p)?;
        vm.write_stdout(&text)?;
    }
    vm.flush_stdout()?;
    // The reader `sys.stdin` shares, so that text `sys.stdin.read(n)` read ahead comes next.
    let mut line = crate::vm::modules::sys::read_line(vm)?;
    if line.is_empty() {
        return Err(PyErr::new(&types().eof_error, "EOF when reading a line"));
    }
    if line.ends_with('\n') {
        line.pop();
    }
    Ok(Value::string(line))
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
/// `builtins.__doc__`, CPython 3.11's.
const BUILTINS_DOC: &str = "Built-in functions, types, exceptions, and other objects.\n\nThis module provides direct access to all 'built-in'\nidentifiers of Python; for example, builtins.len is\nthe full name for the built-in function len().\n\nThis module is not normally accessed explicitly by most\napplications, but can be useful in modules that provide\nobjects with the same name as a built-in value, but in\nwhich the built-in of that name is also needed.";

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
        ("aiter", bi_aiter),
        ("anext", bi_anext),
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
        ("eval", bi_eval),
        ("compile", bi_compile),
        ("__import__", bi_import),
        ("exec", bi_exec),
        ("locals", bi_locals),
        ("input", bi_input),
        ("open", crate::vm::modules::os::open),
        ("exit", bi_exit),
        ("quit", bi_exit),
    ];
    for (name, f) in funcs {
        b.set_interned(name, builtin(name, *f));
    }
    let others = [
        &t.range,
        &t.bytes,
        &t.bytearray,
        &t.memoryview,
        &t.slice,
        &t.enumerate,
        &t.zip,
        &t.map,
        &t.filter,
        &t.reversed,
        &t.super_,
        &t.complex,
    ];
    for cls in [&t.object, &t.type_]
        .into_iter()
        .chain(t.value_types())
        .chain(others)
    {
        b.set_interned(&cls.name, Value::Class(cls.clone()));
    }
    for cls in t.exception_classes() {
        b.set_interned(&cls.name, Value::Class(cls.clone()));
    }
    // Aliases of OSError, as in CPython 3.3+.
    for alias in ["EnvironmentError", "IOError"] {
        b.set_interned(alias, Value::Class(t.os_error.clone()));
    }
    for cls in [&*PROPERTY_CLASS, &*STATICMETHOD_CLASS, &*CLASSMETHOD_CLASS] {
        b.set_interned(&cls.name, Value::Class(cls.clone()));
    }
    b.set_interned("NotImplemented", NOT_IMPLEMENTED.clone());
    b.set_interned("Ellipsis", ELLIPSIS.clone());
    b.set_interned("__name__", Value::str("builtins"));
    b.set_interned("__doc__", Value::str(BUILTINS_DOC));
}

// ----- tests ---------------------------------------------------------------------------------

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vm::format::percent::percent_format;
    use crate::vm::object::RangeObj;
    use crate::vm::types::object::object_new;

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
        assert_eq!(e.message(), "not enough arguments for format string");
        let e = percent_format(vm, "%s", &Value::tuple(vec![Value::Int(1), Value::Int(2)]))
            .unwrap_err();
        assert_eq!(
            e.message(),
            "not all arguments converted during string formatting"
        );
        let d = Arc::new(Dict::new());
        d.set_str("a", Value::Int(1));
        assert_eq!(
            percent_format(vm, "%(a)s-%(a)03d", &Value::Dict(d)).unwrap(),
            "1-001"
        );
        let e = percent_format(vm, "%z", &Value::Int(1)).unwrap_err();
        assert_eq!(
            e.message(),
            "unsupported format character 'z' (0x7a) at index 1"
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
            e.message(),
            "unsupported format string passed to object.__format__"
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
