// Idempotent demo data for local use: a demo user and an active example workflow.
import { db } from "@/lib/db";
import { createUser, findUserByEmail } from "@/lib/auth/users";
import { createWorkflow } from "@/lib/workflows/save-workflow";
import { parseWorkflowInput } from "@/lib/workflows/workflow-input";
import { orderReceivedWorkflow } from "@/lib/workflows/templates/order-received";

export const DEMO_USER = { email: "demo@hookflow.dev", password: "hookflow-demo" } as const;
export const DEMO_WEBHOOK_PATH = "demo/orders";

export async function seedDemo(): Promise<{ email: string; password: string; userId: string; webhookPath: string }> {
  const user = (await findUserByEmail(DEMO_USER.email)) ?? (await createUser({ ...DEMO_USER, name: "Demo" }));
  const existing = await db().workflow.findFirst({ where: { userId: user.id, name: "Order received" }, select: { id: true } });
  if (!existing) {
    const { input } = parseWorkflowInput({ ...orderReceivedWorkflow(DEMO_WEBHOOK_PATH), active: true });
    await createWorkflow(user.id, input);
  }
  return { ...DEMO_USER, userId: user.id, webhookPath: DEMO_WEBHOOK_PATH };
}
