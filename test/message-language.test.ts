/**
 * The JSON API's error messages and the pages' notices speak the request's language (#21):
 * the same codes in every language, the sentence from the catalogue of the language chosen
 * (Accept-Language, `lang`, the cookie), counts and durations through Intl.
 */
import { describe, expect, it } from "vitest";
import { createSesame } from "../src/index.js";
import { BASE_URL, makeSesame, T0 } from "./support.js";

const token = (t: Awaited<ReturnType<typeof makeSesame>>, to: string) => t.lastLink(to).searchParams.get("token")!;

const json = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  new Request(new URL(path, BASE_URL), { method: "POST", body: JSON.stringify(body), headers: { "content-type": "application/json", ...headers } });

describe("the language of messages", () => {
  it("answers a JSON error in the language asked for (fr-CA gives French), with the same code", async () => {
    const t = await makeSesame();
    try {
      const french = await t.sesame.fetch(json("/magic", { email: "ada" }, { "accept-language": "fr-CA" }));
      expect(french.status).toBe(400);
      expect(await french.json()).toEqual({
        error: { code: "invalid_email", message: "Une adresse e-mail doit contenir exactement un @, comme dans nom@example.com." },
      });
      const english = await t.sesame.fetch(json("/magic", { email: "ada" }, { "accept-language": "tlh" }));
      expect(await english.json()).toEqual({ error: { code: "invalid_email", message: "An e-mail address needs exactly one @, as in name@example.com." } });
      // A body that cannot be read is refused in the language too.
      const unknown = await t.sesame.fetch(json("/magic", { email: "ada@example.com", extra: "1" }, { "accept-language": "de" }));
      expect(await unknown.json()).toEqual({ error: { code: "unknown_field", message: "Unerwartetes Feld: extra." } });
    } finally {
      t.close();
    }
  });

  it("says a wrong code's tries left with the language's plural forms, on the page and in JSON", async () => {
    const t = await makeSesame();
    try {
      const browser = t.browser();
      await browser.post("/magic", { email: "ada@example.com" }, { "accept-language": "ar" });
      const page = await (await browser.post("/code", { code: "000000" }, { "accept-language": "ar" })).text();
      expect(page).toContain('<html lang="ar" dir="rtl">');
      expect(page).toContain("هذا الرمز غير صحيح.");
      const answer = await browser.post("/code", { code: "000001" }, { "accept-language": "de", accept: "application/json" });
      const { error } = (await answer.json()) as { error: { code: string; message: string } };
      expect(error.code).toBe("code_wrong");
      expect(error.message).toMatch(/^Dieser Code stimmt nicht\. Noch \d Versuche?\.$/);
    } finally {
      t.close();
    }
  });

  it("names a field's problem with the field's label in the language", async () => {
    const t = await makeSesame({ signupFields: [{ name: "name", label: "Your name", labels: { es: "Tu nombre" }, required: true }] });
    try {
      const browser = t.browser();
      await browser.post("/magic", { email: "ada@example.com" });
      const token = t.lastLink("ada@example.com").searchParams.get("token")!;
      const answer = await t.sesame.fetch(json("/signup", { token, name: " " }, { "accept-language": "es-MX" }));
      expect(answer.status).toBe(400);
      expect(await answer.json()).toEqual({
        error: { code: "invalid_fields", message: "Hay campos que revisar.", fields: { name: "Tu nombre: este campo es obligatorio." } },
      });
      const page = await (await browser.post("/signup", { token, name: "" }, { "accept-language": "es" })).text();
      expect(page).toContain("Tu nombre: este campo es obligatorio.");
    } finally {
      t.close();
    }
  });

  it("shows a link that no longer works, and a missing page, in the language", async () => {
    const t = await makeSesame();
    try {
      const gone = await t.sesame.fetch(new Request(`${BASE_URL}/login?token=nope`, { headers: { accept: "application/json", "accept-language": "ja" } }));
      expect(await gone.json()).toEqual({ error: { code: "token_invalid", message: "このリンクは無効です。" } });
      const missing = await t.browser().get("/nowhere?lang=pt-BR");
      expect(missing.status).toBe(404);
      expect(await missing.text()).toContain("Não há nenhuma página neste endereço.");
    } finally {
      t.close();
    }
  });

  it("keeps an app's own refusal in its own words and says closed sign-ups in the language", async () => {
    const t = await makeSesame({ hooks: { beforeSignup: () => ({ refuse: "Only staff addresses, please." }) } });
    try {
      await t.browser().post("/magic", { email: "ada@example.com" });
      await t.browser().post("/magic", { email: "bob@example.com" });
      const refused = await t.sesame.fetch(json("/signup", { token: token(t, "ada@example.com"), name: "Ada" }, { "accept-language": "fr" }));
      expect(await refused.json()).toEqual({ error: { code: "signup_refused", message: "Only staff addresses, please." } });
      // The same database, sign-ups closed since the link was mailed.
      const closed = createSesame({ baseUrl: BASE_URL, store: t.db.store, mailer: t.mailbox, now: () => T0, signup: "closed", log: () => {} });
      const answer = await closed.fetch(json("/signup", { token: token(t, "bob@example.com"), name: "Bob" }, { "accept-language": "fr" }));
      expect(answer.status).toBe(403);
      expect(await answer.json()).toEqual({
        error: { code: "signup_refused", message: "Les inscriptions sont fermées ici : seuls les comptes existants peuvent se connecter." },
      });
    } finally {
      t.close();
    }
  });
});
