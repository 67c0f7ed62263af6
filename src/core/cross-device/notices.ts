/**
 * "New login": a notice to the account after a login by code or by approval, the two ways
 * in that do not need the link itself, so the owner hears of a login they were tricked
 * into (S26). Queued in the same step as the login, sent through the outbox.
 */
import type { FlowContext, RequestContext } from "../flow-context.js";
import type { NoticeFacts } from "../mail/outbox.js";
import type { Account, NoticeEntry } from "../ports.js";
import { describeUserAgent, maskNetwork } from "../user-agent.js";

/** A login notice: its outbox row, and what it says (to send it without opening the seal again). */
export interface Notice {
  entry: NoticeEntry;
  facts: NoticeFacts;
}

export function loginNotices({ config, outbox }: FlowContext) {
  /** The notice to queue with a login by code or approval (the asking browser is the one calling), unless turned off. */
  async function prepare(method: "code" | "approval", at: number, context: RequestContext): Promise<Notice | undefined> {
    if (!config.loginNotices) return undefined;
    const facts: NoticeFacts = {
      notice: { method, at, device: describeUserAgent(context.userAgent ?? null), network: maskNetwork(context.client) },
      ...(context.locale !== undefined && { locale: context.locale }),
    };
    return { entry: await outbox.queueNotice(facts, at), facts };
  }

  /** Its first try, after the answer where the runtime allows; a failure stays queued and is retried. */
  function send(notice: Notice | undefined, account: Account, context: RequestContext): void {
    if (!notice) return;
    const { entry, facts } = notice;
    void outbox.sendWritten(entry, { kind: "notice", to: account.email, expiresAt: entry.expiresAt }, facts, context.background);
  }

  return { prepare, send };
}

export type LoginNotices = ReturnType<typeof loginNotices>;
