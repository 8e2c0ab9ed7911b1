//! Tests of the inspect formatter against node.
//!
//! `testdata/inspect_cases.jsonl` holds, per line, a snapshot tree and node's
//! `util.inspect` output for the value the tree was taken from. It is produced by
//! `node testdata/generate_inspect.js > testdata/inspect_cases.jsonl` (node v20), whose
//! snapshot builder follows the same rules as the console built-in's.

use super::*;

/// A parsed JSON value (just enough JSON for the test table).
#[derive(Debug, Clone)]
enum Json {
    Null,
    Bool(bool),
    Number(f64),
    Text(Vec<u16>),
    List(Vec<Json>),
    Map(Vec<(String, Json)>),
}

impl Json {
    fn get(&self, name: &str) -> &Json {
        match self {
            Json::Map(entries) => entries
                .iter()
                .find(|(key, _)| key == name)
                .map(|(_, value)| value)
                .unwrap_or(&Json::Null),
            _ => &Json::Null,
        }
    }
    fn text(&self) -> String {
        match self {
            Json::Text(units) => String::from_utf16_lossy(units),
            _ => panic!("expected a JSON string, found {self:?}"),
        }
    }
    fn units(&self) -> Vec<u16> {
        match self {
            Json::Text(units) => units.clone(),
            _ => panic!("expected a JSON string, found {self:?}"),
        }
    }
    fn number(&self) -> f64 {
        match self {
            Json::Number(number) => *number,
            _ => panic!("expected a JSON number, found {self:?}"),
        }
    }
    fn boolean(&self) -> bool {
        matches!(self, Json::Bool(true))
    }
    fn list(&self) -> &[Json] {
        match self {
            Json::List(items) => items,
            _ => panic!("expected a JSON array, found {self:?}"),
        }
    }
}

struct JsonParser<'text> {
    bytes: &'text [u8],
    position: usize,
}

impl JsonParser<'_> {
    fn skip_whitespace(&mut self) {
        while self.position < self.bytes.len() && self.bytes[self.position].is_ascii_whitespace() {
            self.position += 1;
        }
    }
    fn parse(&mut self) -> Json {
        self.skip_whitespace();
        match self.bytes[self.position] {
            b'{' => {
                self.position += 1;
                let mut entries = Vec::new();
                loop {
                    self.skip_whitespace();
                    if self.bytes[self.position] == b'}' {
                        self.position += 1;
                        return Json::Map(entries);
                    }
                    let key = match self.parse() {
                        Json::Text(units) => String::from_utf16_lossy(&units),
                        other => panic!("object key {other:?}"),
                    };
                    self.skip_whitespace();
                    assert_eq!(self.bytes[self.position], b':');
                    self.position += 1;
                    let value = self.parse();
                    entries.push((key, value));
                    self.skip_whitespace();
                    if self.bytes[self.position] == b',' {
                        self.position += 1;
                    }
                }
            }
            b'[' => {
                self.position += 1;
                let mut items = Vec::new();
                loop {
                    self.skip_whitespace();
                    if self.bytes[self.position] == b']' {
                        self.position += 1;
                        return Json::List(items);
                    }
                    items.push(self.parse());
                    self.skip_whitespace();
                    if self.bytes[self.position] == b',' {
                        self.position += 1;
                    }
                }
            }
            b'"' => {
                self.position += 1;
                let mut units: Vec<u16> = Vec::new();
                loop {
                    let byte = self.bytes[self.position];
                    match byte {
                        b'"' => {
                            self.position += 1;
                            return Json::Text(units);
                        }
                        b'\\' => {
                            let escape = self.bytes[self.position + 1];
                            self.position += 2;
                            match escape {
                                b'n' => units.push(10),
                                b't' => units.push(9),
                                b'r' => units.push(13),
                                b'b' => units.push(8),
                                b'f' => units.push(12),
                                b'u' => {
                                    let hex = std::str::from_utf8(
                                        &self.bytes[self.position..self.position + 4],
                                    )
                                    .unwrap();
                                    units.push(u16::from_str_radix(hex, 16).unwrap());
                                    self.position += 4;
                                }
                                other => units.push(u16::from(other)),
                            }
                        }
                        _ => {
                            // Copy one UTF-8 encoded character.
                            let rest = std::str::from_utf8(&self.bytes[self.position..]).unwrap();
                            let character = rest.chars().next().unwrap();
                            let mut buffer = [0u16; 2];
                            units.extend_from_slice(character.encode_utf16(&mut buffer));
                            self.position += character.len_utf8();
                        }
                    }
                }
            }
            b't' => {
                self.position += 4;
                Json::Bool(true)
            }
            b'f' => {
                self.position += 5;
                Json::Bool(false)
            }
            b'n' => {
                self.position += 4;
                Json::Null
            }
            _ => {
                let start = self.position;
                while self.position < self.bytes.len()
                    && matches!(
                        self.bytes[self.position],
                        b'-' | b'+' | b'.' | b'e' | b'E' | b'0'..=b'9'
                    )
                {
                    self.position += 1;
                }
                Json::Number(
                    std::str::from_utf8(&self.bytes[start..self.position])
                        .unwrap()
                        .parse()
                        .unwrap(),
                )
            }
        }
    }
}

fn parse_json(text: &str) -> Json {
    JsonParser {
        bytes: text.as_bytes(),
        position: 0,
    }
    .parse()
}

fn content_from_json(json: &Json) -> PropertyContent {
    match json {
        Json::Text(units) => match String::from_utf16_lossy(units).as_str() {
            "getter" => PropertyContent::Getter,
            "setter" => PropertyContent::Setter,
            "getset" => PropertyContent::GetterSetter,
            _ => PropertyContent::NotCollected,
        },
        map => PropertyContent::Value(value_from_json(map.get("v"))),
    }
}

fn optional_text(json: &Json) -> Option<String> {
    match json {
        Json::Null => None,
        other => Some(other.text()),
    }
}

fn value_from_json(json: &Json) -> InspectValue {
    if matches!(json, Json::Null) {
        // Values below the depth limit are not collected (never printed).
        return InspectValue::Undefined;
    }
    match json.get("t").text().as_str() {
        "undefined" => InspectValue::Undefined,
        "null" => InspectValue::Null,
        "boolean" => InspectValue::Boolean(json.get("v").boolean()),
        "number" => match json.get("bits") {
            Json::Text(_) => InspectValue::Number(f64::from_bits(
                u64::from_str_radix(&json.get("bits").text(), 16).unwrap(),
            )),
            _ => InspectValue::Number(json.get("v").number()),
        },
        "bigint" => InspectValue::BigInt(json.get("v").text()),
        "string" => InspectValue::String(json.get("v").units()),
        "symbol" => InspectValue::Symbol(json.get("v").units()),
        "circular" => InspectValue::Circular(json.get("id").number() as u64),
        "object" => InspectValue::Object(Box::new(object_from_json(json))),
        other => panic!("unknown tree node type {other}"),
    }
}

fn object_from_json(json: &Json) -> InspectObject {
    let kind_json = json.get("kind");
    let kind = match kind_json.get("k").text().as_str() {
        "ordinary" => InspectObjectKind::Ordinary,
        "arguments" => InspectObjectKind::Arguments,
        "array" => InspectObjectKind::Array {
            length: kind_json.get("length").number() as u64,
            elements: kind_json
                .get("elements")
                .list()
                .iter()
                .map(|pair| {
                    (
                        pair.list()[0].number() as u64,
                        content_from_json(&pair.list()[1]),
                    )
                })
                .collect(),
            leading_numeric_count: kind_json.get("numeric").number() as u64,
        },
        "function" => InspectObjectKind::Function(FunctionDetails {
            is_class: kind_json.get("class").boolean(),
            is_async: kind_json.get("async").boolean(),
            is_generator: kind_json.get("generator").boolean(),
            name: kind_json.get("name").text(),
            super_class_name: optional_text(kind_json.get("super")),
        }),
        "error" => InspectObjectKind::Error(ErrorDetails {
            name: kind_json.get("name").text(),
            stack: kind_json.get("stack").text(),
            message: optional_text(kind_json.get("message")),
            name_text: kind_json.get("nameText").text(),
            message_text: kind_json.get("messageText").text(),
            stack_text: kind_json.get("stackText").text(),
        }),
        "regexp" => InspectObjectKind::RegExp {
            text: kind_json.get("text").text(),
        },
        "date" => InspectObjectKind::Date {
            text: kind_json.get("text").text(),
        },
        "map" => InspectObjectKind::Map {
            size: kind_json.get("size").number() as usize,
            entries: kind_json
                .get("entries")
                .list()
                .iter()
                .map(|pair| {
                    (
                        value_from_json(&pair.list()[0]),
                        value_from_json(&pair.list()[1]),
                    )
                })
                .collect(),
        },
        "set" => InspectObjectKind::Set {
            size: kind_json.get("size").number() as usize,
            entries: kind_json
                .get("entries")
                .list()
                .iter()
                .map(value_from_json)
                .collect(),
        },
        "weakmap" => InspectObjectKind::WeakMap,
        "weakset" => InspectObjectKind::WeakSet,
        "promise" => InspectObjectKind::Promise(match kind_json.get("state").text().as_str() {
            "fulfilled" => PromiseSnapshot::Fulfilled(value_from_json(kind_json.get("value"))),
            "rejected" => PromiseSnapshot::Rejected(value_from_json(kind_json.get("value"))),
            _ => PromiseSnapshot::Pending,
        }),
        "boxed" => InspectObjectKind::Boxed {
            type_name: match kind_json.get("type").text().as_str() {
                "Number" => "Number",
                "String" => "String",
                "Boolean" => "Boolean",
                "BigInt" => "BigInt",
                _ => "Symbol",
            },
            primitive: value_from_json(kind_json.get("value")),
        },
        other => panic!("unknown object kind {other}"),
    };
    let properties = json
        .get("props")
        .list()
        .iter()
        .map(|property| {
            let key_json = property.get("k");
            let key = match key_json.get("s") {
                Json::Text(units) => InspectPropertyKey::String(units.clone()),
                _ => InspectPropertyKey::Symbol(key_json.get("y").units()),
            };
            InspectProperty {
                key,
                enumerable: property.get("e").boolean(),
                content: content_from_json(property.get("c")),
            }
        })
        .collect();
    InspectObject {
        identity: json.get("id").number() as u64,
        constructor_name: optional_text(json.get("ctor")),
        to_string_tag: json.get("tag").text(),
        kind,
        properties,
    }
}

#[test]
fn matches_node_for_every_case_of_the_generated_table() {
    let table = include_str!("../testdata/inspect_cases.jsonl");
    let mut failures = Vec::new();
    let mut checked = 0;
    for line in table.lines().filter(|line| !line.is_empty()) {
        let case = parse_json(line);
        let options = InspectOptions {
            depth: match case.get("depth") {
                Json::Null => None,
                depth => Some(depth.number() as usize),
            },
            ..InspectOptions::default()
        };
        let value = value_from_json(case.get("tree"));
        let expected = case.get("expected").text();
        let actual = inspect(&value, &options);
        checked += 1;
        if actual != expected {
            failures.push(format!("expected:\n{expected}\nactual:\n{actual}\n"));
        }
    }
    assert!(
        checked > 500,
        "the table is unexpectedly small ({checked} cases)"
    );
    assert!(
        failures.is_empty(),
        "{} of {checked} cases differ; the first ones:\n{}",
        failures.len(),
        failures[..failures.len().min(8)].join("\n")
    );
}

#[test]
fn quotes_strings_like_node() {
    let text = |value: &str| inspect_string_literal(&value.encode_utf16().collect::<Vec<u16>>());
    assert_eq!(text("plain"), "'plain'");
    assert_eq!(text("it's"), "\"it's\"");
    assert_eq!(text("it's \"x\""), "`it's \"x\"`");
    assert_eq!(text("it's \"x\" `y`"), "'it\\'s \"x\" `y`'");
    assert_eq!(text("a\nb\u{7f}"), "'a\\nb\\x7F'");
    assert_eq!(inspect_string_literal(&[0xd800, 0x78]), "'\\ud800x'");
}

#[test]
fn prints_negative_zero_and_bigints() {
    let options = InspectOptions::default();
    assert_eq!(inspect(&InspectValue::Number(-0.0), &options), "-0");
    assert_eq!(
        inspect(&InspectValue::BigInt("5".to_string()), &options),
        "5n"
    );
}
