//! Any text compiled and run with a step budget under a seeded schedule (the first byte
//! picks the seed): it ends normally, with a Python exception or at the budget, never with a
//! panic, an abort or a hang.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&seed, rest)) = data.split_first() else {
        return;
    };
    if let Ok(text) = std::str::from_utf8(rest) {
        gilvm::tools::harness::run_bounded(text, 20_000, u64::from(seed));
    }
});
