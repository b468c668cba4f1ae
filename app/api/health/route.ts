import { withRoute } from "@/lib/api/with-route";
import { routeMethods } from "@/lib/api/route-methods";
import { isDraining } from "@/lib/executions/in-flight";

// Liveness for load balancers and the launcher's readiness check: no database, no auth.
// 503 while the server drains after SIGTERM, so a balancer stops sending it traffic.
export const dynamic = "force-dynamic";

const handleGet = withRoute("health", async () => {
  if (isDraining()) return Response.json({ ok: false, draining: true }, { status: 503, headers: { "Retry-After": "2" } });
  return Response.json({ ok: true });
});

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = routeMethods({ GET: handleGet });
