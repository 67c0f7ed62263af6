/**
 * A browser's description (core/user-agent.ts writes it in English: "Firefox on macOS", "a
 * browser", "an unknown browser") said in a language: the names stay names, the words around
 * them come from the language's catalogue. Descriptions stored or sealed in a mail by an
 * earlier version read the same way; anything else is shown as it is.
 */
export interface DeviceWords {
  /** "Firefox on macOS": a browser's and a system's names. */
  deviceOn: (facts: { browser: string; system: string }) => string;
  /** A browser whose name was not recognised. */
  someBrowser: string;
  /** No User-Agent at all. */
  unknownBrowser: string;
}

export function sayDevice(description: string, words: DeviceWords): string {
  if (description === "an unknown browser") return words.unknownBrowser;
  const on = / on (?<system>\S.*)$/.exec(description);
  const named = on ? description.slice(0, on.index) : description;
  const browser = named === "a browser" ? words.someBrowser : named;
  return on ? words.deviceOn({ browser, system: on.groups!.system! }) : browser;
}
