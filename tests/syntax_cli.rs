//! SyntaxErrors for `-c` input, as `python3 -c` prints them: parser errors show the line
//! and carets; errors CPython raises after parsing (compiler, symbol table) show only
//! `File "<string>", line N` and the message, since there is no file to read the line from.
//! Each expected text is CPython 3.11's stderr for the same input.

mod common;
use common::*;

fn check(src: &str, want: &str) {
    let out = gilvm(&["-c", src]);
    let got = normalise(&out.stderr);
    assert_eq!(got, want, "gilvm -c {src:?}:\n{}", diff(want, &got));
    assert_eq!(out.status.code(), Some(1), "gilvm -c {src:?}");
}

#[test]
fn compile_stage_errors_show_no_line() {
    check(
        "return 1",
        "  File \"<string>\", line 1\nSyntaxError: 'return' outside function\n",
    );
    check(
        "f(a=1, a=2)",
        "  File \"<string>\", line 1\nSyntaxError: keyword argument repeated: a\n",
    );
    check(
        "def f(a, a): pass",
        "  File \"<string>\", line 1\nSyntaxError: duplicate argument 'a' in function definition\n",
    );
}

#[test]
fn parser_errors_show_line_and_carets() {
    check(
        "if x = 1: pass",
        "  File \"<string>\", line 1\n    if x = 1: pass\n       ^^^^^\nSyntaxError: invalid syntax. Maybe you meant '==' or ':=' instead of '='?\n",
    );
    check(
        "x = (1,",
        "  File \"<string>\", line 1\n    x = (1,\n        ^\nSyntaxError: '(' was never closed\n",
    );
    check(
        "print \"hi\"",
        "  File \"<string>\", line 1\n    print \"hi\"\n    ^^^^^^^^^^\nSyntaxError: Missing parentheses in call to 'print'. Did you mean print(...)?\n",
    );
    check(
        "x = [1 2]",
        "  File \"<string>\", line 1\n    x = [1 2]\n         ^^^\nSyntaxError: invalid syntax. Perhaps you forgot a comma?\n",
    );
    check(
        "for i in range(3) print(i)",
        "  File \"<string>\", line 1\n    for i in range(3) print(i)\n                      ^^^^^\nSyntaxError: invalid syntax\n",
    );
}

#[test]
fn syntax_warning_before_the_run() {
    check(
        "x is 1",
        "<string>:1: SyntaxWarning: \"is\" with a literal. Did you mean \"==\"?\nTraceback (most recent call last):\n  File \"<string>\", line 1, in <module>\nNameError: name 'x' is not defined\n",
    );
}
