import { afterEach, describe, expect, it, vi } from "vitest";
import { SesameError } from "../core/errors.js";
import type { MailMessage } from "../core/ports.js";
import { DevMailbox } from "./dev.js";

function message(n: number, overrides: Partial<MailMessage> = {}): MailMessage {
  return {
    to: `user${n}@example.com`,
    kind: "login",
    subject: `Subject ${n}`,
    text: `text ${n}`,
    html: `<p>html ${n}</p>`,
    url: `https://app.example/auth/login?token=t${n}`,
    ...overrides,
  };
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe("DevMailbox", () => {
  it("stores sent messages newest first, with increasing ids and the clock's time", async () => {
    let now = 1_000;
    const box = new DevMailbox({ print: () => {}, clock: () => now });
    await box.send(message(1));
    now = 2_000;
    await box.send(message(2));

    const mails = box.list();
    expect(mails.map((m) => m.to)).toEqual(["user2@example.com", "user1@example.com"]);
    expect(mails.map((m) => m.id)).toEqual([2, 1]);
    expect(mails.map((m) => m.sentAt)).toEqual([2_000, 1_000]);
    expect(mails[0]).toMatchObject(message(2));
  });

  it("keeps only the newest `limit` messages (default 50)", async () => {
    const box = new DevMailbox({ print: () => {} });
    for (let i = 1; i <= 60; i++) await box.send(message(i));
    const mails = box.list();
    expect(mails).toHaveLength(50);
    expect(mails[0]?.to).toBe("user60@example.com");
    expect(mails.at(-1)?.to).toBe("user11@example.com");

    const small = new DevMailbox({ print: () => {}, limit: 2 });
    for (let i = 1; i <= 5; i++) await small.send(message(i));
    expect(small.list().map((m) => m.id)).toEqual([5, 4]);
  });

  it("rejects a limit that is not a positive integer", () => {
    expect(() => new DevMailbox({ limit: 0 })).toThrow(RangeError);
    expect(() => new DevMailbox({ limit: 1.5 })).toThrow(RangeError);
  });

  it("clear() empties the mailbox without resetting ids", async () => {
    const box = new DevMailbox({ print: () => {} });
    await box.send(message(1));
    box.clear();
    expect(box.list()).toEqual([]);
    await box.send(message(2));
    expect(box.list().map((m) => m.id)).toEqual([2]);
  });

  it("returns snapshots that neither later sends nor caller mutations affect", async () => {
    const box = new DevMailbox({ print: () => {} });
    const original = message(1);
    await box.send(original);
    const snapshot = box.list();
    original.url = "https://evil.example/";
    await box.send(message(2));
    expect(snapshot).toHaveLength(1);
    expect(box.list()[1]?.url).toBe("https://app.example/auth/login?token=t1");
    expect(() => {
      (snapshot[0] as { url: string }).url = "x";
    }).toThrow(TypeError);
  });

  it("prints a banner, the recipient, the subject and the link", async () => {
    const lines: string[] = [];
    const box = new DevMailbox({ print: (line) => lines.push(line) });
    await box.send(message(7, { subject: "Your login link for Example" }));
    const out = lines.join("\n");
    expect(out).toMatch(/development mailer/i);
    expect(out).toMatch(/not for production/i);
    expect(out).toContain("user7@example.com");
    expect(out).toContain("Your login link for Example");
    expect(out).toContain("https://app.example/auth/login?token=t7");
    // Bodies stay out of the console: the block is short.
    expect(out).not.toContain("html 7");
    expect(lines.length).toBeLessThanOrEqual(8);
  });

  it("prints to console.log by default", async () => {
    const spy = vi.spyOn(console, "log").mockImplementation(() => {});
    await new DevMailbox().send(message(3));
    const out = spy.mock.calls.map((c) => String(c[0])).join("\n");
    expect(out).toContain("https://app.example/auth/login?token=t3");
  });

  it("neutralises control characters so an address cannot forge log lines or terminal escapes", async () => {
    const lines: string[] = [];
    const box = new DevMailbox({ print: (line) => lines.push(line) });
    await box.send(message(1, { to: "a@example.com\nLink:    https://evil.example/\u001b[2J" }));
    expect(lines.some((l) => l.startsWith("Link:    https://evil.example/"))).toBe(false);
    expect(lines.join("\n")).not.toContain("\u001b");
    expect(lines.join("\n")).toContain("a@example.com\\u000aLink:");
    // What was stored is what was sent; only the console copy is made safe.
    expect(box.list()[0]?.to).toContain("\n");
  });

  it("reports a failing printer as mailer_unavailable, keeping the message", async () => {
    const box = new DevMailbox({
      print: () => {
        throw new Error("stdout closed");
      },
    });
    const err = await box.send(message(1)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SesameError);
    expect((err as SesameError).code).toBe("mailer_unavailable");
    expect(box.list()).toHaveLength(1);
  });
});
