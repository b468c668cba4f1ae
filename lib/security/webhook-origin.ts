import { appEnv } from "@/lib/env";
import { requestOrigin, type OriginSettings } from "@/lib/workflows/webhook-url";

// With HOOKFLOW_WEBHOOK_ORIGIN set, its host serves webhooks and nothing of the app: a webhook
// answer there shares no origin (cookies, storage, service workers) with the app's pages.

const WEBHOOK_SURFACE = [
  /^\/api\/webhooks\/./,
  // The status URL handed to a webhook's sender when its response deadline passed.
  /^\/api\/executions\/[^/]+\/status$/,
  /^\/api\/health$/,
];

export function isWebhookSurface(pathname: string): boolean {
  return WEBHOOK_SURFACE.some((pattern) => pattern.test(pathname));
}

/** True when the request arrived on the dedicated webhook origin's host. */
export function isOnWebhookOrigin(request: Request, webhookOrigin = appEnv().HOOKFLOW_WEBHOOK_ORIGIN, settings?: OriginSettings): boolean {
  if (!webhookOrigin) return false;
  return new URL(requestOrigin(request, settings)).host === new URL(webhookOrigin).host;
}
