/**
 * The pages' language (#21): Accept-Language matched (de-AT,de;q=0.9 → German), the `lang`
 * parameter from the language switch (remembered in a cookie for the pages that follow),
 * English for a language the pages do not speak; the mail asked for from a German page is
 * German.
 */
import { describe, expect, it } from "vitest";
import { makeSesame } from "./support.js";

describe("the language of the pages", () => {
  it("follows Accept-Language, and the mail asked for from a German page is German", async () => {
    const t = await makeSesame();
    try {
      const browser = t.browser();
      const home = await (await browser.get("/", { "accept-language": "de-AT,de;q=0.9" })).text();
      expect(home).toContain('<html lang="de" dir="ltr">');
      expect(home).toContain("<h1>Anmelden oder registrieren</h1>");
      const asked = await browser.post("/magic", { email: "ada@example.com" }, { "accept-language": "de-AT,de;q=0.9" });
      const sent = await (await browser.get(asked.headers.get("location")!, { "accept-language": "de-AT,de;q=0.9" })).text();
      expect(sent).toContain("Wir haben einen Registrierungslink an <strong>ada@example.com</strong> geschickt.");
      await t.sesame.idle();
      expect(t.mailbox.list()[0]!.subject).toBe("Registrierung bei Sesame abschließen");

      expect(await (await t.browser().get("/", { "accept-language": "zh-CN" })).text()).toContain('<html lang="en" dir="ltr">');
    } finally {
      t.close();
    }
  });

  it("switches by the lang parameter and remembers the choice in a cookie; Arabic reads right to left", async () => {
    const t = await makeSesame();
    try {
      const browser = t.browser();
      const chosen = await browser.get("/?lang=ar", { "accept-language": "en" });
      expect(chosen.headers.get("set-cookie")).toMatch(/^sesame_lang=ar; Max-Age=31536000; Path=\/; HttpOnly; SameSite=Lax/);
      const html = await chosen.text();
      expect(html).toContain('<html lang="ar" dir="rtl">');
      expect(html).toContain('<a href="/?lang=de" lang="de" hreflang="de">Deutsch</a>');
      // The next page, with the cookie and an English browser: still Arabic.
      expect(await (await browser.get("/", { "accept-language": "en" })).text()).toContain("<h1>تسجيل الدخول أو التسجيل</h1>");
      // A language the pages do not speak is ignored (no cookie is set for it).
      const ignored = await t.browser().get("/?lang=tlh");
      expect(ignored.headers.get("set-cookie")).toBeNull();
      expect(await ignored.text()).toContain('<html lang="en"');
    } finally {
      t.close();
    }
  });

  it("keeps a link's page when switching: the switch leads to the same address in another language", async () => {
    const t = await makeSesame();
    try {
      await t.browser().post("/magic", { email: "ada@example.com" });
      const link = t.lastLink("ada@example.com");
      const html = await (await t.browser().get(`${link.pathname}${link.search}`)).text();
      expect(html).toContain(`<a href="/signup?token=${link.searchParams.get("token")}&amp;lang=fr" lang="fr" hreflang="fr">Français</a>`);
      const french = await (await t.browser().get(`${link.pathname}${link.search}&lang=fr`)).text();
      expect(french).toContain("<h1>Créez votre compte</h1>");
    } finally {
      t.close();
    }
  });
});
