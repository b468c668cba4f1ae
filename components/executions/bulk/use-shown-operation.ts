"use client";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { isUuid } from "@/lib/api/ids";

const PARAM = "bulk";

/**
 * The bulk operation whose progress the history shows, kept in the URL (`?bulk=<id>`) beside the
 * filters: a reload or a shared link shows the same progress, live, until it is dismissed.
 */
export function useShownOperation(): [string | null, (id: string | null) => void] {
  const searchParams = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const value = searchParams.get(PARAM);
  const show = (id: string | null) => {
    const next = new URLSearchParams(searchParams.toString());
    if (id) next.set(PARAM, id);
    else next.delete(PARAM);
    const query = next.toString();
    router.replace(query ? `${pathname}?${query}` : pathname, { scroll: false });
  };
  return [value && isUuid(value) ? value : null, show];
}
