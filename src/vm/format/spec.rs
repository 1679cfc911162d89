//! The format-spec mini-language (`format(x, spec)`, f-string `{x:spec}`) for ints, floats and
//! strs, following CPython 3.11's `Python/formatter_unicode.c`.

use super::*;

/// A parsed format specification.
#[derive(Clone, Debug)]
pub(super) struct Spec {
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

pub(super) fn char_desc(c: char) -> String {
    let n = c as u32;
    if n > 32 && n < 128 {
        c.to_string()
    } else {
        format!("\\x{n:x}")
    }
}

pub(super) fn unknown_code(c: char, kind: &str) -> String {
    format!(
        "Unknown format code '{}' for object of type '{kind}'",
        char_desc(c)
    )
}

pub(super) fn is_align(c: char) -> bool {
    matches!(c, '<' | '>' | '=' | '^')
}

/// Reads a run of decimal digits starting at `*pos`; `None` when there are none.
pub(super) fn get_integer(chars: &[char], pos: &mut usize) -> Result<Option<usize>, String> {
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
pub(super) fn parse_spec(
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
pub(super) fn group_digits(
    digits: &str,
    sep: Option<char>,
    interval: usize,
    min_width: usize,
) -> String {
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
pub(super) fn finish_number(
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
pub(super) fn pad_str(body: &str, spec: &Spec, default_align: char) -> String {
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

pub(super) fn sign_str(negative: bool, spec: &Spec) -> &'static str {
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
pub(super) fn format_float_spec(x: f64, spec: &Spec) -> Result<String, String> {
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
pub(super) struct IntParts<'a> {
    negative: bool,
    radix: &'a dyn Fn(u32) -> String,
    to_f64: &'a dyn Fn() -> Option<f64>,
    /// The value as a code point, or the error for `c`.
    code: Result<u32, &'static str>,
}

pub(super) fn format_integer(p: &IntParts, spec: &str) -> Result<String, String> {
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

pub(super) fn u64_to_radix(mut n: u64, radix: u32) -> String {
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

/// `format(z, spec)` for a complex number (CPython's `format_complex_internal`): each part
/// formatted as a float (the imaginary one always signed unless the real part is left out),
/// then `j`, brackets for the spec with no type, and the padding around the whole.
pub fn format_complex(re: f64, im: f64, spec: &str) -> Result<String, String> {
    if spec.is_empty() {
        return Ok(crate::bytecode::constant::complex_repr(re, im));
    }
    let s = parse_spec(spec, None, '>', "complex")?;
    if let Some(c) = s.ty
        && !matches!(c, 'e' | 'E' | 'f' | 'F' | 'g' | 'G' | 'n')
    {
        return Err(unknown_code(c, "complex"));
    }
    if s.fill == '0' {
        return Err("Zero padding is not allowed in complex format specifier".to_string());
    }
    if s.align == Some('=') {
        return Err("'=' alignment flag is not allowed in complex format specifier".to_string());
    }
    let (mut skip_re, mut add_parens) = (false, false);
    let ty = match s.ty {
        None => {
            if re == 0.0 && re.is_sign_positive() {
                skip_re = true;
            } else {
                add_parens = true;
            }
            if s.precision.is_some() { 'g' } else { 'r' }
        }
        Some('n') => 'g',
        Some(c) => c,
    };
    let part = |x: f64, sign: Option<char>| -> Result<String, String> {
        if ty == 'r' {
            let body = if x.is_nan() {
                "nan".to_string()
            } else {
                let r = float_repr(x.abs());
                r.strip_suffix(".0").map_or(r.clone(), str::to_string)
            };
            let sign = if x.is_sign_negative() && !x.is_nan() {
                "-"
            } else {
                match sign {
                    Some('+') => "+",
                    Some(' ') => " ",
                    _ => "",
                }
            };
            return Ok(format!("{sign}{body}"));
        }
        let mut sub = s.clone();
        sub.ty = Some(ty);
        sub.precision = Some(s.precision.unwrap_or(6));
        sub.fill = ' ';
        sub.align = None;
        sub.width = 0;
        sub.sign = sign;
        format_float_spec(x, &sub)
    };
    let im_sign = if skip_re { s.sign } else { Some('+') };
    let mut body = String::new();
    if add_parens {
        body.push('(');
    }
    if !skip_re {
        body.push_str(&part(re, s.sign)?);
    }
    body.push_str(&part(im, im_sign)?);
    body.push('j');
    if add_parens {
        body.push(')');
    }
    Ok(pad_str(&body, &s, '>'))
}
