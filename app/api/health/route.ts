import { withRoute } from "@/lib/api/with-route";
import { routeMethods } from "@/lib/api/route-methods";

// Liveness for load balancers and the launcher's readiness check: no database, no auth.
export const dynamic = "force-dynamic";

const handleGet = withRoute("health", async () => Response.json({ ok: true }));

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = routeMethods({ GET: handleGet });
