//! Formatting, in one room: `repr(float)` (`float_repr.rs`) and the format-spec mini-language
//! (`spec.rs`; `format(x, spec)`, f-string `{x:spec}`) as pure functions on Rust values,
//! following CPython 3.11's `Python/formatter_unicode.c` and `Python/pystrtod.c`; `format()` on
//! any value (`value.rs`), `str.format` (`str_format.rs`) and `%` (`percent.rs`).
//!
//! Errors are returned as the message of the exception CPython raises. That is a
//! `ValueError` except for the messages recognised by [`is_overflow_message`], which CPython
//! raises as `OverflowError`.

mod float_repr;
pub(crate) mod percent;
mod spec;
pub(crate) mod str_format;
pub(crate) mod value;

pub use float_repr::*;
pub use spec::*;

use num_bigint::BigInt;

use crate::vm::object::registry::{Types, add_all, add_method};
use num_traits::{Signed, ToPrimitive, Zero};

const OVERFLOW_INT_TO_FLOAT: &str = "int too large to convert to float";
const OVERFLOW_CHAR: &str = "%c arg not in range(0x110000)";
const OVERFLOW_C_LONG: &str = "Python int too large to convert to C long";

/// Whether an error message from this module is one CPython raises as `OverflowError`
/// rather than `ValueError`.
pub fn is_overflow_message(msg: &str) -> bool {
    msg == OVERFLOW_INT_TO_FLOAT || msg == OVERFLOW_CHAR || msg == OVERFLOW_C_LONG
}

/// Registers the formatting methods in the built-in classes: `str.format`, `str.format_map`,
/// and `__format__` of `int`, `float` and `str`.
pub(crate) fn register(t: &Types) {
    add_all(
        &t.str,
        &[
            ("format", str_format::str_format),
            ("format_map", str_format::str_format_map),
        ],
    );
    for cls in [&t.int, &t.float, &t.str, &t.complex] {
        add_method(cls, "__format__", value::format_method);
    }
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
