import { logger } from "@/lib/logger";

const DELAYS_MS = [50, 200, 800];

// A transient database error (failover, a dropped connection) must not lose a run's
// result: retry a few times with backoff, logging each failure, then give up loudly.
export async function withWriteRetry<T>(what: string, write: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await write();
    } catch (error) {
      const delay = DELAYS_MS[attempt];
      logger.error(`${what} failed`, { attempt: attempt + 1, willRetry: delay !== undefined, error });
      if (delay === undefined) throw error;
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}
