import { z } from "zod";

// The only place that reads process.env. Each part is parsed lazily and on its own,
// so `next build` needs no database and a script that only needs the database does
// not need Pusher. The dev launcher (scripts/serve.ts) fills in embedded defaults
// before the app starts, so the app itself has one code path.
const databaseSchema = z.object({
  DATABASE_URL: z.string().min(1, "DATABASE_URL is not set: run `npm run dev`, or point it at PostgreSQL"),
  DATABASE_POOL_SIZE: z.coerce.number().int().positive().default(10),
});

const pusherSchema = z.object({
  PUSHER_APP_ID: z.string().min(1, "PUSHER_APP_ID is not set: run `npm run dev`, or set PUSHER_* for Pusher"),
  PUSHER_KEY: z.string().min(1),
  PUSHER_SECRET: z.string().min(1),
  PUSHER_CLUSTER: z.string().default("mt1"),
  // A self-hosted Pusher-compatible server (or the embedded one). Unset → Pusher's cloud.
  PUSHER_HOST: z.string().optional(),
  PUSHER_PORT: z.coerce.number().int().positive().optional(),
  PUSHER_USE_TLS: z.enum(["true", "false"]).optional(),
  // What the browser connects to, when it differs from what the server publishes to.
  PUSHER_CLIENT_HOST: z.string().optional(),
  PUSHER_CLIENT_PORT: z.coerce.number().int().positive().optional(),
});

function isHttpOrigin(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === "http:" || url.protocol === "https:") && url.origin === value.replace(/\/+$/, "");
  } catch {
    return false; // not a URL at all: the refinement's message says what is expected
  }
}

const appSchema = z.object({
  // Vercel Cron sends it as a Bearer token; /api/cron/* refuses requests without it.
  CRON_SECRET: z.string().min(16).optional(),
  // Public base URL used for webhook URLs, status URLs and Location; unset → the request's
  // origin (lib/workflows/webhook-url.ts).
  APP_URL: z.string().url().optional(),
  // A separate origin for webhooks (e.g. https://hooks.example.com), where the app's cookies never
  // go: webhook URLs are shown on it, and on its host only webhooks, their status URLs and the
  // health check answer (docs/security/webhook-responses.md).
  HOOKFLOW_WEBHOOK_ORIGIN: z
    .string()
    .refine(isHttpOrigin, "must be an origin such as https://hooks.example.com (no path)")
    .transform((value) => new URL(value).origin)
    .optional(),
  // Set to "1" by Vercel itself: its edge sets x-forwarded-host/-proto, so they are trusted.
  VERCEL: z.string().optional(),
  // Elsewhere, trust x-forwarded-host/-proto only when a proxy you run sets (and strips) them.
  HOOKFLOW_TRUST_PROXY: z.enum(["true", "false"]).default("false"),
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
});

// What a workflow may do on this server. Private-network requests are off by default:
// a workflow author must not reach the database, metadata endpoints or the LAN.
const engineSchema = z.object({
  HOOKFLOW_ALLOW_PRIVATE_NETWORK: z.enum(["true", "false"]).default("false"),
  HOOKFLOW_MAX_RUN_MS: z.coerce.number().int().positive().default(300_000),
  HOOKFLOW_MAX_NODES: z.coerce.number().int().positive().default(200),
  HOOKFLOW_MAX_OUTPUT_BYTES: z.coerce.number().int().positive().default(1024 * 1024),
  // The longest `wait` (30 days). Waits longer than HOOKFLOW_PARK_AFTER_MS park the run.
  HOOKFLOW_MAX_WAIT_MS: z.coerce.number().int().nonnegative().default(30 * 24 * 3600_000),
  HOOKFLOW_PARK_AFTER_MS: z.coerce.number().int().nonnegative().default(5_000),
  // How long a running execution's lease lasts without renewal before another process may
  // resume the run; tests shorten it.
  HOOKFLOW_LEASE_SECONDS: z.coerce.number().int().min(2).default(30),
  // Runners that may die holding one run before it is given up as CRASHED.
  HOOKFLOW_MAX_ATTEMPTS: z.coerce.number().int().min(1).default(3),
  // How long a finished run keeps retrying the write of its result while the database is away.
  HOOKFLOW_RESULT_RETRY_MS: z.coerce.number().int().nonnegative().default(15 * 60_000),
  // On SIGTERM, how long running executions get to finish before they are handed to another process.
  HOOKFLOW_SHUTDOWN_GRACE_MS: z.coerce.number().int().nonnegative().default(25_000),
  // "auto": a long-running server (not Vercel) also works the job queue (resumes runs); "off": it
  // only accepts webhooks, and `npm run worker` processes do the resuming.
  HOOKFLOW_WORKER: z.enum(["auto", "off"]).default("auto"),
  // How often a worker looks for runs to resume (expired leases, overdue waits).
  HOOKFLOW_SWEEP_MS: z.coerce.number().int().min(200).default(5_000),
  VERCEL: z.string().optional(),
});

function parser<S extends z.ZodType>(schema: S): () => z.infer<S> {
  let cached: z.infer<S> | undefined;
  return () => {
    if (cached) return cached;
    const parsed = schema.safeParse(process.env);
    if (!parsed.success) {
      const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
      throw new Error(`Invalid environment: ${problems}`);
    }
    cached = parsed.data;
    return parsed.data;
  };
}

export const databaseEnv = parser(databaseSchema);

/** False during `next build` and anywhere the database is not configured. */
export function hasDatabase(): boolean {
  return databaseSchema.safeParse(process.env).success;
}
export const pusherEnv = parser(pusherSchema);
export const appEnv = parser(appSchema);
export const engineEnv = parser(engineSchema);

// Webhook ingestion limits (lib/triggers). Defaults suit a single small server; raise
// them deliberately: every byte of a body is held in memory and stored as trigger data.
const webhookSchema = z.object({
  WEBHOOK_MAX_BODY_BYTES: z.coerce.number().int().positive().default(1024 * 1024),
  // Multipart file content kept (base64) per file; larger files keep name/type/size only.
  WEBHOOK_MAX_FILE_BYTES: z.coerce.number().int().nonnegative().default(256 * 1024),
  WEBHOOK_MAX_JSON_DEPTH: z.coerce.number().int().positive().default(64),
  WEBHOOK_MAX_JSON_KEYS: z.coerce.number().int().positive().default(50_000),
  // How long a duplicate delivery waits for the first one's answer before it gets 202.
  WEBHOOK_IDEMPOTENCY_WAIT_MS: z.coerce.number().int().nonnegative().default(30_000),
  // Server-wide defaults for load limits (lib/triggers/webhook-limits.ts); unset = no limit,
  // and an unlimited webhook costs no extra statement. Workflows may override both.
  // Requests per webhook path, "<n>/second" or "<n>/minute".
  WEBHOOK_RATE_LIMIT: z
    .string()
    .regex(/^\d+\/(second|minute)$/, 'must look like "100/second" or "6000/minute"')
    .optional(),
  // RUNNING executions per workflow started by webhooks.
  WEBHOOK_MAX_CONCURRENCY: z.coerce.number().int().positive().optional(),
});

export const webhookEnv = parser(webhookSchema);

// Execution retention (lib/executions/lifecycle/prune-executions.ts): the default for users who
// saved no settings, and how much one maintenance pass may delete.
const retentionSchema = z.object({
  HOOKFLOW_RETENTION_DAYS: z.coerce.number().int().positive().default(14),
  // Rows per statement: small enough that no lock is held for long.
  HOOKFLOW_RETENTION_BATCH: z.coerce.number().int().positive().default(500),
  // Statements per job per pass; the rest waits for the next pass.
  HOOKFLOW_RETENTION_MAX_BATCHES: z.coerce.number().int().positive().default(20),
});

export const retentionEnv = parser(retentionSchema);

// JSON bodies of the REST API (lib/api/read-request-body.ts); webhooks have their own above.
const apiSchema = z.object({
  HOOKFLOW_API_MAX_BODY_BYTES: z.coerce.number().int().positive().default(1024 * 1024),
  HOOKFLOW_API_MAX_JSON_DEPTH: z.coerce.number().int().positive().default(64),
  HOOKFLOW_API_MAX_JSON_KEYS: z.coerce.number().int().positive().default(50_000),
});

export const apiEnv = parser(apiSchema);

// Bulk actions on executions (lib/executions/bulk/): how many executions one operation may
// target, and how many re-runs a bulk job runs at once in a worker.
const bulkSchema = z.object({
  HOOKFLOW_BULK_MAX_TARGETS: z.coerce.number().int().positive().default(10_000),
  HOOKFLOW_BULK_CONCURRENCY: z.coerce.number().int().positive().default(4),
});

export const bulkEnv = parser(bulkSchema);
