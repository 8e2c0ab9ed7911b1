//! What the test262 runners share: finding test files, reading each test's YAML frontmatter,
//! deciding its runs (sloppy/strict/module), grouping paths by directory, and reading the
//! known-failures ratchet files.
//!
//! Both `cargo xtask test262 --parse-only` ([`crate::test262_parse`]) and the executing runner
//! ([`crate::test262_run`]) use this module, so a test is classified the same way by both.
//!
//! The frontmatter is the `/*--- ... ---*/` block of every test. Only the handful of YAML forms
//! the suite actually uses are understood: `key: value`, inline lists `key: [a, b]`, block lists
//! (`key:` followed by indented `- item` lines), and the `negative:` mapping with indented
//! `phase:` and `type:` lines. A full YAML parser would be a dependency for no gain.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The suites walked when `--root` is not given, relative to the test262 `test` folder.
pub const DEFAULT_SUITES: &[&str] = &["language", "built-ins", "annexB"];

/// The phase in which a negative test must fail.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NegativePhase {
    /// Parsing or early errors: the source must be rejected before anything runs.
    Parse,
    /// Module linking (resolving imports).
    Resolution,
    /// Evaluation: the script must throw.
    Runtime,
}

/// `negative:` of a test: when it must fail and with which error constructor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Negative {
    pub phase: NegativePhase,
    /// The constructor name, e.g. `SyntaxError` or `Test262Error`.
    pub error_type: String,
}

/// Everything a runner needs from a test's frontmatter.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TestMetadata {
    /// `flags: [module]`: module goal (strict).
    pub module: bool,
    /// `flags: [raw]`: run the text as it is (no harness, sloppy).
    pub raw: bool,
    /// `flags: [onlyStrict]`.
    pub only_strict: bool,
    /// `flags: [noStrict]`.
    pub no_strict: bool,
    /// `flags: [async]`: the verdict is printed through `$DONE`.
    pub is_async: bool,
    /// `flags: [CanBlockIsFalse]`: only for hosts whose main agent cannot block.
    pub can_block_is_false: bool,
    /// `flags: [CanBlockIsTrue]`: only for hosts whose main agent can block.
    pub can_block_is_true: bool,
    /// `includes:`: harness files to load before the test.
    pub includes: Vec<String>,
    /// `features:`.
    pub features: Vec<String>,
    /// `negative:`.
    pub negative: Option<Negative>,
}

impl TestMetadata {
    /// Whether the test must be rejected by the parser (or its early errors).
    pub fn is_negative_parse(&self) -> bool {
        self.negative
            .as_ref()
            .is_some_and(|negative| negative.phase == NegativePhase::Parse)
    }
}

/// One run of a test: its goal and mode.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RunMode {
    Sloppy,
    Strict,
    Module,
}

impl RunMode {
    /// The name used in messages and in `[mode]` suffixes of the known-failures file.
    pub fn name(self) -> &'static str {
        match self {
            RunMode::Sloppy => "sloppy",
            RunMode::Strict => "strict",
            RunMode::Module => "module",
        }
    }

    /// The inverse of [`RunMode::name`].
    pub fn from_name(name: &str) -> Option<RunMode> {
        match name {
            "sloppy" => Some(RunMode::Sloppy),
            "strict" => Some(RunMode::Strict),
            "module" => Some(RunMode::Module),
            _ => None,
        }
    }
}

/// The runs a test needs, from its flags: module tests once as modules, `raw` and `noStrict`
/// tests once sloppy, `onlyStrict` tests once strict, everything else twice.
pub fn run_modes(metadata: &TestMetadata) -> &'static [RunMode] {
    if metadata.module {
        &[RunMode::Module]
    } else if metadata.raw || metadata.no_strict {
        &[RunMode::Sloppy]
    } else if metadata.only_strict {
        &[RunMode::Strict]
    } else {
        &[RunMode::Sloppy, RunMode::Strict]
    }
}

/// Reads a list value: `[a, b]` inline, or the indented `- item` lines that follow.
fn read_list<'a>(
    inline_value: &str,
    lines: &mut std::iter::Peekable<impl Iterator<Item = &'a str>>,
) -> Vec<String> {
    let inline_value = inline_value.trim();
    if let Some(list) = inline_value.strip_prefix('[') {
        return list
            .trim_end_matches(']')
            .split(',')
            .map(str::trim)
            .filter(|item| !item.is_empty())
            .map(str::to_string)
            .collect();
    }
    if !inline_value.is_empty() {
        return vec![inline_value.to_string()];
    }
    let mut items = Vec::new();
    while let Some(next) = lines.peek() {
        let trimmed = next.trim_start();
        if (next.starts_with(' ') || next.starts_with('\t')) && trimmed.starts_with('-') {
            items.push(trimmed.trim_start_matches('-').trim().to_string());
            lines.next();
        } else {
            break;
        }
    }
    items
}

/// Reads the `/*--- ... ---*/` frontmatter of a test (missing frontmatter: all defaults).
pub fn read_metadata(source: &str) -> TestMetadata {
    let mut metadata = TestMetadata::default();
    let Some(start) = source.find("/*---") else {
        return metadata;
    };
    let end = source[start..]
        .find("---*/")
        .map_or(source.len(), |offset| start + offset);
    let yaml = &source[start + 5..end];
    let mut lines = yaml.lines().peekable();
    let mut flags: Vec<String> = Vec::new();
    while let Some(line) = lines.next() {
        if let Some(rest) = line.strip_prefix("flags:") {
            flags.extend(read_list(rest, &mut lines));
        } else if let Some(rest) = line.strip_prefix("includes:") {
            metadata.includes.extend(read_list(rest, &mut lines));
        } else if let Some(rest) = line.strip_prefix("features:") {
            metadata.features.extend(read_list(rest, &mut lines));
        } else if line.starts_with("negative:") {
            let mut phase = None;
            let mut error_type = String::new();
            while let Some(next) = lines.peek() {
                if !next.starts_with(' ') && !next.starts_with('\t') {
                    break;
                }
                let trimmed = next.trim();
                if let Some(value) = trimmed.strip_prefix("phase:") {
                    phase = match value.trim() {
                        "parse" | "early" => Some(NegativePhase::Parse),
                        "resolution" => Some(NegativePhase::Resolution),
                        "runtime" => Some(NegativePhase::Runtime),
                        _ => None,
                    };
                } else if let Some(value) = trimmed.strip_prefix("type:") {
                    error_type = value.trim().to_string();
                }
                lines.next();
            }
            metadata.negative = phase.map(|phase| Negative { phase, error_type });
        }
    }
    for flag in &flags {
        match flag.as_str() {
            "module" => metadata.module = true,
            "raw" => metadata.raw = true,
            "onlyStrict" => metadata.only_strict = true,
            "noStrict" => metadata.no_strict = true,
            "async" => metadata.is_async = true,
            "CanBlockIsFalse" => metadata.can_block_is_false = true,
            "CanBlockIsTrue" => metadata.can_block_is_true = true,
            _ => {}
        }
    }
    metadata
}

/// All test files under the suites of `root` (or under `root` itself when it has none of the
/// default suite folders), sorted, without `_FIXTURE` helper modules.
pub fn collect_test_files(root: &Path) -> Result<Vec<PathBuf>, String> {
    if !root.is_dir() {
        return Err(format!("{} is not a directory", root.display()));
    }
    let suites: Vec<PathBuf> = DEFAULT_SUITES
        .iter()
        .map(|suite| root.join(suite))
        .filter(|path| path.is_dir())
        .collect();
    let starts = if suites.is_empty() {
        vec![root.to_path_buf()]
    } else {
        suites
    };
    let mut files = Vec::new();
    let mut pending = starts;
    while let Some(directory) = pending.pop() {
        let entries = std::fs::read_dir(&directory)
            .map_err(|error| format!("cannot read {}: {error}", directory.display()))?;
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|extension| extension == "js")
                && !path
                    .file_name()
                    .and_then(|name| name.to_str())
                    .is_some_and(|name| name.contains("_FIXTURE"))
            {
                files.push(path);
            }
        }
    }
    files.sort();
    Ok(files)
}

/// The test files under `root` whose relative path contains `filter` (all when `None`).
pub fn collect_filtered_test_files(
    root: &Path,
    filter: Option<&str>,
) -> Result<Vec<PathBuf>, String> {
    let files = collect_test_files(root)?;
    Ok(files
        .into_iter()
        .filter(|path| filter.is_none_or(|filter| relative_test_path(root, path).contains(filter)))
        .collect())
}

/// The path of a test relative to the `test` folder, with `/` separators.
pub fn relative_test_path(root: &Path, path: &Path) -> String {
    let relative = path.strip_prefix(root).unwrap_or(path);
    relative
        .components()
        .map(|component| component.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// The first `depth` directory components of a relative test path, for grouping (at least
/// one component; never the file name itself unless the path has no directory).
pub fn directory_prefix(relative_path: &str, depth: usize) -> String {
    let components: Vec<&str> = relative_path.split('/').collect();
    let keep = depth.min(components.len().saturating_sub(1)).max(1);
    components[..keep].join("/")
}

/// Replaces quoted fragments in a parser message so that messages differing only in the
/// token or name group together.
pub fn normalised_message(message: &str) -> String {
    let mut result = String::with_capacity(message.len());
    let mut in_quote = false;
    for character in message.chars() {
        if character == '\'' {
            if in_quote {
                result.push_str("'…'");
            }
            in_quote = !in_quote;
        } else if !in_quote {
            result.push(character);
        }
    }
    if in_quote {
        result.push('\'');
    }
    result
}

/// `part` as a percentage of `whole` (100 for an empty whole).
pub fn percent(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        100.0
    } else {
        part as f64 * 100.0 / whole as f64
    }
}

/// The text of a panic payload (`&str` and `String` payloads; anything else is described).
pub fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|text| text.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "non-string panic payload".to_string())
}

/// Reads a known-failures file: every non-empty, non-comment line, mapped to the `# reason`
/// header above it. A missing file is an empty map.
pub fn read_known_failures(path: &Path) -> BTreeMap<String, String> {
    let mut known = BTreeMap::new();
    let Ok(text) = std::fs::read_to_string(path) else {
        return known;
    };
    let mut reason = String::new();
    for line in text.lines() {
        let line = line.trim();
        if let Some(header) = line.strip_prefix('#') {
            reason = header.trim().to_string();
        } else if !line.is_empty() {
            known.insert(line.to_string(), reason.clone());
        }
    }
    known
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flags_includes_features_and_negative_are_read() {
        let source = "/*---\ndescription: x\nnegative:\n  phase: parse\n  type: SyntaxError\nflags: [onlyStrict, module]\nincludes: [compareArray.js, propertyHelper.js]\nfeatures:\n  - Symbol\n  - class\n---*/\n";
        let metadata = read_metadata(source);
        assert!(metadata.is_negative_parse());
        assert_eq!(
            metadata
                .negative
                .as_ref()
                .map(|negative| negative.error_type.as_str()),
            Some("SyntaxError")
        );
        assert!(metadata.only_strict);
        assert!(metadata.module);
        assert!(!metadata.raw);
        assert_eq!(metadata.includes, ["compareArray.js", "propertyHelper.js"]);
        assert_eq!(metadata.features, ["Symbol", "class"]);
        assert_eq!(run_modes(&metadata), &[RunMode::Module]);
    }

    #[test]
    fn runtime_negatives_and_default_modes() {
        let metadata = read_metadata(
            "/*---\nnegative:\n  phase: runtime\n  type: TypeError\nflags: [async]\n---*/",
        );
        assert!(!metadata.is_negative_parse());
        assert_eq!(
            metadata.negative,
            Some(Negative {
                phase: NegativePhase::Runtime,
                error_type: "TypeError".to_string()
            })
        );
        assert!(metadata.is_async);
        assert_eq!(run_modes(&metadata), &[RunMode::Sloppy, RunMode::Strict]);
        assert_eq!(read_metadata("no frontmatter"), TestMetadata::default());
    }

    #[test]
    fn paths_group_by_directory() {
        assert_eq!(directory_prefix("language/a/b/c.js", 2), "language/a");
        assert_eq!(directory_prefix("language/c.js", 3), "language");
        assert_eq!(
            relative_test_path(Path::new("/t"), Path::new("/t/built-ins/Array/x.js")),
            "built-ins/Array/x.js"
        );
        assert_eq!(RunMode::from_name("strict"), Some(RunMode::Strict));
        assert_eq!(
            RunMode::from_name(RunMode::Module.name()),
            Some(RunMode::Module)
        );
    }
}
