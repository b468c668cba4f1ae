// Runs once when a server instance starts.
export async function register(): Promise<void> {
  // Node runtime only: the worker and shutdown handling use pg. (NEXT_RUNTIME is set by Next itself.)
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { installRawPathHeader } = await import("@/lib/api/raw-path");
  installRawPathHeader();
  const { startServerWorker } = await import("@/lib/worker/server-worker");
  startServerWorker();
  if (process.env.NODE_ENV === "production") {
    const { installShutdownHandlers } = await import("@/lib/executions/shutdown-handlers");
    installShutdownHandlers();
  }
}
