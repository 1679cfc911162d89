//! Calls the modules' functions directly (no parser needed) and checks results and errors
//! against CPython 3.11's.

use crate::vm::Vm;
use crate::vm::object::KwArgs;
use crate::vm::object::value::Value;

/// Free-threaded, so the module functions that release the GIL need not hold it here.
pub(super) fn vm() -> Vm {
    crate::vm::test_vm_with(crate::vm::Config {
        gil: false,
        ..Default::default()
    })
}

/// `module.name(*args, **kw)`; an error as `"Class: message"`.
pub(super) fn call_kw(
    vm: &mut Vm,
    module: &str,
    name: &str,
    args: &[Value],
    kw: &KwArgs,
) -> Result<Value, String> {
    let m = super::import(vm, module).map_err(|e| format!("import: {:?}", e))?;
    let f = vm
        .getattr(&m, name)
        .map_err(|e| format!("getattr: {:?}", e))?;
    vm.call(&f, args, kw).map_err(|e| {
        let msg = e
            .args()
            .first()
            .and_then(|a| a.as_str().map(str::to_string))
            .unwrap_or_default();
        format!("{}: {}", e.class().name, msg)
    })
}

fn call(vm: &mut Vm, module: &str, name: &str, args: &[Value]) -> Result<Value, String> {
    call_kw(vm, module, name, args, &[])
}

fn err(vm: &mut Vm, module: &str, name: &str, args: &[Value]) -> String {
    match call(vm, module, name, args) {
        Ok(v) => format!("no error: {:?}", v),
        Err(e) => e,
    }
}

/// Each `(function, arguments, error)` of `module` raises that error (`"Class: message"`).
pub(super) fn assert_errors(vm: &mut Vm, module: &str, cases: &[(&str, Vec<Value>, &str)]) {
    for (name, args, want) in cases {
        assert_eq!(err(vm, module, name, args), *want, "{module}.{name}");
    }
}

fn f(x: f64) -> Value {
    Value::Float(x)
}
pub(super) fn i(x: i64) -> Value {
    Value::Int(x)
}

fn ok(vm: &mut Vm, module: &str, name: &str, args: &[Value]) -> String {
    let v = call(vm, module, name, args).unwrap();
    repr(vm, &v)
}

fn repr(vm: &mut Vm, v: &Value) -> String {
    vm.repr(v).unwrap_or_default()
}

#[test]
fn math_values() {
    let mut vm = vm();
    let vm = &mut vm;
    assert_eq!(ok(vm, "math", "sqrt", &[f(2.0)]), "1.4142135623730951");
    assert_eq!(ok(vm, "math", "floor", &[f(-2.5)]), "-3");
    assert_eq!(ok(vm, "math", "ceil", &[f(1e20)]), "100000000000000000000");
    assert_eq!(ok(vm, "math", "trunc", &[f(-2.5)]), "-2");
    assert_eq!(
        ok(vm, "math", "factorial", &[i(30)]),
        "265252859812191058636308480000000"
    );
    assert_eq!(ok(vm, "math", "gcd", &[i(12), i(-18), i(30)]), "6");
    assert_eq!(ok(vm, "math", "lcm", &[i(4), i(6)]), "12");
    assert_eq!(ok(vm, "math", "comb", &[i(50), i(25)]), "126410606437752");
    assert_eq!(ok(vm, "math", "perm", &[i(10), i(3)]), "720");
    assert_eq!(ok(vm, "math", "isqrt", &[i(99)]), "9");
    assert_eq!(ok(vm, "math", "log", &[i(8), i(2)]), "3.0");
    assert_eq!(ok(vm, "math", "log10", &[i(1000)]), "3.0");
    assert_eq!(ok(vm, "math", "hypot", &[i(3), i(4)]), "5.0");
    assert_eq!(ok(vm, "math", "modf", &[f(2.5)]), "(0.5, 2.0)");
    assert_eq!(ok(vm, "math", "fmod", &[f(-7.0), f(3.0)]), "-1.0");
    assert_eq!(ok(vm, "math", "remainder", &[f(7.0), f(2.0)]), "-1.0");
    assert_eq!(ok(vm, "math", "frexp", &[f(8.0)]), "(0.5, 4)");
    assert_eq!(ok(vm, "math", "ldexp", &[f(0.5), i(4)]), "8.0");
    let tenth = Value::list(vec![f(0.1); 10]);
    assert_eq!(ok(vm, "math", "fsum", &[tenth]), "1.0");
    let l = Value::list(vec![i(1), i(2), i(3), i(4)]);
    assert_eq!(ok(vm, "math", "prod", &[l]), "24");
    assert_eq!(ok(vm, "math", "isclose", &[f(1.0), f(1.0 + 1e-10)]), "True");
    assert_eq!(
        ok(vm, "math", "degrees", &[f(std::f64::consts::PI)]),
        "180.0"
    );
    let big = Value::from_bigint(num_bigint::BigInt::from(10).pow(400u32));
    assert_eq!(
        ok(vm, "math", "log", std::slice::from_ref(&big)),
        "921.0340371976182"
    );
    assert_eq!(ok(vm, "math", "log10", &[big]), "400.0");
}

#[test]
fn math_errors() {
    assert_errors(
        &mut vm(),
        "math",
        &[
            ("sqrt", vec![f(-1.0)], "ValueError: math domain error"),
            (
                "factorial",
                vec![i(-1)],
                "ValueError: factorial() not defined for negative values",
            ),
            (
                "factorial",
                vec![f(2.0)],
                "TypeError: 'float' object cannot be interpreted as an integer",
            ),
            ("log", vec![i(0)], "ValueError: math domain error"),
            (
                "log",
                vec![],
                "TypeError: math.log requires 1 to 2 arguments",
            ),
            (
                "log",
                vec![i(1), i(1)],
                "ZeroDivisionError: float division by zero",
            ),
            ("exp", vec![i(1000)], "OverflowError: math range error"),
            (
                "floor",
                vec![f(f64::INFINITY)],
                "OverflowError: cannot convert float infinity to integer",
            ),
            (
                "floor",
                vec![f(f64::NAN)],
                "ValueError: cannot convert float NaN to integer",
            ),
            (
                "sqrt",
                vec![Value::str("a")],
                "TypeError: must be real number, not str",
            ),
            (
                "sqrt",
                vec![],
                "TypeError: math.sqrt() takes exactly one argument (0 given)",
            ),
            (
                "pow",
                vec![i(1)],
                "TypeError: pow expected 2 arguments, got 1",
            ),
            (
                "isqrt",
                vec![i(-1)],
                "ValueError: isqrt() argument must be nonnegative",
            ),
            (
                "comb",
                vec![i(-1), i(2)],
                "ValueError: n must be a non-negative integer",
            ),
            (
                "comb",
                vec![i(1), i(-2)],
                "ValueError: k must be a non-negative integer",
            ),
            ("fmod", vec![i(1), i(0)], "ValueError: math domain error"),
            (
                "gcd",
                vec![f(1.5)],
                "TypeError: 'float' object cannot be interpreted as an integer",
            ),
            (
                "sin",
                vec![f(f64::INFINITY)],
                "ValueError: math domain error",
            ),
            (
                "pow",
                vec![f(0.0), f(-1.0)],
                "ValueError: math domain error",
            ),
            (
                "fsum",
                vec![Value::list(vec![f(f64::INFINITY), f(f64::NEG_INFINITY)])],
                "ValueError: -inf + inf in fsum",
            ),
        ],
    );
}

#[test]
fn sys_module() {
    let mut vm = vm();
    let vm = &mut vm;
    assert_eq!(
        err(vm, "sys", "setrecursionlimit", &[i(0)]),
        "ValueError: recursion limit must be greater or equal than 1"
    );
    assert_eq!(
        err(vm, "sys", "setrecursionlimit", &[f(1.5)]),
        "TypeError: 'float' object cannot be interpreted as an integer"
    );
    assert_eq!(
        err(vm, "sys", "setswitchinterval", &[i(0)]),
        "ValueError: switch interval must be strictly positive"
    );
    assert_eq!(err(vm, "sys", "exit", &[i(3)]), "SystemExit: ");
    call(vm, "sys", "setrecursionlimit", &[i(50)]).unwrap();
    assert_eq!(ok(vm, "sys", "getrecursionlimit", &[]), "50");
    assert_eq!(ok(vm, "sys", "getswitchinterval", &[]), "0.005");
    call(vm, "sys", "setswitchinterval", &[f(0.001)]).unwrap();
    assert_eq!(ok(vm, "sys", "getswitchinterval", &[]), "0.001");
    assert_eq!(ok(vm, "sys", "_is_gil_enabled", &[]), "False");
    let m = super::import(vm, "sys").unwrap();
    let out = vm.getattr(&m, "stdout").unwrap();
    let w = vm.getattr(&out, "write").unwrap();
    assert_eq!(
        {
            let r = vm.call(&w, &[Value::str("héllo\n")], &[]).unwrap();
            repr(vm, &r)
        },
        "6"
    );
    assert_eq!(vm.interp.take_output(), "héllo\n");
    let vi = vm.getattr(&m, "version_info").unwrap();
    assert_eq!(repr(vm, &vi), "(3, 11, 4, 'final', 0)");
}

#[test]
fn time_module() {
    let mut vm = vm();
    let vm = &mut vm;
    assert_eq!(
        err(vm, "time", "sleep", &[i(-1)]),
        "ValueError: sleep length must be non-negative"
    );
    let t0 = std::time::Instant::now();
    call(vm, "time", "sleep", &[f(0.02)]).unwrap();
    assert!(t0.elapsed().as_secs_f64() >= 0.02);
    assert!(matches!(call(vm, "time", "time", &[]).unwrap(), Value::Float(x) if x > 1.6e9));
}

#[test]
fn imports() {
    let mut vm = vm();
    let vm = &mut vm;
    assert!(super::import(vm, "nope").is_err());
    let abc = super::import(vm, "collections.abc").unwrap();
    let coll = super::import(vm, "collections").unwrap();
    let abc2 = vm.getattr(&coll, "abc").unwrap();
    assert!(abc.is(&abc2));
    let again = super::import(vm, "math").unwrap();
    assert!(again.is(&super::import(vm, "math").unwrap()));
}

#[test]
fn generic_aliases() {
    let mut vm = vm();
    let vm = &mut vm;
    let t = crate::vm::object::registry::types();
    let int = Value::Class(t.int.clone());
    let str_ = Value::Class(t.str.clone());
    let list = Value::Class(t.list.clone());
    let dict = Value::Class(t.dict.clone());
    let li = vm.getitem(&list, &int).unwrap();
    assert_eq!(repr(vm, &li), "list[int]");
    let d = vm
        .getitem(&dict, &Value::tuple(vec![str_.clone(), li]))
        .unwrap();
    assert_eq!(repr(vm, &d), "dict[str, list[int]]");
    // The repr of `module.name[key]`.
    let alias = |vm: &mut Vm, module: &str, name: &str, key: Value| {
        let m = super::import(vm, module).unwrap();
        let form = vm.getattr(&m, name).unwrap();
        let a = vm.getitem(&form, &key).unwrap();
        repr(vm, &a)
    };
    let no_args_to_none = Value::tuple(vec![Value::list(vec![]), Value::None]);
    assert_eq!(
        alias(vm, "typing", "Callable", no_args_to_none),
        "typing.Callable[[], NoneType]"
    );
    assert_eq!(
        alias(vm, "typing", "Optional", int.clone()),
        "typing.Optional[int]"
    );
    let int_to_str = Value::tuple(vec![Value::list(vec![int.clone()]), str_]);
    assert_eq!(
        alias(vm, "collections.abc", "Callable", int_to_str),
        "collections.abc.Callable[[int], str]"
    );
    let abc = super::import(vm, "collections.abc").unwrap();
    let ac = vm.getattr(&abc, "Callable").unwrap();
    assert_eq!(repr(vm, &ac), "<class 'collections.abc.Callable'>");
}

/// A finished interpreter frees its `sys` module: `sys.modules` holds `sys` itself, a cycle
/// the collector sees only if that dict is tracked (it was not, and every `explore` schedule
/// of a program that imports `sys` leaked the module, about 65 KB).
#[test]
fn a_finished_interpreter_frees_its_sys_module() {
    let mut vm = vm();
    let sys = super::import(&mut vm, "sys").expect("import sys");
    let Value::Module(m) = &sys else {
        panic!("sys is a module: {sys:?}")
    };
    let weak = std::sync::Arc::downgrade(m);
    drop(sys);
    let interp = vm.interp.clone();
    drop(vm);
    drop(interp);
    assert!(weak.upgrade().is_none(), "sys outlived its interpreter");
}
