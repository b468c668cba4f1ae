import { readFileSync } from "node:fs";
import path from "node:path";
import cronParser from "cron-parser";
import { describe, expect, it } from "vitest";

// Vercel rejects a Hobby deploy whose vercel.json schedules a cron more than once a day
// ("Hobby accounts are limited to daily cron jobs"). Hookflow must deploy on Hobby.
describe("vercel.json", () => {
  const config = JSON.parse(readFileSync(path.join(__dirname, "../../vercel.json"), "utf8")) as { crons?: { path: string; schedule: string }[] };

  it("schedules no cron more often than once a day (deploys on Hobby)", () => {
    for (const cron of config.crons ?? []) {
      const runs = cronParser.parseExpression(cron.schedule, { currentDate: new Date("2026-01-01T00:00:00Z"), tz: "UTC" });
      const first = runs.next().getTime();
      const second = runs.next().getTime();
      expect(second - first, `${cron.path} runs every ${(second - first) / 60_000} min`).toBeGreaterThanOrEqual(24 * 3600_000);
    }
  });

  it("still schedules the resume/retention pass", () => {
    expect(config.crons?.map((c) => c.path)).toContain("/api/cron/reconcile");
  });
});
