//! `complex`: its constructor (numbers and strings), its methods and its arithmetic, with
//! CPython 3.11's algorithms (`Objects/complexobject.c`: `_Py_c_quot`, `_Py_c_pow` and the
//! small-integer power `c_powi`) so that results are the same bits. The object itself is
//! `vm/object/complex.rs`; `format(z, spec)` is `vm/format/spec.rs`'s.
//!
//! As in 3.11 there is no mixed-mode arithmetic: an int or a float operand becomes a complex
//! with a zero imaginary part first (`2 * z` multiplies `(2+0j) * z`).

use super::args::*;
use crate::bytecode::constant::complex_repr;
use crate::vm::Vm;
use crate::vm::num::bigint_to_f64;
use crate::vm::object::complex::{complex_parts, complex_value};
use crate::vm::object::exceptions::{self as exc, PyErr};
use crate::vm::object::registry::{Types, add_all};
use crate::vm::object::value::{NOT_IMPLEMENTED, Value, hash_f64};
use crate::vm::object::{KwArgs, NativeFn, PyResult};
use crate::vm::types::ctor_args::*;

/// A complex number's two parts (`Py_complex`).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct C {
    pub re: f64,
    pub im: f64,
}

const C_1: C = C { re: 1.0, im: 0.0 };

impl C {
    pub fn new(re: f64, im: f64) -> C {
        C { re, im }
    }
    fn value(self) -> Value {
        complex_value(self.re, self.im)
    }
}

/// What a complex operation reports beside its result (CPython's `errno`).
#[derive(Clone, Copy, PartialEq, Debug)]
pub enum CErr {
    None,
    /// `EDOM`: division by zero, zero to a negative or complex power.
    Domain,
    /// `ERANGE`: the result overflowed.
    Range,
}

pub fn c_sum(a: C, b: C) -> C {
    C::new(a.re + b.re, a.im + b.im)
}

pub fn c_diff(a: C, b: C) -> C {
    C::new(a.re - b.re, a.im - b.im)
}

pub fn c_prod(a: C, b: C) -> C {
    C::new(a.re * b.re - a.im * b.im, a.re * b.im + a.im * b.re)
}

/// `_Py_c_quot`: Smith's method, dividing through by the larger part of `b`.
pub fn c_quot(a: C, b: C) -> (C, CErr) {
    let abs_breal = b.re.abs();
    let abs_bimag = b.im.abs();
    if abs_breal >= abs_bimag {
        if abs_breal == 0.0 {
            return (C::new(0.0, 0.0), CErr::Domain);
        }
        let ratio = b.im / b.re;
        let denom = b.re + b.im * ratio;
        (
            C::new((a.re + a.im * ratio) / denom, (a.im - a.re * ratio) / denom),
            CErr::None,
        )
    } else if abs_bimag >= abs_breal {
        let ratio = b.re / b.im;
        let denom = b.re * ratio + b.im;
        (
            C::new((a.re * ratio + a.im) / denom, (a.im * ratio - a.re) / denom),
            CErr::None,
        )
    } else {
        // At least one part of `b` is a NaN.
        (C::new(f64::NAN, f64::NAN), CErr::None)
    }
}

/// `_Py_c_pow`: through the polar form.
fn c_pow_general(a: C, b: C) -> (C, CErr) {
    if b.re == 0.0 && b.im == 0.0 {
        return (C_1, CErr::None);
    }
    if a.re == 0.0 && a.im == 0.0 {
        let err = if b.im != 0.0 || b.re < 0.0 {
            CErr::Domain
        } else {
            CErr::None
        };
        return (C::new(0.0, 0.0), err);
    }
    let vabs = a.re.hypot(a.im);
    let mut len = vabs.powf(b.re);
    let at = a.im.atan2(a.re);
    let mut phase = at * b.re;
    if b.im != 0.0 {
        len /= (at * b.im).exp();
        phase += b.im * vabs.ln();
    }
    (C::new(len * phase.cos(), len * phase.sin()), CErr::None)
}

/// `c_powu`: `x ** n` by repeated squaring, for `n >= 0`.
fn c_powu(x: C, n: i64) -> C {
    let mut r = C_1;
    let mut p = x;
    let mut mask: i64 = 1;
    while mask > 0 && n >= mask {
        if n & mask != 0 {
            r = c_prod(r, p);
        }
        mask <<= 1;
        p = c_prod(p, p);
    }
    r
}

/// `c_powi`: an integer power.
fn c_powi(x: C, n: i64) -> (C, CErr) {
    if n > 0 {
        (c_powu(x, n), CErr::None)
    } else {
        c_quot(C_1, c_powu(x, -n))
    }
}

/// `complex_pow`: `a ** b`, with the small-integer fast path, and its errors.
pub fn c_pow(a: C, b: C) -> PyResult<C> {
    let (p, mut err) = if b.im == 0.0 && b.re == b.re.floor() && b.re.abs() <= 100.0 {
        c_powi(a, b.re as i64)
    } else {
        c_pow_general(a, b)
    };
    // `Py_ADJUST_ERANGE2`: an infinite part is an overflow.
    if p.re.is_infinite() || p.im.is_infinite() {
        if err == CErr::None {
            err = CErr::Range;
        }
    } else if err == CErr::Range {
        err = CErr::None;
    }
    match err {
        CErr::Domain => Err(exc::zero_division_error(
            "0.0 to a negative or complex power",
        )),
        CErr::Range => Err(exc::overflow_error("complex exponentiation")),
        CErr::None => Ok(p),
    }
}

/// `_Py_c_abs`: `hypot`, with infinities winning over NaNs; `Range` when it overflows.
pub fn c_abs(z: C) -> (f64, CErr) {
    if !z.re.is_finite() || !z.im.is_finite() {
        if z.re.is_infinite() {
            return (z.re.abs(), CErr::None);
        }
        if z.im.is_infinite() {
            return (z.im.abs(), CErr::None);
        }
        return (f64::NAN, CErr::None);
    }
    let r = z.re.hypot(z.im);
    (
        r,
        if r.is_finite() {
            CErr::None
        } else {
            CErr::Range
        },
    )
}

/// CPython's hash of a complex: the parts' float hashes, the imaginary one times 1000003.
pub fn c_hash(z: C) -> i64 {
    let re = hash_f64(z.re) as u64;
    let im = hash_f64(z.im) as u64;
    let h = re.wrapping_add(im.wrapping_mul(1000003)) as i64;
    if h == -1 { -2 } else { h }
}

/// An operand of complex arithmetic: a complex, or an int or a float as one (`to_complex`);
/// `None` for any other type (the operator then answers `NotImplemented`).
pub fn operand(v: &Value) -> Option<PyResult<C>> {
    if let Some((re, im)) = complex_parts(v) {
        return Some(Ok(C::new(re, im)));
    }
    Some(match v.builtin_base() {
        Value::Float(x) => Ok(C::new(*x, 0.0)),
        Value::Int(i) => Ok(C::new(*i as f64, 0.0)),
        Value::Bool(b) => Ok(C::new(*b as i64 as f64, 0.0)),
        Value::BigInt(b) => bigint_to_f64(b).map(|x| C::new(x, 0.0)),
        _ => return None,
    })
}

/// `self` of a complex method.
fn this(args: &[Value], name: &str) -> PyResult<C> {
    match args.first() {
        Some(v) => match complex_parts(v) {
            Some((re, im)) => Ok(C::new(re, im)),
            None => Err(descriptor_error(name, "complex", v)),
        },
        None => Err(unbound_error("complex", name)),
    }
}

/// A binary operator's two operands: `self` and the other as complex numbers, or `None` when
/// the other is not a number (`NotImplemented`).
fn operands(args: &[Value], kw: &KwArgs, name: &str) -> PyResult<Option<(C, C)>> {
    let a = this(args, name)?;
    let b = one_arg(args, kw, &format!("complex.{name}"))?;
    match operand(b) {
        Some(b) => Ok(Some((a, b?))),
        None => Ok(None),
    }
}

/// `a / b` of complex numbers.
pub fn c_truediv(a: C, b: C) -> PyResult<C> {
    match c_quot(a, b) {
        (_, CErr::Domain) => Err(exc::zero_division_error("complex division by zero")),
        (q, _) => Ok(q),
    }
}

macro_rules! binop {
    ($name:ident, $dunder:literal, |$a:ident, $b:ident| $body:expr) => {
        fn $name(_vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
            match operands(args, kw, $dunder)? {
                Some(($a, $b)) => Ok(($body)?.value()),
                None => Ok(NOT_IMPLEMENTED.clone()),
            }
        }
    };
}

binop!(add, "__add__", |a, b| PyResult::Ok(c_sum(a, b)));
binop!(radd, "__radd__", |a, b| PyResult::Ok(c_sum(b, a)));
binop!(sub, "__sub__", |a, b| PyResult::Ok(c_diff(a, b)));
binop!(rsub, "__rsub__", |a, b| PyResult::Ok(c_diff(b, a)));
binop!(mul, "__mul__", |a, b| PyResult::Ok(c_prod(a, b)));
binop!(rmul, "__rmul__", |a, b| PyResult::Ok(c_prod(b, a)));
binop!(truediv, "__truediv__", |a, b| c_truediv(a, b));
binop!(rtruediv, "__rtruediv__", |a, b| c_truediv(b, a));

/// `pow(a, b, mod)`: a modulus is refused ("complex modulo").
fn pow_args(args: &[Value], name: &str) -> PyResult<Option<(C, C)>> {
    let a = this(args, name)?;
    let rest = &args[1..];
    positional_count(rest, name, 1, 2)?;
    if let Some(m) = rest.get(1)
        && !m.is_none()
    {
        return Err(exc::value_error("complex modulo"));
    }
    match operand(&rest[0]) {
        Some(b) => Ok(Some((a, b?))),
        None => Ok(None),
    }
}

fn pow(_vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    match pow_args(args, "__pow__")? {
        Some((a, b)) => Ok(c_pow(a, b)?.value()),
        None => Ok(NOT_IMPLEMENTED.clone()),
    }
}

fn rpow(_vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    match pow_args(args, "__rpow__")? {
        Some((a, b)) => Ok(c_pow(b, a)?.value()),
        None => Ok(NOT_IMPLEMENTED.clone()),
    }
}

/// `float ** float` when the base is negative and the exponent not an integer: the result is
/// complex (CPython's `float_pow` hands those to `complex.__pow__`).
pub fn negative_float_pow(x: f64, y: f64) -> PyResult<Value> {
    Ok(c_pow(C::new(x, 0.0), C::new(y, 0.0))?.value())
}

fn neg(_vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let z = this(args, "__neg__")?;
    no_args(args, kw, "complex.__neg__")?;
    Ok(C::new(-z.re, -z.im).value())
}

fn pos(_vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let z = this(args, "__pos__")?;
    no_args(args, kw, "complex.__pos__")?;
    Ok(z.value())
}

fn abs(_vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let z = this(args, "__abs__")?;
    no_args(args, kw, "complex.__abs__")?;
    match c_abs(z) {
        (_, CErr::Range) => Err(exc::overflow_error("absolute value too large")),
        (r, _) => Ok(Value::Float(r)),
    }
}

fn bool_(_vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let z = this(args, "__bool__")?;
    no_args(args, kw, "complex.__bool__")?;
    Ok(Value::Bool(z.re != 0.0 || z.im != 0.0))
}

fn conjugate(_vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let z = this(args, "conjugate")?;
    no_args(args, kw, "complex.conjugate")?;
    Ok(C::new(z.re, -z.im).value())
}

fn complex_(_vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let z = this(args, "__complex__")?;
    no_args(args, kw, "complex.__complex__")?;
    Ok(z.value())
}

fn repr(_vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let z = this(args, "__repr__")?;
    no_args(args, kw, "complex.__repr__")?;
    Ok(Value::string(complex_repr(z.re, z.im)))
}

fn hash(_vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let z = this(args, "__hash__")?;
    no_args(args, kw, "complex.__hash__")?;
    Ok(Value::Int(c_hash(z)))
}

fn getnewargs(_vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let z = this(args, "__getnewargs__")?;
    no_args(args, kw, "complex.__getnewargs__")?;
    Ok(Value::tuple(vec![Value::Float(z.re), Value::Float(z.im)]))
}

/// `complex_richcompare`: only `==` and `!=`; an int is compared exactly with the real part
/// when the imaginary part is zero.
fn equal(vm: &mut Vm, args: &[Value], kw: &KwArgs, name: &str) -> PyResult<Option<bool>> {
    let z = this(args, name)?;
    let other = one_arg(args, kw, &format!("complex.{name}"))?;
    if let Some((re, im)) = complex_parts(other) {
        return Ok(Some(z.re == re && z.im == im));
    }
    match other.builtin_base() {
        Value::Float(x) => Ok(Some(z.re == *x && z.im == 0.0)),
        i @ (Value::Int(_) | Value::Bool(_) | Value::BigInt(_)) => {
            if z.im != 0.0 {
                return Ok(Some(false));
            }
            let i = i.clone();
            Ok(Some(vm.eq(&Value::Float(z.re), &i)?))
        }
        _ => Ok(None),
    }
}

fn eq(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    Ok(match equal(vm, args, kw, "__eq__")? {
        Some(b) => Value::Bool(b),
        None => NOT_IMPLEMENTED.clone(),
    })
}

fn ne(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    Ok(match equal(vm, args, kw, "__ne__")? {
        Some(b) => Value::Bool(!b),
        None => NOT_IMPLEMENTED.clone(),
    })
}

/// Registers the methods of `complex` in its class (its `__format__` is the format module's).
/// Called once, while the built-in classes are being created: it must not call `types()`.
pub(crate) fn register(t: &Types) {
    let methods: &[(&'static str, NativeFn)] = &[
        ("__repr__", repr),
        ("__hash__", hash),
        ("__eq__", eq),
        ("__ne__", ne),
        ("__bool__", bool_),
        ("__neg__", neg),
        ("__pos__", pos),
        ("__abs__", abs),
        ("__add__", add),
        ("__radd__", radd),
        ("__sub__", sub),
        ("__rsub__", rsub),
        ("__mul__", mul),
        ("__rmul__", rmul),
        ("__truediv__", truediv),
        ("__rtruediv__", rtruediv),
        ("__pow__", pow),
        ("__rpow__", rpow),
        ("__complex__", complex_),
        ("__getnewargs__", getnewargs),
        ("conjugate", conjugate),
    ];
    add_all(&t.complex, methods);
}

// ----- the constructor -----------------------------------------------------------------------

/// `complex(real=0, imag=0)`.
pub fn complex_new(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let a = bind_params(ctor_args(args), kw, "complex", &["real", "imag"], 0)?;
    let (r, i) = (a[0].clone(), a[1].clone());
    let Some(r) = r else {
        return match i {
            None => Ok(complex_value(0.0, 0.0)),
            Some(i) => complex_from_parts(vm, &Value::Int(0), Some(&i)),
        };
    };
    if let Value::Str(s) = r.builtin_base() {
        if i.is_some() {
            return Err(exc::type_error(
                "complex() can't take second arg if first is a string",
            ));
        }
        let z = parse_complex(&crate::vm::types::str::decimal_and_space_to_ascii(
            s.as_str(),
        ))
        .ok_or_else(|| exc::value_error("complex() arg is a malformed string"))?;
        return Ok(z.value());
    }
    if let Some(i) = &i
        && let Value::Str(_) = i.builtin_base()
    {
        return Err(exc::type_error("complex() second arg can't be a string"));
    }
    complex_from_parts(vm, &r, i.as_ref())
}

/// `r` as a complex for the constructor: a complex (or `__complex__`), else a real number
/// through `__float__`/`__index__`; the flag says whether it was complex.
fn ctor_part(vm: &mut Vm, v: &Value, first: bool) -> PyResult<(C, bool)> {
    if let Some((re, im)) = complex_parts(v) {
        return Ok((C::new(re, im), true));
    }
    if let Some(r) = vm.call_special(v, "__complex__", &[])? {
        return match complex_parts(&r) {
            Some((re, im)) => Ok((C::new(re, im), true)),
            None => Err(exc::type_error(format!(
                "__complex__ returned non-complex (type {})",
                r.type_name()
            ))),
        };
    }
    let real_number = crate::vm::num::to_f64(v.builtin_base()).is_some()
        || vm.lookup_special(v, "__float__").is_some()
        || vm.lookup_special(v, "__index__").is_some();
    if !real_number {
        return Err(not_a_number(v, first));
    }
    let x = crate::vm::args::arg_f64(vm, v)?;
    Ok((C::new(x, 0.0), false))
}

#[cold]
fn not_a_number(v: &Value, first: bool) -> PyErr {
    if first {
        exc::type_error(format!(
            "complex() first argument must be a string or a number, not '{}'",
            v.type_name()
        ))
    } else {
        exc::type_error(format!(
            "complex() second argument must be a number, not '{}'",
            v.type_name()
        ))
    }
}

/// `complex(r, i)` of numbers: `r + i*1j`, each possibly complex.
fn complex_from_parts(vm: &mut Vm, r: &Value, i: Option<&Value>) -> PyResult<Value> {
    if i.is_none() && complex_parts(r).is_some() {
        return Ok(r.clone());
    }
    let (mut cr, cr_is_complex) = ctor_part(vm, r, true)?;
    let Some(i) = i else {
        return Ok(cr.value());
    };
    let (ci, ci_is_complex) = ctor_part(vm, i, false)?;
    let mut im = ci.re;
    if ci_is_complex {
        cr.re -= ci.im;
    }
    if cr_is_complex {
        im += cr.im;
    }
    Ok(C::new(cr.re, im).value())
}

/// The longest float at the start of `s` (`PyOS_string_to_double` without an error for what
/// follows): its value and length, or `None` if `s` does not start with one.
fn scan_float(s: &str) -> Option<(f64, usize)> {
    let b = s.as_bytes();
    let mut i = 0;
    if matches!(b.first(), Some(b'+' | b'-')) {
        i = 1;
    }
    let lower = s[i..].to_ascii_lowercase();
    for word in ["infinity", "inf", "nan"] {
        if lower.starts_with(word) {
            let x = if word == "nan" {
                f64::NAN
            } else {
                f64::INFINITY
            };
            let x = if b[0] == b'-' { -x } else { x };
            return Some((x, i + word.len()));
        }
    }
    let start = i;
    let digits = |i: &mut usize| {
        let from = *i;
        while b.get(*i).is_some_and(u8::is_ascii_digit) {
            *i += 1;
        }
        *i - from
    };
    let mut n = digits(&mut i);
    if b.get(i) == Some(&b'.') {
        i += 1;
        n += digits(&mut i);
    }
    if n == 0 {
        return None;
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        let mut j = i + 1;
        if matches!(b.get(j), Some(b'+' | b'-')) {
            j += 1;
        }
        if digits(&mut j) > 0 {
            i = j;
        }
    }
    let x: f64 = s[..i].parse().ok()?;
    let _ = start;
    Some((x, i))
}

/// `complex_from_string_inner`: `<float>`, `<float>j`, `<float><signed float>j`, and the old
/// forms `<float><sign>j`, `<sign>j`, `j`; optional brackets and surrounding whitespace;
/// underscores only between digits.
pub fn parse_complex(text: &str) -> Option<C> {
    let raw = text.as_bytes();
    let mut clean = String::with_capacity(text.len());
    for (k, &c) in raw.iter().enumerate() {
        if c == b'_' {
            let before = k > 0 && raw[k - 1].is_ascii_digit();
            let after = raw.get(k + 1).is_some_and(u8::is_ascii_digit);
            if !before || !after {
                return None;
            }
        } else {
            clean.push(c as char);
        }
    }
    let s = clean.as_str();
    let b = s.as_bytes();
    let space = |c: Option<&u8>| c.is_some_and(|c| c.is_ascii_whitespace() || *c == 0x0b);
    let mut i = 0;
    while space(b.get(i)) {
        i += 1;
    }
    let mut bracket = false;
    if b.get(i) == Some(&b'(') {
        bracket = true;
        i += 1;
        while space(b.get(i)) {
            i += 1;
        }
    }
    let is_j = |c: Option<&u8>| matches!(c, Some(b'j' | b'J'));
    let (mut x, mut y) = (0.0, 0.0);
    match scan_float(&s[i..]) {
        Some((z, n)) => {
            i += n;
            if matches!(b.get(i), Some(b'+' | b'-')) {
                x = z;
                match scan_float(&s[i..]) {
                    Some((w, n)) => {
                        y = w;
                        i += n;
                    }
                    None => {
                        y = if b[i] == b'+' { 1.0 } else { -1.0 };
                        i += 1;
                    }
                }
                if !is_j(b.get(i)) {
                    return None;
                }
                i += 1;
            } else if is_j(b.get(i)) {
                i += 1;
                y = z;
            } else {
                x = z;
            }
        }
        None => {
            if matches!(b.get(i), Some(b'+' | b'-')) {
                y = if b[i] == b'+' { 1.0 } else { -1.0 };
                i += 1;
            } else {
                y = 1.0;
            }
            if !is_j(b.get(i)) {
                return None;
            }
            i += 1;
        }
    }
    while space(b.get(i)) {
        i += 1;
    }
    if bracket {
        if b.get(i) != Some(&b')') {
            return None;
        }
        i += 1;
        while space(b.get(i)) {
            i += 1;
        }
    }
    (i == b.len()).then_some(C::new(x, y))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_parse_as_cpython_reads_them() {
        let ok = |s: &str| parse_complex(s).map(|c| (c.re, c.im));
        assert_eq!(ok("1+2j"), Some((1.0, 2.0)));
        assert_eq!(ok(" ( -1.5e3-J ) "), Some((-1500.0, -1.0)));
        assert_eq!(ok("j"), Some((0.0, 1.0)));
        assert_eq!(ok("3"), Some((3.0, 0.0)));
        assert_eq!(ok("1_000j"), Some((0.0, 1000.0)));
        assert_eq!(ok("1+"), None);
        assert_eq!(ok("1 + 2j"), None);
        assert_eq!(ok("(1+2j"), None);
    }

    #[test]
    fn integer_powers_take_the_exact_path() {
        let z = C::new(1.0, 2.0);
        assert_eq!(c_pow(z, C::new(2.0, 0.0)).ok(), Some(C::new(-3.0, 4.0)));
        assert!(c_pow(C::new(0.0, 0.0), C::new(-1.0, 0.0)).is_err());
        assert_eq!(c_hash(C::new(1.0, 2.0)), 2000007);
    }
}
