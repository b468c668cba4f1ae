import { defineConfig } from "prisma/config";

// The standard CLI (`prisma migrate deploy`, `prisma studio`) reads the URL from here.
// DATABASE_URL is only required by commands that touch a database, not by `prisma generate`.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations", seed: "tsx prisma/seed.ts" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://localhost:5432/hookflow" },
});
