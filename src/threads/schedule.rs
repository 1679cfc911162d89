//! Schedules: the hand-offs of a run as text that `--replay-schedule` forces again
//! (`gil=0 points=every; MainThread:962>Thread-1 Thread-1:148>MainThread`), the mode they were
//! made in, and how threads are named in them.

use std::collections::{BTreeMap, HashMap};

use crate::bytecode::SwitchPoints;
use crate::threads::{Handoff, ThreadId};

/// The regime a schedule was made in, written before its entries (`gil=0 points=every;`):
/// the same hand-offs mean another run under another regime, so a replay adopts it, or
/// refuses a command line that contradicts it ([`ScheduleMode::reconcile`]).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ScheduleMode {
    /// `gil=1` / `gil=0`.
    pub gil: Option<bool>,
    /// `points=cpython` / `points=every` (`--switch-points`).
    pub points: Option<SwitchPoints>,
}

impl ScheduleMode {
    /// The regime of a run: its GIL and its switch points.
    pub fn of(gil: bool, points: SwitchPoints) -> ScheduleMode {
        ScheduleMode {
            gil: Some(gil),
            points: Some(points),
        }
    }

    /// The prefix as written, `gil=0 points=every` (empty when nothing is known).
    pub fn words(&self) -> String {
        let mut w = Vec::new();
        if let Some(g) = self.gil {
            w.push(format!("gil={}", u8::from(g)));
        }
        if let Some(p) = self.points {
            w.push(format!("points={}", points_word(p)));
        }
        w.join(" ")
    }

    /// The mode a replay runs in: each part the command line leaves unset comes from the
    /// schedule; a part it sets differently is an error naming both (the caller exits 2).
    /// `cli_gil` and `cli_points` are what the command line (or `PYTHON_GIL`) set, if anything;
    /// `gil_flag` names how it set the GIL, for the message.
    pub fn reconcile(
        &self,
        cli_gil: Option<bool>,
        cli_points: Option<SwitchPoints>,
        gil_flag: &str,
    ) -> Result<(Option<bool>, Option<SwitchPoints>), String> {
        if let (Some(s), Some(c)) = (self.gil, cli_gil)
            && s != c
        {
            return Err(format!(
                "the schedule was made with gil={}, but {gil_flag} asks for gil={}: replayed \
                 in another mode it would mean another run (leave the flag out to replay it in \
                 its own mode)",
                u8::from(s),
                u8::from(c)
            ));
        }
        // Free-threaded, a deterministic run may switch before any instruction whatever
        // `--switch-points` says (explore reports "switch points every"): the two words mean
        // the same run there, so they cannot conflict.
        let free = cli_gil.or(self.gil) == Some(false);
        if !free
            && let (Some(s), Some(c)) = (self.points, cli_points)
            && s != c
        {
            return Err(format!(
                "the schedule was made with --switch-points {} but the command line asks for \
                 --switch-points {}: replayed in another mode it would mean another run (leave \
                 the flag out to replay it in its own mode)",
                points_word(s),
                points_word(c)
            ));
        }
        Ok((cli_gil.or(self.gil), cli_points.or(self.points)))
    }
}

fn points_word(p: SwitchPoints) -> &'static str {
    match p {
        SwitchPoints::Cpython => "cpython",
        SwitchPoints::Every => "every",
    }
}

/// Thread ids from this one up stand for names in a parsed schedule (`Thread-1`), resolved
/// as the replay creates its threads ([`Schedule::names`]).
pub(crate) const NAMED: u64 = 1 << 62;

/// A sequence of hand-offs, written `gil=1 points=cpython; MainThread:120>Thread-1
/// Thread-1:87>MainThread` (one entry per hand-off; entries are separated by spaces, commas
/// or newlines; `#` starts a comment). The mode prefix, ended by `;`, is optional; a thread is
/// named as the program names it, or by its number (1 is the main thread).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Schedule {
    pub handoffs: Vec<Handoff>,
    /// The regime it was made in, when known.
    pub mode: ScheduleMode,
    /// How threads are written. Written out: a thread's id → its name (ids without a usable
    /// name are written as numbers). Parsed: an id from [`NAMED`] up → the name it stands
    /// for, which the replay resolves ([`Deterministic::name_thread`]).
    pub names: BTreeMap<ThreadId, String>,
}

/// A thread's name as a schedule writes it: `Thread-3 (worker)`, `threading`'s default
/// name for a thread with a target, is written `Thread-3`.
pub(crate) fn short_name(name: &str) -> &str {
    if let Some((head, rest)) = name.split_once(" (")
        && rest.ends_with(')')
        && head
            .strip_prefix("Thread-")
            .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
    {
        return head;
    }
    name
}

/// Whether a name can stand as a token in a schedule: no separator, no comment, and not a
/// number (which would be read as a thread id).
fn usable_name(name: &str) -> bool {
    !name.is_empty()
        && !name
            .chars()
            .any(|c| c.is_whitespace() || ":>,;#=".contains(c))
        && !name.bytes().all(|b| b.is_ascii_digit())
}

impl Schedule {
    pub fn new(handoffs: Vec<Handoff>) -> Schedule {
        Schedule {
            handoffs,
            ..Schedule::default()
        }
    }

    /// This schedule as written for a run in `mode` whose threads had `names` (id → the
    /// name `threading` gave it when it started): a name that is not a usable token, or that
    /// two threads share, is left out, so that thread is written by its number.
    pub fn written(mut self, mode: ScheduleMode, names: &BTreeMap<ThreadId, String>) -> Schedule {
        self.mode = mode;
        let mut seen: HashMap<&str, usize> = HashMap::new();
        for n in names.values() {
            *seen.entry(short_name(n)).or_default() += 1;
        }
        self.names = names
            .iter()
            .filter(|(_, n)| {
                let s = short_name(n);
                usable_name(s) && seen.get(s) == Some(&1)
            })
            .map(|(t, n)| (*t, short_name(n).to_string()))
            .collect();
        self
    }

    pub fn parse(text: &str) -> Result<Schedule, String> {
        let mut out = Vec::new();
        let mut mode = ScheduleMode::default();
        let mut names: BTreeMap<ThreadId, String> = BTreeMap::new();
        let mut ids: HashMap<String, ThreadId> = HashMap::new();
        let mut body = String::new();
        for line in text.lines() {
            body.push_str(line.split('#').next().unwrap_or(""));
            body.push('\n');
        }
        let entries = match body.split_once(';') {
            Some((prefix, rest)) => {
                for word in prefix.split_whitespace() {
                    match word {
                        "gil=0" => mode.gil = Some(false),
                        "gil=1" => mode.gil = Some(true),
                        "points=cpython" => mode.points = Some(SwitchPoints::Cpython),
                        "points=every" => mode.points = Some(SwitchPoints::Every),
                        _ => {
                            return Err(format!(
                                "bad schedule mode '{word}': expected gil=0 or gil=1, \
                                 points=cpython or points=every, then ';'"
                            ));
                        }
                    }
                }
                rest
            }
            None => body.as_str(),
        };
        let mut thread = |word: &str| -> Option<ThreadId> {
            if word.bytes().all(|b| b.is_ascii_digit()) {
                return word.parse().ok();
            }
            if !usable_name(word) {
                return None;
            }
            let next = ThreadId(NAMED + ids.len() as u64);
            let id = *ids.entry(word.to_string()).or_insert(next);
            names.insert(id, word.to_string());
            Some(id)
        };
        for tok in entries
            .split(|c: char| c == ',' || c.is_whitespace())
            .filter(|t| !t.is_empty())
        {
            let bad = || {
                format!(
                    "bad schedule entry '{tok}': expected THREAD:STEPS>THREAD, e.g. \
                     MainThread:120>Thread-1 or 1:120>2"
                )
            };
            let (from, rest) = tok.split_once(':').ok_or_else(bad)?;
            let (steps, to) = rest.split_once('>').ok_or_else(bad)?;
            out.push(Handoff {
                from: thread(from).ok_or_else(bad)?,
                steps: steps.parse().map_err(|_| bad())?,
                to: thread(to).ok_or_else(bad)?,
            });
        }
        Ok(Schedule {
            handoffs: out,
            mode,
            names,
        })
    }

    /// A parsed schedule's names made thread ids, as a run whose threads started with `names`
    /// resolves them (the first thread of a name; a name no thread had stays as it is).
    pub fn resolved(&self, names: &BTreeMap<ThreadId, String>) -> Schedule {
        let id = |t: ThreadId| {
            let Some(n) = self.names.get(&t).filter(|_| t.0 >= NAMED) else {
                return t;
            };
            names
                .iter()
                .find(|(_, m)| *m == n || short_name(m) == n)
                .map_or(t, |(u, _)| *u)
        };
        let handoffs = self
            .handoffs
            .iter()
            .map(|h| Handoff {
                from: id(h.from),
                steps: h.steps,
                to: id(h.to),
            })
            .collect();
        Schedule::new(handoffs).written(self.mode, names)
    }

    /// How thread `t` is written: its name, or its number.
    pub fn thread(&self, t: ThreadId) -> String {
        match self.names.get(&t) {
            Some(n) => n.clone(),
            None => t.to_string(),
        }
    }

    /// The entries alone, as one line (`MainThread:120>Thread-1 Thread-1:87>MainThread`).
    pub fn entries(&self) -> String {
        self.handoffs
            .iter()
            .map(|h| format!("{}:{}>{}", self.thread(h.from), h.steps, self.thread(h.to)))
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// The schedule as one line, its mode first when known (`gil=1 points=cpython;
    /// MainThread:120>Thread-1`).
    pub fn to_line(&self) -> String {
        let mode = self.mode.words();
        match (mode.is_empty(), self.handoffs.is_empty()) {
            (true, _) => self.entries(),
            (false, true) => format!("{mode};"),
            (false, false) => format!("{mode}; {}", self.entries()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schedule_round_trips() {
        let s = Schedule::parse("# header\n1:120>2, 2:87>1\n1:300>1  # same thread\n").unwrap();
        assert_eq!(s.handoffs.len(), 3);
        assert_eq!(
            s.handoffs[1],
            Handoff {
                from: ThreadId(2),
                steps: 87,
                to: ThreadId(1)
            }
        );
        assert_eq!(s.to_line(), "1:120>2 2:87>1 1:300>1");
        assert_eq!(Schedule::parse(&s.to_line()).unwrap(), s);
    }

    #[test]
    fn schedule_with_names_and_mode_round_trips() {
        let names = BTreeMap::from([
            (ThreadId(1), "MainThread".to_string()),
            (ThreadId(2), "Thread-1 (worker)".to_string()),
            (ThreadId(3), "reader".to_string()),
        ]);
        let made = Schedule::new(vec![
            Handoff {
                from: ThreadId(1),
                steps: 962,
                to: ThreadId(2),
            },
            Handoff {
                from: ThreadId(2),
                steps: 148,
                to: ThreadId(3),
            },
        ])
        .written(ScheduleMode::of(false, SwitchPoints::Every), &names);
        let line = made.to_line();
        assert_eq!(
            line,
            "gil=0 points=every; MainThread:962>Thread-1 Thread-1:148>reader"
        );
        let back = Schedule::parse(&line).unwrap();
        assert_eq!(back.mode, ScheduleMode::of(false, SwitchPoints::Every));
        assert_eq!(back.to_line(), line);
        assert_eq!(back.handoffs[0].steps, 962);
        assert_eq!(back.thread(back.handoffs[1].to), "reader");
        // The same name twice is one thread.
        assert_eq!(back.handoffs[0].to, back.handoffs[1].from);
        // Names and numbers mix; the old form has no mode.
        let mixed = Schedule::parse("1:5>Thread-2 Thread-2:9>1").unwrap();
        assert_eq!(mixed.mode, ScheduleMode::default());
        assert_eq!(mixed.handoffs[0].from, ThreadId::MAIN);
        assert_eq!(mixed.to_line(), "1:5>Thread-2 Thread-2:9>1");
        // The empty schedule keeps its mode.
        let empty = Schedule::parse("gil=1 points=cpython;").unwrap();
        assert!(empty.handoffs.is_empty());
        assert_eq!(empty.mode.gil, Some(true));
        assert_eq!(empty.to_line(), "gil=1 points=cpython;");
        assert!(Schedule::parse("gil=2; 1:5>2").is_err());
    }

    #[test]
    fn unusable_names_are_written_as_numbers() {
        let names = BTreeMap::from([
            (ThreadId(1), "MainThread".to_string()),
            (ThreadId(2), "my worker".to_string()),
            (ThreadId(3), "twin".to_string()),
            (ThreadId(4), "twin".to_string()),
            (ThreadId(5), "7".to_string()),
            (ThreadId(6), "a:b".to_string()),
        ]);
        let hs = (2..=6)
            .map(|t| Handoff {
                from: ThreadId(1),
                steps: t,
                to: ThreadId(t),
            })
            .collect();
        let line = Schedule::new(hs)
            .written(ScheduleMode::default(), &names)
            .to_line();
        assert_eq!(
            line,
            "MainThread:2>2 MainThread:3>3 MainThread:4>4 MainThread:5>5 MainThread:6>6"
        );
    }

    #[test]
    fn modes_are_adopted_or_refused() {
        let m = ScheduleMode::of(false, SwitchPoints::Every);
        assert_eq!(
            m.reconcile(None, None, "-X gil"),
            Ok((Some(false), Some(SwitchPoints::Every)))
        );
        let e = m.reconcile(Some(true), None, "-X gil").unwrap_err();
        assert!(
            e.contains("gil=0") && e.contains("-X gil asks for gil=1"),
            "{e}"
        );
        // Free-threaded, the switch points are every instruction whatever the flag says.
        assert!(m.reconcile(None, Some(SwitchPoints::Cpython), "").is_ok());
        let with_gil = ScheduleMode::of(true, SwitchPoints::Every);
        let e = with_gil
            .reconcile(None, Some(SwitchPoints::Cpython), "-X gil")
            .unwrap_err();
        assert!(e.contains("every") && e.contains("cpython"), "{e}");
        assert_eq!(
            ScheduleMode::default().reconcile(Some(true), None, ""),
            Ok((Some(true), None))
        );
    }

    #[test]
    fn bad_schedule_is_an_error() {
        let e = Schedule::parse("1:x>2").unwrap_err();
        assert!(e.contains("1:x>2"), "{e}");
        assert!(Schedule::parse("12").is_err());
    }
}
