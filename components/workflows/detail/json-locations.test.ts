import { describe, expect, it } from "vitest";
import { JsonSyntaxError, lineOfOffset, offsetOfPath, readJsonWithLocations } from "./json-locations";
import { mapIssues } from "./map-issues";

const text = `{
  "name": "x",
  "nodes": [
    { "id": "webhook", "type": "webhook", "parameters": {} },
    {
      "id": "is-large",
      "type": "if",
      "parameters": { "condition": "{{ $json.amount >= }}" }
    }
  ],
  "connections": [{ "from": "webhook", "to": "nope" }]
}`;

describe("readJsonWithLocations", () => {
  it("parses like JSON.parse and records where each value starts", () => {
    const { value, offsets } = readJsonWithLocations(text);
    expect(value).toEqual(JSON.parse(text));
    expect(lineOfOffset(text, offsets.get("nodes[1].parameters.condition")!)).toBe(8);
    expect(lineOfOffset(text, offsetOfPath(offsets, "nodes[1].parameters.missing.deep")!)).toBe(8);
  });

  it("reports a syntax error at its offset", () => {
    const bad = '{\n  "a": 1,\n  "b": tru\n}';
    try {
      readJsonWithLocations(bad);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(JsonSyntaxError);
      expect(lineOfOffset(bad, (error as JsonSyntaxError).offset)).toBe(3);
    }
    expect(() => readJsonWithLocations('{"a":1,}')).toThrow(JsonSyntaxError);
    expect(() => readJsonWithLocations("[1] 2")).toThrow(JsonSyntaxError);
  });
});

describe("mapIssues", () => {
  it("names the node and line of a node, parameter or connection issue", () => {
    const located = readJsonWithLocations(text);
    const issues = mapIssues(
      [
        { path: "nodes[1].parameters.condition", message: "bad expression" },
        { path: "connections[0].to", message: "missing" },
        { path: "nodes", message: "no trigger" },
      ],
      text,
      located,
    );
    expect(issues.map((i) => [i.nodeId, i.line])).toEqual([["is-large", 8], [null, 11], [null, 3]]);
  });
});
