/**
 * An address at an internationalised domain (#21): kept and sent in its ASCII form
 * (punycode, what mail servers and the database use), shown in its own script on the pages
 * and in the mail a person reads.
 */
import { describe, expect, it } from "vitest";
import { displayEmail } from "../src/i18n/address.js";
import { makeSesame } from "./support.js";

describe("an address at an internationalised domain", () => {
  it("is sent to in punycode and shown in Unicode on the page and in the mail", async () => {
    const t = await makeSesame();
    try {
      const browser = t.browser();
      const asked = await browser.post("/magic", { email: "Ada@Bücher.Example" });
      const page = await (await browser.get(asked.headers.get("location")!)).text();
      expect(page).toContain("<strong>ada@bücher.example</strong>");
      await t.sesame.idle();
      const [mail] = t.mailbox.list();
      expect(mail!.to).toBe("ada@xn--bcher-kva.example");
      expect(mail!.text).toContain("for ada@bücher.example.");
      expect(mail!.text).not.toContain("xn--");
      const token = new URL(mail!.url).searchParams.get("token")!;
      expect((await browser.post("/signup", { token, name: "Ada" })).status).toBe(303);
      expect(await (await browser.get("/")).text()).toContain("<strong>ada@bücher.example</strong>");
      expect((await t.sesame.findAccount("ada@xn--bcher-kva.example"))?.email).toBe("ada@xn--bcher-kva.example");
    } finally {
      t.close();
    }
  });

  it("leaves ASCII domains, and labels that are not valid punycode, as they are", () => {
    expect(displayEmail("ada@example.com")).toBe("ada@example.com");
    expect(displayEmail("ada@xn--mnchen-3ya.de")).toBe("ada@münchen.de");
    expect(displayEmail("not-an-address")).toBe("not-an-address");
  });
});
