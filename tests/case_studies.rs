//! The case-study scripts of the README run, with small sizes, in both modes; each checks what
//! must hold on every run (identical results, exact totals where locked, the same Fibonacci
//! numbers in every mode), never how fast anything was.

mod common;
use common::*;

const MODES: [&[&str]; 2] = [&[], &["-X", "gil=0"]];

fn run(mode: &[&str], script: &str, args: &[&str]) -> String {
    let mut all = mode.to_vec();
    all.push(script);
    all.extend_from_slice(args);
    let o = gilvm(&all);
    let out = normalise(&o.stdout);
    assert!(
        o.status.success(),
        "{all:?}: status {:?}\n{out}\n{}",
        o.status.code(),
        normalise(&o.stderr)
    );
    out
}

/// `run` in each of [`MODES`], one after another: the outputs.
fn in_each_mode<'a>(script: &'a str, args: &'a [&'a str]) -> impl Iterator<Item = String> + 'a {
    MODES.into_iter().map(move |mode| run(mode, script, args))
}

#[test]
fn grayscale_benchmark_gives_identical_results_three_ways() {
    for out in in_each_mode(
        "scripts/grayscale_benchmark.py",
        &["--width", "64", "--height", "36", "--threads", "3"],
    ) {
        assert!(
            out.contains("image 64x36 (2,304 pixels), 3 threads"),
            "{out}"
        );
        for row in [
            "pure Python",
            "Python, 3 threads",
            "native, 1 thread",
            "native, 3 threads",
        ] {
            assert!(out.contains(row), "{row}: {out}");
        }
        assert!(out.ends_with("all results identical: True\n"), "{out}");
    }
}

#[test]
fn sgd_python_and_native_reach_the_same_weights() {
    for out in in_each_mode("scripts/sgd.py", &["--samples", "500", "--epochs", "3"]) {
        let line = |p: &str| {
            out.lines()
                .find(|l| l.starts_with(p))
                .unwrap_or_else(|| panic!("{p}: {out}"))
                .split("  (")
                .next()
                .unwrap_or_default()
                .replace(p, "")
        };
        assert_eq!(line("python   "), line("native   "), "{out}");
        assert!(out.contains("same weights to 3 decimals: True"), "{out}");
    }
}

#[test]
fn consistent_counter_is_exact_with_the_interval_lock_in_both_modes() {
    for out in in_each_mode(
        "scripts/consistent_counter.py",
        &["--threads", "4", "--power", "2000", "--long-power", "5000"],
    ) {
        let consistent = out
            .lines()
            .find(|l| l.starts_with("consistent"))
            .unwrap_or_else(|| panic!("{out}"));
        assert!(consistent.ends_with("8,000 kept: exact"), "{out}");
        for name in ["simple", "peak", "long load"] {
            assert!(out.lines().any(|l| l.starts_with(name)), "{name}: {out}");
        }
        assert!(out.contains("inside the function at once"), "{out}");
    }
}

#[test]
fn fibonacci_modes_compute_the_same_numbers() {
    let mut checksums = Vec::new();
    for (mode, flavour) in [
        (&[][..], "threads"),
        (&["-X", "gil=0"][..], "threads"),
        (&[][..], "fast_threads"),
        (&["-X", "gil=0"][..], "fast_threads"),
        (&[][..], "processes"),
    ] {
        let out = run(
            mode,
            "scripts/fibonacci.py",
            &[
                "--nth_element",
                "500",
                "--run_size",
                "12",
                "--workers",
                "3",
                "--mode",
                flavour,
                "--number",
                "2",
            ],
        );
        assert!(out.contains("- Same results every run: True"), "{out}");
        assert!(out.contains(&format!("- Mode: {flavour}")), "{out}");
        let sum = out
            .lines()
            .find(|l| l.starts_with("- Checksum"))
            .unwrap_or_else(|| panic!("{out}"))
            .to_string();
        checksums.push(sum);
    }
    assert!(checksums.windows(2).all(|w| w[0] == w[1]), "{checksums:?}");
}

#[test]
fn fibonacci_usage_errors_are_argparse_errors() {
    let o = gilvm(&["scripts/fibonacci.py", "--run_size", "3"]);
    assert_eq!(o.status.code(), Some(2));
    let err = normalise(&o.stderr);
    assert!(
        err.ends_with("fibonacci.py: error: the following arguments are required: --nth_element\n"),
        "{err}"
    );
}

#[test]
fn asyncio_vs_threads_runs_every_variant() {
    for out in in_each_mode(
        "scripts/asyncio_vs_threads.py",
        &["--jobs", "3", "--wait", "0.05", "--count", "20000"],
    ) {
        assert!(out.starts_with("3 jobs, GIL "), "{out}");
        assert_eq!(out.matches("  sequential ").count(), 2, "{out}");
        assert_eq!(out.matches("  threads ").count(), 2, "{out}");
        assert_eq!(out.matches("  asyncio ").count(), 2, "{out}");
    }
}
