/**
 * The rules for an HTTP mail provider's settings that are not plain non-empty text, apart
 * from the providers themselves: the environment reader checks `*_ENDPOINT` and `SES_REGION`
 * with them at start-up, and the provider factories their options, while the providers' code
 * loads only with the first mail. Web APIs only.
 */

/**
 * What is wrong with an API base URL, or undefined. https only, except on loopback (local
 * mock servers): the request carries the credentials and the link, which must not cross a
 * network in clear text. No user, password, query or fragment: the path is appended.
 */
export function endpointProblem(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return "is not a valid URL";
  }
  const loopback = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/i.test(url.hostname);
  if (url.protocol !== "https:" && !(url.protocol === "http:" && loopback)) return "must be an https:// URL (http:// only for localhost)";
  if (url.username !== "" || url.password !== "" || url.search !== "" || url.hash !== "") return "takes no user, password, query or fragment";
  return undefined;
}

/** What is wrong with an AWS region, or undefined: it becomes part of a host name, so letters, digits and dashes only. */
export function sesRegionProblem(value: string): string | undefined {
  return /^[a-z0-9]+(-[a-z0-9]+)*$/.test(value) ? undefined : 'must look like "eu-west-1"';
}
