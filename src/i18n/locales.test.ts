import { beforeAll, describe, expect, it } from "vitest";
import { formatDuration, formatMoment, formatTimeLeft } from "./format.js";
import { chooseLocale, loadLocaleMatcher, negotiateLocale, parseAcceptLanguage } from "./locales.js";

describe("before the matcher is loaded", () => {
  it("takes the first range, by weight, that names one of its languages", () => {
    expect(negotiateLocale("zh-CN, de-AT;q=0.5")).toBe("de");
    expect(negotiateLocale("en;q=0.2, fr;q=0.8")).toBe("fr");
  });
});

describe("choosing a language", () => {
  beforeAll(async () => {
    await loadLocaleMatcher();
    expect(loadLocaleMatcher()).toBeUndefined();
  });

  it("matches Accept-Language to the closest language Sesame speaks, by weight", () => {
    expect(negotiateLocale("de-AT,de;q=0.9")).toBe("de");
    expect(negotiateLocale("fr-CA")).toBe("fr");
    expect(negotiateLocale("pt-PT,pt;q=0.8")).toBe("pt-BR");
    expect(negotiateLocale("es-MX,es;q=0.9,en;q=0.5")).toBe("es");
    expect(negotiateLocale("ar-EG")).toBe("ar");
    expect(negotiateLocale("ja-JP")).toBe("ja");
    // Weights, not order, decide; q=0 means "not this one".
    expect(negotiateLocale("en;q=0.2, de;q=0.8")).toBe("de");
    expect(negotiateLocale("de;q=0, fr")).toBe("fr");
  });

  it("falls back to English for a language it does not speak, a wildcard, nothing, or nonsense", () => {
    for (const header of ["zh-CN", "*", "", null, undefined, "x@y!", "de;q=2,,;;", "i-klingon"]) expect(negotiateLocale(header)).toBe("en");
    expect(parseAcceptLanguage("da, en-GB;q=0.8, en;q=0.7, *;q=0.1")).toEqual(["da", "en-GB", "en"]);
  });

  it("takes an explicit choice only when it names one of its languages", () => {
    expect(chooseLocale("de")).toBe("de");
    expect(chooseLocale("pt_br")).toBe("pt-BR");
    expect(chooseLocale("en-US")).toBe("en");
    expect(chooseLocale("fr-CA")).toBe("fr");
    expect(chooseLocale("pt")).toBe("pt-BR");
    expect(chooseLocale("zh")).toBeUndefined();
    expect(chooseLocale("tlh")).toBeUndefined();
    expect(chooseLocale("<script>")).toBeUndefined();
    expect(chooseLocale(42)).toBeUndefined();
  });
});

describe("durations and moments through Intl", () => {
  it("says how long in each language with its own plural forms", () => {
    expect(formatDuration("en", 60_000)).toBe("1 minute");
    expect(formatDuration("en", 8 * 3_600_000)).toBe("8 hours");
    expect(formatDuration("de", 10 * 60_000)).toBe("10 Minuten");
    expect(formatDuration("fr", 3_600_000).replace(/\s/g, " ")).toBe("1 heure");
    expect(formatTimeLeft("en", 150 * 60_000)).toBe("2 hours and 30 minutes");
    expect(formatTimeLeft("es", 150 * 60_000)).toBe("2 horas y 30 minutos");
    // Arabic has six plural categories; Intl knows them: 1 and 3 hours differ in form, not only in number.
    expect(formatDuration("ar", 3_600_000)).not.toBe(formatDuration("ar", 3 * 3_600_000).replace("٣", "١"));
    expect(formatMoment("de", Date.UTC(2030, 0, 1, 12))).toContain("1. Januar 2030");
  });
});
