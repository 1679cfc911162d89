//! `repr(float)`, `%g`-style formatting and `round(x, n)`, following CPython 3.11's
//! `Python/pystrtod.c` and `_Py_dg_dtoa`.

use super::*;

/// Splits Rust's `{:e}` output into its mantissa digits (no point) and exponent.
pub(super) fn split_exp(s: &str) -> (String, i64) {
    let (mant, exp) = s.split_once('e').unwrap_or((s, "0"));
    let digits: String = mant.chars().filter(char::is_ascii_digit).collect();
    (digits, exp.parse().unwrap_or(0))
}

/// CPython's exponent suffix: sign and at least two digits.
pub(super) fn exp_suffix(e: char, exp: i64) -> String {
    let sign = if exp < 0 { '-' } else { '+' };
    format!("{e}{sign}{:02}", exp.abs())
}

/// The digit layout of `format_float_short` for the `g` and `r` modes. `digits` has no
/// trailing zeros (except a lone `0`), `decpt` is the decimal point position.
pub(super) fn layout_digits(
    digits: &str,
    decpt: i64,
    use_exp: bool,
    min_digits: i64,
    alt: bool,
    add_dot_0: bool,
) -> String {
    let bytes = digits.as_bytes();
    let digits_len = bytes.len() as i64;
    let (decpt, exp) = if use_exp { (1, decpt - 1) } else { (decpt, 0) };
    let start = if decpt <= 0 { decpt - 1 } else { 0 };
    let mut end = digits_len.max(min_digits);
    if !use_exp && add_dot_0 {
        end = end.max(decpt + 1);
    } else {
        end = end.max(decpt);
    }
    let mut out = String::new();
    for i in start..end {
        if i == decpt {
            out.push('.');
        }
        let d = if i >= 0 && i < digits_len {
            bytes[i as usize] as char
        } else {
            '0'
        };
        out.push(d);
    }
    if end == decpt {
        out.push('.');
    }
    if out.ends_with('.') && !alt {
        out.pop();
    }
    if use_exp {
        out.push_str(&exp_suffix('e', exp));
    }
    out
}

/// Formats a finite non-negative float. `ty` is one of `e f g r` (lowercase).
pub(super) fn format_abs(a: f64, ty: char, prec: usize, alt: bool, add_dot_0: bool) -> String {
    match ty {
        'f' => {
            let mut s = format!("{a:.prec$}");
            if alt && prec == 0 {
                s.push('.');
            }
            s
        }
        'e' => {
            let s = format!("{a:.prec$e}");
            let (mant, exp) = s.split_once('e').unwrap_or((&s, "0"));
            let mut m = mant.to_string();
            if alt && prec == 0 {
                m.push('.');
            }
            m + &exp_suffix('e', exp.parse().unwrap_or(0))
        }
        'g' => {
            let p = prec.max(1);
            let s = format!("{a:.*e}", p - 1);
            let (mut digits, exp) = split_exp(&s);
            while digits.len() > 1 && digits.ends_with('0') {
                digits.pop();
            }
            let decpt = exp + 1;
            let limit = if add_dot_0 { p as i64 - 1 } else { p as i64 };
            let use_exp = decpt <= -4 || decpt > limit;
            let min_digits = if alt { p as i64 } else { 0 };
            layout_digits(&digits, decpt, use_exp, min_digits, alt, add_dot_0)
        }
        _ => {
            let (digits, exp) = shortest_digits(a);
            let decpt = exp + 1;
            let use_exp = decpt <= -4 || decpt > 16;
            layout_digits(&digits, decpt, use_exp, 0, alt, add_dot_0)
        }
    }
}

/// The shortest digits that read back as `a`, and the decimal exponent of the first: one
/// implementation, the disassembler's (`bytecode::constant`).
pub(super) fn shortest_digits(a: f64) -> (String, i64) {
    let (digits, exp) = crate::bytecode::constant::shortest_digits(a);
    (digits, exp as i64)
}

/// CPython's `repr(float)`: one implementation, shared with the disassembler.
pub use crate::bytecode::constant::float_repr;

/// `'%.*g'`-style formatting (as `%g` / `format(x, '.Ng')`), with `#` as `alternate`.
pub fn float_str_g(x: f64, precision: usize, upper: bool, alternate: bool) -> String {
    let body = if x.is_nan() {
        "nan".to_string()
    } else if x.is_infinite() {
        "inf".to_string()
    } else {
        format_abs(x.abs(), 'g', precision, alternate, false)
    };
    let body = if upper { body.to_uppercase() } else { body };
    if x.is_sign_negative() && !x.is_nan() {
        format!("-{body}")
    } else {
        body
    }
}

/// CPython's `round(x, ndigits)` for a float: correctly rounded, half-even on the exact
/// value. A result too large to represent comes back as an infinity (CPython raises
/// `OverflowError: rounded value too large to represent`).
pub fn round_float(x: f64, ndigits: i64) -> f64 {
    const NDIGITS_MAX: i64 = 323;
    const NDIGITS_MIN: i64 = -308;
    if !x.is_finite() || x == 0.0 || ndigits > NDIGITS_MAX {
        return x;
    }
    if ndigits < NDIGITS_MIN {
        return 0.0 * x;
    }
    if ndigits >= 0 {
        let n = ndigits as usize;
        return format!("{x:.n$}").parse().unwrap_or(x);
    }
    let k = (-ndigits) as u32;
    let int_part: BigInt = format!("{:.0}", x.abs().trunc())
        .parse()
        .unwrap_or_default();
    let frac_nonzero = x.fract() != 0.0;
    let p = num_traits::pow(BigInt::from(10), k as usize);
    let q = &int_part / &p;
    let r = &int_part % &p;
    let twice: BigInt = &r * 2;
    let up = match twice.cmp(&p) {
        std::cmp::Ordering::Greater => true,
        std::cmp::Ordering::Equal => frac_nonzero || (&q % 2u32) == BigInt::from(1),
        std::cmp::Ordering::Less => false,
    };
    let q = if up { q + 1u32 } else { q };
    let result: f64 = (q * p).to_string().parse().unwrap_or(f64::INFINITY);
    result.copysign(x)
}
