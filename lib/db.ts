import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { databaseEnv } from "@/lib/env";

// One client per process. In dev, Next reloads modules; keeping the client on
// globalThis stops every reload from opening a new pool.
const globalForDb = globalThis as unknown as { hookflowDb?: PrismaClient };

function createClient(): PrismaClient {
  const { DATABASE_URL, DATABASE_POOL_SIZE } = databaseEnv();
  const adapter = new PrismaPg({ connectionString: DATABASE_URL, max: DATABASE_POOL_SIZE });
  return new PrismaClient({ adapter });
}

export function db(): PrismaClient {
  globalForDb.hookflowDb ??= createClient();
  return globalForDb.hookflowDb;
}
