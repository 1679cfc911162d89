//! Subclasses of the built-in value types (`class Stack(list)`, `class Money(int)`).
//!
//! One mechanism, as CPython lays a subclass instance out with the base's struct first: an
//! instance of such a class carries the built-in value it extends ([`Instance::base`]), made by
//! the base's `__new__` (here: [`base_new`]). Two rules make everything else work on it:
//!
//! - a built-in type's own method called with such an instance as `self` runs on the value it
//!   carries ([`Vm::call`]: `Stack.append`, `super().__init__(…)`, `len()` through `__len__`);
//! - the built-in value types hold CPython's slot wrappers (`int.__add__`, `list.__iter__`,
//!   `str.__hash__`, …, registered here for the names a type does not define itself), which
//!   the protocols find on the class like any special method, unless a subclass overrides
//!   them. Each applies the built-in operation to the carried value, so `Money(2) + 3` is the
//!   plain int 5, as in CPython.
//!
//! Plain values and plain instances never reach this file: the protocols handle built-in
//! values before looking for special methods, and a plain instance's class does not have
//! these types in its MRO.

use super::*;
use crate::vm::object::registry::{Methods, add_method};
use crate::vm::object::{BuiltinFunction, NativeFn};
use crate::vm::types::ctor_args::native;
use crate::vm::types::function::StaticMethod;

/// `self` and the other operand of a binary slot, both as the built-in values they carry.
fn pair<'a>(args: &'a [Value], name: &str) -> PyResult<(&'a Value, &'a Value)> {
    match args {
        [a, b] => Ok((a.builtin_base(), b.builtin_base())),
        _ => Err(exc::type_error(format!(
            "{name}() expected 1 argument, got {}",
            args.len().saturating_sub(1)
        ))),
    }
}

fn this(args: &[Value]) -> PyResult<&Value> {
    args.first()
        .ok_or_else(|| exc::type_error("slot wrapper needs an argument"))
}

/// A TypeError from an operation on two built-in values ran no user code: the operands do
/// not support it, so the slot answers NotImplemented and the error names the subclass
/// (`unsupported operand type(s) for +: 'Money' and 'str'`), as in CPython.
fn not_implemented_if_unsupported(r: PyResult<Value>, a: &Value, b: &Value) -> PyResult<Value> {
    let plain = |v: &Value| !matches!(v, Value::Instance(_) | Value::Native(_));
    match r {
        Err(e) if plain(a) && plain(b) && e.matches(&types().type_error) => {
            Ok(crate::vm::object::value::NOT_IMPLEMENTED.clone())
        }
        r => r,
    }
}

/// A str, list or tuple reports its own errors for `+`, `*` and `%` (`can only concatenate
/// str (not "int") to str`), as CPython's sequence slots do.
fn is_sequence(v: &Value) -> bool {
    matches!(v, Value::Str(_) | Value::List(_) | Value::Tuple(_))
}

/// `__add__` and its kin on the carried value; `reflected` (`__radd__`, …) swaps the operands.
fn binary_slot(
    vm: &mut Vm,
    args: &[Value],
    name: &str,
    op: BinaryOp,
    reflected: bool,
) -> PyResult<Value> {
    let (a, b) = pair(args, name)?;
    let r = if reflected {
        vm.binary_op(b, a, op)
    } else {
        vm.binary_op(a, b, op)
    };
    if is_sequence(a) {
        r
    } else {
        not_implemented_if_unsupported(r, a, b)
    }
}

macro_rules! binary_slots {
    ($($f:ident, $rf:ident, $op:expr;)*) => {$(
        fn $f(vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
            binary_slot(vm, args, stringify!($f), $op, false)
        }
        fn $rf(vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
            binary_slot(vm, args, stringify!($rf), $op, true)
        }
    )*};
}

binary_slots! {
    add, radd, BinaryOp::Add;
    sub, rsub, BinaryOp::Subtract;
    mul, rmul, BinaryOp::Multiply;
    truediv, rtruediv, BinaryOp::TrueDivide;
    floordiv, rfloordiv, BinaryOp::FloorDivide;
    modulo, rmodulo, BinaryOp::Modulo;
    pow, rpow, BinaryOp::Power;
    and, rand, BinaryOp::And;
    or, ror, BinaryOp::Or;
    xor, rxor, BinaryOp::Xor;
    lshift, rlshift, BinaryOp::Lshift;
    rshift, rrshift, BinaryOp::Rshift;
}

/// An in-place slot: the base value changes in place and `self` is the result
/// (`stack += [1]` keeps the `Stack`).
macro_rules! inplace_slots {
    ($($f:ident, $op:expr;)*) => {$(
        fn $f(vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
            let (a, b) = pair(args, stringify!($f))?;
            let r = vm.inplace_op(a, b, $op)?;
            Ok(if r.is(a) { args[0].clone() } else { r })
        }
    )*};
}

inplace_slots! {
    iadd, BinaryOp::Add;
    imul, BinaryOp::Multiply;
    ior, BinaryOp::Or;
    iand, BinaryOp::And;
    ixor, BinaryOp::Xor;
    isub, BinaryOp::Subtract;
}

macro_rules! compare_slots {
    ($($f:ident, $op:expr;)*) => {$(
        fn $f(vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
            let (a, b) = pair(args, stringify!($f))?;
            not_implemented_if_unsupported(vm.compare(a, b, $op), a, b)
        }
    )*};
}

compare_slots! {
    eq, CompareOp::Eq;
    ne, CompareOp::Ne;
    lt, CompareOp::Lt;
    le, CompareOp::Le;
    gt, CompareOp::Gt;
    ge, CompareOp::Ge;
}

/// `__divmod__`: `(a // b, a % b)`, which is `divmod` for ints and floats.
fn divmod(vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    let (a, b) = pair(args, "__divmod__")?;
    divmod_of(vm, a, b)
}

fn rdivmod(vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    let (a, b) = pair(args, "__rdivmod__")?;
    divmod_of(vm, b, a)
}

fn divmod_of(vm: &mut Vm, a: &Value, b: &Value) -> PyResult<Value> {
    let q = vm.binary_op(a, b, BinaryOp::FloorDivide);
    let q = match not_implemented_if_unsupported(q, a, b)? {
        q if crate::vm::object::value::is_not_implemented(&q) => return Ok(q),
        q => q,
    };
    let r = vm.binary_op(a, b, BinaryOp::Modulo)?;
    Ok(Value::tuple(vec![q, r]))
}

fn hash(vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    let v = this(args)?.builtin_base().clone();
    Ok(Value::Int(vm.hash_key(&v)?.hash))
}

fn repr(vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    let me = this(args)?;
    let v = me.builtin_base().clone();
    let r = vm.repr(&v)?;
    // A set or frozenset subclass shows its class, as `set_repr` does: `S({1, 2})`, `S()`.
    if let (Value::Set(s), Value::Instance(i)) = (&v, me) {
        let name = &i.class.name;
        if s.is_empty() {
            return Ok(Value::string(format!("{name}()")));
        }
        let inner = r
            .strip_prefix("frozenset(")
            .and_then(|x| x.strip_suffix(')'))
            .unwrap_or(&r);
        return Ok(Value::string(format!("{name}({inner})")));
    }
    Ok(Value::string(r))
}

/// `str.__str__`: the plain str (`str(Name("x"))` is `'x'`).
fn str_str(vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    let v = this(args)?.builtin_base().clone();
    vm.to_str_value(&v)
}

/// `__format__` of `int`, `float` and `str`: an empty spec is `str(self)` (a subclass's
/// `__repr__` or `__str__` shows), any other formats the value.
fn format(vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    let (Some(me), Some(spec)) = (args.first(), args.get(1)) else {
        return Err(exc::type_error("__format__ expects 1 argument"));
    };
    let Value::Str(spec) = spec.builtin_base() else {
        return Err(exc::type_error(format!(
            "__format__() argument must be str, not {}",
            spec.type_name()
        )));
    };
    if spec.as_str().is_empty() && !matches!(me, Value::Int(_) | Value::Float(_) | Value::Str(_)) {
        return vm.to_str_value(me);
    }
    let v = me.builtin_base().clone();
    Ok(Value::string(crate::vm::format::value::format_value(
        vm,
        &v,
        spec.as_str(),
    )?))
}

fn iter(vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    let v = this(args)?.builtin_base().clone();
    vm.get_iter(&v)
}

/// An iterator's `__iter__`: itself.
fn iter_self(_vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    Ok(this(args)?.clone())
}

/// An iterator's `__next__`: its next item, or StopIteration (`it.__next__()` as the
/// protocol's `next(it)`).
fn iter_next(vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    match vm.next(this(args)?)? {
        Some(v) => Ok(v),
        None => Err(exc::stop_iteration(None)),
    }
}

fn len(vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    let v = this(args)?.builtin_base().clone();
    Ok(Value::Int(vm.len(&v)? as i64))
}

/// Whether `m`, a special method found on a class, is the slot wrapper `f` (the subclass
/// does not override it): the protocols then apply the built-in operation to the carried
/// value without the call (`counts[word] += 1` on a `Counter`). Two functions at one address
/// have the same code, so a false match does the same thing; a missed one takes the call.
pub(crate) fn is_slot(m: &Value, f: NativeFn) -> bool {
    matches!(m, Value::Builtin(b) if b.owner.is_none() && std::ptr::fn_addr_eq(b.func, f))
}

pub(super) fn getitem(vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    let (Some(me), Some(key)) = (args.first(), args.get(1)) else {
        return Err(exc::type_error("__getitem__ expects 1 argument"));
    };
    getitem_of(vm, me, key)
}

/// `type(me).__getitem__(me, key)` when that is the slot wrapper: the carried value's item,
/// or a subclass's `__missing__` for a dict's absent key.
pub(super) fn getitem_of(vm: &mut Vm, me: &Value, key: &Value) -> PyResult<Value> {
    let v = me.builtin_base().clone();
    // A dict's absent key asks a subclass's `__missing__` without making the KeyError first
    // (`counts[word] += 1` on a Counter meets one for every new word).
    if let Value::Dict(d) = &v {
        let k = vm.hash_key(key)?;
        if let Some(found) = vm.dict_get(d, &k)? {
            return Ok(found);
        }
        return match vm.lookup_special(me, "__missing__") {
            Some(m) => vm.call(&m, &[me.clone(), key.clone()], &[]),
            None => Err(exc::key_error(key.clone())),
        };
    }
    vm.getitem(&v, key)
}

pub(crate) fn setitem(vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    let [me, key, value] = args else {
        return Err(exc::type_error("__setitem__ expects 2 arguments"));
    };
    vm.setitem(me.builtin_base(), key, value.clone())?;
    Ok(Value::None)
}

pub(super) fn delitem(vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    let [me, key] = args else {
        return Err(exc::type_error("__delitem__ expects 1 argument"));
    };
    vm.delitem(me.builtin_base(), key)?;
    Ok(Value::None)
}

fn contains(vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    let [me, item] = args else {
        return Err(exc::type_error("__contains__ expects 1 argument"));
    };
    Ok(Value::Bool(vm.contains(me.builtin_base(), item)?))
}

fn boolean(vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    let v = this(args)?.builtin_base().clone();
    Ok(Value::Bool(vm.truthy(&v)?))
}

fn neg(vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    let v = this(args)?.builtin_base().clone();
    vm.unary_negative(&v)
}

fn pos(vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    let v = this(args)?.builtin_base().clone();
    vm.unary_positive(&v)
}

fn invert(vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    let v = this(args)?.builtin_base().clone();
    vm.unary_invert(&v)
}

fn abs(vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    let v = this(args)?.builtin_base().clone();
    if vm.lt(&v, &Value::Int(0))? {
        vm.unary_negative(&v)
    } else {
        vm.unary_positive(&v)
    }
}

/// `__int__` / `__index__`: the int itself; `float.__int__` truncates.
fn int(vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    let v = this(args)?.builtin_base().clone();
    convert(vm, &types().int, v)
}

fn float(vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    let v = this(args)?.builtin_base().clone();
    convert(vm, &types().float, v)
}

fn convert(vm: &mut Vm, to: &Arc<Class>, v: Value) -> PyResult<Value> {
    match to.constructor {
        Some(ctor) => ctor(vm, &[Value::Class(to.clone()), v], &[]),
        None => Ok(v),
    }
}

/// `__new__` of the value types: `int.__new__(Money, 5)` makes the int and, for a subclass,
/// an instance carrying it. The mutable types start empty (their `__init__` fills them), as
/// CPython's `list.__new__` ignores its arguments.
fn base_new(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let Some(Value::Class(cls)) = args.first() else {
        return Err(exc::type_error(match args.first() {
            Some(v) => format!("__new__(X): X is not a type object ({})", v.type_name()),
            None => "__new__(): not enough arguments".to_string(),
        }));
    };
    let Some(vb) = cls.value_base() else {
        return Err(exc::type_error(format!(
            "__new__({0}): {0} is not a subtype of a built-in value type",
            cls.name
        )));
    };
    let Some(ctor) = vb.constructor else {
        return Err(exc::type_error(format!(
            "cannot create '{}' instances",
            vb.name
        )));
    };
    let t = types();
    let mutable = [&t.list, &t.dict, &t.set]
        .iter()
        .any(|m| Arc::ptr_eq(m, vb));
    let mut all = vec![Value::Class(vb.clone())];
    let value = if mutable {
        ctor(vm, &all, &[])?
    } else {
        all.extend_from_slice(&args[1..]);
        ctor(vm, &all, kw)?
    };
    if Arc::ptr_eq(cls, vb) {
        return Ok(value);
    }
    Ok(Value::instance(Instance::with_base(cls.clone(), value)))
}

/// `list.__init__(self, iterable=())`: the list's items become the iterable's.
fn list_init(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let Some(Value::List(l)) = args.first().map(|a| a.builtin_base()) else {
        return Err(exc::type_error(
            "descriptor '__init__' requires a 'list' object",
        ));
    };
    if !kw.is_empty() {
        return Err(exc::type_error("list() takes no keyword arguments"));
    }
    if args.len() > 2 {
        return Err(exc::type_error(format!(
            "list expected at most 1 argument, got {}",
            args.len() - 1
        )));
    }
    let items = match args.get(1) {
        Some(it) => vm.collect(it)?,
        None => Vec::new(),
    };
    *l.items.lock() = items;
    Ok(Value::None)
}

/// `dict.__init__` and `set.__init__`: `update` with the arguments (a set is cleared first).
fn update_init(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let me = this(args)?.builtin_base().clone();
    if let Value::Set(_) = me {
        let clear = vm.getattr(&me, "clear")?;
        vm.call(&clear, &[], &[])?;
    }
    if args.len() > 1 || !kw.is_empty() {
        let update = vm.getattr(&me, "update")?;
        vm.call(&update, &args[1..], kw)?;
    }
    Ok(Value::None)
}

/// Adds `f` as `name` unless the class defines `name` itself (`owner: None`: a slot wrapper
/// unwraps `self` itself, see [`Vm::call`]).
fn slot(cls: &Arc<Class>, name: &'static str, func: NativeFn) {
    if cls.dict.get_str(name).is_none() {
        cls.dict.set_str(
            name,
            Value::Builtin(Arc::new(BuiltinFunction {
                name,
                owner: None,
                func,
            })),
        );
    }
}

/// Registers the slot wrappers, `__new__` and `__init__` of the built-in value types (from
/// `boot.rs`).
pub(crate) fn register(t: &crate::vm::object::registry::Types) {
    let compare: Methods = &[
        ("__eq__", eq),
        ("__ne__", ne),
        ("__lt__", lt),
        ("__le__", le),
        ("__gt__", gt),
        ("__ge__", ge),
        ("__repr__", repr),
    ];
    let numeric: Methods = &[
        ("__add__", add),
        ("__radd__", radd),
        ("__sub__", sub),
        ("__rsub__", rsub),
        ("__mul__", mul),
        ("__rmul__", rmul),
        ("__truediv__", truediv),
        ("__rtruediv__", rtruediv),
        ("__floordiv__", floordiv),
        ("__rfloordiv__", rfloordiv),
        ("__mod__", modulo),
        ("__rmod__", rmodulo),
        ("__pow__", pow),
        ("__rpow__", rpow),
        ("__divmod__", divmod),
        ("__rdivmod__", rdivmod),
        ("__neg__", neg),
        ("__pos__", pos),
        ("__abs__", abs),
        ("__bool__", boolean),
        ("__int__", int),
        ("__float__", float),
        ("__hash__", hash),
    ];
    // `&`, `|` and `^`: of ints and of sets.
    let bitwise: Methods = &[
        ("__and__", and),
        ("__rand__", rand),
        ("__or__", or),
        ("__ror__", ror),
        ("__xor__", xor),
        ("__rxor__", rxor),
    ];
    let integral: Methods = &[
        ("__lshift__", lshift),
        ("__rlshift__", rlshift),
        ("__rshift__", rshift),
        ("__rrshift__", rrshift),
        ("__invert__", invert),
        ("__index__", int),
    ];
    let sequence: Methods = &[
        ("__iter__", iter),
        ("__len__", len),
        ("__getitem__", getitem),
        ("__contains__", contains),
    ];
    let concat: Methods = &[
        ("__add__", add),
        ("__radd__", radd),
        ("__mul__", mul),
        ("__rmul__", rmul),
    ];
    let mutable: Methods = &[
        ("__setitem__", setitem),
        ("__delitem__", delitem),
        ("__iadd__", iadd),
        ("__imul__", imul),
    ];
    // `-` of sets (an int's is in `numeric`).
    let difference: Methods = &[("__sub__", sub), ("__rsub__", rsub)];
    let per_type: [(&Arc<Class>, &[Methods]); 9] = [
        (&t.int, &[compare, numeric, bitwise, integral]),
        (&t.float, &[compare, numeric]),
        (
            &t.str,
            &[
                compare,
                sequence,
                concat,
                &[
                    ("__mod__", modulo),
                    ("__rmod__", rmodulo),
                    ("__hash__", hash),
                    ("__str__", str_str),
                ],
            ],
        ),
        (
            &t.tuple,
            &[compare, sequence, concat, &[("__hash__", hash)]],
        ),
        // `bytes` defines its own operators, which take a subclass instance's value (the
        // protocols reach them for plain bytes too, so no slot may call back into them).
        (&t.bytes, &[]),
        (&t.list, &[compare, sequence, concat, mutable]),
        (
            &t.dict,
            &[
                compare,
                sequence,
                &[
                    ("__setitem__", setitem),
                    ("__delitem__", delitem),
                    ("__or__", or),
                    ("__ror__", ror),
                    ("__ior__", ior),
                ],
            ],
        ),
        (
            &t.set,
            &[
                compare,
                sequence,
                bitwise,
                difference,
                &[
                    ("__ior__", ior),
                    ("__iand__", iand),
                    ("__ixor__", ixor),
                    ("__isub__", isub),
                ],
            ],
        ),
        (
            &t.frozenset,
            &[
                compare,
                sequence,
                bitwise,
                difference,
                &[("__hash__", hash)],
            ],
        ),
    ];
    for (cls, groups) in per_type {
        // `__format__` shows a subclass's `__str__` for an empty spec.
        if [&t.int, &t.float, &t.str]
            .iter()
            .any(|c| Arc::ptr_eq(c, cls))
        {
            cls.dict.remove_str("__format__");
            slot(cls, "__format__", format);
        }
        // `dict.__getitem__` asks a subclass's `__missing__`.
        if Arc::ptr_eq(cls, &t.dict) {
            cls.dict.remove_str("__getitem__");
        }
        for group in groups {
            for &(name, f) in group.iter() {
                slot(cls, name, f);
            }
        }
        for unhashable in [&t.list, &t.dict, &t.set] {
            if Arc::ptr_eq(cls, unhashable) {
                cls.dict.set_str("__hash__", Value::None);
            }
        }
        cls.dict.set_str(
            "__new__",
            native(StaticMethod::new(Value::Builtin(Arc::new(
                BuiltinFunction {
                    name: "__new__",
                    owner: None,
                    func: base_new,
                },
            )))),
        );
        cls.set_flag(class_flags::NEW);
    }
    // The built-in iterators (`Value::Iter`): CPython's have `__iter__` and `__next__` in
    // their type's dict, so `it.__next__()` and `hasattr(it, '__next__')` work.
    for cls in [
        &t.range_iterator,
        &t.list_iterator,
        &t.tuple_iterator,
        &t.str_iterator,
        &t.dict_keyiterator,
        &t.dict_valueiterator,
        &t.dict_itemiterator,
        &t.set_iterator,
        &t.list_reverseiterator,
        &t.callable_iterator,
        &t.iterator,
        &t.enumerate,
        &t.zip,
        &t.map,
        &t.filter,
        &t.reversed,
    ] {
        slot(cls, "__iter__", iter_self);
        slot(cls, "__next__", iter_next);
    }
    add_method(&t.list, "__init__", list_init);
    add_method(&t.dict, "__init__", update_init);
    add_method(&t.set, "__init__", update_init);
}
