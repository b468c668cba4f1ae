// Idempotent demo data for local use: a demo user and one active workflow per template
// (the order template at demo/orders, which the launcher's curl calls).
import { db } from "@/lib/db";
import { createUser, findUserByEmail } from "@/lib/auth/users";
import { createWorkflow } from "@/lib/workflows/save-workflow";
import { parseWorkflowInput } from "@/lib/workflows/workflow-input";
import { WORKFLOW_TEMPLATES } from "@/lib/workflows/templates";

export const DEMO_USER = { email: "demo@hookflow.dev", password: "hookflow-demo" } as const;
export const DEMO_WEBHOOK_PATH = "demo/orders";

const demoPath = (templateId: string) => (templateId === "order-received" ? DEMO_WEBHOOK_PATH : `demo/${templateId}`);

export async function seedDemo(): Promise<{ email: string; password: string; userId: string; webhookPath: string }> {
  const user = (await findUserByEmail(DEMO_USER.email)) ?? (await createUser({ ...DEMO_USER, name: "Demo" }));
  for (const template of WORKFLOW_TEMPLATES) {
    const path = demoPath(template.id);
    // Keyed by webhook path: paths are unique, and a renamed workflow is not re-created.
    const existing = await db().webhookTrigger.findUnique({ where: { path }, select: { id: true } });
    if (existing) continue;
    const { input } = parseWorkflowInput({ ...template.build(path), active: true });
    await createWorkflow(user.id, input);
  }
  return { ...DEMO_USER, userId: user.id, webhookPath: DEMO_WEBHOOK_PATH };
}
