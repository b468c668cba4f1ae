import { randomUUID } from "node:crypto";
import fs from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import {
  bindMigrationAwareSqlAdapterFactory,
  ColumnTypeEnum,
  type SqlDriverAdapter,
  type SqlQueryable,
  type SqlMigrationAwareDriverAdapterFactory,
} from "@prisma/driver-adapter-utils";
import type { MigrationList, SchemaEngine } from "@prisma/schema-engine-wasm";
import * as glue from "@prisma/schema-engine-wasm/schema_engine_bg";
import pg from "pg";

// Prisma's own schema engine compiled to wasm, driven through @prisma/adapter-pg: what
// `prisma migrate dev` does, without the native engine binary (which offline machines lack).
// Dev tooling only.

/** Discrete fields, not a connectionString: adapter-pg spreads this config with another
 *  `database` for the shadow database, and a connectionString would win over it. */
export type PgTarget = { host: string; port: number; user: string; password: string; database: string };

export function pgTargetFromUrl(url: string): PgTarget {
  const u = new URL(url);
  return {
    host: u.hostname,
    port: Number(u.port || 5432),
    user: decodeURIComponent(u.username),
    password: decodeURIComponent(u.password),
    database: decodeURIComponent(u.pathname.slice(1)),
  };
}

let wasmReady = false;
let lastPanic: string | undefined;

// The bindings report a Rust panic's message here before the wasm call traps.
(globalThis as { PRISMA_WASM_PANIC_REGISTRY?: unknown }).PRISMA_WASM_PANIC_REGISTRY = {
  set_message(message: string) {
    lastPanic = message;
  },
};

async function loadWasm(): Promise<void> {
  if (wasmReady) return;
  // The package's entry does `import * as wasm from "./x.wasm"`, which Node cannot load without a
  // flag: instantiate the module ourselves and hand it to the generated bindings.
  const require = createRequire(__filename);
  const gluePath = require.resolve("@prisma/schema-engine-wasm/schema_engine_bg");
  const bytes = await fs.readFile(path.join(path.dirname(gluePath), "schema_engine_bg.wasm"));
  const imports: Record<string, unknown> = { ...glue };
  // The engine arms timeouts (e.g. around the migration lock) that it never clears: unref them, or
  // every CLI run lingers ~10 s after its work is done.
  for (const name of Object.keys(imports).filter((k) => k.startsWith("__wbg_setTimeout_"))) {
    imports[name] = (callback: () => void, ms: number) => setTimeout(callback, ms >>> 0).unref();
  }
  const { instance } = await WebAssembly.instantiate(bytes, { "./schema_engine_bg.js": imports } as WebAssembly.Imports);
  glue.__wbg_set_wasm(instance.exports);
  (instance.exports as { __wbindgen_start?: () => void }).__wbindgen_start?.();
  wasmReady = true;
}

/**
 * adapter-pg 7.10.1 cannot deserialize the Postgres type `"char"` (oid 18), which the engine's
 * catalog queries return (pg_constraint.contype, ...) and then read as a Rust `char`. The client
 * relabels such columns as text so the adapter accepts them and remembers their positions, keyed
 * by the rows array the adapter passes through; `withCharColumns` reports them as Character.
 */
const charColumns = new WeakMap<object, number[]>();

class CharAwareClient extends pg.Client {
  override query(...args: unknown[]): never {
    const fix = (r: pg.QueryResult | undefined) => {
      const indexes: number[] = [];
      r?.fields.forEach((field, i) => {
        if (field.dataTypeID !== 18) return;
        field.dataTypeID = 25;
        indexes.push(i);
      });
      if (r && indexes.length > 0) charColumns.set(r.rows, indexes);
      return r;
    };
    // pg.Pool#query (what the adapter calls) passes a callback; direct use returns a promise.
    const last = args.length - 1;
    const callback = args[last];
    if (typeof callback === "function") {
      args[last] = (err: Error | null, r?: pg.QueryResult) => callback(err, fix(r));
    }
    const result = (super.query as (...a: unknown[]) => unknown)(...args);
    return (result instanceof Promise ? result.then(fix) : result) as never;
  }
}

function withCharColumns<T extends SqlQueryable>(queryable: T): T {
  const queryRaw = queryable.queryRaw.bind(queryable);
  queryable.queryRaw = async (query) => {
    const result = await queryRaw(query);
    for (const i of charColumns.get(result.rows) ?? []) result.columnTypes[i] = ColumnTypeEnum.Character;
    return result;
  };
  return queryable;
}

function patchAdapter(adapter: SqlDriverAdapter): SqlDriverAdapter {
  const startTransaction = adapter.startTransaction.bind(adapter);
  adapter.startTransaction = async (isolationLevel) => withCharColumns(await startTransaction(isolationLevel));
  return withCharColumns(adapter);
}

async function adminQuery(target: PgTarget, sql: string): Promise<void> {
  const client = new pg.Client({ ...target, database: "postgres" });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/**
 * adapter-pg's own connectToShadowDb drops the shadow database while its pool is still open, so
 * the DROP fails and the database leaks. Close the pool first, then force the drop.
 */
class MigrateAdapterFactory implements SqlMigrationAwareDriverAdapterFactory {
  readonly provider = "postgres";
  readonly adapterName = "@prisma/adapter-pg";

  /** The engine does not dispose its connections when freed; idle pools would hold the process open. */
  readonly open = new Set<SqlDriverAdapter>();

  constructor(private readonly target: PgTarget) {}

  async connect(): Promise<SqlDriverAdapter> {
    return this.track(patchAdapter(await new PrismaPg({ ...this.target, Client: CharAwareClient }).connect()));
  }

  async disposeAll(): Promise<void> {
    await Promise.all([...this.open].map((a) => a.dispose()));
  }

  private track(adapter: SqlDriverAdapter): SqlDriverAdapter {
    const dispose = adapter.dispose.bind(adapter);
    let disposed: Promise<void> | undefined;
    this.open.add(adapter);
    adapter.dispose = () => {
      this.open.delete(adapter);
      disposed ??= dispose();
      return disposed;
    };
    return adapter;
  }

  async connectToShadowDb(): Promise<SqlDriverAdapter> {
    const database = `prisma_migrate_shadow_db_${randomUUID()}`;
    await adminQuery(this.target, `CREATE DATABASE "${database}"`);
    const adapter = patchAdapter(await new PrismaPg({ ...this.target, database, Client: CharAwareClient }).connect());
    const closePool = adapter.dispose.bind(adapter);
    adapter.dispose = async () => {
      await closePool();
      await adminQuery(this.target, `DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
    };
    return this.track(adapter);
  }
}

export type SchemaFile = { path: string; content: string };

/** Runs `fn` with a schema engine connected to `target`, freeing it afterwards. */
export async function withSchemaEngine<T>(
  target: PgTarget,
  schemaFiles: SchemaFile[],
  fn: (engine: SchemaEngine) => Promise<T>,
  log: (m: string) => void = () => {},
): Promise<T> {
  await loadWasm();
  const factory = new MigrateAdapterFactory(target);
  const adapter = bindMigrationAwareSqlAdapterFactory(factory);
  const engine = await glue.SchemaEngine.new(
    { datamodels: schemaFiles.map((f) => [f.path, f.content]) },
    (message: string) => log(message),
    adapter,
  );
  try {
    return await fn(engine);
  } catch (e) {
    if (lastPanic) throw new Error(`schema engine panicked: ${lastPanic}`, { cause: e });
    throw e;
  } finally {
    engine.free();
    await factory.disposeAll();
  }
}

/** The migrations directory as `prisma migrate` reads it: subdirectories in name order. */
export async function readMigrationsList(migrationsDir: string): Promise<MigrationList> {
  const baseDir = path.resolve(migrationsDir);
  const lockPath = "migration_lock.toml";
  const lockContent = await fs.readFile(path.join(baseDir, lockPath), "utf8").catch(() => null);
  const entries = await fs.readdir(baseDir, { withFileTypes: true }).catch(() => []);
  const migrationDirectories = await Promise.all(
    entries
      .filter((e) => e.isDirectory())
      .map(async (e) => ({
        path: e.name,
        migrationFile: {
          path: "migration.sql",
          content: await fs
            .readFile(path.join(baseDir, e.name, "migration.sql"), "utf8")
            .then((value) => ({ tag: "ok" as const, value }))
            .catch((err: Error) => ({ tag: "error" as const, value: err.message })),
        },
      })),
  );
  migrationDirectories.sort((a, b) => a.path.localeCompare(b.path));
  return { baseDir, lockfile: { path: lockPath, content: lockContent }, shadowDbInitScript: "", migrationDirectories };
}
