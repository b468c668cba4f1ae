import { COUNT_FAILED, COUNT_SUCCEEDED, insertNodeRows } from "./node-rows";

// Every statement that writes Execution or NodeExecution rows, declared once. Only
// execution-lifecycle.ts runs them. Rows travel as one JSON document per statement
// (jsonb_to_recordset): one round trip per batch, whatever its size.
//
// Fencing: a runner holds the row's `attempt`. Every write a runner makes is conditional on
// that attempt, so a runner that lost its lease (the run was resumed elsewhere, or given up)
// can no longer change the row or add node rows.

// Per-user event numbers (UserEventCounter): a CTE that takes one number per row of `source`
// (rows with "userId") and returns each user's highest number taken ("last"). The counter row
// stays locked until the statement commits, so a user's numbers are gapless and in commit order.
// A row's own number is last - total + rank (rank and total: its place among its user's rows).
const TAKE_SEQS = (source: string) => `INSERT INTO "UserEventCounter" AS c ("userId", "seq")
    SELECT "userId", count(*)::int FROM ${source} GROUP BY "userId"
    ON CONFLICT ("userId") DO UPDATE SET "seq" = c."seq" + EXCLUDED."seq"
    RETURNING c."userId", c."seq" AS "last"`;
const RANKED = (t: string) => `row_number() OVER (PARTITION BY ${t}."userId" ORDER BY ${t}."id") AS "rank", count(*) OVER (PARTITION BY ${t}."userId") AS "total"`;
const OWN_SEQ = `(s."last" - x."total" + x."rank")::int`;

const START_RECORD = `("id" uuid, "userId" uuid, "workflowId" uuid, "workflowVersionId" uuid, "mode" text,
       "triggerNodeId" text, "trigger" jsonb, "startedAt" timestamptz, "retryOfId" uuid, "statusTokenHash" text,
       "responseStatus" int, "responseMs" int, "responseSent" jsonb)`;

const insertStart = (rows: string, onConflict = "") => `
  WITH x AS (SELECT r.*, ${RANKED("r")} FROM ${rows}), s AS (${TAKE_SEQS("x")})
  INSERT INTO "Execution" ("id", "userId", "workflowId", "workflowVersionId", "mode", "triggerNodeId", "trigger", "startedAt", "retryOfId",
                           "statusTokenHash", "responseStatus", "responseMs", "responseSent", "status", "executionPath", "leaseExpiresAt", "eventSeq")
  SELECT x."id", x."userId", x."workflowId", x."workflowVersionId", x."mode"::"ExecutionMode", x."triggerNodeId", x."trigger", x."startedAt",
         x."retryOfId", x."statusTokenHash", x."responseStatus", x."responseMs", x."responseSent", 'RUNNING', '{}', now() + make_interval(secs => $2::int), ${OWN_SEQ}
  FROM x JOIN s ON s."userId" = x."userId"${onConflict}
  RETURNING "id"::text AS "id", "eventSeq" AS "seq"`;

/** $1: StartRecord[] as jsonb, $2: lease seconds. */
export const START_RUNS = insertStart(`jsonb_to_recordset($1::jsonb) AS r${START_RECORD}`);

// One row, admitted by hookflow_admit_execution (see its migration): the check and the
// insert are one statement, so concurrent starts on any number of instances cannot both
// take the last slot. $1: StartRecord, $2: lease seconds, $3: the limit.
export const START_LIMITED_RUN = insertStart(`jsonb_to_record($1::jsonb) AS r${START_RECORD} WHERE hookflow_admit_execution(r."workflowId", $3::int)`);

// One row whose id is derived from what asked for it (a bulk re-run: operation + original), so
// asking again starts nothing: an existing id takes no event number and inserts nothing; the
// ON CONFLICT covers two askers at the same moment. $1: StartRecord, $2: lease seconds.
export const START_RUN_ONCE = insertStart(
  `jsonb_to_record($1::jsonb) AS r${START_RECORD} WHERE NOT EXISTS (SELECT 1 FROM "Execution" d WHERE d."id" = r."id")`,
  `\n  ON CONFLICT ("id") DO NOTHING`,
);

/**
 * The row `e` still belongs to the runner of `attempt`: same attempt, and either running and
 * not handed over (a RUNNING row with resumeAt was released at shutdown), or cancelled while
 * the runner was in flight (it may still record what ran, never the status).
 */
const HELD_BY = (attempt: string) => `e."attempt" = ${attempt} AND (e."status" = 'CANCELLED' OR (e."status" = 'RUNNING' AND e."resumeAt" IS NULL))`;

/** The saved row's fields every verb returns (events are built from these). */
const SAVED = `e."id"::text AS "id", e."userId"::text AS "userId", e."workflowId"::text AS "workflowId", e."status"::text AS "status",
               e."durationMs", e."attempt", e."eventSeq" AS "seq"`;

// Node rows of a run in progress, as they finish (long runs), with the row's counts and path.
// A row cancelled while its run is in flight still takes them (the node the cancel stopped).
// $1: execution id, $2: attempt, $3: NodeRecord[], $4: the run's execution path so far.
export const RECORD_NODES = `
  WITH owner AS (
    SELECT e."id", e."userId" FROM "Execution" e WHERE e."id" = $1::uuid AND ${HELD_BY("$2::int")}
  ), s AS (${TAKE_SEQS("owner")}
  ), inserted AS (
    ${insertNodeRows('owner."id"', "$2::int", "owner CROSS JOIN jsonb_to_recordset($3::jsonb)")}
  ), counted AS (
    UPDATE "Execution" e SET "executionPath" = $4::text[], "eventSeq" = s."last",
      "nodesSucceeded" = e."nodesSucceeded" + (SELECT ${COUNT_SUCCEEDED} FROM inserted),
      "nodesFailed" = e."nodesFailed" + (SELECT ${COUNT_FAILED} FROM inserted)
    FROM owner JOIN s ON s."userId" = owner."userId" WHERE e."id" = owner."id"
    RETURNING e."eventSeq"
  )
  SELECT (SELECT count(*) FROM counted)::int AS "owned", (SELECT max("eventSeq") FROM counted) AS "seq"`;

// The end of a run: its remaining node rows and its final status, one statement for a whole
// batch of runs. A RUNNING row takes the run's status; a row cancelled while the run was in
// flight keeps CANCELLED (final is final) but gets the nodes, counts and path the run reached.
// The webhook answer (when given) and what the sender got (Execution.responseStatus…, see
// lib/executions/sent-response.ts) ride along. `changed` says whether this write made the row
// final, so exactly one writer announces it. (Data-modifying CTEs see the rows as they were
// before the statement: `before` is the old status.)
export const FINISH_RUNS = `
  WITH f AS (
    SELECT * FROM jsonb_to_recordset($1::jsonb) AS f("id" uuid, "attempt" int, "status" text, "finishedAt" timestamptz, "durationMs" int,
           "executionPath" text[], "error" jsonb, "nodes" jsonb, "response" jsonb,
           "responseStatus" int, "responseMs" int, "responseSent" jsonb)
  ), before AS (
    SELECT e."id", e."userId", e."status", ${RANKED("e")} FROM "Execution" e JOIN f ON f."id" = e."id" WHERE ${HELD_BY('f."attempt"')}
  ), s AS (${TAKE_SEQS("before")}
  ), owned AS (
    SELECT f.* FROM f JOIN before USING ("id")
  ), inserted AS (
    ${insertNodeRows('owned."id"', 'owned."attempt"', 'owned CROSS JOIN LATERAL jsonb_to_recordset(owned."nodes")')}
  ), counts AS (
    SELECT "executionId", ${COUNT_SUCCEEDED} AS "succeeded", ${COUNT_FAILED} AS "failed" FROM inserted GROUP BY "executionId"
  ), updated AS (
    UPDATE "Execution" e
    SET "status" = CASE WHEN b."status" = 'RUNNING' THEN o."status"::"ExecutionStatus" ELSE e."status" END,
        "finishedAt" = CASE WHEN b."status" = 'RUNNING' THEN o."finishedAt" ELSE e."finishedAt" END,
        "durationMs" = CASE WHEN b."status" = 'RUNNING' THEN o."durationMs" ELSE e."durationMs" END,
        "error" = CASE WHEN b."status" = 'RUNNING' THEN o."error" ELSE e."error" END,
        "executionPath" = o."executionPath", "leaseExpiresAt" = NULL, "resumeAt" = NULL,
        "nodesSucceeded" = e."nodesSucceeded" + COALESCE(c."succeeded", 0), "nodesFailed" = e."nodesFailed" + COALESCE(c."failed", 0),
        "response" = COALESCE(o."response", e."response"),
        "responseStatus" = COALESCE(o."responseStatus", e."responseStatus"), "responseMs" = COALESCE(o."responseMs", e."responseMs"),
        "responseSent" = COALESCE(o."responseSent", e."responseSent"),
        "eventSeq" = (s."last" - b."total" + b."rank")::int
    FROM owned o JOIN before b USING ("id") JOIN s ON s."userId" = b."userId" LEFT JOIN counts c ON c."executionId" = o."id"
    WHERE e."id" = o."id"
    RETURNING ${SAVED}, (b."status" = 'RUNNING') AS "changed"
  )
  SELECT f."id"::text AS "id", u."userId", u."workflowId", COALESCE(u."status", e."status"::text) AS "status", COALESCE(u."durationMs", e."durationMs") AS "durationMs",
         COALESCE(u."changed", false) AS "changed", (u."id" IS NOT NULL) AS "owned", u."seq"
  FROM f LEFT JOIN updated u ON u."id" = f."id"::text LEFT JOIN "Execution" e ON e."id" = f."id"`;

// A wait node parked the run: its nodes so far, the waiting node's row, and WAITING with the
// time to resume. The lease is dropped: no process holds a waiting run. A webhook run that parks
// before finishing answered its sender now (202, or its respond node): that answer rides along.
// $1: {id, attempt, resumeAt, executionPath, nodes, responseStatus, responseMs, responseSent}.
export const PARK_RUN = `
  WITH p AS (
    SELECT * FROM jsonb_to_record($1::jsonb) AS p("id" uuid, "attempt" int, "resumeAt" timestamptz, "executionPath" text[], "nodes" jsonb,
           "responseStatus" int, "responseMs" int, "responseSent" jsonb)
  ), owned AS (
    SELECT p.*, e."userId" FROM p JOIN "Execution" e ON e."id" = p."id" AND ${HELD_BY('p."attempt"')} AND e."status" = 'RUNNING'
  ), s AS (${TAKE_SEQS("owned")}
  ), inserted AS (
    ${insertNodeRows('owned."id"', 'owned."attempt"', 'owned CROSS JOIN LATERAL jsonb_to_recordset(owned."nodes")')}
  )
  UPDATE "Execution" e
  SET "status" = 'WAITING', "resumeAt" = o."resumeAt", "leaseExpiresAt" = NULL, "executionPath" = o."executionPath", "eventSeq" = s."last",
      "responseStatus" = COALESCE(o."responseStatus", e."responseStatus"), "responseMs" = COALESCE(o."responseMs", e."responseMs"),
      "responseSent" = COALESCE(o."responseSent", e."responseSent"),
      "nodesSucceeded" = e."nodesSucceeded" + (SELECT ${COUNT_SUCCEEDED} FROM inserted),
      "nodesFailed" = e."nodesFailed" + (SELECT ${COUNT_FAILED} FROM inserted)
  FROM owned o JOIN s ON s."userId" = o."userId" WHERE e."id" = o."id"
  RETURNING ${SAVED}, e."resumeAt"`;

// The runner renews its lease; an empty answer means the row is no longer its own (cancelled,
// or resumed by another runner after the lease expired). $1 id, $2 attempt, $3 lease seconds.
export const RENEW_LEASE = `UPDATE "Execution" e SET "leaseExpiresAt" = now() + make_interval(secs => $3::int)
  WHERE e."id" = $1::uuid AND ${HELD_BY("$2::int")} AND e."status" = 'RUNNING' RETURNING 1`;

// CANCELLED is written first, so it is final at once; a running runner sees it at its next
// beat. A parked wait node is cancelled with its run. $1 id, $2 owner.
export const CANCEL_RUN = `
  WITH target AS (
    SELECT "id", "userId" FROM "Execution" WHERE "id" = $1::uuid AND "userId" = $2::uuid AND "status" IN ('RUNNING', 'WAITING') FOR UPDATE
  ), s AS (${TAKE_SEQS("target")}
  ), waiting AS (
    UPDATE "NodeExecution" n SET "status" = 'CANCELLED', "finishedAt" = now(),
      "durationMs" = GREATEST(0, EXTRACT(EPOCH FROM (now() - n."startedAt")) * 1000),
      "error" = jsonb_build_object('message', 'Cancelled while waiting', 'name', 'CancelledError')
    FROM target WHERE n."executionId" = target."id" AND n."status" = 'WAITING'
    RETURNING 1
  )
  UPDATE "Execution" e
  SET "status" = 'CANCELLED', "finishedAt" = now(), "leaseExpiresAt" = NULL, "resumeAt" = NULL,
      "durationMs" = GREATEST(0, (EXTRACT(EPOCH FROM (now() - e."startedAt")) * 1000)::int),
      "error" = jsonb_build_object('message', 'Cancelled by the user', 'failedNodeIds', '[]'::jsonb),
      "eventSeq" = s."last"
  FROM target JOIN s ON s."userId" = target."userId" WHERE e."id" = target."id"
  RETURNING ${SAVED}`;

// Takes a run whose runner died (lease expired) or whose wait is over, for a new runner: the
// attempt moves on (fencing the old runner out). A run whose runners died $3 times is given
// up instead: CRASHED, saying why. SKIP LOCKED: concurrent claimers never both win.
// $1 id, $2 lease seconds, $3 max attempts.
export const CLAIM_RUN = `
  WITH cur AS (
    SELECT "id", "userId", "status" AS "was", "crashes", ("status" = 'RUNNING' AND "resumeAt" IS NOT NULL) AS "handedOver" FROM "Execution"
    WHERE "id" = $1::uuid AND (("status" = 'RUNNING' AND "leaseExpiresAt" < now()) OR ("status" = 'WAITING' AND "resumeAt" <= now()))
    FOR UPDATE SKIP LOCKED
  ), d AS (
    -- A runner died holding it (not a wait that is over, not a run handed over at shutdown).
    SELECT *, ("was" = 'RUNNING' AND NOT "handedOver") AS "died" FROM cur
  ), g AS (
    SELECT *, ("died" AND "crashes" + 1 >= $3::int) AS "giveUp" FROM d
  ), s AS (${TAKE_SEQS("g")}
  )
  UPDATE "Execution" e
  SET "attempt" = e."attempt" + 1,
      "crashes" = e."crashes" + g."died"::int,
      "status" = CASE WHEN g."giveUp" THEN 'CRASHED' ELSE 'RUNNING' END::"ExecutionStatus",
      "leaseExpiresAt" = CASE WHEN g."giveUp" THEN NULL ELSE now() + make_interval(secs => $2::int) END,
      "resumeAt" = NULL,
      "finishedAt" = CASE WHEN g."giveUp" THEN now() END,
      "durationMs" = CASE WHEN g."giveUp" THEN GREATEST(0, (EXTRACT(EPOCH FROM (now() - e."startedAt")) * 1000)::int) END,
      "error" = CASE WHEN g."giveUp"
        THEN jsonb_build_object('message', format('Gave up: the runner died %s times before the run finished (its lease expired each time)', g."crashes" + 1),
                                'failedNodeIds', '[]'::jsonb)
        ELSE e."error" END,
      "eventSeq" = s."last"
  FROM g JOIN s ON s."userId" = g."userId" WHERE e."id" = g."id"
  RETURNING ${SAVED}, g."giveUp", e."workflowVersionId"::text AS "workflowVersionId", e."triggerNodeId", e."trigger", e."startedAt", e."executionPath",
            e."mode"::text AS "mode", (e."statusTokenHash" IS NOT NULL AND e."response" IS NULL) AS "answerOwed"`;

/** What a resumed runner needs of the nodes earlier attempts saved. $1 id. */
export const SAVED_NODES = `
  SELECT "nodeId", "status"::text AS "status", "outputName", "output", "outputTruncated", "startedAt"
  FROM "NodeExecution" WHERE "executionId" = $1::uuid AND "status" IN ('SUCCEEDED', 'FAILED', 'WAITING')`;

// Runs someone must pick up: RUNNING with an expired lease (the runner died), WAITING past its
// time by more than $2 seconds (its scheduled job was lost). Read-only: the claim decides.
export const RESUMABLE_RUNS = `
  (SELECT "id"::text AS "id" FROM "Execution" WHERE "status" = 'RUNNING' AND "leaseExpiresAt" < now() ORDER BY "leaseExpiresAt" LIMIT $1)
  UNION ALL
  (SELECT "id"::text FROM "Execution" WHERE "status" = 'WAITING' AND "resumeAt" < now() - make_interval(secs => $2::int) ORDER BY "resumeAt" LIMIT $1)`;

// A server shutting down hands its unfinished runs over: their leases end now, so another
// process resumes them at once instead of after the lease. `resumeAt` on a RUNNING row marks
// the handover, so it does not count as a runner dying. $1: [{id, attempt}].
export const RELEASE_RUNS = `
  UPDATE "Execution" e SET "leaseExpiresAt" = now() - interval '1 millisecond', "resumeAt" = now()
  FROM jsonb_to_recordset($1::jsonb) AS r("id" uuid, "attempt" int)
  WHERE e."id" = r."id" AND e."attempt" = r."attempt" AND e."status" = 'RUNNING'
  RETURNING e."id"::text AS "id"`;

/** The status of one of a user's executions (why a verb found nothing to change). $1 id, $2 owner. */
export const EXECUTION_STATUS = `SELECT "status"::text AS "status" FROM "Execution" WHERE "id" = $1::uuid AND "userId" = $2::uuid`;

/** The webhook answer, for duplicates of an idempotent delivery and the status URL. $1 id, $2 answer. */
export const STORE_ANSWER = `UPDATE "Execution" SET "response" = $2::jsonb WHERE "id" = $1::uuid`;

// What the sender got, when it differs from what the final statement stored: only when a
// response deadline passed while that statement was already on its way with the run's own
// answer (the sender got the deadline's 202). $1 id, $2 status, $3 ms, $4 detail.
export const RECORD_SENT_RESPONSE = `UPDATE "Execution" SET "responseStatus" = $2::int, "responseMs" = $3::int, "responseSent" = $4::jsonb WHERE "id" = $1::uuid`;

// Deletes a user's finished executions (their node rows and delivery keys go with them; re-runs
// keep existing, unlinked). RUNNING and WAITING rows are refused, like retention does: a runner
// or a scheduled resume still holds them; cancel first. Locked first, so a run finishing right
// now is either deleted after its final write or seen as still running.
// $1 ids, $2 owner. One row per id found: its status and whether it is gone.
export const DELETE_RUNS = `
  WITH t AS (
    SELECT e."id", e."status" FROM "Execution" e WHERE e."id" = ANY($1::uuid[]) AND e."userId" = $2::uuid FOR UPDATE
  ), gone AS (
    DELETE FROM "Execution" e USING t WHERE e."id" = t."id" AND t."status" NOT IN ('RUNNING', 'WAITING') RETURNING e."id"
  )
  SELECT t."id"::text AS "id", t."status"::text AS "status", (gone."id" IS NOT NULL) AS "deleted" FROM t LEFT JOIN gone ON gone."id" = t."id"`;
