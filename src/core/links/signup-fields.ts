/** The sign-up form, checked against the configured fields. */
import type { ResolvedSignupField } from "../config.js";

/** Checks the sign-up form against the configured fields; values come back trimmed and NFC-normalised. */
export function validateSignupFields(
  fields: readonly ResolvedSignupField[],
  input: Record<string, string>,
): { ok: true; values: Record<string, string> } | { ok: false; errors: Record<string, string>; values: Record<string, string> } {
  const values: Record<string, string> = {};
  const errors: Record<string, string> = {};
  for (const field of fields) {
    // Own properties only: a field named like an Object.prototype member must not read it.
    const value = (Object.hasOwn(input, field.name) ? (input[field.name] ?? "") : "").normalize("NFC").trim();
    values[field.name] = value;
    if (/[\p{Cc}\p{Cs}]/u.test(value)) errors[field.name] = `${field.label} cannot contain control characters.`;
    else if (field.required && value === "") errors[field.name] = `${field.label} is required.`;
    else if (value.length > field.maxLength) errors[field.name] = `${field.label} can be at most ${field.maxLength} characters.`;
  }
  return Object.keys(errors).length > 0 ? { ok: false, errors, values } : { ok: true, values };
}
