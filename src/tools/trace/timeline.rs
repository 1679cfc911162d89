//! The `--timeline` view: one lane per thread across the terminal, time running left to right
//! from the start of the run to its end. Each cell shows what the thread did for most of the
//! cell's slice of time: ran bytecode (`█`, holding the GIL or running free), waited for the
//! GIL (`░`), sat in a blocking call (`-`), or did not exist yet / any more (blank). Under a
//! GIL, at most one lane is `█` at any moment; a solid column of `░` under a `█` is the convoy.

use std::collections::BTreeMap;
use std::io::IsTerminal;

use super::stats::{self, Span, State};
use super::{ThreadId, Trace};

const RUN: char = '█';
const WAIT: char = '░';
const BLOCKED: char = '-';
const IDLE: char = ' ';

const GREEN: &str = "\x1b[32m";
const YELLOW: &str = "\x1b[33m";
const BLUE: &str = "\x1b[34m";
const RESET: &str = "\x1b[0m";

/// The fewest bar cells drawn, however narrow the terminal.
const MIN_BAR: usize = 10;

/// Colour when stderr (where views are printed) is a terminal and `NO_COLOR` is not set to a
/// non-empty value (<https://no-color.org>).
pub fn use_color() -> bool {
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    std::io::stderr().is_terminal() && !no_color
}

/// `COLUMNS` when set to a usable number, else 100.
pub fn terminal_width() -> usize {
    std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.trim().parse::<usize>().ok())
        .filter(|&w| w > 0)
        .unwrap_or(100)
}

/// What a cell shows; the discriminant indexes the per-cell time array (idle is not stored).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Cell {
    Run = 0,
    Wait = 1,
    Blocked = 2,
    Idle = 3,
}

impl Cell {
    fn glyph(self) -> char {
        match self {
            Cell::Run => RUN,
            Cell::Wait => WAIT,
            Cell::Blocked => BLOCKED,
            Cell::Idle => IDLE,
        }
    }
    fn color(self) -> Option<&'static str> {
        match self {
            Cell::Run => Some(GREEN),
            Cell::Wait => Some(YELLOW),
            Cell::Blocked => Some(BLUE),
            Cell::Idle => None,
        }
    }
}

/// Renders the timeline `width` characters wide (label column included).
pub fn render(trace: &Trace, width: usize, color: bool) -> String {
    let threads = stats::threads(trace);
    let names: Vec<String> = threads.iter().map(|&t| trace.name(t)).collect();
    let longest = names.iter().map(|n| n.chars().count()).max().unwrap_or(0);
    // The label column takes at most a third of the line, so the bar keeps most of it.
    let label = (longest + 1).min((width / 3).max(8));
    let bar = width.saturating_sub(label).max(MIN_BAR);

    let mut by_thread: BTreeMap<ThreadId, Vec<Span>> = BTreeMap::new();
    for s in stats::spans(trace) {
        by_thread.entry(s.thread).or_default().push(s);
    }
    let end = trace.end as f64;
    let cell_len = end / bar as f64;
    let mut out = String::new();
    let tasks = stats::task_spans(trace);
    let mut legend: Vec<(String, char)> = Vec::new();

    for (&t, name) in threads.iter().zip(&names) {
        // Time each state occupies in each cell; idle is whatever is left.
        let mut time = vec![[0f64; 3]; bar];
        if trace.end > 0 {
            let lane = by_thread.get(&t).map_or(&[][..], Vec::as_slice);
            for s in lane.iter().filter(|s| s.end > s.start) {
                let k = match s.state {
                    State::Run => Cell::Run,
                    State::Wait => Cell::Wait,
                    State::Blocked(_) => Cell::Blocked,
                } as usize;
                let (a, b) = (s.start as f64, s.end as f64);
                let first = ((a / cell_len) as usize).min(bar - 1);
                let last = ((b / cell_len).ceil() as usize).min(bar);
                for (cell, i) in time[first..last.max(first)].iter_mut().zip(first..) {
                    let lo = i as f64 * cell_len;
                    let hi = lo + cell_len;
                    let overlap = b.min(hi) - a.max(lo);
                    if overlap > 0.0 {
                        cell[k] += overlap;
                    }
                }
            }
        }
        let mut cells: Vec<Cell> = time
            .iter()
            .map(|c| {
                let idle = cell_len - c.iter().sum::<f64>();
                // The busiest state wins; ties go to the earlier of run, wait, blocked, and
                // any busy state beats idle on a tie (up to rounding).
                let mut best: Option<(Cell, f64)> = None;
                for (state, &v) in [Cell::Run, Cell::Wait, Cell::Blocked].iter().zip(c) {
                    if v > 0.0 && best.is_none_or(|(_, b)| v > b) {
                        best = Some((*state, v));
                    }
                }
                match best {
                    Some((state, v)) if v + cell_len * 1e-9 >= idle => state,
                    _ => Cell::Idle,
                }
            })
            .collect();
        // A thread busy for less than a cell would vanish from its own lane: show it in the
        // cell where it was busiest, as what it did most there.
        if cells.iter().all(|c| *c == Cell::Idle)
            && let Some((i, c)) = time
                .iter()
                .enumerate()
                .filter(|(_, c)| c.iter().sum::<f64>() > 0.0)
                .max_by(|(_, a), (_, b)| a.iter().sum::<f64>().total_cmp(&b.iter().sum::<f64>()))
            && let Some(slot) = cells.get_mut(i)
        {
            let k = (0..3).max_by(|&x, &y| c[x].total_cmp(&c[y])).unwrap_or(0);
            *slot = [Cell::Run, Cell::Wait, Cell::Blocked][k];
        }

        out.push_str(&fit(name, label));
        push_cells(&mut out, &cells, color);
        out.push('\n');
        task_lane(
            &mut out,
            trace,
            t,
            &tasks,
            &mut legend,
            label,
            bar,
            cell_len,
        );
    }
    if !legend.is_empty() {
        let names: Vec<String> = legend.iter().map(|(n, c)| format!("{c} = {n}")).collect();
        out.push_str(&" ".repeat(label));
        out.push_str(&format!("asyncio tasks: {}\n", names.join(", ")));
    }

    // Axis: start under the first cell, end flush with the last, the cell size between them
    // when it fits.
    let start = trace.fmt_clock(0);
    let stop = trace.fmt_clock(trace.end);
    let per = trace.end.div_ceil(bar as u64);
    let exact = if trace.end.is_multiple_of(bar as u64) {
        "="
    } else {
        "≈"
    };
    let cell = format!("1 cell {exact} {}", trace.fmt_span(per));
    let ends = start.chars().count() + stop.chars().count();
    let gap = bar.saturating_sub(ends);
    out.push_str(&" ".repeat(label));
    out.push_str(&start);
    let middle = cell.chars().count();
    if trace.end > 0 && gap >= middle + 4 {
        let left = (gap - middle) / 2;
        out.push_str(&" ".repeat(left));
        out.push_str(&cell);
        out.push_str(&" ".repeat(gap - middle - left));
    } else {
        out.push_str(&" ".repeat(gap.max(1)));
    }
    out.push_str(&stop);
    out.push('\n');

    // Legend, under the bar.
    let (run, wait) = if trace.gil {
        ("holds the GIL", "waits for it")
    } else {
        ("runs", "waits to run")
    };
    let items = [
        (Cell::Run, run),
        (Cell::Wait, wait),
        (Cell::Blocked, "blocking call"),
        (Cell::Idle, "not running"),
    ];
    out.push_str(&" ".repeat(label));
    for (i, (cell, what)) in items.iter().enumerate() {
        if i > 0 {
            out.push_str("   ");
        }
        if *cell == Cell::Idle {
            out.push_str("' '");
        } else {
            push_cells(&mut out, &[*cell], color);
        }
        out.push(' ');
        out.push_str(what);
    }
    out.push('\n');
    out
}

/// `name` padded (or cut, with `…`) to exactly `width` characters, the last one a space.
fn fit(name: &str, width: usize) -> String {
    let room = width.saturating_sub(1);
    let n = name.chars().count();
    let mut s: String = if n > room {
        name.chars()
            .take(room.saturating_sub(1))
            .chain(std::iter::once('…'))
            .collect()
    } else {
        name.to_string()
    };
    let len = s.chars().count();
    s.push_str(&" ".repeat(width.saturating_sub(len)));
    s
}

/// Under a thread whose asyncio event loop ran tasks: a lane with one letter per task (the
/// task that ran most of the cell's time; `·` when none did), so a cooperative switch shows
/// as a change of letter under a thread that keeps the GIL.
#[allow(clippy::too_many_arguments)]
fn task_lane(
    out: &mut String,
    trace: &Trace,
    t: ThreadId,
    tasks: &[stats::TaskSpan],
    legend: &mut Vec<(String, char)>,
    label: usize,
    bar: usize,
    cell_len: f64,
) {
    let mine: Vec<&stats::TaskSpan> = tasks.iter().filter(|s| s.thread == t).collect();
    if mine.is_empty() || trace.end == 0 {
        return;
    }
    const LETTERS: &str = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    let mut best: Vec<Option<(char, f64)>> = vec![None; bar];
    let mut share: Vec<BTreeMap<char, f64>> = vec![BTreeMap::new(); bar];
    for s in mine.iter().filter(|s| s.end > s.start) {
        let letter = match legend.iter().find(|(n, _)| *n == s.name) {
            Some((_, c)) => *c,
            None => {
                let c = LETTERS.chars().nth(legend.len()).unwrap_or('*');
                legend.push((s.name.clone(), c));
                c
            }
        };
        let (a, b) = (s.start as f64, s.end as f64);
        let first = ((a / cell_len) as usize).min(bar - 1);
        let last = ((b / cell_len).ceil() as usize).min(bar);
        for i in first..last.max(first) {
            let lo = i as f64 * cell_len;
            let overlap = b.min(lo + cell_len) - a.max(lo);
            if overlap > 0.0 {
                let v = share[i].entry(letter).or_insert(0.0);
                *v += overlap;
                if best[i].is_none_or(|(_, w)| *v > w) {
                    best[i] = Some((letter, *v));
                }
            }
        }
    }
    out.push_str(&fit("  tasks", label));
    out.extend(best.iter().map(|b| b.map_or('·', |(c, _)| c)));
    out.push('\n');
}

/// Appends cells, colouring runs of the same state with one escape each.
fn push_cells(out: &mut String, cells: &[Cell], color: bool) {
    let mut i = 0;
    while i < cells.len() {
        let c = cells[i];
        let mut j = i;
        while j < cells.len() && cells[j] == c {
            j += 1;
        }
        let code = if color { c.color() } else { None };
        if let Some(code) = code {
            out.push_str(code);
        }
        out.extend(std::iter::repeat_n(c.glyph(), j - i));
        if code.is_some() {
            out.push_str(RESET);
        }
        i = j;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tools::trace::stats::tests::sample;

    #[test]
    fn one_lane_per_thread_without_escapes() {
        let t = sample(false, true);
        let out = render(&t, 60, false);
        assert!(!out.contains('\x1b'));
        let lines: Vec<&str> = out.lines().collect();
        // Two lanes, the axis and the legend.
        assert_eq!(lines.len(), 4);
        assert!(lines[0].starts_with("MainThread "));
        assert!(lines[1].starts_with("Thread-1 (worker) "));
        for l in &lines[..2] {
            assert_eq!(l.chars().count(), 60);
        }
        assert!(lines[2].contains("0.000 ms"));
        assert!(lines[3].contains("holds the GIL"));
    }

    #[test]
    fn cells_follow_the_states() {
        let mut t = sample(false, true);
        t.names.insert(ThreadId(1), "a".into());
        t.names.insert(ThreadId(2), "b".into());
        // A two-character label, then 100 clock units over 10 cells: 10 units a cell.
        let label = 2;
        let out = render(&t, label + 10, false);
        let lanes: Vec<String> = out
            .lines()
            .take(2)
            .map(|l| l.chars().skip(label).collect())
            .collect();
        assert_eq!(lanes[0], "██░░███░██");
        assert_eq!(lanes[1], " ░██--░█  ");
    }

    #[test]
    fn color_uses_escapes() {
        let t = sample(false, true);
        let out = render(&t, 60, true);
        assert!(out.contains(GREEN) && out.contains(YELLOW) && out.contains(BLUE));
        assert!(out.contains(RESET));
    }

    #[test]
    fn free_threaded_and_step_clock_wording() {
        let t = sample(true, false);
        let out = render(&t, 50, false);
        assert!(out.contains("step 0") && out.contains("step 100"));
        assert!(out.contains("█ runs"));
    }

    #[test]
    fn empty_and_narrow_traces_do_not_panic() {
        let mut t = sample(false, true);
        t.events.clear();
        t.end = 0;
        let out = render(&t, 5, false);
        assert_eq!(out.lines().count(), 4);
        let t = sample(false, true);
        let out = render(&t, 3, false);
        assert!(out.lines().next().unwrap().contains('█'));
    }

    #[test]
    fn long_names_are_cut() {
        assert_eq!(fit("abcdefghij", 6), "abcd… ");
        assert_eq!(fit("ab", 6), "ab    ");
    }

    /// A thread that ran for less than one cell still shows in its lane.
    #[test]
    fn a_thread_shorter_than_a_cell_still_shows() {
        use crate::threads::DropReason;
        use crate::tools::trace::{Event, EventKind};
        let mut t = sample(false, true);
        let ev = |clock, thread, kind| Event {
            clock,
            thread,
            steps: 0,
            kind,
            site: None,
        };
        // Thread 3 runs from 41 to 42: a tenth of one 10-unit cell.
        t.events.push(ev(41, ThreadId(3), EventKind::Want));
        t.events
            .push(ev(41, ThreadId(3), EventKind::Take { waited: 0 }));
        t.events.push(ev(
            42,
            ThreadId(3),
            EventKind::Drop {
                reason: DropReason::Exit,
            },
        ));
        t.events.sort_by_key(|e| e.clock);
        t.names.insert(ThreadId(1), "a".into());
        t.names.insert(ThreadId(2), "b".into());
        t.names.insert(ThreadId(3), "c".into());
        let out = render(&t, 12, false);
        let lane: String = out
            .lines()
            .find(|l| l.starts_with('c'))
            .expect("a lane for c")
            .chars()
            .skip(2)
            .collect();
        assert_eq!(lane, "    █     ", "{out}");
    }
}
