-- Execution search (GET /api/executions?q=…). See README "Search".

CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- `body.x = v`, `header.h = v`, `query.p = v`: trigger @@ '$.body.x == v' (jsonb_path_ops
-- hashes each value with its whole key path, so a selective value is a short posting list).
CREATE INDEX "Execution_trigger_search_idx" ON "Execution" USING gin ("trigger" jsonb_path_ops);

-- `node:<id> output.x = v`. The webhook node's output is the trigger itself, already indexed
-- above; leaving it out saves a third of the node entries every webhook writes.
CREATE INDEX "NodeExecution_output_search_idx" ON "NodeExecution" USING gin ("output" jsonb_path_ops)
  WHERE "nodeType" <> 'webhook';

-- `error ~ "text"`: trigram indexes on the messages of runs and nodes that have an error.
CREATE INDEX "Execution_error_message_trgm_idx" ON "Execution" USING gin (("error"->>'message') gin_trgm_ops)
  WHERE "error" IS NOT NULL;
CREATE INDEX "NodeExecution_error_message_trgm_idx" ON "NodeExecution" USING gin (("error"->>'message') gin_trgm_ops)
  WHERE "error" IS NOT NULL;
