import { AppError } from "@/lib/api/errors";

export type JsonLimits = { maxDepth: number; maxKeys: number };

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACE = 0x7d;
const CLOSE_BRACKET = 0x5d;
const COLON = 0x3a;

// One cheap pass over the text before JSON.parse: JSON.parse itself recurses and would
// build a 10,000-deep or million-key value (then storing and walking it would too). Only
// structure outside strings counts; a malformed text passes here and fails in JSON.parse.
// Every ':' outside a string separates a key from its value, so it counts keys exactly.
export function assertJsonWithinLimits(text: string, limits: JsonLimits): void {
  let depth = 0;
  let keys = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) inString = false;
      continue;
    }
    if (c === QUOTE) inString = true;
    else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      depth++;
      if (depth > limits.maxDepth) {
        throw new AppError({ code: "bad_request", message: `JSON body is nested deeper than ${limits.maxDepth} levels` });
      }
    } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) depth--;
    else if (c === COLON) {
      keys++;
      if (keys > limits.maxKeys) {
        throw new AppError({ code: "payload_too_large", message: `JSON body has more than ${limits.maxKeys} keys` });
      }
    }
  }
}
