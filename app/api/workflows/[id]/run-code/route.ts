import { routeMethods } from "@/lib/api/route-methods";
import { withCaller, readJson } from "@/lib/api/with-route";
import { parseId } from "@/lib/api/ids";
import { runCodeSample, runCodeSampleInput } from "@/lib/workflows/run-code-sample";

// Runs a code node's (possibly unsaved) parameters on a sample input in the sandbox; saves nothing.
const handlePost = withCaller<{ id: string }>("workflows.runCode", async ({ request, params, caller }) => {
  const id = parseId(params.id, "Workflow");
  return Response.json(await runCodeSample(caller.id, id, runCodeSampleInput.parse(await readJson(request))));
});

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = routeMethods({ POST: handlePost });
