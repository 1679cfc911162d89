//! The built-in classes: `object`, `int`, `str`, `list`, …, and the exception hierarchy.
//!
//! Built-in classes are immutable (as in CPython, `int.x = 1` is a TypeError), so they are
//! created once per process and shared by every interpreter; they hold no interpreter state.
//! Their methods are native functions in their class dict, found by the same attribute lookup
//! as a user class's methods.
//!
//! This file is the registry: the [`Types`] struct, the class hierarchy (exceptions included),
//! and the one mechanism ([`add_all`]) by which each type's file registers its methods
//! (`register_all` calls each type's `register`). Each built-in type has its own file here,
//! holding its constructor, its methods and, where it has them, its fast protocol paths:
//!
//! | file | owns |
//! |---|---|
//! | `object.rs` | `object` (its methods) and `type` (`type(x)`, `type(name, bases, ns)`) |
//! | `int.rs`, `float.rs`, `bool.rs` | the numbers: constructors, methods, arithmetic |
//! | `str.rs`, `str_tables.rs` | `str`: constructor, methods, character classes, `repr`/`ascii` escaping; Unicode tables |
//! | `list.rs`, `tuple.rs`, `range.rs`, `slice.rs` | the sequences and `slice` |
//! | `dict.rs` | `dict` and its views |
//! | `set.rs`, `set_table.rs` | `set` and `frozenset`; their hash table, CPython's slot for slot |
//! | `iterators.rs` | `enumerate`, `zip`, `map`, `filter`, `reversed` |
//! | `function.rs` | the descriptors `staticmethod`, `classmethod`, `property`, and `super` |
//! | `exceptions.rs` | `BaseException` and subclasses: constructor and methods; the exception groups |
//! | `args.rs` | argument helpers of the methods; `container_slot!` |
//! | `ctor_args.rs` | argument helpers of the constructors (shared with the built-in functions) |
//! | `tests.rs` | the methods' tests |

pub(crate) mod args;
pub(crate) mod bool;
pub(crate) mod ctor_args;
pub(crate) mod dict;
pub(crate) mod exceptions;
pub(crate) mod float;
pub(crate) mod function;
pub(crate) mod int;
pub(crate) mod iterators;
pub(crate) mod list;
pub(crate) mod object;
pub(crate) mod range;
pub(crate) mod set;
pub mod set_table;
pub(crate) mod slice;
pub(crate) mod str;
mod str_tables;
#[cfg(test)]
mod tests;
pub(crate) mod tuple;

use std::sync::{Arc, LazyLock};

use crate::vm::object::{BuiltinFunction, Class, IterObj, NativeFn, SeqIter};
use crate::vm::value::Value;

macro_rules! types_struct {
    ($($field:ident),* $(,)?) => {
        /// Every built-in class, by field.
        pub struct Types { $(pub $field: Arc<Class>,)* }
    };
}

types_struct! {
    object, type_, int, bool, float, str, list, tuple, dict, set, frozenset, none_type,
    not_implemented_type, ellipsis_type,
    function, builtin_function, method, module, cell, code, range, slice,
    range_iterator, list_iterator, tuple_iterator, str_iterator, dict_keyiterator,
    dict_valueiterator, dict_itemiterator, set_iterator, list_reverseiterator,
    callable_iterator, iterator, enumerate, zip, map, filter, reversed,
    dict_keys, dict_values, dict_items, generator, coroutine, property, staticmethod,
    classmethod, super_,
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
}

static TYPES: LazyLock<Types> = LazyLock::new(build_types);

/// The built-in classes.
#[inline]
pub fn types() -> &'static Types {
    &TYPES
}

fn class(name: &str, base: Option<&Arc<Class>>, ctor: Option<NativeFn>) -> Arc<Class> {
    let is_exception = base.is_some_and(|b| b.is_exception) || name == "BaseException";
    Class::new_builtin(name, "builtins", base.cloned(), ctor, is_exception)
}

fn build_types() -> Types {
    let object = class("object", None, Some(object::object_new));
    let o = Some(&object);
    let int = class("int", o, Some(int::int_new));
    let base_exception = class("BaseException", o, Some(exceptions::exception_new));
    let be = Some(&base_exception);
    let exception = class("Exception", be, Some(exceptions::exception_new));
    let ex = Some(&exception);
    let arithmetic_error = class("ArithmeticError", ex, Some(exceptions::exception_new));
    let lookup_error = class("LookupError", ex, Some(exceptions::exception_new));
    let import_error = class("ImportError", ex, Some(exceptions::exception_new));
    let name_error = class("NameError", ex, Some(exceptions::exception_new));
    let os_error = class("OSError", ex, Some(exceptions::exception_new));
    let runtime_error = class("RuntimeError", ex, Some(exceptions::exception_new));
    let syntax_error = class("SyntaxError", ex, Some(exceptions::exception_new));
    let indentation_error = class(
        "IndentationError",
        Some(&syntax_error),
        Some(exceptions::exception_new),
    );
    let value_error = class("ValueError", ex, Some(exceptions::exception_new));
    let warning = class("Warning", ex, Some(exceptions::exception_new));
    let connection_error = class(
        "ConnectionError",
        Some(&os_error),
        Some(exceptions::exception_new),
    );
    let unicode_error = class(
        "UnicodeError",
        Some(&value_error),
        Some(exceptions::exception_new),
    );
    let base_exception_group = class(
        "BaseExceptionGroup",
        be,
        Some(exceptions::exception_group_new),
    );
    let exception_group = Class::new_builtin_multi(
        "ExceptionGroup",
        vec![base_exception_group.clone(), exception.clone()],
        Some(exceptions::exception_group_new),
    );
    let e =
        |name: &str, base: &Arc<Class>| class(name, Some(base), Some(exceptions::exception_new));
    let t = Types {
        type_: class("type", o, Some(object::type_new)),
        bool: class("bool", Some(&int), Some(bool::bool_new)),
        float: class("float", o, Some(float::float_new)),
        str: class("str", o, Some(str::str_new)),
        list: class("list", o, Some(list::list_new)),
        tuple: class("tuple", o, Some(tuple::tuple_new)),
        dict: class("dict", o, Some(dict::dict_new)),
        set: class("set", o, Some(set::set_new)),
        frozenset: class("frozenset", o, Some(set::frozenset_new)),
        none_type: class("NoneType", o, None),
        not_implemented_type: class("NotImplementedType", o, None),
        ellipsis_type: class("ellipsis", o, None),
        function: class("function", o, None),
        builtin_function: class("builtin_function_or_method", o, None),
        method: class("method", o, None),
        module: class("module", o, None),
        cell: class("cell", o, None),
        code: class("code", o, None),
        range: class("range", o, Some(range::range_new)),
        slice: class("slice", o, Some(slice::slice_new)),
        range_iterator: class("range_iterator", o, None),
        list_iterator: class("list_iterator", o, None),
        tuple_iterator: class("tuple_iterator", o, None),
        str_iterator: class("str_ascii_iterator", o, None),
        dict_keyiterator: class("dict_keyiterator", o, None),
        dict_valueiterator: class("dict_valueiterator", o, None),
        dict_itemiterator: class("dict_itemiterator", o, None),
        set_iterator: class("set_iterator", o, None),
        list_reverseiterator: class("list_reverseiterator", o, None),
        callable_iterator: class("callable_iterator", o, None),
        iterator: class("iterator", o, None),
        enumerate: class("enumerate", o, Some(iterators::enumerate_new)),
        zip: class("zip", o, Some(iterators::zip_new)),
        map: class("map", o, Some(iterators::map_new)),
        filter: class("filter", o, Some(iterators::filter_new)),
        reversed: class("reversed", o, Some(iterators::reversed_new)),
        dict_keys: class("dict_keys", o, None),
        dict_values: class("dict_values", o, None),
        dict_items: class("dict_items", o, None),
        generator: class("generator", o, None),
        coroutine: class("coroutine", o, None),
        property: class("property", o, None),
        staticmethod: class("staticmethod", o, None),
        classmethod: class("classmethod", o, None),
        super_: class("super", o, Some(function::super_new)),
        system_exit: e("SystemExit", &base_exception),
        keyboard_interrupt: e("KeyboardInterrupt", &base_exception),
        generator_exit: e("GeneratorExit", &base_exception),
        // Not a builtin: what unwinds every thread of a run `explore` has ended.
        run_aborted: e("_RunAborted", &base_exception),
        stop_iteration: e("StopIteration", &exception),
        stop_async_iteration: e("StopAsyncIteration", &exception),
        floating_point_error: e("FloatingPointError", &arithmetic_error),
        overflow_error: e("OverflowError", &arithmetic_error),
        zero_division_error: e("ZeroDivisionError", &arithmetic_error),
        assertion_error: e("AssertionError", &exception),
        attribute_error: e("AttributeError", &exception),
        buffer_error: e("BufferError", &exception),
        eof_error: e("EOFError", &exception),
        module_not_found_error: e("ModuleNotFoundError", &import_error),
        index_error: e("IndexError", &lookup_error),
        key_error: e("KeyError", &lookup_error),
        memory_error: e("MemoryError", &exception),
        unbound_local_error: e("UnboundLocalError", &name_error),
        timeout_error: e("TimeoutError", &os_error),
        not_implemented_error: e("NotImplementedError", &runtime_error),
        recursion_error: e("RecursionError", &runtime_error),
        tab_error: e("TabError", &indentation_error),
        system_error: e("SystemError", &exception),
        type_error: e("TypeError", &exception),
        blocking_io_error: e("BlockingIOError", &os_error),
        child_process_error: e("ChildProcessError", &os_error),
        broken_pipe_error: e("BrokenPipeError", &connection_error),
        connection_aborted_error: e("ConnectionAbortedError", &connection_error),
        connection_refused_error: e("ConnectionRefusedError", &connection_error),
        connection_reset_error: e("ConnectionResetError", &connection_error),
        file_exists_error: e("FileExistsError", &os_error),
        file_not_found_error: e("FileNotFoundError", &os_error),
        interrupted_error: e("InterruptedError", &os_error),
        is_a_directory_error: e("IsADirectoryError", &os_error),
        not_a_directory_error: e("NotADirectoryError", &os_error),
        permission_error: e("PermissionError", &os_error),
        process_lookup_error: e("ProcessLookupError", &os_error),
        reference_error: e("ReferenceError", &exception),
        unicode_decode_error: e("UnicodeDecodeError", &unicode_error),
        unicode_encode_error: e("UnicodeEncodeError", &unicode_error),
        unicode_translate_error: e("UnicodeTranslateError", &unicode_error),
        pending_deprecation_warning: e("PendingDeprecationWarning", &warning),
        syntax_warning: e("SyntaxWarning", &warning),
        future_warning: e("FutureWarning", &warning),
        import_warning: e("ImportWarning", &warning),
        unicode_warning: e("UnicodeWarning", &warning),
        bytes_warning: e("BytesWarning", &warning),
        resource_warning: e("ResourceWarning", &warning),
        encoding_warning: e("EncodingWarning", &warning),
        connection_error,
        unicode_error,
        user_warning: e("UserWarning", &warning),
        deprecation_warning: e("DeprecationWarning", &warning),
        runtime_warning: e("RuntimeWarning", &warning),
        base_exception_group,
        exception_group,
        object,
        int,
        base_exception,
        exception,
        arithmetic_error,
        lookup_error,
        import_error,
        name_error,
        os_error,
        runtime_error,
        syntax_error,
        indentation_error,
        value_error,
        warning,
    };
    register_all(&t);
    t
}

/// Registers each built-in type's methods in its class: the one place that lists the types.
/// Called once, while the built-in classes are being created: it must not call `types()`.
fn register_all(t: &Types) {
    str::register(t);
    list::register(t);
    tuple::register(t);
    range::register(t);
    dict::register(t);
    set::register(t);
    int::register(t);
    float::register(t);
    object::register(t);
    crate::vm::class::register(t);
    exceptions::register(t);
    slice::register(t);
    for cls in [&t.int, &t.float, &t.str] {
        add_method(cls, "__format__", crate::vm::format::value::format_method);
    }
    crate::vm::generator::register(t);
}

/// Registers native functions in a class dict: the one mechanism every type's `register` uses.
pub fn add_all(cls: &Arc<Class>, methods: &[(&'static str, NativeFn)]) {
    for &(name, f) in methods {
        add_method(cls, name, f);
    }
}

/// Registers a native function in a class dict.
pub fn add_method(cls: &Arc<Class>, name: &'static str, func: NativeFn) {
    let owner: &'static str = Box::leak(cls.name.clone().into_boxed_str());
    cls.dict.set_str(
        name,
        Value::Builtin(Arc::new(BuiltinFunction {
            name,
            owner: Some(owner),
            func,
        })),
    );
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
        Value::Method(_) => &t.method,
        Value::Class(_) => &t.type_,
        Value::Module(_) => &t.module,
        Value::Cell(_) => &t.cell,
        Value::Code(_) => &t.code,
        Value::Range(_) => &t.range,
        Value::Slice(_) => &t.slice,
        Value::Iter(it) => match &**it {
            IterObj::Range { .. } => &t.range_iterator,
            IterObj::Seq(s) => match &*s.lock() {
                SeqIter::List { .. } => &t.list_iterator,
                SeqIter::Reversed { .. } => &t.list_reverseiterator,
                SeqIter::Tuple { .. } => &t.tuple_iterator,
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

/// The class of any value.
pub fn type_of(v: &Value) -> Arc<Class> {
    match v {
        Value::Instance(i) => i.class.clone(),
        Value::Native(n) => n.class(),
        Value::Class(c) => crate::vm::class::metaclass_of(c),
        other => builtin_type_of(other).clone(),
    }
}
