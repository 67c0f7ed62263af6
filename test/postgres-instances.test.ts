/**
 * Many stateless instances on one PostgreSQL: four `sesame serve` processes, with
 * requests spread across them, keep every exactly-once guarantee.
 */
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readFileMailbox, type FileMail } from "../src/mail/file.js";
import { createDatabase } from "./postgres.js";
import { waitFor } from "./process.js";

const BIN = join(import.meta.dirname, "..", "bin", "sesame.js");
const INSTANCES = 4;

interface Instance {
  url: string;
  mailPath: string;
  child: ChildProcessWithoutNullStreams;
}

let dir: string;
let databaseUrl: string;
let instances: Instance[] = [];

function start(i: number): Promise<Instance> {
  const mailPath = join(dir, `mail-${i}.jsonl`);
  const child = spawn(process.execPath, [BIN, "serve"], {
    env: {
      PATH: process.env.PATH ?? "",
      PORT: "0",
      DATABASE_URL: databaseUrl,
      // Shared by every instance: each can send the mail the others queued.
      SESAME_SECRET: "a-secret-every-test-instance-shares-0123456789",
      SESAME_MAILER: `file:${mailPath}`,
      SESAME_PG_POOL_SIZE: "8",
      SESAME_RATE_LIMIT_ADDRESS: "5/3600",
      SESAME_RATE_LIMIT_CLIENT: "off",
    },
  });
  let output = "";
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`instance ${i} did not start:\n${output}`)), 20_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = output.match(/listening on (http:\/\/\S+)/);
      if (match) {
        clearTimeout(timer);
        resolve({ url: match[1]!, mailPath, child });
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.once("exit", (code) => reject(new Error(`instance ${i} exited with ${code}:\n${output}`)));
  });
}

/** Every instance's mails, oldest first, once `until` holds for them: mail leaves after the answer. */
async function mails(until: (all: FileMail[]) => boolean = () => true) {
  return waitFor("the mails", async () => {
    const all = await allMails();
    return until(all) ? all : undefined;
  });
}

async function allMails() {
  const all = await Promise.all(instances.map((instance) => (existsSync(instance.mailPath) ? readFileMailbox(instance.mailPath) : [])));
  return all.flat().sort((a, b) => a.sentAt.localeCompare(b.sentAt));
}

function post(instance: Instance, path: string, fields: Record<string, string>) {
  return fetch(`${instance.url}${path}`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", accept: "text/html" },
    body: new URLSearchParams(fields),
  });
}

async function count(table: string, where = "true"): Promise<number> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const result = await client.query<{ n: string }>(`SELECT count(*) AS n FROM ${table} WHERE ${where}`);
    return Number(result.rows[0]!.n);
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  if (!existsSync(join(import.meta.dirname, "..", "dist", "cli", "cli.js"))) throw new Error("dist/ is missing: run `npm run build`");
  dir = mkdtempSync(join(tmpdir(), "sesame-instances-"));
  databaseUrl = await createDatabase();
  // Started one after another: the first migrates; the rest find the schema in place.
  instances = [await start(0)];
  instances.push(...(await Promise.all([1, 2, 3].map(start))));
}, 90_000);

afterAll(async () => {
  await Promise.all(
    instances.map(
      (instance) =>
        new Promise((resolve) => {
          instance.child.once("exit", resolve);
          instance.child.kill("SIGTERM");
        }),
    ),
  );
  rmSync(dir, { recursive: true, force: true });
});

describe(`${INSTANCES} sesame processes on one PostgreSQL`, () => {
  it("S20: the four instances, asked for their key set at the same moment on a new database, serve the same one key", async () => {
    const answers = await Promise.all(instances.map((instance) => fetch(`${instance.url}/.well-known/jwks.json`)));
    const texts = await Promise.all(answers.map((answer) => answer.text()));
    expect(
      answers.map((answer) => answer.status),
      texts.join("\n"),
    ).toEqual([200, 200, 200, 200]);
    const sets = texts.map((text) => JSON.parse(text) as { keys: { kid: string }[] });
    expect(sets[0]!.keys).toHaveLength(1);
    for (const set of sets) expect(set).toEqual(sets[0]);
    expect(await count("signing_keys")).toBe(1);
  });

  it("S03: 64 parallel redemptions of one login token, spread across the instances, give exactly one session", async () => {
    expect((await post(instances[0]!, "/magic", { email: "race@example.com" })).status).toBe(303);
    const signup = new URL((await mails((all) => all.some((m) => m.to === "race@example.com"))).find((m) => m.to === "race@example.com")!.url);
    expect((await post(instances[1]!, "/signup", { token: signup.searchParams.get("token")!, name: "Race" })).status).toBe(303);
    expect((await post(instances[2]!, "/magic", { email: "race@example.com" })).status).toBe(303);
    const login = new URL(
      (await mails((all) => all.some((m) => m.to === "race@example.com" && m.kind === "login"))).filter(
        (m) => m.to === "race@example.com" && m.kind === "login",
      )[0]!.url,
    );
    const token = login.searchParams.get("token")!;
    const sessionsBefore = await count("sessions");

    const responses = await Promise.all(Array.from({ length: 64 }, (_, i) => post(instances[i % INSTANCES]!, "/login", { token })));
    const successes = responses.filter((r) => r.status === 303 && r.headers.getSetCookie().some((c) => c.startsWith("sesame_session=")));
    console.log(`64 parallel redemptions of one login token across ${INSTANCES} instances: ${successes.length} success / 64 attempts`);
    expect(successes).toHaveLength(1);
    expect(responses.filter((r) => r.status === 410)).toHaveLength(63);
    expect(await count("sessions")).toBe(sessionsBefore + 1);
  });

  it("S03: 32 parallel sign-up completions for one address, with 32 different tokens, create exactly one account", async () => {
    const email = "twins@example.com";
    // The address may ask for only five links an hour, so the 32 tokens are written to the database directly.
    const tokens: string[] = [];
    for (let i = 0; i < 32; i++) tokens.push(await createSignupToken(email));
    const responses = await Promise.all(tokens.map((token, i) => post(instances[i % INSTANCES]!, "/signup", { token, name: `Twin ${i}` })));
    const created = responses.filter((r) => r.status === 303).length;
    console.log(`32 parallel sign-ups for one address with 32 tokens across ${INSTANCES} instances: ${created} account created / 32 attempts`);
    expect(created).toBe(1);
    expect(responses.filter((r) => r.status === 409)).toHaveLength(31);
    expect(await count("accounts", `email = '${email}'`)).toBe(1);
  });

  it("S10: 12 parallel link requests for one address, spread across the instances, are allowed exactly the limit of 5", async () => {
    const responses = await Promise.all(Array.from({ length: 12 }, (_, i) => post(instances[i % INSTANCES]!, "/magic", { email: "limit@example.com" })));
    const allowed = responses.filter((r) => r.status === 303).length;
    console.log(`12 parallel link requests for one address, limit 5 per hour, across ${INSTANCES} instances: ${allowed} allowed / 12 attempts`);
    expect(allowed).toBe(5);
    expect(responses.filter((r) => r.status === 429)).toHaveLength(7);
    expect((await mails((all) => all.filter((m) => m.to === "limit@example.com").length >= 5)).filter((m) => m.to === "limit@example.com")).toHaveLength(5);
    expect(await count("link_tokens", "email = 'limit@example.com'")).toBe(5);
  });
});

/**
 * Sign-up tokens for one address beyond its rate limit: written straight to the
 * database as POST /magic would, since the point here is the race, not the limit.
 */
async function createSignupToken(email: string): Promise<string> {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  const token = Buffer.from(bytes).toString("base64url");
  const hash = Buffer.from(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(token))).toString("base64url");
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const now = Date.now();
    await client.query(`INSERT INTO link_tokens (token_hash, kind, email, created_at, expires_at) VALUES ($1, 'signup', $2, $3, $4)`, [
      hash,
      email,
      now,
      now + 3600_000,
    ]);
  } finally {
    await client.end();
  }
  return token;
}
