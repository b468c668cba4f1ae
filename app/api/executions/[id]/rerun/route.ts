import { readJson, withCaller } from "@/lib/api/with-route";
import { parseId } from "@/lib/api/ids";
import { afterResponse } from "@/lib/api/after-response";
import { completeExecution } from "@/lib/executions/run-execution";
import { rerunInput, startRerun } from "@/lib/executions/rerun-execution";
import { routeMethods } from "@/lib/api/route-methods";

// 202 as soon as the new RUNNING row is committed; the run continues after the response.
const handlePost = withCaller<{ id: string }>("executions.rerun", async ({ request, params, caller }) => {
  const started = await startRerun(caller.id, parseId(params.id, "Execution"), rerunInput.parse(await readJson(request)));
  afterResponse(async () => {
    const outcome = await completeExecution(started);
    await outcome.published;
  });
  return Response.json({ executionId: started.id, retryOf: started.retryOfId }, { status: 202 });
});

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = routeMethods({ POST: handlePost });
