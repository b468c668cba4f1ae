// A small JSON reader that remembers where every value starts, so a server validation path
// such as `nodes[2].parameters.condition` can be shown on its line in the editor. It is strict
// JSON (the server parses with JSON.parse); a syntax error reports its offset.
export class JsonSyntaxError extends Error {
  readonly offset: number;
  constructor(message: string, offset: number) {
    super(message);
    this.name = "JsonSyntaxError";
    this.offset = offset;
  }
}

export type JsonLocations = { value: unknown; offsets: Map<string, number> };

const WS = new Set([" ", "\t", "\n", "\r"]);
const LITERALS: [string, unknown][] = [["true", true], ["false", false], ["null", null]];
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

export function readJsonWithLocations(text: string): JsonLocations {
  const offsets = new Map<string, number>();
  let i = 0;
  const skip = () => {
    while (i < text.length && WS.has(text[i]!)) i++;
  };
  const fail = (what: string): never => {
    throw new JsonSyntaxError(i >= text.length ? `Unexpected end of JSON (${what})` : `Unexpected ${JSON.stringify(text[i])}: ${what}`, i);
  };
  const readString = (): string => {
    const start = i;
    i++;
    while (i < text.length && text[i] !== '"') {
      if (text[i] === "\\") i++;
      else if (text.charCodeAt(i) < 0x20) fail("control character in a string");
      i++;
    }
    if (i >= text.length) fail("unterminated string");
    i++;
    try {
      return JSON.parse(text.slice(start, i)) as string;
    } catch {
      i = start;
      return fail("invalid escape in a string");
    }
  };
  const readValue = (path: string): unknown => {
    skip();
    offsets.set(path, i);
    const c = text[i];
    if (c === "{") {
      i++;
      const out: Record<string, unknown> = {};
      skip();
      if (text[i] === "}") return i++, out;
      for (;;) {
        skip();
        if (text[i] !== '"') fail("expected a property name in double quotes");
        const key = readString();
        skip();
        if (text[i] !== ":") fail("expected ':' after a property name");
        i++;
        out[key] = readValue(path === "" ? key : `${path}.${key}`);
        skip();
        if (text[i] === ",") i++;
        else if (text[i] === "}") return i++, out;
        else fail("expected ',' or '}'");
      }
    }
    if (c === "[") {
      i++;
      const out: unknown[] = [];
      skip();
      if (text[i] === "]") return i++, out;
      for (;;) {
        out.push(readValue(`${path}[${out.length}]`));
        skip();
        if (text[i] === ",") i++;
        else if (text[i] === "]") return i++, out;
        else fail("expected ',' or ']'");
      }
    }
    if (c === '"') return readString();
    for (const [word, value] of LITERALS) {
      if (text.startsWith(word, i)) return (i += word.length), value;
    }
    NUMBER.lastIndex = i;
    const match = NUMBER.exec(text);
    if (match) return (i += match[0].length), Number(match[0]);
    return fail("expected a value");
  };
  const value = readValue("");
  skip();
  if (i < text.length) fail("unexpected text after the JSON value");
  return { value, offsets };
}

export function lineOfOffset(text: string, offset: number): number {
  let line = 1;
  for (let k = 0; k < offset && k < text.length; k++) if (text[k] === "\n") line++;
  return line;
}

// The deepest recorded prefix of `path`: a missing parameter points at its node's parameters.
export function offsetOfPath(offsets: Map<string, number>, path: string): number | undefined {
  let current = path;
  for (;;) {
    const hit = offsets.get(current);
    if (hit !== undefined) return hit;
    if (current === "") return undefined;
    const cut = Math.max(current.lastIndexOf("."), current.lastIndexOf("["));
    current = cut <= 0 ? "" : current.slice(0, cut);
  }
}
