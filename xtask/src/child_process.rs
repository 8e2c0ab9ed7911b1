//! Running a child process to completion with captured output and a wall-clock time limit.
//!
//! Both pipes are drained on their own threads while the main thread polls for exit, so a child
//! that writes a lot to stderr cannot deadlock against a parent that is blocked reading stdout.

use std::io::Read;
use std::path::Path;
use std::process::{Command, ExitStatus, Stdio};
use std::thread;
use std::time::{Duration, Instant};

/// Everything a finished (or killed) child produced.
pub struct CapturedRun {
    pub stdout: Vec<u8>,
    pub stderr: Vec<u8>,
    /// The exit status as a shell would report it: the code, or 128 + signal number.
    pub exit_status: i32,
    pub timed_out: bool,
    pub elapsed: Duration,
}

/// Runs `program arguments...` in `working_directory` with stdin closed, killing it after
/// `time_limit`. An error means the process could not be started at all.
pub fn run_with_time_limit(
    program: &Path,
    arguments: &[&std::ffi::OsStr],
    working_directory: Option<&Path>,
    time_limit: Duration,
) -> std::io::Result<CapturedRun> {
    let started = Instant::now();
    let mut command = Command::new(program);
    command
        .args(arguments)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    if let Some(directory) = working_directory {
        command.current_dir(directory);
    }
    let mut child = command.spawn()?;
    let stdout_reader = drain_on_thread(child.stdout.take());
    let stderr_reader = drain_on_thread(child.stderr.take());

    let mut timed_out = false;
    let status = loop {
        if let Some(status) = child.try_wait()? {
            break status;
        }
        if started.elapsed() >= time_limit {
            timed_out = true;
            // The child may have exited between the poll and the kill; both outcomes are fine.
            let _ = child.kill();
            break child.wait()?;
        }
        // Short sleeps keep quick programs quick without spinning a core.
        thread::sleep(Duration::from_millis(2));
    };
    let stdout = stdout_reader.join().unwrap_or_default();
    let stderr = stderr_reader.join().unwrap_or_default();
    Ok(CapturedRun {
        stdout,
        stderr,
        exit_status: shell_exit_status(status),
        timed_out,
        elapsed: started.elapsed(),
    })
}

/// Reads a pipe to its end on a new thread and hands back the bytes.
fn drain_on_thread<R: Read + Send + 'static>(pipe: Option<R>) -> thread::JoinHandle<Vec<u8>> {
    thread::spawn(move || {
        let mut bytes = Vec::new();
        if let Some(mut pipe) = pipe {
            // A read error (e.g. the child was killed mid-write) keeps what arrived so far.
            let _ = pipe.read_to_end(&mut bytes);
        }
        bytes
    })
}

#[cfg(unix)]
fn shell_exit_status(status: ExitStatus) -> i32 {
    use std::os::unix::process::ExitStatusExt;
    status
        .code()
        .unwrap_or_else(|| 128 + status.signal().unwrap_or(0))
}

#[cfg(not(unix))]
fn shell_exit_status(status: ExitStatus) -> i32 {
    status.code().unwrap_or(1)
}

/// True when `program --version` can be started and succeeds: a cheap "is this tool installed".
pub fn tool_is_available(program: &str) -> bool {
    Command::new(program)
        .arg("--version")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|status| status.success())
}

/// Runs `items` through `work` on up to `worker_count` threads and returns the results in the
/// original order, so reports stay deterministic however the work was scheduled.
pub fn map_in_parallel<T: Sync, R: Send>(
    items: &[T],
    worker_count: usize,
    work: impl Fn(&T) -> R + Sync,
) -> Vec<R> {
    let next_index = std::sync::atomic::AtomicUsize::new(0);
    let results: Vec<std::sync::Mutex<Option<R>>> =
        items.iter().map(|_| std::sync::Mutex::new(None)).collect();
    thread::scope(|scope| {
        for _ in 0..worker_count.max(1).min(items.len().max(1)) {
            scope.spawn(|| {
                loop {
                    let index = next_index.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    let Some(item) = items.get(index) else { break };
                    let result = work(item);
                    *results[index]
                        .lock()
                        .unwrap_or_else(|poisoned| poisoned.into_inner()) = Some(result);
                }
            });
        }
    });
    results
        .into_iter()
        .filter_map(|slot| {
            slot.into_inner()
                .unwrap_or_else(|poisoned| poisoned.into_inner())
        })
        .collect()
}

/// The default worker count: the machine's parallelism, or 1 when it cannot be determined.
pub fn default_worker_count() -> usize {
    thread::available_parallelism()
        .map(|count| count.get())
        .unwrap_or(1)
}
