import { randomBytes } from "node:crypto";

export type DemoAccountPlan = { seed: false } | { seed: true; password: string | undefined };

/**
 * Whether the launcher seeds the demo account, and with which password. The well-known one
 * (README) only under `npm run dev`; a production server (`start`, what `npm run start:embedded`
 * and the e2e suite run) seeds none, or with --demo one whose password is random and printed once.
 */
export function demoAccountPlan(mode: "dev" | "start", args: string[]): DemoAccountPlan {
  if (mode === "dev") return args.includes("--no-seed") ? { seed: false } : { seed: true, password: undefined };
  return args.includes("--demo") ? { seed: true, password: randomBytes(12).toString("base64url") } : { seed: false };
}
