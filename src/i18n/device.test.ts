/** Every description the core writes reads back into each language's words. */
import { describe, expect, it } from "vitest";
import { describeUserAgent } from "../core/user-agent.js";
import { sayDevice } from "./device.js";

const GERMAN = {
  deviceOn: ({ browser, system }: { browser: string; system: string }) => `${browser} unter ${system}`,
  someBrowser: "ein Browser",
  unknownBrowser: "ein unbekannter Browser",
};

describe("sayDevice", () => {
  it("says what describeUserAgent wrote in another language's words, names kept", () => {
    const firefoxMac = "Mozilla/5.0 (Macintosh; Intel Mac OS X 14.5; rv:128.0) Gecko/20100101 Firefox/128.0";
    expect(sayDevice(describeUserAgent(firefoxMac), GERMAN)).toBe("Firefox unter macOS");
    expect(sayDevice(describeUserAgent("Mozilla/5.0 (Windows NT 10.0) Foo/1"), GERMAN)).toBe("ein Browser unter Windows");
    expect(sayDevice(describeUserAgent("curl/8.5"), GERMAN)).toBe("ein Browser");
    expect(sayDevice(describeUserAgent(null), GERMAN)).toBe("ein unbekannter Browser");
    expect(sayDevice(describeUserAgent("Mozilla/5.0 (X11; Linux x86_64) Chrome/126.0 Safari/537.36"), GERMAN)).toBe("Chrome unter Linux");
  });

  it("shows a description it did not write as it is", () => {
    expect(sayDevice("Ada's laptop", GERMAN)).toBe("Ada's laptop");
  });
});
