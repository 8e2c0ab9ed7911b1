//! The test262 worker process: runs test files in process on a pool of threads, under a
//! watchdog, and appends every result to a journal file.
//!
//! Why a separate process at all, when every test runs in process? Two failure modes cannot
//! be recovered inside a process: an allocation the system refuses (Rust aborts) and a native
//! loop that never reaches the interpreter's deadline (a thread cannot be stopped). The
//! supervisor in [`crate::test262_run`] therefore starts this worker process, which runs all
//! the tests it has not yet seen in the journal. When the watchdog sees a stuck thread (no
//! result after the time limit plus [`HARD_LIMIT_GRACE`]) or a refused allocation (see
//! [`crate::test262_allocator`]), it journals that test's failure and exits with
//! [`EXIT_RESTART`]; the supervisor starts a fresh worker process, which skips every test
//! already journaled. Tests that were in flight on other threads simply run again.
//!
//! Journal lines (one `write` each, so a crash never leaves half a line before a newline):
//! - `S<TAB>index`: a thread started test `index` (an index into the sorted, filtered list).
//! - `D<TAB>index<TAB>milliseconds<TAB>path<TAB>modes<TAB>failures`: its outcome and how long
//!   all its runs took. `modes` is a comma-separated list of run modes; `failures` holds `mode<US>reason<US>detail` records separated by
//!   `<RS>` (ASCII unit and record separators), with tabs and newlines in texts replaced.

use std::collections::{BTreeMap, BTreeSet};
use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use crate::test262_allocator;
use crate::test262_execute::{
    ExecutionSettings, Failure, HarnessCache, LAST_PANIC_LOCATION, TestOutcome, run_test_file,
};
use crate::test262_metadata::{RunMode, read_metadata, relative_test_path, run_modes};

/// Stack size of each worker thread. The VM bounds native recursion with its own budget (see
/// `test262_execute`); the thread stack only has to stay comfortably above that budget plus
/// the parser's and compiler's nesting limits.
pub const WORKER_STACK_BYTES: usize = 64 * 1024 * 1024;

/// How long past its time limit a run may go on before the watchdog gives up on it. Once the
/// deadline has passed, the interpreter throws at every back-edge and every call into
/// bytecode, so code that honours exceptions unwinds within milliseconds; a run still going
/// a second later is a native loop that ignores them (or never calls into bytecode).
pub const HARD_LIMIT_GRACE: Duration = Duration::from_secs(1);

/// The exit status with which a worker process asks the supervisor to start a new one.
pub const EXIT_RESTART: i32 = 3;

const UNIT_SEPARATOR: char = '\u{1f}';
const RECORD_SEPARATOR: char = '\u{1e}';

/// Replaces the characters the journal uses as separators.
fn journal_text(text: &str) -> String {
    text.chars()
        .map(|character| match character {
            '\t' | '\n' | '\r' | UNIT_SEPARATOR | RECORD_SEPARATOR => ' ',
            other => other,
        })
        .collect()
}

/// The `D` line of a finished test that took `elapsed`.
pub fn journal_result_line(index: usize, outcome: &TestOutcome, elapsed: Duration) -> String {
    let modes: Vec<&str> = outcome.modes.iter().map(|mode| mode.name()).collect();
    let failures: Vec<String> = outcome
        .failures
        .iter()
        .map(|(mode, failure)| {
            format!(
                "{}{UNIT_SEPARATOR}{}{UNIT_SEPARATOR}{}",
                mode.name(),
                journal_text(&failure.reason),
                journal_text(&failure.detail)
            )
        })
        .collect();
    format!(
        "D\t{index}\t{}\t{}\t{}\t{}\n",
        elapsed.as_millis(),
        journal_text(&outcome.relative_path),
        modes.join(","),
        failures.join(&RECORD_SEPARATOR.to_string())
    )
}

/// What a journal holds: the outcomes and run times by test index, and every index a thread
/// started.
#[derive(Debug, Default)]
pub struct Journal {
    pub outcomes: BTreeMap<usize, TestOutcome>,
    pub durations: BTreeMap<usize, Duration>,
    pub started: BTreeSet<usize>,
}

impl Journal {
    /// Indices that were started but have no outcome (in flight when the process ended).
    pub fn in_flight(&self) -> Vec<usize> {
        self.started
            .iter()
            .copied()
            .filter(|index| !self.outcomes.contains_key(index))
            .collect()
    }
}

/// Reads a journal (a missing file is an empty journal; malformed lines are ignored).
pub fn read_journal(path: &Path) -> Journal {
    let mut journal = Journal::default();
    let Ok(text) = std::fs::read_to_string(path) else {
        return journal;
    };
    for line in text.lines() {
        let fields: Vec<&str> = line.split('\t').collect();
        match fields.as_slice() {
            ["S", index] => {
                if let Ok(index) = index.parse() {
                    journal.started.insert(index);
                }
            }
            ["D", index, milliseconds, path, modes, failures] => {
                let (Ok(index), Ok(milliseconds)) = (index.parse(), milliseconds.parse()) else {
                    continue;
                };
                journal
                    .durations
                    .insert(index, Duration::from_millis(milliseconds));
                let modes = modes
                    .split(',')
                    .filter_map(RunMode::from_name)
                    .collect::<Vec<_>>();
                let failures = failures
                    .split(RECORD_SEPARATOR)
                    .filter(|record| !record.is_empty())
                    .filter_map(|record| {
                        let mut parts = record.splitn(3, UNIT_SEPARATOR);
                        let mode = RunMode::from_name(parts.next()?)?;
                        let reason = parts.next()?.to_string();
                        let detail = parts.next().unwrap_or("").to_string();
                        Some((mode, Failure { reason, detail }))
                    })
                    .collect();
                journal.outcomes.insert(
                    index,
                    TestOutcome {
                        relative_path: path.to_string(),
                        modes,
                        failures,
                    },
                );
            }
            _ => {}
        }
    }
    journal
}

/// Appends one line to the journal with a single `write` call.
fn append(journal: &Mutex<File>, line: &str) {
    let mut file = lock(journal);
    // A failed journal write only costs a re-run of the test; it is not worth a panic.
    let _ = file.write_all(line.as_bytes());
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|error| error.into_inner())
}

/// What the watchdog knows about one worker thread.
#[derive(Default, Clone, Copy)]
struct WorkerSlot {
    /// The test index being run and when it started.
    current: Option<(usize, Instant)>,
    /// Set by the thread when no tests remain.
    finished: bool,
}

/// Runs the tests `indices` of `files` (skipping those the journal already has) on `workers`
/// threads, journaling each outcome. Returns 0 when all ran, or exits the process with
/// [`EXIT_RESTART`] after journaling a stuck or out-of-memory test.
pub fn run_worker_process(
    settings: &ExecutionSettings,
    files: &[PathBuf],
    indices: &[usize],
    workers: usize,
    journal_path: &Path,
) -> u8 {
    let done = read_journal(journal_path);
    let pending: Vec<usize> = indices
        .iter()
        .copied()
        .filter(|index| !done.outcomes.contains_key(index) && *index < files.len())
        .collect();
    let journal = match std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(journal_path)
    {
        Ok(file) => Mutex::new(file),
        Err(error) => {
            eprintln!(
                "xtask test262: cannot open the journal {}: {error}",
                journal_path.display()
            );
            return 2;
        }
    };
    let next = AtomicUsize::new(0);
    let completed = AtomicUsize::new(0);
    let slots = Mutex::new(vec![WorkerSlot::default(); workers]);
    // Panics are reported per test: the hook only records where they happened.
    std::panic::set_hook(Box::new(|info| {
        let location = info
            .location()
            .map(|location| format!("{}:{}", location.file(), location.line()))
            .unwrap_or_default();
        LAST_PANIC_LOCATION.with(|slot| *slot.borrow_mut() = location);
    }));
    let hard_limit = settings.time_limit + HARD_LIMIT_GRACE;
    std::thread::scope(|scope| {
        for slot_index in 0..workers {
            let (pending, next, completed, slots, journal) =
                (&pending, &next, &completed, &slots, &journal);
            std::thread::Builder::new()
                .name(format!("test262-worker-{slot_index}"))
                .stack_size(WORKER_STACK_BYTES)
                .spawn_scoped(scope, move || {
                    test262_allocator::register_worker_thread(slot_index);
                    let mut cache = HarnessCache::new();
                    loop {
                        let Some(&index) = pending.get(next.fetch_add(1, Ordering::Relaxed)) else {
                            lock(slots)[slot_index].finished = true;
                            return;
                        };
                        append(journal, &format!("S\t{index}\n"));
                        let started = Instant::now();
                        lock(slots)[slot_index].current = Some((index, started));
                        let outcome = run_test_file(settings, &files[index], &mut cache);
                        append(
                            journal,
                            &journal_result_line(index, &outcome, started.elapsed()),
                        );
                        lock(slots)[slot_index].current = None;
                        completed.fetch_add(1, Ordering::Relaxed);
                    }
                })
                .expect("spawn a test262 worker thread");
        }
        let mut last_report = Instant::now();
        loop {
            std::thread::sleep(Duration::from_millis(50));
            let snapshot = lock(&slots).clone();
            for (slot_index, slot) in snapshot.iter().enumerate() {
                let refused = test262_allocator::allocation_refused(slot_index);
                let Some((index, started)) = slot.current else {
                    if refused {
                        // Refused between two tests (the harness cache): nothing to blame.
                        std::process::exit(EXIT_RESTART);
                    }
                    continue;
                };
                let failure = if refused {
                    Failure::new(
                        "out of memory (allocation limit of the worker thread)",
                        "an allocation over 1 GiB, or over 2 GiB held by the thread, was refused",
                    )
                } else if started.elapsed() > hard_limit {
                    Failure::new(
                        "timeout (stuck in native code)",
                        format!("no result after {}s", hard_limit.as_secs()),
                    )
                } else {
                    continue;
                };
                abandon_stuck_test(settings, files, index, failure, started, &journal);
            }
            if snapshot.iter().all(|slot| slot.finished) {
                break;
            }
            if last_report.elapsed() > Duration::from_secs(30) {
                last_report = Instant::now();
                println!(
                    "progress: {}/{} in this worker process",
                    completed.load(Ordering::Relaxed),
                    pending.len()
                );
            }
        }
    });
    let _ = std::panic::take_hook();
    0
}

/// Journals the failure of a test whose thread cannot be recovered and ends the process so
/// that the supervisor starts a fresh one.
fn abandon_stuck_test(
    settings: &ExecutionSettings,
    files: &[PathBuf],
    index: usize,
    failure: Failure,
    started: Instant,
    journal: &Mutex<File>,
) -> ! {
    let relative_path = relative_test_path(&settings.root, &files[index]);
    println!(
        "watchdog: {relative_path}: {}; restarting the worker process",
        failure.reason
    );
    let metadata = std::fs::read_to_string(&files[index])
        .map(|source| read_metadata(&source))
        .unwrap_or_default();
    let modes = run_modes(&metadata).to_vec();
    // The test did not finish: every run of it counts as failed.
    let failures = modes.iter().map(|mode| (*mode, failure.clone())).collect();
    let outcome = TestOutcome {
        relative_path,
        modes,
        failures,
    };
    append(
        journal,
        &journal_result_line(index, &outcome, started.elapsed()),
    );
    let _ = std::io::stdout().flush();
    std::process::exit(EXIT_RESTART);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn journal_lines_round_trip() {
        let outcome = TestOutcome {
            relative_path: "language/x.js".to_string(),
            modes: vec![RunMode::Sloppy, RunMode::Strict],
            failures: vec![(
                RunMode::Strict,
                Failure::new("TypeError: a\tb", "line one\nline two"),
            )],
        };
        let directory = std::env::temp_dir().join(format!("xtask-journal-{}", std::process::id()));
        std::fs::create_dir_all(&directory).unwrap();
        let path = directory.join("journal.txt");
        let text = format!(
            "S\t4\nS\t7\n{}{}",
            journal_result_line(7, &outcome, Duration::from_millis(1234)),
            journal_result_line(
                9,
                &TestOutcome {
                    relative_path: "language/y.js".to_string(),
                    modes: vec![RunMode::Module],
                    failures: Vec::new(),
                },
                Duration::ZERO
            )
        );
        std::fs::write(&path, text).unwrap();
        let journal = read_journal(&path);
        std::fs::remove_dir_all(&directory).unwrap();
        assert_eq!(journal.in_flight(), vec![4]);
        assert_eq!(journal.durations[&7], Duration::from_millis(1234));
        let read = &journal.outcomes[&7];
        assert_eq!(read.relative_path, "language/x.js");
        assert_eq!(read.modes, outcome.modes);
        assert_eq!(read.failures.len(), 1);
        assert_eq!(read.failures[0].0, RunMode::Strict);
        assert_eq!(read.failures[0].1.reason, "TypeError: a b");
        assert_eq!(read.failures[0].1.detail, "line one line two");
        assert!(journal.outcomes[&9].passed());
    }
}
