import type { RunLimits } from "@/lib/engine/run-limits";
import type { NetworkPolicy } from "@/lib/engine/node-handler";
import { engineEnv } from "@/lib/env";

// The server's limits and network policy, handed to every run and to validation on save.
export function engineRunSettings(): { limits: RunLimits; network: NetworkPolicy } {
  const e = engineEnv();
  return {
    limits: { maxRunMs: e.HOOKFLOW_MAX_RUN_MS, maxNodes: e.HOOKFLOW_MAX_NODES, maxOutputBytes: e.HOOKFLOW_MAX_OUTPUT_BYTES, maxWaitMs: e.HOOKFLOW_MAX_WAIT_MS },
    network: { allowPrivateNetwork: e.HOOKFLOW_ALLOW_PRIVATE_NETWORK === "true" },
  };
}
