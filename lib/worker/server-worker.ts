import { engineEnv, hasDatabase } from "@/lib/env";
import { onDraining } from "@/lib/executions/in-flight";
import { logger } from "@/lib/logger";
import { startWorker } from "./start-worker";

// A long-running web server also works the job queue unless told not to (HOOKFLOW_WORKER=off,
// e.g. when `npm run worker` processes do it, or the launcher runs one). On Vercel a function
// does not outlive its request, so the cron route and after() do the work instead.
export function startServerWorker(): void {
  const env = engineEnv();
  if (!hasDatabase() || env.HOOKFLOW_WORKER === "off" || env.VERCEL) return;
  const attempt = () =>
    startWorker().then(
      (worker) => {
        logger.info("worker started in the web server");
        // A draining server hands its runs to others; it must not take them back.
        onDraining(() => void worker.stop());
      },
      (error: unknown) => {
        // The database may be down at boot; the server still starts, and the worker follows.
        logger.error("worker could not start; retrying in 5 s", { error });
        setTimeout(attempt, 5_000).unref();
      },
    );
  void attempt();
}
