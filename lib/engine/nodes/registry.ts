import type { NodeHandler } from "../node-handler";
import { code } from "./code";
import { httpRequest } from "./http-request";
import { ifNode } from "./if";
import { merge } from "./merge";
import { noop } from "./noop";
import { respond } from "./respond";
import { set } from "./set";
import { stopAndError } from "./stop-and-error";
import { switchNode } from "./switch";
import { wait } from "./wait";
import { webhook } from "./webhook";

// One line per node type. `satisfies` keeps each handler's precise type while checking the shape.
export const NODE_HANDLERS = {
  webhook,
  set,
  if: ifNode,
  switch: switchNode,
  merge,
  wait,
  respond,
  stopAndError,
  noop,
  code,
  httpRequest,
} satisfies Record<string, NodeHandler>;

export type NodeType = keyof typeof NODE_HANDLERS;

/** Own-property lookup, so a node type such as "toString" or "__proto__" is unknown rather than inherited. */
export function getNodeHandler(type: string): NodeHandler | undefined {
  return Object.hasOwn(NODE_HANDLERS, type) ? NODE_HANDLERS[type as NodeType] : undefined;
}
