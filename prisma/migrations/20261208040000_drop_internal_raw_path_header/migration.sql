-- The server's own x-hookflow-raw-path request header (lib/api/raw-path.ts) was stored with the
-- sender's headers: runs' trigger requests, the webhook node's output and the next nodes' input,
-- and refused-delivery samples. It is no longer stored (lib/triggers/redact-headers.ts); remove it
-- from what was.
UPDATE "Execution"
SET "trigger" = jsonb_set("trigger", '{headers}', ("trigger"->'headers') - 'x-hookflow-raw-path')
WHERE "trigger"->'headers' ? 'x-hookflow-raw-path';

UPDATE "NodeExecution"
SET "output" = jsonb_set("output", '{headers}', ("output"->'headers') - 'x-hookflow-raw-path')
WHERE jsonb_typeof("output") = 'object' AND "output"->'headers' ? 'x-hookflow-raw-path';

UPDATE "NodeExecution"
SET "input" = jsonb_set("input", '{headers}', ("input"->'headers') - 'x-hookflow-raw-path')
WHERE jsonb_typeof("input") = 'object' AND "input"->'headers' ? 'x-hookflow-raw-path';

UPDATE "RefusedDelivery"
SET "headers" = "headers" - 'x-hookflow-raw-path'
WHERE "headers" ? 'x-hookflow-raw-path';
