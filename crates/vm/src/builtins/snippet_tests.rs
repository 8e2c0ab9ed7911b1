//! Golden tests of the built-ins through the whole pipeline: each
//! `testdata/snippets/NAME.js` is parsed, compiled and run (with the event loop) on a VM
//! whose output is captured, and stdout must equal `NAME.out` byte for byte. The `.out`
//! files are node v20's output for the same file (`node NAME.js > NAME.out`), so these
//! tests compare the engine with node; regenerate them with node, never with this engine.

use std::path::{Path, PathBuf};
use std::rc::Rc;

use crate::host::CaptureHost;
use crate::realm::Vm;

fn snippet_directory() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src/builtins/testdata/snippets")
}

/// Runs a JS source and returns what it printed to stdout (plus the uncaught error, if any).
fn run_snippet(source: &str, file_name: &str) -> String {
    let (host, output) = CaptureHost::new();
    let mut vm = Vm::with_host(Box::new(host));
    let arena = tseval_parser::Arena::new();
    let mut interner = tseval_parser::Interner::new();
    let program = match tseval_parser::parse_program(
        source,
        file_name,
        &arena,
        &mut interner,
        tseval_parser::Goal::ScriptOrModule,
    ) {
        Ok(program) => program,
        Err(error) => return format!("SyntaxError: {}", error.message),
    };
    let shared_source: Rc<str> = Rc::from(source);
    let script =
        match tseval_compiler::compile_script(&program, &interner, file_name, &shared_source) {
            Ok(script) => script,
            Err(error) => return format!("SyntaxError: {}", error.message),
        };
    let result = crate::interpreter::run_script(&mut vm, &script)
        .and_then(|_| super::run_event_loop(&mut vm));
    let mut text = output.stdout_text();
    if let Err(thrown) = result {
        text.push_str(&format!(
            "UNCAUGHT {}\n",
            vm.describe_exception(thrown).summary
        ));
    }
    text
}

#[test]
fn every_snippet_prints_what_node_prints() {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(snippet_directory())
        .expect("the snippet directory exists")
        .map(|entry| entry.expect("readable directory entry").path())
        .filter(|path| path.extension().is_some_and(|extension| extension == "js"))
        .collect();
    entries.sort();
    assert!(!entries.is_empty(), "no snippets found");
    let mut failures = Vec::new();
    for path in &entries {
        let source = std::fs::read_to_string(path).expect("readable snippet");
        let expected = std::fs::read_to_string(path.with_extension("out"))
            .expect("every snippet has a .out file");
        let file_name = path
            .file_name()
            .and_then(|name| name.to_str())
            .unwrap_or("snippet.js");
        let actual = run_snippet(&source, file_name);
        if actual != expected {
            let first_difference = actual
                .lines()
                .zip(expected.lines())
                .enumerate()
                .find(|(_, (left, right))| left != right)
                .map(|(line, (left, right))| {
                    format!("line {}:\n  got      {left}\n  expected {right}", line + 1)
                })
                .unwrap_or_else(|| "the outputs differ in length".to_string());
            failures.push(format!("{file_name}: {first_difference}"));
        }
    }
    assert!(
        failures.is_empty(),
        "{} snippet(s) differ from node:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
