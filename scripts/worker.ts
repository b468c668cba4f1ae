// `npm run worker`: a process that resumes runs (runners that died, durable waits that are
// over) and applies retention. Run any number, on any machines, with DATABASE_URL and PUSHER_*.
import { startWorker } from "@/lib/worker/start-worker";
import { closeDb } from "@/lib/db";

const concurrency = Number(process.env.HOOKFLOW_WORKER_CONCURRENCY ?? 8);

async function main(): Promise<void> {
  const worker = await startWorker({ concurrency });
  console.log(`[hookflow] worker started (concurrency ${concurrency})`);
  let stopping = false;
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      // Jobs in progress finish their current run or are retried elsewhere after they expire;
      // a run's lease tells another worker when to take over.
      void worker.stop().finally(async () => {
        await closeDb().catch(() => undefined);
        process.exit(0);
      });
    });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
