/**
 * Account events as SQL, as they are written: inside the batch of the change they tell of
 * (each a SELECT of the account that finds it only if the change is there to see), with a
 * webhook delivery row per endpoint. Reading them back is in event-reads-sql.ts.
 */
import type { AccountEventEntry, EventSubject } from "../core/ports.js";
import { sql, type SqlStatement } from "./executor.js";

const INSERT_EVENT = `INSERT INTO account_events (id, type, account_id, email, detail, at)`;

/** The FROM clause that finds the subject's account as `a`, from parameter ?5 on. */
function subjectSource(subject: EventSubject): { from: string; params: (string | null)[] } {
  if ("session" in subject) return { from: `FROM sessions s JOIN accounts a ON a.id = s.account_id WHERE s.id_hash = ?5`, params: [subject.session] };
  if ("account" in subject) return { from: `FROM accounts a WHERE a.id = ?5`, params: [subject.account] };
  if ("emailChange" in subject) {
    return {
      from: `FROM email_changes c JOIN accounts a ON a.id = c.account_id WHERE c.token_hash = ?5 AND c.confirmed_by = ?6`,
      params: [subject.emailChange, subject.marker],
    };
  }
  const { which } = subject;
  const chosen = which === "all" ? "" : "only" in which ? `AND s.id_hash = ?6` : `AND s.id_hash <> ?6`;
  return {
    from: `FROM accounts a WHERE a.id = ?5 AND EXISTS (SELECT 1 FROM sessions s WHERE s.account_id = a.id ${chosen})`,
    params: which === "all" ? [subject.sessionsOf] : [subject.sessionsOf, "only" in which ? which.only : which.except],
  };
}

/** The event and its deliveries; each delivery exists only if its event does. */
export function eventStatements(event: AccountEventEntry): SqlStatement[] {
  const source = subjectSource(event.subject);
  const detail = event.detail === null ? null : JSON.stringify(event.detail);
  return [
    sql(`${INSERT_EVENT} SELECT ?1, ?2, a.id, a.email, ?3, ?4 ${source.from}`, event.id, event.type, detail, event.at, ...source.params),
    ...event.deliveries.map((delivery) =>
      sql(
        `INSERT INTO webhook_deliveries (id, event_id, endpoint, created_at, attempts, next_attempt_at)
         SELECT ?1, e.id, ?2, e.at, 0, e.at FROM account_events e WHERE e.id = ?3`,
        delivery.id,
        delivery.endpoint,
        event.id,
      ),
    ),
  ];
}

/** A step's statements with its events around them; `offset` is where the step's own results begin. */
export function withEvents(statements: SqlStatement[], events: readonly AccountEventEntry[] | undefined): { statements: SqlStatement[]; offset: number } {
  if (!events || events.length === 0) return { statements, offset: 0 };
  const before = events.filter((event) => event.subject.when === "before").flatMap(eventStatements);
  const after = events.filter((event) => event.subject.when === "after").flatMap(eventStatements);
  return { statements: [...before, ...statements, ...after], offset: before.length };
}
