/**
 * Webhooks (#19), received by a real HTTP server that checks each one with the Standard
 * Webhooks library (`standardwebhooks`): every event of an account's life arrives, signed;
 * a receiver that is down for a while gets every event once it is back, none lost, a
 * repeat only ever with the same id; a receiver holding another secret rejects them all.
 */
import { join } from "node:path";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Webhook } from "standardwebhooks";
import { afterEach, describe, expect, it } from "vitest";
import type { SesameOptions } from "../src/index.js";
import { createPrometheusMetrics } from "../src/metrics/prometheus.js";
import { client, mailsArrived, processSandbox, waitFor } from "./process.js";
import { makeSesame } from "./support.js";

const SECRET = `whsec_${Buffer.from("a webhook secret of thirty-two b").toString("base64")}`;
const OTHER_SECRET = `whsec_${Buffer.from("another secret, thirty-two bytes").toString("base64")}`;

interface Received {
  id: string;
  type: string;
  data: { account: { id: string; email: string }; previousEmail?: string; method?: string; reason?: string };
  verified: boolean;
}

/** A webhook receiver: answers 204 to what verifies, 400 to what does not; can go down and come back on its port. */
class Receiver {
  readonly received: Received[] = [];
  readonly rejected: string[] = [];
  private server: Server | undefined;
  port = 0;

  constructor(private readonly secret: string) {}

  async start(): Promise<void> {
    const server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on("data", (chunk: Buffer) => chunks.push(chunk));
      request.on("end", () => {
        const body = Buffer.concat(chunks).toString("utf8");
        try {
          const payload = new Webhook(this.secret).verify(body, headersOf(request.headers)) as Omit<Received, "id" | "verified">;
          this.received.push({ id: String(request.headers["webhook-id"]), ...payload, verified: true });
          response.writeHead(204).end();
        } catch (error) {
          this.rejected.push(error instanceof Error ? error.message : String(error));
          response.writeHead(400).end();
        }
      });
    });
    await new Promise<void>((resolve) => server.listen(this.port, "127.0.0.1", resolve));
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise((resolve) => server.close(resolve).closeAllConnections());
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}/hooks`;
  }
}

function headersOf(headers: IncomingHttpHeaders): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, String(value)]));
}

const box = processSandbox("webhooks");
const receivers: Receiver[] = [];
afterEach(async () => {
  await Promise.all(receivers.splice(0).map((receiver) => receiver.stop()));
});

async function receiver(secret = SECRET): Promise<Receiver> {
  const started = new Receiver(secret);
  await started.start();
  receivers.push(started);
  return started;
}

/** A Sesame on the real clock (receivers check the signature's time against theirs), posting to `urls`. */
async function sesameWithWebhooks(urls: string[], extra: Partial<SesameOptions> = {}) {
  let skew = 0;
  const t = await makeSesame({ now: () => Date.now() + skew, webhooks: { urls, secret: SECRET, retrySeconds: 1 }, ...extra });
  return { ...t, skip: (ms: number) => (skew += ms) };
}

/** Every step of an account's life that makes an event, through the HTTP API as a browser goes. */
async function liveAnAccount(t: Awaited<ReturnType<typeof sesameWithWebhooks>>) {
  const laptop = t.browser();
  await laptop.post("/magic", { email: "ada@example.com" });
  expect((await laptop.post("/signup", { token: t.lastLink("ada@example.com").searchParams.get("token")!, name: "Ada" })).status).toBe(303);
  const phone = t.browser();
  await phone.post("/magic", { email: "ada@example.com" });
  expect((await phone.post("/login", { token: t.lastLink("ada@example.com").searchParams.get("token")! })).status).toBe(303);
  expect((await phone.post("/logout", {})).status).toBe(303);
  await laptop.post("/account/email/request", { email: "ada@example.org" });
  expect((await laptop.post("/account/email", { token: t.lastLink("ada@example.org").searchParams.get("token")! })).status).toBe(200);
  const again = t.browser();
  await again.post("/magic", { email: "ada@example.org" });
  expect((await again.post("/login", { token: t.lastLink("ada@example.org").searchParams.get("token")! })).status).toBe(303);
  expect((await again.post("/account/delete", { confirm: "yes" })).status).toBe(200);
}

const LIFE = [
  ["account.created", "ada@example.com"],
  ["session.created", "ada@example.com"],
  ["session.created", "ada@example.com"],
  ["session.revoked", "ada@example.com"],
  ["account.email_changed", "ada@example.org"],
  ["session.revoked", "ada@example.org"],
  ["session.created", "ada@example.org"],
  ["account.deleted", "ada@example.org"],
];

describe("webhooks", () => {
  it("posts every event of an account's life, signed, with the account and its full address, never a token", async () => {
    const hooks = await receiver();
    const t = await sesameWithWebhooks([hooks.url]);
    try {
      await liveAnAccount(t);
      await t.sesame.idle();
      expect(hooks.rejected).toEqual([]);
      expect(hooks.received.map((r) => [r.type, r.data.account.email]).sort()).toEqual([...LIFE].sort());
      const ids = new Set(hooks.received.map((r) => r.data.account.id));
      expect(ids.size).toBe(1);
      expect(hooks.received.find((r) => r.type === "account.email_changed")?.data.previousEmail).toBe("ada@example.com");
      expect(hooks.received.filter((r) => r.type === "session.created").map((r) => r.data.method)).toEqual(["link", "link", "link"]);
      expect(
        hooks.received
          .filter((r) => r.type === "session.revoked")
          .map((r) => r.data.reason)
          .sort(),
      ).toEqual(["email_changed", "logout"]);
      // Each event once, each under its own id.
      expect(new Set(hooks.received.map((r) => r.id)).size).toBe(LIFE.length);
      // No link, code or cookie travels in a webhook: only the facts above.
      const bodies = JSON.stringify(hooks.received);
      expect(bodies).not.toMatch(/token|sesame_session|cookie/i);
    } finally {
      t.close();
    }
  });

  it("loses nothing while the receiver is down: every event arrives once it is back, repeats only with the same id", async () => {
    const hooks = await receiver();
    const t = await sesameWithWebhooks([hooks.url], { metrics: createPrometheusMetrics() });
    try {
      await hooks.stop();
      await liveAnAccount(t);
      await t.sesame.idle();
      expect(hooks.received).toEqual([]);
      const failures = t.logs.filter((record) => record.event === "webhook.failed");
      expect(failures.length).toBeGreaterThanOrEqual(LIFE.length);
      // The account's steps all happened, whatever the receiver's state.
      expect(t.logs.filter((record) => record.event === "account.deleted")).toHaveLength(1);

      await hooks.start(); // the same port
      // Retries wait (1 s doubling, with jitter); a delivery loop's passes find them as they fall due.
      for (let pass = 0; pass < 8 && new Set(hooks.received.map((r) => r.id)).size < LIFE.length; pass++) {
        t.skip(5_000);
        await t.sesame.deliverWebhooks();
      }
      expect(hooks.received.map((r) => [r.type, r.data.account.email]).sort()).toEqual([...LIFE].sort());
      const byId = new Map<string, string>();
      for (const r of hooks.received) {
        const seen = byId.get(r.id);
        if (seen !== undefined) expect(seen).toBe(JSON.stringify(r)); // a repeat is the same message
        byId.set(r.id, JSON.stringify(r));
      }
      // Nothing is left to send.
      expect((await t.sesame.deliverWebhooks()).delivered).toBe(0);
      // The tries, counted for Prometheus.
      const exposition = await t.sesame.metrics();
      expect(exposition).toContain(`sesame_webhooks_total{outcome="delivered"} ${hooks.received.length}`);
      expect(exposition).toMatch(/sesame_webhooks_total\{outcome="failed"\} [1-9]/);
    } finally {
      t.close();
    }
  });

  it("gives up on a delivery past its give-up age, and logs it", async () => {
    const hooks = await receiver();
    await hooks.stop();
    let skew = 0;
    const t = await makeSesame({ now: () => Date.now() + skew, webhooks: { urls: [hooks.url], secret: SECRET, retrySeconds: 1, giveUpAfterHours: 0.001 } });
    try {
      await t.sesame.inviteAccount("gus@example.com", { send: false }).then(async (invite) => {
        expect(invite.ok).toBe(true);
        const browser = t.browser();
        const token = invite.ok ? new URL(invite.url!).searchParams.get("token")! : "";
        expect((await browser.post("/signup", { token, name: "Gus" })).status).toBe(303);
      });
      await t.sesame.idle();
      skew += 10_000;
      await t.sesame.deliverWebhooks();
      expect(t.logs.filter((record) => record.event === "webhook.dropped").length).toBeGreaterThanOrEqual(1);
      skew += 60_000;
      const last = await t.sesame.deliverWebhooks();
      expect(last.delivered + last.retrying).toBe(0);
    } finally {
      t.close();
    }
  });

  it("a receiver with another secret rejects every one of them; two endpoints each get every event", async () => {
    const right = await receiver();
    const wrong = await receiver(OTHER_SECRET);
    const t = await sesameWithWebhooks([right.url, wrong.url]);
    try {
      await liveAnAccount(t);
      await t.sesame.idle();
      expect(right.received).toHaveLength(LIFE.length);
      expect(wrong.received).toEqual([]);
      expect(wrong.rejected.length).toBeGreaterThanOrEqual(LIFE.length);
      expect(wrong.rejected[0]).toMatch(/signature/i);
    } finally {
      t.close();
    }
  });

  it("refuses a secret that is not whsec_ and base64, and a URL that is not http(s), at start-up", async () => {
    await expect(makeSesame({ webhooks: { urls: ["http://127.0.0.1:9/h"], secret: "not-a-secret" } })).rejects.toThrow(/webhooks.secret must be whsec_/);
    await expect(makeSesame({ webhooks: { urls: ["ftp://example.com/h"], secret: SECRET } })).rejects.toThrow(/must be http or https/);
  });

  it("sesame serve, set by its variables, sends what a receiver that was down missed from its delivery loop", async () => {
    const hooks = await receiver();
    await hooks.stop();
    const mailPath = join(box.dir, "mail.jsonl");
    const server = await box.serve({
      SESAME_DB: join(box.dir, "serve.db"),
      SESAME_MAILER: `file:${mailPath}`,
      SESAME_WEBHOOK_URL: hooks.url,
      SESAME_WEBHOOK_SECRET: SECRET,
      SESAME_WEBHOOK_RETRY_SECONDS: "1",
      SESAME_MAIL_RETRY_SECONDS: "1",
    });
    const browser = client(server.url);
    await browser("/magic", { email: "ivy@example.com" });
    const [mail] = await mailsArrived(mailPath);
    const token = new URL(mail!.url).searchParams.get("token")!;
    expect((await browser("/signup", { token, name: "Ivy" })).status).toBe(303);
    await waitFor("a failed try", () => (server.output().includes('"webhook.failed"') ? true : undefined));
    await hooks.start();
    const received = await waitFor("both events", () => (hooks.received.length >= 2 ? hooks.received : undefined), 20_000);
    expect(received.map((r) => r.type).sort()).toEqual(["account.created", "session.created"]);
    expect(received.every((r) => r.data.account.email === "ivy@example.com")).toBe(true);
  });
});
