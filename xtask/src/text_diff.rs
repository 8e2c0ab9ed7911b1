//! A small line diff for showing why a case failed: longest common subsequence over lines,
//! printed as `-expected` / `+actual` lines with a little context, unified-diff style.
//!
//! Outputs of test programs are short, so the quadratic table is cheap; very long outputs fall
//! back to reporting only the first differing line to keep memory bounded.

/// Lines kept around each change.
const CONTEXT_LINES: usize = 2;
/// Above this many lines on either side, skip the quadratic table.
const MAXIMUM_LINES_FOR_FULL_DIFF: usize = 3000;

enum LineEdit<'a> {
    Same(&'a str),
    Removed(&'a str),
    Added(&'a str),
}

/// Renders the differences between `expected` and `actual`, at most `maximum_output_lines` lines,
/// each prefixed by `indent`.
pub fn render_line_diff(
    expected: &str,
    actual: &str,
    indent: &str,
    maximum_output_lines: usize,
) -> String {
    let expected_lines: Vec<&str> = expected.split_inclusive('\n').collect();
    let actual_lines: Vec<&str> = actual.split_inclusive('\n').collect();
    if expected_lines.len() > MAXIMUM_LINES_FOR_FULL_DIFF
        || actual_lines.len() > MAXIMUM_LINES_FOR_FULL_DIFF
    {
        return render_first_difference(&expected_lines, &actual_lines, indent);
    }
    let edits = longest_common_subsequence_edits(&expected_lines, &actual_lines);
    let mut shown = vec![false; edits.len()];
    for (index, edit) in edits.iter().enumerate() {
        if !matches!(edit, LineEdit::Same(_)) {
            let low = index.saturating_sub(CONTEXT_LINES);
            let high = (index + CONTEXT_LINES + 1).min(edits.len());
            shown[low..high].iter_mut().for_each(|flag| *flag = true);
        }
    }
    let mut output = String::new();
    let mut emitted_lines = 0;
    let mut previous_was_shown = true;
    for (edit, is_shown) in edits.iter().zip(&shown) {
        if !is_shown {
            previous_was_shown = false;
            continue;
        }
        if !previous_was_shown {
            output.push_str(indent);
            output.push_str("...\n");
        }
        previous_was_shown = true;
        if emitted_lines == maximum_output_lines {
            output.push_str(indent);
            output.push_str("... (diff truncated)\n");
            break;
        }
        let (marker, line) = match edit {
            LineEdit::Same(line) => (' ', *line),
            LineEdit::Removed(line) => ('-', *line),
            LineEdit::Added(line) => ('+', *line),
        };
        push_line(&mut output, indent, marker, line);
        emitted_lines += 1;
    }
    if output.is_empty() && expected != actual {
        output.push_str(indent);
        output.push_str(
            "(outputs differ only in bytes not visible line by line, e.g. a final newline)\n",
        );
    }
    output
}

fn push_line(output: &mut String, indent: &str, marker: char, line: &str) {
    output.push_str(indent);
    output.push(marker);
    match line.strip_suffix('\n') {
        Some(body) => {
            output.push_str(body);
            output.push('\n');
        }
        None => {
            output.push_str(line);
            output.push_str("  (no newline at end)\n");
        }
    }
}

fn longest_common_subsequence_edits<'a>(
    expected: &[&'a str],
    actual: &[&'a str],
) -> Vec<LineEdit<'a>> {
    let columns = actual.len() + 1;
    // table[i * columns + j] = LCS length of expected[i..] and actual[j..].
    let mut table = vec![0u32; (expected.len() + 1) * columns];
    for i in (0..expected.len()).rev() {
        for j in (0..actual.len()).rev() {
            table[i * columns + j] = if expected[i] == actual[j] {
                table[(i + 1) * columns + j + 1] + 1
            } else {
                table[(i + 1) * columns + j].max(table[i * columns + j + 1])
            };
        }
    }
    let mut edits = Vec::new();
    let (mut i, mut j) = (0, 0);
    while i < expected.len() && j < actual.len() {
        if expected[i] == actual[j] {
            edits.push(LineEdit::Same(expected[i]));
            i += 1;
            j += 1;
        } else if table[(i + 1) * columns + j] >= table[i * columns + j + 1] {
            edits.push(LineEdit::Removed(expected[i]));
            i += 1;
        } else {
            edits.push(LineEdit::Added(actual[j]));
            j += 1;
        }
    }
    edits.extend(expected[i..].iter().map(|line| LineEdit::Removed(line)));
    edits.extend(actual[j..].iter().map(|line| LineEdit::Added(line)));
    edits
}

fn render_first_difference(expected: &[&str], actual: &[&str], indent: &str) -> String {
    let first_difference = expected
        .iter()
        .zip(actual)
        .position(|(left, right)| left != right)
        .unwrap_or(expected.len().min(actual.len()));
    let mut output = format!(
        "{indent}(long outputs: {} expected lines, {} actual lines; first difference at line {})\n",
        expected.len(),
        actual.len(),
        first_difference + 1
    );
    if let Some(line) = expected.get(first_difference) {
        push_line(&mut output, indent, '-', line);
    }
    if let Some(line) = actual.get(first_difference) {
        push_line(&mut output, indent, '+', line);
    }
    output
}

#[cfg(test)]
mod tests {
    use super::render_line_diff;

    #[test]
    fn identical_texts_render_nothing() {
        assert_eq!(render_line_diff("a\nb\n", "a\nb\n", "", 50), "");
    }

    #[test]
    fn changed_line_is_shown_as_removal_and_addition() {
        let diff = render_line_diff("a\nb\nc\n", "a\nx\nc\n", "", 50);
        assert_eq!(diff, " a\n-b\n+x\n c\n");
    }

    #[test]
    fn missing_final_newline_is_reported() {
        let diff = render_line_diff("a\n", "a", "", 50);
        assert_eq!(diff, "-a\n+a  (no newline at end)\n");
    }

    #[test]
    fn distant_changes_are_separated_by_an_ellipsis() {
        let expected = "1\n2\n3\n4\n5\n6\n7\n8\n9\n";
        let actual = "x\n2\n3\n4\n5\n6\n7\n8\ny\n";
        let diff = render_line_diff(expected, actual, "", 50);
        assert_eq!(diff, "-1\n+x\n 2\n 3\n...\n 7\n 8\n-9\n+y\n");
    }
}
