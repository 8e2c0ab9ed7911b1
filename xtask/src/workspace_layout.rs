//! Where things are: the repository root, the shared reference material next to it, the cargo
//! target directory, and the recursive search for TypeScript programs.
//!
//! Every path is derived from this crate's manifest directory at compile time, so `cargo xtask`
//! works from any current directory inside the workspace.

use std::path::{Path, PathBuf};

/// The workspace root: the parent of the `xtask` package directory.
pub fn repository_root() -> PathBuf {
    let manifest_directory = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest_directory
        .parent()
        .unwrap_or(manifest_directory)
        .to_path_buf()
}

/// The shared reference material that sits beside the repository (`../shared`).
pub fn shared_directory() -> PathBuf {
    repository_root().join("..").join("shared")
}

/// The default location of the oracle script, `../shared/tools/tscases/oracle.js`.
pub fn default_oracle_script() -> PathBuf {
    shared_directory()
        .join("tools")
        .join("tscases")
        .join("oracle.js")
}

/// The folders `oracle` regenerates when it is given no paths.
pub fn default_oracle_roots() -> Vec<PathBuf> {
    let root = repository_root();
    vec![root.join("tests").join("cases"), root.join("examples")]
}

/// The folders `cases` runs: our own cases, the examples, and the shared example programs.
pub fn default_case_roots() -> Vec<PathBuf> {
    let root = repository_root();
    vec![
        root.join("tests").join("cases"),
        root.join("examples"),
        shared_directory().join("ts-examples"),
    ]
}

/// The cargo target directory, honouring `CARGO_TARGET_DIR` like cargo itself does.
pub fn target_directory() -> PathBuf {
    match std::env::var_os("CARGO_TARGET_DIR") {
        Some(directory) => {
            let directory = PathBuf::from(directory);
            if directory.is_absolute() {
                directory
            } else {
                repository_root().join(directory)
            }
        }
        None => repository_root().join("target"),
    }
}

/// Every `*.ts` file at or below `path` (or `path` itself when it is a `.ts` file), except those
/// in `helpers/` folders (modules imported by programs), sorted so that runs and reports are
/// deterministic. Unreadable directories are skipped silently.
pub fn find_typescript_programs(path: &Path) -> Vec<PathBuf> {
    let mut programs = Vec::new();
    if path.is_file() {
        if is_typescript_program(path) {
            programs.push(path.to_path_buf());
        }
        return programs;
    }
    // An explicit work list instead of recursion keeps deep folder trees harmless.
    let mut pending_directories = vec![path.to_path_buf()];
    while let Some(directory) = pending_directories.pop() {
        let Ok(entries) = std::fs::read_dir(&directory) else {
            continue;
        };
        for entry in entries.flatten() {
            let entry_path = entry.path();
            if entry_path.is_dir() {
                // `helpers/` folders hold modules that case programs import, not programs.
                if entry_path.file_name().is_none_or(|name| name != "helpers") {
                    pending_directories.push(entry_path);
                }
            } else if is_typescript_program(&entry_path) {
                programs.push(entry_path);
            }
        }
    }
    programs.sort();
    programs
}

/// Expectation files (`NAME.out`, `NAME.exit`) at or below `path` with no `NAME.ts` beside them:
/// leftovers of renamed or deleted programs. Sorted for deterministic reports.
pub fn find_orphaned_expectation_files(path: &Path) -> Vec<PathBuf> {
    let mut orphans = Vec::new();
    if !path.is_dir() {
        return orphans;
    }
    let mut pending_directories = vec![path.to_path_buf()];
    while let Some(directory) = pending_directories.pop() {
        let Ok(entries) = std::fs::read_dir(&directory) else {
            continue;
        };
        for entry in entries.flatten() {
            let entry_path = entry.path();
            if entry_path.is_dir() {
                pending_directories.push(entry_path);
                continue;
            }
            let is_expectation = matches!(
                entry_path
                    .extension()
                    .and_then(|extension| extension.to_str()),
                Some("out" | "exit")
            );
            if is_expectation && !entry_path.with_extension("ts").is_file() {
                orphans.push(entry_path);
            }
        }
    }
    orphans.sort();
    orphans
}

/// True for `NAME.ts` files, excluding declaration files (`NAME.d.ts`), which are not programs.
fn is_typescript_program(path: &Path) -> bool {
    let Some(file_name) = path.file_name().and_then(|name| name.to_str()) else {
        return false;
    };
    file_name.ends_with(".ts") && !file_name.ends_with(".d.ts")
}

/// A short, stable display name for a program: its path relative to the repository root, or to
/// the shared folder for shared programs, without the `.ts` extension.
pub fn display_name(program: &Path) -> String {
    let canonical = program
        .canonicalize()
        .unwrap_or_else(|_| program.to_path_buf());
    let repository = repository_root()
        .canonicalize()
        .unwrap_or_else(|_| repository_root());
    let shared = shared_directory()
        .canonicalize()
        .unwrap_or_else(|_| shared_directory());
    let relative = canonical
        .strip_prefix(&repository)
        .or_else(|_| canonical.strip_prefix(&shared))
        .map(Path::to_path_buf)
        .unwrap_or(canonical.clone());
    let text = relative.to_string_lossy().into_owned();
    text.strip_suffix(".ts").map(str::to_owned).unwrap_or(text)
}
