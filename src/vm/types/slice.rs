//! `slice`: its constructor and `slice.indices`.

use std::sync::Arc;

use num_traits::{Signed, ToPrimitive};

use crate::vm::Vm;
use crate::vm::exceptions::{self as exc};
use crate::vm::object::{KwArgs, PyResult, SliceObj};
use crate::vm::types::{Types, add_method};
use crate::vm::value::Value;

// ----- arguments ---------------------------------------------------------------------------

use crate::vm::args::one_arg as one;
/// Argument Clinic / `_PyArg_CheckPositional`: "getattr expected at least 2 arguments, got 1".
use crate::vm::args::positional as clinic;
use crate::vm::types::ctor_args::*;

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

/// `slice.indices(length)`.
pub(crate) fn slice_indices_method(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
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
    // The answer needs big-int bounds, which are not built: refuse rather than clamp.
    sl.check_index_sized()?;
    let (start, stop, step, _) = crate::vm::ops::slice_indices(vm, sl, n)?;
    Ok(Value::tuple(vec![
        Value::Int(start),
        Value::Int(stop),
        Value::Int(step),
    ]))
}

/// Registers `slice.indices`.
pub(super) fn register(t: &Types) {
    if t.slice.dict.get_str("indices").is_none() {
        add_method(&t.slice, "indices", slice_indices_method);
    }
}
