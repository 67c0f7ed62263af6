import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { SesameError } from "../core/errors.js";
import type { MailMessage } from "../core/ports.js";
import { createFileMailer, readFileMailbox } from "./file.js";

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "sesame-file-mailer-"));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function message(n: number): MailMessage {
  return {
    to: `user${n}@example.com`,
    kind: n % 2 === 0 ? "signup" : "login",
    subject: `Subject ${n}`,
    // Newlines and quotes in the bodies must not break the one-line-per-message format.
    text: `Line one\nLine "two" ${n}\n`,
    html: `<p class="x">html ${n}</p>\n<p>more</p>`,
    url: `https://app.example/auth?token=t${n}`,
  };
}

describe("createFileMailer", () => {
  it("appends one JSON line per message with exactly the documented keys", async () => {
    const path = join(dir, "mail.jsonl");
    const mailer = createFileMailer(path);
    const before = Date.now();
    await mailer.send({ ...message(1), extra: "not for disk" } as MailMessage);
    await mailer.send(message(2));

    const lines = (await readFile(path, "utf8")).split("\n");
    expect(lines).toHaveLength(3);
    expect(lines[2]).toBe("");
    const first = JSON.parse(lines[0] ?? "") as Record<string, unknown>;
    expect(Object.keys(first).sort()).toEqual(["html", "kind", "sentAt", "subject", "text", "to", "url"]);
    expect(first).toMatchObject(message(1));
    expect(typeof first.sentAt).toBe("string");
    expect(new Date(first.sentAt as string).toISOString()).toBe(first.sentAt);
    expect(Date.parse(first.sentAt as string)).toBeGreaterThanOrEqual(before - 1);
  });

  it("creates missing parent directories", async () => {
    const path = join(dir, "a", "b", "c", "mail.jsonl");
    await createFileMailer(path).send(message(1));
    const mails = await readFileMailbox(path);
    expect(mails.map((m) => m.url)).toEqual(["https://app.example/auth?token=t1"]);
  });

  it("keeps 20 concurrent sends on 20 separate, parseable lines", async () => {
    const path = join(dir, "mail.jsonl");
    const mailer = createFileMailer(path);
    // Above the 512 KiB chunk in which fs/promises writes, where unserialised sends
    // interleaved (checked, with a queue-less asynchronous append); each line must stay whole.
    const big = "x".repeat(600_000);
    await Promise.all(Array.from({ length: 20 }, (_, i) => mailer.send({ ...message(i), html: `${big}${i}` })));

    const lines = (await readFile(path, "utf8")).split("\n").filter((l) => l !== "");
    expect(lines).toHaveLength(20);
    const parsed = lines.map((l) => JSON.parse(l) as MailMessage);
    expect(new Set(parsed.map((m) => m.to)).size).toBe(20);
    for (const mail of parsed) {
      const n = Number(mail.to.replace(/\D/g, ""));
      expect(mail.html).toBe(`${big}${n}`);
      expect(mail.url).toBe(`https://app.example/auth?token=t${n}`);
    }
  });

  it("lets two mailers on the same file both append", async () => {
    const path = join(dir, "mail.jsonl");
    await createFileMailer(path).send(message(1));
    await createFileMailer(path).send(message(2));
    expect((await readFileMailbox(path)).map((m) => m.to)).toEqual(["user1@example.com", "user2@example.com"]);
  });

  it("rejects with mailer_unavailable when the path cannot be written", async () => {
    const file = join(dir, "regular-file");
    await writeFile(file, "not a directory");
    const mailer = createFileMailer(join(file, "sub", "mail.jsonl"));
    const err = await mailer.send(message(1)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SesameError);
    expect((err as SesameError).code).toBe("mailer_unavailable");
    expect((err as SesameError).cause).toBeInstanceOf(Error);
  });

  it("keeps working after a failed send", async () => {
    const blocker = join(dir, "blocker");
    await writeFile(blocker, "");
    const path = join(blocker, "mail.jsonl");
    const mailer = createFileMailer(path);
    await expect(mailer.send(message(1))).rejects.toMatchObject({ code: "mailer_unavailable" });
    // Clear the obstacle: the same mailer must recover rather than stay stuck on the
    // rejected promise in its queue.
    await rm(blocker);
    await mailer.send(message(2));
    expect((await readFileMailbox(path)).map((m) => m.to)).toEqual(["user2@example.com"]);
  });
});

describe("readFileMailbox", () => {
  it("returns [] when the file does not exist", async () => {
    expect(await readFileMailbox(join(dir, "missing.jsonl"))).toEqual([]);
  });

  it("returns the messages oldest first with their sentAt", async () => {
    const path = join(dir, "mail.jsonl");
    const mailer = createFileMailer(path);
    await mailer.send(message(1));
    await mailer.send(message(2));
    const mails = await readFileMailbox(path);
    expect(mails).toHaveLength(2);
    expect(mails[0]).toMatchObject(message(1));
    expect(mails[1]).toMatchObject(message(2));
    expect(typeof mails[1]?.sentAt).toBe("string");
  });

  it("names the line of a corrupt record", async () => {
    const path = join(dir, "mail.jsonl");
    await writeFile(path, `${JSON.stringify(message(1))}\n{broken\n`);
    await expect(readFileMailbox(path)).rejects.toThrow(/mail\.jsonl:2 /);
  });

  it("reads whole lines only: a last line still being appended (no newline yet) is not read", async () => {
    const path = join(dir, "mail.jsonl");
    const second = JSON.stringify(message(2));
    await writeFile(path, `${JSON.stringify(message(1))}\n${second.slice(0, 40)}`);
    expect((await readFileMailbox(path)).map((m) => m.to)).toEqual(["user1@example.com"]);
  });
});
