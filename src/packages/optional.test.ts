import { describe, expect, it } from "vitest";
import { ConfigError } from "../core/errors.js";
import { loadOptionalPackage } from "./optional.js";

describe("loading an optional peer dependency", () => {
  it("names the missing package and how to install it", async () => {
    // A package that is not installed, loaded the way the openers load theirs.
    const load = () => import("sesame-no-such-package" as string);
    const error = await loadOptionalPackage("sesame-no-such-package", "Something (sesame/thing)", load).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toBe(
      'Something (sesame/thing) needs the "sesame-no-such-package" package, which is not installed: npm install sesame-no-such-package',
    );
  });

  it("passes on an installed package, and any other failure as it is", async () => {
    const loaded = await loadOptionalPackage("pg", "PostgreSQL", () => import("pg"));
    expect(typeof loaded.default.Pool).toBe("function");
    const broken = new Error("the package threw while loading");
    await expect(loadOptionalPackage("pg", "PostgreSQL", () => Promise.reject(broken))).rejects.toBe(broken);
  });
});
