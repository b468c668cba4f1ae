// Every statement on BulkOperation and BulkOperationItem, declared once; bulk-operations.ts
// runs them. Executions themselves are changed only through the lifecycle verbs.

/** The fields of an operation the API and the screens show. */
export const OPERATION_FIELDS = `o."id"::text AS "id", o."action"::text AS "action", o."version", o."status"::text AS "status", o."selection",
  o."total", o."done", o."failed", o."skipped", o."createdAt", o."finishedAt", o."userId"::text AS "userId"`;

// Serializes a user's creations, so two identical requests at the same moment cannot both miss
// the other. $1 user.
export const LOCK_USER = `SELECT pg_advisory_xact_lock(hashtextextended('hookflow-bulk:' || $1::text, 0))`;

/** $1 user, $2 key. */
export const BY_KEY = `SELECT ${OPERATION_FIELDS}, o."requestHash" FROM "BulkOperation" o WHERE o."userId" = $1::uuid AND o."idempotencyKey" = $2`;

/** A repeat without a key: the same request, or the same resolved targets, within the window. $1 user, $2 id, $3 request hash, $4 selection hash, $5 window seconds. */
export const RECENT_REPEAT = `
  SELECT ${OPERATION_FIELDS} FROM "BulkOperation" o
  WHERE o."userId" = $1::uuid AND o."id" <> $2::uuid AND o."createdAt" > now() - make_interval(secs => $5::int)
    AND (o."requestHash" = $3 OR o."selectionHash" = $4)
  ORDER BY o."createdAt" DESC LIMIT 1`;

/** $1 id, $2 user, $3 action, $4 version, $5 selection, $6 key, $7 request hash. */
export const INSERT_OPERATION = `
  INSERT INTO "BulkOperation" ("id", "userId", "action", "version", "selection", "total", "idempotencyKey", "requestHash", "selectionHash")
  VALUES ($1::uuid, $2::uuid, $3::"BulkAction", $4, $5::jsonb, 0, $6, $7, '')`;

/** The resolved count and selection hash, once the items are in. $1 id, $2 total, $3 selection hash. */
export const SET_TOTAL = `UPDATE "BulkOperation" o SET "total" = $2::int, "selectionHash" = $3 WHERE o."id" = $1::uuid RETURNING ${OPERATION_FIELDS}`;

/** $1 id, $2 user. */
export const GET_OPERATION = `SELECT ${OPERATION_FIELDS} FROM "BulkOperation" o WHERE o."id" = $1::uuid AND o."userId" = $2::uuid`;

/** What did not go as asked, for the progress view. $1 id, $2 limit. */
export const PROBLEM_ITEMS = `
  SELECT "executionId"::text AS "executionId", "status"::text AS "status", "message" FROM "BulkOperationItem"
  WHERE "operationId" = $1::uuid AND "status" IN ('FAILED', 'SKIPPED') ORDER BY "status", "executionId" LIMIT $2::int`;

/** What a worker needs of an operation. $1 id. */
export const FOR_WORK = `SELECT ${OPERATION_FIELDS} FROM "BulkOperation" o WHERE o."id" = $1::uuid`;

// Takes up to $2 pending items that nobody holds (or whose holder's time ran out) for $3
// seconds. SKIP LOCKED: concurrent workers take different items. $1 operation.
export const CLAIM_ITEMS = `
  UPDATE "BulkOperationItem" i SET "claimedUntil" = now() + make_interval(secs => $3::int)
  FROM (
    SELECT "executionId" FROM "BulkOperationItem"
    WHERE "operationId" = $1::uuid AND "status" = 'PENDING' AND ("claimedUntil" IS NULL OR "claimedUntil" < now())
    ORDER BY "executionId" LIMIT $2::int FOR UPDATE SKIP LOCKED
  ) c
  WHERE i."operationId" = $1::uuid AND i."executionId" = c."executionId"
  RETURNING i."executionId"::text AS "executionId"`;

// Items' outcomes and the operation's counts in one statement. Only a PENDING item takes an
// outcome, so an item worked twice (a retried job, a claim that ran out) is counted once.
// $1 operation, $2 [{executionId, status, resultExecutionId, message}].
export const RECORD_ITEMS = `
  WITH r AS (
    SELECT * FROM jsonb_to_recordset($2::jsonb) AS r("executionId" uuid, "status" text, "resultExecutionId" uuid, "message" text)
  ), changed AS (
    UPDATE "BulkOperationItem" i SET "status" = r."status"::"BulkItemStatus", "resultExecutionId" = r."resultExecutionId", "message" = r."message", "claimedUntil" = NULL
    FROM r WHERE i."operationId" = $1::uuid AND i."executionId" = r."executionId" AND i."status" = 'PENDING'
    RETURNING i."status"
  )
  UPDATE "BulkOperation" o
  SET "done" = o."done" + (SELECT count(*) FROM changed WHERE "status" = 'DONE'),
      "failed" = o."failed" + (SELECT count(*) FROM changed WHERE "status" = 'FAILED'),
      "skipped" = o."skipped" + (SELECT count(*) FROM changed WHERE "status" = 'SKIPPED'),
      "updatedAt" = now()
  WHERE o."id" = $1::uuid
  RETURNING ${OPERATION_FIELDS}`;

/** DONE once no item is pending; the one write that makes it DONE returns the row. $1 operation. */
export const FINISH_IF_COMPLETE = `
  UPDATE "BulkOperation" o SET "status" = 'DONE', "finishedAt" = now(), "updatedAt" = now()
  WHERE o."id" = $1::uuid AND o."status" = 'RUNNING'
    AND NOT EXISTS (SELECT 1 FROM "BulkOperationItem" i WHERE i."operationId" = o."id" AND i."status" = 'PENDING')
  RETURNING ${OPERATION_FIELDS}`;

/** Running operations nobody has moved for $1 seconds (their job was lost): queued again. */
export const STALLED = `SELECT "id"::text AS "id" FROM "BulkOperation" WHERE "status" = 'RUNNING' AND "updatedAt" < now() - make_interval(secs => $1::int) ORDER BY "updatedAt" LIMIT 100`;

/** Finished operations older than $1 days, $2 at a time (their items go with them). */
export const PRUNE_FINISHED = `
  WITH gone AS (
    DELETE FROM "BulkOperation" WHERE "id" IN (
      SELECT "id" FROM "BulkOperation" WHERE "status" = 'DONE' AND "finishedAt" < now() - make_interval(days => $1::int) LIMIT $2::int FOR UPDATE SKIP LOCKED
    ) RETURNING 1
  )
  SELECT count(*)::int AS "count" FROM gone`;
