//! The expectation files beside every test program: `NAME.out` holds the exact expected stdout
//! and `NAME.exit` the expected exit status, present only when that status is not 0.
//!
//! This is the same convention as `../shared/tools/tscases/check.py`, so either tool can check
//! the same folders.

use std::io;
use std::path::{Path, PathBuf};

/// The `.out` path for a `.ts` program.
pub fn stdout_path(program: &Path) -> PathBuf {
    program.with_extension("out")
}

/// The `.exit` path for a `.ts` program.
pub fn exit_status_path(program: &Path) -> PathBuf {
    program.with_extension("exit")
}

/// What a program is expected to do.
pub struct Expectation {
    pub stdout: Vec<u8>,
    pub exit_status: i32,
}

/// Reads the expectation for `program`. A missing `.out` is an error (the case cannot be
/// judged); a missing `.exit` means status 0.
pub fn read_expectation(program: &Path) -> Result<Expectation, String> {
    let out_path = stdout_path(program);
    let stdout = std::fs::read(&out_path)
        .map_err(|error| format!("cannot read {}: {error}", out_path.display()))?;
    let exit_path = exit_status_path(program);
    let exit_status = match std::fs::read_to_string(&exit_path) {
        Ok(text) => {
            let trimmed = text.trim();
            if trimmed.is_empty() {
                0
            } else {
                trimmed.parse::<i32>().map_err(|error| {
                    format!("bad exit status in {}: {error}", exit_path.display())
                })?
            }
        }
        Err(error) if error.kind() == io::ErrorKind::NotFound => 0,
        Err(error) => return Err(format!("cannot read {}: {error}", exit_path.display())),
    };
    Ok(Expectation {
        stdout,
        exit_status,
    })
}

/// How writing one expectation file went.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum FileChange {
    Unchanged,
    Created,
    Updated,
    Removed,
}

impl FileChange {
    pub fn is_change(self) -> bool {
        self != FileChange::Unchanged
    }

    pub fn verb(self) -> &'static str {
        match self {
            FileChange::Unchanged => "unchanged",
            FileChange::Created => "created",
            FileChange::Updated => "updated",
            FileChange::Removed => "removed",
        }
    }
}

/// Computes (and unless `dry_run`, performs) the change that makes `path` hold `contents`, or
/// makes it absent when `contents` is `None`. Files already holding the right bytes are not
/// rewritten, so timestamps only move when content does.
pub fn synchronise_file(
    path: &Path,
    contents: Option<&[u8]>,
    dry_run: bool,
) -> io::Result<FileChange> {
    let existing = match std::fs::read(path) {
        Ok(bytes) => Some(bytes),
        Err(error) if error.kind() == io::ErrorKind::NotFound => None,
        Err(error) => return Err(error),
    };
    let change = match (&existing, contents) {
        (None, None) => FileChange::Unchanged,
        (Some(_), None) => FileChange::Removed,
        (None, Some(_)) => FileChange::Created,
        (Some(old), Some(new)) if old.as_slice() == new => FileChange::Unchanged,
        (Some(_), Some(_)) => FileChange::Updated,
    };
    if !dry_run {
        match change {
            FileChange::Unchanged => {}
            FileChange::Removed => std::fs::remove_file(path)?,
            FileChange::Created | FileChange::Updated => {
                std::fs::write(path, contents.unwrap_or_default())?
            }
        }
    }
    Ok(change)
}

/// The `.exit` file contents for a status: `None` (no file) for 0, else the number and a newline.
pub fn exit_file_contents(exit_status: i32) -> Option<Vec<u8>> {
    (exit_status != 0).then(|| format!("{exit_status}\n").into_bytes())
}
