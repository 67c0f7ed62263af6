/**
 * Which addresses may be used at all: the domains allowed (none listed: any), and a
 * block list (disposable mail services, from a maintained package the host passes in).
 * Checked before the store is asked anything, for logins as for sign-ups, so that a
 * refusal says nothing about whether the address has an account.
 *
 * A pattern is a domain (`example.com`: that domain only) or a wildcard (`*.example.com`:
 * any subdomain of it, not example.com itself); list both to allow both.
 */

export interface AddressPolicy {
  /** The allowed domain patterns; empty: every domain. */
  allowedDomains: readonly string[];
  /** True for a domain that may not be used (it is also asked for each parent: a.b.example → b.example → example). */
  isBlockedDomain: ((domain: string) => boolean) | undefined;
}

export type AddressRefusal = "domain_not_allowed" | "domain_blocked";

export function domainOf(email: string): string {
  return email.slice(email.lastIndexOf("@") + 1);
}

export function matchesDomain(domain: string, pattern: string): boolean {
  if (pattern.startsWith("*.")) return domain.endsWith(pattern.slice(1)) && domain.length > pattern.length - 1;
  return domain === pattern;
}

/** Why the canonical address may not be used, or null when it may. */
export function refuseAddress(policy: AddressPolicy, email: string): AddressRefusal | null {
  const domain = domainOf(email);
  if (policy.allowedDomains.length > 0 && !policy.allowedDomains.some((pattern) => matchesDomain(domain, pattern))) return "domain_not_allowed";
  const blocked = policy.isBlockedDomain;
  if (blocked) {
    const labels = domain.split(".");
    for (let i = 0; i < labels.length - 1; i++) if (blocked(labels.slice(i).join("."))) return "domain_blocked";
  }
  return null;
}

export function addressRefusalMessage(refusal: AddressRefusal, email: string): string {
  const domain = domainOf(email);
  return refusal === "domain_not_allowed"
    ? `Addresses at ${domain} cannot be used here.`
    : `Addresses at ${domain}, a disposable mail service, cannot be used here.`;
}
