import type { NodeHandler } from "../node-handler";
import { ifNode } from "./if";
import { respond } from "./respond";
import { set } from "./set";
import { webhook } from "./webhook";

// One line per node type. `satisfies` keeps each handler's precise type while checking the shape.
export const NODE_HANDLERS = { webhook, set, if: ifNode, respond } satisfies Record<string, NodeHandler>;

export type NodeType = keyof typeof NODE_HANDLERS;

/** Own-property lookup, so a node type such as "toString" or "__proto__" is unknown rather than inherited. */
export function getNodeHandler(type: string): NodeHandler | undefined {
  return Object.hasOwn(NODE_HANDLERS, type) ? NODE_HANDLERS[type as NodeType] : undefined;
}
