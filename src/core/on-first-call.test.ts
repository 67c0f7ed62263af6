import { describe, expect, it } from "vitest";
import { onFirstCall } from "./on-first-call.js";

describe("onFirstCall", () => {
  it("loads nothing until a flow is called, then once for any number of calls at once, and passes arguments and answers through", async () => {
    let loads = 0;
    const flows = onFirstCall(
      async () => {
        loads++;
        return { add: async (a: number, b: number) => a + b, greet: async (name: string) => `hello ${name}` };
      },
      { add: true, greet: true },
    );
    expect(loads).toBe(0);
    expect(await Promise.all([flows.add(1, 2), flows.greet("ada"), flows.add(3, 4)])).toEqual([3, "hello ada", 7]);
    expect(await flows.add(5, 6)).toBe(11);
    expect(loads).toBe(1);
  });

  it("tries the load again at the next call after one failed (a chunk that did not arrive), rather than keeping the failure", async () => {
    let loads = 0;
    const flows = onFirstCall(
      async () => {
        if (++loads === 1) throw new Error("chunk did not arrive");
        return { ping: async () => "pong" };
      },
      { ping: true },
    );
    await expect(flows.ping()).rejects.toThrow("chunk did not arrive");
    expect(await flows.ping()).toBe("pong");
    expect(loads).toBe(2);
  });

  it("passes a flow's rejection on as it is", async () => {
    const flows = onFirstCall(async () => ({ fail: async () => Promise.reject(new Error("no")) }), { fail: true });
    await expect(flows.fail()).rejects.toThrow("no");
  });
});
