import type { NodeError } from "./types";

// Nodes may throw anything: strings, plain objects, or errors from another realm (the QuickJS
// sandbox), for which `instanceof Error` is false. Duck-typing keeps their name and message.
export function serializeError(thrown: unknown): NodeError {
  if (typeof thrown === "object" && thrown !== null) {
    const { message, name, stack } = thrown as { message?: unknown; name?: unknown; stack?: unknown };
    if (typeof message === "string") {
      return {
        message,
        name: typeof name === "string" && name !== "" ? name : "Error",
        ...(typeof stack === "string" ? { stack } : {}),
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
