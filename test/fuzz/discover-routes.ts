import { readdirSync, statSync } from "node:fs";
import path from "node:path";

export type RouteParam = { name: string; catchAll: boolean };
export type DiscoveredRoute = {
  /** e.g. "/api/workflows/[id]/test" */
  template: string;
  file: string;
  params: RouteParam[];
};

const ROOT = path.resolve(__dirname, "../../app/api");

// Every app/api/**/route.ts, so a route added later is fuzzed without touching the fuzzer.
export function discoverRoutes(dir = ROOT, segments: string[] = []): DiscoveredRoute[] {
  const found: DiscoveredRoute[] = [];
  for (const entry of readdirSync(dir).sort()) {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) found.push(...discoverRoutes(full, [...segments, entry]));
    else if (entry === "route.ts") {
      const params = segments
        .filter((s) => s.startsWith("["))
        .map((s) => ({ name: s.replace(/^\[+(\.\.\.)?|\]+$/g, ""), catchAll: s.includes("...") }));
      found.push({ template: `/api/${segments.join("/")}`, file: full, params });
    }
  }
  return found;
}

/** The URL path for concrete parameter values, encoded the way a client would send them. */
export function fillTemplate(route: DiscoveredRoute, values: Record<string, string | string[]>): string {
  return route.template.replace(/\[\[?(?:\.\.\.)?([^\]]+)\]\]?/g, (_, name: string) => {
    const value = values[name];
    return Array.isArray(value) ? value.map(encodeURIComponent).join("/") : encodeURIComponent(value ?? "");
  });
}
