//! STUB: built-in modules.
pub mod typing;
use crate::vm::Vm;
use crate::vm::object::PyResult;
use crate::vm::value::Value;
pub fn import(_vm: &mut Vm, name: &str) -> PyResult<Value> {
    Err(crate::vm::exceptions::module_not_found_error(format!(
        "No module named '{}'",
        name
    )))
}
