/**
 * An app's own words on Sesame's pages and in its messages (#21): per language and key, a
 * string naming the key's facts (an address keeps its markup) or a function of them, over the
 * catalogue's words; a mistake in them stops start-up with a line naming it.
 */
import { describe, expect, it } from "vitest";
import { createSesame } from "../src/index.js";
import { BASE_URL, makeSesame } from "./support.js";

describe("pageText", () => {
  it("puts the app's words on the pages and in the messages, in the language they are given for", async () => {
    const t = await makeSesame({
      appName: "Acme",
      pageText: {
        de: { homeHeading: "Willkommen bei Acme", sentSignup: "Ein Link ist unterwegs zu {email}.", not_found: "Hier ist nichts." },
        en: { homeButton: "Send me a link", sentSignupHint: "It works once." },
        fr: { code_wrong: ({ left }) => `Mauvais code (${left} restants).` },
      },
    });
    try {
      const german = t.browser();
      expect(await (await german.get("/?lang=de")).text()).toContain("<h1>Willkommen bei Acme</h1>");
      await german.post("/magic", { email: "ada@example.com" });
      const sent = await (await german.get("/sent")).text();
      // The fact keeps the markup the page gives it; the words around it are the app's.
      expect(sent).toContain("Ein Link ist unterwegs zu <strong>ada@example.com</strong>.");
      // Keys the app left alone read as the catalogue has them.
      expect(sent).toContain("Der Link legt ein neues Konto an. Er funktioniert einmal.");
      expect(await (await german.get("/nowhere")).text()).toContain("Hier ist nichts.");

      const english = t.browser();
      expect(await (await english.get("/")).text()).toContain("Send me a link");
      await english.post("/magic", { email: "bea@example.com" });
      expect(await (await english.get("/sent")).text()).toContain("It works once.");

      const french = t.browser();
      await french.post("/magic", { email: "cy@example.com" });
      const wrong = await french.post("/code", { code: "000000" }, { accept: "application/json", "accept-language": "fr" });
      expect(((await wrong.json()) as { error: { message: string } }).error.message).toMatch(/^Mauvais code \(\d restants\)\.$/);
    } finally {
      t.close();
    }
  });

  it("stops start-up with a line naming an unknown language, key or fact, or a link's words given as a string", () => {
    const start = (pageText: unknown) => () =>
      createSesame({ baseUrl: BASE_URL, store: {} as never, mailer: { send: async () => {} }, pageText: pageText as never });
    expect(start({ tlh: { homeHeading: "x" } })).toThrow('pageText: "tlh" is not one of Sesame\'s languages');
    expect(start({ de: { homeHeadline: "x" } })).toThrow('pageText.de: "homeHeadline" is not a key of the pages\' words or messages');
    expect(start({ de: { sentLogin: "Unterwegs zu {address}." } })).toThrow("pageText.de.sentLogin names {address}, which this text does not have");
    expect(start({ en: { nothingArrived: "Nothing? {again}" } })).toThrow("pageText.en.nothingArrived must be a function");
    expect(start({ en: { homeButton: "" } })).toThrow("pageText.en.homeButton must be a non-empty string or a function");
  });
});
