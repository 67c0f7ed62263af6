/**
 * Server-side captcha verification (S12) for Cloudflare Turnstile and hCaptcha.
 * Both take the same siteverify request: a form POST of `secret`, `response` and
 * optionally `remoteip` (hCaptcha also `sitekey`), answering JSON with `success`.
 */
import type { SesameConfig } from "../options.js";

/** The form field each provider's widget fills in. */
export const CAPTCHA_FIELDS = { turnstile: "cf-turnstile-response", hcaptcha: "h-captcha-response" } as const;

export type CaptchaVerdict = "passed" | "failed" | "unavailable";

export async function verifyCaptcha(
  captcha: NonNullable<SesameConfig["captcha"]>,
  answer: string | undefined,
  remoteIp: string | undefined,
): Promise<CaptchaVerdict> {
  if (!answer || answer.length > 4096) return "failed";
  const form = new URLSearchParams({ secret: captcha.secret, response: answer });
  if (remoteIp) form.set("remoteip", remoteIp);
  if (captcha.provider === "hcaptcha") form.set("sitekey", captcha.siteKey);
  let response: Response;
  try {
    response = await fetch(captcha.verifyUrl, { method: "POST", body: form, signal: AbortSignal.timeout(5000) });
  } catch {
    return "unavailable";
  }
  if (!response.ok) return "unavailable";
  let result: unknown;
  try {
    result = await response.json();
  } catch {
    return "unavailable";
  }
  return (result as { success?: unknown } | null)?.success === true ? "passed" : "failed";
}
