//! STUB: built-in functions and constructors.
use crate::vm::Vm;
use crate::vm::object::{Dict, KwArgs, PyResult};
use crate::vm::value::Value;
macro_rules! stub { ($($n:ident),*) => { $(pub fn $n(_vm: &mut Vm, _a: &[Value], _k: &KwArgs) -> PyResult<Value> { Ok(Value::None) })* } }
stub!(
    object_new,
    int_new,
    exception_new,
    type_new,
    bool_new,
    float_new,
    str_new,
    list_new,
    tuple_new,
    dict_new,
    set_new,
    frozenset_new,
    range_new,
    slice_new,
    enumerate_new,
    zip_new,
    map_new,
    filter_new,
    reversed_new,
    super_new
);
pub fn populate(_b: &Dict) {}
pub fn percent_format(_vm: &mut Vm, f: &str, _v: &Value) -> PyResult<String> {
    Ok(f.to_string())
}
pub fn unwrap_classmethod(_v: &Value, _o: &Value) -> Option<Value> {
    None
}
pub fn unwrap_staticmethod(_v: &Value) -> Option<Value> {
    None
}
pub fn property_get(_vm: &mut Vm, _p: &Value, _o: &Value) -> PyResult<Value> {
    Ok(Value::None)
}
pub fn property_set(_vm: &mut Vm, _p: &Value, _o: &Value, _v: Value) -> PyResult<()> {
    Ok(())
}
pub fn format_value(_vm: &mut Vm, _v: &Value, _spec: &str) -> PyResult<String> {
    Ok(String::new())
}
pub fn register_methods(_t: &crate::vm::types::Types) {}
pub fn sort_values(
    _vm: &mut Vm,
    _items: &mut Vec<Value>,
    _key: Option<&Value>,
    _reverse: bool,
) -> PyResult<()> {
    Ok(())
}
