// The execution search language (the `q` parameter of GET /api/executions):
//
//   body.customer.email = "ada@example.com"  header.x-github-event = push  query.page = 2
//   node:enrich output.tier != "standard"     body.note ~ "refund"          body.coupon exists
//   error ~ "timeout"                         node:charge error ~ "declined"
//
// Conditions are separated by spaces or AND and must all hold. Values are JSON literals
// ("text", 42, true, null) or a bare word (read as a number/true/false/null when it is one,
// else as text). A scanner with one position, so every problem names where it is.
import { FIELD_OPERATORS, SEARCH_LIMITS, SearchSyntaxError, TEXT_FIELDS, type JsonScalar, type SearchCondition, type SearchField, type SearchOperator } from "./search-query";

const JSON_STRING = /"(?:[^"\\\u0000-\u001f]|\\["\\/bfnrt]|\\u[0-9a-fA-F]{4})*"/y;
const JSON_NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;
// A bare path segment stops at whitespace, the next ".", a quote or an operator.
const SEGMENT_CHAR = /[^\s."=!~]/;
const WORD = /[A-Za-z][A-Za-z0-9_-]*/y;
const FIELDS = "body.<path>, header.<name>, query.<name>, node:<id> output.<path>, node:<id> error or error";

export function parseSearch(q: string): SearchCondition[] {
  return new Scanner(q).query();
}

class Scanner {
  private i = 0;
  constructor(private readonly s: string) {}

  query(): SearchCondition[] {
    if (this.s.length > SEARCH_LIMITS.length) throw new SearchSyntaxError(`longer than ${SEARCH_LIMITS.length} characters`, SEARCH_LIMITS.length);
    const conditions: SearchCondition[] = [];
    this.space();
    while (this.i < this.s.length) {
      if (conditions.length === SEARCH_LIMITS.conditions) throw new SearchSyntaxError(`at most ${SEARCH_LIMITS.conditions} conditions`, this.i);
      conditions.push(this.condition());
      const gap = this.space();
      if (this.i >= this.s.length) break;
      const at = this.i;
      const word = this.peekWord();
      if (word?.toUpperCase() === "AND") {
        this.i += 3;
        if (!this.space() || this.i >= this.s.length) throw new SearchSyntaxError("expected a condition after AND", this.i);
      } else if (word?.toUpperCase() === "OR") {
        throw new SearchSyntaxError("OR is not supported: all conditions must hold", at);
      } else if (!gap) {
        throw new SearchSyntaxError("expected a space or AND between conditions", at);
      }
    }
    return conditions;
  }

  private condition(): SearchCondition {
    const field = this.field();
    this.space();
    const opAt = this.i;
    const op = this.operator();
    if (!FIELD_OPERATORS[field.kind].includes(op)) {
      throw new SearchSyntaxError(`${describe(field)} takes ${FIELD_OPERATORS[field.kind].map((o) => `"${o}"`).join(" or ")}, not "${op}"`, opAt);
    }
    if (op === "exists") return { field, op };
    if ((field.kind === "body" || field.kind === "output") && field.path.length === 0 && op !== "~") {
      throw new SearchSyntaxError(`expected a field path after ${field.kind === "body" ? "body" : "output"} (e.g. ${field.kind}.customer.email)`, opAt);
    }
    this.space();
    const valueAt = this.i;
    if (this.i >= this.s.length) throw new SearchSyntaxError(`expected a value after "${op}"`, this.i);
    const { value, text } = this.value();
    if (typeof value === "string") checkStorable(value, valueAt);
    // Headers, query parameters and messages are text: 2 means "2".
    const asText = TEXT_FIELDS.has(field.kind) || op === "~" ? (typeof value === "string" ? value : text) : null;
    if (op === "~") {
      if (asText === "") throw new SearchSyntaxError(`expected some text after "~"`, valueAt);
      return { field, op, value: asText! };
    }
    return { field, op, value: asText ?? value };
  }

  private field(): SearchField {
    const at = this.i;
    if (this.s.startsWith("node:", this.i)) {
      this.i += 5;
      const idAt = this.i;
      const nodeId = this.s[this.i] === '"' ? this.string() : this.bare(/[^\s"]/);
      if (!nodeId) throw new SearchSyntaxError("expected a node id after node:", idAt);
      if (!this.space()) throw new SearchSyntaxError("expected a space after the node id", this.i);
      const partAt = this.i;
      const part = this.peekWord();
      if (part === "error") {
        this.i += part.length;
        return { kind: "error", nodeId };
      }
      if (part !== "output") throw new SearchSyntaxError(`expected output or error after node:${nodeId}`, partAt);
      this.i += part.length;
      return { kind: "output", nodeId, path: this.path() };
    }
    const word = this.peekWord();
    if (word === "body") {
      this.i += word.length;
      return { kind: "body", path: this.path() };
    }
    if (word === "header" || word === "headers" || word === "query") {
      this.i += word.length;
      const nameAt = this.i;
      const path = this.path();
      if (path.length !== 1) throw new SearchSyntaxError(`expected ${word === "query" ? "query.<parameter>" : "header.<name>"}`, path.length ? this.i : nameAt);
      return word === "query" ? { kind: "query", path: [path[0]!] } : { kind: "header", path: [path[0]!.toLowerCase()] };
    }
    if (word === "error") {
      this.i += word.length;
      return { kind: "error", nodeId: null };
    }
    if (word?.toUpperCase() === "OR") throw new SearchSyntaxError("OR is not supported: all conditions must hold", at);
    const shown = this.s.slice(at).match(/^[^\s.=!~]*/)![0];
    throw new SearchSyntaxError(shown ? `unknown field "${shown.slice(0, 40)}" (use ${FIELDS})` : `expected a field (${FIELDS})`, at);
  }

  private path(): string[] {
    const path: string[] = [];
    while (this.s[this.i] === ".") {
      this.i += 1;
      const at = this.i;
      const segment = this.s[this.i] === '"' ? this.string() : this.bare(SEGMENT_CHAR);
      if (!segment) throw new SearchSyntaxError('expected a field name after "."', at);
      if (segment.length > SEARCH_LIMITS.segmentLength) throw new SearchSyntaxError(`a field name longer than ${SEARCH_LIMITS.segmentLength} characters`, at);
      checkStorable(segment, at);
      path.push(segment);
      if (path.length > SEARCH_LIMITS.pathSegments) throw new SearchSyntaxError(`a path deeper than ${SEARCH_LIMITS.pathSegments} fields`, at);
    }
    const next = this.s[this.i];
    if (next !== undefined && !/[\s=!~]/.test(next)) throw new SearchSyntaxError(`unexpected "${next}" in a field path`, this.i);
    return path;
  }

  private operator(): SearchOperator {
    const at = this.i;
    const symbol = this.s.startsWith("!=", at) ? "!=" : this.s[at] === "=" || this.s[at] === "~" ? this.s[at] : null;
    if (symbol === "=" || symbol === "!=" || symbol === "~") {
      this.i += symbol.length;
      // "==" and "~~" are typos worth naming rather than reading as a value "=".
      const next = this.s[this.i];
      if (next === "=" || next === "~" || next === "!") throw new SearchSyntaxError(`unexpected "${next}" after "${symbol}"`, this.i);
      return symbol;
    }
    if (this.peekWord() === "exists") {
      this.i += "exists".length;
      return "exists";
    }
    throw new SearchSyntaxError(at >= this.s.length ? "expected an operator (=, !=, ~ or exists) at the end" : "expected an operator (=, !=, ~ or exists)", at);
  }

  private value(): { value: JsonScalar; text: string } {
    const at = this.i;
    if (this.s[at] === '"') {
      const value = this.string();
      return { value, text: value };
    }
    const text = this.bare(/[^\s"]/);
    if (this.s[this.i] === '"') throw new SearchSyntaxError('unexpected " inside a value (quote the whole value)', this.i);
    if (text === "true" || text === "false") return { value: text === "true", text };
    if (text === "null") return { value: null, text };
    if (JSON_NUMBER.test(text)) {
      const n = Number(text);
      if (!Number.isFinite(n)) throw new SearchSyntaxError("a number out of range", at);
      return { value: n, text };
    }
    return { value: text, text };
  }

  private string(): string {
    const at = this.i;
    JSON_STRING.lastIndex = at;
    const match = JSON_STRING.exec(this.s);
    if (!match) {
      // Name the first character that breaks the string.
      let j = at + 1;
      while (j < this.s.length && this.s[j] !== '"') {
        if (this.s[j] === "\\") {
          if (!/^\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4})/.test(this.s.slice(j, j + 6))) throw new SearchSyntaxError("an invalid escape in a string", j);
          j += this.s[j + 1] === "u" ? 6 : 2;
        } else if (this.s.charCodeAt(j) < 0x20) {
          throw new SearchSyntaxError("a control character in a string (escape it)", j);
        } else j += 1;
      }
      throw new SearchSyntaxError("a string without its closing quote", at);
    }
    this.i = at + match[0].length;
    return JSON.parse(match[0]) as string;
  }

  private bare(char: RegExp): string {
    const start = this.i;
    while (this.i < this.s.length && char.test(this.s[this.i]!)) this.i += 1;
    return this.s.slice(start, this.i);
  }

  private peekWord(): string | undefined {
    WORD.lastIndex = this.i;
    return WORD.exec(this.s)?.[0];
  }

  /** Skips whitespace; whether there was any. */
  private space(): boolean {
    const start = this.i;
    while (this.i < this.s.length && /\s/.test(this.s[this.i]!)) this.i += 1;
    return this.i > start;
  }
}

// PostgreSQL's jsonb and jsonpath refuse NUL and unpaired surrogates: say so here, never a 500 later.
function checkStorable(text: string, at: number): void {
  if (text.includes("\u0000")) throw new SearchSyntaxError("a NUL character (\\u0000) in a value", at);
  if (!text.isWellFormed()) throw new SearchSyntaxError("an unpaired surrogate in a value", at);
}

function describe(field: SearchField): string {
  if (field.kind === "error") return field.nodeId === null ? "error" : `node:${field.nodeId} error`;
  if (field.kind === "output") return `node:${field.nodeId} output`;
  return field.kind;
}
