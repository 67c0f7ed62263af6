/** Reading accounts, for operators (the CLI, the admin API, a host app's own tools). */
import { canonicalizeEmail } from "../email.js";
import type { FlowContext } from "../flow-context.js";
import type { Account, AccountEvent, SessionRecord } from "../ports.js";

export const MAX_PAGE = 500;

export function operatorFlows({ config }: FlowContext) {
  const { store, now } = config;
  return {
    /** An account by its id, or by its address in any spelling; null when there is none. */
    findAccount: async (idOrEmail: string): Promise<Account | null> => {
      const email = canonicalizeEmail(idOrEmail);
      return store.findAccount(email.ok ? { email: email.email } : { id: idOrEmail });
    },
    /** Accounts in address order after `after`, those whose address contains `search`; 50 by default, at most MAX_PAGE. */
    listAccounts: (input: { search?: string | undefined; after?: string | undefined; limit?: number | undefined } = {}): Promise<Account[]> =>
      store.listAccounts({ search: input.search, after: input.after, limit: Math.min(Math.max(Math.trunc(input.limit ?? 50), 1), MAX_PAGE) }),
    /** An account's live sessions, the most recently used first. */
    listSessionsOf: (accountId: string): Promise<SessionRecord[]> => store.listSessions(accountId, now()),
    /** An account's events (its audit trail, kept 90 days), newest first; `before` (the last event of a page) pages back. 50 by default. */
    listAccountEvents: (
      accountId: string,
      input: { before?: { at: number; id: string } | undefined; limit?: number | undefined } = {},
    ): Promise<AccountEvent[]> => store.listEvents({ accountId, before: input.before, limit: Math.min(Math.max(Math.trunc(input.limit ?? 50), 1), MAX_PAGE) }),
  };
}
