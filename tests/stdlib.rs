//! The embedded standard-library modules (`collections`, `functools`, `itertools`,
//! `statistics`, `timeit`, `argparse`, `operator`, `heapq`, `bisect`) under threads and in free-threaded mode.
//! Every assertion holds under every interleaving.

mod common;
use common::*;

const MODES: [&[&str]; 3] = [&[], &["-X", "gil=0"], &["--schedule-seed", "5"]];

/// A deque shared by two producers and two consumers: `append` and `popleft` are atomic, so
/// every item is consumed exactly once; a bounded deque never grows past `maxlen`;
/// `lru_cache`'s hits and misses add up to the calls made.
#[test]
fn deque_producer_consumer_counts_are_exact_in_every_mode() {
    let want = read(&root().join("tests/stdlib/deque_threads.out"));
    for mode in MODES {
        let (out, err, code) = run_script(mode, "tests/stdlib/deque_threads.py");
        assert_eq!(code, Some(0), "{mode:?}: {err}");
        assert_eq!(out, want, "{mode:?}");
    }
}

/// The golden programs of these modules print the same without the GIL.
#[test]
fn stdlib_goldens_match_cpython_free_threaded() {
    for name in [
        "92_functools",
        "93_itertools",
        "94_collections",
        "95_statistics",
        "96_timeit",
        "97_argparse",
        "98_heapq_bisect",
        "16_collections_dicts",
        "16_enum_int_str_members",
    ] {
        let script = format!("tests/programs/{name}.py");
        let want = read(&root().join(format!("tests/programs/{name}.out")));
        let (out, err, code) = run_script(&["-X", "gil=0"], &script);
        assert_eq!(code, Some(0), "{name}: {err}");
        assert_eq!(out, want, "{name}");
    }
}
