import { z } from "zod";
import { db } from "@/lib/db";
import { AppError } from "@/lib/api/errors";
import { generateToken, hashToken } from "./tokens";

const KEY_PREFIX = "hfk_";

export const createApiKeySchema = z.object({ name: z.string().trim().min(1).max(100).default("API key") });

export const apiKeySelect = { id: true, name: true, prefix: true, createdAt: true, lastUsedAt: true, revokedAt: true } as const;

export async function createApiKey(userId: string, name = "API key") {
  const key = generateToken(KEY_PREFIX);
  const row = await db().apiKey.create({
    data: { userId, name, keyHash: hashToken(key), prefix: key.slice(0, KEY_PREFIX.length + 6) },
    select: apiKeySelect,
  });
  // The plain key is returned once, here, and never stored.
  return { ...row, key };
}

export async function listApiKeys(userId: string) {
  return db().apiKey.findMany({ where: { userId }, select: apiKeySelect, orderBy: { createdAt: "desc" } });
}

export async function revokeApiKey(userId: string, id: string): Promise<void> {
  const { count } = await db().apiKey.updateMany({ where: { id, userId, revokedAt: null }, data: { revokedAt: new Date() } });
  if (count === 0) throw new AppError({ code: "not_found", message: "API key not found" });
}

export async function findApiKeyUser(key: string): Promise<{ id: string; email: string } | null> {
  if (!key.startsWith(KEY_PREFIX)) return null;
  const row = await db().apiKey.findUnique({
    where: { keyHash: hashToken(key) },
    select: { id: true, revokedAt: true, lastUsedAt: true, user: { select: { id: true, email: true } } },
  });
  if (!row || row.revokedAt) return null;
  // Coarse lastUsedAt: one write per key per minute, not per request.
  if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > 60_000) {
    await db().apiKey.update({ where: { id: row.id }, data: { lastUsedAt: new Date() } });
  }
  return row.user;
}
