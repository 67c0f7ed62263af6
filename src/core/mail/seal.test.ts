import { describe, expect, it } from "vitest";
import { createSealer } from "./seal.js";

const random = (bytes: Uint8Array) => crypto.getRandomValues(bytes);
const SECRET = "a secret of at least thirty-two characters";
const PLAIN = '{"token":"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"}';

describe("the outbox sealer", () => {
  it("opens what it sealed, and the box shows nothing of the plaintext", async () => {
    const sealer = createSealer(SECRET, random);
    const box = await sealer.seal("row-1", PLAIN);
    expect(box).toMatch(/^v1\.[A-Za-z0-9_-]+$/);
    expect(box).not.toContain("AAAAAAAA");
    expect(await sealer.open("row-1", box)).toBe(PLAIN);
  });

  it("seals the same text differently each time (a fresh IV per box)", async () => {
    const sealer = createSealer(SECRET, random);
    expect(await sealer.seal("row-1", PLAIN)).not.toBe(await sealer.seal("row-1", PLAIN));
  });

  it("does not open a box under another secret, for another row, or altered", async () => {
    const box = await createSealer(SECRET, random).seal("row-1", PLAIN);
    expect(await createSealer(`${SECRET}!`, random).open("row-1", box)).toBeNull();
    expect(await createSealer(SECRET, random).open("row-2", box)).toBeNull();
    const body = box.slice(3);
    const flipped = `v1.${body.slice(0, 20)}${body[20] === "A" ? "B" : "A"}${body.slice(21)}`;
    expect(await createSealer(SECRET, random).open("row-1", flipped)).toBeNull();
    expect(await createSealer(SECRET, random).open("row-1", "v2." + body)).toBeNull();
    expect(await createSealer(SECRET, random).open("row-1", "v1.!!")).toBeNull();
    expect(await createSealer(SECRET, random).open("row-1", "v1.AAAA")).toBeNull();
  });
});
