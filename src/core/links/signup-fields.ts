/** The sign-up form, checked against the configured fields. */
import type { ResolvedSignupField } from "../config.js";

/** What is wrong with a field's value: a stable reason, for a message in any language. */
export type FieldProblem = "control_character" | "required" | "too_long";

/** A form that did not pass: an English message per field (`errors`) and the reason behind each (`problems`). */
export type FieldErrors = { errors: Record<string, string>; problems: Record<string, FieldProblem>; values: Record<string, string> };

/** Checks the sign-up form against the configured fields; values come back trimmed and NFC-normalised. */
export function validateSignupFields(
  fields: readonly ResolvedSignupField[],
  input: Record<string, string>,
): { ok: true; values: Record<string, string> } | ({ ok: false } & FieldErrors) {
  const values: Record<string, string> = {};
  const errors: Record<string, string> = {};
  const problems: Record<string, FieldProblem> = {};
  for (const field of fields) {
    // Own properties only: a field named like an Object.prototype member must not read it.
    const value = (Object.hasOwn(input, field.name) ? (input[field.name] ?? "") : "").normalize("NFC").trim();
    values[field.name] = value;
    if (/[\p{Cc}\p{Cs}]/u.test(value)) {
      problems[field.name] = "control_character";
      errors[field.name] = `${field.label} cannot contain control characters.`;
    } else if (field.required && value === "") {
      problems[field.name] = "required";
      errors[field.name] = `${field.label} is required.`;
    } else if (value.length > field.maxLength) {
      problems[field.name] = "too_long";
      errors[field.name] = `${field.label} can be at most ${field.maxLength} characters.`;
    }
  }
  return Object.keys(errors).length > 0 ? { ok: false, errors, problems, values } : { ok: true, values };
}
