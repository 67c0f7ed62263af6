/**
 * An app's own mail (#21): `renderMail` writes every mail it wants to (here the link
 * mails), and the person signs up and logs in from what it wrote; the message a mailer
 * gets carries the code and the expiry, for providers' templates. A renderer that throws
 * or returns no message is logged, and Sesame's own mail goes instead.
 */
import { describe, expect, it } from "vitest";
import type { MailToRender } from "../src/index.js";
import { makeSesame, T0 } from "./support.js";

function acmeMail(mail: MailToRender) {
  if (mail.kind !== "signup" && mail.kind !== "login") return undefined; // the rest as Sesame writes them
  const words = mail.kind === "signup" ? "Welcome aboard" : "Welcome back";
  const expires = new Date(mail.expiresAt).toISOString();
  return {
    subject: `${words} to ${mail.appName}`,
    text: `${words}, ${mail.to}.\nOpen ${mail.url}${mail.code ? `\nor type ${mail.code}` : ""}\n(until ${expires}, in ${mail.locale})`,
    html: `<p>${words}: <a href="${mail.url}">continue</a>${mail.code ? ` or type <b>${mail.code}</b>` : ""}</p>`,
  };
}

describe("renderMail", () => {
  it("sends the app's own link mails, from which a person signs up and logs in; the mailer gets the code and expiry", async () => {
    const t = await makeSesame({ appName: "Acme", renderMail: acmeMail });
    try {
      const browser = t.browser();
      await browser.post("/magic", { email: "ada@example.com" });
      await t.sesame.idle();
      const [signup] = t.mailbox.list();
      expect(signup).toMatchObject({ to: "ada@example.com", kind: "signup", subject: "Welcome aboard to Acme", expiresAt: T0 + 8 * 3600_000 });
      expect(signup!.code).toMatch(/^[0-9]{6}$/);
      expect(signup!.text).toContain(`or type ${signup!.code}`);
      expect(signup!.text).toContain("in en)");
      const token = new URL(signup!.text.match(/Open (\S+)/)![1]!).searchParams.get("token")!;
      expect((await browser.post("/signup", { token, name: "Ada" })).status).toBe(303);
      expect((await browser.post("/logout", {})).status).toBe(303);

      // A login on this browser by the code the app's mail carries.
      await browser.post("/magic", { email: "ada@example.com" });
      await t.sesame.idle();
      const [login] = t.mailbox.list();
      expect(login).toMatchObject({ kind: "login", subject: "Welcome back to Acme", expiresAt: T0 + 10 * 60_000 });
      expect((await browser.post("/code", { code: login!.code! })).status).toBe(303);
      expect((await browser.get("/session", { accept: "application/json" })).status).toBe(200);
      // The login notice was left to Sesame.
      await t.sesame.idle();
      expect(t.mailbox.list()[0]).toMatchObject({ kind: "notice", subject: expect.stringContaining("New login") });
    } finally {
      t.close();
    }
  });

  it("sends Sesame's own mail when the app's renderer throws or returns no message, and logs it", async () => {
    let calls = 0;
    const t = await makeSesame({
      renderMail: () => {
        calls += 1;
        if (calls === 1) throw new Error("template store down");
        return { subject: "", text: "no subject", html: "" };
      },
    });
    try {
      for (const email of ["bo@example.com", "cy@example.com"]) {
        await t.browser().post("/magic", { email });
        await t.sesame.idle();
        expect(t.mailbox.list()[0]).toMatchObject({ to: email, subject: expect.stringContaining("Finish signing up") });
      }
      expect(t.logs.filter((record) => record.event === "mail.render_failed").map((record) => record.reason)).toEqual([
        "threw",
        "not a message: subject, text and html must be strings",
      ]);
    } finally {
      t.close();
    }
  });

  it("takes the app's own words per language and key (mailText), over the catalogue, and refuses unknown ones", async () => {
    const t = await makeSesame({
      appName: "Acme",
      mailText: {
        de: { signupSubject: "Willkommen bei {app}!", signupIntro: "Ein Klick, und {to} ist bei {app} dabei.", signupAction: "Los geht's" },
        en: { signupIntro: ({ to }) => `Hello ${to}, one click and you are in.` },
      },
    });
    try {
      await t.browser().post("/magic", { email: "ute@example.com" }, { "accept-language": "de" });
      await t.sesame.idle();
      const [german] = t.mailbox.list();
      expect(german!.subject).toBe("Willkommen bei Acme!");
      expect(german!.text).toContain("Ein Klick, und ute@example.com ist bei Acme dabei.");
      expect(german!.html).toContain(">Los geht&#39;s<"); // escaped, as every text in the HTML
      // The keys not overridden stay the catalogue's.
      expect(german!.text).toContain("Dieser Link ist 8 Stunden lang gültig.");
      await t.browser().post("/magic", { email: "eve@example.com" });
      await t.sesame.idle();
      const [english] = t.mailbox.list();
      expect(english!.text).toContain("Hello eve@example.com, one click and you are in.");
      expect(english!.subject).toBe("Finish signing up for Acme");
    } finally {
      t.close();
    }
    await expect(makeSesame({ mailText: { tlh: { loginAction: "Qapla'" } } })).rejects.toThrow('mailText: "tlh" is not one of Sesame\'s languages');
    // A fact the text does not have would be sent as it is written: refused at start-up.
    await expect(makeSesame({ mailText: { de: { signupSubject: "Hallo {to}" } } })).rejects.toThrow(
      "mailText.de.signupSubject names {to}, which this text does not have",
    );
    await expect(makeSesame({ mailText: { de: { greeting: "Hallo" } as never } })).rejects.toThrow('mailText.de: "greeting" is not a key of the mail\'s words');
  });
});
