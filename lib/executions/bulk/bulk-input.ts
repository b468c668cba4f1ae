import { z } from "zod";
import { BulkAction as BULK_ACTION } from "@/lib/generated/prisma/enums";
import { executionFilterQuery } from "../execution-queries";
import { rerunVersion } from "../rerun-execution";

// The actions are the database enum's (prisma/schema.prisma), declared there once.
export type { BulkAction } from "@/lib/generated/prisma/enums";
const BULK_ACTIONS = Object.values(BULK_ACTION);

// The filter takes exactly the parameters of GET /api/executions (as strings, like the query
// string); a JSON array of statuses is accepted too.
const bulkFilter = z.preprocess(
  (v) => (v && typeof v === "object" && !Array.isArray(v) && Array.isArray((v as { status?: unknown }).status) ? { ...v, status: (v as { status: unknown[] }).status.join(",") } : v),
  executionFilterQuery,
);

export const bulkInput = z
  .object({
    action: z.enum(BULK_ACTION, { message: `action must be one of ${BULK_ACTIONS.join(", ")}` }),
    ids: z.array(z.string().uuid("ids must be execution ids")).min(1, "ids must not be empty").optional(),
    filter: bulkFilter.optional(),
    // rerun only: the version each re-run runs against.
    version: rerunVersion.optional(),
  })
  .strict()
  .refine((v) => (v.ids === undefined) !== (v.filter === undefined), { message: "Send either ids or filter (not both)", path: ["ids"] })
  .refine((v) => v.action === "rerun" || v.version === undefined, { message: "version applies to rerun only", path: ["version"] });

export type BulkInput = z.infer<typeof bulkInput>;

// Keys are the caller's; they must fit a header and a database column.
export const idempotencyKeyHeader = z
  .string()
  .regex(/^[\x21-\x7e]{1,200}$/, "Idempotency-Key must be 1 to 200 visible ASCII characters")
  .optional();
