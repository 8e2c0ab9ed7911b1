//! The embedding surface the runner facade uses: program arguments, the event loop,
//! REPL-style printing of values, output flushing and uncaught-exception text.
//!
//! Each method is a thin composition of the runtime and the built-ins, so that an embedder
//! (and the `typescript-eval-runner` binary) never needs to reach into module internals.

use crate::Vm;
use crate::builtins::inspect::InspectOptions;
use crate::value::{JsResult, Value};

impl Vm {
    /// Installs `process` (with `argv` set to `arguments`, the real environment in `env`,
    /// `stdout`/`stderr`, `exit`, `nextTick`, ...; see `crate::builtins::process`) on the
    /// global object.
    pub fn set_process_arguments(&mut self, arguments: &[String]) {
        crate::builtins::process::install_process(self, arguments);
    }

    /// Runs queued microtasks and due timers until none remain, as Node's event loop does
    /// after the main script.
    pub fn run_event_loop(&mut self) -> JsResult<()> {
        crate::builtins::run_event_loop(self)
    }

    /// Formats a value the way Node's REPL prints a completion value (`util.inspect`).
    pub fn inspect(&mut self, value: Value) -> String {
        crate::builtins::console::inspect_value(self, value, &InspectOptions::default())
            .unwrap_or_else(|thrown| self.describe_exception(thrown).summary)
    }

    /// Writes buffered standard output.
    pub fn flush_output(&mut self) {
        self.host.flush();
    }

    /// The text printed for an exception nothing caught: `Uncaught Name: message` followed
    /// by the stack lines (`    at f (file:line:col)`), or `Uncaught <value>` for a thrown
    /// non-error.
    pub fn describe_uncaught_exception(&mut self, thrown: Value) -> String {
        let exception = self.describe_exception(thrown);
        let text = match &exception.stack {
            Some(stack) if stack.starts_with(&exception.summary) => stack.clone(),
            Some(stack) => format!("{}\n{}", exception.summary, stack),
            None if exception.name.is_some() => exception.summary.clone(),
            None => self.inspect(thrown),
        };
        format!("Uncaught {text}")
    }
}
