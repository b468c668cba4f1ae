import { test } from "@playwright/test";

// A time the spec measures but does not assert (a loaded machine crosses any fixed bound): kept as a
// test annotation (HTML report) and printed, so a slowdown shows up in the CI log without failing it.
export function reportMeasured(description: string): void {
  test.info().annotations.push({ type: "measured", description });
  console.log(`[measured] ${test.info().title}: ${description}`);
}
