/** Signing keys: one row per generation, whoever adds it first; listed in order; purged once long retired. */
import { beforeEach, expect, it } from "vitest";
import type { SigningKeyRecord, Store } from "../../core/ports.js";
import { MINUTE, T0, unique, type StoreCases } from "./helpers.contract.js";

const DAY = 24 * 60 * MINUTE;

function key(generation: number, activatesAt: number): SigningKeyRecord {
  const kid = unique("kid");
  return { generation, kid, publicJwk: `{"kid":"${kid}"}`, privateSealed: `v1.${kid}`, activatesAt, createdAt: activatesAt };
}

export function signingKeyCases({ current }: StoreCases): void {
  let store: Store;
  beforeEach(() => {
    store = current();
  });

  it("S20: adds a key and lists every key by generation, with what was stored", async () => {
    expect(await store.listSigningKeys()).toEqual([]);
    const first = key(1, T0);
    expect(await store.addSigningKey(first)).toEqual([first]);
    const second = key(2, T0 + 30 * DAY);
    expect(await store.addSigningKey(second)).toEqual([first, second]);
    expect(await store.listSigningKeys()).toEqual([first, second]);
  });

  it("S20: two instances adding the same generation at once end with one key, and both are told which", async () => {
    const racers = Array.from({ length: 8 }, () => key(1, T0));
    const answers = await Promise.all(racers.map((racer) => store.addSigningKey(racer)));
    const [stored] = await store.listSigningKeys();
    expect(await store.listSigningKeys()).toHaveLength(1);
    expect(racers.map((racer) => racer.kid)).toContain(stored!.kid);
    for (const answer of answers) expect(answer).toEqual([stored]);
  });

  it("S20: purging deletes only keys replaced before the horizon", async () => {
    const old = key(1, T0);
    const replaced = key(2, T0 + 30 * DAY);
    const current = key(3, T0 + 60 * DAY);
    for (const k of [old, replaced, current]) await store.addSigningKey(k);
    // At the horizon T0 + 40 days, generation 2 was signing: generation 1's tokens are long expired.
    await store.purgeExpired(T0 + 40 * DAY);
    expect((await store.listSigningKeys()).map((k) => k.generation)).toEqual([2, 3]);
    await store.purgeExpired(T0 + 40 * DAY);
    expect((await store.listSigningKeys()).map((k) => k.generation)).toEqual([2, 3]);
  });
}
