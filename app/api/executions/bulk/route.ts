import { readJson, withCaller } from "@/lib/api/with-route";
import { routeMethods } from "@/lib/api/route-methods";
import { bulkInput, idempotencyKeyHeader } from "@/lib/executions/bulk/bulk-input";
import { createBulkOperation } from "@/lib/executions/bulk/bulk-operations";
import { workBulkSoon } from "@/lib/worker/opportunistic-work";

// 202 once the operation and its resolved targets are committed; a worker does the work.
const handlePost = withCaller("executions.bulk", async ({ request, caller }) => {
  const key = idempotencyKeyHeader.parse(request.headers.get("idempotency-key") ?? undefined);
  const input = bulkInput.parse(await readJson(request));
  const { operation, replayed } = await createBulkOperation(caller.id, input, key);
  if (!replayed) workBulkSoon();
  return Response.json(
    { operationId: operation.id, total: operation.total, status: operation.status, replayed },
    { status: 202, headers: replayed ? { "idempotent-replayed": "true" } : {} },
  );
});

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = routeMethods({ POST: handlePost });
