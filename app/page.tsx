import { redirect } from "next/navigation";
import { findPageUser } from "@/lib/auth/page-user";

export default async function HomePage() {
  redirect((await findPageUser()) ? "/executions" : "/sign-in");
}
