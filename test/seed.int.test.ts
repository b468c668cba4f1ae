import { beforeEach, expect, it } from "vitest";
import { db } from "@/lib/db";
import { seedDemo, DEMO_USER, DEMO_WEBHOOK_PATH } from "@/prisma/seed";
import { WORKFLOW_TEMPLATES } from "@/lib/workflows/templates";
import { verifyCredentials } from "@/lib/auth/users";
import { resetDatabase } from "./db";

beforeEach(async () => {
  await resetDatabase();
});

it("seeds the demo user and one active workflow per template, and is idempotent", async () => {
  const first = await seedDemo();
  const again = await seedDemo();
  expect(again.userId).toBe(first.userId);
  expect(first.email).toBe(DEMO_USER.email);
  const workflows = await db().workflow.findMany({ where: { userId: first.userId }, include: { triggers: true } });
  expect(workflows).toHaveLength(WORKFLOW_TEMPLATES.length);
  expect(workflows.every((w) => w.active && w.triggers.every((t) => t.active))).toBe(true);
  expect(workflows.flatMap((w) => w.triggers.map((t) => t.path))).toContain(DEMO_WEBHOOK_PATH);
});

it("a random demo password (production --demo) replaces the published one on an existing demo account", async () => {
  await seedDemo();
  const seeded = await seedDemo({ password: "random-once-123" });
  expect(seeded.password).toBe("random-once-123");
  await expect(verifyCredentials(DEMO_USER.email, DEMO_USER.password)).rejects.toThrow(/Wrong email or password/);
  expect((await verifyCredentials(DEMO_USER.email, "random-once-123")).id).toBe(seeded.userId);
});
