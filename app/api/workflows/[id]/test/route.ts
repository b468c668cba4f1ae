import { readJson, withCaller } from "@/lib/api/with-route";
import { parseId } from "@/lib/api/ids";
import { afterResponse } from "@/lib/api/after-response";
import { completeExecution } from "@/lib/executions/run-execution";
import { startTestRun, testRunInput } from "@/lib/workflows/test-run";
import { routeMethods } from "@/lib/api/route-methods";

// 202 as soon as the RUNNING row is committed; the browser follows the run live.
const handlePost = withCaller<{ id: string }>("workflows.test", async ({ request, params, caller }) => {
  const started = await startTestRun(caller.id, parseId(params.id, "Workflow"), testRunInput.parse(await readJson(request)));
  afterResponse(async () => {
    const outcome = await completeExecution(started);
    await outcome.published;
  });
  return Response.json({ executionId: started.id }, { status: 202 });
});

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = routeMethods({ POST: handlePost });
