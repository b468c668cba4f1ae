import { orderReceivedWorkflow } from "@/lib/workflows/templates/order-received";

// The "create from JSON" prefill. Webhook paths are unique across all users,
// so each prefill gets its own path suffix.
export function exampleWorkflowJson(pathSuffix: string): string {
  return JSON.stringify(orderReceivedWorkflow(`orders/${pathSuffix}`), null, 2);
}
