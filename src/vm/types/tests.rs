//! Tests of the built-in types' methods, through attribute lookup as a program calls them.

use std::sync::Arc;

use crate::vm::Vm;
use crate::vm::object::registry::types;
use crate::vm::object::value::{KeySet, Value};
use crate::vm::object::{Dict, PyResult};

use super::dict::new_set;
use crate::bytecode::BinaryOp;

fn new_vm() -> Vm {
    crate::vm::test_vm()
}

fn s(text: &str) -> Value {
    Value::str(text)
}

fn call_kw(
    vm: &mut Vm,
    obj: &Value,
    name: &str,
    args: &[Value],
    kw: &[(&str, Value)],
) -> PyResult<Value> {
    let m = vm.getattr(obj, name)?;
    let kw: Vec<(Arc<str>, Value)> = kw.iter().map(|(k, v)| (Arc::from(*k), v.clone())).collect();
    vm.call(&m, args, &kw)
}

/// `repr(obj.name(*args, **kw))`
fn ok_kw(vm: &mut Vm, obj: &Value, name: &str, args: &[Value], kw: &[(&str, Value)]) -> String {
    let r = call_kw(vm, obj, name, args, kw).unwrap_or_else(|e| panic!("{}: {:?}", name, e));
    vm.repr(&r).unwrap()
}

fn ok(vm: &mut Vm, obj: &Value, name: &str, args: &[Value]) -> String {
    ok_kw(vm, obj, name, args, &[])
}

/// The last line CPython prints for the exception `obj.name(*args, **kw)` raises (built
/// here from the class and args, so that it does not depend on `BaseException.__str__`).
fn err_kw(vm: &mut Vm, obj: &Value, name: &str, args: &[Value], kw: &[(&str, Value)]) -> String {
    let e = call_kw(vm, obj, name, args, kw)
        .err()
        .unwrap_or_else(|| panic!("{} did not raise", name));
    let args = e.args();
    let msg = match args.as_slice() {
        [] => String::new(),
        [one] if e.matches(&types().key_error) => vm.repr(one).unwrap(),
        [one] => vm.to_str(one).unwrap(),
        more => vm.repr(&Value::tuple(more.to_vec())).unwrap(),
    };
    format!("{}: {}", e.class().name, msg)
}

fn err(vm: &mut Vm, obj: &Value, name: &str, args: &[Value]) -> String {
    err_kw(vm, obj, name, args, &[])
}

fn list(items: &[Value]) -> Value {
    Value::list(items.to_vec())
}

fn ints(items: &[i64]) -> Value {
    Value::list(items.iter().map(|i| Value::Int(*i)).collect())
}

fn set_of(vm: &mut Vm, items: &[Value], frozen: bool) -> Value {
    let mut keys = KeySet::default();
    for x in items {
        keys.insert(vm.hash_key(x).unwrap());
    }
    new_set(keys, frozen)
}

fn repr(vm: &mut Vm, v: &Value) -> String {
    vm.repr(v).unwrap()
}

#[test]
fn str_split_family() {
    let vm = &mut new_vm();
    assert_eq!(ok(vm, &s("a  b"), "split", &[]), "['a', 'b']");
    assert_eq!(
        ok(vm, &s("a,b,,c"), "split", &[s(",")]),
        "['a', 'b', '', 'c']"
    );
    assert_eq!(
        ok(vm, &s("  a b c  "), "split", &[Value::None, Value::Int(1)]),
        "['a', 'b c  ']"
    );
    assert_eq!(
        ok(vm, &s("  a b c  "), "rsplit", &[Value::None, Value::Int(1)]),
        "['  a b', 'c']"
    );
    assert_eq!(
        ok(vm, &s("a,b,c"), "rsplit", &[s(","), Value::Int(1)]),
        "['a,b', 'c']"
    );
    assert_eq!(
        ok_kw(
            vm,
            &s("a b c"),
            "split",
            &[],
            &[("maxsplit", Value::Int(1))]
        ),
        "['a', 'b c']"
    );
    assert_eq!(ok(vm, &s(""), "split", &[]), "[]");
    assert_eq!(ok(vm, &s(""), "split", &[s(",")]), "['']");
    assert_eq!(
        ok(vm, &s("a\u{3000}b\x1cc"), "split", &[]),
        "['a', 'b', 'c']"
    );
    assert_eq!(
        err(vm, &s("a"), "split", &[s("")]),
        "ValueError: empty separator"
    );
    assert_eq!(
        err_kw(vm, &s("a"), "split", &[], &[("x", Value::Int(1))]),
        "TypeError: 'x' is an invalid keyword argument for split()"
    );
    assert_eq!(
        err_kw(vm, &s("a"), "split", &[s(",")], &[("sep", s(","))]),
        "TypeError: argument for split() given by name ('sep') and position (1)"
    );
    assert_eq!(
        err(vm, &s("a"), "split", &[Value::Int(1)]),
        "TypeError: must be str or None, not int"
    );
    assert_eq!(
        err(vm, &s("a"), "split", &[s(","), s("x")]),
        "TypeError: 'str' object cannot be interpreted as an integer"
    );
    assert_eq!(
        ok(vm, &s("a\r\nb\rc\n"), "splitlines", &[Value::Bool(true)]),
        r"['a\r\n', 'b\r', 'c\n']"
    );
    assert_eq!(
        ok(vm, &s("a\r\nb\rc\n"), "splitlines", &[]),
        "['a', 'b', 'c']"
    );
    assert_eq!(
        ok(vm, &s("axbxc"), "rpartition", &[s("x")]),
        "('axb', 'x', 'c')"
    );
    assert_eq!(ok(vm, &s("abc"), "partition", &[s("x")]), "('abc', '', '')");
    assert_eq!(
        ok(vm, &s("abc"), "rpartition", &[s("x")]),
        "('', '', 'abc')"
    );
}

#[test]
fn str_join_strip_case() {
    let vm = &mut new_vm();
    assert_eq!(ok(vm, &s(","), "join", &[s("abc")]), "'a,b,c'");
    assert_eq!(
        err(vm, &s(","), "join", &[list(&[s("a"), Value::Int(1)])]),
        "TypeError: sequence item 1: expected str instance, int found"
    );
    assert_eq!(
        err(vm, &s(","), "join", &[Value::Int(1)]),
        "TypeError: can only join an iterable"
    );
    assert_eq!(
        err(vm, &s(","), "join", &[]),
        "TypeError: str.join() takes exactly one argument (0 given)"
    );
    assert_eq!(ok(vm, &s(" x "), "strip", &[]), "'x'");
    assert_eq!(ok(vm, &s("xyxabcxy"), "strip", &[s("xy")]), "'abc'");
    assert_eq!(ok(vm, &s("  x  "), "lstrip", &[]), "'x  '");
    assert_eq!(ok(vm, &s("  x  "), "rstrip", &[Value::None]), "'  x'");
    assert_eq!(
        err(vm, &s("a"), "strip", &[Value::Int(1)]),
        "TypeError: strip arg must be None or str"
    );
    assert_eq!(
        ok(vm, &s("they're bill's 1st"), "title", &[]),
        "\"They'Re Bill'S 1St\""
    );
    assert_eq!(
        ok(vm, &s("hELLO wORLD"), "capitalize", &[]),
        "'Hello world'"
    );
    assert_eq!(ok(vm, &s("ΑΣ"), "capitalize", &[]), "'Ας'");
    assert_eq!(ok(vm, &s("ß"), "title", &[]), "'Ss'");
    assert_eq!(ok(vm, &s("ß"), "upper", &[]), "'SS'");
    assert_eq!(ok(vm, &s("Straße"), "casefold", &[]), "'strasse'");
    assert_eq!(ok(vm, &s("AbC"), "swapcase", &[]), "'aBc'");
    assert_eq!(ok(vm, &s("ABC"), "lower", &[]), "'abc'");
    assert_eq!(
        err(vm, &s("a"), "upper", &[Value::Int(1)]),
        "TypeError: str.upper() takes no arguments (1 given)"
    );
}

#[test]
fn str_search_and_pad() {
    let vm = &mut new_vm();
    assert_eq!(ok(vm, &s("abc"), "find", &[s("c"), Value::Int(-1)]), "2");
    assert_eq!(ok(vm, &s("abc"), "find", &[s(""), Value::Int(5)]), "-1");
    assert_eq!(
        ok(
            vm,
            &s("abc"),
            "rfind",
            &[s(""), Value::Int(0), Value::Int(2)]
        ),
        "2"
    );
    assert_eq!(ok(vm, &s("héllo wörld"), "find", &[s("w")]), "6");
    assert_eq!(ok(vm, &s("héllo wörld"), "rfind", &[s("l")]), "9");
    assert_eq!(
        err(vm, &s("abc"), "index", &[s("z")]),
        "ValueError: substring not found"
    );
    assert_eq!(
        err(
            vm,
            &s("abc"),
            "rindex",
            &[s("c"), Value::Int(1), Value::Int(2)]
        ),
        "ValueError: substring not found"
    );
    assert_eq!(
        err(vm, &s("a"), "find", &[]),
        "TypeError: find() takes at least 1 argument (0 given)"
    );
    assert_eq!(
        err(vm, &s("a"), "find", &[Value::Int(1)]),
        "TypeError: must be str, not int"
    );
    assert_eq!(ok(vm, &s("abc"), "count", &[s("")]), "4");
    assert_eq!(ok(vm, &s("aaaa"), "count", &[s("aa")]), "2");
    assert_eq!(
        ok(vm, &s("abc"), "startswith", &[s(""), Value::Int(3)]),
        "True"
    );
    assert_eq!(
        ok(vm, &s("abc"), "startswith", &[s(""), Value::Int(4)]),
        "False"
    );
    assert_eq!(
        ok(
            vm,
            &s("abc"),
            "endswith",
            &[Value::tuple(vec![s("x"), s("c")])]
        ),
        "True"
    );
    assert_eq!(
        ok(
            vm,
            &s("abc"),
            "endswith",
            &[s("b"), Value::Int(0), Value::Int(2)]
        ),
        "True"
    );
    assert_eq!(
        err(vm, &s("a"), "startswith", &[Value::Int(1)]),
        "TypeError: startswith first arg must be str or a tuple of str, not int"
    );
    assert_eq!(
        ok(vm, &s("abc"), "replace", &[s(""), s("-"), Value::Int(2)]),
        "'-a-bc'"
    );
    assert_eq!(
        ok(vm, &s("aaa"), "replace", &[s("a"), s("b"), Value::Int(2)]),
        "'bba'"
    );
    assert_eq!(
        err(vm, &s("a"), "replace", &[s("a")]),
        "TypeError: replace expected at least 2 arguments, got 1"
    );
    assert_eq!(
        ok(vm, &s("abc"), "center", &[Value::Int(9), s("*")]),
        "'***abc***'"
    );
    assert_eq!(ok(vm, &s("ab"), "center", &[Value::Int(5)]), "'  ab '");
    assert_eq!(
        ok(vm, &s("a"), "center", &[Value::Int(4), s("-")]),
        "'-a--'"
    );
    assert_eq!(
        err(vm, &s("a"), "center", &[Value::Int(5), s("ab")]),
        "TypeError: The fill character must be exactly one character long"
    );
    assert_eq!(
        ok(vm, &s("ab"), "ljust", &[Value::Int(4), s(".")]),
        "'ab..'"
    );
    assert_eq!(ok(vm, &s("ab"), "rjust", &[Value::Int(4)]), "'  ab'");
    assert_eq!(ok(vm, &s("42"), "zfill", &[Value::Int(5)]), "'00042'");
    assert_eq!(ok(vm, &s("-42"), "zfill", &[Value::Int(6)]), "'-00042'");
    assert_eq!(
        ok(vm, &s("a\tbc\td"), "expandtabs", &[]),
        "'a       bc      d'"
    );
    assert_eq!(
        ok(vm, &s("a\tb\nc\td"), "expandtabs", &[Value::Int(4)]),
        r"'a   b\nc   d'"
    );
    assert_eq!(ok(vm, &s("abc"), "removeprefix", &[s("ab")]), "'c'");
    assert_eq!(ok(vm, &s("abc"), "removesuffix", &[s("x")]), "'abc'");
}

#[test]
fn str_predicates() {
    let vm = &mut new_vm();
    let cases = [
        ("123", "isdigit", "True"),
        ("²", "isdigit", "True"),
        ("²", "isdecimal", "False"),
        ("一", "isnumeric", "True"),
        ("", "isdigit", "False"),
        ("é", "isalpha", "True"),
        ("a1", "isalnum", "True"),
        (" \t\n", "isspace", "True"),
        ("A1", "isupper", "True"),
        ("1", "isupper", "False"),
        ("abc", "islower", "True"),
        ("Hello World", "istitle", "True"),
        ("Hello world", "istitle", "False"),
        ("_x1", "isidentifier", "True"),
        ("1a", "isidentifier", "False"),
        ("a\tb", "isprintable", "False"),
        ("", "isprintable", "True"),
    ];
    for (text, method, want) in cases {
        assert_eq!(
            ok(vm, &s(text), method, &[]),
            want,
            "{:?}.{}()",
            text,
            method
        );
    }
}

#[test]
fn str_format_fields() {
    let vm = &mut new_vm();
    assert_eq!(
        ok(vm, &s("{0}{1}{0}"), "format", &[s("a"), s("b")]),
        "'aba'"
    );
    assert_eq!(ok(vm, &s("{}-{}"), "format", &[s("a"), s("b")]), "'a-b'");
    assert_eq!(ok(vm, &s("{!r}"), "format", &[s("a")]), "\"'a'\"");
    assert_eq!(ok(vm, &s("{!a}"), "format", &[s("é")]), r#""'\\xe9'""#);
    assert_eq!(ok(vm, &s("{0[1]}{0[0]}"), "format", &[s("ab")]), "'ba'");
    assert_eq!(ok_kw(vm, &s("{x}"), "format", &[], &[("x", s("2"))]), "'2'");
    assert_eq!(ok(vm, &s("{{}}"), "format", &[]), "'{}'");
    assert_eq!(
        err(vm, &s("{1}"), "format", &[Value::Int(1)]),
        "IndexError: Replacement index 1 out of range for positional args tuple"
    );
    assert_eq!(err(vm, &s("{x}"), "format", &[]), "KeyError: 'x'");
    assert_eq!(
        err(vm, &s("{"), "format", &[]),
        "ValueError: Single '{' encountered in format string"
    );
    assert_eq!(
        err(vm, &s("}"), "format", &[]),
        "ValueError: Single '}' encountered in format string"
    );
    assert_eq!(
        err(vm, &s("{}{0}"), "format", &[s("a"), s("b")]),
        "ValueError: cannot switch from automatic field numbering to manual field specification"
    );
    assert_eq!(
        err(vm, &s("{!x}"), "format", &[s("a")]),
        "ValueError: Unknown conversion specifier x"
    );
    assert_eq!(
        err(vm, &s("{0!r"), "format", &[s("a")]),
        "ValueError: unmatched '{' in format spec"
    );
    assert_eq!(
        err(vm, &s("{a"), "format", &[]),
        "ValueError: expected '}' before end of string"
    );
    assert_eq!(
        err(vm, &s("{0[0]x}"), "format", &[s("a")]),
        "ValueError: Only '.' or '[' may follow ']' in format field specifier"
    );
    let d = Value::Dict(Arc::new(Dict::new()));
    vm.setitem(&d, &s("k"), s("v")).unwrap();
    assert_eq!(
        ok(vm, &s("<{k}>"), "format_map", std::slice::from_ref(&d)),
        "'<v>'"
    );
    assert_eq!(
        err(vm, &s("{0}"), "format_map", &[d]),
        "ValueError: Format string contains positional fields"
    );
}

/// Fields with a format spec go through `format::value::format_value`.
#[test]
fn str_format_specs() {
    let vm = &mut new_vm();
    assert_eq!(
        ok(vm, &s("{:>5}|{!r}"), "format", &[Value::Int(1), s("a")]),
        "\"    1|'a'\""
    );
    assert_eq!(
        ok(vm, &s("{0:{1}}"), "format", &[Value::Int(1), Value::Int(5)]),
        "'    1'"
    );
    assert_eq!(
        ok_kw(vm, &s("{x}"), "format", &[], &[("x", Value::Int(2))]),
        "'2'"
    );
    assert_eq!(
        err(
            vm,
            &s("{0:{1:{2}}}"),
            "format",
            &[Value::Int(1), Value::Int(5), Value::Int(2)]
        ),
        "ValueError: Max string recursion exceeded"
    );
}

#[test]
fn list_methods() {
    let vm = &mut new_vm();
    let l = ints(&[1, 2]);
    call_kw(vm, &l, "append", &[Value::Int(3)], &[]).unwrap();
    call_kw(vm, &l, "insert", &[Value::Int(-100), Value::Int(0)], &[]).unwrap();
    call_kw(vm, &l, "extend", &[Value::tuple(vec![Value::Int(4)])], &[]).unwrap();
    assert_eq!(repr(vm, &l), "[0, 1, 2, 3, 4]");
    assert_eq!(ok(vm, &l, "pop", &[]), "4");
    assert_eq!(ok(vm, &l, "pop", &[Value::Int(0)]), "0");
    assert_eq!(
        err(vm, &l, "pop", &[Value::Int(5)]),
        "IndexError: pop index out of range"
    );
    assert_eq!(
        err(vm, &ints(&[]), "pop", &[]),
        "IndexError: pop from empty list"
    );
    assert_eq!(ok(vm, &l, "index", &[Value::Int(3)]), "2");
    assert_eq!(
        err(vm, &l, "index", &[Value::Int(5)]),
        "ValueError: 5 is not in list"
    );
    assert_eq!(
        err(
            vm,
            &l,
            "index",
            &[Value::Int(3), Value::Int(0), Value::Int(-1)]
        ),
        "ValueError: 3 is not in list"
    );
    assert_eq!(
        err(vm, &l, "index", &[]),
        "TypeError: index expected at least 1 argument, got 0"
    );
    assert_eq!(
        err(vm, &l, "remove", &[Value::Int(9)]),
        "ValueError: list.remove(x): x not in list"
    );
    assert_eq!(
        err(vm, &l, "append", &[]),
        "TypeError: list.append() takes exactly one argument (0 given)"
    );
    assert_eq!(
        err(vm, &l, "insert", &[Value::Int(1)]),
        "TypeError: insert expected 2 arguments, got 1"
    );
    assert_eq!(
        err(vm, &l, "pop", &[s("a")]),
        "TypeError: 'str' object cannot be interpreted as an integer"
    );
    assert_eq!(
        err(vm, &l, "sort", &[Value::Int(1)]),
        "TypeError: sort() takes no positional arguments"
    );
    call_kw(vm, &l, "remove", &[Value::Int(2)], &[]).unwrap();
    call_kw(vm, &l, "reverse", &[], &[]).unwrap();
    assert_eq!(repr(vm, &l), "[3, 1]");
    assert_eq!(
        ok(vm, &ints(&[1, 2, 1]), "count", &[Value::Float(1.0)]),
        "2"
    );
    let copy = call_kw(vm, &l, "copy", &[], &[]).unwrap();
    call_kw(vm, &l, "clear", &[], &[]).unwrap();
    assert_eq!(repr(vm, &l), "[]");
    assert_eq!(repr(vm, &copy), "[3, 1]");
    // Through the class, as `list.__getitem__(l, 1)`.
    let getitem = vm
        .getattr(&Value::Class(types().list.clone()), "__getitem__")
        .unwrap();
    let r = vm
        .call(&getitem, &[ints(&[5, 6]), Value::Int(1)], &[])
        .unwrap();
    assert_eq!(repr(vm, &r), "6");
    let append = vm
        .getattr(&Value::Class(types().list.clone()), "append")
        .unwrap();
    let e = vm
        .call(&append, &[Value::Int(1), Value::Int(2)], &[])
        .unwrap_err();
    assert_eq!(
        e.message(),
        "descriptor 'append' for 'list' objects doesn't apply to a 'int' object"
    );
}

/// `list.sort` relies on `list::sort_values`.
#[test]
fn list_sort_with_key() {
    let vm = &mut new_vm();
    let l = list(&[s("bb"), s("a"), s("ccc")]);
    let key = vm.interp.builtins.get_str("len");
    if let Some(key) = key {
        call_kw(vm, &l, "sort", &[], &[("key", key)]).unwrap();
        assert_eq!(repr(vm, &l), "['a', 'bb', 'ccc']");
    }
    call_kw(vm, &l, "sort", &[], &[("reverse", Value::Bool(true))]).unwrap();
    assert_eq!(repr(vm, &l), "['ccc', 'bb', 'a']");
}

#[test]
fn argument_messages() {
    let vm = &mut new_vm();
    let l = ints(&[1]);
    assert_eq!(
        err(vm, &l, "__len__", &[Value::Int(1)]),
        "TypeError: expected 0 arguments, got 1"
    );
    assert_eq!(
        err_kw(vm, &l, "pop", &[], &[("index", Value::Int(0))]),
        "TypeError: list.pop() takes no keyword arguments"
    );
    assert_eq!(
        err_kw(
            vm,
            &l,
            "sort",
            &[],
            &[
                ("key", Value::None),
                ("reverse", Value::None),
                ("x", Value::None)
            ]
        ),
        "TypeError: sort() takes at most 2 keyword arguments (3 given)"
    );
    assert_eq!(
        err_kw(vm, &l, "sort", &[], &[("reverse", Value::None)]),
        "TypeError: 'NoneType' object cannot be interpreted as an integer"
    );
    assert_eq!(
        err(vm, &s("a"), "expandtabs", &[Value::Int(4), Value::Int(5)]),
        "TypeError: expandtabs() takes at most 1 argument (2 given)"
    );
    assert_eq!(
        err_kw(
            vm,
            &s("a"),
            "splitlines",
            &[],
            &[("keepends", Value::Int(1)), ("x", Value::Int(2))]
        ),
        "TypeError: splitlines() takes at most 1 keyword argument (2 given)"
    );
    let upper = vm
        .getattr(&Value::Class(types().str.clone()), "upper")
        .unwrap();
    let e = vm.call(&upper, &[], &[]).unwrap_err();
    assert_eq!(e.message(), "unbound method str.upper() needs an argument");
}

#[test]
fn tuple_and_range() {
    let vm = &mut new_vm();
    let t = Value::tuple(vec![Value::Int(1), Value::Int(2), Value::Int(1)]);
    assert_eq!(ok(vm, &t, "count", &[Value::Int(1)]), "2");
    assert_eq!(ok(vm, &t, "index", &[Value::Int(1), Value::Int(1)]), "2");
    assert_eq!(
        err(vm, &t, "index", &[Value::Int(5)]),
        "ValueError: tuple.index(x): x not in tuple"
    );
    let r = Value::Range(Arc::new(crate::vm::object::RangeObj {
        start: 1,
        stop: 10,
        step: 2,
    }));
    assert_eq!(ok(vm, &r, "index", &[Value::Int(5)]), "2");
    assert_eq!(ok(vm, &r, "count", &[Value::Int(4)]), "0");
    assert_eq!(ok(vm, &r, "index", &[Value::Float(3.0)]), "1");
    assert_eq!(
        err(vm, &r, "index", &[Value::Int(4)]),
        "ValueError: 4 is not in range"
    );
    assert_eq!(
        err(vm, &r, "count", &[]),
        "TypeError: range.count() takes exactly one argument (0 given)"
    );
}

#[test]
fn dict_methods_and_views() {
    let vm = &mut new_vm();
    let d = Value::Dict(Arc::new(Dict::new()));
    vm.setitem(&d, &s("a"), Value::Int(1)).unwrap();
    let keys = call_kw(vm, &d, "keys", &[], &[]).unwrap();
    let values = call_kw(vm, &d, "values", &[], &[]).unwrap();
    let items = call_kw(vm, &d, "items", &[], &[]).unwrap();
    vm.setitem(&d, &s("b"), Value::Int(2)).unwrap();
    // The views see the later insertion.
    assert_eq!(repr(vm, &keys), "dict_keys(['a', 'b'])");
    assert_eq!(repr(vm, &values), "dict_values([1, 2])");
    assert_eq!(repr(vm, &items), "dict_items([('a', 1), ('b', 2)])");
    assert_eq!(vm.len(&items).unwrap(), 2);
    assert!(vm.contains(&keys, &s("b")).unwrap());
    assert!(
        vm.contains(&items, &Value::tuple(vec![s("a"), Value::Int(1)]))
            .unwrap()
    );
    assert!(
        !vm.contains(&items, &Value::tuple(vec![s("a"), Value::Int(2)]))
            .unwrap()
    );
    assert!(vm.contains(&values, &Value::Int(2)).unwrap());
    let collected = Value::list(vm.collect(&keys).unwrap());
    assert_eq!(repr(vm, &collected), "['a', 'b']");
    let only_a = set_of(vm, &[s("a"), s("z")], false);
    let and = vm.binary_op(&keys, &only_a, BinaryOp::And).unwrap();
    assert_eq!(repr(vm, &and), "{'a'}");
    let rsub = vm.binary_op(&only_a, &keys, BinaryOp::Subtract).unwrap();
    assert_eq!(repr(vm, &rsub), "{'z'}");
    let ba = set_of(vm, &[s("b"), s("a")], false);
    let eq = vm
        .compare(&keys, &ba, crate::bytecode::CompareOp::Eq)
        .unwrap();
    assert_eq!(repr(vm, &eq), "True");

    assert_eq!(ok(vm, &d, "get", &[s("a")]), "1");
    assert_eq!(ok(vm, &d, "get", &[s("q"), Value::Int(0)]), "0");
    assert_eq!(
        err(vm, &d, "get", &[]),
        "TypeError: get expected at least 1 argument, got 0"
    );
    assert_eq!(ok(vm, &d, "setdefault", &[s("c"), Value::Int(3)]), "3");
    assert_eq!(ok(vm, &d, "setdefault", &[s("c"), Value::Int(4)]), "3");
    assert_eq!(ok(vm, &d, "pop", &[s("c")]), "3");
    assert_eq!(ok(vm, &d, "pop", &[s("c"), Value::None]), "None");
    assert_eq!(err(vm, &d, "pop", &[s("c")]), "KeyError: 'c'");

    let other = Value::Dict(Arc::new(Dict::new()));
    vm.setitem(&other, &s("x"), Value::Int(10)).unwrap();
    call_kw(vm, &d, "update", &[other], &[]).unwrap();
    call_kw(
        vm,
        &d,
        "update",
        &[list(&[Value::tuple(vec![s("y"), Value::Int(20)])])],
        &[],
    )
    .unwrap();
    call_kw(vm, &d, "update", &[], &[("z", Value::Int(30))]).unwrap();
    assert_eq!(repr(vm, &d), "{'a': 1, 'b': 2, 'x': 10, 'y': 20, 'z': 30}");
    assert_eq!(
        err(vm, &d, "update", &[ints(&[1])]),
        "TypeError: cannot convert dictionary update sequence element #0 to a sequence"
    );
    assert_eq!(
        err(vm, &d, "update", &[list(&[s("abc")])]),
        "ValueError: dictionary update sequence element #0 has length 3; 2 is required"
    );
    assert_eq!(ok(vm, &d, "popitem", &[]), "('z', 30)");
    let copy = call_kw(vm, &d, "copy", &[], &[]).unwrap();
    call_kw(vm, &d, "clear", &[], &[]).unwrap();
    assert_eq!(repr(vm, &keys), "dict_keys([])");
    assert_eq!(
        err(vm, &d, "popitem", &[]),
        "KeyError: 'popitem(): dictionary is empty'"
    );
    assert_eq!(vm.len(&copy).unwrap(), 4);

    let dict_class = Value::Class(types().dict.clone());
    assert_eq!(
        ok(vm, &dict_class, "fromkeys", &[s("ab")]),
        "{'a': None, 'b': None}"
    );
    assert_eq!(ok(vm, &d, "fromkeys", &[s("a"), Value::Int(0)]), "{'a': 0}");
}

#[test]
fn set_algebra() {
    let vm = &mut new_vm();
    let a = set_of(vm, &[Value::Int(1), Value::Int(2), Value::Int(3)], false);
    let b = ints(&[2, 3, 4]);
    assert_eq!(
        ok(vm, &a, "union", &[b.clone(), ints(&[5])]),
        "{1, 2, 3, 4, 5}"
    );
    assert_eq!(
        ok(vm, &a, "intersection", std::slice::from_ref(&b)),
        "{2, 3}"
    );
    assert_eq!(ok(vm, &a, "difference", std::slice::from_ref(&b)), "{1}");
    assert_eq!(
        ok(vm, &a, "symmetric_difference", std::slice::from_ref(&b)),
        "{1, 4}"
    );
    assert_eq!(ok(vm, &a, "issubset", &[ints(&[1, 2, 3, 4])]), "True");
    assert_eq!(ok(vm, &a, "issuperset", &[ints(&[1, 2])]), "True");
    assert_eq!(ok(vm, &a, "isdisjoint", &[ints(&[7])]), "True");
    assert_eq!(
        err(vm, &a, "symmetric_difference", &[]),
        "TypeError: set.symmetric_difference() takes exactly one argument (0 given)"
    );
    call_kw(vm, &a, "add", &[Value::Int(9)], &[]).unwrap();
    call_kw(vm, &a, "discard", &[Value::Int(2)], &[]).unwrap();
    call_kw(vm, &a, "remove", &[Value::Int(1)], &[]).unwrap();
    assert_eq!(repr(vm, &a), "{3, 9}");
    assert_eq!(err(vm, &a, "remove", &[Value::Int(1)]), "KeyError: 1");
    assert_eq!(
        err(vm, &a, "add", &[ints(&[])]),
        "TypeError: unhashable type: 'list'"
    );
    call_kw(vm, &a, "update", &[ints(&[4]), ints(&[5])], &[]).unwrap();
    assert_eq!(repr(vm, &a), "{3, 4, 5, 9}");
    call_kw(vm, &a, "intersection_update", &[ints(&[3, 4, 5])], &[]).unwrap();
    call_kw(vm, &a, "difference_update", &[ints(&[4])], &[]).unwrap();
    call_kw(vm, &a, "symmetric_difference_update", &[ints(&[5, 6])], &[]).unwrap();
    assert_eq!(repr(vm, &a), "{3, 6}");
    assert_eq!(ok(vm, &a, "pop", &[]), "3");
    call_kw(vm, &a, "clear", &[], &[]).unwrap();
    assert_eq!(err(vm, &a, "pop", &[]), "KeyError: 'pop from an empty set'");
    let f = set_of(vm, &[Value::Int(1)], true);
    assert_eq!(ok(vm, &f, "union", &[ints(&[2])]), "frozenset({1, 2})");
    assert_eq!(
        err(vm, &f, "add", &[Value::Int(2)]),
        "AttributeError: 'frozenset' object has no attribute 'add'"
    );
}

#[test]
fn numbers() {
    let vm = &mut new_vm();
    assert_eq!(ok(vm, &Value::Int(5), "bit_length", &[]), "3");
    assert_eq!(ok(vm, &Value::Int(-5), "bit_count", &[]), "2");
    assert_eq!(ok(vm, &Value::Bool(true), "conjugate", &[]), "1");
    assert_eq!(
        ok(vm, &Value::Float(0.1), "as_integer_ratio", &[]),
        "(3602879701896397, 36028797018963968)"
    );
    assert_eq!(
        ok(vm, &Value::Float(-2.5), "as_integer_ratio", &[]),
        "(-5, 2)"
    );
    assert_eq!(ok(vm, &Value::Float(2.0), "is_integer", &[]), "True");
    assert_eq!(
        err(vm, &Value::Float(f64::INFINITY), "as_integer_ratio", &[]),
        "OverflowError: cannot convert Infinity to integer ratio"
    );
    assert_eq!(
        err(vm, &Value::Float(1.5), "is_integer", &[Value::Int(1)]),
        "TypeError: float.is_integer() takes no arguments (1 given)"
    );
}
