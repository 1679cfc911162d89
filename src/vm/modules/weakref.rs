//! `_weakref`: the reference and proxy types and the functions `weakref.py` builds on (the
//! references themselves, their table and what happens when a referent goes are
//! `vm/object/weakref.rs`).
//!
//! A proxy forwards attribute reads and writes, `str()` and calls to its referent (CPython's
//! proxy also forwards operators; gilvm's does not).

use std::sync::Arc;

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
