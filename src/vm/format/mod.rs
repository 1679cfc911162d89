//! `repr(float)` and the format-spec mini-language (`format(x, spec)`, f-string `{x:spec}`),
//! as pure functions on Rust values, following CPython 3.11's `Python/formatter_unicode.c`
//! and `Python/pystrtod.c`.
//!
//! Errors are returned as the message of the exception CPython raises. That is a
//! `ValueError` except for the messages recognised by [`is_overflow_message`], which CPython
//! raises as `OverflowError`.

pub(crate) mod percent;
pub(crate) mod str_format;
pub(crate) mod value;

use num_bigint::BigInt;
use num_traits::{Signed, ToPrimitive, Zero};

/// A parsed format specification.
#[derive(Clone, Debug)]
struct Spec {
    fill: char,
    align: Option<char>,
    sign: Option<char>,
    no_neg_0: bool,
    alternate: bool,
    width: usize,
    /// `,` or `_`.
    grouping: Option<char>,
    precision: Option<usize>,
    ty: Option<char>,
}

const OVERFLOW_INT_TO_FLOAT: &str = "int too large to convert to float";
const OVERFLOW_CHAR: &str = "%c arg not in range(0x110000)";
const OVERFLOW_C_LONG: &str = "Python int too large to convert to C long";

/// Whether an error message from this module is one CPython raises as `OverflowError`
/// rather than `ValueError`.
pub fn is_overflow_message(msg: &str) -> bool {
    msg == OVERFLOW_INT_TO_FLOAT || msg == OVERFLOW_CHAR || msg == OVERFLOW_C_LONG
}

fn char_desc(c: char) -> String {
    let n = c as u32;
    if n > 32 && n < 128 {
        c.to_string()
    } else {
        format!("\\x{n:x}")
    }
}

fn unknown_code(c: char, kind: &str) -> String {
    format!(
        "Unknown format code '{}' for object of type '{kind}'",
        char_desc(c)
    )
}

fn is_align(c: char) -> bool {
    matches!(c, '<' | '>' | '=' | '^')
}

/// Reads a run of decimal digits starting at `*pos`; `None` when there are none.
fn get_integer(chars: &[char], pos: &mut usize) -> Result<Option<usize>, String> {
    let mut value: Option<usize> = None;
    while let Some(d) = chars.get(*pos).and_then(|c| c.to_digit(10)) {
        let v = value.unwrap_or(0);
        let next = v
            .checked_mul(10)
            .and_then(|v| v.checked_add(d as usize))
            .filter(|&v| v <= isize::MAX as usize)
            .ok_or_else(|| "Too many decimal digits in format string".to_string())?;
        value = Some(next);
        *pos += 1;
    }
    Ok(value)
}

/// `parse_internal_render_format_spec`.
fn parse_spec(
    spec: &str,
    default_type: Option<char>,
    default_align: char,
    kind: &str,
) -> Result<Spec, String> {
    let chars: Vec<char> = spec.chars().collect();
    let end = chars.len();
    let mut pos = 0usize;
    let mut out = Spec {
        fill: ' ',
        align: None,
        sign: None,
        no_neg_0: false,
        alternate: false,
        width: 0,
        grouping: None,
        precision: None,
        ty: default_type,
    };
    let mut fill_specified = false;
    if end >= 2 && is_align(chars[1]) {
        out.fill = chars[0];
        out.align = Some(chars[1]);
        fill_specified = true;
        pos = 2;
    } else if end >= 1 && is_align(chars[0]) {
        out.align = Some(chars[0]);
        pos = 1;
    }
    if let Some(&c) = chars.get(pos)
        && matches!(c, '+' | '-' | ' ')
    {
        out.sign = Some(c);
        pos += 1;
    }
    if chars.get(pos) == Some(&'z') {
        out.no_neg_0 = true;
        pos += 1;
    }
    if chars.get(pos) == Some(&'#') {
        out.alternate = true;
        pos += 1;
    }
    if !fill_specified && chars.get(pos) == Some(&'0') {
        out.fill = '0';
        if out.align.is_none() && default_align == '>' {
            out.align = Some('=');
        }
        pos += 1;
    }
    out.width = get_integer(&chars, &mut pos)?.unwrap_or(0);
    let both = || "Cannot specify both ',' and '_'.".to_string();
    if chars.get(pos) == Some(&',') {
        out.grouping = Some(',');
        pos += 1;
    }
    if chars.get(pos) == Some(&'_') {
        if out.grouping.is_some() {
            return Err(both());
        }
        out.grouping = Some('_');
        pos += 1;
    }
    if chars.get(pos) == Some(&',') && out.grouping == Some('_') {
        return Err(both());
    }
    if chars.get(pos) == Some(&'.') {
        pos += 1;
        match get_integer(&chars, &mut pos)? {
            Some(p) => out.precision = Some(p),
            None => return Err("Format specifier missing precision".to_string()),
        }
    }
    if end - pos > 1 {
        return Err(format!(
            "Invalid format specifier '{spec}' for object of type '{kind}'"
        ));
    }
    if end - pos == 1 {
        out.ty = Some(chars[pos]);
    }
    if let Some(sep) = out.grouping {
        let ok = match out.ty {
            None => true,
            Some('d' | 'e' | 'f' | 'g' | 'E' | 'G' | '%' | 'F') => true,
            Some('b' | 'o' | 'x' | 'X') => sep == '_',
            Some(_) => false,
        };
        if !ok {
            let t = out.ty.map_or_else(|| "\\x0".to_string(), char_desc);
            return Err(format!("Cannot specify '{sep}' with '{t}'."));
        }
    }
    Ok(out)
}

/// Inserts `sep` every `interval` digits, padding with zeros on the left up to `min_width`
/// characters (CPython's `_PyUnicode_InsertThousandsGrouping`).
fn group_digits(digits: &str, sep: Option<char>, interval: usize, min_width: usize) -> String {
    let Some(sep) = sep else {
        let pad = min_width.saturating_sub(digits.len());
        return format!("{}{digits}", "0".repeat(pad));
    };
    let bytes = digits.as_bytes();
    let mut remaining = bytes.len() as isize;
    let mut min_width = min_width as isize;
    let len = interval as isize;
    let mut groups: Vec<String> = Vec::new();
    loop {
        let l = len.min(remaining.max(min_width).max(1));
        let n_zeros = (l - remaining).max(0);
        let n_chars = remaining.min(l).max(0);
        let start = (remaining - n_chars) as usize;
        let mut g = "0".repeat(n_zeros as usize);
        g.push_str(&digits[start..remaining as usize]);
        groups.push(g);
        remaining -= n_chars;
        min_width -= len;
        if remaining <= 0 && min_width <= 0 {
            break;
        }
        min_width -= 1;
    }
    groups.reverse();
    groups.join(&sep.to_string())
}

/// Lays out a number: sign, prefix, integer digits (grouped), the rest (fraction,
/// exponent, `%`, or `inf`/`nan`), then pads to the width.
fn finish_number(
    sign: &str,
    prefix: &str,
    int_digits: &str,
    rest: &str,
    spec: &Spec,
    group: Option<(char, usize)>,
) -> String {
    let align = spec.align.unwrap_or('>');
    let lead = sign.chars().count() + prefix.chars().count();
    let rest_len = rest.chars().count();
    let grouped = if int_digits.is_empty() {
        String::new()
    } else {
        let min_width = if spec.fill == '0' && align == '=' {
            spec.width.saturating_sub(lead + rest_len)
        } else {
            0
        };
        match group {
            Some((sep, interval)) => group_digits(int_digits, Some(sep), interval, min_width),
            None => group_digits(int_digits, None, 3, min_width),
        }
    };
    let total = lead + grouped.chars().count() + rest_len;
    let pad = spec.width.saturating_sub(total);
    let fill = |n: usize| std::iter::repeat_n(spec.fill, n).collect::<String>();
    match align {
        '<' => format!("{sign}{prefix}{grouped}{rest}{}", fill(pad)),
        '^' => {
            let left = pad / 2;
            format!(
                "{}{sign}{prefix}{grouped}{rest}{}",
                fill(left),
                fill(pad - left)
            )
        }
        '=' => format!("{sign}{prefix}{}{grouped}{rest}", fill(pad)),
        _ => format!("{}{sign}{prefix}{grouped}{rest}", fill(pad)),
    }
}

/// Pads `body` (no numeric structure) to the width per the alignment.
fn pad_str(body: &str, spec: &Spec, default_align: char) -> String {
    let len = body.chars().count();
    let pad = spec.width.saturating_sub(len);
    if pad == 0 {
        return body.to_string();
    }
    let fill = |n: usize| std::iter::repeat_n(spec.fill, n).collect::<String>();
    match spec.align.unwrap_or(default_align) {
        '>' => format!("{}{body}", fill(pad)),
        '^' => {
            let left = pad / 2;
            format!("{}{body}{}", fill(left), fill(pad - left))
        }
        _ => format!("{body}{}", fill(pad)),
    }
}

/// Splits Rust's `{:e}` output into its mantissa digits (no point) and exponent.
fn split_exp(s: &str) -> (String, i64) {
    let (mant, exp) = s.split_once('e').unwrap_or((s, "0"));
    let digits: String = mant.chars().filter(char::is_ascii_digit).collect();
    (digits, exp.parse().unwrap_or(0))
}

/// CPython's exponent suffix: sign and at least two digits.
fn exp_suffix(e: char, exp: i64) -> String {
    let sign = if exp < 0 { '-' } else { '+' };
    format!("{e}{sign}{:02}", exp.abs())
}

/// The digit layout of `format_float_short` for the `g` and `r` modes. `digits` has no
/// trailing zeros (except a lone `0`), `decpt` is the decimal point position.
fn layout_digits(
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
fn format_abs(a: f64, ty: char, prec: usize, alt: bool, add_dot_0: bool) -> String {
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

/// The shortest digits (no trailing zeros) that round-trip to `a`, and the decimal
/// exponent of the first one; among equally short candidates the one nearest `a`, ties
/// to even (as `_Py_dg_dtoa` mode 0; Rust's shortest formatting may pick the other one
/// of a tie).
fn shortest_digits(a: f64) -> (String, i64) {
    let (digits, exp) = split_exp(&format!("{a:e}"));
    if digits.len() < 2 {
        return (digits, exp);
    }
    let nearest = format!("{a:.*e}", digits.len() - 1);
    if nearest.parse::<f64>() == Ok(a) {
        let (mut d2, e2) = split_exp(&nearest);
        while d2.len() > 1 && d2.ends_with('0') {
            d2.pop();
        }
        if d2.len() == digits.len() {
            return (d2, e2);
        }
    }
    (digits, exp)
}

/// CPython's `repr(float)`.
pub fn float_repr(x: f64) -> String {
    if x.is_nan() {
        return "nan".to_string();
    }
    if x.is_infinite() {
        return if x < 0.0 { "-inf" } else { "inf" }.to_string();
    }
    let body = format_abs(x.abs(), 'r', 0, false, true);
    if x.is_sign_negative() {
        format!("-{body}")
    } else {
        body
    }
}

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

fn sign_str(negative: bool, spec: &Spec) -> &'static str {
    if negative {
        "-"
    } else {
        match spec.sign {
            Some('+') => "+",
            Some(' ') => " ",
            _ => "",
        }
    }
}

/// `format_float_internal` on an already-parsed spec.
fn format_float_spec(x: f64, spec: &Spec) -> Result<String, String> {
    if let Some(p) = spec.precision
        && p > i32::MAX as usize
    {
        return Err("precision too big".to_string());
    }
    let mut ty = spec.ty;
    let mut add_dot_0 = false;
    let mut default_precision = 6;
    if ty.is_none() {
        add_dot_0 = true;
        ty = Some('r');
        default_precision = 0;
    }
    let mut ty = ty.unwrap_or('r');
    if ty == 'n' {
        ty = 'g';
    }
    let mut val = x;
    let mut add_pct = false;
    if ty == '%' {
        ty = 'f';
        val *= 100.0;
        add_pct = true;
    }
    let precision = match spec.precision {
        Some(p) => {
            if ty == 'r' {
                ty = 'g';
            }
            p
        }
        None => default_precision,
    };
    let upper = ty.is_ascii_uppercase();
    let lower_ty = ty.to_ascii_lowercase();
    let mut negative = val.is_sign_negative() && !val.is_nan();
    let mut body = if val.is_nan() {
        "nan".to_string()
    } else if val.is_infinite() {
        "inf".to_string()
    } else {
        format_abs(val.abs(), lower_ty, precision, spec.alternate, add_dot_0)
    };
    if upper {
        body = body.to_uppercase();
    }
    if negative && spec.no_neg_0 && val.is_finite() {
        let mant = body.split(['e', 'E']).next().unwrap_or("");
        if mant.chars().all(|c| c == '0' || c == '.') {
            negative = false;
        }
    }
    if add_pct {
        body.push('%');
    }
    let split = body
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(body.len());
    let (int_digits, rest) = body.split_at(split);
    let group = spec.grouping.map(|c| (c, 3));
    Ok(finish_number(
        sign_str(negative, spec),
        "",
        int_digits,
        rest,
        spec,
        group,
    ))
}

/// `format(x, spec)` for a float.
pub fn format_float(x: f64, spec: &str) -> Result<String, String> {
    if spec.is_empty() {
        return Ok(float_repr(x));
    }
    let s = parse_spec(spec, None, '>', "float")?;
    match s.ty {
        None | Some('e' | 'E' | 'f' | 'F' | 'g' | 'G' | 'n' | '%') => format_float_spec(x, &s),
        Some(c) => Err(unknown_code(c, "float")),
    }
}

/// The parts of an integer needed to format it.
struct IntParts<'a> {
    negative: bool,
    radix: &'a dyn Fn(u32) -> String,
    to_f64: &'a dyn Fn() -> Option<f64>,
    /// The value as a code point, or the error for `c`.
    code: Result<u32, &'static str>,
}

fn format_integer(p: &IntParts, spec: &str) -> Result<String, String> {
    if spec.is_empty() {
        let d = (p.radix)(10);
        return Ok(if p.negative { format!("-{d}") } else { d });
    }
    let s = parse_spec(spec, Some('d'), '>', "int")?;
    let ty = s.ty.unwrap_or('d');
    match ty {
        'b' | 'c' | 'd' | 'o' | 'x' | 'X' | 'n' => {}
        'e' | 'E' | 'f' | 'F' | 'g' | 'G' | '%' => {
            let f = (p.to_f64)().ok_or_else(|| OVERFLOW_INT_TO_FLOAT.to_string())?;
            return format_float_spec(f, &s);
        }
        c => return Err(unknown_code(c, "int")),
    }
    if s.precision.is_some() {
        return Err("Precision not allowed in integer format specifier".to_string());
    }
    if s.no_neg_0 {
        return Err(
            "Negative zero coercion (z) not allowed in integer format specifier".to_string(),
        );
    }
    if ty == 'c' {
        if s.sign.is_some() {
            return Err("Sign not allowed with integer format specifier 'c'".to_string());
        }
        if s.alternate {
            return Err(
                "Alternate form (#) not allowed with integer format specifier 'c'".to_string(),
            );
        }
        let code = p.code.map_err(str::to_string)?;
        let c = char::from_u32(code).unwrap_or('\u{FFFD}');
        return Ok(finish_number("", "", "", &c.to_string(), &s, None));
    }
    let (radix, prefix, interval) = match ty {
        'b' => (2, "0b", 4),
        'o' => (8, "0o", 4),
        'x' => (16, "0x", 4),
        'X' => (16, "0X", 4),
        _ => (10, "", 3),
    };
    let mut digits = (p.radix)(radix);
    if ty == 'X' {
        digits = digits.to_uppercase();
    }
    let prefix = if s.alternate { prefix } else { "" };
    let group = s.grouping.map(|c| (c, interval));
    Ok(finish_number(
        sign_str(p.negative, &s),
        prefix,
        &digits,
        "",
        &s,
        group,
    ))
}

/// `format(n, spec)` for an int.
pub fn format_int(x: &BigInt, spec: &str) -> Result<String, String> {
    let mag = x.magnitude();
    let radix = |r: u32| mag.to_str_radix(r);
    let to_f64 = || x.to_f64().filter(|f| f.is_finite());
    let code = match x.to_i64() {
        None => Err(OVERFLOW_C_LONG),
        Some(n) => u32::try_from(n)
            .ok()
            .filter(|&c| c < 0x110000)
            .ok_or(OVERFLOW_CHAR),
    };
    let parts = IntParts {
        negative: x.is_negative() && !x.is_zero(),
        radix: &radix,
        to_f64: &to_f64,
        code,
    };
    format_integer(&parts, spec)
}

fn u64_to_radix(mut n: u64, radix: u32) -> String {
    if n == 0 {
        return "0".to_string();
    }
    let mut buf = Vec::new();
    while n > 0 {
        let d = (n % u64::from(radix)) as u32;
        buf.push(char::from_digit(d, radix).unwrap_or('0'));
        n /= u64::from(radix);
    }
    buf.iter().rev().collect()
}

/// `format(n, spec)` for an int that fits in an `i64`; same result as [`format_int`].
pub fn format_i64(x: i64, spec: &str) -> Result<String, String> {
    if spec.is_empty() {
        return Ok(x.to_string());
    }
    let mag = x.unsigned_abs();
    let radix = |r: u32| u64_to_radix(mag, r);
    let to_f64 = || Some(x as f64);
    let code = u32::try_from(x)
        .ok()
        .filter(|&c| c < 0x110000)
        .ok_or(OVERFLOW_CHAR);
    let parts = IntParts {
        negative: x < 0,
        radix: &radix,
        to_f64: &to_f64,
        code,
    };
    format_integer(&parts, spec)
}

/// `format(s, spec)` for a str.
pub fn format_str(s: &str, spec: &str) -> Result<String, String> {
    if spec.is_empty() {
        return Ok(s.to_string());
    }
    let p = parse_spec(spec, Some('s'), '<', "str")?;
    match p.ty {
        Some('s') | None => {}
        Some(c) => return Err(unknown_code(c, "str")),
    }
    match p.sign {
        Some(' ') => return Err("Space not allowed in string format specifier".to_string()),
        Some(_) => return Err("Sign not allowed in string format specifier".to_string()),
        None => {}
    }
    if p.no_neg_0 {
        return Err(
            "Negative zero coercion (z) not allowed in string format specifier".to_string(),
        );
    }
    if p.alternate {
        return Err("Alternate form (#) not allowed in string format specifier".to_string());
    }
    if p.align == Some('=') {
        return Err("'=' alignment not allowed in string format specifier".to_string());
    }
    let body: String = match p.precision {
        Some(n) => s.chars().take(n).collect(),
        None => s.to_string(),
    };
    Ok(pad_str(&body, &p, '<'))
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repr_cases() {
        let cases: &[(f64, &str)] = &[
            (0.1, "0.1"),
            (1.0 / 3.0, "0.3333333333333333"),
            (1e16, "1e+16"),
            (1e-5, "1e-05"),
            (1.5e-5, "1.5e-05"),
            (1e-6, "1e-06"),
            (123456789.123, "123456789.123"),
            (2.5e-7, "2.5e-07"),
            (1e22, "1e+22"),
            (5e-324, "5e-324"),
            (f64::MAX, "1.7976931348623157e+308"),
            (1.0, "1.0"),
            (100.0, "100.0"),
            (1234567890123456.0, "1234567890123456.0"),
            (12345678901234567.0, "1.2345678901234568e+16"),
            (0.0001, "0.0001"),
            (0.0, "0.0"),
            (-0.0, "-0.0"),
            (-2.5, "-2.5"),
            (f64::INFINITY, "inf"),
            (f64::NEG_INFINITY, "-inf"),
            (f64::NAN, "nan"),
            (1e100, "1e+100"),
            (9999999999999998.0, "9999999999999998.0"),
            (269680339459928.62, "269680339459928.62"),
            (1461807979640695.2, "1461807979640695.2"),
        ];
        for &(x, want) in cases {
            assert_eq!(float_repr(x), want, "repr({x:?})");
        }
    }

    #[rustfmt::skip]
    #[allow(clippy::approx_constant)]
    mod data {
        pub const FLOAT_CASES: &[(f64, &str, Result<&str, &str>)] = &[
            (0.1_f64, ".4f", Ok("0.1000")),
            (1234567.891_f64, ",", Ok("1,234,567.891")),
            (1234567.891_f64, ",.2f", Ok("1,234,567.89")),
            (3.14159_f64, ">8", Ok(" 3.14159")),
            (3.14159_f64, ">8.2f", Ok("    3.14")),
            (3.14159_f64, "^10", Ok(" 3.14159  ")),
            (3.14159_f64, "^10.3f", Ok("  3.142   ")),
            (-1234.5678_f64, "+.2e", Ok("-1.23e+03")),
            (1234.5678_f64, "+.2e", Ok("+1.23e+03")),
            (1234.5678_f64, ".3g", Ok("1.23e+03")),
            (0.00012345_f64, ".3g", Ok("0.000123")),
            (0.25_f64, "%", Ok("25.000000%")),
            (0.25_f64, ".1%", Ok("25.0%")),
            (1234567.0_f64, "_", Ok("1_234_567.0")),
            (1234567.0_f64, "_.1f", Ok("1_234_567.0")),
            (3.14159_f64, "08.3f", Ok("0003.142")),
            (-3.14159_f64, "08.3f", Ok("-003.142")),
            (1.0_f64, "", Ok("1.0")),
            (1.0_f64, ".3", Ok("1.0")),
            (123.0_f64, ".3", Ok("1.23e+02")),
            (12.0_f64, ".3", Ok("12.0")),
            (100.0_f64, ".3", Ok("1e+02")),
            (0.0_f64, ".0", Ok("0e+00")),
            (1.0_f64, "g", Ok("1")),
            (1.0_f64, "#g", Ok("1.00000")),
            (1e-10_f64, "#.3g", Ok("1.00e-10")),
            (123456789.0_f64, "n", Ok("1.23457e+08")),
            (1e+100_f64, ".3f", Ok("10000000000000000159028911097599180468360808563945281389781327557747838772170381060813469985856815104.000")),
            (1.5_f64, "=10", Ok("       1.5")),
            (-1.5_f64, "^+10.2f", Ok("  -1.50   ")),
            (1.5_f64, ".0%", Ok("150%")),
            (1.5_f64, "#.0%", Ok("150.%")),
            (1e-05_f64, "", Ok("1e-05")),
            (1e-05_f64, ".3", Ok("1e-05")),
            (f64::INFINITY, "010", Ok("0000000inf")),
            (f64::NEG_INFINITY, "010,", Ok("-000000inf")),
            (f64::NAN, "+", Ok("+nan")),
            (f64::NAN, "", Ok("nan")),
            (-0.0_f64, "z.1f", Ok("0.0")),
            (-0.0001_f64, "z.1f", Ok("0.0")),
            (-0.0_f64, "z", Ok("0.0")),
            (-0.0_f64, "zg", Ok("0")),
            (-0.0_f64, "", Ok("-0.0")),
            (-0.0_f64, ".2f", Ok("-0.00")),
            (1.0_f64, "#", Ok("1.0")),
            (1e+20_f64, "#", Ok("1.e+20")),
            (1.0_f64, "#.0f", Ok("1.")),
            (1.0_f64, "#.0e", Ok("1.e+00")),
            (1e+16_f64, ".17", Ok("1e+16")),
            (0.125_f64, ".2f", Ok("0.12")),
            (0.5_f64, ".0f", Ok("0")),
            (2.5_f64, ".0f", Ok("2")),
            (1.5_f64, ".0f", Ok("2")),
            (1234.5_f64, "010,.2f", Ok("001,234.50")),
            (1234.5_f64, "012,.2f", Ok("0,001,234.50")),
            (1234.5_f64, "*<12,.2f", Ok("1,234.50****")),
            (f64::INFINITY, "%", Ok("inf%")),
            (f64::NAN, "F", Ok("NAN")),
            (f64::INFINITY, "E", Ok("INF")),
            (1e+300_f64, ",.0f", Ok("1,000,000,000,000,000,052,504,760,255,204,420,248,704,468,581,108,159,154,915,854,115,511,802,457,988,908,195,786,371,375,080,447,864,043,704,443,832,883,878,176,942,523,235,360,430,575,644,792,184,786,706,982,848,387,200,926,575,803,737,830,233,794,788,090,059,368,953,234,970,799,945,081,119,038,967,640,880,074,652,742,780,142,494,579,258,788,820,056,842,838,115,669,472,196,386,865,459,400,540,160")),
            (1.5_f64, "_e", Ok("1.500000e+00")),
            (1.5_f64, "E", Ok("1.500000E+00")),
            (12345.678_f64, "G", Ok("12345.7")),
            (1e-07_f64, "G", Ok("1E-07")),
            (1e+16_f64, "g", Ok("1e+16")),
            (1000000000000000.0_f64, "g", Ok("1e+15")),
            (123456.0_f64, "g", Ok("123456")),
            (1234567.0_f64, "g", Ok("1.23457e+06")),
            (1234567.0_f64, ".7g", Ok("1234567")),
            (0.0001_f64, "g", Ok("0.0001")),
            (1e-05_f64, "g", Ok("1e-05")),
            (1.4142135623730951_f64, ".15", Ok("1.4142135623731")),
            (1.4142135623730951_f64, ".20f", Ok("1.41421356237309514547")),
            (1e+22_f64, "f", Ok("10000000000000000000000.000000")),
            (5e-324_f64, "e", Ok("4.940656e-324")),
            (5e-324_f64, ".3g", Ok("4.94e-324")),
            (1.7976931348623157e+308_f64, "e", Ok("1.797693e+308")),
            (-1e-300_f64, ".2g", Ok("-1e-300")),
            (9.995_f64, ".2f", Ok("9.99")),
            (9.9999_f64, ".3g", Ok("10")),
            (99999.5_f64, ".5g", Ok("1e+05")),
            (0.5_f64, ".0e", Ok("5e-01")),
            (1.0_f64, " ", Ok(" 1.0")),
            (1.0_f64, " 8.2f", Ok("    1.00")),
            (-1.0_f64, " 8.2f", Ok("   -1.00")),
            (1234.5_f64, "x^+15,.3f", Ok("xx+1,234.500xxx")),
            (1000000.0_f64, "n", Ok("1e+06")),
            (0.0001_f64, ".0", Ok("0.0001")),
            (1.23e-05_f64, "#.3", Ok("1.23e-05")),
            (1.5_f64, ".1", Ok("2e+00")),
            (2.5_f64, ".1", Ok("2e+00")),
            (15.0_f64, ".1", Ok("2e+01")),
            (1000000.0_f64, ",", Ok("1,000,000.0")),
            (123456789.0_f64, ",", Ok("123,456,789.0")),
            (0.30000000000000004_f64, "", Ok("0.30000000000000004")),
            (0.3333333333333333_f64, ".50f", Ok("0.33333333333333331482961625624739099293947219848633")),
            (1e-300_f64, ".5e", Ok("1.00000e-300")),
            (1.0_f64, "0", Ok("1.0")),
            (1.0_f64, "010", Ok("00000001.0")),
            (-1.0_f64, "010", Ok("-0000001.0")),
            (1.0_f64, "<010", Ok("1.00000000")),
            (1.0_f64, "0=+10", Ok("+0000001.0")),
            (12345.6789_f64, "0=+15,.2f", Ok("+000,012,345.68")),
            (1.5_f64, "d", Err("Unknown format code 'd' for object of type 'float'")),
            (1.5_f64, "c", Err("Unknown format code 'c' for object of type 'float'")),
            (1.5_f64, "x", Err("Unknown format code 'x' for object of type 'float'")),
            (1.5_f64, "s", Err("Unknown format code 's' for object of type 'float'")),
            (1.5_f64, ",_", Err("Cannot specify both ',' and '_'.")),
            (1.5_f64, "_,", Err("Cannot specify both ',' and '_'.")),
            (1.5_f64, ".f", Err("Format specifier missing precision")),
            (1.5_f64, ",n", Err("Cannot specify ',' with 'n'.")),
            (1.0_f64, "99999999999999999999", Err("Too many decimal digits in format string")),
            (1.0_f64, "abc", Err("Invalid format specifier 'abc' for object of type 'float'")),
            (1.0_f64, "\u{1}", Err("Unknown format code '\\x1' for object of type 'float'")),
            (1.0_f64, "#,b", Err("Cannot specify ',' with 'b'.")),
        ];
        pub const INT_CASES: &[(&str, &str, Result<&str, &str>)] = &[
            ("255", "#x", Ok("0xff")),
            ("255", "#X", Ok("0XFF")),
            ("255", "x", Ok("ff")),
            ("255", "X", Ok("FF")),
            ("255", "#o", Ok("0o377")),
            ("255", "#b", Ok("0b11111111")),
            ("255", "b", Ok("11111111")),
            ("-255", "#x", Ok("-0xff")),
            ("1234567", ",", Ok("1,234,567")),
            ("1234567", "_", Ok("1_234_567")),
            ("-1234567", ",", Ok("-1,234,567")),
            ("3735928559", "_x", Ok("dead_beef")),
            ("3735928559", "#_x", Ok("0xdead_beef")),
            ("255", "_b", Ok("1111_1111")),
            ("255", "#_b", Ok("0b1111_1111")),
            ("65", "c", Ok("A")),
            ("128512", "c", Ok("😀")),
            ("1180591620717411303424", "c", Err("Python int too large to convert to C long")),
            ("65", "<5c", Ok("A    ")),
            ("65", "5c", Ok("    A")),
            ("65", "05c", Ok("0000A")),
            ("42", "", Ok("42")),
            ("-42", "", Ok("-42")),
            ("42", "d", Ok("42")),
            ("42", "n", Ok("42")),
            ("42", "5", Ok("   42")),
            ("42", "<5", Ok("42   ")),
            ("42", "^6", Ok("  42  ")),
            ("42", "*^7", Ok("**42***")),
            ("42", "+", Ok("+42")),
            ("42", " ", Ok(" 42")),
            ("-42", " ", Ok("-42")),
            ("42", "05", Ok("00042")),
            ("-42", "05", Ok("-0042")),
            ("-42", "=5", Ok("-  42")),
            ("42", "e", Ok("4.200000e+01")),
            ("42", ".2f", Ok("42.00")),
            ("42", "%", Ok("4200.000000%")),
            ("12345678901234567890", ".3e", Ok("1.235e+19")),
            ("12345678901234567890", ",", Ok("12,345,678,901,234,567,890")),
            ("12345678901234567890", "x", Ok("ab54a98ceb1f0ad2")),
            ("-12345678901234567890", "#b", Ok("-0b1010101101010100101010011000110011101011000111110000101011010010")),
            ("18446744073709551616", "_d", Ok("18_446_744_073_709_551_616")),
            ("1234", "010,", Ok("00,001,234")),
            ("1234", "09,", Ok("0,001,234")),
            ("1234", "08,", Ok("0,001,234")),
            ("1234", "0=10,", Ok("00,001,234")),
            ("-1234", "010,", Ok("-0,001,234")),
            ("255", "#010_x", Ok("0x000_00ff")),
            ("255", "#010x", Ok("0x000000ff")),
            ("255", "#10x", Ok("      0xff")),
            ("255", "<#10x", Ok("0xff      ")),
            ("255", "#^10x", Ok("####ff####")),
            ("0", "#x", Ok("0x0")),
            ("0", "c", Ok("\u{0}")),
            ("100000000000000000000", "g", Ok("1e+20")),
            ("10000000000000000", "", Ok("10000000000000000")),
            ("123", "z", Err("Negative zero coercion (z) not allowed in integer format specifier")),
            ("1", "d", Ok("1")),
            ("1", "z", Err("Negative zero coercion (z) not allowed in integer format specifier")),
            ("1", ".2", Err("Precision not allowed in integer format specifier")),
            ("65", "+c", Err("Sign not allowed with integer format specifier 'c'")),
            ("65", "#c", Err("Alternate form (#) not allowed with integer format specifier 'c'")),
            ("65", ",c", Err("Cannot specify ',' with 'c'.")),
            ("-1", "c", Err("%c arg not in range(0x110000)")),
            ("1114112", "c", Err("%c arg not in range(0x110000)")),
            ("1", "s", Err("Unknown format code 's' for object of type 'int'")),
            ("1", ",n", Err("Cannot specify ',' with 'n'.")),
            ("1", "_n", Err("Cannot specify '_' with 'n'.")),
            ("1", "abc", Err("Invalid format specifier 'abc' for object of type 'int'")),
            ("1", "\u{1}", Err("Unknown format code '\\x1' for object of type 'int'")),
            ("1", "é", Err("Unknown format code '\\xe9' for object of type 'int'")),
            ("1", ",,", Err("Cannot specify ',' with ','.")),
            ("1", "__", Err("Cannot specify '_' with '_'.")),
            ("1", ",b", Err("Cannot specify ',' with 'b'.")),
            ("1", ",x", Err("Cannot specify ',' with 'x'.")),
            ("1", "_c", Err("Cannot specify '_' with 'c'.")),
            ("10000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000", "e", Err("int too large to convert to float")),
            ("1", "x<", Ok("1")),
            ("1", "<<", Ok("1")),
            ("1", "<05", Ok("10000")),
            ("1", ",_", Err("Cannot specify both ',' and '_'.")),
            ("1", ".", Err("Format specifier missing precision")),
            ("1", "#,", Ok("1")),
            ("1", "+,d", Ok("+1")),
        ];
        pub const STR_CASES: &[(&str, &str, Result<&str, &str>)] = &[
            ("abc", "", Ok("abc")),
            ("abc", "5", Ok("abc  ")),
            ("abc", ">5", Ok("  abc")),
            ("abc", "^6", Ok(" abc  ")),
            ("abc", "*^7", Ok("**abc**")),
            ("abc", ".2", Ok("ab")),
            ("abc", ">5.2", Ok("   ab")),
            ("abc", "s", Ok("abc")),
            ("héllo", "*>8", Ok("***héllo")),
            ("abc", "05", Ok("abc00")),
            ("ab", "<05", Ok("ab000")),
            ("abc", "x<", Ok("abc")),
            ("abc", "é^9", Ok("éééabcééé")),
            ("abc", "2", Ok("abc")),
            ("ab", "=5", Err("'=' alignment not allowed in string format specifier")),
            ("ab", ",", Err("Cannot specify ',' with 's'.")),
            ("ab", "_", Err("Cannot specify '_' with 's'.")),
            ("ab", "z", Err("Negative zero coercion (z) not allowed in string format specifier")),
            ("ab", "+", Err("Sign not allowed in string format specifier")),
            ("ab", " ", Err("Space not allowed in string format specifier")),
            ("ab", "-", Err("Sign not allowed in string format specifier")),
            ("ab", "#", Err("Alternate form (#) not allowed in string format specifier")),
            ("ab", ".2,", Err("Unknown format code ',' for object of type 'str'")),
            ("ab", "xx", Err("Invalid format specifier 'xx' for object of type 'str'")),
            ("ab", "d", Err("Unknown format code 'd' for object of type 'str'")),
            ("ab", ".", Err("Format specifier missing precision")),
            ("a", "\u{1}", Err("Unknown format code '\\x1' for object of type 'str'")),
            ("a", ",d", Err("Unknown format code 'd' for object of type 'str'")),
            ("a", "^=", Err("'=' alignment not allowed in string format specifier")),
        ];
        pub const ROUND_CASES: &[(f64, i64, f64)] = &[
            (2.675_f64, 2, 2.67_f64),
            (0.5_f64, 0, 0.0_f64),
            (1.5_f64, 0, 2.0_f64),
            (2.5_f64, 0, 2.0_f64),
            (-2.5_f64, 0, -2.0_f64),
            (0.125_f64, 2, 0.12_f64),
            (0.375_f64, 2, 0.38_f64),
            (1.0005_f64, 3, 1.0_f64),
            (123.456_f64, -1, 120.0_f64),
            (125.0_f64, -1, 120.0_f64),
            (135.0_f64, -1, 140.0_f64),
            (-125.0_f64, -1, -120.0_f64),
            (150.0_f64, -2, 200.0_f64),
            (250.0_f64, -2, 200.0_f64),
            (251.0_f64, -2, 300.0_f64),
            (249.99_f64, -2, 200.0_f64),
            (1e+300_f64, -300, 1e+300_f64),
            (1.5e+300_f64, -300, 2e+300_f64),
            (3.0_f64, -1, 0.0_f64),
            (-3.0_f64, -1, -0.0_f64),
            (0.1_f64, 20, 0.1_f64),
            (1.23456789_f64, 5, 1.23457_f64),
            (5e-324_f64, 400, 5e-324_f64),
            (1e+22_f64, -22, 1e+22_f64),
            (5e+21_f64, -22, 0.0_f64),
            (1.5e+22_f64, -22, 2e+22_f64),
            (2.5e+22_f64, -22, 2e+22_f64),
            (-0.4_f64, 0, -0.0_f64),
            (12345.6789_f64, -3, 12000.0_f64),
            (0.5_f64, -1, 0.0_f64),
            (7.0_f64, -400, 0.0_f64),
            (1e-320_f64, 320, 1e-320_f64),
            (9007199254740992.0_f64, -1, 9007199254740990.0_f64),
            (1.25_f64, 1, 1.2_f64),
            (1.35_f64, 1, 1.4_f64),
            (1000000000000000.5_f64, 0, 1000000000000000.0_f64),
        ];
    }
    use data::*;

    fn check<T: std::fmt::Debug>(
        fails: &mut Vec<String>,
        what: T,
        spec: &str,
        got: Result<String, String>,
        want: &Result<&str, &str>,
    ) {
        let want = want.map(str::to_string).map_err(str::to_string);
        if got != want {
            fails.push(format!("{what:?} {spec:?}: got {got:?}, want {want:?}"));
        }
    }

    #[test]
    fn float_specs() {
        let mut fails = Vec::new();
        for (x, spec, want) in FLOAT_CASES {
            check(&mut fails, x, spec, format_float(*x, spec), want);
        }
        assert!(fails.is_empty(), "{}", fails.join("\n"));
    }

    #[test]
    fn int_specs() {
        let mut fails = Vec::new();
        for (n, spec, want) in INT_CASES {
            let big: BigInt = n.parse().expect("test literal");
            check(&mut fails, n, spec, format_int(&big, spec), want);
            if let Ok(small) = n.parse::<i64>() {
                check(&mut fails, small, spec, format_i64(small, spec), want);
            }
        }
        assert!(fails.is_empty(), "{}", fails.join("\n"));
    }

    #[test]
    fn str_specs() {
        let mut fails = Vec::new();
        for (s, spec, want) in STR_CASES {
            check(&mut fails, s, spec, format_str(s, spec), want);
        }
        assert!(fails.is_empty(), "{}", fails.join("\n"));
    }

    #[test]
    fn round_cases() {
        let mut fails = Vec::new();
        for &(x, n, want) in ROUND_CASES {
            let got = round_float(x, n);
            if got.to_bits() != want.to_bits() {
                fails.push(format!("round({x:?}, {n}): got {got:?}, want {want:?}"));
            }
        }
        assert!(fails.is_empty(), "{}", fails.join("\n"));
    }

    #[test]
    fn overflow_messages() {
        let big: BigInt = BigInt::from(10).pow(400);
        let e = format_int(&big, "e").unwrap_err();
        assert!(is_overflow_message(&e));
        let e = format_i64(-1, "c").unwrap_err();
        assert!(is_overflow_message(&e));
        assert!(!is_overflow_message(
            "Unknown format code 'd' for object of type 'float'"
        ));
    }

    #[test]
    fn g_helper() {
        assert_eq!(float_str_g(1234567.0, 6, false, false), "1.23457e+06");
        assert_eq!(float_str_g(0.5, 3, false, true), "0.500");
        assert_eq!(float_str_g(f64::NEG_INFINITY, 6, true, false), "-INF");
    }
}
