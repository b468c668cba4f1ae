import { z } from "zod";
import { defineNode } from "../node-handler";
import { SANDBOX_LIMITS } from "../sandbox/sandbox-limits";
import { getSandboxPool, type SandboxPool } from "../sandbox/sandbox-pool";

// User JavaScript in a QuickJS (WebAssembly) sandbox: no process, require, fetch, timers or file
// system exist inside it, only the ECMAScript built-ins, console.* and the globals below.

export const CODE_LIMITS = {
  defaultTimeoutMs: 1000,
  maxTimeoutMs: 30_000,
  defaultMemoryLimitBytes: 32 * 1024 * 1024,
  minMemoryLimitBytes: 1024 * 1024,
  /** What this host can hold (sandbox-limits.ts): 256 MB at most, less with a smaller heap. */
  maxMemoryLimitBytes: SANDBOX_LIMITS.maxMemoryLimitBytes,
  maxResultBytes: SANDBOX_LIMITS.maxResultBytes,
} as const;

const codeParameters = z.object({
  source: z.string().min(1, "source must not be empty"),
  timeoutMs: z.number().int().min(1).max(CODE_LIMITS.maxTimeoutMs).default(CODE_LIMITS.defaultTimeoutMs),
  memoryLimitBytes: z
    .number()
    .int()
    .min(CODE_LIMITS.minMemoryLimitBytes)
    .max(
      CODE_LIMITS.maxMemoryLimitBytes,
      `memoryLimitBytes must be at most ${CODE_LIMITS.maxMemoryLimitBytes} bytes (what this server can hold)`,
    )
    .default(CODE_LIMITS.defaultMemoryLimitBytes),
  // Named values for the script (`$vars.name`); values may be expressions such as {{ $node("id") }}.
  vars: z.record(z.string(), z.unknown()).default({}),
});

/** A failure of user code; `logs` keeps what the script printed before it failed. */
export class CodeError extends Error {
  constructor(
    override readonly name: string,
    message: string,
    readonly logs: string[],
    stack?: string,
  ) {
    super(message);
    // The user's stack (inside the sandbox) says more than where the host rethrew it.
    this.stack = stack === undefined ? `${name}: ${message}` : `${name}: ${message}\n${stack}`;
  }
}

export function createCodeNode(pool: () => SandboxPool = getSandboxPool) {
  return defineNode({
    type: "code",
    outputs: ["main"],
    parameters: codeParameters,
    expressionParameters: ["vars"],
    execute: async (ctx) => {
      const { source, timeoutMs, memoryLimitBytes, vars } = ctx.parameters;
      const outcome = await pool().run(
        {
          source,
          timeoutMs,
          memoryLimitBytes,
          globals: { $json: ctx.input, $trigger: ctx.trigger, $vars: vars },
          ...(ctx.tenant !== undefined ? { tenant: ctx.tenant } : {}),
        },
        ctx.signal,
      );
      if (!outcome.ok) throw new CodeError(outcome.error.name, outcome.error.message, outcome.logs, outcome.error.stack);
      return { data: outcome.result, logs: outcome.logs };
    },
  });
}

export const code = createCodeNode();

/**
 * Stored versions saved before the host cap existed, or on a host with a larger heap, may ask
 * for more sandbox memory than this server allows: they run with this server's cap instead of
 * becoming unrunnable (a save still refuses the larger value, naming the field).
 */
export function clampStoredCodeMemory(nodes: unknown): unknown {
  if (!Array.isArray(nodes)) return nodes;
  return nodes.map((node: unknown) => {
    const { type, parameters } = (node ?? {}) as { type?: unknown; parameters?: Record<string, unknown> };
    const asked = parameters?.memoryLimitBytes;
    if (type !== "code" || typeof asked !== "number" || asked <= CODE_LIMITS.maxMemoryLimitBytes) return node;
    return { ...(node as object), parameters: { ...parameters, memoryLimitBytes: CODE_LIMITS.maxMemoryLimitBytes } };
  });
}
