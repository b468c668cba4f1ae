import { withRoute } from "@/lib/api/with-route";
import { AppError } from "@/lib/api/errors";
import { allMethods } from "@/lib/api/route-methods";

// /api itself and every /api path no route matches (Next would answer its HTML 404 page): a JSON 404, so
// "every API error is JSON" holds for typos and removed routes too. More specific routes win.
export const dynamic = "force-dynamic";

const notFound = withRoute<{ unknown?: string[] }>(
  "not-found",
  async () => {
    throw new AppError({ code: "not_found", message: "No such API route" });
  },
  { csrf: "exempt" },
);

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = allMethods(notFound);
