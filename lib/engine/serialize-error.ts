import { logger } from "@/lib/logger";
import type { NodeError } from "./types";

// Only frames of a code node's own script (QuickJS names it code.js; its built-ins are "native")
// are the author's. Every other frame is the host's: it says where this server's code lives
// (/work/..., node:internal, file://), so it is logged, never stored with the run.
const FRAME = /^\s*at\s/;
const SANDBOX_FRAME = /\((?:code\.js(?::\d+)*|native)\)\s*$/;

/** The stack a workflow author may see: the header and the sandbox's frames, or nothing. */
export function visibleStack(stack: string): string | undefined {
  const kept = stack.split("\n").filter((line) => !FRAME.test(line) || SANDBOX_FRAME.test(line));
  return kept.some((line) => FRAME.test(line)) ? kept.join("\n") : undefined;
}

// Nodes may throw anything: strings, plain objects, or errors from another realm (the QuickJS
// sandbox), for which `instanceof Error` is false. Duck-typing keeps their name and message.
export function serializeError(thrown: unknown): NodeError {
  if (typeof thrown === "object" && thrown !== null) {
    const { message, name, stack } = thrown as { message?: unknown; name?: unknown; stack?: unknown };
    if (typeof message === "string") {
      const shown = typeof stack === "string" ? visibleStack(stack) : undefined;
      if (typeof stack === "string" && shown !== stack) logger.debug("node failed; host stack kept out of the stored error", { message, stack });
      return {
        message,
        name: typeof name === "string" && name !== "" ? name : "Error",
        ...(shown !== undefined ? { stack: shown } : {}),
      };
    }
    return { message: safeJson(thrown), name: "Error" };
  }
  return { message: typeof thrown === "string" ? thrown : String(thrown), name: "Error" };
}

function safeJson(value: object): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    // Circular or BigInt-holding values cannot be JSON; their String() form still says something.
    return String(value);
  }
}
