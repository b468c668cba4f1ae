import { readJson, withRoute } from "@/lib/api/with-route";
import { createUser, credentialsSchema } from "@/lib/auth/users";
import { startSessionResponse } from "@/lib/auth/start-session-response";
import { routeMethods } from "@/lib/api/route-methods";

const handlePost = withRoute("auth.signUp", async ({ request }) => {
  const user = await createUser(credentialsSchema.parse(await readJson(request)));
  return startSessionResponse(request, user, 201);
});

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = routeMethods({ POST: handlePost });
