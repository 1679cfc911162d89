//! STUB
use crate::vm::Vm;
use crate::vm::object::{Class, PyResult};
use crate::vm::value::Value;
use std::sync::Arc;
pub fn class_getitem(_vm: &mut Vm, _c: &Arc<Class>, _k: &Value) -> PyResult<Option<Value>> {
    Ok(None)
}
