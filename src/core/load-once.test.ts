import { describe, expect, it } from "vitest";
import { loadOnce } from "./load-once.js";

describe("loadOnce", () => {
  it("loads once however many ask, and tries a failed load again", async () => {
    let loads = 0;
    const load = loadOnce(async () => {
      if (++loads === 1) throw new Error("chunk not found");
      return `loaded ${loads}`;
    });
    await expect(load()).rejects.toThrow("chunk not found");
    expect(await Promise.all([load(), load(), load()])).toEqual(["loaded 2", "loaded 2", "loaded 2"]);
    expect(await load()).toBe("loaded 2");
    expect(loads).toBe(2);
  });
});
