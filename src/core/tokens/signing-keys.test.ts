import { describe, expect, it } from "vitest";
import type { SigningKeyRecord } from "../ports.js";
import { keySetAt } from "./signing-keys.js";

const DAY = 86_400_000;
const timings = { rotation: 30 * DAY, announce: DAY, retireAfter: 65 * 60_000 };
const key = (generation: number, activatesAt: number): SigningKeyRecord => ({
  generation,
  kid: `k${generation}`,
  publicJwk: "{}",
  privateSealed: "",
  activatesAt,
  createdAt: activatesAt,
});

describe("which key signs and which are published", () => {
  it("S20: the first key signs even when the instance that wrote it dated it a moment ahead of this one's clock", () => {
    expect(keySetAt([key(1, 1_000)], 990, timings)?.current.kid).toBe("k1");
    expect(keySetAt([], 990, timings)).toBeUndefined();
  });

  it("S20: the newest key whose time has come signs; an announced one is published but waits", () => {
    const keys = [key(1, 0), key(2, 30 * DAY)];
    const before = keySetAt(keys, 29.5 * DAY, timings)!;
    expect(before.current.kid).toBe("k1");
    expect(before.published.map((k) => k.kid)).toEqual(["k1", "k2"]);
    const after = keySetAt(keys, 30 * DAY, timings)!;
    expect(after.current.kid).toBe("k2");
    expect(after.published.map((k) => k.kid)).toEqual(["k1", "k2"]);
    expect(keySetAt(keys, 30 * DAY + timings.retireAfter, timings)!.published.map((k) => k.kid)).toEqual(["k2"]);
    expect(after.announceNextAt).toBe(59 * DAY);
  });

  it("S20: after a rotation on demand, a key announced earlier but overtaken never signs, and leaves with the others", () => {
    // k2 announced for day 30; on day 29.5 someone rotated: k3 signs at once.
    const keys = [key(1, 0), key(2, 30 * DAY), key(3, 29.5 * DAY)];
    expect(keySetAt(keys, 29.6 * DAY, timings)!.current.kid).toBe("k3");
    expect(keySetAt(keys, 31 * DAY, timings)!.current.kid).toBe("k3");
    expect(keySetAt(keys, 31 * DAY, timings)!.published.map((k) => k.kid)).toEqual(["k3"]);
  });
});
