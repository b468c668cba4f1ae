import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { resetDatabase, testDatabaseUrl } from "@/test/db";
import { applyMigrations, readLocalMigrations } from "./apply-migrations";

const APP_TABLES = ["ApiKey", "Execution", "NodeExecution", "Session", "User", "WebhookTrigger", "Workflow", "WorkflowVersion"];

type Row = { migration_name: string; checksum: string; finished_at: Date | null; applied_steps_count: number; logs: string | null };

async function query<T extends pg.QueryResultRow>(url: string, sql: string, values?: unknown[]): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql, values)).rows;
  } finally {
    await client.end();
  }
}

const migrationRows = (url: string) =>
  query<Row>(url, `SELECT migration_name, checksum, finished_at, applied_steps_count, logs FROM "_prisma_migrations" ORDER BY migration_name`);

/** A scratch database on the test server, for cases that need to start from nothing. */
async function scratchDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `scratch_${Math.random().toString(36).slice(2, 10)}`;
  await query(testDatabaseUrl(), `CREATE DATABASE "${name}"`);
  const url = new URL(testDatabaseUrl());
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => query(testDatabaseUrl(), `DROP DATABASE "${name}" WITH (FORCE)`).then(() => {}) };
}

describe("applyMigrations", () => {
  it("applied every committed migration, booked as Prisma books them", async () => {
    const local = await readLocalMigrations();
    expect(local.length).toBeGreaterThan(0);

    const tables = await query<{ table_name: string }>(
      testDatabaseUrl(),
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name`,
    );
    expect(tables.map((t) => t.table_name)).toEqual(expect.arrayContaining([...APP_TABLES, "_prisma_migrations"]));

    const rows = await migrationRows(testDatabaseUrl());
    expect(rows.map((r) => [r.migration_name, r.checksum])).toEqual(local.map((m) => [m.name, m.checksum]));
    for (const row of rows) {
      expect(row.finished_at).toBeInstanceOf(Date);
      expect(row.applied_steps_count).toBe(1);
      expect(row.checksum).toMatch(/^[0-9a-f]{64}$/);
    }
  });

  it("is a no-op the second time", async () => {
    const before = await migrationRows(testDatabaseUrl());
    await expect(applyMigrations(testDatabaseUrl())).resolves.toEqual({ applied: [] });
    expect(await migrationRows(testDatabaseUrl())).toEqual(before);
  });

  it("applies each migration once when two processes start at the same time", async () => {
    const db = await scratchDatabase();
    try {
      const [a, b] = await Promise.all([applyMigrations(db.url), applyMigrations(db.url)]);
      const names = (await readLocalMigrations()).map((m) => m.name);
      expect([...a.applied, ...b.applied]).toEqual(names);
      expect((await migrationRows(db.url)).map((r) => r.migration_name)).toEqual(names);
    } finally {
      await db.drop();
    }
  });

  it("records a failing migration, rolls it back, and refuses to continue past it", async () => {
    const db = await scratchDatabase();
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), "hookflow-migrations-"));
    try {
      await fs.mkdir(path.join(dir, "20000101000000_ok"));
      await fs.writeFile(path.join(dir, "20000101000000_ok", "migration.sql"), `CREATE TABLE "A" ("id" INTEGER);`);
      await fs.mkdir(path.join(dir, "20000101000001_broken"));
      await fs.writeFile(
        path.join(dir, "20000101000001_broken", "migration.sql"),
        `CREATE TABLE "B" ("id" INTEGER);\nALTER TABLE "Missing" ADD COLUMN "x" INTEGER;`,
      );

      await expect(applyMigrations(db.url, { migrationsDir: dir })).rejects.toThrow(/20000101000001_broken failed/);
      const rows = await migrationRows(db.url);
      expect(rows.map((r) => [r.migration_name, r.finished_at !== null])).toEqual([
        ["20000101000000_ok", true],
        ["20000101000001_broken", false],
      ]);
      expect(rows[1]?.logs).toContain("42P01");
      // The whole failed migration was rolled back, not just the failing statement.
      const b = await query<{ t: string | null }>(db.url, `SELECT to_regclass('public."B"')::text AS t`);
      expect(b[0]?.t).toBeNull();

      await expect(applyMigrations(db.url, { migrationsDir: dir })).rejects.toThrow(/failed migrations.*20000101000001_broken/);
    } finally {
      await db.drop();
      await fs.rm(dir, { recursive: true, force: true });
    }
  });
});

describe("the Prisma client on the migrated schema", () => {
  let prisma: PrismaClient;

  beforeAll(() => {
    prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: testDatabaseUrl() }) });
  });
  afterAll(async () => {
    await prisma.$disconnect();
  });
  beforeEach(resetDatabase);

  it("writes and reads a user with a workflow, Json columns and an enum array", async () => {
    const nodes = [{ id: "hook", type: "webhook", params: { path: "orders", nested: [1, null, true] } }];
    const user = await prisma.user.create({
      data: {
        email: "ada@example.com",
        passwordHash: "x",
        workflows: {
          create: {
            name: "Orders",
            nodes,
            connections: { hook: [] },
            versions: { create: { version: 1, name: "Orders", nodes, connections: {}, settings: {} } },
          },
        },
      },
      include: { workflows: { include: { versions: true } } },
    });
    const workflow = user.workflows[0]!;
    await prisma.webhookTrigger.create({
      data: {
        workflowId: workflow.id,
        userId: user.id,
        workflowVersionId: workflow.versions[0]!.id,
        nodeId: "hook",
        path: "orders",
        pathKey: "orders",
        methods: ["GET", "POST"],
      },
    });

    const found = await prisma.user.findUniqueOrThrow({
      where: { email: "ada@example.com" },
      include: { workflows: { include: { triggers: true } } },
    });
    expect(found.id).toBe(user.id);
    expect(found.workflows[0]?.nodes).toEqual(nodes);
    expect(found.workflows[0]?.settings).toEqual({}); // the column default '{}'
    expect(found.workflows[0]?.triggers[0]).toMatchObject({ methods: ["GET", "POST"], responseMode: "lastNode", active: false });
    expect(await prisma.webhookTrigger.count({ where: { methods: { has: "POST" } } })).toBe(1);
  });

  it("deleting a user removes everything it owns", async () => {
    const user = await prisma.user.create({ data: { email: "bob@example.com", passwordHash: "x" } });
    const workflow = await prisma.workflow.create({ data: { userId: user.id, name: "W", nodes: [], connections: {} } });
    const version = await prisma.workflowVersion.create({
      data: { workflowId: workflow.id, version: 1, name: "W", nodes: [], connections: {}, settings: {} },
    });
    await prisma.execution.create({
      data: {
        id: crypto.randomUUID(),
        userId: user.id,
        workflowId: workflow.id,
        workflowVersionId: version.id,
        mode: "MANUAL",
        triggerNodeId: "hook",
        trigger: { body: null },
        startedAt: new Date(),
        executionPath: ["hook"],
        nodes: {
          create: { nodeId: "hook", nodeType: "webhook", status: "SUCCEEDED", startedAt: new Date(), finishedAt: new Date(), durationMs: 0.4 },
        },
      },
    });

    await prisma.user.delete({ where: { id: user.id } });
    const counts = await Promise.all([prisma.workflow.count(), prisma.workflowVersion.count(), prisma.execution.count(), prisma.nodeExecution.count()]);
    expect(counts).toEqual([0, 0, 0, 0]);
  });
});
