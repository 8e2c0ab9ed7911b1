//! Tidy checks that keep the documentation true to the code.
//!
//! `docs/ARCHITECTURE.md` states, for each crate, which workspace crates it depends on and
//! an architecture invariant; these tests fail when a `Cargo.toml` drifts from that text,
//! when a crate has no section, or when a Rust file lacks its `//!` module comment.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .unwrap()
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|error| panic!("{}: {error}", path.display()))
}

/// One `### \`crates/NAME\`` section of the architecture document.
struct CrateSection {
    directory_name: String,
    declared_dependencies: BTreeSet<String>,
    has_invariant: bool,
}

fn architecture_sections() -> Vec<CrateSection> {
    let document = read(&workspace_root().join("docs/ARCHITECTURE.md"));
    let mut sections = Vec::new();
    let mut current: Option<CrateSection> = None;
    for line in document.lines() {
        if let Some(rest) = line.strip_prefix("### `crates/") {
            if let Some(section) = current.take() {
                sections.push(section);
            }
            let directory_name = rest.split('`').next().unwrap().to_string();
            current = Some(CrateSection {
                directory_name,
                declared_dependencies: BTreeSet::new(),
                has_invariant: false,
            });
        } else if line.starts_with("### ") || line.starts_with("## ") {
            if let Some(section) = current.take() {
                sections.push(section);
            }
        } else if let Some(section) = current.as_mut() {
            if let Some(list) = line.strip_prefix("Depends on:") {
                section.declared_dependencies = list
                    .split(',')
                    .map(|name| name.trim().to_string())
                    .filter(|name| !name.is_empty() && name != "(none)")
                    .collect();
            }
            if line.starts_with("**Architecture Invariant:**") {
                section.has_invariant = true;
            }
        }
    }
    if let Some(section) = current.take() {
        sections.push(section);
    }
    sections
}

/// The workspace crates named in the `[dependencies]` table of a manifest (dev-dependencies
/// do not count: tests may reach across layers).
fn workspace_dependencies(manifest: &str) -> BTreeSet<String> {
    let mut in_dependencies = false;
    let mut dependencies = BTreeSet::new();
    for line in manifest.lines() {
        let line = line.trim();
        if line.starts_with('[') {
            in_dependencies = line == "[dependencies]";
            continue;
        }
        if in_dependencies && line.starts_with("tseval") {
            let name = line.split(['=', '.']).next().unwrap().trim();
            dependencies.insert(name.to_string());
        }
    }
    dependencies
}

fn crate_directories() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(workspace_root().join("crates"))
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn every_crate_has_an_architecture_section_with_an_invariant() {
    let sections = architecture_sections();
    let documented: BTreeSet<&str> = sections.iter().map(|s| s.directory_name.as_str()).collect();
    for directory in crate_directories() {
        assert!(
            documented.contains(directory.as_str()),
            "crates/{directory} has no section in docs/ARCHITECTURE.md"
        );
    }
    for section in &sections {
        assert!(
            section.has_invariant,
            "the section of crates/{} has no **Architecture Invariant:** line",
            section.directory_name
        );
        assert!(
            workspace_root()
                .join("crates")
                .join(&section.directory_name)
                .is_dir(),
            "docs/ARCHITECTURE.md documents crates/{}, which does not exist",
            section.directory_name
        );
    }
}

#[test]
fn documented_dependencies_match_the_manifests() {
    for section in architecture_sections() {
        let manifest_path = workspace_root()
            .join("crates")
            .join(&section.directory_name)
            .join("Cargo.toml");
        let actual = workspace_dependencies(&read(&manifest_path));
        assert_eq!(
            actual, section.declared_dependencies,
            "crates/{}: Cargo.toml depends on {:?} but docs/ARCHITECTURE.md says {:?}",
            section.directory_name, actual, section.declared_dependencies
        );
    }
}

fn rust_files_under(directory: &Path, found: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(directory) else {
        return;
    };
    for entry in entries {
        let path = entry.unwrap().path();
        if path.is_dir() {
            if path.file_name().is_some_and(|name| name == "target") {
                continue;
            }
            rust_files_under(&path, found);
        } else if path.extension().is_some_and(|extension| extension == "rs") {
            found.push(path);
        }
    }
}

#[test]
fn every_rust_file_starts_with_a_module_comment() {
    let root = workspace_root();
    let mut files = Vec::new();
    for top in ["crates", "xtask", "benches", "examples"] {
        rust_files_under(&root.join(top), &mut files);
    }
    assert!(
        files.len() > 10,
        "expected to find the workspace's Rust files"
    );
    let missing: Vec<String> = files
        .iter()
        .filter(|path| {
            let text = read(path);
            let first = text
                .lines()
                .find(|line| !line.trim().is_empty())
                .unwrap_or("");
            !first.starts_with("//!")
        })
        .map(|path| path.strip_prefix(&root).unwrap().display().to_string())
        .collect();
    assert!(
        missing.is_empty(),
        "files without a //! module comment: {missing:#?}"
    );
}

/// `docs/OPCODES.md` is generated from the opcode table, the single source of truth for the
/// instruction set; `UPDATE_GOLDEN=1` rewrites it.
#[test]
fn the_instruction_set_document_is_generated_from_the_opcode_table() {
    let path = workspace_root().join("docs/OPCODES.md");
    let generated = tseval_compiler::instruction_set_markdown();
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, &generated).unwrap();
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "docs/OPCODES.md is out of date with the opcode table; run UPDATE_GOLDEN=1 cargo test -p tseval --test tidy"
    );
}
