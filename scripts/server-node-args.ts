// Node flags for the production server started by our scripts (serve.ts start, the
// benchmark, the fault cluster). V8 otherwise sizes the heap from the machine's memory
// and lets garbage pile up to hundreds of MB under load; a webhook server's live data is
// small, so a bounded old generation keeps RSS near the 250 MB target at the same
// throughput (measured with `npm run bench`). NODE_OPTIONS with its own limit wins.
export function serverNodeArgs(nodeOptions = process.env.NODE_OPTIONS ?? ""): string[] {
  return nodeOptions.includes("--max-old-space-size") ? [] : ["--max-old-space-size=192"];
}
