//! `_weakref`: the reference and proxy types and the functions `weakref.py` builds on (the
//! references themselves, their table and what happens when a referent goes are
//! `vm/object/weakref.rs`).
//!
//! A proxy forwards attribute reads and writes, `str()`, calls and the operators to its
//! referent, each operand that is a proxy replaced by its referent first, as CPython's
//! `weakref_proxy` does (`proxy + 1`, `1 + proxy`, `proxy < other`, `len(proxy)`, ...).

use std::sync::Arc;

use crate::bytecode::{BinaryOp, CompareOp};
use crate::vm::Vm;
use crate::vm::modules::{add_funcs, native_class_with};
use crate::vm::object::exceptions::{self as exc, PyErr};
use crate::vm::object::registry::types;
use crate::vm::object::value::{NOT_IMPLEMENTED, Value};
use crate::vm::object::weakref::{WeakRef, new_ref, refs_to};
use crate::vm::object::{KwArgs, Module, PyResult, class_static, native_object, native_self};

class_static!(REF_CLASS = native_class_with("ReferenceType", "weakref", Some(ref_new));
    "__call__" => ref_call, "__repr__" => ref_repr, "__eq__" => ref_eq, "__ne__" => ref_ne,
    "__hash__" => ref_hash,
);

class_static!(PROXY_CLASS = native_class_with("ProxyType", "weakref", None);
    "__repr__" => proxy_repr, "__str__" => proxy_str, "__call__" => proxy_call,
    "__hash__" => proxy_hash,
    "__add__" => proxy_add, "__radd__" => proxy_radd, "__iadd__" => proxy_iadd,
    "__sub__" => proxy_sub, "__rsub__" => proxy_rsub, "__isub__" => proxy_isub,
    "__mul__" => proxy_mul, "__rmul__" => proxy_rmul, "__imul__" => proxy_imul,
    "__matmul__" => proxy_matmul, "__rmatmul__" => proxy_rmatmul, "__imatmul__" => proxy_imatmul,
    "__truediv__" => proxy_truediv, "__rtruediv__" => proxy_rtruediv,
    "__itruediv__" => proxy_itruediv,
    "__floordiv__" => proxy_floordiv, "__rfloordiv__" => proxy_rfloordiv,
    "__ifloordiv__" => proxy_ifloordiv,
    "__mod__" => proxy_mod, "__rmod__" => proxy_rmod, "__imod__" => proxy_imod,
    "__pow__" => proxy_pow, "__rpow__" => proxy_rpow, "__ipow__" => proxy_ipow,
    "__lshift__" => proxy_lshift, "__rlshift__" => proxy_rlshift, "__ilshift__" => proxy_ilshift,
    "__rshift__" => proxy_rshift, "__rrshift__" => proxy_rrshift, "__irshift__" => proxy_irshift,
    "__and__" => proxy_and, "__rand__" => proxy_rand, "__iand__" => proxy_iand,
    "__xor__" => proxy_xor, "__rxor__" => proxy_rxor, "__ixor__" => proxy_ixor,
    "__or__" => proxy_or, "__ror__" => proxy_ror, "__ior__" => proxy_ior,
    "__lt__" => proxy_lt, "__le__" => proxy_le, "__eq__" => proxy_eq, "__ne__" => proxy_ne,
    "__gt__" => proxy_gt, "__ge__" => proxy_ge,
    "__neg__" => proxy_neg, "__pos__" => proxy_pos, "__abs__" => proxy_abs,
    "__invert__" => proxy_invert, "__int__" => proxy_int, "__float__" => proxy_float,
    "__index__" => proxy_index, "__bool__" => proxy_bool, "__len__" => proxy_len,
    "__iter__" => proxy_iter, "__next__" => proxy_next, "__reversed__" => proxy_reversed,
    "__bytes__" => proxy_bytes, "__contains__" => proxy_contains,
    "__getitem__" => proxy_getitem, "__setitem__" => proxy_setitem,
    "__delitem__" => proxy_delitem,
);

native_object!(
    WeakRef,
    |this| if this.proxy {
        "weakproxy"
    } else {
        "weakref.ReferenceType"
    },
    |this| if this.proxy {
        PROXY_CLASS.clone()
    } else {
        REF_CLASS.clone()
    },
    {
        fn getattr(&self, vm: &mut Vm, name: &str) -> Option<PyResult<Value>> {
            if self.proxy {
                return Some(referent(self).and_then(|o| vm.getattr(&o, name)));
            }
            match name {
                "__callback__" => Some(Ok(self.callback().unwrap_or(Value::None))),
                _ => None,
            }
        }
        fn setattr(&self, vm: &mut Vm, name: &str, value: Value) -> Option<PyResult<()>> {
            if self.proxy {
                return Some(referent(self).and_then(|o| vm.setattr(&o, name, value)));
            }
            None
        }
        fn referents(&self, f: &mut dyn FnMut(&Value)) {
            if let Some(cb) = self.callback() {
                f(&cb);
            }
        }
    }
);

pub fn build(vm: &mut Vm) -> Arc<Module> {
    let m = vm.new_module("_weakref");
    add_funcs(
        &m.dict,
        &[
            ("proxy", proxy),
            ("getweakrefcount", getweakrefcount),
            ("getweakrefs", getweakrefs),
        ],
    );
    m.dict.set_str("ref", Value::Class(REF_CLASS.clone()));
    m.dict
        .set_str("ReferenceType", Value::Class(REF_CLASS.clone()));
    m.dict
        .set_str("ProxyType", Value::Class(PROXY_CLASS.clone()));
    m.dict
        .set_str("CallableProxyType", Value::Class(PROXY_CLASS.clone()));
    m
}

#[cold]
fn cannot(type_name: String) -> PyErr {
    exc::type_error(format!(
        "cannot create weak reference to '{type_name}' object"
    ))
}

/// The arguments of `ref(obj, callback=None)` / `proxy(obj, callback=None)`, by position
/// (CPython's messages name `__new__` for `ref`).
fn target_and_callback(
    args: &[Value],
    kw: &KwArgs,
    fname: &str,
) -> PyResult<(Value, Option<Value>)> {
    if !kw.is_empty() {
        return Err(exc::type_error(format!(
            "{fname} takes no keyword arguments"
        )));
    }
    match args {
        [] => Err(exc::type_error(format!(
            "{fname} expected at least 1 argument, got 0"
        ))),
        [o] => Ok((o.clone(), None)),
        [o, cb] => Ok((o.clone(), (!cb.is_none()).then(|| cb.clone()))),
        _ => Err(exc::type_error(format!(
            "{fname} expected at most 2 arguments, got {}",
            args.len()
        ))),
    }
}

/// `weakref.ref(obj[, callback])` (`args[0]` is the class).
fn ref_new(_vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let (o, cb) = target_and_callback(args.get(1..).unwrap_or_default(), kw, "__new__")?;
    new_ref(&o, cb, false).map_err(cannot)
}

/// `weakref.proxy(obj[, callback])`.
fn proxy(_vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let (o, cb) = target_and_callback(args, kw, "proxy")?;
    new_ref(&o, cb, true).map_err(cannot)
}

fn this(args: &[Value]) -> PyResult<&WeakRef> {
    native_self::<WeakRef>(args, "weakref.ReferenceType")
}

/// `r()`: the referent, or None once it is gone.
fn ref_call(_vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let r = this(args)?;
    let n = args.len() - 1 + kw.len();
    if n != 0 {
        return Err(exc::type_error(format!(
            "weakref expected 0 arguments, got {n}"
        )));
    }
    Ok(r.get().unwrap_or(Value::None))
}

/// What `repr` shows of a referent: `to 'Node' at 0x…`, with ` (name)` if it has a `__name__`.
fn describe(vm: &mut Vm, o: &Value, quote: bool) -> String {
    let tn = o.type_name();
    let tn = if quote { format!("'{tn}'") } else { tn };
    let name = match o {
        Value::Instance(_) => None,
        _ => vm
            .getattr(o, "__name__")
            .ok()
            .and_then(|n| vm.to_str(&n).ok()),
    };
    match name {
        Some(n) if quote => format!("{tn} at {:#x} ({n})", o.id()),
        _ => format!("{tn} at {:#x}", o.id()),
    }
}

fn ref_repr(vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    let r = this(args)?;
    let me = args[0].id();
    Ok(Value::str(&match r.get() {
        Some(o) => format!("<weakref at {me:#x}; to {}>", describe(vm, &o, true)),
        None => format!("<weakref at {me:#x}; dead>"),
    }))
}

/// Two references are equal if both referents are alive and equal; otherwise only if they
/// are the same reference (CPython's `weakref_richcompare`).
fn ref_compare(vm: &mut Vm, args: &[Value]) -> PyResult<Option<bool>> {
    let a = this(args)?;
    let Some(Value::Native(n)) = args.get(1) else {
        return Ok(None);
    };
    let Some(b) = n.as_any().downcast_ref::<WeakRef>().filter(|b| !b.proxy) else {
        return Ok(None);
    };
    match (a.get(), b.get()) {
        (Some(x), Some(y)) => vm.eq(&x, &y).map(Some),
        _ => Ok(Some(args[0].is(&args[1]))),
    }
}

fn ref_eq(vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    Ok(match ref_compare(vm, args)? {
        Some(b) => Value::Bool(b),
        None => NOT_IMPLEMENTED.clone(),
    })
}

fn ref_ne(vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    Ok(match ref_compare(vm, args)? {
        Some(b) => Value::Bool(!b),
        None => NOT_IMPLEMENTED.clone(),
    })
}

/// The referent's hash, kept once computed (so a dead reference that was hashed stays
/// usable as a key); a dead one never hashed cannot be.
fn ref_hash(vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    let r = this(args)?;
    if let Some(h) = r.hash.get() {
        return Ok(Value::Int(*h));
    }
    let Some(o) = r.get() else {
        return Err(exc::type_error("weak object has gone away"));
    };
    let h = vm.hash_key(&o)?.hash;
    Ok(Value::Int(*r.hash.get_or_init(|| h)))
}

/// A proxy's referent, or ReferenceError.
fn referent(r: &WeakRef) -> PyResult<Value> {
    r.get().ok_or_else(|| {
        PyErr::new(
            &types().reference_error,
            "weakly-referenced object no longer exists",
        )
    })
}

fn proxy_self(args: &[Value]) -> PyResult<&WeakRef> {
    native_self::<WeakRef>(args, "weakproxy")
}

fn proxy_repr(vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    let r = proxy_self(args)?;
    let me = args[0].id();
    Ok(Value::str(&match r.get() {
        Some(o) => format!("<weakproxy at {me:#x} to {}>", describe(vm, &o, false)),
        None => format!("<weakproxy at {me:#x}; dead>"),
    }))
}

fn proxy_str(vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    let o = referent(proxy_self(args)?)?;
    vm.to_str_value(&o)
}

fn proxy_call(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let o = referent(proxy_self(args)?)?;
    vm.call(&o, &args[1..], kw)
}

fn proxy_hash(_vm: &mut Vm, _args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    Err(exc::type_error("unhashable type: 'weakref.ProxyType'"))
}

/// An operand with a proxy replaced by its referent (CPython's `UNWRAP`); ReferenceError for
/// a dead one.
fn unwrap(v: &Value) -> PyResult<Value> {
    if let Value::Native(n) = v
        && let Some(r) = n.as_any().downcast_ref::<WeakRef>()
        && r.proxy
    {
        return referent(r);
    }
    Ok(v.clone())
}

/// The proxy and the other operand, both unwrapped.
fn operands(args: &[Value]) -> PyResult<(Value, Value)> {
    match args {
        [a, b] => Ok((unwrap(a)?, unwrap(b)?)),
        _ => Err(exc::type_error("expected 1 argument")),
    }
}

/// `__op__`, `__rop__` and `__iop__` of a proxy: the operator on the unwrapped operands.
macro_rules! proxy_binops {
    ($($name:ident, $rname:ident, $iname:ident => $op:expr;)*) => {$(
        fn $name(vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
            let (a, b) = operands(args)?;
            vm.binary_op(&a, &b, $op)
        }
        fn $rname(vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
            let (a, b) = operands(args)?;
            vm.binary_op(&b, &a, $op)
        }
        fn $iname(vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
            let (a, b) = operands(args)?;
            vm.inplace_op(&a, &b, $op)
        }
    )*};
}

proxy_binops! {
    proxy_add, proxy_radd, proxy_iadd => BinaryOp::Add;
    proxy_sub, proxy_rsub, proxy_isub => BinaryOp::Subtract;
    proxy_mul, proxy_rmul, proxy_imul => BinaryOp::Multiply;
    proxy_matmul, proxy_rmatmul, proxy_imatmul => BinaryOp::MatrixMultiply;
    proxy_truediv, proxy_rtruediv, proxy_itruediv => BinaryOp::TrueDivide;
    proxy_floordiv, proxy_rfloordiv, proxy_ifloordiv => BinaryOp::FloorDivide;
    proxy_mod, proxy_rmod, proxy_imod => BinaryOp::Modulo;
    proxy_pow, proxy_rpow, proxy_ipow => BinaryOp::Power;
    proxy_lshift, proxy_rlshift, proxy_ilshift => BinaryOp::Lshift;
    proxy_rshift, proxy_rrshift, proxy_irshift => BinaryOp::Rshift;
    proxy_and, proxy_rand, proxy_iand => BinaryOp::And;
    proxy_xor, proxy_rxor, proxy_ixor => BinaryOp::Xor;
    proxy_or, proxy_ror, proxy_ior => BinaryOp::Or;
}

/// A proxy's rich comparisons: on the unwrapped operands.
macro_rules! proxy_compares {
    ($($name:ident => $op:expr;)*) => {$(
        fn $name(vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
            let (a, b) = operands(args)?;
            vm.compare(&a, &b, $op)
        }
    )*};
}

proxy_compares! {
    proxy_lt => CompareOp::Lt;
    proxy_le => CompareOp::Le;
    proxy_eq => CompareOp::Eq;
    proxy_ne => CompareOp::Ne;
    proxy_gt => CompareOp::Gt;
    proxy_ge => CompareOp::Ge;
}

/// The proxy's referent, for the one-operand forwards.
fn target(args: &[Value]) -> PyResult<Value> {
    referent(proxy_self(args)?)
}

fn proxy_neg(vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    vm.unary_negative(&target(args)?)
}

fn proxy_pos(vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    vm.unary_positive(&target(args)?)
}

fn proxy_invert(vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    vm.unary_invert(&target(args)?)
}

/// `abs`, `int`, `float`, `index`, `reversed`, `bytes` of a proxy: the built-in on its
/// referent.
fn forward_builtin(vm: &mut Vm, args: &[Value], name: &str) -> PyResult<Value> {
    let o = target(args)?;
    let f = vm
        .interp
        .builtins
        .get_str(name)
        .ok_or_else(|| exc::system_error(format!("gilvm: no builtin {name}")))?;
    vm.call(&f, &[o], &[])
}

fn proxy_abs(vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    forward_builtin(vm, args, "abs")
}

fn proxy_int(vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    forward_builtin(vm, args, "int")
}

fn proxy_float(vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    forward_builtin(vm, args, "float")
}

fn proxy_bytes(vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    forward_builtin(vm, args, "bytes")
}

fn proxy_reversed(vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    forward_builtin(vm, args, "reversed")
}

fn proxy_index(vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    let o = target(args)?;
    let i = crate::vm::types::ctor_args::index_bigint(vm, &o)?;
    Ok(Value::from_bigint(i))
}

fn proxy_bool(vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    let o = target(args)?;
    Ok(Value::Bool(vm.truthy(&o)?))
}

fn proxy_len(vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    let o = target(args)?;
    Ok(Value::Int(vm.len(&o)? as i64))
}

fn proxy_iter(vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    let o = target(args)?;
    vm.get_iter(&o)
}

/// `next(proxy)`: the referent must be an iterator (CPython's `proxy_iternext`).
fn proxy_next(vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    let o = target(args)?;
    if !matches!(o, Value::Iter(_)) && vm.lookup_special(&o, "__next__").is_none() {
        return Err(exc::type_error(format!(
            "Weakref proxy referenced a non-iterator '{}' object",
            o.type_name()
        )));
    }
    match vm.next(&o)? {
        Some(v) => Ok(v),
        None => Err(exc::stop_iteration(None)),
    }
}

fn proxy_contains(vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    let (o, item) = operands(args)?;
    Ok(Value::Bool(vm.contains(&o, &item)?))
}

fn proxy_getitem(vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    let (o, key) = operands(args)?;
    vm.getitem(&o, &key)
}

fn proxy_setitem(vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    let [_, key, value] = args else {
        return Err(exc::type_error("expected 2 arguments"));
    };
    let o = target(args)?;
    vm.setitem(&o, &unwrap(key)?, unwrap(value)?)?;
    Ok(Value::None)
}

fn proxy_delitem(vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    let (o, key) = operands(args)?;
    vm.delitem(&o, &key)?;
    Ok(Value::None)
}

/// `getweakrefcount(obj)`.
fn getweakrefcount(_vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let a = crate::vm::args::positional(args, kw, "getweakrefcount", 1, 1)?;
    Ok(Value::Int(refs_to(&a[0]).len() as i64))
}

/// `getweakrefs(obj)`.
fn getweakrefs(_vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let a = crate::vm::args::positional(args, kw, "getweakrefs", 1, 1)?;
    Ok(Value::list(refs_to(&a[0])))
}
