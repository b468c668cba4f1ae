import { engineEnv } from "@/lib/env";
import { logger } from "@/lib/logger";
import { finishExecution, type ExecutionFinish } from "./lifecycle/execution-lifecycle";

const MAX_DELAY_MS = 10_000;

// A run that finished keeps its result until the database takes it: a failover takes 10-60 s,
// and a result thrown away would turn a finished run into a crash. Retries with backoff for up
// to HOOKFLOW_RESULT_RETRY_MS; if the process dies meanwhile, the lease expires and another
// process resumes the run from its saved nodes (at-least-once).
export async function keepSaving(finish: ExecutionFinish): Promise<void> {
  const deadline = Date.now() + engineEnv().HOOKFLOW_RESULT_RETRY_MS;
  for (let delay = 1_000; ; delay = Math.min(delay * 2, MAX_DELAY_MS)) {
    await new Promise((resolve) => setTimeout(resolve, delay));
    try {
      const { saved, published } = await finishExecution(finish);
      logger.info("execution result saved after retrying", { executionId: finish.run.executionId, status: saved.status });
      await published;
      return;
    } catch (error) {
      if (Date.now() >= deadline) {
        logger.error("execution result could not be saved; the run will be resumed from its saved nodes", { executionId: finish.run.executionId, error });
        return;
      }
    }
  }
}
