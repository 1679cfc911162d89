//! STUB: replaced by the real module.
pub struct Mt19937;
impl Mt19937 {
    pub fn from_int_seed(_n: &num_bigint::BigInt) -> Self {
        Mt19937
    }
}
