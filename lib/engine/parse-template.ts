// Splits "Hello {{ $json.name }}!" into text and expression parts. A scanner rather than a regex
// because JSONata itself uses braces and strings: `{{ {"a": {"b": 1}} }}` must end at the last
// "}}", and a "}}" inside a string literal must not end the expression.

export type TemplatePart = { kind: "text"; text: string } | { kind: "expression"; source: string; raw: string };

export class TemplateSyntaxError extends Error {
  override name = "TemplateSyntaxError";
  constructor(
    message: string,
    readonly raw: string,
  ) {
    super(message);
  }
}

export function parseTemplate(template: string): TemplatePart[] {
  const parts: TemplatePart[] = [];
  let cursor = 0;
  for (;;) {
    const open = template.indexOf("{{", cursor);
    if (open === -1) break;
    const close = findClose(template, open + 2);
    const raw = template.slice(open, close === -1 ? template.length : close + 2);
    if (close === -1) throw new TemplateSyntaxError('unterminated "{{" (missing "}}")', raw);
    const source = template.slice(open + 2, close);
    if (source.trim() === "") throw new TemplateSyntaxError("empty expression", raw);
    if (open > cursor) parts.push({ kind: "text", text: template.slice(cursor, open) });
    parts.push({ kind: "expression", source, raw });
    cursor = close + 2;
  }
  if (cursor < template.length) parts.push({ kind: "text", text: template.slice(cursor) });
  return parts;
}

/** Index of the "}}" closing an expression that starts at `from`, or -1. */
function findClose(template: string, from: number): number {
  let depth = 0;
  let quote: string | undefined;
  for (let i = from; i < template.length; i++) {
    const char = template[i];
    if (quote !== undefined) {
      // Backtick-quoted field names have no escapes in JSONata; string literals do.
      if (char === "\\" && quote !== "`") i++;
      else if (char === quote) quote = undefined;
      continue;
    }
    if (char === '"' || char === "'" || char === "`") quote = char;
    else if (char === "{") depth++;
    else if (char === "}") {
      if (depth === 0 && template[i + 1] === "}") return i;
      if (depth > 0) depth--;
    }
  }
  return -1;
}
