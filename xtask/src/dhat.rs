//! `cargo xtask dhat PROGRAM [--top N]`: how much does the runner allocate, and where?
//!
//! Runs the profiling build of the runner (see [`crate::profile`]) under `valgrind --tool=dhat`,
//! then reads the `dhat.out` JSON it writes and prints: total bytes and blocks allocated, the
//! heap at its global maximum (t-gmax), the heap left at exit (t-end), and the top allocation
//! sites by bytes with their first non-allocator frames.
//!
//! The JSON is read with the small parser below rather than serde_json: xtask stays
//! dependency-free (it must build in seconds on a busy 2-core machine), and DHAT's format needs
//! only objects, arrays, strings and numbers. The fields used (DHAT file version 2):
//! `pps` (program points: `tb`/`tbk` total bytes/blocks, `gb`/`gbk` at t-gmax, `eb`/`ebk` at
//! t-end, `fs` frame indices) and `ftbl` (frame descriptions, index 0 being `[root]`).

use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::{Command, Stdio};

use crate::profile;

/// Nesting deeper than this is rejected; DHAT files nest four levels.
const MAXIMUM_JSON_DEPTH: usize = 64;

/// Entry point: returns 0 on success, 1 when valgrind or the parse failed, 2 on usage errors.
pub fn run(arguments: &[String]) -> u8 {
    let mut program_argument: Option<&str> = None;
    let mut top_count = 12usize;
    let mut build_first = true;
    let mut runner_override: Option<PathBuf> = None;
    let mut remaining = arguments.iter();
    while let Some(argument) = remaining.next() {
        match argument.as_str() {
            "--no-build" => build_first = false,
            "--top" => match remaining.next().and_then(|value| value.parse().ok()) {
                Some(count) => top_count = count,
                None => {
                    eprintln!("xtask dhat: --top needs a whole number");
                    return 2;
                }
            },
            "--runner" => match remaining.next() {
                Some(path) => runner_override = Some(PathBuf::from(path)),
                None => {
                    eprintln!("xtask dhat: --runner needs a value");
                    return 2;
                }
            },
            flag if flag.starts_with("--") => {
                eprintln!("xtask dhat: unknown option {flag}");
                return 2;
            }
            program => program_argument = Some(program),
        }
    }
    let Some(program_argument) = program_argument else {
        eprintln!("xtask dhat: usage: cargo xtask dhat PROGRAM [--top N]");
        return 2;
    };
    let prepared = profile::resolve_program(program_argument).and_then(|program| {
        let runner = profile::prepare_profiling_runner(build_first, runner_override)?;
        let directory = profile::profile_output_directory()?;
        Ok((program, runner, directory))
    });
    let (program, runner, output_directory) = match prepared {
        Ok(prepared) => prepared,
        Err(message) => {
            eprintln!("xtask dhat: {message}");
            return 2;
        }
    };
    let output_file =
        output_directory.join(format!("dhat.out.{}.json", profile::program_stem(&program)));
    eprintln!(
        "xtask dhat: valgrind --tool=dhat {} {} (slow: ~50x native)",
        runner.display(),
        program.display()
    );
    let mut output_argument = std::ffi::OsString::from("--dhat-out-file=");
    output_argument.push(&output_file);
    let status = Command::new("valgrind")
        .arg("--tool=dhat")
        // Inlined standard-library frames fill the default 12 quickly; 40 reach engine code.
        .arg("--num-callers=40")
        .arg(output_argument)
        .arg(&runner)
        .arg(&program)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .current_dir(crate::workspace_layout::repository_root())
        .status();
    match status {
        Ok(status) if status.success() => {}
        Ok(status) => {
            eprintln!("xtask dhat: the program exited with {status}; reporting what was recorded")
        }
        Err(error) => {
            eprintln!("xtask dhat: cannot start valgrind: {error}");
            return 1;
        }
    }
    let text = match std::fs::read_to_string(&output_file) {
        Ok(text) => text,
        Err(error) => {
            eprintln!("xtask dhat: cannot read {}: {error}", output_file.display());
            return 1;
        }
    };
    match summarize_dhat_json(&text, top_count) {
        Ok(summary) => {
            print!("{summary}");
            eprintln!(
                "xtask dhat: full profile in {} (open /usr/libexec/valgrind/dh_view.html to browse)",
                output_file.display()
            );
            0
        }
        Err(message) => {
            eprintln!("xtask dhat: {}: {message}", output_file.display());
            1
        }
    }
}

/// Builds the printed report from a DHAT JSON document.
pub fn summarize_dhat_json(text: &str, top_count: usize) -> Result<String, String> {
    let document = parse_json(text)?;
    let program_points = document
        .field("pps")
        .and_then(JsonValue::as_array)
        .ok_or("no `pps` array")?;
    let frame_table = document
        .field("ftbl")
        .and_then(JsonValue::as_array)
        .ok_or("no `ftbl` array")?;
    let number = |point: &JsonValue, name: &str| {
        point.field(name).and_then(JsonValue::as_f64).unwrap_or(0.0)
    };

    let mut total_bytes = 0.0;
    let mut total_blocks = 0.0;
    let mut peak_bytes = 0.0;
    let mut peak_blocks = 0.0;
    let mut end_bytes = 0.0;
    let mut end_blocks = 0.0;
    let mut sites: Vec<AllocationSite> = Vec::with_capacity(program_points.len());
    for point in program_points {
        total_bytes += number(point, "tb");
        total_blocks += number(point, "tbk");
        peak_bytes += number(point, "gb");
        peak_blocks += number(point, "gbk");
        end_bytes += number(point, "eb");
        end_blocks += number(point, "ebk");
        let frames: Vec<String> = point
            .field("fs")
            .and_then(JsonValue::as_array)
            .map(|indices| {
                indices
                    .iter()
                    .filter_map(JsonValue::as_f64)
                    .filter_map(|index| frame_table.get(index as usize))
                    .filter_map(JsonValue::as_str)
                    .map(strip_frame_address)
                    .collect()
            })
            .unwrap_or_default();
        sites.push(AllocationSite {
            total_bytes: number(point, "tb"),
            total_blocks: number(point, "tbk"),
            peak_bytes: number(point, "gb"),
            frames,
        });
    }
    sites.sort_by(|left, right| right.total_bytes.total_cmp(&left.total_bytes));

    let mut report = String::new();
    if let Some(command) = document.field("cmd").and_then(JsonValue::as_str) {
        let _ = writeln!(report, "command:            {command}");
    }
    let _ = writeln!(
        report,
        "total allocated:    {} in {} blocks",
        human_bytes(total_bytes),
        thousands(total_blocks)
    );
    let _ = writeln!(
        report,
        "peak heap (t-gmax): {} in {} blocks",
        human_bytes(peak_bytes),
        thousands(peak_blocks)
    );
    let _ = writeln!(
        report,
        "live at exit:       {} in {} blocks",
        human_bytes(end_bytes),
        thousands(end_blocks)
    );
    let _ = writeln!(report, "\ntop allocation sites by total bytes:");
    for (rank, site) in sites.iter().take(top_count).enumerate() {
        let interesting: Vec<&String> = site
            .frames
            .iter()
            .skip_while(|frame| is_allocator_frame(frame))
            .take(3)
            .collect();
        let _ = writeln!(
            report,
            "{:>3}. {:>10} in {:>12} blocks (at peak {:>9})  {}",
            rank + 1,
            human_bytes(site.total_bytes),
            thousands(site.total_blocks),
            human_bytes(site.peak_bytes),
            interesting.first().map_or("?", |frame| frame.as_str())
        );
        for caller in interesting.iter().skip(1) {
            let _ = writeln!(report, "{:>59}<- {caller}", "");
        }
    }
    Ok(report)
}

struct AllocationSite {
    total_bytes: f64,
    total_blocks: f64,
    peak_bytes: f64,
    frames: Vec<String>,
}

/// `0x4C2E0EF: malloc (vg_replace_malloc.c:381)` -> `malloc (vg_replace_malloc.c:381)`.
fn strip_frame_address(frame: &str) -> String {
    match frame.split_once(": ") {
        Some((address, rest)) if address.starts_with("0x") => rest.to_owned(),
        _ => frame.to_owned(),
    }
}

/// Frames inside the allocator, the standard library's collections or third-party crates, which
/// say nothing about which engine code asked for the memory. Frames are matched by their source
/// location, because inlined frames are often named `UnknownInlinedFun`.
fn is_allocator_frame(frame: &str) -> bool {
    const LIBRARY_MARKERS: &[&str] = &[
        "vgpreload_",
        "vg_replace_malloc",
        "library/std/src/",
        "library/alloc/src/",
        "library/core/src/",
        "/rustc/",
        "/.cargo/registry/",
        "(in /usr/lib",
        "(in /lib",
    ];
    LIBRARY_MARKERS.iter().any(|marker| frame.contains(marker))
}

/// `1234567` bytes -> `1.18 MiB`.
pub fn human_bytes(bytes: f64) -> String {
    const UNITS: [&str; 5] = ["B", "KiB", "MiB", "GiB", "TiB"];
    let mut value = bytes;
    let mut unit = 0;
    while value >= 1024.0 && unit + 1 < UNITS.len() {
        value /= 1024.0;
        unit += 1;
    }
    if unit == 0 {
        format!("{value:.0} B")
    } else {
        format!("{value:.2} {}", UNITS[unit])
    }
}

/// `1234567` -> `1,234,567`.
pub fn thousands(count: f64) -> String {
    let digits = format!("{:.0}", count.max(0.0));
    let mut grouped = String::with_capacity(digits.len() + digits.len() / 3);
    for (index, digit) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    grouped
}

/// A parsed JSON value: just enough of JSON for DHAT's output (and any other valid JSON).
#[derive(Debug, PartialEq)]
pub enum JsonValue {
    Null,
    Boolean(bool),
    Number(f64),
    String(String),
    Array(Vec<JsonValue>),
    Object(Vec<(String, JsonValue)>),
}

impl JsonValue {
    fn field(&self, name: &str) -> Option<&JsonValue> {
        match self {
            JsonValue::Object(fields) => fields
                .iter()
                .find(|(key, _)| key == name)
                .map(|(_, value)| value),
            _ => None,
        }
    }

    fn as_array(&self) -> Option<&Vec<JsonValue>> {
        match self {
            JsonValue::Array(items) => Some(items),
            _ => None,
        }
    }

    fn as_f64(&self) -> Option<f64> {
        match self {
            JsonValue::Number(number) => Some(*number),
            _ => None,
        }
    }

    fn as_str(&self) -> Option<&str> {
        match self {
            JsonValue::String(text) => Some(text),
            _ => None,
        }
    }
}

/// Parses a complete JSON document; trailing non-whitespace is an error.
pub fn parse_json(text: &str) -> Result<JsonValue, String> {
    let mut parser = JsonParser {
        bytes: text.as_bytes(),
        position: 0,
    };
    let value = parser.parse_value(0)?;
    parser.skip_whitespace();
    if parser.position != parser.bytes.len() {
        return Err(format!(
            "unexpected trailing text at byte {}",
            parser.position
        ));
    }
    Ok(value)
}

struct JsonParser<'text> {
    bytes: &'text [u8],
    position: usize,
}

impl JsonParser<'_> {
    fn skip_whitespace(&mut self) {
        while self
            .bytes
            .get(self.position)
            .is_some_and(|byte| byte.is_ascii_whitespace())
        {
            self.position += 1;
        }
    }

    fn error(&self, message: &str) -> String {
        format!("{message} at byte {}", self.position)
    }

    fn expect_byte(&mut self, expected: u8) -> Result<(), String> {
        self.skip_whitespace();
        if self.bytes.get(self.position) == Some(&expected) {
            self.position += 1;
            Ok(())
        } else {
            Err(self.error(&format!("expected `{}`", expected as char)))
        }
    }

    fn parse_value(&mut self, depth: usize) -> Result<JsonValue, String> {
        if depth > MAXIMUM_JSON_DEPTH {
            return Err(self.error("nesting too deep"));
        }
        self.skip_whitespace();
        match self.bytes.get(self.position) {
            Some(b'{') => self.parse_object(depth),
            Some(b'[') => self.parse_array(depth),
            Some(b'"') => self.parse_string().map(JsonValue::String),
            Some(b't') => self.parse_literal("true", JsonValue::Boolean(true)),
            Some(b'f') => self.parse_literal("false", JsonValue::Boolean(false)),
            Some(b'n') => self.parse_literal("null", JsonValue::Null),
            Some(byte) if *byte == b'-' || byte.is_ascii_digit() => self.parse_number(),
            Some(_) => Err(self.error("unexpected character")),
            None => Err(self.error("unexpected end of input")),
        }
    }

    fn parse_literal(&mut self, word: &str, value: JsonValue) -> Result<JsonValue, String> {
        if self.bytes[self.position..].starts_with(word.as_bytes()) {
            self.position += word.len();
            Ok(value)
        } else {
            Err(self.error("invalid literal"))
        }
    }

    fn parse_number(&mut self) -> Result<JsonValue, String> {
        let start = self.position;
        while self.bytes.get(self.position).is_some_and(|byte| {
            byte.is_ascii_digit() || matches!(byte, b'-' | b'+' | b'.' | b'e' | b'E')
        }) {
            self.position += 1;
        }
        std::str::from_utf8(&self.bytes[start..self.position])
            .ok()
            .and_then(|digits| digits.parse::<f64>().ok())
            .map(JsonValue::Number)
            .ok_or_else(|| self.error("invalid number"))
    }

    fn parse_string(&mut self) -> Result<String, String> {
        self.expect_byte(b'"')?;
        let mut text = String::new();
        loop {
            // Copy the run of plain characters up to the next quote or backslash in one step.
            let run_start = self.position;
            while self
                .bytes
                .get(self.position)
                .is_some_and(|byte| *byte != b'"' && *byte != b'\\')
            {
                self.position += 1;
            }
            text.push_str(
                std::str::from_utf8(&self.bytes[run_start..self.position])
                    .map_err(|_| self.error("invalid UTF-8 in string"))?,
            );
            match self.bytes.get(self.position) {
                Some(b'"') => {
                    self.position += 1;
                    return Ok(text);
                }
                Some(b'\\') => {
                    let escape = self.bytes.get(self.position + 1).copied();
                    self.position += 2;
                    match escape {
                        Some(b'"') => text.push('"'),
                        Some(b'\\') => text.push('\\'),
                        Some(b'/') => text.push('/'),
                        Some(b'b') => text.push('\u{8}'),
                        Some(b'f') => text.push('\u{c}'),
                        Some(b'n') => text.push('\n'),
                        Some(b'r') => text.push('\r'),
                        Some(b't') => text.push('\t'),
                        Some(b'u') => {
                            let code_unit = self.parse_hex_code_unit()?;
                            // Surrogate pairs are rare in frame names; a lone or paired
                            // surrogate becomes U+FFFD rather than failing the whole report.
                            text.push(char::from_u32(code_unit).unwrap_or('\u{fffd}'));
                        }
                        _ => return Err(self.error("invalid escape")),
                    }
                }
                _ => return Err(self.error("unterminated string")),
            }
        }
    }

    fn parse_hex_code_unit(&mut self) -> Result<u32, String> {
        let digits = self
            .bytes
            .get(self.position..self.position + 4)
            .and_then(|digits| std::str::from_utf8(digits).ok())
            .and_then(|digits| u32::from_str_radix(digits, 16).ok())
            .ok_or_else(|| self.error("invalid \\u escape"))?;
        self.position += 4;
        Ok(digits)
    }

    fn parse_array(&mut self, depth: usize) -> Result<JsonValue, String> {
        self.expect_byte(b'[')?;
        let mut items = Vec::new();
        self.skip_whitespace();
        if self.bytes.get(self.position) == Some(&b']') {
            self.position += 1;
            return Ok(JsonValue::Array(items));
        }
        loop {
            items.push(self.parse_value(depth + 1)?);
            self.skip_whitespace();
            match self.bytes.get(self.position) {
                Some(b',') => self.position += 1,
                Some(b']') => {
                    self.position += 1;
                    return Ok(JsonValue::Array(items));
                }
                _ => return Err(self.error("expected `,` or `]`")),
            }
        }
    }

    fn parse_object(&mut self, depth: usize) -> Result<JsonValue, String> {
        self.expect_byte(b'{')?;
        let mut fields = Vec::new();
        self.skip_whitespace();
        if self.bytes.get(self.position) == Some(&b'}') {
            self.position += 1;
            return Ok(JsonValue::Object(fields));
        }
        loop {
            self.skip_whitespace();
            let key = self.parse_string()?;
            self.expect_byte(b':')?;
            let value = self.parse_value(depth + 1)?;
            fields.push((key, value));
            self.skip_whitespace();
            match self.bytes.get(self.position) {
                Some(b',') => self.position += 1,
                Some(b'}') => {
                    self.position += 1;
                    return Ok(JsonValue::Object(fields));
                }
                _ => return Err(self.error("expected `,` or `}`")),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A trimmed-down DHAT file in the exact layout valgrind 3.19 writes.
    const SAMPLE_DHAT_OUTPUT: &str = r#"{"dhatFileVersion":2
,"mode":"heap","verb":"Allocated"
,"cmd":"typescript-eval-runner fib.js"
,"pps":
 [{"tb":4096,"tbk":2
  ,"gb":2048,"gbk":1
  ,"eb":0,"ebk":0
  ,"fs":[1,6,2,3]
  }
 ,{"tb":100000,"tbk":1000
  ,"gb":100,"gbk":1
  ,"eb":100,"ebk":1
  ,"fs":[1,4,5]
  }
 ]
,"ftbl":
 ["[root]"
 ,"0x4845794: malloc (vg_replace_malloc.c:393)"
 ,"0x11AB: tseval_gc::Heap::grow (lib.rs:10)"
 ,"0x11AC: main (main.rs:1)"
 ,"0x11AD: tseval_vm::interpreter::call (call.rs:7)"
 ,"0x11AE: tseval_vm::interpreter::run \"loop\" (run.rs:3)"
 ,"0x2CC943: UnknownInlinedFun (library/alloc/src/raw_vec/mod.rs:464)"
 ]
}"#;

    #[test]
    fn dhat_summary_totals_peak_and_sites() {
        let summary = summarize_dhat_json(SAMPLE_DHAT_OUTPUT, 10).expect("sample parses");
        assert!(
            summary.contains("total allocated:    101.66 KiB in 1,002 blocks"),
            "{summary}"
        );
        assert!(
            summary.contains("peak heap (t-gmax): 2.10 KiB in 2 blocks"),
            "{summary}"
        );
        assert!(
            summary.contains("live at exit:       100 B in 1 blocks"),
            "{summary}"
        );
        let first_site = summary
            .find("tseval_vm::interpreter::call")
            .expect("call site listed");
        let second_site = summary
            .find("tseval_gc::Heap::grow")
            .expect("grow site listed");
        assert!(
            first_site < second_site,
            "sites are sorted by bytes:\n{summary}"
        );
        assert!(
            !summary.contains("malloc"),
            "allocator frames are skipped:\n{summary}"
        );
        assert!(
            summary.contains("run \"loop\""),
            "escapes are decoded:\n{summary}"
        );
    }

    #[test]
    fn json_parser_accepts_json_and_rejects_garbage() {
        assert_eq!(
            parse_json(r#" {"a": [1, -2.5e1, true, null, "x\u0041\n"], "b": {}} "#),
            Ok(JsonValue::Object(vec![
                (
                    "a".to_owned(),
                    JsonValue::Array(vec![
                        JsonValue::Number(1.0),
                        JsonValue::Number(-25.0),
                        JsonValue::Boolean(true),
                        JsonValue::Null,
                        JsonValue::String("xA\n".to_owned()),
                    ])
                ),
                ("b".to_owned(), JsonValue::Object(Vec::new())),
            ]))
        );
        assert!(parse_json("[1, 2").is_err());
        assert!(parse_json("{\"a\" 1}").is_err());
        assert!(parse_json("[1] x").is_err());
        assert!(parse_json(&"[".repeat(1000)).is_err());
    }

    #[test]
    fn numbers_are_grouped_and_bytes_scaled() {
        assert_eq!(thousands(0.0), "0");
        assert_eq!(thousands(1234567.0), "1,234,567");
        assert_eq!(thousands(100.0), "100");
        assert_eq!(human_bytes(512.0), "512 B");
        assert_eq!(human_bytes(1536.0), "1.50 KiB");
    }
}
