//! `cmath`: CPython 3.11's `Modules/cmathmodule.c` for the functions a course uses (`sqrt`,
//! `exp`, `log`, `log10`, `phase`, `polar`, `rect`, `isclose`, `isfinite`, `isinf`, `isnan`)
//! and the constants. Finite arguments take CPython's algorithms step for step (the same libm
//! calls, so the same bits); non-finite ones follow C99 Annex G, which CPython's
//! special-value tables encode. The trigonometric and hyperbolic functions are not here yet.

use std::sync::Arc;

use crate::vm::Vm;
use crate::vm::modules::{add_funcs, arg_f64, one_arg, positional};
use crate::vm::object::complex::{complex_parts, complex_value};
use crate::vm::object::exceptions::{self as exc, PyErr};
use crate::vm::object::value::Value;
use crate::vm::object::{KwArgs, Module, PyResult};
use crate::vm::types::complex::{C, CErr, c_abs, c_diff, c_quot};

pub fn build(vm: &mut Vm) -> Arc<Module> {
    let m = vm.new_module("cmath");
    let d = &m.dict;
    d.set_str("pi", Value::Float(std::f64::consts::PI));
    d.set_str("e", Value::Float(std::f64::consts::E));
    d.set_str("tau", Value::Float(std::f64::consts::TAU));
    d.set_str("inf", Value::Float(f64::INFINITY));
    d.set_str("infj", complex_value(0.0, f64::INFINITY));
    d.set_str("nan", Value::Float(f64::NAN));
    d.set_str("nanj", complex_value(0.0, f64::NAN));
    add_funcs(
        d,
        &[
            ("sqrt", sqrt),
            ("exp", exp),
            ("log", log),
            ("log10", log10),
            ("phase", phase),
            ("polar", polar),
            ("rect", rect),
            ("isclose", isclose),
            ("isfinite", isfinite),
            ("isinf", isinf),
            ("isnan", isnan),
        ],
    );
    m
}

/// An argument as a complex number (`PyArg_Parse`'s `D`): a complex, `__complex__`, or a real
/// number ("must be real number, not str").
fn arg_complex(vm: &mut Vm, v: &Value) -> PyResult<C> {
    if let Some((re, im)) = complex_parts(v) {
        return Ok(C::new(re, im));
    }
    if let Some(r) = vm.call_special(v, "__complex__", &[])? {
        return match complex_parts(&r) {
            Some((re, im)) => Ok(C::new(re, im)),
            None => Err(exc::type_error(format!(
                "__complex__ returned non-complex (type {})",
                r.type_name()
            ))),
        };
    }
    Ok(C::new(arg_f64(vm, v)?, 0.0))
}

/// `math_error`: CPython's exception for an `errno`.
#[cold]
fn math_error(e: CErr) -> PyErr {
    match e {
        CErr::Range => exc::overflow_error("math range error"),
        _ => exc::value_error("math domain error"),
    }
}

/// A one-argument function: the result, or the error its `errno` names.
fn unary(
    vm: &mut Vm,
    args: &[Value],
    kw: &KwArgs,
    name: &str,
    f: fn(C) -> (C, CErr),
) -> PyResult<Value> {
    let z = arg_complex(vm, one_arg(args, kw, name)?)?;
    match f(z) {
        (r, CErr::None) => Ok(complex_value(r.re, r.im)),
        (_, e) => Err(math_error(e)),
    }
}

/// `2**53 + 1` and `-(53 + 1) / 2`: the scalings that keep `hypot` out of subnormals.
const CM_SCALE_UP: i32 = 53;
const CM_SCALE_DOWN: i32 = -27;

fn ldexp(x: f64, e: i32) -> f64 {
    x * 2f64.powi(e)
}

/// `cmath_sqrt_impl`.
fn c_sqrt(z: C) -> (C, CErr) {
    if !z.re.is_finite() || !z.im.is_finite() {
        let r = if z.im.is_infinite() {
            C::new(f64::INFINITY, z.im)
        } else if z.re == f64::NEG_INFINITY {
            if z.im.is_nan() {
                C::new(f64::NAN, f64::INFINITY)
            } else {
                C::new(0.0, f64::INFINITY.copysign(z.im))
            }
        } else if z.re == f64::INFINITY {
            if z.im.is_nan() {
                C::new(f64::INFINITY, f64::NAN)
            } else {
                C::new(f64::INFINITY, 0f64.copysign(z.im))
            }
        } else {
            C::new(f64::NAN, f64::NAN)
        };
        return (r, CErr::None);
    }
    if z.re == 0.0 && z.im == 0.0 {
        return (C::new(0.0, z.im), CErr::None);
    }
    let mut ax = z.re.abs();
    let ay = z.im.abs();
    let s = if ax < f64::MIN_POSITIVE && ay < f64::MIN_POSITIVE {
        // hypot(ax, ay) would be subnormal: scale up, then back down.
        ax = ldexp(ax, CM_SCALE_UP);
        ldexp(
            (ax + ax.hypot(ldexp(ay, CM_SCALE_UP))).sqrt(),
            CM_SCALE_DOWN,
        )
    } else {
        ax /= 8.0;
        2.0 * (ax + ax.hypot(ay / 8.0)).sqrt()
    };
    let d = ay / (2.0 * s);
    let r = if z.re >= 0.0 {
        C::new(s, d.copysign(z.im))
    } else {
        C::new(d, s.copysign(z.im))
    };
    (r, CErr::None)
}

/// `cmath_exp_impl`.
fn c_exp(z: C) -> (C, CErr) {
    if !z.re.is_finite() || !z.im.is_finite() {
        let r = if z.re.is_infinite() && z.im.is_finite() && z.im != 0.0 {
            if z.re > 0.0 {
                C::new(
                    f64::INFINITY.copysign(z.im.cos()),
                    f64::INFINITY.copysign(z.im.sin()),
                )
            } else {
                C::new(0f64.copysign(z.im.cos()), 0f64.copysign(z.im.sin()))
            }
        } else if z.re == f64::INFINITY && z.im == 0.0 {
            C::new(f64::INFINITY, z.im)
        } else if z.re == f64::NEG_INFINITY {
            C::new(0.0, if z.im == 0.0 { z.im } else { 0.0 })
        } else if z.re.is_nan() && z.im == 0.0 {
            C::new(f64::NAN, z.im)
        } else if z.re == f64::INFINITY {
            C::new(f64::INFINITY, f64::NAN)
        } else {
            C::new(f64::NAN, f64::NAN)
        };
        // A domain error when the imaginary part is infinite and the real part is finite
        // or +inf.
        let domain = z.im.is_infinite() && (z.re.is_finite() || z.re == f64::INFINITY);
        return (r, if domain { CErr::Domain } else { CErr::None });
    }
    let large = (f64::MAX / 4.0).ln();
    let r = if z.re > large {
        let l = (z.re - 1.0).exp();
        C::new(
            l * z.im.cos() * std::f64::consts::E,
            l * z.im.sin() * std::f64::consts::E,
        )
    } else {
        let l = z.re.exp();
        C::new(l * z.im.cos(), l * z.im.sin())
    };
    let err = if r.re.is_infinite() || r.im.is_infinite() {
        CErr::Range
    } else {
        CErr::None
    };
    (r, err)
}

/// `c_log`.
fn c_log(z: C) -> (C, CErr) {
    if !z.re.is_finite() || !z.im.is_finite() {
        let re = if z.re.is_infinite() || z.im.is_infinite() {
            f64::INFINITY
        } else {
            f64::NAN
        };
        return (C::new(re, z.im.atan2(z.re)), CErr::None);
    }
    let ax = z.re.abs();
    let ay = z.im.abs();
    let large = f64::MAX / 4.0;
    let re = if ax > large || ay > large {
        (ax / 2.0).hypot(ay / 2.0).ln() + std::f64::consts::LN_2
    } else if ax < f64::MIN_POSITIVE && ay < f64::MIN_POSITIVE {
        if ax > 0.0 || ay > 0.0 {
            // hypot(ax, ay) would be subnormal.
            ldexp(ax, 53).hypot(ldexp(ay, 53)).ln() - 53.0 * std::f64::consts::LN_2
        } else {
            // log(±0 ± 0j)
            return (C::new(f64::NEG_INFINITY, z.im.atan2(z.re)), CErr::Domain);
        }
    } else {
        let h = ax.hypot(ay);
        if (0.71..=1.73).contains(&h) {
            let (am, an) = if ax > ay { (ax, ay) } else { (ay, ax) };
            ((am - 1.0) * (am + 1.0) + an * an).ln_1p() / 2.0
        } else {
            h.ln()
        }
    };
    (C::new(re, z.im.atan2(z.re)), CErr::None)
}

fn sqrt(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    unary(vm, args, kw, "sqrt", c_sqrt)
}

fn exp(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    unary(vm, args, kw, "exp", c_exp)
}

fn log10(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    unary(vm, args, kw, "log10", |z| {
        let (r, e) = c_log(z);
        (
            C::new(
                r.re / std::f64::consts::LN_10,
                r.im / std::f64::consts::LN_10,
            ),
            e,
        )
    })
}

/// `log(x[, base])`: `log(x) / log(base)`.
fn log(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let a = positional(args, kw, "log", 1, 2)?;
    let x = arg_complex(vm, &a[0])?;
    let (mut r, mut err) = c_log(x);
    if let Some(b) = a.get(1) {
        let b = arg_complex(vm, b)?;
        let (lb, e1) = c_log(b);
        let (q, e2) = c_quot(r, lb);
        r = q;
        for e in [e1, e2] {
            if e != CErr::None {
                err = e;
            }
        }
    }
    match err {
        CErr::None => Ok(complex_value(r.re, r.im)),
        e => Err(math_error(e)),
    }
}

fn phase(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let z = arg_complex(vm, one_arg(args, kw, "phase")?)?;
    Ok(Value::Float(z.im.atan2(z.re)))
}

fn polar(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let z = arg_complex(vm, one_arg(args, kw, "polar")?)?;
    let phi = z.im.atan2(z.re);
    match c_abs(z) {
        (r, CErr::None) => Ok(Value::tuple(vec![Value::Float(r), Value::Float(phi)])),
        (_, e) => Err(math_error(e)),
    }
}

/// `rect(r, phi)`: `r * (cos(phi) + sin(phi)*1j)`.
fn rect(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let a = positional(args, kw, "rect", 2, 2)?;
    let (r, phi) = (arg_f64(vm, &a[0])?, arg_f64(vm, &a[1])?);
    let z = if !r.is_finite() || !phi.is_finite() {
        if r != 0.0 && !r.is_nan() && phi.is_infinite() {
            return Err(math_error(CErr::Domain));
        }
        if r.is_infinite() && phi.is_finite() && phi != 0.0 {
            let (c, s) = (
                f64::INFINITY.copysign(phi.cos()),
                f64::INFINITY.copysign(phi.sin()),
            );
            if r > 0.0 {
                C::new(c, s)
            } else {
                C::new(-c, -s)
            }
        } else if r.is_infinite() && phi == 0.0 {
            C::new(r, if r > 0.0 { phi } else { -phi })
        } else if r == 0.0 && !phi.is_nan() {
            C::new(0.0, 0.0)
        } else if r.is_infinite() {
            C::new(f64::INFINITY, f64::NAN)
        } else {
            C::new(f64::NAN, if phi == 0.0 { phi } else { f64::NAN })
        }
    } else if phi == 0.0 {
        C::new(r, r * phi)
    } else {
        C::new(r * phi.cos(), r * phi.sin())
    };
    Ok(complex_value(z.re, z.im))
}

fn isclose(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    use crate::vm::modules::math::{isclose_bind, isclose_tolerances};
    let p = isclose_bind(args, kw)?;
    let a = arg_complex(vm, p[0].as_ref().unwrap_or(&Value::None))?;
    let b = arg_complex(vm, p[1].as_ref().unwrap_or(&Value::None))?;
    let (rel_tol, abs_tol) = isclose_tolerances(vm, &p)?;
    if a.re == b.re && a.im == b.im {
        return Ok(Value::Bool(true));
    }
    if [a.re, a.im, b.re, b.im].iter().any(|x| x.is_infinite()) {
        return Ok(Value::Bool(false));
    }
    let diff = c_abs(c_diff(a, b)).0;
    Ok(Value::Bool(
        diff <= rel_tol * c_abs(b).0 || diff <= rel_tol * c_abs(a).0 || diff <= abs_tol,
    ))
}

fn isfinite(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let z = arg_complex(vm, one_arg(args, kw, "isfinite")?)?;
    Ok(Value::Bool(z.re.is_finite() && z.im.is_finite()))
}

fn isinf(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let z = arg_complex(vm, one_arg(args, kw, "isinf")?)?;
    Ok(Value::Bool(z.re.is_infinite() || z.im.is_infinite()))
}

fn isnan(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let z = arg_complex(vm, one_arg(args, kw, "isnan")?)?;
    Ok(Value::Bool(z.re.is_nan() || z.im.is_nan()))
}
