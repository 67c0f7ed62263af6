/**
 * OpenTelemetry: the SDK others wrote, with its in-memory exporter, records the spans a
 * sign-up and a login make. Each flow's span says how many round trips it made and
 * parents its store calls; no attribute holds an address, a token, a code or a secret.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { trace } from "@opentelemetry/api";
import { InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from "@opentelemetry/sdk-trace-base";
import { NodeTracerProvider } from "@opentelemetry/sdk-trace-node";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTracing } from "../src/tracing/opentelemetry.js";
import { client, mailsArrived, processSandbox, run, waitFor } from "./process.js";
import { makeSesame } from "./support.js";

const exporter = new InMemorySpanExporter();
const provider = new NodeTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
beforeAll(() => {
  provider.register();
});
afterAll(async () => {
  await provider.shutdown();
  trace.disable();
});
beforeEach(() => exporter.reset());

const flowSpans = (spans: ReadableSpan[]) => spans.filter((s) => s.attributes["sesame.flow"] !== undefined);
const nanos = ([seconds, nanoseconds]: [number, number]) => BigInt(seconds) * 1_000_000_000n + BigInt(nanoseconds);
const childrenOf = (spans: ReadableSpan[], parent: ReadableSpan) => spans.filter((s) => s.parentSpanContext?.spanId === parent.spanContext().spanId);

describe("tracing through @opentelemetry/api", () => {
  it("gives a sign-up a span per flow with its round trips, and a child span per store call", async () => {
    const t = await makeSesame({ tracing: createTracing(trace) });
    const ada = t.browser();
    expect((await ada.post("/magic", { email: "Ada.Lovelace@Example.com" })).status).toBe(303);
    await t.sesame.idle();
    const link = t.lastLink();
    const token = link.searchParams.get("token")!;
    expect((await ada.get(`/signup?token=${token}`)).status).toBe(200);
    const signedUp = await ada.post("/signup", { token, name: "Ada" });
    expect(signedUp.status).toBe(303);
    expect((await ada.get("/")).status).toBe(200);

    const spans = exporter.getFinishedSpans();
    const flows = flowSpans(spans);
    const named = (flow: string) => flows.find((s) => s.attributes["sesame.flow"] === flow);
    const request = named("requestLink")!;
    expect(request.name).toBe("sesame requestLink");
    expect(request.attributes["sesame.outcome"]).toBe("signup");
    expect(request.attributes["sesame.round_trips"]).toBe(1);
    expect(childrenOf(spans, request).map((s) => s.name)).toContain("sesame.store createLinkToken");

    const completed = named("completeSignup")!;
    expect(completed.attributes["sesame.round_trips"]).toBe(1);
    expect(completed.attributes["sesame.outcome"]).toBe("ok");
    const stores = childrenOf(spans, completed);
    expect(stores.map((s) => s.name)).toEqual(["sesame.store completeSignup"]);
    expect(stores[0]!.attributes["sesame.round_trips"]).toBe(1);

    expect(named("inspectLink")!.attributes["sesame.round_trips"]).toBe(1);
    expect(named("validateSession")!.attributes["sesame.round_trips"]).toBeGreaterThanOrEqual(1);
    // Every flow span's count is the number of store spans under it while it ran. The mail
    // goes out after the answer; recording that it did is a store call of its own, later.
    for (const flow of flows) {
      const during = childrenOf(spans, flow).filter((s) => nanos(s.startTime) <= nanos(flow.endTime));
      expect([flow.name, flow.attributes["sesame.round_trips"]]).toEqual([flow.name, during.length]);
    }
    const after = childrenOf(spans, request).filter((s) => nanos(s.startTime) > nanos(request.endTime));
    expect(after.map((s) => s.name)).toEqual(["sesame.store settleMail"]);

    const cookie = signedUp.headers.get("set-cookie")!.split(";")[0]!.split("=")[1]!;
    const recorded = JSON.stringify(spans.map((s) => ({ name: s.name, attributes: s.attributes, events: s.events, status: s.status })));
    for (const secret of ["ada.lovelace", "Ada.Lovelace", "example.com", token, cookie]) expect(recorded).not.toContain(secret);
    await t.db.close();
  });

  it("marks a failed flow with the error's code, never its message", async () => {
    const t = await makeSesame({ tracing: createTracing(trace) });
    await t.db.close();
    const answer = await t.browser().post("/magic", { email: "grace@example.com" });
    expect(answer.status).toBe(503);
    const request = flowSpans(exporter.getFinishedSpans()).find((s) => s.attributes["sesame.flow"] === "requestLink")!;
    expect(request.status.code).toBe(2);
    expect(request.attributes["error.type"]).toBe("store_unavailable");
    expect(JSON.stringify(exporter.getFinishedSpans().map((s) => [s.attributes, s.status]))).not.toContain("grace");
  });

  it("counts a login code's round trips, and records a wrong code as an outcome", async () => {
    const t = await makeSesame({ tracing: createTracing(trace) });
    const ada = t.browser();
    await ada.post("/magic", { email: "ada@example.com" });
    await ada.post("/signup", { token: t.lastLink().searchParams.get("token")!, name: "Ada" });
    const phone = t.browser();
    await phone.post("/magic", { email: "ada@example.com" });
    await t.sesame.idle();
    exporter.reset();
    await phone.post("/code", { code: "000000" });
    const code = flowSpans(exporter.getFinishedSpans()).find((s) => s.attributes["sesame.flow"] === "redeemCode");
    expect(code?.attributes["sesame.outcome"]).toBe("wrong_code");
    expect(code?.attributes["sesame.round_trips"]).toBe(1);
    await t.db.close();
  });
});

describe("SESAME_OPENTELEMETRY=on", () => {
  const box = processSandbox("otel");

  it("gives `sesame serve` spans through the SDK the process registers with --import", async () => {
    const spansFile = join(box.dir, "spans.jsonl");
    const setup = join(box.dir, "telemetry.mjs");
    // What an operator's setup file does, with an exporter that writes one line per span.
    const from = (name: string) => pathToFileURL(createRequire(import.meta.url).resolve(name)).href;
    writeFileSync(
      setup,
      `import { appendFileSync } from "node:fs";
import { NodeTracerProvider } from ${JSON.stringify(from("@opentelemetry/sdk-trace-node"))};
import { SimpleSpanProcessor } from ${JSON.stringify(from("@opentelemetry/sdk-trace-base"))};
const exporter = {
  export(spans, done) {
    for (const s of spans) appendFileSync(${JSON.stringify(spansFile)}, JSON.stringify({ name: s.name, attributes: s.attributes }) + "\\n");
    done({ code: 0 });
  },
  shutdown: async () => {},
};
new NodeTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] }).register();
`,
    );
    const mail = join(box.dir, "mail.jsonl");
    const server = await box.serve({
      SESAME_DB: join(box.dir, "otel.db"),
      SESAME_MAILER: `file:${mail}`,
      SESAME_OPENTELEMETRY: "on",
      NODE_OPTIONS: `--import ${pathToFileURL(setup).href}`,
    });
    const browser = client(server.url);
    expect((await browser("/magic", { email: "ada@example.com" })).status).toBe(303);
    await mailsArrived(mail);
    const spans = await waitFor("the link request's span", () => {
      const lines = existsSync(spansFile) ? readFileSync(spansFile, "utf8").trim().split("\n") : [];
      const parsed = lines.map((line) => JSON.parse(line) as { name: string; attributes: Record<string, unknown> });
      return parsed.some((s) => s.name === "sesame requestLink") ? parsed : undefined;
    });
    const request = spans.find((s) => s.name === "sesame requestLink")!;
    expect(request.attributes).toMatchObject({ "sesame.flow": "requestLink", "sesame.outcome": "signup", "sesame.round_trips": 1 });
    expect(spans.map((s) => s.name)).toContain("sesame.store createLinkToken");
    expect(readFileSync(spansFile, "utf8")).not.toContain("ada@");
  });

  it("stops start-up with one line naming the variable when its value is not on or off", async () => {
    const result = await run(["serve"], { SESAME_DB: join(box.dir, "x.db"), SESAME_MAILER: "dev", SESAME_OPENTELEMETRY: "maybe" });
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain("SESAME_OPENTELEMETRY");
  });
});
