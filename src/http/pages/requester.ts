/** The browser that asked for a link, as the approval page describes it. */
import type { LinkInspection } from "../../core/flows.js";
import { describeAgo } from "./ago.js";
import { sayDevice, type DeviceWords } from "../../i18n/device.js";
import type { Requester } from "./state.js";
import type { Locale } from "../../i18n/locales.js";

/** Who asked, when and from where; none when the link was not asked for from a browser. */
/** `words`: the request's language's (its "just now" and the words around a browser's name). */
export function requesterOf(
  link: Extract<LinkInspection, { status: "valid" }>,
  now: number,
  locale: Locale,
  words: DeviceWords & { justNow: string },
): Requester | undefined {
  if (link.pendingHash === null) return undefined;
  const at = new Date(link.createdAt);
  return {
    device: sayDevice(link.device, words),
    ago: describeAgo(locale, now - link.createdAt, words.justNow),
    at: { iso: at.toISOString(), text: `${at.toISOString().slice(11, 16)} UTC` },
    network: link.requestedFrom,
  };
}
