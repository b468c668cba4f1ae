import { describe, expect, it } from "vitest";
import { visibleStack } from "./visible-stack";

describe("visibleStack", () => {
  it("drops server frames and shows nothing when only those remain", () => {
    const stack = "CancelledError: Run cancelled\n    at runStep (/work/app/.next/server/chunks/lib_engine.js:12:5)\n    at async file:///srv/hookflow/lib/engine/run-workflow.ts:140:22\n    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)";
    expect(visibleStack(stack)).toBeNull();
  });

  it("keeps the user's own code frames", () => {
    const stack = "TypeError: cannot read property 'x' of undefined\n    at main (code-node.js:3:14)\n    at <anonymous> (/app/node_modules/quickjs/x.js:1:1)";
    expect(visibleStack(stack)).toBe("TypeError: cannot read property 'x' of undefined\n    at main (code-node.js:3:14)");
  });

  it("has nothing to show for no stack", () => {
    expect(visibleStack(undefined)).toBeNull();
    expect(visibleStack("")).toBeNull();
  });
});
