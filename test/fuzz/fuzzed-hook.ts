import { WEBHOOK_METHODS } from "@/lib/engine/nodes/webhook";
import { makeWorkflow } from "../helpers";

/** The webhook both route fuzzers call: every method, owned by `userId` (someone other than the fuzzer). */
export function makeFuzzedHook(userId: string) {
  return makeWorkflow(userId, {
    name: "Fuzzed hook",
    active: true,
    nodes: [
      { id: "webhook", type: "webhook", parameters: { path: "fuzz/hook", methods: [...WEBHOOK_METHODS] } },
      { id: "done", type: "noop", parameters: {} },
    ],
    connections: [{ from: "webhook", to: "done" }],
  });
}
