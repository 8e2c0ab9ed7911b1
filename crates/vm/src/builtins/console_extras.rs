//! The rest of Node's `console`: `group`/`groupCollapsed`/`groupEnd` (indentation of every
//! later line), `count`/`countReset`, `time`/`timeLog`/`timeEnd`, `assert`, `dir`, `trace`
//! and `table`, with Node 20's output formats.
//!
//! `table` follows Node's algorithm: the columns are the keys of the rows (array-index keys
//! first, as an object's key order puts them), primitive rows go to a `Values` column, Maps
//! and Sets get `(iteration index)`/`Key`/`Values` columns, and each cell is the value
//! inspected with `depth: 0`, at most 3 array items and no line breaks (`[Object]` for an
//! object with more than two keys). Cells are left-aligned and padded to the display width
//! (wide East Asian characters and emoji count two columns).

use std::time::Instant;

use rustc_hash::FxHashMap;

use super::console::{format_log_arguments, inspect_value};
use super::inspect::InspectOptions;
use super::method;
use crate::atom::PropertyKey;
use crate::function::Args;
use crate::object::ObjectKind;
use crate::realm::Vm;
use crate::value::{JsResult, ObjectRef, Value};

/// Per-VM console state.
#[derive(Debug, Default)]
pub struct ConsoleState {
    /// Spaces before every output line (two per open `console.group`).
    pub group_indent: usize,
    /// `console.count` counters by label.
    counts: FxHashMap<String, u64>,
    /// `console.time` start instants by label.
    timers: FxHashMap<String, Instant>,
}

/// Installs the methods on `console`.
pub fn install(vm: &mut Vm, console: ObjectRef) {
    method(vm, console, "group", 0, console_group);
    method(vm, console, "groupCollapsed", 0, console_group);
    method(vm, console, "groupEnd", 0, |vm, _, _| {
        vm.console.group_indent = vm.console.group_indent.saturating_sub(2);
        Ok(Value::Undefined)
    });
    method(vm, console, "count", 0, console_count);
    method(vm, console, "countReset", 0, console_count_reset);
    method(vm, console, "time", 0, console_time);
    method(vm, console, "timeLog", 0, |vm, _, args| {
        console_time_end(vm, args, false)
    });
    method(vm, console, "timeEnd", 0, |vm, _, args| {
        console_time_end(vm, args, true)
    });
    method(vm, console, "assert", 0, console_assert);
    method(vm, console, "dir", 0, console_dir);
    method(vm, console, "trace", 0, console_trace);
    method(vm, console, "table", 1, console_table);
}

/// Writes `text` (without its final newline) to stdout or stderr, each line indented by the
/// current group depth.
pub fn write_line(vm: &mut Vm, text: &str, to_stderr: bool) {
    let indent = vm.console.group_indent;
    let mut output = String::with_capacity(text.len() + 1 + indent);
    if indent == 0 {
        output.push_str(text);
    } else {
        let padding = " ".repeat(indent);
        for (index, line) in text.split('\n').enumerate() {
            if index > 0 {
                output.push('\n');
            }
            output.push_str(&padding);
            output.push_str(line);
        }
    }
    output.push('\n');
    if to_stderr {
        vm.host.write_stderr(&output);
    } else {
        vm.host.write_stdout(&output);
    }
}

fn console_group(vm: &mut Vm, _this: Value, args: Args) -> JsResult<Value> {
    if !args.is_empty() {
        let arguments = args.to_vec(vm);
        let text = format_log_arguments(vm, &arguments)?;
        write_line(vm, &text, false);
    }
    vm.console.group_indent += 2;
    Ok(Value::Undefined)
}

fn label_of(vm: &mut Vm, args: &Args) -> JsResult<String> {
    match args.get(vm, 0) {
        Value::Undefined => Ok("default".to_string()),
        label => vm.to_rust_string(label),
    }
}

fn console_count(vm: &mut Vm, _this: Value, args: Args) -> JsResult<Value> {
    let label = label_of(vm, &args)?;
    let count = vm.console.counts.entry(label.clone()).or_insert(0);
    *count += 1;
    let text = format!("{label}: {count}");
    write_line(vm, &text, false);
    Ok(Value::Undefined)
}

fn console_count_reset(vm: &mut Vm, _this: Value, args: Args) -> JsResult<Value> {
    let label = label_of(vm, &args)?;
    match vm.console.counts.get_mut(&label) {
        Some(count) => *count = 0,
        None => write_line(vm, &format!("Count for '{label}' does not exist"), true),
    }
    Ok(Value::Undefined)
}

fn console_time(vm: &mut Vm, _this: Value, args: Args) -> JsResult<Value> {
    let label = label_of(vm, &args)?;
    match vm.console.timers.entry(label) {
        std::collections::hash_map::Entry::Occupied(existing) => {
            let warning = format!(
                "Warning: Label '{}' already exists for console.time()",
                existing.key()
            );
            write_line(vm, &warning, true);
        }
        std::collections::hash_map::Entry::Vacant(slot) => {
            slot.insert(Instant::now());
        }
    }
    Ok(Value::Undefined)
}

/// `timeLog` (keeps the timer, prints extra data) and `timeEnd` (removes it).
fn console_time_end(vm: &mut Vm, args: Args, end: bool) -> JsResult<Value> {
    let label = label_of(vm, &args)?;
    let started = if end {
        vm.console.timers.remove(&label)
    } else {
        vm.console.timers.get(&label).copied()
    };
    let Some(started) = started else {
        let method_name = if end { "timeEnd" } else { "timeLog" };
        let warning = format!("Warning: No such label '{label}' for console.{method_name}()");
        write_line(vm, &warning, true);
        return Ok(Value::Undefined);
    };
    let mut text = format!(
        "{label}: {}",
        format_duration(started.elapsed().as_secs_f64())
    );
    if !end && args.len() > 1 {
        let extra = args.rest(vm, 1);
        let formatted = format_log_arguments(vm, &extra)?;
        text.push(' ');
        text.push_str(&formatted);
    }
    write_line(vm, &text, false);
    Ok(Value::Undefined)
}

/// Node's `formatTime`: milliseconds with three decimals below a second, then seconds,
/// minutes (`m:ss.mmm (m:ss.mmm)`) and hours.
fn format_duration(seconds: f64) -> String {
    let milliseconds = seconds * 1000.0;
    if milliseconds < 1000.0 {
        return format!("{milliseconds:.3}ms");
    }
    if seconds < 60.0 {
        return format!("{seconds:.3}s");
    }
    let whole_minutes = (seconds / 60.0).floor();
    let rest = seconds - whole_minutes * 60.0;
    if whole_minutes < 60.0 {
        return format!("{whole_minutes}:{rest:06.3} (m:ss.mmm)");
    }
    let hours = (whole_minutes / 60.0).floor();
    let minutes = whole_minutes - hours * 60.0;
    format!("{hours}:{minutes:02}:{rest:06.3} (h:mm:ss.mmm)")
}

fn console_assert(vm: &mut Vm, _this: Value, args: Args) -> JsResult<Value> {
    let condition = args.get(vm, 0);
    if vm.to_boolean(condition) {
        return Ok(Value::Undefined);
    }
    let mut data = args.rest(vm, 1);
    let text = match data.first() {
        None => "Assertion failed".to_string(),
        Some(&Value::String(first)) => {
            let prefixed = format!("Assertion failed: {}", vm.string_to_rust(first));
            data[0] = Value::String(vm.new_string(&prefixed));
            format_log_arguments(vm, &data)?
        }
        Some(_) => {
            let formatted = format_log_arguments(vm, &data)?;
            format!("Assertion failed {formatted}")
        }
    };
    write_line(vm, &text, true);
    Ok(Value::Undefined)
}

fn console_dir(vm: &mut Vm, _this: Value, args: Args) -> JsResult<Value> {
    let value = args.get(vm, 0);
    let mut options = InspectOptions::default();
    if let Value::Object(settings) = args.get(vm, 1) {
        let depth_key = vm.property_key_from_str("depth");
        match vm.get(settings, depth_key)? {
            Value::Undefined => {}
            Value::Null => options.depth = None,
            depth => {
                let depth = vm.to_number(depth)?;
                options.depth = if depth.is_finite() {
                    Some(depth.max(0.0) as usize)
                } else {
                    None
                };
            }
        }
    }
    let text = inspect_value(vm, value, &options)?;
    write_line(vm, &text, false);
    Ok(Value::Undefined)
}

fn console_trace(vm: &mut Vm, _this: Value, args: Args) -> JsResult<Value> {
    let arguments = args.to_vec(vm);
    let message = format_log_arguments(vm, &arguments)?;
    let mut text = if message.is_empty() {
        "Trace".to_string()
    } else {
        format!("Trace: {message}")
    };
    if let Some(hook) = vm.stack_trace_hook {
        let frames = hook(vm);
        if !frames.is_empty() {
            text.push('\n');
            text.push_str(&frames);
        }
    }
    write_line(vm, &text, true);
    Ok(Value::Undefined)
}

// ----- console.table -----

/// One cell as `console.table` prints it.
fn table_cell(vm: &mut Vm, value: Value) -> JsResult<String> {
    if let Value::Object(object) = value
        && !vm.object(object).is_array()
        && !vm.object(object).is_callable()
    {
        let keys = vm.own_enumerable_string_keys(object)?;
        if keys.len() > 2 {
            // Node inspects with depth -1 here: the object collapses to its tag.
            let description = vm.describe_receiver_for_error(value);
            let name = description.trim_start_matches("#<").trim_end_matches('>');
            return Ok(format!("[{name}]"));
        }
    }
    let options = InspectOptions {
        depth: Some(0),
        max_array_length: 3,
        break_length: usize::MAX,
        ..InspectOptions::default()
    };
    inspect_value(vm, value, &options)
}

fn console_table(vm: &mut Vm, this: Value, args: Args) -> JsResult<Value> {
    let data = args.get(vm, 0);
    let properties = args.get(vm, 1);
    let property_filter = match properties {
        Value::Undefined => None,
        Value::Object(list) if vm.object(list).is_array() => {
            let length = super::length_of_array_like(vm, list)?;
            let mut keys = Vec::new();
            for index in 0..length {
                let key = super::index_key(vm, index);
                let name = vm.get(list, key)?;
                keys.push(vm.to_property_key(name)?);
            }
            Some(keys)
        }
        other => {
            let received = super::process::describe_received(vm, other);
            return vm.throw_type_error(&format!(
                "The \"properties\" argument must be an instance of Array. {received}"
            ));
        }
    };
    let Value::Object(data_object) = data else {
        let _ = this;
        let text = format_log_arguments(vm, &[data])?;
        write_line(vm, &text, false);
        return Ok(Value::Undefined);
    };
    let scope = vm.open_handle_scope();
    vm.root(data);
    let result = build_table(vm, data_object, property_filter);
    vm.close_handle_scope(scope);
    let text = result?;
    write_line(vm, &text, false);
    Ok(Value::Undefined)
}

fn build_table(
    vm: &mut Vm,
    data: ObjectRef,
    property_filter: Option<Vec<PropertyKey>>,
) -> JsResult<String> {
    let collection_entries: Option<(bool, Vec<(Value, Value)>)> = match &vm.object(data).kind {
        ObjectKind::Map(map) if !map.weak => Some((
            true,
            (0..map.entry_list_len())
                .filter_map(|position| map.entry_at(position))
                .collect(),
        )),
        ObjectKind::Set(set) if !set.weak => Some((
            false,
            (0..set.entry_list_len())
                .filter_map(|position| set.entry_at(position))
                .collect(),
        )),
        _ => None,
    };
    if let Some((is_map, entries)) = collection_entries {
        for &(key, value) in &entries {
            vm.root(key);
            vm.root(value);
        }
        let indexes: Vec<String> = (0..entries.len()).map(|index| index.to_string()).collect();
        let mut keys = Vec::new();
        let mut values = Vec::new();
        for (key, value) in entries {
            if is_map {
                keys.push(table_cell(vm, key)?);
                values.push(table_cell(vm, value)?);
            } else {
                values.push(table_cell(vm, key)?);
            }
        }
        let full = |column: Vec<String>| column.into_iter().map(Some).collect::<Vec<_>>();
        let (heads, columns) = if is_map {
            (
                vec!["(iteration index)", "Key", "Values"],
                vec![full(indexes), full(keys), full(values)],
            )
        } else {
            (
                vec!["(iteration index)", "Values"],
                vec![full(indexes), full(values)],
            )
        };
        let heads = heads.into_iter().map(str::to_string).collect();
        return Ok(render_table(heads, columns));
    }

    let row_keys = vm.own_enumerable_string_keys(data)?;
    let row_count = row_keys.len();
    let mut column_keys: Vec<PropertyKey> = Vec::new();
    let mut columns: Vec<Vec<Option<String>>> = Vec::new();
    let mut primitive_values: Vec<Option<String>> = vec![None; row_count];
    let mut has_primitives = false;
    for (row, &row_key) in row_keys.iter().enumerate() {
        let item = vm.get(data, row_key)?;
        vm.root(item);
        let primitive = !matches!(item, Value::Object(_));
        if property_filter.is_none() && primitive {
            has_primitives = true;
            primitive_values[row] = Some(table_cell(vm, item)?);
            continue;
        }
        let keys = match (&property_filter, item) {
            (Some(filter), _) => filter.clone(),
            (None, Value::Object(object)) => vm.own_enumerable_string_keys(object)?,
            (None, _) => Vec::new(),
        };
        for key in keys {
            let column = match column_keys.iter().position(|&existing| existing == key) {
                Some(column) => column,
                None => {
                    column_keys.push(key);
                    columns.push(vec![None; row_count]);
                    columns.len() - 1
                }
            };
            let cell = match item {
                Value::Object(object) if vm.has_own_property(object, key)? => {
                    let value = vm.get(object, key)?;
                    table_cell(vm, value)?
                }
                _ => String::new(),
            };
            columns[column][row] = Some(cell);
        }
    }
    // The columns were gathered in a null-prototype object in Node: integer keys come first.
    let mut order: Vec<usize> = (0..column_keys.len()).collect();
    order.sort_by_key(|&column| match column_keys[column] {
        PropertyKey::Index(index) => (0, index),
        _ => (1, 0),
    });
    let mut heads = vec!["(index)".to_string()];
    let index_column: Vec<Option<String>> = row_keys
        .iter()
        .map(|&key| Some(vm.property_key_to_rust(key)))
        .collect();
    let mut all_columns = vec![index_column];
    for column in order {
        heads.push(vm.property_key_to_rust(column_keys[column]));
        all_columns.push(std::mem::take(&mut columns[column]));
    }
    if has_primitives {
        heads.push("Values".to_string());
        all_columns.push(primitive_values);
    }
    Ok(render_table(heads, all_columns))
}

/// The terminal width of `text`: wide East Asian characters and emoji take two columns,
/// combining marks and zero-width characters none.
fn display_width(text: &str) -> usize {
    text.chars()
        .map(|character| {
            let code = character as u32;
            match code {
                0x0300..=0x036F | 0x200B..=0x200F | 0xFE00..=0xFE0F => 0,
                0x1100..=0x115F
                | 0x2E80..=0x303E
                | 0x3041..=0x33FF
                | 0x3400..=0x4DBF
                | 0x4E00..=0x9FFF
                | 0xA000..=0xA4CF
                | 0xAC00..=0xD7A3
                | 0xF900..=0xFAFF
                | 0xFE30..=0xFE4F
                | 0xFF00..=0xFF60
                | 0xFFE0..=0xFFE6
                | 0x1F300..=0x1F64F
                | 0x1F900..=0x1F9FF
                | 0x20000..=0x3FFFD => 2,
                _ => 1,
            }
        })
        .sum()
}

/// Node 20's `cli_table` renderer (left-aligned cells, box-drawing borders).
fn render_table(heads: Vec<String>, columns: Vec<Vec<Option<String>>>) -> String {
    let row_count = columns.iter().map(Vec::len).max().unwrap_or(0);
    let mut widths: Vec<usize> = heads.iter().map(|head| display_width(head)).collect();
    for (column, cells) in columns.iter().enumerate() {
        for cell in cells.iter().flatten() {
            widths[column] = widths[column].max(display_width(cell));
        }
    }
    let render_row = |cells: Vec<&str>| {
        let mut line = String::from("│ ");
        for (column, cell) in cells.iter().enumerate() {
            line.push_str(cell);
            line.push_str(&" ".repeat(widths[column] - display_width(cell)));
            if column + 1 < cells.len() {
                line.push_str(" │ ");
            }
        }
        line.push_str(" │");
        line
    };
    let divider = |left: &str, middle: &str, right: &str| {
        let segments: Vec<String> = widths.iter().map(|width| "─".repeat(width + 2)).collect();
        format!("{left}{}{right}", segments.join(middle))
    };
    let mut lines = vec![divider("┌", "┬", "┐")];
    lines.push(render_row(heads.iter().map(String::as_str).collect()));
    lines.push(divider("├", "┼", "┤"));
    for row in 0..row_count {
        let cells: Vec<&str> = columns
            .iter()
            .map(|column| column.get(row).and_then(Option::as_deref).unwrap_or(""))
            .collect();
        lines.push(render_row(cells));
    }
    lines.push(divider("└", "┴", "┘"));
    lines.join("\n")
}
