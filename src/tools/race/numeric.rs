//! `race`'s numeric summary: when many outcomes read the same but for a number (a racy
//! counter), the number that varies is summarised (min, max, mean, the most frequent value,
//! with `--expect` the exact runs and those short of it) instead of a row per outcome.

use super::{Group, percent};

/// Marks where a number stood in an outcome's text.
const NUMBER: char = '\u{1}';

/// Splits text into its numbers (`-12`, `3.5`, `334,705`, `1e-06`) and the text around them,
/// each number replaced by [`NUMBER`].
fn split_numbers(text: &str) -> (String, Vec<(f64, String)>) {
    let chars: Vec<char> = text.chars().collect();
    let mut template = String::new();
    let mut numbers = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let prev_word = i > 0 && (chars[i - 1].is_alphanumeric() || chars[i - 1] == '_');
        let starts =
            c.is_ascii_digit() || (c == '-' && chars.get(i + 1).is_some_and(char::is_ascii_digit));
        if !starts || prev_word {
            template.push(c);
            i += 1;
            continue;
        }
        let start = i;
        i += 1;
        let digit = |k: usize| chars.get(k).is_some_and(char::is_ascii_digit);
        while i < chars.len() {
            if digit(i) {
                i += 1;
            } else if chars[i] == ',' && (1..=3).all(|k| digit(i + k)) && !digit(i + 4) {
                i += 4;
            } else if chars[i] == '.' && digit(i + 1) {
                i += 1;
            } else if matches!(chars[i], 'e' | 'E')
                && (digit(i + 1) || (matches!(chars.get(i + 1), Some('+' | '-')) && digit(i + 2)))
            {
                i += 2;
            } else {
                break;
            }
        }
        let raw: String = chars[start..i].iter().collect();
        if chars.get(i).is_some_and(|c| c.is_alphabetic() || *c == '_') {
            // Part of a word (`x2y`): text, not a number.
            template.push_str(&raw);
            continue;
        }
        match raw.replace(',', "").parse::<f64>() {
            Ok(v) => {
                template.push(NUMBER);
                numbers.push((v, raw));
            }
            Err(_) => template.push_str(&raw),
        }
    }
    (template, numbers)
}

/// Marks, in [`NumericSummary::marked`], the number that varies and is summarised, and the
/// other numbers that vary.
const VARYING_N: char = '\u{2}';
const VARYING_OTHER: char = '\u{3}';

/// More distinct outcomes than this, all alike but for numbers, are summarised.
const NUMERIC_SUMMARY_FROM: usize = 5;

/// The outcomes, alike but for their numbers, summarised by the first number that varies.
#[derive(Debug, Clone, PartialEq)]
pub struct NumericSummary {
    /// The output with the varying number shown as `N` and any other varying one as `…`.
    pub template: String,
    /// The same with [`VARYING_N`] and [`VARYING_OTHER`] for those, and [`NUMBER`] for the
    /// numbers that do not vary.
    pub marked: String,
    /// (value, as printed, runs, first label), by value.
    pub values: Vec<(f64, String, u64, u64)>,
    pub runs: u64,
    pub min: f64,
    pub max: f64,
    pub mean: f64,
}

/// The numeric summary of the groups, when there are more than [`NUMERIC_SUMMARY_FROM`] of
/// them and they all read the same but for their numbers (and all succeeded).
pub fn numeric_summary(groups: &[Group]) -> Option<NumericSummary> {
    if groups.len() <= NUMERIC_SUMMARY_FROM || groups.iter().any(|g| g.outcome.exit_status != 0) {
        return None;
    }
    let split: Vec<(String, Vec<(f64, String)>)> = groups
        .iter()
        .map(|g| split_numbers(&g.outcome.stdout))
        .collect();
    let (template, first) = split.first()?;
    if split
        .iter()
        .any(|(t, n)| t != template || n.len() != first.len())
    {
        return None;
    }
    let varies = |k: usize| split.iter().any(|(_, n)| n[k].0 != first[k].0);
    let pos = (0..first.len()).find(|&k| varies(k))?;
    let mut shown = String::new();
    let mut marked = String::new();
    let mut k = 0;
    for c in template.chars() {
        if c == NUMBER {
            let (text, mark) = if k == pos {
                ("N", VARYING_N)
            } else if varies(k) {
                ("…", VARYING_OTHER)
            } else {
                (first[k].1.as_str(), NUMBER)
            };
            shown.push_str(text);
            marked.push(mark);
            k += 1;
        } else {
            shown.push(c);
            marked.push(c);
        }
    }
    let mut values: Vec<(f64, String, u64, u64)> = Vec::new();
    for (g, (_, n)) in groups.iter().zip(&split) {
        let (v, raw) = &n[pos];
        let label = g.labels.first().copied().unwrap_or(0);
        match values.iter_mut().find(|e| e.0 == *v) {
            Some(e) => {
                e.2 += g.count;
                e.3 = e.3.min(label);
            }
            None => values.push((*v, raw.clone(), g.count, label)),
        }
    }
    values.sort_by(|a, b| a.0.total_cmp(&b.0));
    let runs: u64 = values.iter().map(|e| e.2).sum();
    let sum: f64 = values.iter().map(|e| e.0 * e.2 as f64).sum();
    Some(NumericSummary {
        template: shown,
        marked,
        min: values.first()?.0,
        max: values.last()?.0,
        mean: sum / runs.max(1) as f64,
        values,
        runs,
    })
}

/// The numeric summary as text (after the header line and a blank line). `expected`: the
/// number `--expect` asks for at that place, if it names one.
pub fn render_numeric(
    header: &str,
    summary: &NumericSummary,
    expected: Option<f64>,
    reproduce: Option<&dyn Fn(u64) -> String>,
) -> String {
    let mut out = format!(
        "{header}

"
    );
    let n = summary.values.len();
    out.push_str(&format!(
        "{n} distinct values of N, the rest of the output the same:
"
    ));
    for line in summary.template.lines() {
        out.push_str(&format!(
            "    | {line}
"
        ));
    }
    // Numbers not printed by a run (the mean, an expected value) follow the runs' style:
    // thousands separated by commas when theirs are.
    let commas = summary.values.iter().any(|e| e.1.contains(','));
    let styled = |v: f64, decimals: usize| {
        let text = format!("{v:.decimals$}");
        if !commas {
            return text;
        }
        let (int, frac) = text
            .split_once('.')
            .map_or((text.as_str(), ""), |(i, f)| (i, f));
        let (sign, digits) = int.strip_prefix('-').map_or(("", int), |d| ("-", d));
        let mut grouped = String::new();
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i) % 3 == 0 {
                grouped.push(',');
            }
            grouped.push(c);
        }
        if frac.is_empty() {
            format!("{sign}{grouped}")
        } else {
            format!("{sign}{grouped}.{frac}")
        }
    };
    let raw = |v: f64| {
        summary.values.iter().find(|e| e.0 == v).map_or_else(
            || styled(v, if v.fract() == 0.0 { 0 } else { 3 }),
            |e| e.1.clone(),
        )
    };
    out.push_str(&format!(
        "  N: min {}, max {}, mean {}\n",
        raw(summary.min),
        raw(summary.max),
        styled(summary.mean, 1)
    ));
    if let Some(top) = summary.values.iter().max_by_key(|e| e.2)
        && top.2 > 1
    {
        out.push_str(&format!(
            "  most frequent: {} ({} of {} runs, {})\n",
            top.1,
            top.2,
            summary.runs,
            percent(top.2, summary.runs)
        ));
    }
    if let Some(want) = expected {
        let count = |f: &dyn Fn(f64) -> bool| -> u64 {
            summary.values.iter().filter(|e| f(e.0)).map(|e| e.2).sum()
        };
        let exact = count(&|v| v == want);
        let below = count(&|v| v < want);
        let above = count(&|v| v > want);
        out.push_str(&format!(
            "  exact (N = {}): {exact} runs ({}); short of it (lost): {below} runs ({})",
            raw(want),
            percent(exact, summary.runs),
            percent(below, summary.runs)
        ));
        if above > 0 {
            out.push_str(&format!("; above it: {above} runs"));
        }
        out.push('\n');
    }
    if let Some(reproduce) = reproduce {
        for (what, v) in [("lowest", summary.min), ("highest", summary.max)] {
            if let Some(e) = summary.values.iter().find(|e| e.0 == v) {
                out.push_str(&format!(
                    "  {what} ({}) first with seed {}: {}\n",
                    e.1,
                    e.3,
                    reproduce(e.3)
                ));
            }
        }
    }
    out
}

/// The number `--expect TEXT` names where the summary's N stands, if TEXT reads like (part
/// of) the output with a number there.
pub fn expected_number(summary: &NumericSummary, expect: &str) -> Option<f64> {
    let expect = expect.replace("\\n", "\n");
    let (want, numbers) = split_numbers(&expect);
    // The output's text with every number as a mark, and N's index among those numbers.
    let mut marked = String::new();
    let mut n_index = None;
    let mut k: usize = 0;
    for c in summary.marked.chars() {
        match c {
            VARYING_N => {
                n_index = Some(k);
                marked.push(NUMBER);
                k += 1;
            }
            VARYING_OTHER | NUMBER => {
                marked.push(NUMBER);
                k += 1;
            }
            _ => marked.push(c),
        }
    }
    let n_index = n_index?;
    let want: Vec<&str> = want
        .lines()
        .map(str::trim_end)
        .filter(|l| !l.is_empty())
        .collect();
    let lines: Vec<&str> = marked.lines().map(str::trim_end).collect();
    let at = lines
        .windows(want.len().max(1))
        .position(|w| w == want.as_slice())?;
    let before: usize = lines[..at].iter().map(|l| l.matches(NUMBER).count()).sum();
    numbers.get(n_index.checked_sub(before)?).map(|e| e.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tools::race::{Outcome, histogram};

    fn ok(stdout: &str) -> Outcome {
        Outcome::new(0, stdout.as_bytes(), b"")
    }

    #[test]
    fn numbers_are_split_from_the_text() {
        let (t, n) = split_numbers("counter = 334,705 (expected 800,000): lost -1.5e3 x2\n");
        assert_eq!(t, "counter = \u{1} (expected \u{1}): lost \u{1} x2\n");
        let v: Vec<f64> = n.iter().map(|e| e.0).collect();
        assert_eq!(v, [334705.0, 800000.0, -1500.0]);
        assert_eq!(n[0].1, "334,705");
    }

    #[test]
    fn many_numeric_outcomes_are_summarised() {
        let runs = [3, 5, 5, 6, 7, 8, 10].iter().enumerate().map(|(i, v)| {
            (
                i as u64,
                ok(&format!(
                    "mode: 1\ncounter = {v} (expected 10): lost {} updates\n",
                    10 - v
                )),
            )
        });
        let g = histogram(runs);
        let s = numeric_summary(&g).expect("a summary");
        assert_eq!(
            s.template,
            "mode: 1\ncounter = N (expected 10): lost … updates\n"
        );
        assert_eq!((s.min, s.max, s.runs), (3.0, 10.0, 7));
        assert!((s.mean - 44.0 / 7.0).abs() < 1e-9);
        assert_eq!(
            expected_number(&s, "counter = 10 (expected 10): lost 0 updates"),
            Some(10.0)
        );
        assert_eq!(expected_number(&s, "something else 10"), None);
        let text = render_numeric("h", &s, Some(10.0), None);
        assert!(
            text.contains("    | counter = N (expected 10): lost … updates\n"),
            "{text}"
        );
        assert!(text.contains("  N: min 3, max 10, mean 6.3\n"), "{text}");
        let big = histogram((0..7).map(|i| (i, ok(&format!("counter = {},00{i}\n", 1 + i)))));
        let big_s = numeric_summary(&big).expect("a summary");
        let big_text = render_numeric("h", &big_s, Some(800000.0), None);
        assert!(
            big_text.contains("  N: min 1,000, max 7,006, mean 4,003.0\n"),
            "{big_text}"
        );
        assert!(
            big_text.contains("  exact (N = 800,000): 0 runs"),
            "{big_text}"
        );
        assert!(
            text.contains("  most frequent: 5 (2 of 7 runs, 28.6%)\n"),
            "{text}"
        );
        assert!(
            text.contains("  exact (N = 10): 1 runs (14.3%); short of it (lost): 6 runs (85.7%)\n"),
            "{text}"
        );
        // A few outcomes keep the table; outcomes that differ in words are never summarised.
        assert!(numeric_summary(&g[..3]).is_none());
        let words =
            histogram((0..8).map(|i| (i, ok(&format!("{}\n", "ab".repeat(i as usize + 1))))));
        assert!(numeric_summary(&words).is_none());
    }
}
