import { describe, expect, it } from "vitest";
import { EXECUTION_STATUSES, EXECUTION_STATUS_INFO, executionStatusFromRun, isTerminal } from "./status";

describe("status map", () => {
  it("maps every engine result status to one execution status", () => {
    expect(executionStatusFromRun("completed")).toBe("SUCCEEDED");
    expect(executionStatusFromRun("failed")).toBe("FAILED");
    expect(executionStatusFromRun("partial")).toBe("PARTIAL");
    expect(executionStatusFromRun("cancelled")).toBe("CANCELLED");
  });

  it("treats only RUNNING and WAITING as non-final and labels every status", () => {
    expect(EXECUTION_STATUSES.filter((s) => !isTerminal(s))).toEqual(["RUNNING", "WAITING"]);
    for (const status of EXECUTION_STATUSES) expect(EXECUTION_STATUS_INFO[status].label).toBeTruthy();
  });
});
