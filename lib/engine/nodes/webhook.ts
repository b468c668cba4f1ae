import { z } from "zod";
import { defineNode } from "../node-handler";

export const WEBHOOK_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

const webhookParameters = z.object({
  // The path becomes part of a URL under /api/webhooks/, so it is kept to URL-safe characters and
  // may not climb out with "..".
  path: z
    .string()
    .min(1)
    .max(200)
    .regex(/^[A-Za-z0-9/_.-]+$/, "may only contain letters, digits, '/', '_', '-' and '.'")
    .refine((path) => !path.startsWith("/"), "must not start with '/'")
    .refine((path) => !path.includes(".."), "must not contain '..'")
    .optional(),
  methods: z
    .array(z.enum(WEBHOOK_METHODS))
    .min(1)
    .refine((methods) => new Set(methods).size === methods.length, "must not repeat a method")
    .default(["POST"]),
  responseMode: z.enum(["immediately", "lastNode", "respondNode"]).default("lastNode"),
});

export type WebhookParameters = z.infer<typeof webhookParameters>;

export const webhook = defineNode({
  type: "webhook",
  isTrigger: true,
  outputs: ["main"],
  parameters: webhookParameters,
  execute: (ctx) => ({ data: ctx.trigger }),
});
