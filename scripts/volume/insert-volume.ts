// Bulk history for one user: executions and their node rows generated inside PostgreSQL
// (generate_series, INSERT … SELECT), one statement per chunk, so a million runs cost a
// few dozen round trips. Shared by `npm run seed:volume` and the history bench.
import pg from "pg";
import { createWorkflow } from "@/lib/workflows/save-workflow";
import { parseWorkflowInput } from "@/lib/workflows/workflow-input";
import { WORKFLOW_TEMPLATES } from "@/lib/workflows/templates";
import type { TemplateDefinition } from "@/lib/workflows/templates";

export type VolumeWorkflow = { id: string; versionId: string; name: string; method: string; path: string; nodes: { id: string; type: string }[] };

const CHUNK = 50_000;
const DAY_S = 86_400;

// The node path a successful run takes: from the trigger, the first connection each time.
function takenPath(definition: TemplateDefinition): { id: string; type: string }[] {
  const byId = new Map(definition.nodes.map((n) => [n.id, n]));
  const path: { id: string; type: string }[] = [];
  let current = definition.nodes.find((n) => n.type === "webhook");
  while (current && !path.some((p) => p.id === current!.id)) {
    path.push({ id: current.id, type: current.type });
    const next = definition.connections.find((c) => c.from === current!.id);
    current = next ? byId.get(next.to) : undefined;
  }
  return path;
}

// Each template twice, under distinct names and webhook paths.
export async function createVolumeWorkflows(client: pg.Client, userId: string, tag: string): Promise<VolumeWorkflow[]> {
  const created: VolumeWorkflow[] = [];
  for (const [copy, region] of ["EU", "US"].entries()) {
    for (const template of WORKFLOW_TEMPLATES) {
      const path = `volume/${tag}/${template.id}-${region.toLowerCase()}`;
      const definition = template.build(path);
      const name = `${definition.name} (${region})`;
      const { input } = parseWorkflowInput({ ...definition, name, active: copy === 0 });
      const { id } = await createWorkflow(userId, input);
      const version = await client.query<{ id: string }>(`SELECT "id" FROM "WorkflowVersion" WHERE "workflowId" = $1 ORDER BY "version" DESC LIMIT 1`, [id]);
      created.push({ id, versionId: version.rows[0]!.id, name, method: "POST", path, nodes: takenPath(definition) });
    }
  }
  return created;
}

// A UUIDv7-shaped id from a timestamp: ids ascend with time, so the primary keys and the
// (executionId, …) unique index are appended to instead of written at random.
const v7 = (ts: string) =>
  `(lpad(to_hex((extract(epoch from ${ts}) * 1000)::bigint), 12, '0') || '7' || substr(md5(random()::text), 1, 3) || '8' || substr(md5(random()::text), 1, 15))::uuid`;

// Failure messages: a few common ones and one that names its order (a selective error search).
const FAILURES = `(ARRAY['Upstream answered 502', 'Request to https://api.example.com/orders timed out after 10000 ms',
  'connect ECONNREFUSED 10.0.0.12:443', 'Card declined for order V-' || g, 'Expression error: $json.customer.adress is undefined'])`;

// $1 user, $2 workflows (jsonb), $3..$4 the g range, $5 total, $6 span seconds, $7 now (epoch ms).
// Status mix: mostly succeeded; RUNNING only in the last 90 s (workers resume those
// whose lease runs out, as it would after a real outage). Busier workflows first (power skew).
// Payloads vary so that searches have selective values (an email and an order per run, an
// account per 10,000 runs) and non-selective ones (currency, event header, query source).
const INSERT_CHUNK = `
WITH s AS (
  SELECT g, ts, wf, r,
    CASE WHEN ts > now() - interval '90 seconds' AND r < 0.3 THEN 'RUNNING'
         WHEN r < 0.80 THEN 'SUCCEEDED' WHEN r < 0.90 THEN 'FAILED' WHEN r < 0.95 THEN 'PARTIAL'
         WHEN r < 0.98 THEN 'CANCELLED' ELSE 'CRASHED' END AS status,
    jsonb_array_length(wf->'nodes') AS k,
    (3 + (-ln(1 - random()) * 40))::int AS dur
  FROM (
    SELECT g, to_timestamp(($7::float8 - ($5 - g + random()) * $6::float8 * 1000 / $5) / 1000) AS ts,
           $2::jsonb -> floor(power(random(), 1.6) * jsonb_array_length($2::jsonb))::int AS wf, random() AS r
    FROM generate_series($3::int, $4::int) g
  ) base
), c AS (
  SELECT s.*,
    CASE status WHEN 'SUCCEEDED' THEN k WHEN 'FAILED' THEN greatest(k - 2, 0) WHEN 'PARTIAL' THEN k - 1
                WHEN 'CANCELLED' THEN least(2, k) WHEN 'CRASHED' THEN 1 ELSE least(2, k) END AS ns,
    CASE WHEN status IN ('FAILED', 'PARTIAL') THEN 1 ELSE 0 END AS nf
  FROM s
), ex AS (
  INSERT INTO "Execution" ("id", "userId", "workflowId", "workflowVersionId", "status", "mode", "triggerNodeId", "trigger",
    "startedAt", "finishedAt", "durationMs", "error", "executionPath", "nodesSucceeded", "nodesFailed")
  SELECT ${v7("ts")}, $1::uuid, (wf->>'id')::uuid, (wf->>'versionId')::uuid, status::"ExecutionStatus", 'WEBHOOK', 'webhook',
    jsonb_build_object('method', wf->>'method', 'path', wf->>'path',
      'query', jsonb_build_object('source', (ARRAY['shop', 'pos', 'api'])[1 + g % 3]),
      'headers', jsonb_build_object('content-type', 'application/json', 'user-agent', 'hookflow-volume/1',
        'x-event', (ARRAY['order.created', 'order.updated', 'order.paid', 'order.refunded'])[1 + g % 4], 'x-request-id', md5('r' || g)),
      'body', jsonb_build_object('orderId', 'V-' || g, 'amount', (g % 500)::int, 'currency', (ARRAY['EUR', 'USD', 'GBP'])[1 + g % 3],
        'customer', jsonb_build_object('email', 'customer-' || g || '@example.com', 'account', 'acct-' || (g % 100), 'name', 'Customer ' || g),
        'items', jsonb_build_array(jsonb_build_object('sku', 'SKU-' || (g % 97), 'qty', 1 + g % 4)),
        'note', CASE WHEN g % 7 = 0 THEN 'gift wrap, please' ELSE 'leave at the door' END)),
    ts, CASE WHEN status = 'RUNNING' THEN NULL ELSE ts + dur * interval '1 millisecond' END,
    CASE WHEN status = 'RUNNING' THEN NULL ELSE dur END,
    CASE WHEN status IN ('FAILED', 'CRASHED') THEN jsonb_build_object('message', CASE WHEN status = 'FAILED' THEN ${FAILURES}[1 + g % 5] ELSE 'The runner stopped before the run finished (its lease expired)' END,
      'failedNodeIds', CASE WHEN status = 'FAILED' THEN jsonb_build_array(wf->'nodes'->(ns)->>'id') ELSE '[]'::jsonb END) END,
    ARRAY(SELECT n->>'id' FROM jsonb_array_elements(wf->'nodes') WITH ORDINALITY AS p(n, i) WHERE i <= ns + nf ORDER BY i),
    ns, nf
  FROM c ORDER BY ts
  RETURNING "id", "workflowId", "status", "startedAt", "durationMs", "nodesSucceeded", "nodesFailed", "trigger", "error"
)
INSERT INTO "NodeExecution" ("id", "executionId", "nodeId", "nodeType", "runIndex", "status", "startedAt", "finishedAt", "durationMs", "input", "output", "error")
SELECT ${v7("t.s")}, ex."id", node->>'id', node->>'type', 0,
  (CASE WHEN failed THEN 'FAILED' ELSE 'SUCCEEDED' END)::"NodeExecutionStatus", t.s, t.s + step * interval '1 millisecond', step,
  CASE WHEN i = 1 THEN NULL ELSE item END,
  CASE WHEN failed THEN NULL WHEN i = 1 THEN ex."trigger" ELSE item || jsonb_build_object('tier', CASE WHEN (item->>'amount')::int >= 100 THEN 'priority' ELSE 'standard' END, 'step', node->>'id') END,
  CASE WHEN failed THEN jsonb_build_object('message', msg, 'name', 'Error', 'stack', 'Error: ' || msg || '\n    at node (volume)') END
FROM ex
JOIN jsonb_array_elements($2::jsonb) wf ON (wf->>'id')::uuid = ex."workflowId"
CROSS JOIN LATERAL generate_series(1, ex."nodesSucceeded" + ex."nodesFailed") i
CROSS JOIN LATERAL (SELECT wf->'nodes'->(i - 1) AS node,
  coalesce(ex."durationMs", 20)::float8 / (ex."nodesSucceeded" + ex."nodesFailed") AS step,
  (ex."status" = 'FAILED' AND i = ex."nodesSucceeded" + ex."nodesFailed") OR (ex."status" = 'PARTIAL' AND i = ex."nodesSucceeded") AS failed) n
CROSS JOIN LATERAL (SELECT ex."startedAt" + (i - 1) * step * interval '1 millisecond' AS s,
  jsonb_build_object('orderId', ex."trigger"->'body'->'orderId', 'amount', ex."trigger"->'body'->'amount', 'customer', ex."trigger"->'body'->'customer') AS item,
  coalesce(ex."error"->>'message', 'Optional lookup timed out after 2000 ms') AS msg) t
ORDER BY ex."startedAt", i`;

export type InsertVolumeOptions = { userId: string; workflows: VolumeWorkflow[]; count: number; days: number; log: (m: string) => void };

// The search indexes (GIN) are built once after a bulk load: many times faster than
// maintaining them row by row. Their definitions are read back from the catalog.
async function dropSearchIndexes(client: pg.Client): Promise<string[]> {
  const { rows } = await client.query<{ name: string; definition: string }>(
    `SELECT indexname AS name, indexdef AS definition FROM pg_indexes
     WHERE schemaname = current_schema() AND (indexname LIKE '%\\_search\\_idx' OR indexname LIKE '%\\_trgm\\_idx')`,
  );
  for (const { name } of rows) await client.query(`DROP INDEX "${name}"`);
  return rows.map((r) => r.definition);
}

export async function insertVolume(client: pg.Client, { userId, workflows, count, days, log }: InsertVolumeOptions): Promise<{ nodes: number; indexSeconds: number }> {
  // A bulk load, re-runnable from scratch: losing the last commits in a crash is fine here.
  await client.query("SET synchronous_commit = off");
  const deferred = await dropSearchIndexes(client);
  const now = Date.now();
  const payload = JSON.stringify(workflows);
  let nodes = 0;
  for (let start = 1; start <= count; start += CHUNK) {
    const end = Math.min(count, start + CHUNK - 1);
    const result = await client.query(INSERT_CHUNK, [userId, payload, start, end, count, days * DAY_S, now]);
    nodes += result.rowCount ?? 0;
    log(`${end.toLocaleString("en")} / ${count.toLocaleString("en")} executions`);
  }
  const indexStarted = performance.now();
  await client.query("SET maintenance_work_mem = '256MB'");
  for (const definition of deferred) {
    await client.query(definition);
    log(`built ${definition.match(/INDEX (\S+)/)?.[1] ?? definition}`);
  }
  const indexSeconds = (performance.now() - indexStarted) / 1000;
  await client.query(`ANALYZE "Execution"`);
  await client.query(`ANALYZE "NodeExecution"`);
  return { nodes, indexSeconds };
}
