//! The tools built on the runtime: they watch it (through `crate::vm::observe::Observer` and
//! `crate::threads::EventSink`), drive it and show what happened. Nothing below this room
//! imports it.
//!
//! | file | owns |
//! |---|---|
//! | `cli.rs` | pieces every subcommand shares: flags, interval parsing, shell quoting, plurals |
//! | `trace/` | the GIL event log (`Recorder`) and its views: live lines, stats, timeline, Perfetto |
//! | `explain.rs` | `--explain`: the lost-update detector |
//! | `stepper.rs` | `gilvm step`: stops before instructions, a person chooses who runs |
//! | `race.rs` | `gilvm race`: many runs, a histogram of outputs |
//! | `explore.rs` | `gilvm explore`: every outcome, by partial-order reduction or under a preemption bound |
//! | `accesses.rs` | what each instruction reads and writes, for `explore`'s partial-order reduction |
//! | `repl.rs` | the interactive session |
//! | `web/` | `gilvm web`: the classroom view in a browser (step, race, explore, timeline) and `--export` |
//! | `harness.rs` | compile-and-run entry points shared by the CLI, tests and fuzzers |

pub mod accesses;
pub mod cli;
pub mod explain;
pub mod explore;
pub mod harness;
pub mod race;
pub mod repl;
pub mod stepper;
pub mod trace;
pub mod web;
