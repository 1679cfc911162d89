//! What an instruction reads and writes that another thread could see, for `explore`'s
//! partial-order reduction (`threads/dpor.rs`): an [`Observer`] that, before each
//! instruction of an explored run, looks at the instruction and the values it is about to
//! work on and reports the keys it accesses.
//!
//! The report must over-approximate: an access left out could hide a race, one too many
//! only costs schedules. So the rules are few and everything else is [`Access::any`]:
//! - a name (global, `LOAD_NAME`, attribute, method lookup) is keyed by the name alone,
//!   whatever namespace holds it (so `obj.x`, a module's `x` and global `x` share a key,
//!   and so does a dict's `"x"` item, which is how `obj.__dict__["x"]` reaches it);
//! - a subscript of a list, tuple, string or range is keyed by the container; a dict's item
//!   by its key, where equal keys are known to get one access (`item`); a cell
//!   (`LOAD_DEREF`) by the cell;
//! - an operator or a truth test on plain values (None, bools, numbers, strings) accesses
//!   nothing; on anything else it may run native code over a container: anything;
//! - a call of a Python function accesses nothing itself (its instructions report their
//!   own); a lock's `acquire`, `release`, `__enter__`, `__exit__`: the lock (with what
//!   each does to it, so that a step which takes and releases it only reads it); a list or set
//!   method with plain arguments: the container; a few natives that touch nothing shared
//!   (`range`, `get_ident`, `allocate_lock`, `start_new_thread`: the new thread is ordered
//!   after its parent by the search itself); any other native call (output, the clock,
//!   `sleep`, dicts' methods, `ft_utils` atomics, …): anything.
//!
//! Instructions that only touch the frame (`Instruction::is_thread_local`) are skipped.

use std::sync::Arc;

use parking_lot::Mutex;

use crate::bytecode::{CellIdx, Instruction, NameIdx};
use crate::threads::dpor::{Access, Downgrade, LockOp};
use crate::threads::guide::Guide;
use crate::vm::Vm;
use crate::vm::frame::Frame;
use crate::vm::object::PyResult;
use crate::vm::object::value::Value;
use crate::vm::observe::{Before, Observer};

/// Reports each instruction's accesses to the run's guide.
pub struct AccessRecorder {
    pub guide: Arc<Mutex<Guide>>,
}

impl Observer for AccessRecorder {
    fn before_instruction(&self, _vm: &mut Vm, at: Before<'_>) -> PyResult<()> {
        let (frame, stack, index) = (at.frame, at.stack, at.index);
        let Some(ins) = frame.code.instructions.get(index) else {
            return Ok(());
        };
        if ins.is_thread_local() {
            return Ok(());
        }
        let mut out = Out::default();
        let n = accesses(ins, frame, stack, &mut out);
        if n > 0
            && let Some(run) = &mut self.guide.lock().dpor
        {
            run.access(&out.accs[..n], &out.objs[..n], &out.locks[..n]);
        }
        Ok(())
    }
}

/// An instruction's accesses (at most three; those not set are anything) and, for each
/// keyed by an object, the object (the run keeps its allocation while it numbers it).
struct Out<'a> {
    accs: [Access; 3],
    objs: [Option<&'a dyn Downgrade>; 3],
    /// For an access of a lock, what it does to it ([`LockOp`]).
    locks: [Option<LockOp>; 3],
}

impl Default for Out<'_> {
    fn default() -> Self {
        Out {
            accs: [Access::any(); 3],
            objs: [None; 3],
            locks: [None; 3],
        }
    }
}

impl<'a> Out<'a> {
    /// Access `i` is `a` (not an object's).
    fn set(&mut self, i: usize, a: Access) {
        self.accs[i] = a;
    }

    /// Access `i` is of object `o`'s member `member` (0: the object itself).
    fn obj(&mut self, i: usize, o: Obj<'a>, member: u64, write: bool) {
        self.accs[i] = Access {
            key: Access::object_key(o.addr, member),
            write,
        };
        self.objs[i] = Some(o.this);
    }
}

/// An object keyed by its address.
#[derive(Clone, Copy)]
struct Obj<'a> {
    addr: u64,
    this: &'a dyn Downgrade,
}

/// An instance's attribute: the entry of its own dict (keyed by the instance and the
/// name), read or written, and its class's member of that name, read (a descriptor found
/// there decides what the access does). `__dict__` reads every entry (it is a copy).
fn instance_attr<'a>(
    o: &'a Arc<crate::vm::object::Instance>,
    frame: &Frame,
    i: NameIdx,
    write: bool,
    out: &mut Out<'a>,
) -> usize {
    let Some(n) = frame.code.names.get(i.0 as usize) else {
        return 1;
    };
    if &**n == "__dict__" {
        return 1;
    }
    attr_of(o, n, write, out)
}

fn attr_of<'a>(
    o: &'a Arc<crate::vm::object::Instance>,
    n: &str,
    write: bool,
    out: &mut Out<'a>,
) -> usize {
    let class = Access::name_key(n);
    out.obj(0, addr(o), class, write);
    out.set(1, Access::read(class));
    2
}

fn name(frame: &Frame, NameIdx(i): NameIdx) -> u64 {
    match frame.code.names.get(i as usize) {
        Some(n) => Access::name_key(n),
        None => crate::threads::dpor::ANY,
    }
}

/// An object, keyed by its address (the run's guide turns it into the object's number).
fn addr<T: Send + Sync + 'static>(a: &Arc<T>) -> Obj<'_> {
    Obj {
        addr: Arc::as_ptr(a) as *const u8 as usize as u64,
        this: a,
    }
}

/// A container keyed by its address, when subscripting it runs no code.
fn container(v: &Value) -> Option<Obj<'_>> {
    match v {
        Value::List(l) => Some(addr(l)),
        Value::Dict(d) => Some(addr(d)),
        Value::Tuple(t) => Some(addr(t)),
        Value::Str(s) => Some(addr(s)),
        Value::Range(r) => Some(addr(r)),
        _ => None,
    }
}

/// What an item access does.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Item {
    Read,
    Store,
    Delete,
}

/// The item `key` of `c`, read, stored or deleted.
///
/// A list's, tuple's, string's or range's item: the container. A dict's item is keyed by
/// the dict's key where the key's equality is known ([`dict_key`]): a string key by the
/// name (a namespace's item is an attribute or a global), another plain value by the dict
/// and the value. Reading or deleting an item accesses that key alone; storing one also
/// writes the dict itself (`(dict, 0)`): an insertion appends to the dict's order, so two
/// stores of different keys do not commute, while a deletion commutes with the store or
/// deletion of any other key. Whatever reads the whole dict (its size, its order: `len`,
/// iteration, its methods) is anything, so it conflicts with every one of these. An item
/// by another key is anything (an instance's `__eq__` may make it equal to any key).
///
/// Why a key's value may stand for the item: two keys that are equal get the same access,
/// and two that get different ones are never equal, so an item's lookup, store or delete
/// reads and changes only that item (and a store, the order).
fn item<'a>(c: &'a Value, key: Option<&Value>, what: Item, out: &mut Out<'a>) -> usize {
    let Some(k) = container(c) else {
        return 1; // anything (access 0 is `any`)
    };
    let write = what != Item::Read;
    let Value::Dict(_) = c else {
        out.obj(0, k, 0, write);
        return 1;
    };
    let Some((key, read_eq)) = key.and_then(dict_key) else {
        return 1;
    };
    let mut n = 0;
    if read_eq {
        // Whether the key's class defines `__eq__` (a thread may assign one).
        out.set(0, Access::read(Access::name_key("__eq__")));
        n = 1;
    }
    match key {
        DictKey::Name(name) => out.set(n, Access { key: name, write }),
        DictKey::Member(m) => out.obj(n, k, m, write),
    }
    if what == Item::Store {
        out.obj(n + 1, k, 0, true);
        n + 2
    } else {
        n + 1
    }
}

/// How a dict's item is keyed: by a name, or by the dict's member ([`Access::object_key`]).
enum DictKey {
    Name(u64),
    Member(u64),
}

/// The key of a dict's item `key`, when every key equal to it gets the same one: a string
/// by its name; an int, a bool, a float or `None` by its value (`1`, `True` and `1.0` are
/// one key; ints beyond `i64` and floats as big share one); any tuple by one member (a
/// tuple equals only tuples); an instance of a class with no `__eq__` of its own (it equals
/// only itself) by one member for all such instances (and `true`: the key's class was
/// read). Anything else (an instance's `__eq__` may equal anything): `None`.
fn dict_key(key: &Value) -> Option<(DictKey, bool)> {
    // Integral values by their value, the rest by a tag and their bits.
    let int = |i: i64| Access::name_key_bytes(b"int", &i.to_le_bytes());
    const BIG: i64 = i64::MIN;
    if let Value::Instance(o) = key {
        let identity = o.base().is_none()
            && o.class.mro().all(|c| {
                c.name == "object"
                    || (c.kind == crate::vm::object::ClassKind::User
                        && c.dict.get_str("__eq__").is_none())
            });
        return identity.then(|| {
            (
                DictKey::Member(Access::name_key_bytes(b"instance", &[])),
                true,
            )
        });
    }
    Some((
        match key {
            Value::Str(s) => DictKey::Name(Access::name_key(s.as_str())),
            Value::Int(i) => DictKey::Member(int(*i)),
            Value::Bool(b) => DictKey::Member(int(*b as i64)),
            Value::BigInt(_) => DictKey::Member(int(BIG)),
            Value::Float(f) => DictKey::Member(if f.fract() == 0.0 {
                if f.abs() < 9.0e18 {
                    int(*f as i64)
                } else {
                    int(BIG)
                }
            } else {
                Access::name_key_bytes(b"float", &f.to_bits().to_le_bytes())
            }),
            Value::None => DictKey::Member(Access::name_key_bytes(b"none", &[])),
            Value::Tuple(_) => DictKey::Member(Access::name_key_bytes(b"tuple", &[])),
            _ => return None,
        },
        false,
    ))
}

/// The accesses of `ins` (not thread-local), written to `out`; returns how many.
fn accesses<'a>(
    ins: &Instruction,
    frame: &'a Frame,
    stack: &'a [Value],
    out: &mut Out<'a>,
) -> usize {
    use Instruction::*;
    let n = stack.len();
    let top = |i: usize| -> Option<&'a Value> { n.checked_sub(i + 1).and_then(|j| stack.get(j)) };
    let one = |out: &mut Out<'a>, a: Access| {
        out.set(0, a);
        1
    };
    // Access 0 is of object `o`.
    let one_obj = |out: &mut Out<'a>, o: Obj<'a>, write: bool| {
        out.obj(0, o, 0, write);
        1
    };
    match *ins {
        LoadGlobal(i) | LoadName(i) => one(out, Access::read(name(frame, i))),
        StoreGlobal(i) | DeleteGlobal(i) | StoreName(i) | DeleteName(i) => {
            one(out, Access::write(name(frame, i)))
        }
        LoadAttr(i) | LoadMethod(i) => match top(0) {
            // A lock's methods are in its class; it has no other attributes.
            Some(Value::Native(o)) if is_lock(o.type_name()) => 0,
            // Other native objects answer attributes with their own code (an atomic's
            // `value`).
            Some(Value::Native(_)) | Some(Value::Cell(_)) | None => 1,
            Some(Value::Instance(o)) => instance_attr(o, frame, i, false, out),
            Some(_) => one(out, Access::read(name(frame, i))),
        },
        StoreAttr(i) | DeleteAttr(i) => match top(0) {
            Some(Value::Native(_)) | Some(Value::Cell(_)) | None => 1,
            Some(Value::Instance(o)) => instance_attr(o, frame, i, true, out),
            Some(_) => one(out, Access::write(name(frame, i))),
        },
        LoadDeref(CellIdx(i)) | LoadClassDeref(CellIdx(i)) => match frame.cells.get(i as usize) {
            Some(c) => one_obj(out, addr(c), false),
            None => 1,
        },
        StoreDeref(CellIdx(i)) | DeleteDeref(CellIdx(i)) => match frame.cells.get(i as usize) {
            Some(c) => one_obj(out, addr(c), true),
            None => 1,
        },
        BinarySubscr => match top(1) {
            Some(c) => item(c, top(0), Item::Read, out),
            None => 1,
        },
        // STORE_SUBSCR: TOS is the key, TOS1 the container, TOS2 the value.
        StoreSubscr => match top(1) {
            Some(c) => item(c, top(0), Item::Store, out),
            None => 1,
        },
        DeleteSubscr => match top(1) {
            Some(c) => item(c, top(0), Item::Delete, out),
            None => 1,
        },
        // Identity: no code runs.
        CompareOp(crate::bytecode::CompareOp::Is | crate::bytecode::CompareOp::IsNot) => 0,
        // `x in c`: the container (and for a dict's string key, the name).
        CompareOp(crate::bytecode::CompareOp::In | crate::bytecode::CompareOp::NotIn)
            if top(1).is_some_and(Value::is_scalar) =>
        {
            match top(0) {
                Some(c) => item(c, top(1), Item::Read, out),
                None => 1,
            }
        }
        Binary(_) | Inplace(_) | CompareOp(_) => usize::from(
            !(top(0).is_some_and(Value::is_scalar) && top(1).is_some_and(Value::is_scalar)),
        ),
        UnaryPositive | UnaryNegative | UnaryNot | UnaryInvert | PopJumpIfFalse(_)
        | PopJumpIfTrue(_) | JumpIfFalseOrPop(_) | JumpIfTrueOrPop(_) | FormatValue(_) => {
            usize::from(!top(0).is_some_and(Value::is_scalar))
        }
        ReturnValue | BuildMap(_) | BuildConstKeyMap(_) | BuildSet(_) | LoadBuildClass => 0,
        // Into a container being built (a display, a comprehension), from TOS.
        ListAppend(_) | SetAdd(_) | MapAdd(_) => 0,
        ListExtend(_) | SetUpdate(_) => match top(0) {
            Some(Value::Tuple(_)) => 0,
            Some(Value::List(l)) => one_obj(out, addr(l), false),
            _ => 1,
        },
        DictUpdate(_) | DictMerge(_) => match top(0) {
            Some(Value::Dict(d)) if d.is_empty() => 0,
            _ => 1,
        },
        CallFunctionEx(flags) => {
            let at = n.checked_sub(if flags & 1 != 0 { 3 } else { 2 });
            match at.and_then(|a| stack.get(a)) {
                Some(f) if python(f) => 0,
                // `lock.__exit__(*args)` (a Condition's): the lock.
                Some(Value::Method(m)) if matches!(&m.self_, Value::Native(o) if is_lock(o.type_name())) => {
                    match &m.func {
                        Value::Builtin(b) => builtin(b.name, Some(&m.self_), &[], out),
                        _ => 1,
                    }
                }
                _ => 1,
            }
        }
        GetIter => match top(0) {
            Some(Value::Range(_)) | Some(Value::Tuple(_)) | Some(Value::Iter(_)) => 0,
            Some(Value::List(l)) => one_obj(out, addr(l), false),
            _ => 1,
        },
        ForIter(_) => match top(0) {
            Some(Value::Iter(it)) => {
                out.obj(0, addr(it), 0, true);
                match &**it {
                    crate::vm::object::IterObj::Range { .. } => 1,
                    crate::vm::object::IterObj::List { list, .. } => {
                        out.obj(1, addr(list), 0, false);
                        2
                    }
                    crate::vm::object::IterObj::Tuple { .. }
                    | crate::vm::object::IterObj::Seq(_) => {
                        out.accs[0] = Access::any();
                        out.objs[0] = None;
                        1
                    }
                }
            }
            _ => 1,
        },
        UnpackSequence(_) => match top(0) {
            Some(Value::Tuple(_)) => 0,
            Some(Value::List(l)) => one_obj(out, addr(l), false),
            _ => 1,
        },
        CallFunction(argc) => call(stack, n.checked_sub(argc as usize + 1), argc as usize, out),
        CallFunctionKw(argc) => call(stack, n.checked_sub(argc as usize + 2), argc as usize, out),
        CallMethod(argc) => {
            let argc = argc as usize;
            match n.checked_sub(argc + 2) {
                Some(base) => match stack.get(base) {
                    // No method found: the callable and its arguments follow.
                    Some(Value::Null) => call(stack, Some(base + 1), argc, out),
                    // A method and its `self`.
                    Some(m) => callee(m, &stack[base + 1..], out),
                    None => 1,
                },
                None => 1,
            }
        }
        SetupWith(_) => match top(0) {
            Some(Value::Native(o)) if is_lock(o.type_name()) => {
                out.locks[0] = Some(LockOp::Acquire);
                one_obj(out, addr(o), true)
            }
            // A Python `__enter__` reports its own instructions.
            Some(Value::Instance(i)) if i.base().is_none() => 0,
            _ => 1,
        },
        _ => 1,
    }
}

fn is_lock(type_name: &str) -> bool {
    matches!(type_name, "_thread.lock" | "_thread.RLock")
}

fn addr_of(v: &Value) -> Option<Obj<'_>> {
    match v {
        Value::Native(o) => Some(addr(o)),
        Value::List(l) => Some(addr(l)),
        Value::Set(s) => Some(addr(s)),
        _ => None,
    }
}

/// Access 0 writes `v` (anything, when it is not keyed by its address).
fn write_obj<'a>(v: &'a Value, out: &mut Out<'a>) {
    if let Some(o) = addr_of(v) {
        out.obj(0, o, 0, true);
    }
}

/// A call whose callable is at `stack[at]`, followed by `argc` arguments.
fn call<'a>(stack: &'a [Value], at: Option<usize>, argc: usize, out: &mut Out<'a>) -> usize {
    match at.and_then(|a| stack.get(a).map(|f| (f, a))) {
        Some((f, a)) => {
            let args = stack
                .get(a + 1..(a + 1 + argc).min(stack.len()))
                .unwrap_or(&[]);
            callee(f, args, out)
        }
        None => 1,
    }
}

/// A Python function, bare or bound: calling it runs only reported instructions.
fn python(f: &Value) -> bool {
    match f {
        Value::Function(_) => true,
        Value::Method(m) => matches!(m.func, Value::Function(_)),
        _ => false,
    }
}

/// An argument a native function can take without reading shared state through it: a
/// plain value, or an object it only keeps or compares by identity (a Python-level
/// `__eq__` is reported as it runs).
fn simple(v: &Value) -> bool {
    v.is_scalar()
        || matches!(
            v,
            Value::Function(_) | Value::Class(_) | Value::Builtin(_) | Value::Native(_)
        )
        || matches!(v, Value::Instance(i) if i.base().is_none())
}

/// Calling `f` with `args` (for a method found by `LOAD_METHOD`, `args[0]` is `self`).
fn callee<'a>(f: &'a Value, args: &'a [Value], out: &mut Out<'a>) -> usize {
    match f {
        Value::Function(_) => 0,
        // A built-in type made from simple values (`int("3")`, `str(5)`, `property(f)`).
        Value::Class(c)
            if c.kind == crate::vm::object::ClassKind::Builtin
                && !c.is_exception
                && args.iter().all(|a| a.is_scalar() || python(a)) =>
        {
            0
        }
        Value::Method(m) => match &m.func {
            Value::Function(_) => 0,
            Value::Builtin(b) => builtin(b.name, Some(&m.self_), args, out),
            _ => 1,
        },
        Value::Builtin(b) => {
            let (this, rest) = match b.owner {
                Some(_) => (args.first(), args.get(1..).unwrap_or(&[])),
                None => (None, args),
            };
            builtin(b.name, this, rest, out)
        }
        // A class defined by a `class` statement, with no built-in value base: `__new__`
        // makes a fresh object and `__init__` is Python (or `object`'s, which does nothing).
        Value::Class(c)
            if c.kind == crate::vm::object::ClassKind::User
                && !c.is_exception
                && c.metaclass.is_none() =>
        {
            usize::from(
                !c.mro()
                    .all(|k| k.kind == crate::vm::object::ClassKind::User || k.name == "object"),
            )
        }
        _ => 1,
    }
}

/// A native function `name`, bound to `this` when it is a method.
fn builtin<'a>(name: &str, this: Option<&'a Value>, args: &'a [Value], out: &mut Out<'a>) -> usize {
    match this {
        Some(v @ Value::Native(o)) if is_lock(o.type_name()) => match name {
            "acquire" | "release" | "__enter__" | "__exit__" | "locked" | "_is_owned" => {
                write_obj(v, out);
                out.locks[0] = Some(match (name, args) {
                    // A blocking acquire: it holds the lock when the step goes on past it.
                    ("acquire", [] | [Value::Bool(true)]) | ("__enter__", _) => LockOp::Acquire,
                    ("release" | "__exit__", _) => LockOp::Release,
                    // One that may fail, or a query.
                    _ => LockOp::Other,
                });
                1
            }
            _ => 1,
        },
        Some(v @ (Value::List(_) | Value::Set(_))) => {
            if args.iter().all(simple) {
                write_obj(v, out);
            }
            1
        }
        Some(_) => 1,
        None => match name {
            "range" | "get_ident" | "get_native_id" | "allocate_lock" | "start_new_thread"
            | "_set_name" | "id" | "__build_class__" => 0,
            "isinstance" | "issubclass" | "type" if args.iter().all(simple) => 0,
            "len" => match args {
                [v] if v.is_scalar() => 0,
                // A dict's size is anything (see `item`).
                [Value::Dict(_)] => 1,
                [v] => {
                    let o = match v {
                        Value::Set(s) => Some(addr(s)),
                        _ => container(v),
                    };
                    if let Some(o) = o {
                        out.obj(0, o, 0, false);
                    }
                    1
                }
                _ => 1,
            },
            // An attribute by name: the name (a native object's own attributes are
            // anything, unless it is a lock, which has none).
            "hasattr" | "getattr" | "setattr" | "delattr" => match args {
                [Value::Native(o), ..] if is_lock(o.type_name()) && name != "setattr" => 0,
                [Value::Native(_), ..] => 1,
                [Value::Instance(o), Value::Str(n), rest @ ..]
                    if rest.iter().all(simple) && n.as_str() != "__dict__" =>
                {
                    attr_of(o, n.as_str(), name == "setattr" || name == "delattr", out)
                }
                [Value::Instance(_), ..] => 1,
                [_, Value::Str(n), rest @ ..] if rest.iter().all(simple) => {
                    out.set(
                        0,
                        Access {
                            key: Access::name_key(n.as_str()),
                            write: name == "setattr" || name == "delattr",
                        },
                    );
                    1
                }
                _ => 1,
            },
            _ => 1,
        },
    }
}
