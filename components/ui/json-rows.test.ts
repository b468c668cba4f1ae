import { describe, expect, it } from "vitest";
import { CHILD_PAGE, EMPTY_STATE, flattenJson, STRING_PREVIEW, type JsonRow } from "./json-rows";

const text = (rows: JsonRow[]) =>
  rows.map((r) => (r.kind === "open" ? `open${r.open ? "" : "-collapsed"}:${r.key ?? "root"}` : r.kind === "value" ? `${r.key}=${r.text}` : r.kind));

describe("flattenJson", () => {
  it("opens shallow containers and collapses deep ones with a preview", () => {
    const rows = flattenJson({ a: 1, nested: { deeper: { x: 1, y: "two" } } }, EMPTY_STATE);
    expect(text(rows)).toEqual(["open:root", "a=1", "open:nested", "open-collapsed:deeper", "close", "close"]);
    expect(rows[3]).toMatchObject({ preview: '"x": 1, "y": "two"' });
  });

  it("shows a page of a big array, then a 'more' row, and flattens only what is open", () => {
    const big = Array.from({ length: 100_000 }, (_, i) => ({ i }));
    const collapsed = flattenJson({ big }, EMPTY_STATE);
    expect(collapsed).toHaveLength(3);
    const open = flattenJson({ big }, { ...EMPTY_STATE, toggled: new Map([["/big", true]]) });
    expect(open.filter((r) => r.kind === "open" && r.depth === 2)).toHaveLength(CHILD_PAGE);
    expect(open.find((r) => r.kind === "more")).toMatchObject({ hidden: 100_000 - CHILD_PAGE, total: 100_000 });
    const all = flattenJson({ big }, { ...EMPTY_STATE, toggled: new Map([["/big", true]]), allChildren: new Set(["/big"]) });
    expect(all.filter((r) => r.kind === "open" && r.depth === 2)).toHaveLength(100_000);
  });

  it("truncates long strings and cuts a fully shown one into fixed-width rows", () => {
    const long = "x".repeat(1_000);
    const [, row] = flattenJson({ long }, EMPTY_STATE);
    expect(row).toMatchObject({ kind: "value", hiddenChars: 1_000 - STRING_PREVIEW });
    const full = flattenJson({ long }, { ...EMPTY_STATE, fullStrings: new Set(["/long"]) });
    const chunks = full.filter((r) => r.kind === "chunk");
    expect(chunks.map((r) => (r.kind === "chunk" ? r.text : "")).join("")).toBe(JSON.stringify(long));
  });
});
