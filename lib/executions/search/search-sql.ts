// Search conditions → SQL. Each condition is one predicate on an execution row `e` (used
// by every plan, so the answer never depends on the plan), and, when an index can answer
// it, candidate queries that list the ids of every execution it could match.
//
// Trigger fields and node outputs are matched with SQL/JSON paths in lax mode: arrays on
// the way are looked through (`body.items.sku = "A"` matches any item), `=` on a
// jsonb_path_ops GIN index reads one posting list per (key path, value). Text fields are
// matched case-insensitively: `~` uses like_regex with the "q" (literal) flag, error
// messages use ILIKE, which the trigram indexes serve.
import { Prisma } from "@/lib/generated/prisma/client";
import type { JsonScalar, SearchCondition, SearchField } from "./search-query";

const key = (k: string) => `.${JSON.stringify(k)}`;
const jsonPath = (path: readonly string[]) => `$${path.map(key).join("")}`;
const literal = (v: JsonScalar) => (typeof v === "string" ? JSON.stringify(v) : String(v));

function documentPath(field: SearchField): string[] {
  switch (field.kind) {
    case "body":
      return ["body", ...field.path];
    case "header":
      return ["headers", ...field.path];
    case "query":
      return ["query", ...field.path];
    case "output":
      return field.path;
    case "error":
      return [];
  }
}

const equals = (path: readonly string[], value: JsonScalar) => `${jsonPath(path)} == ${literal(value)}`;

// One JSON document column (the trigger, a node's output) against a condition.
function onDocument(column: Prisma.Sql, path: string[], c: SearchCondition): Prisma.Sql {
  switch (c.op) {
    case "=":
      return Prisma.sql`${column} @@ ${equals(path, c.value)}::jsonpath`;
    case "!=":
      // Present and not equal; a missing field is not "different".
      return Prisma.sql`(${column} @? ${jsonPath(path)}::jsonpath AND NOT coalesce(${column} @@ ${equals(path, c.value)}::jsonpath, false))`;
    case "~":
      // Any text at or below the path contains the value.
      return Prisma.sql`${column} @? ${`${jsonPath(path)}.** ? (@ like_regex ${JSON.stringify(c.value)} flag "iq")`}::jsonpath`;
    case "exists":
      return Prisma.sql`${column} @? ${jsonPath(path)}::jsonpath`;
  }
}

// ILIKE pattern for "contains": the wildcards and the escape character are literal.
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
}

function errorMessage(alias: Prisma.Sql, c: SearchCondition): Prisma.Sql {
  if (c.op === "exists") return Prisma.sql`${alias}."error" IS NOT NULL`;
  if (c.op === "~") return Prisma.sql`(${alias}."error" IS NOT NULL AND (${alias}."error"->>'message') ILIKE ${containsPattern(c.value)})`;
  throw new Error(`error conditions take ~ or exists, not ${c.op}`);
}

// Per-row probes of the run's node rows through (executionId, nodeId, …). OFFSET 0 keeps
// PostgreSQL from turning the EXISTS into a hashed subplan, which reads every matching
// node row of every user (seconds at 4.6 M rows) to answer a walk of a few thousand runs.
const nodeRowsOf = (conditions: Prisma.Sql) =>
  Prisma.sql`EXISTS (SELECT 1 FROM "NodeExecution" n WHERE n."executionId" = e."id" AND ${conditions} OFFSET 0)`;

export function conditionPredicate(c: SearchCondition): Prisma.Sql {
  const f = c.field;
  switch (f.kind) {
    case "body":
    case "header":
    case "query":
      return onDocument(Prisma.sql`e."trigger"`, documentPath(f), c);
    case "output":
      return nodeRowsOf(Prisma.sql`n."nodeId" = ${f.nodeId} AND ${onDocument(Prisma.sql`n."output"`, f.path, c)}`);
    case "error": {
      // A SUCCEEDED run has no node with an error (one that failed under continue-on-fail
      // makes it PARTIAL): most runs of a walk skip the probe.
      const node = Prisma.sql`(e."status" <> 'SUCCEEDED' AND ${nodeRowsOf(
        f.nodeId === null ? errorMessage(Prisma.sql`n`, c) : Prisma.sql`n."nodeId" = ${f.nodeId} AND ${errorMessage(Prisma.sql`n`, c)}`,
      )})`;
      return f.nodeId === null ? Prisma.sql`(${errorMessage(Prisma.sql`e`, c)} OR ${node})` : node;
    }
  }
}

export function searchPredicate(conditions: readonly SearchCondition[]): Prisma.Sql {
  return conditions.length ? Prisma.join(conditions.map(conditionPredicate), " AND ") : Prisma.sql`TRUE`;
}

// Trigram indexes need three letters or digits in a row to narrow anything.
const TRIGRAM_SELECTIVE = /[\p{L}\p{N}]{3}/u;

/**
 * Queries whose union holds the id of every execution in `scope` (a condition on `e`: the
 * caller, filters, cursor) the condition can match, each capped at `limit` rows; null when
 * no index serves the condition. They have no ORDER BY, so the search index is the cheap
 * plan; the scope is checked on the rows it yields.
 */
export function candidateQueries(c: SearchCondition, limit: number, scope: Prisma.Sql): Prisma.Sql[] | null {
  const f = c.field;
  const nodes = (match: Prisma.Sql) => Prisma.sql`SELECT e."id" FROM "NodeExecution" n JOIN "Execution" e ON e."id" = n."executionId"
    WHERE ${match} AND ${scope} LIMIT ${limit}`;
  if (f.kind === "error") {
    if (c.op !== "~" || !TRIGRAM_SELECTIVE.test(c.value)) return null;
    const message = errorMessage(Prisma.sql`n`, c);
    if (f.nodeId !== null) return [nodes(Prisma.sql`n."nodeId" = ${f.nodeId} AND ${message}`)];
    return [Prisma.sql`SELECT e."id" FROM "Execution" e WHERE ${errorMessage(Prisma.sql`e`, c)} AND ${scope} LIMIT ${limit}`, nodes(message)];
  }
  if (c.op !== "=") return null;
  const path = documentPath(f);
  const onTrigger = Prisma.sql`SELECT e."id" FROM "Execution" e WHERE e."trigger" @@ ${equals(path, c.value)}::jsonpath AND ${scope}`;
  if (f.kind !== "output") return [Prisma.sql`${onTrigger} LIMIT ${limit}`];
  // Webhook nodes are not in the output index: their output is the trigger, which is.
  return [
    nodes(Prisma.sql`n."nodeType" <> 'webhook' AND n."nodeId" = ${f.nodeId} AND n."output" @@ ${equals(path, c.value)}::jsonpath`),
    Prisma.sql`${onTrigger} AND e."triggerNodeId" = ${f.nodeId} LIMIT ${limit}`,
  ];
}
