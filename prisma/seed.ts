// Idempotent demo data for local use: a demo user and one active workflow per template
// (the order template at demo/orders, which the launcher's curl calls).
import { db } from "@/lib/db";
import { createUser, findUserByEmail } from "@/lib/auth/users";
import { hashPassword } from "@/lib/auth/password";
import { createWorkflow } from "@/lib/workflows/save-workflow";
import { parseWorkflowInput } from "@/lib/workflows/workflow-input";
import { WORKFLOW_TEMPLATES } from "@/lib/workflows/templates";

export const DEMO_USER = { email: "demo@hookflow.dev", password: "hookflow-demo" } as const;
export const DEMO_WEBHOOK_PATH = "demo/orders";

const demoPath = (templateId: string) => (templateId === "order-received" ? DEMO_WEBHOOK_PATH : `demo/${templateId}`);

/**
 * The demo user and workflows. `password` replaces the well-known one (a production launch with
 * --demo passes a random one): an existing demo account is given it, so the published password
 * never opens a production server's demo account.
 */
export async function seedDemo(options: { password?: string } = {}): Promise<{ email: string; password: string; userId: string; webhookPath: string }> {
  const password = options.password ?? DEMO_USER.password;
  const found = await findUserByEmail(DEMO_USER.email);
  const user = found ?? (await createUser({ email: DEMO_USER.email, password, name: "Demo" }));
  if (found && options.password !== undefined) await db().user.update({ where: { id: found.id }, data: { passwordHash: await hashPassword(password) } });
  for (const template of WORKFLOW_TEMPLATES) {
    const path = demoPath(template.id);
    // Keyed by webhook path: paths are unique, and a renamed workflow is not re-created.
    const existing = await db().webhookTrigger.findUnique({ where: { path }, select: { id: true } });
    if (existing) continue;
    const { input } = parseWorkflowInput({ ...template.build(path), active: true });
    await createWorkflow(user.id, input);
  }
  return { email: DEMO_USER.email, password, userId: user.id, webhookPath: DEMO_WEBHOOK_PATH };
}
