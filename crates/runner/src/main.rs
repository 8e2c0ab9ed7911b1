//! The `typescript-eval-runner` command-line interface.
//!
//! This file only parses arguments, reads files and prints results; every piece of
//! engine work goes through the [`tseval::Runtime`] facade so that the command line and
//! embedders exercise the same code paths.
//!
//! Exit codes: 0 on success, 1 when the program throws an uncaught exception or has a
//! syntax error, 2 for usage errors and unreadable files.

use std::io::{BufRead, Write};
use std::process::ExitCode;

use tseval::{Diagnostic, EvalError, Runtime, SourceGoal};

const USAGE: &str = "\
usage: typescript-eval-runner [OPTIONS] FILE.ts [ARGS...]
       typescript-eval-runner [OPTIONS] -e CODE
       typescript-eval-runner            (no file: interactive REPL)

Runs TypeScript (types are erased, not checked) and JavaScript.

options:
  -e, --eval CODE       run CODE instead of a file
  --check               parse and compile only; report syntax errors (exit 1) or nothing (exit 0)
  --dump-bytecode       print the bytecode disassembly instead of running
  --module              use the module goal (default: module when the file has import/export,
                        or its extension is .mjs/.mts)
  -h, --help            print this help
";

/// What the command line asked for.
struct CommandLine {
    /// The program text given with `-e`, if any.
    inline_code: Option<String>,
    /// The file to run, if any.
    file_path: Option<String>,
    /// Arguments after the file, exposed to the program as `process.argv` tail.
    program_arguments: Vec<String>,
    check_only: bool,
    dump_bytecode: bool,
    force_module: bool,
}

fn parse_command_line(arguments: Vec<String>) -> Result<CommandLine, String> {
    let mut command_line = CommandLine {
        inline_code: None,
        file_path: None,
        program_arguments: Vec::new(),
        check_only: false,
        dump_bytecode: false,
        force_module: false,
    };
    let mut iterator = arguments.into_iter();
    while let Some(argument) = iterator.next() {
        if command_line.file_path.is_some() || command_line.inline_code.is_some() {
            command_line.program_arguments.push(argument);
            continue;
        }
        match argument.as_str() {
            "-h" | "--help" => return Err(String::new()),
            "-e" | "--eval" => {
                let code = iterator.next().ok_or("-e needs an argument")?;
                command_line.inline_code = Some(code);
            }
            "--check" => command_line.check_only = true,
            "--dump-bytecode" => command_line.dump_bytecode = true,
            "--module" => command_line.force_module = true,
            "--" => {
                if let Some(path) = iterator.next() {
                    command_line.file_path = Some(path);
                }
            }
            other if other.starts_with('-') && other.len() > 1 => {
                return Err(format!("unknown option '{other}'"));
            }
            _ => command_line.file_path = Some(argument),
        }
    }
    Ok(command_line)
}

/// The native stack given to the thread that runs the engine. Deep JavaScript recursion is
/// bounded by the interpreter's own limits; native re-entry (built-ins calling back into
/// JavaScript) uses this stack, and the VM is told its budget so it throws a RangeError long
/// before the stack could overflow.
const ENGINE_THREAD_STACK_BYTES: usize = 256 * 1024 * 1024;

/// How much of that stack the VM may use; the rest is headroom for the frames below it.
const ENGINE_NATIVE_STACK_BUDGET_BYTES: usize = 192 * 1024 * 1024;

fn main() -> ExitCode {
    let engine_thread = std::thread::Builder::new()
        .name("tseval".to_string())
        .stack_size(ENGINE_THREAD_STACK_BYTES)
        .spawn(run_command_line)
        .expect("the engine thread starts");
    engine_thread.join().unwrap_or(ExitCode::from(70))
}

fn new_runtime() -> Runtime {
    let mut runtime = Runtime::new();
    runtime.vm().native_stack_budget = ENGINE_NATIVE_STACK_BUDGET_BYTES;
    runtime
}

fn run_command_line() -> ExitCode {
    let command_line = match parse_command_line(std::env::args().skip(1).collect()) {
        Ok(command_line) => command_line,
        Err(message) => {
            if !message.is_empty() {
                eprintln!("typescript-eval-runner: {message}");
            }
            eprint!("{USAGE}");
            return ExitCode::from(if message.is_empty() { 0 } else { 2 });
        }
    };

    let (source_text, file_name) = match (&command_line.inline_code, &command_line.file_path) {
        (Some(code), _) => (code.clone(), "[eval]".to_string()),
        (None, Some(path)) => match std::fs::read_to_string(path) {
            Ok(text) => (text, path.clone()),
            Err(error) => {
                eprintln!("typescript-eval-runner: cannot read '{path}': {error}");
                return ExitCode::from(2);
            }
        },
        (None, None) => return run_read_eval_print_loop(),
    };

    let goal = if command_line.force_module {
        SourceGoal::Module
    } else {
        SourceGoal::from_file_name(&file_name)
    };

    if command_line.check_only {
        return match tseval::check(&source_text, &file_name, goal) {
            Ok(()) => ExitCode::SUCCESS,
            Err(diagnostic) => report_diagnostic(&diagnostic),
        };
    }
    if command_line.dump_bytecode {
        return match tseval::dump_bytecode(&source_text, &file_name, goal) {
            Ok(listing) => {
                print!("{listing}");
                ExitCode::SUCCESS
            }
            Err(diagnostic) => report_diagnostic(&diagnostic),
        };
    }

    let mut runtime = new_runtime();
    let mut process_arguments = vec!["typescript-eval-runner".to_string(), file_name.clone()];
    process_arguments.extend(command_line.program_arguments.iter().cloned());
    runtime.set_process_arguments(&process_arguments);
    let outcome = runtime.run_main(&source_text, &file_name, goal);
    runtime.flush_output();
    match outcome {
        Ok(()) => exit_code(runtime.normal_exit_code()),
        Err(EvalError::Exit(code)) => exit_code(code),
        Err(EvalError::Syntax(diagnostic)) => report_diagnostic(&diagnostic),
        Err(EvalError::Uncaught(uncaught)) => {
            eprintln!("{}", uncaught.render());
            ExitCode::from(1)
        }
    }
}

/// A process exit status from a JavaScript exit code (the low 8 bits, as on POSIX).
fn exit_code(code: i32) -> ExitCode {
    ExitCode::from((code & 0xff) as u8)
}

fn report_diagnostic(diagnostic: &Diagnostic) -> ExitCode {
    eprintln!("{}", diagnostic.render());
    ExitCode::from(1)
}

/// The interactive loop: each line is evaluated as a script in one shared runtime, and the
/// completion value is printed the way Node's REPL prints it.
fn run_read_eval_print_loop() -> ExitCode {
    let mut runtime = new_runtime();
    let standard_input = std::io::stdin();
    let mut lines = standard_input.lock().lines();
    loop {
        print!("> ");
        let _ = std::io::stdout().flush();
        let Some(Ok(line)) = lines.next() else {
            println!();
            return ExitCode::SUCCESS;
        };
        if line.trim().is_empty() {
            continue;
        }
        if line.trim() == ".exit" {
            return ExitCode::SUCCESS;
        }
        match runtime.evaluate_for_repl(&line) {
            Ok(printed) => {
                runtime.flush_output();
                println!("{printed}");
            }
            Err(EvalError::Syntax(diagnostic)) => eprintln!("{}", diagnostic.render()),
            Err(EvalError::Uncaught(uncaught)) => {
                runtime.flush_output();
                eprintln!("{}", uncaught.render());
            }
            Err(EvalError::Exit(code)) => {
                runtime.flush_output();
                return exit_code(code);
            }
        }
    }
}
