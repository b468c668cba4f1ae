import { RE2JS } from "re2js";

// Regular expressions written by users (JSONata regex literals: `$match`, `$replace`, `$split`,
// `$contains`, `~>`) run on RE2 (re2js, pure JavaScript): matching is linear in the input, so no
// pattern can backtrack for seconds while it holds the event loop. JSONata's own evaluation timeout
// is checked between evaluation steps, never inside a regex, so it cannot stop one.
//
// RE2 has no backreferences and no lookaround; such a pattern is refused when the expression is
// compiled (validation reports it), not when it first runs.

export class UnsupportedRegexError extends Error {
  override name = "UnsupportedRegexError";
  constructor(source: string, reason: string) {
    super(`regular expression /${source}/ is not supported (RE2 syntax: no backreferences or lookaround): ${reason}`);
  }
}

export class RegexInputTooLongError extends Error {
  override name = "RegexInputTooLongError";
}

// jsonata builds a new engine each time a regex literal is evaluated, i.e. once per run of the
// expression; compiling with re2js costs ~15-40 µs, matching ~1-2 µs, so compiled patterns are kept.
const CACHE_LIMIT = 500;
/**
 * Longest text a pattern is matched against (the webhook body limit's size). RE2 is linear, but
 * the constant depends on the pattern (~100 ns/char for `^(a+)+$`), and one match is one step
 * that the expression timeout cannot interrupt.
 */
export const MAX_REGEX_INPUT_CHARS = 1024 * 1024;
const compiled = new Map<string, RE2JS>();

export function compileLinear(source: string, flags: string): RE2JS {
  const key = `${flags}/${source}`;
  const hit = compiled.get(key);
  if (hit !== undefined) return hit;
  let flagBits = 0;
  if (flags.includes("i")) flagBits |= RE2JS.CASE_INSENSITIVE;
  if (flags.includes("m")) flagBits |= RE2JS.MULTILINE;
  let pattern: RE2JS;
  try {
    // translateRegExp maps JavaScript-only spellings (named groups `(?<n>`, `\u{…}`) to RE2's.
    pattern = RE2JS.compile(RE2JS.translateRegExp(source), flagBits);
  } catch (error) {
    throw new UnsupportedRegexError(source, error instanceof Error ? error.message : String(error));
  }
  if (compiled.size >= CACHE_LIMIT) compiled.delete(compiled.keys().next().value!);
  compiled.set(key, pattern);
  return pattern;
}

/**
 * The subset of RegExp that JSONata's `RegexEngine` option uses: constructed from the parsed
 * literal (always global), then `lastIndex` + `exec` step through the matches.
 */
export class LinearRegExp {
  lastIndex = 0;
  private readonly pattern: RE2JS;

  constructor(literal: RegExp) {
    this.pattern = compileLinear(literal.source, literal.flags);
  }

  exec(text: string): RegExpExecArray | null {
    if (text.length > MAX_REGEX_INPUT_CHARS) {
      throw new RegexInputTooLongError(`regex input too long: ${text.length} characters (limit ${MAX_REGEX_INPUT_CHARS})`);
    }
    const matcher = this.pattern.matcher(text);
    if (this.lastIndex > text.length || !matcher.find(this.lastIndex)) {
      this.lastIndex = 0;
      return null;
    }
    const groups: (string | undefined)[] = [];
    for (let i = 0; i <= matcher.groupCount(); i++) groups.push(matcher.group(i) ?? undefined);
    this.lastIndex = matcher.end();
    return Object.assign(groups, { index: matcher.start(), input: text }) as unknown as RegExpExecArray;
  }
}
