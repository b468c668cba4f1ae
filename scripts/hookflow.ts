// `npm run hookflow -- <command>`: account tooling for scripts and tests. Prints JSON.
//   user create --email E --password P [--name N]   → {"userId": "..."}
//   apikey create --email E [--name N]              → {"apiKey": "...", "id": "..."}
// Uses DATABASE_URL, or the embedded dev database in .hookflow/ when it is unset.
import { parseArgs } from "node:util";
import { startDatabase } from "@/lib/dev/embedded-services";
import { applyMigrations } from "@/prisma/apply-migrations";

async function main(): Promise<number> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { email: { type: "string" }, password: { type: "string" }, name: { type: "string" } },
  });
  const [resource, action] = positionals;
  const log = (m: string) => console.error(`[hookflow] ${m}`);
  const database = await startDatabase({ configured: { databaseUrl: process.env.DATABASE_URL }, persistent: true, log });
  process.env.DATABASE_URL = database.url;
  try {
    await applyMigrations(database.url, { log });
    const { createUser, findUserByEmail } = await import("@/lib/auth/users");
    const { createApiKey } = await import("@/lib/auth/api-keys");
    if (resource === "user" && action === "create") {
      if (!values.email || !values.password) throw new Error("user create needs --email and --password");
      const user = await createUser({ email: values.email, password: values.password, name: values.name });
      console.log(JSON.stringify({ userId: user.id, email: user.email }));
      return 0;
    }
    if (resource === "apikey" && action === "create") {
      if (!values.email) throw new Error("apikey create needs --email");
      const user = await findUserByEmail(values.email);
      if (!user) throw new Error(`No user with email ${values.email}`);
      const key = await createApiKey(user.id, values.name ?? "CLI key");
      console.log(JSON.stringify({ apiKey: key.key, id: key.id, userId: user.id }));
      return 0;
    }
    throw new Error("usage: hookflow user create --email E --password P | hookflow apikey create --email E");
  } finally {
    const { closeDb } = await import("@/lib/db");
    await closeDb();
    await database.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(JSON.stringify({ error: { message: error instanceof Error ? error.message : String(error) } }));
    process.exit(1);
  },
);
