import { formPostWorkflow } from "./form-post";
import { githubPushWorkflow } from "./github-push";
import { orderReceivedWorkflow } from "./order-received";
import { orderRoutingWorkflow } from "./order-routing";
import type { TemplateDefinition } from "./template-definition";

export type { TemplateDefinition };

export type WorkflowTemplate = {
  id: string;
  title: string;
  description: string;
  /** Builds the workflow; `path` is its webhook path, which must be unique per user. */
  build: (path: string) => TemplateDefinition;
  /** A request body that exercises the main path, for the docs, the seed and the e2e tests. */
  sampleBody: unknown;
};

// Listed for the dev seed, the docs and the e2e tests; each is tested to validate and run.
export const WORKFLOW_TEMPLATES: readonly WorkflowTemplate[] = [
  {
    id: "order-received",
    title: "Order received",
    description: "Enrich an order, branch on its amount (if) and answer with its tier.",
    build: orderReceivedWorkflow,
    sampleBody: { orderId: "A-1001", amount: 250, customer: { name: "Ada" } },
  },
  {
    id: "github-push",
    title: "GitHub push → notify",
    description: "Summarise a push, route it by branch (switch) and build a chat notification for main and release branches.",
    build: githubPushWorkflow,
    sampleBody: {
      ref: "refs/heads/main",
      repository: { full_name: "acme/shop" },
      pusher: { name: "ada" },
      commits: [{ id: "a1" }, { id: "b2" }],
    },
  },
  {
    id: "form-post",
    title: "Contact form",
    description: "Validate a form post (if), normalise it (set) and answer 200, or 422 when a field is missing.",
    build: formPostWorkflow,
    sampleBody: { name: "  Ada Lovelace ", email: "Ada@Example.com", message: "Hello" },
  },
  {
    id: "order-routing",
    title: "Order routing",
    description: "Quote shipping by region (switch) while computing loyalty points in parallel, then join both by orderId (merge).",
    build: orderRoutingWorkflow,
    sampleBody: { orderId: "B-7", region: "EU", total: 129 },
  },
];
