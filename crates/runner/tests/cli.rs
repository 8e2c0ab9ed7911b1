//! Command-line behaviour of `typescript-eval-runner`: exit statuses, the text of uncaught
//! errors and syntax errors, `-e`, `--check` and `--dump-bytecode`.

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn runner(arguments: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_typescript-eval-runner"))
        .args(arguments)
        .stdin(Stdio::null())
        .output()
        .expect("the runner binary starts")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Writes `source` to a fresh temporary file named `name` and returns its path.
fn temporary_program(name: &str, source: &str) -> std::path::PathBuf {
    let directory = std::env::temp_dir().join(format!("tseval-cli-{}", std::process::id()));
    std::fs::create_dir_all(&directory).unwrap();
    let path = directory.join(name);
    std::fs::File::create(&path)
        .unwrap()
        .write_all(source.as_bytes())
        .unwrap();
    path
}

#[test]
fn inline_code_runs_and_prints() {
    let output = runner(&["-e", "const n: number = 6 * 7; console.log('answer', n)"]);
    assert_eq!(text(&output.stdout), "answer 42\n");
    assert_eq!(output.status.code(), Some(0));
}

#[test]
fn uncaught_error_prints_name_message_and_a_stack_with_positions() {
    let path = temporary_program(
        "uncaught.ts",
        "function inner(): never {\n  throw new TypeError('bad thing');\n}\nfunction outer() { inner(); }\nconsole.log('before');\nouter();\n",
    );
    let output = runner(&[path.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        text(&output.stdout),
        "before\n",
        "output written before the throw is kept"
    );
    let stderr = text(&output.stderr);
    let mut lines = stderr.lines();
    assert_eq!(lines.next(), Some("Uncaught TypeError: bad thing"));
    let first_frame = lines.next().unwrap_or_default();
    assert!(
        first_frame.trim_start().starts_with("at inner (")
            && first_frame.contains("uncaught.ts:2:"),
        "the first stack line names the throwing function and its file:line:col, got {first_frame:?}"
    );
    assert!(
        stderr.contains("at outer ("),
        "the caller appears in the stack: {stderr}"
    );
}

#[test]
fn thrown_non_error_values_are_reported() {
    let output = runner(&["-e", "throw 42"]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(text(&output.stderr).lines().next(), Some("Uncaught 42"));
}

#[test]
fn syntax_errors_exit_with_status_one_and_a_code_frame() {
    let path = temporary_program("broken.ts", "let ok = 1;\nlet x = );\n");
    let output = runner(&[path.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        output.stdout.is_empty(),
        "nothing runs when the program does not parse"
    );
    let stderr = text(&output.stderr);
    assert!(stderr.contains("SyntaxError"), "{stderr}");
    assert!(
        stderr.contains("broken.ts:2:9"),
        "the position is file:line:col: {stderr}"
    );
    assert!(
        stderr.contains("let x = );"),
        "the code frame shows the line: {stderr}"
    );
    assert!(stderr.contains('^'), "the code frame has a caret: {stderr}");
}

#[test]
fn check_mode_parses_without_running() {
    let good = temporary_program("good.ts", "console.log('must not print');\n");
    let output = runner(&["--check", good.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0));
    assert!(output.stdout.is_empty(), "--check does not run the program");

    let bad = temporary_program("bad.ts", "function (\n");
    let output = runner(&["--check", bad.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    assert!(text(&output.stderr).contains("SyntaxError"));
}

#[test]
fn parameter_decorators_are_a_syntax_error_at_the_decorator() {
    let path = temporary_program(
        "decorated.ts",
        "console.log('must not print');\nclass Widget {\n  constructor(@Inject() name: string) {}\n}\n",
    );
    for mode in [&["--check"][..], &[][..]] {
        let mut arguments = mode.to_vec();
        arguments.push(path.to_str().unwrap());
        let output = runner(&arguments);
        assert_eq!(output.status.code(), Some(1));
        assert!(output.stdout.is_empty(), "nothing runs");
        let stderr = text(&output.stderr);
        assert!(
            stderr.contains("SyntaxError: decorators on parameters are not supported yet"),
            "{stderr}"
        );
        assert!(stderr.contains("decorated.ts:3:15"), "{stderr}");
    }
}

/// Programs nested `depth` levels deep in eight different ways: (file name, source).
fn deeply_nested_programs(depth: usize) -> Vec<(&'static str, String)> {
    let nest = |open: &str, inner: &str, close: &str| {
        format!("{}{inner}{}", open.repeat(depth), close.repeat(depth))
    };
    vec![
        (
            "parentheses.js",
            format!("let v = {};", nest("(", "1", ")")),
        ),
        ("brackets.js", format!("let v = {};", nest("[", "1", "]"))),
        ("blocks.js", nest("{", "", "}")),
        ("arrows.js", format!("let f = {};", nest("() => ", "1", ""))),
        (
            "templates.js",
            format!("let t = {};", nest("`${", "1", "}`")),
        ),
        (
            "types.ts",
            format!("let x: {} = [];", nest("Array<", "number", ">")),
        ),
        (
            "object_types.ts",
            format!("let x: {};", nest("{a: ", "number", "}")),
        ),
        ("functions.js", nest("function f() {", "", "}")),
    ]
}

#[test]
fn deeply_nested_input_is_a_syntax_error_not_a_crash() {
    for (name, source) in deeply_nested_programs(100_000) {
        let path = temporary_program(name, &source);
        // Object type literals are skipped by a loop over balanced brackets, so any depth is
        // accepted there; everything else hits the nesting limit. Either way no crash.
        let expected_status = if name == "object_types.ts" { 0 } else { 1 };
        for mode in ["--check", "--dump-bytecode", "--"] {
            let output = runner(&[mode, path.to_str().unwrap()]);
            let stderr = text(&output.stderr);
            assert_eq!(
                output.status.code(),
                Some(expected_status),
                "{name} {mode}: {stderr}"
            );
            if expected_status == 0 {
                continue;
            }
            assert!(stderr.contains("SyntaxError"), "{name} {mode}: {stderr}");
            assert!(
                stderr.len() < 2_000,
                "the code frame shows a window of the long line: {stderr}"
            );
        }
    }
    // A command-line argument is limited to 128 KiB, so `-e` gets 5,000 levels.
    for (name, source) in deeply_nested_programs(5_000) {
        let output = runner(&["-e", &source]);
        let stderr = text(&output.stderr);
        let expected_status = if name == "object_types.ts" { 0 } else { 1 };
        assert_eq!(
            output.status.code(),
            Some(expected_status),
            "{name} -e: {stderr}"
        );
        assert!(
            expected_status == 0 || stderr.contains("SyntaxError"),
            "{name} -e: {stderr}"
        );
    }
}

#[test]
fn dump_bytecode_lists_instructions_without_running() {
    let path = temporary_program(
        "dump.ts",
        "function add(a: number, b: number) { return a + b; }\nconsole.log(add(1, 2));\n",
    );
    let output = runner(&["--dump-bytecode", path.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0));
    let listing = text(&output.stdout);
    assert!(!listing.contains("\n3\n"), "the program must not run");
    assert!(
        listing.contains("Add"),
        "the listing shows the addition: {listing}"
    );
    assert!(
        listing.contains("add"),
        "the listing names the nested function: {listing}"
    );
}

#[test]
fn deep_recursion_is_a_range_error_not_a_crash() {
    let output = runner(&[
        "-e",
        "function f(n: number): number { return f(n + 1) + 1; }\ntry { f(0); } catch (e) { console.log(e instanceof RangeError, e.message); }",
    ]);
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(
        text(&output.stdout),
        "true Maximum call stack size exceeded\n"
    );
}

#[test]
fn unreadable_files_are_usage_errors() {
    let output = runner(&["/nonexistent/definitely-missing.ts"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(text(&output.stderr).contains("cannot read"));
}

#[test]
fn the_repl_prints_each_line_s_completion_value_as_node_does() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_typescript-eval-runner"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the runner binary starts");
    child
        .stdin
        .take()
        .expect("piped stdin")
        .write_all(
            b"1 + 2\nlet list = [1, 'two']; list\nlet unused = 5\n'text'\n\
              if (true) { 7 } else { 8 }\nlist.length + unused\nclass Point {}\nnew Point()\n\
              let unused = 6\n",
        )
        .unwrap();
    let output = child.wait_with_output().unwrap();
    assert_eq!(
        text(&output.stdout),
        "> 3\n> [ 1, 'two' ]\n> undefined\n> 'text'\n> 7\n> 7\n> undefined\n> Point {}\n> > \n"
    );
    // Redeclaring a line's `let` in a later line is an error, as in Node's REPL.
    assert!(
        text(&output.stderr).contains("Identifier 'unused' has already been declared"),
        "stderr: {}",
        text(&output.stderr)
    );
    assert_eq!(output.status.code(), Some(0));
}
