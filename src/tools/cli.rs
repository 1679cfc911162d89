//! Pieces every subcommand shares: the flags that choose the GIL mode, `--json`, the script
//! and its arguments, durations, shell quoting (for the replay commands the tools print) and
//! plurals.

use crate::bytecode::SwitchPoints;
use crate::threads::deterministic::Schedule;

/// The flags that choose the GIL mode, the same for a plain run, `step`, `race` and `explore`.
#[derive(clap::Args, Debug, Clone, Default)]
pub struct GilArgs {
    /// Implementation options, as CPython's `-X`: `-X gil=0` runs free-threaded (no GIL),
    /// `-X gil=1` forces the GIL on. Wins over the PYTHON_GIL environment variable.
    #[arg(short = 'X', value_name = "OPTION")]
    pub xoptions: Vec<String>,

    /// Run without a GIL: threads execute bytecode in parallel (same as `-X gil=0`).
    #[arg(long)]
    pub free_threaded: bool,
}

impl GilArgs {
    /// Whether the program runs with a GIL (see [`gil_setting`]).
    pub fn gil(&self) -> Result<bool, String> {
        gil_setting(&self.xoptions, self.free_threaded)
    }

    /// The GIL as the command line or `PYTHON_GIL` set it, if either did, and which of them
    /// set it (for the message when it contradicts a replayed schedule).
    pub fn gil_given(&self) -> Result<Option<(bool, String)>, String> {
        let given = gil_given(&self.xoptions, self.free_threaded)?;
        Ok(given.map(|g| {
            let how = if self.free_threaded {
                "--free-threaded".to_string()
            } else if self.xoptions.iter().any(|x| x.starts_with("gil=")) {
                "-X gil".to_string()
            } else {
                "PYTHON_GIL".to_string()
            };
            (g, how)
        }))
    }

    /// The mode of a run that replays `schedule`: the GIL and the switch points the command
    /// line set (`points`), each part it leaves unset taken from the schedule, else the GIL on
    /// and CPython's points; an error naming both when they disagree (the caller exits 2).
    pub fn replay_mode(
        &self,
        schedule: &Schedule,
        points: Option<SwitchPoints>,
    ) -> Result<(bool, SwitchPoints), String> {
        let given = self.gil_given()?;
        let (g, how) = given.map_or((None, String::new()), |(g, h)| (Some(g), h));
        let (gil, points) = schedule.mode.reconcile(g, points, &how)?;
        Ok((gil.unwrap_or(true), points.unwrap_or(SwitchPoints::Cpython)))
    }
}

/// The switch points a `--switch-points` word names (`every`, else CPython's).
pub fn switch_points_named(word: &str) -> SwitchPoints {
    match word {
        "every" => SwitchPoints::Every,
        _ => SwitchPoints::Cpython,
    }
}

/// The GIL flags and `--json`, the same for `race` and `explore`.
#[derive(clap::Args, Debug, Clone, Default)]
pub struct ModeArgs {
    #[command(flatten)]
    pub gil: GilArgs,

    /// Print the result as JSON instead of a table.
    #[arg(long)]
    pub json: bool,
}

/// The script and its arguments: the last words of `race` and `explore`.
#[derive(clap::Args, Debug, Clone)]
pub struct ScriptArgs {
    /// The script to run.
    #[arg(value_name = "FILE")]
    pub file: std::path::PathBuf,

    /// Arguments passed to the script in `sys.argv[1:]`.
    #[arg(
        value_name = "ARGS",
        trailing_var_arg = true,
        allow_hyphen_values = true
    )]
    pub args: Vec<String>,
}

impl ScriptArgs {
    /// `sys.argv`: the script's path, then its arguments.
    pub fn argv(&self) -> Vec<String> {
        let mut v = vec![self.file.display().to_string()];
        v.extend(self.args.iter().cloned());
        v
    }
}

/// GIL on or off: `-X gil=` options and `--free-threaded` win over `PYTHON_GIL`, as in
/// CPython.
pub fn gil_setting(xoptions: &[String], free_threaded: bool) -> Result<bool, String> {
    Ok(gil_given(xoptions, free_threaded)?.unwrap_or(true))
}

/// [`gil_setting`], `None` when neither the flags nor `PYTHON_GIL` say.
pub fn gil_given(xoptions: &[String], free_threaded: bool) -> Result<Option<bool>, String> {
    let mut gil = match std::env::var("PYTHON_GIL").ok().as_deref() {
        None | Some("") => None,
        Some("0") => Some(false),
        Some("1") => Some(true),
        Some(other) => {
            return Err(format!(
                "PYTHON_GIL={other}: only 0 (free-threaded) and 1 (GIL) are supported"
            ));
        }
    };
    for x in xoptions {
        match x.as_str() {
            "gil=0" => gil = Some(false),
            "gil=1" => gil = Some(true),
            other if other.starts_with("gil=") => {
                return Err(format!(
                    "-X {other}: only gil=0 (free-threaded) and gil=1 are supported"
                ));
            }
            // Other -X options (utf8, dev, …) mean nothing here; CPython ignores unknown ones.
            _ => {}
        }
    }
    if free_threaded {
        gil = Some(false);
    }
    Ok(gil)
}

/// `5ms` / `200us` / `0.01s` / `0.005` → microseconds, not rounded; `None` when it is not a
/// number with a unit.
fn duration_us(text: &str) -> Option<f64> {
    let t = text.trim();
    let (num, scale) = if let Some(n) = t.strip_suffix("us") {
        (n, 1.0)
    } else if let Some(n) = t.strip_suffix("µs") {
        (n, 1.0)
    } else if let Some(n) = t.strip_suffix("ms") {
        (n, 1e3)
    } else if let Some(n) = t.strip_suffix('s') {
        (n, 1e6)
    } else {
        (t, 1e6)
    };
    num.trim().parse::<f64>().ok().map(|v| v * scale)
}

/// `5ms` / `200us` / `0.01s` / `0.005` → microseconds (strictly positive, as CPython).
pub fn parse_interval(text: &str) -> Result<u64, String> {
    let us = duration_us(text)
        .ok_or_else(|| format!("invalid duration '{text}': use e.g. 5ms, 200us or 0.01s"))?;
    if !us.is_finite() || us < 1.0 {
        return Err(format!(
            "switch interval must be at least 1us (got '{text}')"
        ));
    }
    Ok(us.round() as u64)
}

/// A time limit (`--timeout`, `explore --time-limit`): `2s`, `500ms`, a bare number of
/// seconds → microseconds. It must leave the program some time: zero or a negative duration is
/// an error that says so.
pub fn parse_timeout(text: &str) -> Result<u64, String> {
    let us = duration_us(text)
        .ok_or_else(|| format!("invalid duration '{text}': use e.g. 2s, 500ms or 0.5"))?;
    if !us.is_finite() || us < 1.0 {
        return Err(format!(
            "a timeout must be longer than zero: it is how long gilvm lets the program (or the \
             search) run before it stops it (got '{text}'; e.g. 2s, 500ms)"
        ));
    }
    Ok(us.round() as u64)
}

/// `5000` → `5 ms`, `200` → `200 us`, `1500` → `1.5 ms`.
pub fn format_interval(us: u64) -> String {
    if us < 1000 {
        format!("{us} us")
    } else if us.is_multiple_of(1000) {
        format!("{} ms", us / 1000)
    } else {
        format!("{} ms", us as f64 / 1000.0)
    }
}

/// Quotes a word for a POSIX shell when it needs it.
pub fn shell_quote(word: &str) -> String {
    let safe = !word.is_empty()
        && word
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_./=:,+@%".contains(c));
    if safe {
        word.to_string()
    } else {
        format!("'{}'", word.replace('\'', r"'\''"))
    }
}

/// A schedule given on the command line or at the stepper's prompt: a file written by
/// `--record-schedule`, or the schedule itself as `explore` prints it (`1:120>2 2:87>1`, or
/// `''` for none). Also the switch interval a recorded file carries (`#! switch-interval-us=`).
/// A word that is neither an existing file nor a schedule is reported as a missing file.
pub fn read_schedule(arg: &str) -> Result<(Schedule, Option<u64>), String> {
    let path = std::path::Path::new(arg);
    let text = if path.is_file() {
        std::fs::read_to_string(path).map_err(|e| format!("{arg}: {e}"))?
    } else {
        arg.to_string()
    };
    let looks_like_schedule = (arg.contains(':') && arg.contains('>')) || arg.contains(';');
    match Schedule::parse(&text) {
        Ok(s) => {
            let interval = text
                .lines()
                .filter_map(|l| l.strip_prefix("#! switch-interval-us="))
                .find_map(|v| v.trim().parse::<u64>().ok());
            Ok((s, interval))
        }
        Err(_) if !looks_like_schedule && !path.is_file() => Err(format!(
            "{arg}: no such file, and not a schedule (THREAD:STEPS>THREAD entries, \
             e.g. '1:120>2 2:87>1', as explore prints them)"
        )),
        Err(e) => Err(format!("{arg}: {e}")),
    }
}

/// `s` when `n` is not 1: `1 schedule`, `2 schedules`.
/// Reports a usage error (the whole line, `gilvm: …`) on stderr: exit status 2, as CPython's
/// for bad arguments.
pub fn usage_error(line: impl std::fmt::Display) -> std::process::ExitCode {
    eprintln!("{line}");
    std::process::ExitCode::from(2)
}

pub fn plural(n: u64) -> &'static str {
    if n == 1 { "" } else { "s" }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shell_quote_quotes_only_what_needs_it() {
        assert_eq!(shell_quote("scripts/a.py"), "scripts/a.py");
        assert_eq!(shell_quote("a b"), "'a b'");
        assert_eq!(shell_quote("it's"), r"'it'\''s'");
        assert_eq!(shell_quote(""), "''");
    }

    #[test]
    fn intervals_round_trip() {
        assert_eq!(parse_interval("5ms"), Ok(5000));
        assert_eq!(parse_interval("200us"), Ok(200));
        assert_eq!(parse_interval("0.01s"), Ok(10_000));
        assert_eq!(parse_interval("0.005"), Ok(5000));
        assert!(parse_interval("0").is_err());
        assert_eq!(format_interval(5000), "5 ms");
        assert_eq!(format_interval(1500), "1.5 ms");
        assert!(parse_timeout("0").is_err_and(|e| e.contains("timeout must be longer than zero")));
        assert!(parse_timeout("-1s").is_err());
        assert_eq!(parse_timeout("500ms"), Ok(500_000));
        assert_eq!(plural(1), "");
        assert_eq!(plural(2), "s");
    }

    #[test]
    fn schedules_from_a_word_or_a_file() {
        assert_eq!(
            read_schedule("1:5>2 2:9>1").map(|s| s.0.handoffs.len()),
            Ok(2)
        );
        assert_eq!(read_schedule("").map(|s| s.0.handoffs.len()), Ok(0));
        let e = read_schedule("no-such-schedule.txt").unwrap_err();
        assert!(e.contains("no such file"), "{e}");
        let e = read_schedule("1:x>2").unwrap_err();
        assert!(e.contains("bad schedule entry"), "{e}");
    }
}
