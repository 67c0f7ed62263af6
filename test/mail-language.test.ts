/**
 * The mail goes out in the language of the request that asked for it (#21): its
 * Accept-Language matched (de-AT,de;q=0.9 → German, fr-CA → French, an unknown one →
 * English), the `lang` parameter, or the app's `locale` option. The language travels sealed
 * with the link in the outbox, so a mail sent later, by another instance, is the same.
 */
import { describe, expect, it } from "vitest";
import { makeSesame } from "./support.js";

async function mailFor(t: Awaited<ReturnType<typeof makeSesame>>, email: string, headers: Record<string, string>, path = "/magic") {
  await t.browser().post(path, { email }, headers);
  await t.sesame.idle();
  return t.mailbox.list()[0]!;
}

describe("the language of a mail", () => {
  it("follows the browser's Accept-Language, matched to the closest language", async () => {
    const t = await makeSesame();
    try {
      expect((await mailFor(t, "a@example.com", { "accept-language": "de-AT,de;q=0.9" })).subject).toBe("Registrierung bei Sesame abschließen");
      expect((await mailFor(t, "b@example.com", { "accept-language": "fr-CA" })).subject).toBe("Terminez votre inscription à Sesame");
      expect((await mailFor(t, "c@example.com", { "accept-language": "zh-CN,zh;q=0.9" })).subject).toBe("Finish signing up for Sesame");
      const arabic = await mailFor(t, "d@example.com", { "accept-language": "ar" });
      expect(arabic.subject).toBe("أكمل التسجيل في \u2068Sesame\u2069"); // the name set apart, in its own direction
      expect(arabic.html).toContain('dir="rtl"');
      expect((await mailFor(t, "e@example.com", { "accept-language": "de" }, "/magic?lang=ja")).subject).toBe("Sesame の登録を完了してください");
    } finally {
      t.close();
    }
  });

  it("keeps the language of the page where the link was asked for when it is sent later, from the outbox", async () => {
    const secret = "the same secret on both instances, 32+";
    const t = await makeSesame({ secret, mailer: { send: async () => Promise.reject(new Error("mail service down")) } });
    try {
      await t.browser().post("/magic", { email: "late@example.com" }, { "accept-language": "es-MX" });
      await t.sesame.idle();
      expect(t.mailbox.list()).toHaveLength(0);
      // Another instance, with the same secret and database, sends it from the outbox.
      const { createSesame } = await import("../src/index.js");
      const later = createSesame({ baseUrl: "http://localhost:8787", store: t.db.store, mailer: t.mailbox, secret, now: () => Date.UTC(2030, 0, 1, 12, 1) });
      await later.deliverQueuedMail();
      expect(t.mailbox.list()[0]).toMatchObject({ to: "late@example.com", subject: "Completa tu registro en Sesame" });
      expect(t.mailbox.list()[0]!.text).toContain("Este enlace es válido durante");
    } finally {
      t.close();
    }
  });

  it("is the app's when it says so: a fixed language, or one chosen per request", async () => {
    const fixed = await makeSesame({ locale: "pt-BR" });
    try {
      expect((await mailFor(fixed, "f@example.com", { "accept-language": "de" })).subject).toBe("Conclua seu cadastro no Sesame");
    } finally {
      fixed.close();
    }
    const chosen = await makeSesame({ locale: (request) => (new URL(request.url).hostname === "localhost" ? "fr" : undefined) });
    try {
      expect((await mailFor(chosen, "g@example.com", {})).subject).toBe("Terminez votre inscription à Sesame");
    } finally {
      chosen.close();
    }
    await expect(makeSesame({ locale: "tlh" })).rejects.toThrow("locale must be one of en, de, fr, es, pt-BR, ja, ar");
  });
});
