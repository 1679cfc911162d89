//! The `nogil` module: native kernels that release the GIL. Results are checked exactly;
//! nothing here depends on timing (the demo script's ratios are only checked for shape).

mod common;
use common::*;

/// Deterministic test pixels: ints over the whole 0..=255 range, and some float components.
fn pixels() -> Vec<[f64; 3]> {
    let mut x: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = move || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x
    };
    (0..500)
        .map(|i| {
            let mut c = [0.0; 3];
            for v in &mut c {
                let r = next();
                *v = if i % 5 == 0 {
                    // A float with a fractional part, kept in 0..256.
                    (r % 25_600) as f64 / 100.0
                } else {
                    (r % 256) as f64
                };
            }
            c
        })
        .chain([[0.0, 0.0, 0.0], [255.0, 255.0, 255.0], [1.0, 2.0, 3.0]])
        .collect()
}

/// A Python literal for the pixels: ints where whole (except every fifth pixel's floats).
fn literal(px: &[[f64; 3]]) -> String {
    let items: Vec<String> = px
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let parts: Vec<String> = c
                .iter()
                .map(|v| {
                    if i % 5 == 0 && i < 500 {
                        format!("{v:?}")
                    } else {
                        format!("{}", *v as i64)
                    }
                })
                .collect();
            format!("({})", parts.join(", "))
        })
        .collect();
    format!("[{}]", items.join(", "))
}

#[test]
fn grayscale_matches_the_python_formula_bit_for_bit() {
    let px = pixels();
    let want: Vec<f64> = px
        .iter()
        .map(|&[r, g, b]| 0.299 * r + 0.587 * g + 0.114 * b)
        .collect();
    for threads in [1, 2, 3, 4] {
        let code = format!(
            "import nogil\npx = {}\nout = nogil.grayscale(px, threads={threads})\n\
             print(out == [0.299 * r + 0.587 * g + 0.114 * b for r, g, b in px])\n\
             for v in out:\n    print(repr(v))\n",
            literal(&px)
        );
        let (out, err, status) = run(&["-c", &code]);
        assert_eq!(status, Some(0), "threads={threads}: {err}");
        let mut lines = out.lines();
        assert_eq!(lines.next(), Some("True"), "threads={threads}");
        // Python's float repr round-trips, so parsing it back gives the exact bits.
        let got: Vec<f64> = lines
            .map(|l| l.parse().unwrap_or_else(|_| panic!("bad float {l:?}")))
            .collect();
        assert_eq!(got.len(), want.len(), "threads={threads}");
        for (i, (g, w)) in got.iter().zip(&want).enumerate() {
            assert_eq!(
                g.to_bits(),
                w.to_bits(),
                "threads={threads} pixel {i}: {g} != {w}"
            );
        }
    }
}

#[test]
fn grayscale_accepts_empty_and_more_threads_than_pixels() {
    let (out, _) = run_c(
        "import nogil\nprint(nogil.grayscale([]), nogil.grayscale([(10, 20, 30)], threads=8))",
    );
    let want: f64 = 0.299 * 10.0 + 0.587 * 20.0 + 0.114 * 30.0;
    let line = out.trim_end();
    let inner = line
        .strip_prefix("[] [")
        .and_then(|r| r.strip_suffix(']'))
        .unwrap_or_else(|| panic!("{line:?}"));
    let got: f64 = inner.parse().unwrap_or_else(|_| panic!("{inner:?}"));
    assert_eq!(got.to_bits(), want.to_bits());
}

#[test]
fn sum_of_squares_is_exact() {
    let (out, _) = run_c(
        "import nogil\n\
         print(nogil.sum_of_squares(10**6))\n\
         print(nogil.sum_of_squares(10**6, 4))\n\
         print(nogil.sum_of_squares(10**6, threads=4) == sum(i * i for i in range(10**6)))\n\
         print(nogil.sum_of_squares(0), nogil.sum_of_squares(-3, 2), nogil.sum_of_squares(5, 100))",
    );
    assert_eq!(
        out,
        "333332833333500000\n333332833333500000\nTrue\n0 0 30\n"
    );
}

#[test]
fn count_runs_and_returns_none() {
    let (out, _) = run_c(
        "import nogil\nprint(nogil.count(100000), nogil.count(-1), nogil.count_holding_gil(1000), nogil.count(True))",
    );
    assert_eq!(out, "None None None None\n");
}

#[test]
fn bad_input_raises_with_a_clear_message() {
    let cases = [
        (
            "nogil.count(1.5)",
            "TypeError: 'float' object cannot be interpreted as an integer",
        ),
        (
            "nogil.count_holding_gil('10')",
            "TypeError: 'str' object cannot be interpreted as an integer",
        ),
        (
            "nogil.count()",
            "TypeError: count() missing 1 required positional argument: 'n'",
        ),
        (
            "nogil.count(10**30)",
            "OverflowError: Python int too large to convert to C long",
        ),
        (
            "nogil.grayscale(5)",
            "TypeError: grayscale() argument 'pixels' must be list, not int",
        ),
        (
            "nogil.grayscale([(1, 2, 3), 4])",
            "TypeError: grayscale() pixels[1] must be a tuple (R, G, B), not int",
        ),
        (
            "nogil.grayscale([(1, 2)])",
            "ValueError: grayscale() pixels[0] must have 3 components (R, G, B), not 2",
        ),
        (
            "nogil.grayscale([(1, 2, 'x')])",
            "TypeError: grayscale() pixels[0][2] must be int or float, not str",
        ),
        (
            "nogil.grayscale([(1, 256, 3)])",
            "ValueError: grayscale() pixels[0][1] must be in range 0..255, not 256",
        ),
        (
            "nogil.grayscale([(1, 2, 3)], threads=0)",
            "ValueError: grayscale() argument 'threads' must be >= 1, not 0",
        ),
        (
            "nogil.sum_of_squares(10, -2)",
            "ValueError: sum_of_squares() argument 'threads' must be >= 1, not -2",
        ),
        (
            "nogil.sum_of_squares(10.0)",
            "TypeError: 'float' object cannot be interpreted as an integer",
        ),
    ];
    for (expr, want) in cases {
        let code = format!("import nogil\n{expr}\n");
        let (out, err, status) = run(&["-c", &code]);
        assert_eq!(status, Some(1), "{expr}: {out}{err}");
        assert_eq!(err.lines().last(), Some(want), "{expr}: {err}");
    }
}

#[test]
fn module_has_a_docstring() {
    let (out, _) = run_c("import nogil\nprint(nogil.__doc__.count('GIL') > 0)");
    assert_eq!(out, "True\n");
}

/// The demo runs (at 1/50 of its work: tests use a debug build) and prints one line per case,
/// each ending in a ratio. No timing thresholds:
/// the ratios depend on the machine's load and core count.
#[test]
fn demo_script_runs() {
    let (out, err, status) = run(&["scripts/native_threads.py", "0.02"]);
    assert_eq!(status, Some(0), "{err}");
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 3, "{out}");
    for line in lines {
        let ratio = line
            .rsplit(' ')
            .next()
            .and_then(|r| r.parse::<f64>().ok())
            .unwrap_or_else(|| panic!("no ratio at the end of {line:?}"));
        assert!(ratio > 0.0, "{line}");
    }
}

#[test]
fn every_kernel_gives_the_same_result_for_1_2_and_4_threads() {
    let (out, _) = run_c(
        "import nogil\n\
         px = [((i * 7) % 256, (i * 13) % 256, (i * 31) % 256) for i in range(10007)]\n\
         g = [nogil.grayscale(px, threads=t) for t in (1, 2, 4)]\n\
         print(g[0] == g[1] == g[2], len(g[0]))\n\
         s = [nogil.sum_of_squares(123457, threads=t) for t in (1, 2, 4)]\n\
         print(s[0] == s[1] == s[2] == sum(i * i for i in range(123457)))",
    );
    assert_eq!(out, "True 10007\nTrue\n");
}

/// The native SGD runs the Python loop's operations in the same order, so the weights are the
/// same bits, not just close.
#[test]
fn sgd_gives_the_python_loops_weights_bit_for_bit() {
    let code = "import nogil, random\n\
        rng = random.Random(7)\n\
        xs = [[rng.uniform(-1, 1) for _ in range(3)] for _ in range(500)]\n\
        ys = [2 * x[0] - 3 * x[1] + 0.5 * x[2] + 1 + rng.gauss(0, 0.01) for x in xs]\n\
        def py(xs, ys, lr, epochs):\n\
        \x20   w = [0.0] * len(xs[0]); b = 0.0\n\
        \x20   for _ in range(epochs):\n\
        \x20       for x, y in zip(xs, ys):\n\
        \x20           pred = b\n\
        \x20           for j in range(len(w)):\n\
        \x20               pred += w[j] * x[j]\n\
        \x20           err = pred - y\n\
        \x20           for j in range(len(w)):\n\
        \x20               w[j] -= lr * err * x[j]\n\
        \x20           b -= lr * err\n\
        \x20   return w, b\n\
        print(py(xs, ys, 0.05, 4) == nogil.sgd(xs, ys, 0.05, 4))\n\
        w, b = nogil.sgd(xs, ys, 0.05, 20)\n\
        print([round(v, 2) for v in w], round(b, 2))\n\
        print(nogil.sgd([], [], 0.1, 3))\n";
    let (out, err, status) = run(&["-c", code]);
    assert_eq!(status, Some(0), "{err}");
    assert_eq!(out, "True\n[2.0, -3.0, 0.5] 1.0\n([], 0.0)\n");
    for (code, want) in [
        (
            "import nogil\nnogil.sgd([[1.0]], [1.0, 2.0], 0.1, 1)",
            "ValueError: sgd() xs and ys must have the same length, not 1 and 2",
        ),
        (
            "import nogil\nnogil.sgd([[1.0], [1.0, 2.0]], [1.0, 2.0], 0.1, 1)",
            "ValueError: sgd() xs[1] has 2 features, xs[0] has 1",
        ),
        (
            "import nogil\nnogil.sgd([[1.0]], [1.0], 0.1, -1)",
            "ValueError: sgd() argument 'epochs' must be >= 0, not -1",
        ),
        (
            "import nogil\nnogil.sgd([['a']], [1.0], 0.1, 1)",
            "TypeError: must be real number, not str",
        ),
    ] {
        let (_, err, status) = run(&["-c", code]);
        assert_eq!(status, Some(1), "{code}");
        assert!(err.trim_end().ends_with(want), "{code}: {err}");
    }
}
