//! The constants a code object carries (`co_consts`), as plain data: what the compiler folds
//! and loads with `LOAD_CONST`. The interpreter turns each into one of its values once, when
//! the code is loaded; nothing here knows what a value is.
//!
//! [`Constant::repr`] is what `dis` prints for a constant, and is CPython's `repr` of the
//! same literal (`'it\'s'`, `1e+16`, `(1,)`), so listings read as CPython's do.

use std::sync::Arc;

use num_bigint::BigInt;
use num_traits::ToPrimitive;

use super::CodeObject;

/// One entry of `co_consts`.
#[derive(Debug, Clone)]
pub enum Constant {
    None,
    Bool(bool),
    /// An int that fits in 64 bits.
    Int(i64),
    /// An int that does not (never one that would fit: see [`Constant::int`]).
    BigInt(BigInt),
    Float(f64),
    /// A complex number (real, imaginary): an imaginary literal `2j`, or `-2j` folded.
    Complex(f64, f64),
    Str(Arc<str>),
    Bytes(Arc<[u8]>),
    Tuple(Vec<Constant>),
    /// A nested function, lambda, comprehension or class body.
    Code(Arc<CodeObject>),
    /// `...`.
    Ellipsis,
}

impl Constant {
    /// An int constant, in 64 bits when it fits.
    pub fn int(b: BigInt) -> Constant {
        match b.to_i64() {
            Some(i) => Constant::Int(i),
            None => Constant::BigInt(b),
        }
    }

    pub fn str(s: &str) -> Constant {
        Constant::Str(Arc::from(s))
    }

    /// The constant as `dis` shows it in a `LOAD_CONST` line.
    pub fn repr(&self) -> String {
        match self {
            Constant::None => "None".into(),
            Constant::Bool(true) => "True".into(),
            Constant::Bool(false) => "False".into(),
            Constant::Int(i) => i.to_string(),
            Constant::BigInt(b) => b.to_string(),
            Constant::Float(x) => float_repr(*x),
            Constant::Complex(re, im) => complex_repr(*re, *im),
            Constant::Str(s) => str_repr(s),
            Constant::Bytes(b) => bytes_repr(b),
            Constant::Tuple(items) => {
                let parts: Vec<String> = items.iter().map(Constant::repr).collect();
                if parts.len() == 1 {
                    format!("({},)", parts[0])
                } else {
                    format!("({})", parts.join(", "))
                }
            }
            Constant::Code(c) => c.repr(),
            // As the listing has always shown it (the type's name in brackets).
            Constant::Ellipsis => "<ellipsis>".into(),
        }
    }
}

/// CPython's `repr(float)`: the shortest digits that read back as the same float, positional
/// when the decimal exponent is in -4..16, else scientific with a signed two-digit exponent.
pub fn float_repr(x: f64) -> String {
    if x.is_nan() {
        return "nan".to_string();
    }
    if x.is_infinite() {
        return if x < 0.0 { "-inf" } else { "inf" }.to_string();
    }
    let sign = if x.is_sign_negative() { "-" } else { "" };
    let (digits, exp) = shortest_digits(x.abs());
    let body = if (-4..16).contains(&exp) {
        if exp < 0 {
            format!("0.{}{}", "0".repeat((-exp - 1) as usize), digits)
        } else {
            let point = exp as usize + 1;
            if digits.len() <= point {
                format!("{}{}.0", digits, "0".repeat(point - digits.len()))
            } else {
                format!("{}.{}", &digits[..point], &digits[point..])
            }
        }
    } else {
        let mantissa = if digits.len() > 1 {
            format!("{}.{}", &digits[..1], &digits[1..])
        } else {
            digits
        };
        format!(
            "{mantissa}e{}{:02}",
            if exp < 0 { '-' } else { '+' },
            exp.abs()
        )
    };
    format!("{sign}{body}")
}

/// CPython's `repr(complex)`: the imaginary part alone when the real part is +0 (`2j`),
/// else both in brackets with the imaginary part's sign always shown (`(1-2j)`, `(-0-0j)`);
/// each part as `repr(float)` without the `.0` it adds to integral values.
pub fn complex_repr(re: f64, im: f64) -> String {
    let part = |x: f64| {
        let r = float_repr(x);
        match r.strip_suffix(".0") {
            Some(whole) => whole.to_string(),
            None => r,
        }
    };
    let im_part = part(im);
    if re == 0.0 && re.is_sign_positive() {
        return format!("{im_part}j");
    }
    let sign = if im_part.starts_with('-') { "" } else { "+" };
    format!("({}{sign}{im_part}j)", part(re))
}

/// The shortest digits (no trailing zeros) that read back as `a`, and the decimal exponent
/// of the first: among equally short candidates the one nearest `a`, ties to even, as
/// CPython's `_Py_dg_dtoa` mode 0 (Rust's shortest formatting may pick the other of a tie).
pub fn shortest_digits(a: f64) -> (String, i32) {
    let split = |s: &str| {
        let (m, e) = s.split_once('e').unwrap_or((s, "0"));
        let digits: String = m.chars().filter(|c| *c != '.').collect();
        (digits, e.parse::<i32>().unwrap_or(0))
    };
    let (digits, exp) = split(&format!("{a:e}"));
    if digits.len() < 2 {
        return (digits, exp);
    }
    let nearest = format!("{a:.*e}", digits.len() - 1);
    if nearest.parse::<f64>() == Ok(a) {
        let (mut d2, e2) = split(&nearest);
        while d2.len() > 1 && d2.ends_with('0') {
            d2.pop();
        }
        if d2.len() == digits.len() {
            return (d2, e2);
        }
    }
    (digits, exp)
}

/// CPython's `repr(bytes)`: `b'...'`, in double quotes only when the data holds a `'` and no
/// `"`; `\t`, `\n`, `\r`, `\\` and the quote escaped, other bytes outside 32..127 as `\xhh`.
pub fn bytes_repr(data: &[u8]) -> String {
    bytes_repr_prefixed(data, "b", "")
}

/// [`bytes_repr`] inside `prefix` and `suffix`. `bytearray(b'...')` passes "bytearray(b" and
/// ")", and its repr escapes every `'`, even inside double quotes (CPython's
/// `bytearray_repr`: `bytearray(b"it\'s")`).
pub fn bytes_repr_prefixed(data: &[u8], prefix: &str, suffix: &str) -> String {
    let always_escape_single = prefix != "b";
    let quote = if data.contains(&b'\'') && !data.contains(&b'"') {
        b'"'
    } else {
        b'\''
    };
    let mut out = String::with_capacity(data.len() + 3 + prefix.len() + suffix.len());
    out.push_str(prefix);
    out.push(quote as char);
    for &b in data {
        match b {
            b'\\' => out.push_str("\\\\"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            b'\t' => out.push_str("\\t"),
            b if b == quote || (always_escape_single && b == b'\'') => {
                out.push('\\');
                out.push(b as char);
            }
            32..=126 => out.push(b as char),
            b => out.push_str(&format!("\\x{b:02x}")),
        }
    }
    out.push(quote as char);
    out.push_str(suffix);
    out
}

/// CPython's `repr(str)`: single quotes unless the text has one and no double quote; escapes
/// for the backslash, the quote, `\n` `\r` `\t` and characters that are not printable.
pub fn str_repr(s: &str) -> String {
    let quote = if s.contains('\'') && !s.contains('"') {
        '"'
    } else {
        '\''
    };
    let mut out = String::with_capacity(s.len() + 2);
    out.push(quote);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if is_printable(c) => out.push(c),
            c => {
                let n = c as u32;
                if n < 0x100 {
                    out.push_str(&format!("\\x{:02x}", n));
                } else if n < 0x10000 {
                    out.push_str(&format!("\\u{:04x}", n));
                } else {
                    out.push_str(&format!("\\U{:08x}", n));
                }
            }
        }
    }
    out.push(quote);
    out
}

/// An approximation of `str.isprintable` for one character: control characters, separators
/// other than the space, and unassigned/format characters are not printable.
pub fn is_printable(c: char) -> bool {
    let n = c as u32;
    if c == ' ' {
        return true;
    }
    if n < 0x20 || (0x7f..0xa0).contains(&n) || n == 0xad {
        return false;
    }
    if c.is_whitespace() {
        return false;
    }
    // Surrogates cannot occur in a Rust string; format characters and private use are few.
    !matches!(n, 0x200b..=0x200f | 0x2028..=0x202e | 0x2060..=0x2064 | 0xfeff | 0xe000..=0xf8ff)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn floats_read_as_cpython_prints_them() {
        let cases = [
            (1.5e16, "1.5e+16"),
            (1e16, "1e+16"),
            (1e-5, "1e-05"),
            (1e-4, "0.0001"),
            (-0.0, "-0.0"),
            (0.1, "0.1"),
            (100.0, "100.0"),
            (1e22, "1e+22"),
            (12345678901234567.0, "1.2345678901234568e+16"),
            (123456789012345.6, "123456789012345.6"),
            (2.5e-300, "2.5e-300"),
            (f64::INFINITY, "inf"),
            (1658206780088562.2, "1658206780088562.2"),
        ];
        for (x, text) in cases {
            assert_eq!(float_repr(x), text);
        }
    }

    #[test]
    fn strings_and_tuples() {
        assert_eq!(Constant::str("it's").repr(), "\"it's\"");
        assert_eq!(Constant::str("a\x01\u{200b}").repr(), "'a\\x01\\u200b'");
        assert_eq!(Constant::Tuple(vec![Constant::Int(1)]).repr(), "(1,)");
        assert_eq!(
            Constant::int(BigInt::from(i64::MAX) + 1).repr(),
            "9223372036854775808"
        );
    }
}
