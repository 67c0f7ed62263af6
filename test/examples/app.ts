/**
 * An example app as a child process, and what every example test asks of it over HTTP:
 * sign up and log in through the mailed links, reach the protected page, and meet the
 * per-client limit at the 31st link request from one address.
 */
import { spawn } from "node:child_process";
import { join } from "node:path";
import { createServer } from "node:net";
import { expect } from "vitest";

export interface RunningApp {
  url: string;
  output(): string;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.once("error", reject);
  });
}

/** Starts `command` in `cwd` and resolves once `ready` shows in its output. */
export function startApp(
  command: string,
  args: string[],
  options: { cwd: string; env: Record<string, string>; ready: RegExp; url: string; timeoutMs?: number },
): Promise<RunningApp> {
  const child = spawn(command, args, { cwd: options.cwd, env: { ...process.env, ...options.env }, detached: true });
  let output = "";
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const collect = (chunk: Buffer) => (output += chunk.toString());
  child.stdout.on("data", collect);
  child.stderr.on("data", collect);
  const app: RunningApp = {
    url: options.url,
    output: () => output,
    async stop() {
      // The whole group: npx, next and wrangler start processes of their own.
      if (child.exitCode === null) process.kill(-child.pid!, "SIGTERM");
      await exited;
    },
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void app.stop();
      reject(new Error(`not ready after ${options.timeoutMs ?? 60_000} ms:\n${output}`));
    }, options.timeoutMs ?? 60_000);
    const check = () => {
      if (!options.ready.test(output)) return;
      clearTimeout(timer);
      resolve(app);
    };
    child.stdout.on("data", check);
    child.stderr.on("data", check);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`exited (${code}) before it was ready:\n${output}`));
    });
  });
}

/** A client with a cookie jar that posts forms as a script would (no Origin), following no redirects. */
export function client(base: string) {
  const jar = new Map<string, string>();
  return async (path: string, init: { form?: Record<string, string>; json?: unknown; accept?: string } = {}) => {
    const body = init.form ? new URLSearchParams(init.form).toString() : init.json !== undefined ? JSON.stringify(init.json) : undefined;
    const response = await fetch(`${base}${path}`, {
      method: body === undefined ? "GET" : "POST",
      redirect: "manual",
      headers: {
        accept: init.accept ?? (init.json !== undefined ? "application/json" : "text/html"),
        cookie: [...jar].map(([name, value]) => `${name}=${value}`).join("; "),
        ...(init.form && { "content-type": "application/x-www-form-urlencoded" }),
        ...(init.json !== undefined && { "content-type": "application/json" }),
      },
      ...(body !== undefined && { body }),
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair = ""] = line.split(";");
      const at = pair.indexOf("=");
      const value = pair.slice(at + 1);
      if (value) jar.set(pair.slice(0, at), value);
      else jar.delete(pair.slice(0, at));
    }
    return { status: response.status, location: response.headers.get("location"), headers: response.headers, text: await response.text() };
  };
}

/** The newest link mailed to `to`, as the example's development mailer shows it. */
export type ReadLink = (to: string, kind: "signup" | "login") => Promise<string>;

/** From `<mount>/_dev/mail` (JSON). */
export function devMailbox(base: string, mount: string): ReadLink {
  return async (to, kind) => {
    let found: string | undefined;
    await expect
      .poll(async () => {
        const response = await fetch(`${base}${mount}_dev/mail`, { headers: { accept: "application/json" } });
        const { messages } = (await response.json()) as { messages: { to: string; kind: string; url: string }[] };
        found = messages.find((mail) => mail.to === to && mail.kind === kind)?.url;
        return found;
      })
      .toBeDefined();
    return found!;
  };
}

/** From the block the development mailer prints per mail (To:, Subject:, Link:). */
export function printedMail(app: RunningApp): ReadLink {
  return async (to, kind) => {
    let found: string | undefined;
    await expect
      .poll(() => {
        const blocks = [...app.output().matchAll(/To:\s+(\S+)\nSubject:[^\n]*\nLink:\s+(\S+)/g)];
        found = blocks.reverse().find((block) => block[1] === to && new URL(block[2]!).pathname.endsWith(`/${kind}`))?.[2];
        return found;
      })
      .toBeDefined();
    return found!;
  };
}

const tokenOf = (link: string) => new URL(link).searchParams.get("token")!;

/**
 * Signs up, sees the protected page, logs out, logs in with a login link, sees it again.
 * Two link requests count against this client's limit (a refused one costs nothing).
 */
export async function signUpAndLogIn(base: string, mount: string, readLink: ReadLink, protectedPath = "/dashboard"): Promise<void> {
  const ada = client(base);
  // A host app's page sends a visitor to the form and back; Sesame's own /session answers 401.
  const loggedOut = async () => {
    const away = await ada(protectedPath);
    if (protectedPath === `${mount}session`) return expect(away.status).toBe(401);
    expect([302, 303, 307]).toContain(away.status);
    expect(away.location).toMatch(new RegExp(`^(${base})?${mount}\\?next=%2F`));
  };
  await loggedOut();

  expect((await ada(`${mount}magic`, { json: { email: "Ada@Example.com" } })).text).toContain('"sent":"signup"');
  const signup = await readLink("ada@example.com", "signup");
  expect(signup.startsWith(`${base}${mount}signup?token=`)).toBe(true);
  const created = await ada(`${mount}signup`, { form: { token: tokenOf(signup), name: "Ada" } });
  expect(created.status).toBe(303);
  const page = await ada(protectedPath);
  expect(page.status).toBe(200);
  expect(page.text).toContain("ada@example.com");

  expect((await ada(`${mount}logout`, { form: {} })).status).toBe(303);
  await loggedOut();
  // The default limit per address is one link a minute: wait as long as the answer says, as a person would.
  let asked = await ada(`${mount}magic`, { json: { email: "ada@example.com" } });
  if (asked.status === 429) {
    await new Promise((resolve) => setTimeout(resolve, Number(asked.headers.get("retry-after")) * 1000 + 500));
    asked = await ada(`${mount}magic`, { json: { email: "ada@example.com" } });
  }
  expect(asked.text).toContain('"sent":"login"');
  const login = await readLink("ada@example.com", "login");
  expect((await ada(`${mount}login`, { form: { token: tokenOf(login) } })).status).toBe(303);
  expect((await ada(protectedPath)).text).toContain("ada@example.com");
}

/** The default limit is 30 link requests per client per hour: the 31st from this address is refused. */
export async function expectClientLimit(base: string, mount: string, alreadyAsked: number): Promise<void> {
  const ask = (n: number) => client(base)(`${mount}magic`, { json: { email: `visitor${n}@example.com` } });
  for (let n = alreadyAsked + 1; n <= 30; n += 1) expect((await ask(n)).status, `request ${n}`).toBe(202);
  const refused = await ask(31);
  expect(refused.status).toBe(429);
  expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
  expect(JSON.parse(refused.text)).toMatchObject({ error: { code: "rate_limited" } });
}

/** `node server.js` in a Node example's folder, as its README starts it, on a free port with a database of its own. */
export async function startNodeExample(dir: string): Promise<RunningApp> {
  const port = await freePort();
  return startApp(process.execPath, ["server.js"], {
    cwd: dir,
    env: { PORT: String(port), SESAME_DB: join(dir, "data", "test.db") },
    ready: /listening on/,
    url: `http://localhost:${port}`,
  });
}
