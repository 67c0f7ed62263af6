/**
 * `sesame accounts …` and `sesame sessions revoke …`: operators find, inspect and remove
 * accounts without SQL. Nothing printed can log anyone in: no token, no session secret or
 * hash. Exit codes: 0 done, 2 a usage error, 5 no such account, 6 an invited address has one.
 */
import type { Account } from "../core/ports.js";
import type { Sesame } from "../index.js";
import { describeUserAgent } from "../core/user-agent.js";

export const ACCOUNTS_USAGE = `  accounts list [--email TEXT] [--limit N]
            accounts in address order (those whose address contains TEXT)
  accounts show ID|EMAIL
            an account, its details and where it is logged in
  accounts delete ID|EMAIL
            deletes an account, its sessions, links and mail; mails it a notice
  accounts invite EMAIL
            mails a sign-up link to an address without an account
  sessions revoke ID|EMAIL
            logs an account out everywhere`;

const NO_SUCH_ACCOUNT = 5;
const ACCOUNT_EXISTS = 6;

/** A Sesame on the configured database and mailer, and what closes them once its mail is sent. */
export type OpenSesame = () => Promise<{ sesame: Sesame; close(): Promise<void> }>;

export async function accountsCommand(argv: string[], open: OpenSesame): Promise<number> {
  const [group, action, ...rest] = argv;
  const usage = (message: string) => (console.error(`sesame: ${message}\n\n${ACCOUNTS_USAGE}`), 2);
  const known = group === "accounts" ? ["list", "show", "delete", "invite"] : ["revoke"];
  if (action === undefined || !known.includes(action)) return usage(`unknown command ${JSON.stringify([group, action].join(" "))}`);
  if (action === "list") {
    const options = parseFlags(rest);
    if (typeof options === "string") return usage(options);
    return withSesame(open, async (sesame) => {
      const accounts = await sesame.listAccounts({ ...(options.email !== undefined && { search: options.email }), limit: options.limit });
      for (const account of accounts) console.log([account.id, account.email, account.name ?? "-", iso(account.createdAt)].join("\t"));
      console.error(`sesame: ${accounts.length} account(s)`);
      return 0;
    });
  }
  const key = rest[0];
  if (key === undefined || rest.length > 1) return usage(`${group} ${action} takes one account id or address`);
  if (action === "invite") {
    return withSesame(open, async (sesame) => {
      const invited = await sesame.inviteAccount(key, { send: true });
      if (invited.ok) {
        console.log(`sesame: a sign-up link went to ${invited.email}; it works until ${iso(invited.expiresAt)}`);
        return 0;
      }
      console.error(`sesame: not invited: ${invited.reason === "invalid_email" ? invited.message : invited.reason.replace("_", " ")}`);
      return invited.reason === "account_exists" ? ACCOUNT_EXISTS : 2;
    });
  }
  return withSesame(open, async (sesame) => {
    const account = await sesame.findAccount(key);
    if (!account) {
      console.error(`sesame: no account ${JSON.stringify(key)}`);
      return NO_SUCH_ACCOUNT;
    }
    if (action === "show") return show(sesame, account);
    if (action === "delete") {
      await sesame.removeAccount(account.id);
      console.log(`sesame: deleted account ${account.id} (${account.email}); a notice went to that address`);
      return 0;
    }
    const ended = await sesame.endSessions(account.id);
    console.log(`sesame: ended ${ended} session(s) of ${account.id} (${account.email})`);
    return 0;
  });
}

async function show(sesame: Sesame, account: Account): Promise<number> {
  console.log(`id: ${account.id}\nemail: ${account.email}\nname: ${account.name ?? "-"}\ncreated: ${iso(account.createdAt)}`);
  for (const [field, value] of Object.entries(account.profile)) console.log(`${field}: ${value}`);
  const sessions = await sesame.listSessionsOf(account.id);
  console.log(`sessions: ${sessions.length}`);
  for (const s of sessions) {
    console.log(`  ${describeUserAgent(s.userAgent)}, network ${s.network ?? "unknown"}, logged in ${iso(s.createdAt)}, last used ${iso(s.lastUsedAt)}`);
  }
  return 0;
}

async function withSesame(open: OpenSesame, run: (sesame: Sesame) => Promise<number>): Promise<number> {
  const { sesame, close } = await open();
  try {
    return await run(sesame);
  } finally {
    await close();
  }
}

function parseFlags(args: string[]): { email?: string; limit: number } | string {
  const options: { email?: string; limit: number } = { limit: 100 };
  for (let i = 0; i < args.length; i += 2) {
    const [flag, value] = [args[i], args[i + 1]];
    if (value === undefined) return `${flag} needs a value`;
    if (flag === "--email") options.email = value;
    else if (flag === "--limit" && /^[1-9][0-9]{0,2}$/.test(value) && Number(value) <= 500) options.limit = Number(value);
    else if (flag === "--limit") return `--limit must be a whole number from 1 to 500, not ${JSON.stringify(value)}`;
    else return `unknown option ${JSON.stringify(flag)}`;
  }
  return options;
}

const iso = (ms: number) => new Date(ms).toISOString();
