import { readJson, withRoute } from "@/lib/api/with-route";
import { createUser, credentialsSchema } from "@/lib/auth/users";
import { startSessionResponse } from "@/lib/auth/start-session-response";

export const POST = withRoute("auth.signUp", async ({ request }) => {
  const user = await createUser(credentialsSchema.parse(await readJson(request)));
  return startSessionResponse(request, user, 201);
});
