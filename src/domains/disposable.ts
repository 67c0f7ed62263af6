/**
 * `sesame/disposable`: a block list of disposable mail services for `isBlockedDomain`, from
 * the maintained `disposable-email-domains-js` package (generated from the
 * disposable-email-domains project's list, published as it changes). It is an optional
 * peer dependency, loaded when asked for:
 *
 *   import { loadDisposableDomains } from "sesame/disposable";
 *   createSesame({ …, isBlockedDomain: await loadDisposableDomains() });
 */
import { loadOptionalPackage } from "../packages/optional.js";

interface DisposableList {
  disposableEmailBlocklistSet(): Set<string>;
}

export async function loadDisposableDomains(): Promise<(domain: string) => boolean> {
  const loaded = (await loadOptionalPackage("disposable-email-domains-js", "loadDisposableDomains", () => import("disposable-email-domains-js"))) as
    (DisposableList & { default?: DisposableList }) | { default: DisposableList };
  // A CommonJS package: its exports are named, or under `default`, depending on the loader.
  const list = "disposableEmailBlocklistSet" in loaded ? loaded : loaded.default;
  const domains = list!.disposableEmailBlocklistSet();
  return (domain) => domains.has(domain);
}
