import type { ExecutionMode } from "@/lib/generated/prisma/enums";

// How each run mode is named on every screen (list column, detail header).
export const MODE_LABELS: Record<ExecutionMode, string> = { WEBHOOK: "Webhook", MANUAL: "Manual", RETRY: "Re-run" };

export function modeLabel(mode: string): string {
  return (MODE_LABELS as Record<string, string>)[mode] ?? mode;
}
