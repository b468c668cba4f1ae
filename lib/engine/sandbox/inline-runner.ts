import { newQuickJSWASMModuleFromVariant, type QuickJSWASMModule } from "quickjs-emscripten-core";
import variant from "@jitl/quickjs-singlefile-cjs-release-sync";
import type { SandboxJob, SandboxOutcome } from "./protocol";
import { runJob } from "./worker-main";

// The QuickJS module on the calling thread, for the pool's inline fast path. Loaded on first use;
// replaced after a host-side failure, which may leave the wasm instance inconsistent.
let quickjs: Promise<QuickJSWASMModule> | undefined;

function load(): Promise<QuickJSWASMModule> {
  const loading = newQuickJSWASMModuleFromVariant(variant);
  loading.catch(() => (quickjs = undefined));
  return loading;
}

export async function runInline(job: SandboxJob): Promise<SandboxOutcome> {
  const outcome = runJob(await (quickjs ??= load()), job);
  if (!outcome.ok && outcome.recycle === true) quickjs = undefined;
  return outcome;
}
