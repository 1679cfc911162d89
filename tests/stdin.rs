//! Standard input piped to a script (`echo ... | gilvm script.py`): every `tests/stdin/NAME.py`
//! reads `NAME.in` and prints exactly what CPython 3.11 printed (`NAME.out`), through
//! `input()`, `sys.stdin.readline()`, `read()`, `read(n)` and iteration over `sys.stdin`.

mod common;
use common::*;

#[test]
fn scripts_read_piped_input_as_cpython_does() {
    let programs = scripts("tests/stdin");
    assert!(programs.len() >= 2, "no programs in tests/stdin");
    for py in programs {
        let input = read(&py.with_extension("in"));
        let want = read(&py.with_extension("out"));
        let o = gilvm_with_stdin(&[&rel(&py)], &input);
        let got = normalise(&o.stdout);
        assert!(o.status.success(), "{}: {}", rel(&py), normalise(&o.stderr));
        assert_eq!(want, got, "{}:\n{}", rel(&py), diff(&want, &got));
    }
}

#[test]
fn input_and_stdin_share_one_stream() {
    let code = "import sys\na = input()\nb = sys.stdin.read(3)\nc = input()\n\
                print(repr(a), repr(b), repr(c), list(sys.stdin))";
    let o = gilvm_with_stdin(&["-c", code], "one\ntwo three\nfour\nfive\n");
    assert!(o.status.success(), "{}", normalise(&o.stderr));
    assert_eq!(
        normalise(&o.stdout),
        "'one' 'two' ' three' ['four\\n', 'five\\n']\n"
    );
}

#[test]
fn input_at_end_of_input_raises_eof_error() {
    let o = gilvm_with_stdin(&["-c", "input('prompt> ')"], "");
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(normalise(&o.stdout), "prompt> ");
    assert!(
        normalise(&o.stderr).ends_with("EOFError: EOF when reading a line\n"),
        "{}",
        normalise(&o.stderr)
    );
}
