//! Free-threaded soak: 8 threads hammer shared lists, dicts, instances and globals with mixed
//! operations (`tests/soak/mixed.py`); what the program locks is exact, every container stays
//! consistent, nothing crashes — with and without the GIL. `cargo test` runs 8 x 20,000
//! operations in a debug build and `.ci/run` 8 x 200,000 in release; for the full size run
//! `SOAK_OPS=1000000 cargo test --release --test soak`.

mod common;
use common::*;

#[test]
fn mixed_operations_from_8_threads_stay_consistent() {
    let ops = std::env::var("SOAK_OPS").unwrap_or_else(|_| "20000".into());
    for mode in [&["-X", "gil=0"][..], &[][..]] {
        let mut args = mode.to_vec();
        args.extend(["tests/soak/mixed.py", "8", ops.as_str()]);
        let o = gilvm(&args);
        let out = normalise(&o.stdout);
        assert!(
            o.status.success(),
            "{mode:?}: {out}\n{}",
            normalise(&o.stderr)
        );
        assert!(out.starts_with("ok: 8 threads x "), "{mode:?}: {out}");
    }
}
