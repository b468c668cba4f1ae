import { withCaller } from "@/lib/api/with-route";
import { parseId } from "@/lib/api/ids";
import { routeMethods } from "@/lib/api/route-methods";
import { listDeliveries, listDeliveriesQuery } from "@/lib/deliveries/delivery-queries";

export const dynamic = "force-dynamic";

// Accepted and refused webhook deliveries of one workflow, newest first (delivery-queries.ts).
const handleGet = withCaller<{ id: string }>("workflows.deliveries", async ({ request, params, caller }) => {
  const query = listDeliveriesQuery.parse(Object.fromEntries(new URL(request.url).searchParams));
  return Response.json(await listDeliveries(caller.id, parseId(params.id, "Workflow"), query));
});

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = routeMethods({ GET: handleGet });
