// Messages between the sandbox pool (main thread) and a sandbox worker. Plain data only: they cross
// a structured-clone boundary.

export type SandboxJob = {
  id: number;
  source: string;
  /** Globals for the script, JSON-encoded on the host so nothing but data crosses into the sandbox. */
  globalsJson: Record<string, string>;
  timeoutMs: number;
  /** What timeoutMs measures: wall time (default), or the process's CPU time (the inline budget). */
  clock?: "wall" | "cpu";
  memoryLimitBytes: number;
  maxStackBytes: number;
  maxLogBytes: number;
  /** Characters of JSON the result may take; checked inside the sandbox, before it is copied out. */
  maxResultBytes: number;
  /** Int32Array over a SharedArrayBuffer: the host stores 1 to interrupt (abort) the running script. */
  interruptFlag: Int32Array;
};

export type SandboxErrorKind = "user" | "syntax" | "timeout" | "aborted" | "memory" | "output" | "internal";

export type SandboxOutcome =
  | { id: number; ok: true; resultJson: string | undefined; logs: string[] }
  | {
      id: number;
      ok: false;
      kind: SandboxErrorKind;
      error: { name: string; message: string; stack?: string };
      logs: string[];
      /** The wasm instance may be damaged (host stack overflow, wasm trap): replace the worker. */
      recycle?: boolean;
    };

export type WorkerMessage = { type: "ready" } | { type: "outcome"; outcome: SandboxOutcome };
