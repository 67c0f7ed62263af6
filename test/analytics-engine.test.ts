/**
 * Workers Analytics Engine: the metrics as data points. In Node with a dataset that keeps
 * what it is given (the binding's one documented method), and on workerd, where the built
 * Worker writes to the dataset bound as SESAME_ANALYTICS: a recording one around the real
 * Worker module, and miniflare's own binding (which, locally, keeps nothing).
 */
import { Miniflare } from "miniflare";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildWorker, workerModules } from "../scripts/build-worker.mjs";
import { createAnalyticsEngineMetrics, type AnalyticsEngineDataset } from "../src/metrics/analytics-engine.js";
import { makeSesame } from "./support.js";

type Point = Parameters<AnalyticsEngineDataset["writeDataPoint"]>[0];
const named = (points: Point[], index: string) => points.filter((p) => p.indexes?.[0] === index);

describe("metrics as Analytics Engine data points", () => {
  it("writes a point per counted event and per timed answer, labels as blobs, amounts as doubles", async () => {
    const points: Point[] = [];
    const t = await makeSesame({ metrics: createAnalyticsEngineMetrics({ writeDataPoint: (p) => points.push(p) }) });
    try {
      const ada = t.browser();
      await ada.post("/magic", { email: "ada@example.com" });
      await ada.post("/signup", { token: t.lastLink().searchParams.get("token")!, name: "Ada" });
      await ada.post("/code", { code: "000000" });
      await t.sesame.idle();
      expect(named(points, "sesame_link_requests_total")).toEqual([{ indexes: ["sesame_link_requests_total"], blobs: ["signup"], doubles: [1] }]);
      expect(named(points, "sesame_signups_total")).toEqual([{ indexes: ["sesame_signups_total"], blobs: ["link"], doubles: [1] }]);
      expect(named(points, "sesame_mails_total")).toEqual([{ indexes: ["sesame_mails_total"], blobs: ["sent"], doubles: [1] }]);
      const timed = named(points, "sesame_http_request_duration_seconds");
      expect(timed.map((p) => p.blobs)).toEqual(
        expect.arrayContaining([
          ["magic", "POST"],
          ["signup", "POST"],
        ]),
      );
      for (const p of timed) expect(p.doubles![0]).toBeGreaterThanOrEqual(0);
      // Nothing from the request: no address, no token.
      expect(JSON.stringify(points)).not.toContain("ada@");

      // The outbox's state: one point per call (the Worker's cron makes it).
      await t.sesame.metrics();
      expect(named(points, "sesame_outbox")).toEqual([{ indexes: ["sesame_outbox"], doubles: [0, 0, 0] }]);
    } finally {
      t.close();
    }
  });

  it("never fails a request because the platform refused a point", async () => {
    const t = await makeSesame({
      metrics: createAnalyticsEngineMetrics({
        writeDataPoint: () => {
          throw new Error("too many data points");
        },
      }),
    });
    try {
      expect((await t.browser().post("/magic", { email: "ada@example.com" })).status).toBe(303);
    } finally {
      t.close();
    }
  });
});

describe("on workerd", () => {
  const BASE = "http://localhost:8787";
  const bindings = { SESAME_BASE_URL: BASE, SESAME_SECRET: "a test secret that is long enough to use", SESAME_MAILER: "dev" };
  let modules: { type: "ESModule"; path: string; contents: string }[] = [];
  beforeAll(async () => {
    await buildWorker();
    modules = workerModules();
  }, 60_000);
  const running: Miniflare[] = [];
  afterAll(async () => {
    await Promise.all(running.map((mf) => mf.dispose()));
  });

  async function signUp(mf: Miniflare) {
    const post = (path: string, fields: Record<string, string>) =>
      mf.dispatchFetch(`${BASE}${path}`, {
        method: "POST",
        redirect: "manual",
        headers: { "content-type": "application/x-www-form-urlencoded", "cf-connecting-ip": "192.0.2.1" },
        body: new URLSearchParams(fields).toString(),
      });
    expect((await post("/magic", { email: "ada@example.com" })).status).toBe(303);
    // The mail leaves after the answer: the development mailbox shows it once it has.
    const linkToken = async () => (await (await mf.dispatchFetch(`${BASE}/_dev/mail`)).text()).match(/token=([A-Za-z0-9_-]{43})/)?.[1];
    await expect.poll(linkToken).toBeTruthy();
    const token = (await linkToken())!;
    expect((await post("/signup", { token, name: "Ada" })).status).toBe(303);
  }

  it("writes the built Worker's metrics to the dataset bound as SESAME_ANALYTICS, and the outbox's state on the cron run", async () => {
    // The real Worker module, given a dataset that keeps its points where a test can read them.
    const main = `
      import { createWorker } from "./worker.mjs";
      const points = [];
      const dataset = { writeDataPoint: (point) => points.push(point) };
      const worker = createWorker();
      let env;
      const withDataset = (given) => (env ??= { ...given, SESAME_ANALYTICS: dataset });
      export default {
        fetch(request, given, ctx) {
          if (new URL(request.url).pathname === "/__points") return Response.json(points);
          if (new URL(request.url).pathname === "/__cron") return worker.scheduled({}, withDataset(given), ctx).then(() => new Response("ran"));
          return worker.fetch(request, withDataset(given), ctx);
        },
      };`;
    const mf = new Miniflare({
      modules: [{ type: "ESModule", path: "main.mjs", contents: main }, ...modules],
      compatibilityDate: "2025-04-01",
      d1Databases: ["DB"],
      bindings,
    });
    running.push(mf);
    await signUp(mf);
    await (await mf.dispatchFetch(`${BASE}/__cron`)).text();
    const points = (await (await mf.dispatchFetch(`${BASE}/__points`)).json()) as Point[];
    expect(named(points, "sesame_link_requests_total")).toEqual([{ indexes: ["sesame_link_requests_total"], blobs: ["signup"], doubles: [1] }]);
    expect(named(points, "sesame_signups_total")).toEqual([{ indexes: ["sesame_signups_total"], blobs: ["link"], doubles: [1] }]);
    expect(named(points, "sesame_http_request_duration_seconds").length).toBeGreaterThanOrEqual(2);
    expect(named(points, "sesame_outbox")).toEqual([{ indexes: ["sesame_outbox"], doubles: [0, 0, 0] }]);
  }, 60_000);

  it("runs with miniflare's own Analytics Engine binding", async () => {
    const mf = new Miniflare({
      modules,
      compatibilityDate: "2025-04-01",
      d1Databases: ["DB"],
      analyticsEngineDatasets: { SESAME_ANALYTICS: { dataset: "sesame" } },
      bindings,
    });
    running.push(mf);
    await signUp(mf);
  }, 60_000);
});
