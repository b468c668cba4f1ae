import { randomUUID } from "node:crypto";
import { preparedQuery } from "@/lib/db";
import { AppError } from "@/lib/api/errors";
import { logger } from "@/lib/logger";
import type { IdempotencyConfig } from "./sync-triggers";
import type { WebhookAnswer } from "./webhook-answer";

export const IDEMPOTENCY_HEADER = "idempotency-key";
const MAX_KEY_LENGTH = 255;
/** A key matches earlier deliveries for this long. */
export const IDEMPOTENCY_WINDOW_HOURS = 24;
// A claim whose owner never attached an execution (it crashed, or the database failed
// between the two statements) is taken over after this long; a live owner attaches within
// milliseconds.
const ABANDONED_CLAIM_SECONDS = 30;
const POLL_MS = 75;

type Scope = { workflowId: string; nodeId: string };
export type Claim = Scope & { id: string; key: string };

function readPath(value: unknown, path: string): unknown {
  let current = value;
  for (const part of path.split(".")) {
    if (current === null || typeof current !== "object" || !Object.hasOwn(current, part)) return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}

// Idempotency-Key wins; then the webhook's configured header, then its body field.
export function idempotencyKeyOf(headers: Headers, config: IdempotencyConfig | null, body: unknown): string | undefined {
  const raw =
    headers.get(IDEMPOTENCY_HEADER) ??
    (config?.header ? headers.get(config.header) : null) ??
    (config?.bodyField ? readPath(body, config.bodyField) : undefined);
  if (raw === undefined || raw === null || raw === "") return undefined;
  if (typeof raw !== "string" && typeof raw !== "number") {
    throw new AppError({ code: "bad_request", message: "The idempotency key must be a string or a number" });
  }
  const key = String(raw);
  if (key.length > MAX_KEY_LENGTH) throw new AppError({ code: "bad_request", message: `The idempotency key is longer than ${MAX_KEY_LENGTH} characters` });
  if (/[\u0000-\u001f\u007f]/.test(key)) throw new AppError({ code: "bad_request", message: "The idempotency key contains control characters" });
  return key;
}

// Insert first: the unique index on (workflowId, nodeId, key) lets exactly one of any number
// of concurrent duplicates in. An existing row is taken over only when it is past the window
// or was abandoned before an execution was attached; the new id tells the old owner it lost.
const CLAIM = `
  INSERT INTO "WebhookDelivery" ("id", "workflowId", "nodeId", "key", "createdAt")
  VALUES ($1::uuid, $2::uuid, $3, $4, now())
  ON CONFLICT ("workflowId", "nodeId", "key") DO UPDATE SET "id" = EXCLUDED."id", "executionId" = NULL, "createdAt" = now()
  WHERE "WebhookDelivery"."createdAt" < now() - make_interval(hours => ${IDEMPOTENCY_WINDOW_HOURS})
     OR ("WebhookDelivery"."executionId" IS NULL AND "WebhookDelivery"."createdAt" < now() - make_interval(secs => ${ABANDONED_CLAIM_SECONDS}))
  RETURNING "id"::text AS "id"`;

const READ = `
  SELECT d."executionId"::text AS "executionId", e."response" AS "response"
  FROM "WebhookDelivery" d LEFT JOIN "Execution" e ON e."id" = d."executionId"
  WHERE d."workflowId" = $1::uuid AND d."nodeId" = $2 AND d."key" = $3
    AND d."createdAt" >= now() - make_interval(hours => ${IDEMPOTENCY_WINDOW_HOURS})`;

export async function claimDelivery(scope: Scope, key: string): Promise<Claim | undefined> {
  const id = randomUUID();
  const rows = await preparedQuery<{ id: string }>("hookflow_claim_delivery", CLAIM, [id, scope.workflowId, scope.nodeId, key]);
  return rows[0]?.id === id ? { ...scope, id, key } : undefined;
}

/** False when the claim was taken over meanwhile (this owner was slower than the abandon window). */
export async function attachExecution(claim: Claim, executionId: string): Promise<boolean> {
  const rows = await preparedQuery(
    "hookflow_attach_delivery",
    `UPDATE "WebhookDelivery" SET "executionId" = $2::uuid WHERE "id" = $1::uuid RETURNING 1`,
    [claim.id, executionId],
  );
  return rows.length === 1;
}

// The claim is given back when no execution could be recorded, so the sender's retry runs.
// If even that fails (database down), the claim is abandoned and taken over later.
export async function releaseClaim(claim: Claim): Promise<void> {
  try {
    await preparedQuery("hookflow_release_delivery", `DELETE FROM "WebhookDelivery" WHERE "id" = $1::uuid AND "executionId" IS NULL`, [claim.id]);
  } catch (error) {
    logger.warn("idempotency claim could not be released; it will be taken over after it is abandoned", { key: claim.key, error });
  }
}

export type Duplicate =
  | { kind: "owner"; claim: Claim }
  | { kind: "answer"; executionId: string; answer: WebhookAnswer }
  | { kind: "pending"; executionId: string | undefined };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// A duplicate waits (bounded) for the first delivery's stored answer. If the first one gave
// up its claim or abandoned it, this one tries to become the owner instead.
export async function awaitFirstDelivery(scope: Scope, key: string, waitMs: number): Promise<Duplicate> {
  const deadline = Date.now() + waitMs;
  let executionId: string | undefined;
  for (;;) {
    const [row] = await preparedQuery<{ executionId: string | null; response: WebhookAnswer | null }>("hookflow_read_delivery", READ, [
      scope.workflowId,
      scope.nodeId,
      key,
    ]);
    if (row?.executionId && row.response) return { kind: "answer", executionId: row.executionId, answer: row.response };
    executionId = row?.executionId ?? undefined;
    if (!row?.executionId) {
      const claim = await claimDelivery(scope, key);
      if (claim) return { kind: "owner", claim };
    }
    if (Date.now() + POLL_MS > deadline) return { kind: "pending", executionId };
    await sleep(POLL_MS);
  }
}
