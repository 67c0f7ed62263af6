/**
 * Languages loaded on first use: English until a language is loaded, English for a key its
 * translation lacks (never the key), one import however many requests ask at once, and a
 * failed import tried again rather than remembered.
 */
import { describe, expect, it } from "vitest";
import { lazyCatalogue } from "./catalogue.js";

const english = { hello: "Hello", bye: "Goodbye", count: ({ n }: { n: number }) => `${n} things` };

describe("lazyCatalogue", () => {
  it("reads English until the language is loaded, then the translation over English", async () => {
    let imports = 0;
    const catalogue = lazyCatalogue(english, {
      de: async () => {
        imports++;
        return { hello: "Hallo", count: ({ n }: { n: number }) => `${n} Dinge` };
      },
    });
    expect(catalogue.locales).toEqual(["en", "de"]);
    expect(catalogue.words("de").hello).toBe("Hello");
    expect(catalogue.load("en")).toBeUndefined();
    // Three requests at once: one import.
    await Promise.all([catalogue.load("de"), catalogue.load("de"), catalogue.load("de")]);
    expect(imports).toBe(1);
    expect(catalogue.load("de")).toBeUndefined();
    const words = catalogue.words("de");
    expect(words.hello).toBe("Hallo");
    expect(words.count({ n: 2 })).toBe("2 Dinge");
    // The key German lacks reads in English, not as "bye".
    expect(words.bye).toBe("Goodbye");
    expect(catalogue.translation("de")).not.toHaveProperty("bye");
    // A language without a translation is English, and there is nothing to load.
    expect(catalogue.load("ja")).toBeUndefined();
    expect(catalogue.words("ja")).toBe(english);
  });

  it("tries a failed import again on the next load", async () => {
    let tries = 0;
    const catalogue = lazyCatalogue(english, {
      fr: async () => {
        if (++tries === 1) throw new Error("chunk not found");
        return { hello: "Bonjour" };
      },
    });
    await expect(catalogue.load("fr")).rejects.toThrow("chunk not found");
    expect(catalogue.words("fr").hello).toBe("Hello");
    await catalogue.load("fr");
    expect(catalogue.words("fr").hello).toBe("Bonjour");
  });
});
