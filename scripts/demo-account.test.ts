import { describe, expect, it } from "vitest";
import { demoAccountPlan } from "./demo-account";

describe("demoAccountPlan", () => {
  it("seeds the well-known demo account under npm run dev only", () => {
    expect(demoAccountPlan("dev", [])).toEqual({ seed: true, password: undefined });
    expect(demoAccountPlan("dev", ["--no-seed"])).toEqual({ seed: false });
  });

  it("seeds none for a production server (npm run start:embedded, the e2e server)", () => {
    expect(demoAccountPlan("start", [])).toEqual({ seed: false });
    expect(demoAccountPlan("start", ["--ephemeral", "--control-port", "4501"])).toEqual({ seed: false });
  });

  it("with --demo, a random password each time, never the published one", () => {
    const a = demoAccountPlan("start", ["--demo"]);
    const b = demoAccountPlan("start", ["--demo"]);
    expect(a.seed && a.password).toMatch(/^[\w-]{16}$/);
    expect(a.seed && a.password).not.toBe(b.seed && b.password);
    expect(a.seed && a.password).not.toBe("hookflow-demo");
  });
});
