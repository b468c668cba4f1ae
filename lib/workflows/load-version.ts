import { db } from "@/lib/db";
import { clampStoredCodeMemory } from "@/lib/engine/nodes/code";
import { validateWorkflow } from "@/lib/engine/validate-workflow";
import type { ValidatedWorkflow } from "@/lib/engine/types";
import { AppError } from "@/lib/api/errors";
import { logger } from "@/lib/logger";

// Workflow versions are immutable, so caching them by id is correct on every
// instance with no invalidation: a save creates a new id. Bounded, oldest evicted.
const MAX_CACHED = 500;
const cache = new Map<string, Promise<ValidatedWorkflow>>();

async function load(versionId: string): Promise<ValidatedWorkflow> {
  const version = await db().workflowVersion.findUnique({
    where: { id: versionId },
    select: { nodes: true, connections: true, settings: true },
  });
  if (!version) throw new AppError({ code: "not_found", message: "Workflow version not found" });
  // Saved versions passed the limits in force when saved; a later, lower limit (the node count,
  // the host's sandbox memory cap) must not make them unrunnable.
  const checked = validateWorkflow({ ...version, nodes: clampStoredCodeMemory(version.nodes) }, { maxNodes: Number.MAX_SAFE_INTEGER });
  if (!checked.ok) {
    // Saved versions were validated on save; this only happens if a node type was removed.
    logger.error("saved workflow version no longer validates", { versionId, issues: checked.issues });
    throw new AppError({ code: "unprocessable", message: `Saved workflow is invalid: ${checked.issues[0]?.message ?? "unknown"}` });
  }
  return checked.workflow;
}

export function loadWorkflowVersion(versionId: string): Promise<ValidatedWorkflow> {
  const hit = cache.get(versionId);
  if (hit) return hit;
  const loading = load(versionId);
  cache.set(versionId, loading);
  loading.catch(() => cache.delete(versionId));
  if (cache.size > MAX_CACHED) {
    const oldest = cache.keys().next().value;
    if (oldest !== undefined) cache.delete(oldest);
  }
  return loading;
}
