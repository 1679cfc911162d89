//! The registry of built-in classes: the [`Types`] struct and [`types()`], the class of any
//! value ([`type_of`]), and the one mechanism ([`add_all`]) by which each type's file under
//! `vm/types/` registers its methods.
//!
//! Built-in classes are immutable (as in CPython, `int.x = 1` is a TypeError), so they are
//! created once per process and shared by every interpreter; they hold no interpreter state.
//! The registry names no type's code: `boot.rs` builds the classes (the hierarchy, each
//! constructor, each type's `register`) and hands them over through [`build_once`] before any
//! interpreter runs.

use std::sync::{Arc, OnceLock};

use crate::vm::object::value::Value;
use crate::vm::object::{BuiltinFunction, Class, IterObj, NativeFn, SeqIter};

macro_rules! types_struct {
    ($($field:ident),* $(,)?) => {
        /// Every built-in class, by field.
        pub struct Types { $(pub $field: Arc<Class>,)* }
    };
}

types_struct! {
    object, type_, int, bool, float, str, list, tuple, dict, set, frozenset, none_type,
    bytes, bytearray, memoryview,
    not_implemented_type, ellipsis_type,
    function, builtin_function, method, module, cell, code, range, slice,
    range_iterator, list_iterator, tuple_iterator, str_iterator, dict_keyiterator,
    dict_valueiterator, dict_itemiterator, set_iterator, list_reverseiterator,
    callable_iterator, iterator, enumerate, zip, map, filter, reversed,
    dict_keys, dict_values, dict_items, generator, coroutine, async_generator,
    async_generator_asend, async_generator_athrow, anext_awaitable, property, staticmethod,
    classmethod, super_, traceback, frame,
    base_exception, system_exit, keyboard_interrupt, generator_exit, exception,
    stop_iteration, stop_async_iteration, arithmetic_error, floating_point_error,
    overflow_error, zero_division_error, assertion_error, attribute_error, buffer_error,
    eof_error, import_error, module_not_found_error, lookup_error, index_error, key_error,
    memory_error, name_error, unbound_local_error, os_error, timeout_error, runtime_error,
    not_implemented_error, recursion_error, syntax_error, indentation_error, tab_error,
    system_error, type_error, value_error, unicode_error, warning, user_warning,
    deprecation_warning, runtime_warning, run_aborted,
    blocking_io_error, child_process_error, connection_error, broken_pipe_error,
    connection_aborted_error, connection_refused_error, connection_reset_error,
    file_exists_error, file_not_found_error, interrupted_error, is_a_directory_error,
    not_a_directory_error, permission_error, process_lookup_error, reference_error,
    unicode_decode_error, unicode_encode_error, unicode_translate_error,
    pending_deprecation_warning, syntax_warning, future_warning, import_warning,
    unicode_warning, bytes_warning, resource_warning, encoding_warning,
    base_exception_group, exception_group,
    complex,
}

impl Types {
    /// The built-in value types: `int`, `bool`, `float`, `str`, `list`, `tuple`, `dict`,
    /// `set`, `frozenset`. A class pattern of one of them matches its one positional
    /// sub-pattern against the subject itself (`case int(n)`), as in CPython.
    pub fn value_types(&self) -> [&Arc<Class>; 9] {
        [
            &self.int,
            &self.bool,
            &self.float,
            &self.str,
            &self.list,
            &self.tuple,
            &self.dict,
            &self.set,
            &self.frozenset,
        ]
    }
}

static TYPES: OnceLock<Types> = OnceLock::new();

/// The built-in classes.
#[inline]
pub fn types() -> &'static Types {
    match TYPES.get() {
        Some(t) => t,
        None => not_built(),
    }
}

/// Makes the built-in classes, once per process: `boot.rs` calls it before any interpreter
/// exists, since only it knows every type's constructor and methods.
pub fn build_once(build: fn() -> Types) {
    TYPES.get_or_init(build);
}

#[cold]
fn not_built() -> ! {
    panic!("the built-in classes are used before `boot.rs` made them")
}

pub fn is_object_method(v: &Option<Value>, name: &str) -> bool {
    matches!(v, Some(Value::Builtin(b)) if b.owner == Some("object") && b.name == name)
}

/// Whether `c` is one of the built-in value types a class may extend (`class Stack(list)`):
/// its instances then carry a value of it ([`crate::vm::object::Instance::base`]).
pub fn is_value_type(c: &Arc<Class>) -> bool {
    let t = types();
    [
        &t.int,
        &t.float,
        &t.str,
        &t.bytes,
        &t.tuple,
        &t.list,
        &t.dict,
        &t.set,
        &t.frozenset,
    ]
    .iter()
    .any(|v| Arc::ptr_eq(v, c))
}

/// A table of native methods by name, as [`add_all`] registers them.
pub type Methods = &'static [(&'static str, NativeFn)];

/// Registers native functions in a class dict: the one mechanism every type's `register` uses.
pub fn add_all(cls: &Arc<Class>, methods: &[(&'static str, NativeFn)]) {
    for &(name, f) in methods {
        add_method(cls, name, f);
    }
}

/// Registers a native function in a class dict.
pub fn add_method(cls: &Arc<Class>, name: &'static str, func: NativeFn) {
    cls.dict.set_str(name, method_of(cls, name, func));
}

/// A native function as a method of a class: a built-in function owned by it.
pub fn method_of(cls: &Arc<Class>, name: &'static str, func: NativeFn) -> Value {
    let owner: &'static str = Box::leak(cls.name.clone().into_boxed_str());
    Value::Builtin(Arc::new(BuiltinFunction {
        name,
        owner: Some(owner),
        func,
    }))
}

/// The class of a value that is not an `Instance` or `Native` (those carry their own).
pub fn builtin_type_of(v: &Value) -> &'static Arc<Class> {
    let t = types();
    match v {
        Value::None | Value::Null => &t.none_type,
        Value::Bool(_) => &t.bool,
        Value::Int(_) | Value::BigInt(_) => &t.int,
        Value::Float(_) => &t.float,
        Value::Str(_) => &t.str,
        Value::Bytes(_) => &t.bytes,
        Value::Tuple(_) => &t.tuple,
        Value::List(_) => &t.list,
        Value::Dict(_) => &t.dict,
        Value::Set(s) => {
            if s.frozen {
                &t.frozenset
            } else {
                &t.set
            }
        }
        Value::Function(_) => &t.function,
        Value::Builtin(_) => &t.builtin_function,
        // A built-in function bound to its object (`[].append`) is one more built-in function.
        Value::Method(m) if matches!(m.func, Value::Builtin(_)) => &t.builtin_function,
        Value::Method(_) => &t.method,
        Value::Class(_) => &t.type_,
        Value::Module(_) => &t.module,
        Value::Cell(_) => &t.cell,
        Value::Code(_) => &t.code,
        Value::Range(_) => &t.range,
        Value::Slice(_) => &t.slice,
        Value::Iter(it) => match &**it {
            IterObj::Range { .. } => &t.range_iterator,
            IterObj::List { .. } => &t.list_iterator,
            IterObj::Tuple { .. } => &t.tuple_iterator,
            IterObj::Seq(s) => match &*s.lock() {
                SeqIter::Reversed { .. } => &t.list_reverseiterator,
                SeqIter::Str { .. } => &t.str_iterator,
                SeqIter::Dict { kind: 0, .. } => &t.dict_keyiterator,
                SeqIter::Dict { kind: 1, .. } => &t.dict_valueiterator,
                SeqIter::Dict { .. } => &t.dict_itemiterator,
                SeqIter::Values { .. } => &t.set_iterator,
                SeqIter::Enumerate { .. } => &t.enumerate,
                SeqIter::Zip { .. } => &t.zip,
                SeqIter::Map { .. } => &t.map,
                SeqIter::Filter { .. } => &t.filter,
                SeqIter::Callable { .. } => &t.callable_iterator,
                SeqIter::GetItem { .. } | SeqIter::Exhausted => &t.iterator,
            },
        },
        Value::Instance(_) | Value::Native(_) => &t.object,
    }
}

/// The metaclass of a class: `type` unless it has another.
pub fn metaclass_of(c: &Arc<Class>) -> Arc<Class> {
    c.metaclass.clone().unwrap_or_else(|| types().type_.clone())
}

/// The class of any value.
pub fn type_of(v: &Value) -> Arc<Class> {
    match v {
        Value::Instance(i) => i.class.clone(),
        Value::Native(n) => n.class(),
        Value::Class(c) => metaclass_of(c),
        other => builtin_type_of(other).clone(),
    }
}
