//! STUB: replaced by the real module.
pub fn float_repr(x: f64) -> String {
    format!("{:?}", x)
}
