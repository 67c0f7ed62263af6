/**
 * Bad input of every shape gets a clear 4xx and changes nothing (S25).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BASE_URL, makeSesame } from "./support.js";

type Harness = Awaited<ReturnType<typeof makeSesame>>;

const ENDPOINTS = ["/magic", "/login", "/signup", "/logout", "/code", "/approve", "/deny", "/continue"];

describe("S25: bad input gets a 4xx with a reason and changes no state", () => {
  let t: Harness;
  let snapshot: () => Promise<string>;
  let before: string;

  beforeAll(async () => {
    t = await makeSesame();
    // One account, so login paths have something to protect.
    const browser = t.browser();
    await browser.post("/magic", { email: "ada@example.com" });
    await browser.post("/signup", { token: t.lastLink().searchParams.get("token")!, name: "Ada" });
    snapshot = async () => {
      await t.sesame.idle();
      const results = await t.db.executor.batch(
        ["accounts", "link_tokens", "sessions", "mail_outbox"].map((table) => ({ sql: `SELECT * FROM ${table} ORDER BY 1`, params: [] })),
      );
      return JSON.stringify(results) + t.mailbox.list().length;
    };
    before = await snapshot();
  });
  afterAll(() => t.close());

  async function send(path: string, init: RequestInit & { json?: boolean }) {
    const response = await t.sesame.fetch(new Request(`${BASE_URL}${path}`, init));
    const text = await response.text();
    return { status: response.status, text, type: response.headers.get("content-type") ?? "" };
  }

  function expectRefusal(result: { status: number; text: string }, status: number, pattern: RegExp) {
    expect(result.status).toBe(status);
    expect(result.text).toMatch(pattern);
  }

  const form = { "content-type": "application/x-www-form-urlencoded" };
  const json = { "content-type": "application/json", accept: "application/json" };

  it("a missing or invalid e-mail address", async () => {
    expectRefusal(await send("/magic", { method: "POST", headers: form, body: "" }), 400, /Enter your e-mail address/);
    expectRefusal(await send("/magic", { method: "POST", headers: form, body: "email=nope" }), 400, /exactly one @/);
    const page = await send("/magic", { method: "POST", headers: form, body: "email=%3Cb%3Ex%3C%2Fb%3E" });
    expect(page.status).toBe(400);
    expect(page.text).toContain("&lt;b&gt;x&lt;/b&gt;");
    expectRefusal(await send("/magic", { method: "POST", headers: json, body: '{"email":null}' }), 400, /"invalid_field"/);
  });

  it("a body over 16 KiB, declared or streamed", async () => {
    const big = `email=${"a".repeat(17 * 1024)}`;
    for (const path of ENDPOINTS) {
      expectRefusal(await send(path, { method: "POST", headers: form, body: big }), 413, /at most 16 KiB/);
    }
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 20; i++) controller.enqueue(new TextEncoder().encode("a".repeat(1024)));
        controller.close();
      },
    });
    const streamed = await send("/magic", { method: "POST", headers: form, body: stream, duplex: "half" } as RequestInit);
    expect(streamed.status).toBe(413);
  });

  it("a wrong content type", async () => {
    for (const path of ENDPOINTS) {
      expectRefusal(
        await send(path, { method: "POST", headers: { "content-type": "text/plain" }, body: "email=a@b.com" }),
        415,
        /urlencoded or application\/json/,
      );
    }
    const multipart = new FormData();
    multipart.set("email", "ada@example.com");
    expect((await send("/magic", { method: "POST", body: multipart })).status).toBe(415);
  });

  it("invalid UTF-8, raw or percent-encoded", async () => {
    for (const path of ENDPOINTS) {
      expectRefusal(await send(path, { method: "POST", headers: form, body: new Uint8Array([0x65, 0x3d, 0xff, 0xfe]) }), 400, /not valid UTF-8/);
      expectRefusal(await send(path, { method: "POST", headers: form, body: "email=%FF%FE" }), 400, /not validly encoded/);
    }
    expectRefusal(await send("/magic", { method: "POST", headers: json, body: new Uint8Array([0x7b, 0xc3, 0x28, 0x7d]) }), 400, /invalid_encoding/);
  });

  it("malformed JSON, or JSON that is not an object of strings", async () => {
    for (const body of ["{", "[]", '"x"', "null", '{"email":["a@b.com"]}', '{"email":{"$ne":1}}']) {
      const result = await send("/magic", { method: "POST", headers: json, body });
      expect(result.status, body).toBe(400);
      expect(JSON.parse(result.text)).toMatchObject({ error: { code: expect.any(String), message: expect.any(String) } });
    }
  });

  it("unknown or repeated fields", async () => {
    expectRefusal(await send("/magic", { method: "POST", headers: form, body: "email=ada%40example.com&admin=1" }), 400, /Unexpected field: admin/);
    expectRefusal(await send("/magic", { method: "POST", headers: form, body: "email=ada%40example.com&email=eve%40evil.example" }), 400, /more than once/);
    expectRefusal(await send("/login", { method: "POST", headers: json, body: '{"token":"x","account":"1"}' }), 400, /unknown_field/);
    expectRefusal(await send("/signup", { method: "POST", headers: form, body: "token=x&name=a&role=admin" }), 400, /Unexpected field: role/);
    expectRefusal(await send("/logout", { method: "POST", headers: form, body: "all=1" }), 400, /Unexpected field: all/);
  });

  it("tokens of the wrong length or alphabet, by GET and POST", async () => {
    const bad = ["", "short", "A".repeat(42), "A".repeat(44), `${"A".repeat(42)}=`, `${"A".repeat(42)}+`, `${"A".repeat(42)}é`, "../../etc/passwd"];
    for (const token of bad) {
      for (const path of ["/login", "/signup"]) {
        expectRefusal(await send(`${path}?token=${encodeURIComponent(token)}`, { method: "GET" }), 400, /not valid/);
        expectRefusal(
          await send(path, { method: "POST", headers: form, body: `token=${encodeURIComponent(token)}&${path === "/signup" ? "name=x" : ""}` }),
          400,
          /not valid/,
        );
      }
    }
    expectRefusal(await send("/login", { method: "GET" }), 400, /not valid/);
    expectRefusal(await send("/login?token=%E0%A4%A", { method: "GET" }), 400, /not valid/);
  });

  it("a body that breaks off, and repeated JSON keys", async () => {
    const broken = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode("email="));
        controller.error(new Error("connection reset"));
      },
    });
    expectRefusal(await send("/magic", { method: "POST", headers: form, body: broken, duplex: "half" } as RequestInit), 400, /could not be read/);
    expectRefusal(
      await send("/magic", { method: "POST", headers: json, body: '{"email":"ada@example.com", "nested":{"email":1}, "email" : "eve@evil.example"}' }),
      400,
      /duplicate_field/,
    );
  });

  it("random bodies, types and methods on every endpoint never give a 500", async () => {
    const types = [
      "application/x-www-form-urlencoded",
      "application/json",
      "text/plain",
      "multipart/form-data; boundary=x",
      "",
      "application/json; charset=utf-16",
    ];
    const paths = [...ENDPOINTS, "/", "/sent", "/session", "/healthz", "/_dev/mail", "/login?token=", "/%ZZ", "/signup?token=%00"];
    let seed = 42;
    const next = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff);
    for (let i = 0; i < 400; i++) {
      const bytes = new Uint8Array(next() % 200).map(() => next() % 256);
      const method = ["GET", "POST", "PUT", "DELETE", "HEAD"][next() % 5]!;
      const path = paths[next() % paths.length]!;
      const type = types[next() % types.length]!;
      const init: RequestInit = { method, headers: type ? { "content-type": type } : {} };
      if (method !== "GET" && method !== "HEAD") init.body = next() % 2 ? bytes : new TextDecoder().decode(bytes);
      const result = await send(path, init);
      expect(result.status, `${method} ${path} ${type}`).toBeLessThan(500);
    }
  });

  it("after all of it, nothing changed and no mail was sent", async () => {
    expect(await snapshot()).toBe(before);
  });
});

describe("S25: a refused request does not use a valid token", () => {
  it("a valid login token sent with a bad extra field or bad bytes stays unused", async () => {
    const t = await makeSesame();
    try {
      const browser = t.browser();
      await browser.post("/magic", { email: "ada@example.com" });
      await browser.post("/signup", { token: t.lastLink().searchParams.get("token")!, name: "Ada" });
      await browser.post("/magic", { email: "ada@example.com" });
      const token = t.lastLink().searchParams.get("token")!;
      const form = { "content-type": "application/x-www-form-urlencoded" };
      const post = (body: BodyInit) => t.sesame.fetch(new Request(`${BASE_URL}/login`, { method: "POST", headers: form, body }));
      const extra = await post(`token=${token}&admin=1`);
      expect(extra.status).toBe(400);
      expect(await extra.text()).toContain("Unexpected field: admin");
      const offsite = await post(`token=${token}&next=%2F%2Fevil.example`);
      expect(offsite.status).toBe(400);
      expect(await offsite.text()).toContain("must be on this site");
      const bytes = await post(new Uint8Array([...new TextEncoder().encode(`token=${token}&x=`), 0xff]));
      expect(bytes.status).toBe(400);
      expect((await t.sesame.fetch(new Request(`${BASE_URL}/login?token=${token}`))).status).toBe(200);
      expect((await post(`token=${token}`)).status).toBe(303);
    } finally {
      t.close();
    }
  });
});
