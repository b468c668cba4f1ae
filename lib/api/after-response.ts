import { after } from "next/server";
import { logger } from "@/lib/logger";

// Work that must finish after the response is sent (a run in "immediately" mode,
// pending realtime publishes). Inside a Next request, `after()` keeps a Vercel
// function alive until it is done. Outside one (tests calling handlers directly,
// scripts) `after()` throws; the work then simply runs detached in this process.
export function afterResponse(task: () => Promise<unknown>): void {
  const run = () =>
    task().catch((error: unknown) => {
      logger.error("after-response task failed", { error });
    });
  try {
    after(run);
  } catch (error) {
    if (!(error instanceof Error) || !/outside a request scope|request scope/i.test(error.message)) throw error;
    void run();
  }
}
