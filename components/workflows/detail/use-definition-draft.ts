"use client";
import { useMemo, useState } from "react";
import { isApiError } from "@/components/data/fetch-api";
import type { DefinitionConnection, DefinitionNode, WorkflowDetail } from "../workflow-types";
import { JsonSyntaxError, lineOfOffset, readJsonWithLocations, type JsonLocations } from "./json-locations";
import { isServerIssues, mapIssues, type ServerIssue } from "./map-issues";
import { definitionText } from "./use-workflow";

function graphShape(value: unknown, fallback: WorkflowDetail): { nodes: DefinitionNode[]; connections: DefinitionConnection[] } {
  const v = value as { nodes?: unknown; connections?: unknown } | null;
  if (!v || typeof v !== "object" || !Array.isArray(v.nodes)) return { nodes: fallback.nodes, connections: fallback.connections };
  // A draft may be half-typed: show what is well-formed enough to draw.
  const nodes = v.nodes.filter((n): n is DefinitionNode => !!n && typeof n === "object" && typeof (n as DefinitionNode).id === "string" && typeof (n as DefinitionNode).type === "string");
  const ids = new Set(nodes.map((n) => n.id));
  const connections = (Array.isArray(v.connections) ? v.connections : []).filter(
    (c): c is DefinitionConnection => !!c && typeof c === "object" && ids.has((c as DefinitionConnection).from) && ids.has((c as DefinitionConnection).to),
  );
  return { nodes, connections };
}

const HISTORY_LIMIT = 200;

// The editor's text, what it parses to, and the server's complaints mapped onto it.
export function useDefinitionDraft(workflow: WorkflowDetail) {
  const savedText = definitionText(workflow);
  const [text, setTextState] = useState(savedText);
  // Undo/redo over whole texts: every edit (canvas, form or JSON tab) is a text change, so one
  // history covers them all. Bounded so a long session does not hold every keystroke.
  const [past, setPast] = useState<string[]>([]);
  const [future, setFuture] = useState<string[]>([]);
  const setText = (next: string) => {
    if (next === text) return;
    setPast((p) => [...p.slice(-(HISTORY_LIMIT - 1)), text]);
    setFuture([]);
    setTextState(next);
  };
  const [prevSaved, setPrevSaved] = useState(savedText);
  const [serverIssues, setServerIssues] = useState<ServerIssue[]>([]);
  // A new saved version (this editor's save, or the webhook form's) replaces an unedited draft.
  if (savedText !== prevSaved) {
    setPrevSaved(savedText);
    if (text === prevSaved) setTextState(savedText);
  }

  const parsed = useMemo((): { located: JsonLocations | null; syntaxError: { message: string; line: number } | null } => {
    try {
      return { located: readJsonWithLocations(text), syntaxError: null };
    } catch (error) {
      if (!(error instanceof JsonSyntaxError)) throw error;
      return { located: null, syntaxError: { message: error.message, line: lineOfOffset(text, error.offset) } };
    }
  }, [text]);

  const issues = useMemo(() => mapIssues(serverIssues, text, parsed.located), [serverIssues, text, parsed.located]);
  const errorsByNode = useMemo(() => {
    const map = new Map<string, string[]>();
    for (const issue of issues) if (issue.nodeId) map.set(issue.nodeId, [...(map.get(issue.nodeId) ?? []), issue.message]);
    return map;
  }, [issues]);
  const graph = useMemo(() => graphShape(parsed.located?.value, workflow), [parsed.located, workflow]);

  const lineOfNode = (nodeId: string): number | null => {
    const index = graph.nodes.findIndex((n) => n.id === nodeId);
    const value = parsed.located?.value as { nodes?: { id?: unknown }[] } | undefined;
    const rawIndex = value?.nodes?.findIndex((n) => n?.id === nodeId) ?? index;
    const offset = parsed.located?.offsets.get(`nodes[${rawIndex}]`);
    return offset === undefined ? null : lineOfOffset(text, offset);
  };

  return {
    text,
    setText,
    dirty: text !== savedText,
    revert: () => {
      setText(savedText);
      setServerIssues([]);
    },
    canUndo: past.length > 0,
    canRedo: future.length > 0,
    undo: () => {
      const previous = past.at(-1);
      if (previous === undefined) return;
      setPast(past.slice(0, -1));
      setFuture([text, ...future]);
      setTextState(previous);
    },
    redo: () => {
      const [next, ...rest] = future;
      if (next === undefined) return;
      setFuture(rest);
      setPast([...past, text]);
      setTextState(next);
    },
    value: parsed.located?.value,
    syntaxError: parsed.syntaxError,
    issues,
    errorsByNode,
    graph,
    lineOfNode,
    onSaved: (saved: WorkflowDetail) => {
      setServerIssues([]);
      setTextState(definitionText(saved));
    },
    // A 400 with details names each problem; anything else is one problem without a place.
    // Returns them mapped onto the text, so the caller can bring the first into view.
    onSaveError: (error: unknown) => {
      const details = isApiError(error) ? error.details : undefined;
      const next = isServerIssues(details) ? details : [{ path: "", message: error instanceof Error ? error.message : "Save failed" }];
      setServerIssues(next);
      return mapIssues(next, text, parsed.located);
    },
  };
}
