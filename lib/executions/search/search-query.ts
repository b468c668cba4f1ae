// The execution search language's shape, declared once: the parser produces it, the
// formatter prints it, the SQL compiler reads it. Pure (runs in the browser too).

export type JsonScalar = string | number | boolean | null;

/** Where a condition looks. Trigger fields and node outputs take a path of object keys. */
export type SearchField =
  | { kind: "body"; path: string[] }
  /** One header, by its lower-case name. Values are text. */
  | { kind: "header"; path: [string] }
  /** One query-string parameter. Values are text (a repeated parameter: any of them). */
  | { kind: "query"; path: [string] }
  | { kind: "output"; nodeId: string; path: string[] }
  /** The run's error message and its failed nodes' (nodeId null), or one node's. */
  | { kind: "error"; nodeId: string | null };

export type SearchCondition =
  | { field: SearchField; op: "=" | "!="; value: JsonScalar }
  | { field: SearchField; op: "~"; value: string }
  | { field: SearchField; op: "exists" };

export type SearchOperator = SearchCondition["op"];

export const SEARCH_LIMITS = {
  /** Characters in `q`. */
  length: 1000,
  conditions: 10,
  pathSegments: 16,
  segmentLength: 200,
} as const;

/** Operators each field accepts: error text is matched by "contains" only. */
export const FIELD_OPERATORS: Record<SearchField["kind"], readonly SearchOperator[]> = {
  body: ["=", "!=", "~", "exists"],
  header: ["=", "!=", "~", "exists"],
  query: ["=", "!=", "~", "exists"],
  output: ["=", "!=", "~", "exists"],
  error: ["~", "exists"],
};

/** Fields whose values are always text: a literal like 2 or true is compared as "2", "true". */
export const TEXT_FIELDS: ReadonlySet<SearchField["kind"]> = new Set(["header", "query", "error"]);

export class SearchSyntaxError extends Error {
  readonly position: number;
  readonly problem: string;
  constructor(problem: string, position: number) {
    super(`q: ${problem} at ${position}`);
    this.name = "SearchSyntaxError";
    this.problem = problem;
    this.position = position;
  }
}
