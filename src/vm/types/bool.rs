//! `bool`: its constructor.

use crate::vm::Vm;
use crate::vm::object::value::Value;
use crate::vm::object::{KwArgs, PyResult};

// ----- arguments ---------------------------------------------------------------------------

/// Argument Clinic / `_PyArg_CheckPositional`: "getattr expected at least 2 arguments, got 1".
use crate::vm::args::positional as clinic;
use crate::vm::types::ctor_args::*;

/// `bool(x=False)`.
pub fn bool_new(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let a = clinic(ctor_args(args), kw, "bool", 0, 1)?;
    match a.first() {
        None => Ok(Value::Bool(false)),
        Some(x) => Ok(Value::Bool(vm.truthy(x)?)),
    }
}
