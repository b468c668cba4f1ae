import { z } from "zod";

// The only place that reads process.env. Parsed lazily so `next build` works
// without a database; the dev launcher (scripts/dev.ts) fills in the embedded
// defaults before the app starts, so the app itself has one code path.
const schema = z.object({
  DATABASE_URL: z.string().min(1, "DATABASE_URL is not set: run `npm run dev`, or point it at PostgreSQL"),
  DATABASE_POOL_SIZE: z.coerce.number().int().positive().default(10),
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
  // Public base URL used for webhook URLs; defaults to the request's origin.
  APP_URL: z.string().url().optional(),
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
});

export type Env = z.infer<typeof schema>;

let cached: Env | undefined;

export function env(): Env {
  if (cached) return cached;
  const parsed = schema.safeParse(process.env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new Error(`Invalid environment: ${problems}`);
  }
  cached = parsed.data;
  return cached;
}
