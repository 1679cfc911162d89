//! The built-in classes: `object`, `int`, `str`, `list`, …, and the exception hierarchy.
//!
//! Built-in classes are immutable (as in CPython, `int.x = 1` is a TypeError), so they are
//! created once per process and shared by every interpreter; they hold no interpreter state.
//! Their methods are native functions in their class dict, found by the same attribute lookup
//! as a user class's methods.
//!
//! Each built-in type has its own file here, holding its constructor, its methods and, where
//! it has them, its fast protocol paths; each registers its methods in its class through
//! [`crate::vm::object::registry::add_all`]. The classes themselves, and the registry that
//! finds them ([`crate::vm::object::registry::types`]), are the object model's
//! (`vm/object/registry.rs`); `boot.rs` builds them.
//!
//! | file | owns |
//! |---|---|
//! | `object.rs` | `object`: its methods, its default `repr`, `dir`'s names (`type` is `class.rs`'s) |
//! | `int.rs`, `float.rs`, `bool.rs` | the numbers: constructors, methods, arithmetic |
//! | `complex.rs` | `complex`: constructor (numbers, strings), methods, CPython's arithmetic |
//! | `str.rs`, `str_tables.rs` | `str`: constructor, methods, character classes, `repr`/`ascii` escaping; Unicode tables |
//! | `list.rs`, `tuple.rs`, `range.rs`, `slice.rs` | the sequences and `slice` |
//! | `dict.rs` | `dict` and its views |
//! | `set.rs` | `set` and `frozenset` (their hash table is `vm/object/set_table.rs`) |
//! | `iterators.rs` | `enumerate`, `zip`, `map`, `filter`, `reversed` |
//! | `function.rs` | the descriptors `staticmethod`, `classmethod`, `property`, and `super` |
//! | `exceptions.rs` | `BaseException` and subclasses: constructor and methods; the exception groups |
//! | `args.rs` | argument helpers of the methods; `container_slot!`, `sequence_slots!` |
//! | `ctor_args.rs` | argument helpers of the constructors (shared with the built-in functions) |
//! | `tests.rs` | the methods' tests |

pub(crate) mod args;
pub(crate) mod bool;
pub(crate) mod bytearray;
pub(crate) mod bytes;
pub(crate) mod bytes_codecs;
pub(crate) mod complex;
pub(crate) mod ctor_args;
pub(crate) mod dict;
pub(crate) mod exceptions;
pub(crate) mod float;
pub(crate) mod function;
pub(crate) mod int;
pub(crate) mod iterators;
pub(crate) mod list;
pub(crate) mod memoryview;
pub(crate) mod object;
pub(crate) mod range;
pub(crate) mod set;
pub(crate) mod slice;
pub(crate) mod str;
mod str_tables;
#[cfg(test)]
mod tests;
pub(crate) mod tuple;
