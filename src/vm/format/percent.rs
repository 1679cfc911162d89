//! `%`-formatting: `str % args`, and `bytes % args` (PEP 461), which is the same machine
//! over the bytes taken as Latin-1 characters, with its own `%s`/`%b`, `%r`/`%a` and `%c`.

use num_bigint::BigInt;
use num_traits::{Signed, ToPrimitive};

use crate::vm::Vm;
use crate::vm::format as ff;
use crate::vm::num::{bigint_to_string, to_bigint, to_f64};
use crate::vm::object::PyResult;
use crate::vm::object::exceptions::{self as exc, PyErr};
use crate::vm::object::value::Value;

// ----- arguments ---------------------------------------------------------------------------

use crate::vm::format::value::format_error;
use crate::vm::types::ctor_args::*;
use crate::vm::types::int::{float_to_int, int_from_value};

/// `fmt % value`: printf-style formatting with CPython's rules and messages.
pub fn percent_format(vm: &mut Vm, fmt: &str, value: &Value) -> PyResult<String> {
    let chars: Vec<char> = fmt.chars().collect();
    format_chars(vm, &chars, value, false)
}

/// `fmt % value` for bytes and bytearray (CPython's `_PyBytes_FormatEx`): each byte is the
/// Latin-1 character of its value while formatting, and back to that byte after.
pub fn percent_format_bytes(vm: &mut Vm, fmt: &[u8], value: &Value) -> PyResult<Vec<u8>> {
    let chars: Vec<char> = fmt.iter().map(|&b| char::from(b)).collect();
    let out = format_chars(vm, &chars, value, true)?;
    // Every character is a byte's (Latin-1) or ASCII (numbers, `ascii()`).
    Ok(out.chars().map(|c| c as u32 as u8).collect())
}

/// The data of `%s`/`%b` in bytes formatting: a bytes-like object or what `__bytes__`
/// returns, as Latin-1 characters.
fn bytes_arg(vm: &mut Vm, arg: &Value) -> PyResult<String> {
    use crate::vm::types::bytes::bytes_like;
    let data = match bytes_like(arg) {
        Some(d) => d,
        None => match vm.call_special(arg, "__bytes__", &[])? {
            Some(r) => match bytes_like(&r) {
                Some(d) if matches!(r, Value::Bytes(_)) => d,
                _ => {
                    return Err(exc::type_error(format!(
                        "__bytes__ returned non-bytes (type {})",
                        r.type_name()
                    )));
                }
            },
            None => {
                return Err(exc::type_error(format!(
                    "%b requires a bytes-like object, or an object that implements \
                     __bytes__, not '{}'",
                    arg.type_name()
                )));
            }
        },
    };
    Ok(data.into_iter().map(char::from).collect())
}

/// The engine of both: `chars` is the format (a bytes format as Latin-1 characters).
fn format_chars(vm: &mut Vm, chars: &[char], value: &Value, bytes: bool) -> PyResult<String> {
    // A tuple subclass (a namedtuple) supplies its items, as a tuple does.
    let args: Vec<Value> = match value.builtin_base() {
        Value::Tuple(t) => t.0.clone(),
        _ => vec![value.clone()],
    };
    let mapping = match value {
        Value::Dict(_) => Some(value.clone()),
        Value::Instance(_)
            if matches!(
                value.builtin_base(),
                Value::Tuple(_) | Value::Str(_) | Value::Bytes(_)
            ) =>
        {
            None
        }
        Value::Instance(_) | Value::Native(_)
            if vm.lookup_special(value, "__getitem__").is_some() =>
        {
            Some(value.clone())
        }
        _ => None,
    };
    let mut out = String::with_capacity(chars.len() + 16);
    let mut argi = 0usize;
    let mut used_mapping = false;
    let mut i = 0usize;
    let next_arg = |argi: &mut usize| -> PyResult<Value> {
        match args.get(*argi) {
            Some(v) => {
                *argi += 1;
                Ok(v.clone())
            }
            None => Err(exc::type_error("not enough arguments for format string")),
        }
    };
    while i < chars.len() {
        let c = chars[i];
        if c != '%' {
            out.push(c);
            i += 1;
            continue;
        }
        i += 1;
        if i >= chars.len() {
            return Err(exc::value_error("incomplete format"));
        }
        // %(key)
        let mut keyed: Option<Value> = None;
        if chars[i] == '(' {
            let Some(m) = &mapping else {
                return Err(exc::type_error("format requires a mapping"));
            };
            let mut depth = 1;
            let start = i + 1;
            i += 1;
            while i < chars.len() && depth > 0 {
                match chars[i] {
                    '(' => depth += 1,
                    ')' => depth -= 1,
                    _ => {}
                }
                i += 1;
            }
            if depth > 0 {
                return Err(exc::value_error("incomplete format key"));
            }
            let key = if bytes {
                Value::bytes(
                    chars[start..i - 1]
                        .iter()
                        .map(|&c| c as u32 as u8)
                        .collect::<Vec<u8>>(),
                )
            } else {
                Value::string(chars[start..i - 1].iter().collect::<String>())
            };
            let m = m.clone();
            keyed = Some(vm.getitem(&m, &key)?);
            used_mapping = true;
        }
        // flags
        let (mut left, mut plus, mut space, mut alt, mut zero) =
            (false, false, false, false, false);
        while i < chars.len() {
            match chars[i] {
                '-' => left = true,
                '+' => plus = true,
                ' ' => space = true,
                '#' => alt = true,
                '0' => zero = true,
                _ => break,
            }
            i += 1;
        }
        // width
        let mut width: usize = 0;
        if i < chars.len() && chars[i] == '*' {
            let w = next_arg(&mut argi)?;
            let Value::Int(w) = w else {
                return Err(exc::type_error("* wants int"));
            };
            if w < 0 {
                left = true;
            }
            width = w.unsigned_abs() as usize;
            i += 1;
        } else {
            while i < chars.len() && chars[i].is_ascii_digit() {
                width = width
                    .saturating_mul(10)
                    .saturating_add(chars[i] as usize - '0' as usize);
                i += 1;
            }
        }
        // precision
        let mut prec: Option<usize> = None;
        if i < chars.len() && chars[i] == '.' {
            i += 1;
            if i < chars.len() && chars[i] == '*' {
                let p = next_arg(&mut argi)?;
                let Value::Int(p) = p else {
                    return Err(exc::type_error("* wants int"));
                };
                prec = Some(p.max(0) as usize);
                i += 1;
            } else {
                let mut p = 0usize;
                while i < chars.len() && chars[i].is_ascii_digit() {
                    p = p
                        .saturating_mul(10)
                        .saturating_add(chars[i] as usize - '0' as usize);
                    i += 1;
                }
                prec = Some(p);
            }
        }
        while i < chars.len() && matches!(chars[i], 'h' | 'l' | 'L') {
            i += 1;
        }
        if i >= chars.len() {
            return Err(exc::value_error("incomplete format"));
        }
        let conv = chars[i];
        let conv_index = i;
        i += 1;
        if conv == '%' {
            out.push('%');
            continue;
        }
        let arg = match keyed.take() {
            Some(v) => v,
            None => next_arg(&mut argi)?,
        };
        let (sign_prefix, body, numeric): (String, String, bool) = match conv {
            's' | 'b' | 'r' | 'a' if bytes => {
                // %s is %b and %r is %a (PEP 461).
                let mut s = match conv {
                    's' | 'b' => bytes_arg(vm, &arg)?,
                    _ => crate::vm::types::str::ascii_escape(&vm.repr(&arg)?),
                };
                if let Some(p) = prec
                    && s.chars().count() > p
                {
                    s = s.chars().take(p).collect();
                }
                (String::new(), s, false)
            }
            'c' if bytes => {
                let byte = match &arg {
                    Value::Int(_) | Value::Bool(_) | Value::BigInt(_) => {
                        let b = to_bigint(&arg).unwrap_or_default();
                        match b.to_u8() {
                            Some(n) => n,
                            None => return Err(exc::overflow_error("%c arg not in range(256)")),
                        }
                    }
                    _ => match crate::vm::types::bytes::bytes_like(&arg) {
                        Some(d) if d.len() == 1 => d[0],
                        _ => {
                            return Err(exc::type_error(
                                "%c requires an integer in range(256) or a single byte",
                            ));
                        }
                    },
                };
                (String::new(), char::from(byte).to_string(), false)
            }
            's' | 'r' | 'a' => {
                let mut s = match conv {
                    's' => vm.to_str(&arg)?,
                    'r' => vm.repr(&arg)?,
                    _ => crate::vm::types::str::ascii_escape(&vm.repr(&arg)?),
                };
                if let Some(p) = prec
                    && s.chars().count() > p
                {
                    s = s.chars().take(p).collect();
                }
                (String::new(), s, false)
            }
            'c' => {
                let ch = match &arg {
                    Value::Str(s) if s.char_len() == 1 => s.as_str().to_string(),
                    Value::Int(_) | Value::Bool(_) | Value::BigInt(_) => {
                        let b = to_bigint(&arg).unwrap_or_default();
                        match b.to_u32().filter(|&n| n < 0x110000) {
                            Some(n) => char::from_u32(n).unwrap_or('\u{fffd}').to_string(),
                            None => {
                                return Err(exc::overflow_error("%c arg not in range(0x110000)"));
                            }
                        }
                    }
                    _ => return Err(exc::type_error("%c requires int or char")),
                };
                (String::new(), ch, false)
            }
            'd' | 'i' | 'u' | 'x' | 'X' | 'o' => {
                let n = percent_int(vm, &arg, conv)?;
                let mut digits = match conv {
                    'x' => n.magnitude().to_str_radix(16),
                    'X' => n.magnitude().to_str_radix(16).to_uppercase(),
                    'o' => n.magnitude().to_str_radix(8),
                    _ => {
                        let s = bigint_to_string(&n)?;
                        s.trim_start_matches('-').to_string()
                    }
                };
                if let Some(p) = prec
                    && digits.len() < p
                {
                    digits = "0".repeat(p - digits.len()) + &digits;
                }
                let mut pre = sign_of(n.is_negative(), plus, space);
                if alt {
                    match conv {
                        'x' => pre.push_str("0x"),
                        'X' => pre.push_str("0X"),
                        'o' => pre.push_str("0o"),
                        _ => {}
                    }
                }
                (pre, digits, true)
            }
            'e' | 'E' | 'f' | 'F' | 'g' | 'G' => {
                let x = match to_f64(&arg) {
                    Some(r) => r?,
                    None => {
                        let by_dunder = match &arg {
                            Value::Instance(_) | Value::Native(_) => {
                                match vm.call_special(&arg, "__float__", &[])? {
                                    Some(Value::Float(f)) => Some(f),
                                    _ => None,
                                }
                            }
                            _ => None,
                        };
                        by_dunder.ok_or_else(|| {
                            exc::type_error(format!("must be real number, not {}", arg.type_name()))
                        })?
                    }
                };
                let spec = format!(
                    "{}.{}{}",
                    if alt { "#" } else { "" },
                    prec.unwrap_or(6),
                    conv
                );
                let s = ff::format_float(x.abs(), &spec).map_err(format_error)?;
                let neg = x.is_sign_negative() && !x.is_nan();
                (sign_of(neg, plus, space), s, x.is_finite())
            }
            other => {
                return Err(exc::value_error(format!(
                    "unsupported format character '{}' (0x{:x}) at index {}",
                    other, other as u32, conv_index
                )));
            }
        };
        let len = sign_prefix.chars().count() + body.chars().count();
        if len >= width {
            out.push_str(&sign_prefix);
            out.push_str(&body);
        } else if left {
            out.push_str(&sign_prefix);
            out.push_str(&body);
            out.extend(std::iter::repeat_n(' ', width - len));
        } else if zero && numeric {
            out.push_str(&sign_prefix);
            out.extend(std::iter::repeat_n('0', width - len));
            out.push_str(&body);
        } else {
            out.extend(std::iter::repeat_n(' ', width - len));
            out.push_str(&sign_prefix);
            out.push_str(&body);
        }
    }
    if argi < args.len() && !used_mapping && mapping.is_none() {
        return Err(exc::type_error(if bytes {
            "not all arguments converted during bytes formatting"
        } else {
            "not all arguments converted during string formatting"
        }));
    }
    Ok(out)
}

pub(crate) fn sign_of(neg: bool, plus: bool, space: bool) -> String {
    if neg {
        "-".into()
    } else if plus {
        "+".into()
    } else if space {
        " ".into()
    } else {
        String::new()
    }
}

/// The integer for `%d` (reals truncate) or `%x`/`%o` (integers only).
pub(crate) fn percent_int(vm: &mut Vm, arg: &Value, conv: char) -> PyResult<BigInt> {
    if let Some(b) = to_bigint(arg) {
        return Ok(b);
    }
    let decimal = matches!(conv, 'd' | 'i' | 'u');
    match arg {
        Value::Float(f) if decimal => Ok(to_bigint(&float_to_int(*f)?).unwrap_or_default()),
        Value::Instance(_) | Value::Native(_) => {
            if decimal {
                let has_int = ["__int__", "__index__", "__trunc__"]
                    .iter()
                    .any(|m| vm.lookup_special(arg, m).is_some());
                if has_int {
                    let v = int_from_value(vm, arg)?;
                    return Ok(to_bigint(&v).unwrap_or_default());
                }
            } else if vm.lookup_special(arg, "__index__").is_some() {
                return index_bigint(vm, arg);
            }
            Err(percent_type_error(arg, conv, decimal))
        }
        _ => Err(percent_type_error(arg, conv, decimal)),
    }
}

#[cold]
pub(crate) fn percent_type_error(arg: &Value, conv: char, decimal: bool) -> PyErr {
    exc::type_error(if decimal {
        format!(
            "%{} format: a real number is required, not {}",
            conv,
            arg.type_name()
        )
    } else {
        format!(
            "%{} format: an integer is required, not {}",
            conv,
            arg.type_name()
        )
    })
}
