import { appEnv } from "@/lib/env";

export function webhookUrl(baseUrl: string, path: string): string {
  return `${baseUrl.replace(/\/+$/, "")}/api/webhooks/${path}`;
}

// APP_URL when configured (behind proxies the request origin may be internal).
export function publicBaseUrl(request: Request): string {
  return appEnv().APP_URL ?? new URL(request.url).origin;
}
