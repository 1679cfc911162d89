//! `tuple`: its methods (`index`, `count`).

use super::args::*;
use super::list::index_bounds;
use crate::vm::Vm;
use crate::vm::object::exceptions::{self as exc};
use crate::vm::object::registry::{Types, add_all};
use crate::vm::object::value::Value;
use crate::vm::object::{KwArgs, PyResult};
use crate::vm::types::ctor_args::*;

// ----- tuple and range ---------------------------------------------------------------------------

/// `tuple.index(x, start=0, stop=sys.maxsize)`
pub(super) fn tuple_index(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let t = this_tuple(args, "index")?;
    let pos = positional(args, kw, "tuple.index", 1, 3)?;
    let (start, stop) = index_bounds(vm, pos, t.len())?;
    for (i, item) in t.iter().enumerate().take(stop).skip(start) {
        if same_or_eq(vm, item, &pos[0])? {
            return Ok(Value::Int(i as i64));
        }
    }
    Err(exc::value_error("tuple.index(x): x not in tuple"))
}

/// `tuple.count(x)`
pub(super) fn tuple_count(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let t = this_tuple(args, "count")?;
    let x = one_arg(args, kw, "tuple.count")?;
    let mut n = 0;
    for item in t {
        if same_or_eq(vm, item, x)? {
            n += 1;
        }
    }
    Ok(Value::Int(n))
}

/// Registers the methods of `tuple` in its class. Called once, while the built-in classes are
/// being created: it must not call `types()`.
pub(crate) fn register(t: &Types) {
    add_all(&t.tuple, &[("index", tuple_index), ("count", tuple_count)]);
    add_all(&t.tuple, &sequence_slots!(this_tuple, |s| s.len()));
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
