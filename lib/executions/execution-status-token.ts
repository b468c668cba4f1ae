import { createHash, randomBytes } from "node:crypto";
import { preparedQuery } from "@/lib/db";
import { AppError } from "@/lib/api/errors";
import { isUuid } from "@/lib/api/ids";
import { isTerminal, type ExecutionStatus } from "./status";

// A status URL is a capability: whoever holds it may read one execution's status and
// answer, without an account. Only the SHA-256 is stored, like session tokens and API keys,
// so a database read does not hand out working URLs. 32 random bytes cannot be guessed.
export function newStatusToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString("base64url");
  return { token, hash: hashStatusToken(token) };
}

function hashStatusToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export function statusPath(executionId: string, token: string): string {
  return `/api/executions/${executionId}/status?token=${token}`;
}

type StoredAnswer = { status: number; headers: Record<string, string>; body: string };

export type ExecutionStatusView = {
  executionId: string;
  status: ExecutionStatus;
  startedAt: string;
  finishedAt: string | null;
  durationMs: number | null;
  /** Once finished: the answer the workflow produced; a JSON body is parsed, other bodies are text. */
  response?: { status: number; headers: Record<string, string>; body: unknown };
};

type Row = { status: ExecutionStatus; startedAt: Date; finishedAt: Date | null; durationMs: number | null; response: StoredAnswer | null };

const READ = `SELECT "status"::text AS "status", "startedAt", "finishedAt", "durationMs", "response" FROM "Execution"
              WHERE "id" = $1::uuid AND "statusTokenHash" = $2`;

function decodeBody(answer: StoredAnswer): unknown {
  const type = answer.headers["content-type"] ?? "";
  if (!/[/+]json\b/i.test(type)) return answer.body;
  try {
    return JSON.parse(answer.body);
  } catch {
    return answer.body;
  }
}

// A wrong token and an unknown id look the same (404), so the route confirms nothing.
export async function readExecutionStatus(executionId: string, token: string | null): Promise<ExecutionStatusView> {
  const notFound = new AppError({ code: "not_found", message: "Execution not found" });
  if (!token || token.length > 100 || !isUuid(executionId)) throw notFound;
  const [row] = await preparedQuery<Row>("hookflow_execution_status_by_token", READ, [executionId, hashStatusToken(token)]);
  if (!row) throw notFound;
  const view: ExecutionStatusView = {
    executionId: executionId.toLowerCase(),
    status: row.status,
    startedAt: row.startedAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
    durationMs: row.durationMs,
  };
  if (isTerminal(row.status) && row.response) {
    view.response = { status: row.response.status, headers: row.response.headers, body: decodeBody(row.response) };
  }
  return view;
}
