//! A generator of realistic TypeScript source text of any size, for the profiling binaries
//! (`profile_lexer`, `profile_parser`) and throughput measurements.
//!
//! The output cycles through a fixed set of templates (classes with fields, accessors and
//! generics, interfaces and type aliases, enums, namespaces, async functions with destructuring,
//! arrow-heavy array pipelines, template literals, regular expressions, numeric literal forms,
//! comments), with identifiers varied by a deterministic pseudo-random sequence so that the
//! interner sees a realistic mix of repeated and fresh names. The same `size` always produces
//! the same text. Every unit is a complete, valid TypeScript module item.

/// A tiny deterministic pseudo-random sequence (64-bit linear congruential generator).
struct Sequence(u64);

impl Sequence {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }

    fn pick<'t>(&mut self, items: &[&'t str]) -> &'t str {
        items[(self.next() as usize) % items.len()]
    }
}

const NOUNS: &[&str] = &[
    "user", "order", "item", "account", "session", "token", "cache", "queue", "node", "edge",
    "buffer", "record", "event", "handler", "config", "result", "request", "response", "entry",
    "index", "payload", "message", "channel", "worker",
];

const TYPES: &[&str] = &[
    "number",
    "string",
    "boolean",
    "Array<number>",
    "Map<string, number>",
    "Record<string, unknown>",
    "readonly string[]",
    "Promise<void>",
    "number | undefined",
];

/// Appends one template unit, numbered `unit`, to `out`.
fn push_unit(out: &mut String, unit: usize, sequence: &mut Sequence) {
    let noun = sequence.pick(NOUNS);
    let mut other = sequence.pick(NOUNS);
    while other == noun {
        other = sequence.pick(NOUNS);
    }
    let type_name = sequence.pick(TYPES);
    let class_name = format!("{}{}Service{unit}", noun[..1].to_uppercase(), &noun[1..]);
    match unit % 6 {
        0 => out.push_str(&format!(
            r#"/**
 * Keeps track of {noun} values and their {other} counterparts.
 */
export class {class_name}<T extends {{ id: number }}> {{
  private readonly items: Map<number, T> = new Map();
  #hits = 0;
  static instances = 0;
  constructor(public name: string, protected limit: number = 1_000) {{
    {class_name}.instances++;
  }}
  get size(): number {{ return this.items.size; }}
  add(item: T): this {{
    if (this.items.size >= this.limit) throw new Error(`limit ${{this.limit}} reached for ${{this.name}}`);
    this.items.set(item.id, item);
    return this;
  }}
  find(id: number): T | undefined {{
    this.#hits += 1;
    return this.items.get(id) ?? undefined;
  }}
  *entries(): Generator<[number, T]> {{
    for (const [key, value] of this.items) yield [key, value];
  }}
}}
"#
        )),
        1 => out.push_str(&format!(
            r#"interface {class_name}Options {{
  readonly {noun}Id: number;
  {other}Name?: string;
  tags: {type_name};
  callback: (error: Error | null, value?: {type_name}) => void;
}}
type {class_name}Key = keyof {class_name}Options;
export enum {class_name}State {{ Idle, Running = 4, Done = "done" }}
// Computes a checksum over the {noun} table.
export function checksum{unit}(values: number[], seed = 0x1f): number {{
  let hash = seed >>> 0;
  for (let i = 0; i < values.length; i++) {{
    hash = (hash * 31 + (values[i] | 0)) & 0xffffffff;
  }}
  return hash % 1e9 + 0.5 * 2;
}}
"#
        )),
        2 => out.push_str(&format!(
            r#"export async function load{unit}({{ {noun}, {other} = [] }}: {{ {noun}: string; {other}?: string[] }}): Promise<number> {{
  const pattern = /^[a-z]+(\d{{2,4}})?$/i;
  const parts = {other}.filter((part) => pattern.test(part)).map((part, index) => part.length * index);
  const total = parts.reduce((sum, value) => sum + value, 0);
  try {{
    await Promise.resolve({noun}.trim());
  }} catch (error) {{
    console.error("failed to load {noun}:", error);
    return -1;
  }} finally {{
    parts.length = 0;
  }}
  return total > 10 ? total : total * 2;
}}
"#
        )),
        3 => out.push_str(&format!(
            r#"namespace {class_name}Utilities {{
  export const defaults = {{ {noun}: 1, {other}: "two", nested: {{ deep: [1, 2, 3], flag: true }} }};
  export function merge<A extends object, B extends object>(left: A, right: B): A & B {{
    return {{ ...left, ...right }};
  }}
  export const describe = (value: unknown): string =>
    typeof value === "number" ? `number ${{value.toFixed(2)}}` : String(value);
}}
"#
        )),
        4 => out.push_str(&format!(
            r#"const {noun}Table{unit}: Record<string, {type_name}> = Object.create(null);
function update{unit}(key: string, next: {type_name}): void {{
  switch (typeof next) {{
    case "number":
      {noun}Table{unit}[key] = next;
      break;
    case "string":
      {noun}Table{unit}[`${{key}}:${{next}}`] = next;
      break;
    default:
      delete {noun}Table{unit}[key];
  }}
  label{unit}: while (true) {{
    if (Object.keys({noun}Table{unit}).length > 100) break label{unit};
    break;
  }}
}}
"#
        )),
        _ => out.push_str(&format!(
            r#"export abstract class Base{unit} {{
  protected abstract compute(input: number): number;
  run(values: readonly number[]): number[] {{
    return values.map((value) => this.compute(value) as number).filter(Boolean);
  }}
}}
export class Derived{unit} extends Base{unit} {{
  protected compute(input: number): number {{
    const {{ a = 1, b: [c, ...rest] = [2, 3] }} = {{ a: input, b: undefined as number[] | undefined }};
    return a + c + rest.length + (input << 2) - (input >> 1) + 0b1010 + 0o17 + 10n.toString().length;
  }}
}}
"#
        )),
    }
}

/// Lexes a whole source without a parser, deciding the two context-dependent cases the way a
/// parser would in ordinary code: a `/` or `/=` after a token that cannot end an expression
/// starts a regular expression, and a `}` that closes a template substitution continues the
/// template. Returns the number of tokens (excluding the end of input), or the span of the
/// first error token.
pub fn lex_standalone(source: &str) -> Result<usize, crate::Span> {
    use crate::{Lexer, TokenKind};
    let mut lexer = Lexer::new(source);
    let mut count = 0;
    // One entry per open template substitution: the number of unclosed `{` inside it.
    let mut template_braces: Vec<u32> = Vec::new();
    let mut previous: Option<TokenKind> = None;
    loop {
        let mut token = lexer.next_token();
        match token.kind {
            TokenKind::EndOfFile => return Ok(count),
            TokenKind::Slash | TokenKind::SlashAssign if regexp_allowed_after(previous) => {
                token = lexer.rescan_as_regexp(token);
            }
            TokenKind::TemplateHead => template_braces.push(0),
            TokenKind::LeftBrace => {
                if let Some(depth) = template_braces.last_mut() {
                    *depth += 1;
                }
            }
            TokenKind::RightBrace => match template_braces.last_mut() {
                Some(0) => {
                    token = lexer.rescan_template_continuation(token);
                    if token.kind == TokenKind::TemplateTail {
                        template_braces.pop();
                    }
                }
                Some(depth) => *depth -= 1,
                None => {}
            },
            _ => {}
        }
        if token.kind == TokenKind::Error {
            return Err(token.span);
        }
        previous = Some(token.kind);
        count += 1;
    }
}

/// True when a `/` after a token of kind `previous` starts a regular expression.
fn regexp_allowed_after(previous: Option<crate::TokenKind>) -> bool {
    use crate::TokenKind::*;
    let Some(kind) = previous else {
        return true;
    };
    match kind {
        Identifier
        | PrivateName
        | NumericLiteral
        | BigIntLiteral
        | StringLiteral
        | RegExpLiteral
        | NoSubstitutionTemplate
        | TemplateTail
        | RightParen
        | RightBracket
        | RightBrace
        | This
        | Super
        | True
        | False
        | Null
        | PlusPlus
        | MinusMinus => false,
        kind if kind.is_contextual_keyword() => false,
        _ => true,
    }
}

/// Generates about `size` bytes (at least one unit) of realistic TypeScript.
pub fn generate_typescript(size: usize) -> String {
    let mut out = String::with_capacity(size + 2048);
    let mut sequence = Sequence(0x5eed_1234_abcd_ef01);
    let mut unit = 0;
    while out.len() < size || unit == 0 {
        push_unit(&mut out, unit, &mut sequence);
        unit += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_text_has_the_requested_size_and_lexes_without_errors() {
        let text = generate_typescript(20_000);
        assert!(
            text.len() >= 20_000 && text.len() < 24_000,
            "{}",
            text.len()
        );
        assert_eq!(text, generate_typescript(20_000));
        let count = lex_standalone(&text).expect("no lexical errors");
        assert!(count > 2_000, "{count}");
    }

    #[test]
    fn standalone_lexing_handles_regexps_and_template_substitutions() {
        assert_eq!(
            lex_standalone("x = /a\\d/g.test(`a${ {b: 1}.b }c${d}`)"),
            Ok(18)
        );
        assert!(lex_standalone("a = 'unterminated").is_err());
    }
}
