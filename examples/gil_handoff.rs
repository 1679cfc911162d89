//! Measures the GIL's hand-off under contention, the figures the threads issue asks for:
//! how long a holder keeps the GIL while another thread waits (CPython: about one switch
//! interval) and the latency from the drop request to the new holder running.
//!
//!     cargo run --release --example gil_handoff
//!
//! Two OS threads "run bytecode" by spinning and polling the eval breaker, as the eval loop
//! does at backward jumps, and hand the GIL over exactly as `Vm` does (forced drop, re-take).
//! Machines here are shared and noisy: read medians, not single runs.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

use gilvm::threads::ThreadId;
use gilvm::threads::gil::Gil;
use parking_lot::Mutex;

fn median(v: &mut [f64]) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    if v.is_empty() { 0.0 } else { v[v.len() / 2] }
}

fn percentile(v: &mut [f64], p: f64) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    if v.is_empty() {
        0.0
    } else {
        v[((v.len() - 1) as f64 * p) as usize]
    }
}

fn main() {
    let run_for = Duration::from_millis(1500);
    println!("interval   hand-offs   median hold   hold/interval   median latency   p90 latency");
    for interval_us in [1000u64, 5000] {
        let breaker = Arc::new(gilvm::threads::EvalBreaker::new());
        let gil = Arc::new(Gil::new(
            breaker.clone(),
            Arc::new(AtomicU64::new(interval_us)),
        ));
        let epoch = Instant::now();
        // When the last holder saw the drop request (ns since epoch; 0 = none pending).
        let last_drop = Arc::new(AtomicU64::new(0));
        let holds = Arc::new(Mutex::new(Vec::new()));
        let latencies = Arc::new(Mutex::new(Vec::new()));
        let stop = Arc::new(AtomicBool::new(false));
        let threads: Vec<_> = (1..=2u64)
            .map(|me| {
                let me = ThreadId(me);
                let (gil, breaker, last_drop, holds, latencies, stop) = (
                    gil.clone(),
                    breaker.clone(),
                    last_drop.clone(),
                    holds.clone(),
                    latencies.clone(),
                    stop.clone(),
                );
                std::thread::spawn(move || {
                    gil.take(me);
                    while !stop.load(Ordering::Relaxed) {
                        let start = Instant::now();
                        let dropped = last_drop.swap(0, Ordering::AcqRel);
                        if dropped != 0 {
                            let now = epoch.elapsed().as_nanos() as u64;
                            latencies
                                .lock()
                                .push((now.saturating_sub(dropped)) as f64 / 1e3);
                        }
                        // Run until asked to drop (the eval loop's poll at backward jumps).
                        while breaker.load(Ordering::Relaxed) == 0 {
                            if stop.load(Ordering::Relaxed) {
                                break;
                            }
                            std::hint::spin_loop();
                        }
                        if stop.load(Ordering::Relaxed) {
                            break;
                        }
                        holds.lock().push(start.elapsed().as_secs_f64() * 1e6);
                        last_drop.store(epoch.elapsed().as_nanos() as u64, Ordering::Release);
                        gil.release(me, true);
                        gil.take(me);
                    }
                    gil.release(me, false);
                })
            })
            .collect();
        std::thread::sleep(run_for);
        stop.store(true, Ordering::Relaxed);
        for t in threads {
            let _ = t.join();
        }
        let mut h = holds.lock().clone();
        let mut l = latencies.lock().clone();
        // The first hold of each thread is not under contention.
        let n = h.len();
        let mh = median(&mut h);
        println!(
            "{:>5} ms   {:>9}   {:>8.0} µs   {:>13.2}   {:>11.1} µs   {:>8.1} µs",
            interval_us / 1000,
            n,
            mh,
            mh / interval_us as f64,
            median(&mut l),
            percentile(&mut l, 0.9)
        );
    }
}
