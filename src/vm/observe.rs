//! What the observed copy of the eval loop keeps, and the one interface through which tools
//! watch it.
//!
//! The eval loop is instantiated twice (`execute_inner::<OBSERVED>`): the plain copy pays
//! nothing for observation; the observed copy, chosen when a thread acquires the right to run,
//! counts instructions, knows which instruction each frame is at, runs the deterministic
//! quantum and the step budget, and calls the interpreter's [`Observer`] before every
//! instruction. Tools (`--explain`, the stepper) implement `Observer`; the core never names
//! them.

use std::sync::Arc;

use crate::bytecode::CodeObject;
use crate::vm::Vm;
use crate::vm::frame::Frame;
use crate::vm::object::PyResult;
use crate::vm::object::value::Value;

/// Watches every instruction the observed loop runs.
pub trait Observer: Send + Sync {
    /// Called before the instruction at `index` of `frame` runs; `stack` is the frame's value
    /// stack (top last). An error is raised in the running thread, as if by the instruction.
    /// While an observer is present the loop runs the original instructions, one shared
    /// access each (no superinstructions).
    fn before_instruction(&self, vm: &mut Vm, at: Before<'_>) -> PyResult<()>;
}

/// Where an [`Observer`] is called: the instruction at `index` of `frame`, about to run, with
/// the frame's value stack (top last).
#[derive(Clone, Copy)]
pub struct Before<'a> {
    pub frame: &'a Frame,
    pub stack: &'a [Value],
    pub index: usize,
}

/// One thread's observation state: a single field of [`Vm`], set up by
/// [`Vm::sched_acquire`] from the interpreter's settings.
pub struct Observation {
    /// The observed loop runs (a copy of `interp.observed`, read once per frame).
    pub observed: bool,
    /// Frames are tracked in `frames` (recording, or the observed loop).
    pub tracking: bool,
    /// `--switch-points every` (a copy of the interpreter's setting).
    pub every_switch_point: bool,
    /// `explore` chooses who runs (a copy of the interpreter's setting).
    pub exploring: bool,
    /// The interpreter's observer, if any (a copy).
    pub observer: Option<Arc<dyn Observer>>,
    /// Exploring: the step count at which the scheduler is asked even at a switch point
    /// where nothing shared follows (it checks the run's step budget).
    pub next_consult: u64,
    /// Numbers frame activations (explain: a load and a store must be in the same one).
    pub frame_serial: usize,
    /// Instructions this thread has executed (counted by the observed loop).
    pub steps: u64,
    /// `--max-steps`: how many of `steps` are counted in `interp.steps_total`, and at which
    /// step to count again (`u64::MAX`: no budget).
    pub steps_reported: u64,
    pub step_checkpoint: u64,
    /// Instructions left in this thread's deterministic quantum (0: no limit).
    pub countdown: u64,
    /// The quantum ran out; switch at the next switch point.
    pub switch_due: bool,
    /// Exploring, `switch_due` but the innermost frame is in gilvm's own modules written in
    /// Python, where no switch is explored: the schedule bit is down until the frame list
    /// changes (`Vm::run_frame` raises it) or the step count reaches `next_consult` (the
    /// quantum's countdown raises it), so the loop does not stop at every instruction to
    /// find it has nothing to do. The switches are the same as with the bit up.
    pub library_deferred: bool,
    /// Frames being run, innermost last, each with the caller's instruction index at the
    /// time of the call and the frame's serial number (tracking only).
    pub frames: Vec<(Arc<CodeObject>, u32, usize)>,
    /// Index of the instruction the innermost frame is executing (observed loop only).
    pub pc: u32,
}

impl Observation {
    /// Nothing observed yet; `step_checkpoint` is where the step budget is first counted
    /// (`u64::MAX`: no budget).
    pub fn new(step_checkpoint: u64) -> Observation {
        Observation {
            observed: false,
            tracking: false,
            every_switch_point: false,
            exploring: false,
            observer: None,
            next_consult: 0,
            frame_serial: 0,
            steps: 0,
            steps_reported: 0,
            step_checkpoint,
            countdown: 0,
            switch_due: false,
            library_deferred: false,
            frames: Vec::new(),
            pc: 0,
        }
    }
}
