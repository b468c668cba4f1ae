"use client";
import { useCallback, useEffect, useRef, useState, type RefObject } from "react";
import type { ExecutionListItem } from "@/components/data/api-types";

type Anchor = { startedAt: string; id: string };

// Newest first by (startedAt, id), the same order as the API's keyset.
function isNewer(item: ExecutionListItem, anchor: Anchor): boolean {
  return item.startedAt > anchor.startedAt || (item.startedAt === anchor.startedAt && item.id > anchor.id);
}

/**
 * While the top of the list is on screen, every row shows as it arrives. Once the user
 * has scrolled past it, the list is held at the newest row they had: newer rows are
 * counted instead of inserted (nothing moves under the reader), until `reveal()` or
 * scrolling back up. Rows already shown keep updating in place.
 */
export function useNewRowsHold(items: ExecutionListItem[], topRef: RefObject<HTMLElement | null>, resetKey: string) {
  const [anchor, setAnchor] = useState<Anchor | null>(null);
  // The list's top is off screen (scrolled past, or below the fold on a phone).
  const [away, setAway] = useState(false);
  const [lastResetKey, setLastResetKey] = useState(resetKey);
  // Other filters, another list: a hold on the old one means nothing.
  if (resetKey !== lastResetKey) {
    setLastResetKey(resetKey);
    setAnchor(null);
  }
  // The top went off screen before any row was shown (the chart above loaded first): the
  // observer will not fire again, so the first rows shown become the anchor.
  const first = items[0];
  if (away && anchor === null && first) setAnchor({ startedAt: first.startedAt, id: first.id });
  const newestRef = useRef<Anchor | null>(null);
  // When each newest row was shown (performance.now()). The observer reports a scroll a frame or
  // more late (entry.time says when it happened); a row that arrived in between was never on
  // screen and must be counted as new, not become the anchor.
  const shownRef = useRef<{ at: number; newest: Anchor | null }[]>([]);
  useEffect(() => {
    const first = items[0];
    newestRef.current = first ? { startedAt: first.startedAt, id: first.id } : null;
    const shown = shownRef.current;
    shown.push({ at: performance.now(), newest: newestRef.current });
    if (shown.length > 16) shown.splice(0, shown.length - 16);
  }, [items]);

  useEffect(() => {
    const top = topRef.current;
    if (!top) return;
    const newestAt = (time: number): Anchor | null => {
      const shown = shownRef.current;
      for (let i = shown.length - 1; i >= 0; i--) if (shown[i]!.at <= time) return shown[i]!.newest;
      return shown[0]?.newest ?? newestRef.current;
    };
    const observer = new IntersectionObserver(([entry]) => {
      if (!entry) return;
      // Back at the top: release the hold. Scrolled away: hold at what was on screen then.
      setAway(!entry.isIntersecting);
      setAnchor(entry.isIntersecting ? null : (current) => current ?? newestAt(entry.time));
    });
    observer.observe(top);
    return () => observer.disconnect();
  }, [topRef]);

  const held = anchor ? items.filter((item) => isNewer(item, anchor)).length : 0;
  const visible = held ? items.filter((item) => !isNewer(item, anchor!)) : items;

  const reveal = useCallback(() => {
    // Show everything now, then scroll to the list's top (on a phone the page's top is
    // all chart and filters); the observer drops the hold once it is on screen.
    setAnchor(newestRef.current);
    topRef.current?.scrollIntoView({ behavior: "smooth", block: "start" });
  }, [topRef]);

  return { visible, held, holding: anchor !== null, reveal };
}
