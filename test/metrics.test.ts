/**
 * /metrics: the Prometheus text a scraper gets after a scripted sign-up, logins by link and
 * by code, a refused request and a wrong code; parsed by a parser others wrote, checked by
 * promtool, guarded by the bearer token; and served by `sesame serve` on a loopback port.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
// @ts-expect-error: the parser ships no types; its output is described below.
import parsePrometheusTextFormat from "parse-prometheus-text-format";
import { afterAll, describe, expect, it } from "vitest";
import { createPrometheusMetrics } from "../src/metrics/prometheus.js";
import { assertBuilt, client, mailsArrived, serve, type Served } from "./process.js";
import { freePort } from "./examples/app.js";
import { makeSesame } from "./support.js";

interface Parsed {
  name: string;
  type: string;
  metrics: { labels?: Record<string, string>; value?: string; buckets?: Record<string, string>; count?: string; sum?: string }[];
}
const parse = (text: string) => parsePrometheusTextFormat(text) as Parsed[];
const TOKEN = "a-scraper-token-of-some-length";
const PROMTOOL = "/usr/bin/promtool";
const dir = mkdtempSync(join(tmpdir(), "sesame-metrics-"));
const running: Served[] = [];
afterAll(async () => {
  await Promise.all(running.map((s) => s.stop()));
  rmSync(dir, { recursive: true, force: true });
});

function value(families: Parsed[], name: string, labels: Record<string, string> = {}): number {
  const family = families.find((f) => f.name === name);
  const sample = family?.metrics.find((m) => Object.entries(labels).every(([k, v]) => m.labels?.[k] === v));
  return Number(sample?.value ?? 0);
}

describe("metrics for Prometheus", () => {
  it("counts what happened, by small fixed labels, and times each route", async () => {
    const t = await makeSesame({ metrics: createPrometheusMetrics(), metricsToken: TOKEN, rateLimits: { perAddress: [{ limit: 2, periodSeconds: 3600 }] } });
    try {
      const ada = t.browser();
      await ada.post("/magic", { email: "ada@example.com" });
      await ada.post("/signup", { token: t.lastLink().searchParams.get("token")!, name: "Ada" });
      await ada.post("/logout", {});
      await ada.post("/magic", { email: "ada@example.com" });
      expect((await ada.post("/login", { token: t.lastLink().searchParams.get("token")! })).status).toBe(303);
      expect((await ada.post("/magic", { email: "ada@example.com" })).status).toBe(429);
      await ada.post("/login", { token: "A".repeat(43) });
      await t.sesame.idle();

      const refused = await t.sesame.fetch(new Request("http://localhost:8787/metrics", { headers: { authorization: "Bearer wrong-token-of-some-length" } }));
      expect(refused.status).toBe(401);
      expect((await t.sesame.fetch(new Request("http://localhost:8787/metrics"))).status).toBe(401);
      const answer = await t.sesame.fetch(new Request("http://localhost:8787/metrics", { headers: { authorization: `Bearer ${TOKEN}` } }));
      expect(answer.status).toBe(200);
      expect(answer.headers.get("content-type")).toBe("text/plain; version=0.0.4; charset=utf-8");
      const text = await answer.text();
      const families = parse(text);

      expect(value(families, "sesame_link_requests_total", { outcome: "signup" })).toBe(1);
      expect(value(families, "sesame_link_requests_total", { outcome: "login" })).toBe(1);
      expect(value(families, "sesame_link_requests_total", { outcome: "rate_limited" })).toBe(1);
      expect(value(families, "sesame_signups_total", { method: "link" })).toBe(1);
      expect(value(families, "sesame_logins_total", { method: "link" })).toBe(1);
      expect(value(families, "sesame_rate_limit_refusals_total", { limit: "link_request" })).toBe(1);
      expect(value(families, "sesame_link_failures_total", { step: "login", reason: "invalid" })).toBe(1);
      expect(value(families, "sesame_mails_total", { outcome: "sent" })).toBe(2);
      expect(value(families, "sesame_outbox_queued")).toBe(0);
      const latency = families.find((f) => f.name === "sesame_http_request_duration_seconds")!;
      expect(latency.type).toBe("HISTOGRAM");
      expect(latency.metrics.length).toBeGreaterThan(0);
      // (The parser drops a histogram's labels: they are read from the text.)
      expect(text).toMatch(/^sesame_http_request_duration_seconds_count\{route="magic",method="POST"\} 3$/m);
      // No address, client or token in any label or value.
      expect(text).not.toMatch(/ada|example\.com|127\.0\.0\.1|token=/);
      const routes = new Set([...text.matchAll(/route="([^"]*)"/g)].map((match) => match[1]));
      expect(routes).toContain("login");
      for (const route of routes) expect(route).toMatch(/^[a-z_./-]+$/);

      if (existsSync(PROMTOOL)) {
        const checked = spawnSync(PROMTOOL, ["check", "metrics"], { input: text, encoding: "utf8" });
        expect(checked.stdout + checked.stderr).toBe("");
        expect(checked.status).toBe(0);
      } else {
        throw new Error(`${PROMTOOL} is missing: apt-get install prometheus (.ci/run installs it)`);
      }
    } finally {
      t.close();
    }
  });

  it("labels a request no route takes as other, also on the paths whose routes load with their first request", async () => {
    const t = await makeSesame({ metrics: createPrometheusMetrics(), metricsToken: TOKEN });
    try {
      for (const [method, path] of [
        ["GET", "/code"],
        ["DELETE", "/deny"],
        ["GET", "/token"],
        ["POST", "/.well-known/jwks.json"],
      ]) {
        expect((await t.sesame.fetch(new Request(`http://localhost:8787${path}`, { method }))).status, `${method} ${path}`).toBe(404);
      }
      expect((await t.sesame.fetch(new Request("http://localhost:8787/.well-known/jwks.json"))).status).toBe(200);
      const answer = await t.sesame.fetch(new Request("http://localhost:8787/metrics", { headers: { authorization: `Bearer ${TOKEN}` } }));
      const text = await answer.text();
      expect(text).toMatch(/^sesame_http_request_duration_seconds_count\{route="other",method="GET"\} 2$/m);
      expect(text).toMatch(/^sesame_http_request_duration_seconds_count\{route="other",method="DELETE"\} 1$/m);
      expect(text).toMatch(/^sesame_http_request_duration_seconds_count\{route="other",method="POST"\} 1$/m);
      expect(text).toMatch(/^sesame_http_request_duration_seconds_count\{route=".well-known\/jwks.json",method="GET"\} 1$/m);
      expect(text).not.toMatch(/route="(code|deny|token)"/);
    } finally {
      t.close();
    }
  });

  it("refuses a short metrics token, and a token without metrics, at start-up", async () => {
    await expect(makeSesame({ metrics: createPrometheusMetrics(), metricsToken: "short" })).rejects.toThrow(/^metricsToken must be at least 16 characters$/);
    await expect(makeSesame({ metricsToken: TOKEN })).rejects.toThrow(/^metricsToken needs metrics/);
  });

  it("sesame serve offers /metrics with SESAME_METRICS_TOKEN, and on a loopback port of its own with SESAME_METRICS_PORT", async () => {
    assertBuilt();
    const mailPath = join(dir, "mail.jsonl");
    const probe = await serve({ SESAME_DB: join(dir, "probe.db"), SESAME_MAILER: `file:${mailPath}` }, running);
    expect((await fetch(`${probe.url}/metrics`)).status).toBe(404); // off unless configured
    await probe.stop();

    const port = await freePort();
    const server = await serve(
      { SESAME_DB: join(dir, "served.db"), SESAME_MAILER: `file:${mailPath}`, SESAME_METRICS_TOKEN: TOKEN, SESAME_METRICS_PORT: String(port) },
      running,
    );
    await client(server.url)("/magic", { email: "bea@example.com" });
    await mailsArrived(mailPath, 1);
    const viaToken = await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(value(parse(await viaToken.text()), "sesame_link_requests_total", { outcome: "signup" })).toBe(1);
    const viaPort = await fetch(`http://127.0.0.1:${port}/metrics`);
    expect(value(parse(await viaPort.text()), "sesame_mails_total", { outcome: "sent" })).toBe(1);
    expect(server.output()).toContain(`metrics on http://127.0.0.1:${port}/metrics`);
  });
});
