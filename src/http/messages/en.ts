/**
 * What the JSON API's error `message`s and the pages' short notices say, in English: the
 * catalogue every other language follows, key by key. Keys are the answers' stable `code`s
 * where one code has one sentence; a code with several causes has a key per cause. Counts go
 * through `plural` (the runtime's plural rules), durations arrive already formatted.
 */
import { plural } from "../../i18n/format.js";

export const en = {
  // A link that cannot be used
  token_invalid: "This link is not valid.",
  token_expired: "This link has expired.",
  token_used: "This link has already been used.",
  token_denied: "This request was cancelled with “Not me”.",
  askNewLink: "Ask for a new link to try again.",
  justNow: "just now",
  requestCancelled: "Request cancelled",
  // A browser as the core describes it ("Firefox on macOS"), said in the language (i18n/device.ts).
  deviceOn: ({ browser, system }: { browser: string; system: string }): string => `${browser} on ${system}`,
  someBrowser: "a browser",
  unknownBrowser: "an unknown browser",

  // Any request
  invalid_next: "The page to return to must be on this site.",
  cross_site: "This form was sent from another site. Open the page on this site and try again.",
  store_unavailable: "The service cannot reach its database right now. Nothing was changed; please try again in a moment.",
  tryAgainShortly: "Please try again shortly",
  internal_error: "Something went wrong on our side.",
  not_found: "There is no page at this address.",
  unauthenticated: "Not logged in.",
  no_session_for_token: "Not logged in: there is no live session to issue a token for.",

  // The request body
  incomplete_body: "The request body could not be read to its end.",
  body_too_large: ({ kib }: { kib: number }): string => `The request body must be at most ${kib} KiB.`,
  invalid_utf8: "The request body is not valid UTF-8.",
  invalid_form_encoding: "The form data is not validly encoded.",
  invalid_json: "The request body is not valid JSON.",
  json_not_object: "The request body must be a JSON object.",
  duplicate_key: "A field appears more than once.",
  duplicate_field: ({ name }: { name: string }): string => `The field ${name} appears more than once.`,
  unsupported_content_type: "Send the form as application/x-www-form-urlencoded or application/json.",
  unknown_field: ({ name }: { name: string }): string => `Unexpected field: ${name}.`,
  invalid_field: ({ name }: { name: string }): string => `The field ${name} must be a string.`,

  // The address typed in
  email_missing: "Enter your e-mail address.",
  email_too_long: "That e-mail address is too long.",
  email_control_character: "An e-mail address cannot contain line breaks or control characters.",
  email_several_addresses: "Enter a single e-mail address, without spaces, commas or a name.",
  email_lookalike_at: "Use a plain @ sign in your e-mail address.",
  email_encoded_word: "An e-mail address cannot contain =? (mail programs may decode what follows into something else).",
  email_missing_at: "An e-mail address needs exactly one @, as in name@example.com.",
  email_local_part: "The part before @ may only use the letters a to z, digits and . _ + - (and # $ & ' * / = ? ^ ` { | } ~).",
  email_domain: "The part after @ is not a valid domain name, as in example.com.",
  domain_not_allowed: ({ domain }: { domain: string }): string => `Addresses at ${domain} cannot be used here.`,
  domain_blocked: ({ domain }: { domain: string }): string => `Addresses at ${domain}, a disposable mail service, cannot be used here.`,
  rate_limited: ({ wait }: { wait: string }): string => `Too many link requests. Try again in ${wait}.`,
  captcha_unavailable: "The check that you are a person could not be completed. Please try again in a moment.",
  captcha_failed: "Please complete the check that you are a person, then try again.",

  // Sign-up details
  invalid_fields: "Some fields need attention.",
  field_required: ({ field }: { field: string }): string => `${field} is required.`,
  field_too_long: ({ field, max }: { field: string; max: number }): string => `${field} can be at most ${max} characters.`,
  field_control_character: ({ field }: { field: string }): string => `${field} cannot contain control characters.`,
  account_exists: "An account already uses this address. Ask for a login link instead.",
  signup_closed: "Sign-ups are closed here: only existing accounts can log in.",
  signup_unavailable: "The sign-up could not be completed right now. Nothing was saved; please try again in a moment.",

  // The code and the approval from another device
  code_malformed: "The code has 6 digits.",
  code_wrong: ({ left }: { left: number }): string => `That code is not right. ${plural("en", left, { one: "# try left.", other: "# tries left." })}`,
  code_attempts_exceeded: "Too many wrong codes: this one no longer works. Ask for a new link.",
  no_pending_request: "This browser has no link request waiting. Ask for a link here first.",
  guesses_exceeded: ({ wait }: { wait: string }): string =>
    `Too many wrong codes or numbers for this address: codes and approvals are paused for ${wait}. The link in the mail still works.`,
  approval_number_malformed: "Type the 2-digit number shown on the other device.",
  approval_number_wrong: ({ left }: { left: number }): string =>
    `That is not the number shown on the other device. ${plural("en", left, { one: "# try left.", other: "# tries left." })}`,
  approval_attempts_exceeded:
    "The number was wrong too many times, so this login request was cancelled. If you did not ask to log in, there is nothing more to do.",
  continue_waiting: "Not approved yet. Open the link on the other device, type the number shown here and approve.",
  continue_denied: "The request was cancelled on the other device.",
  continue_expired: "The link has expired. Ask for a new one.",
  continue_used: "The link was used already.",
  continue_none: "This browser has no link request waiting.",

  // The account page
  saved: "Your details were saved.",
  revoked: "That device is logged out.",
  revoked_others: "Every other device is logged out.",
  email_sent: "We sent a link to the new address. Open it within an hour to move your account there.",
  session_not_found: "There is no such session on this account: it may have ended already.",
  reauthenticate_email: "Log in again to change your address: your last login was more than 10 minutes ago.",
  reauthenticate_delete: "Log in again to delete your account: your last login was more than 10 minutes ago.",
  email_change_rate_limited: "Too many changes of address asked for this hour: please try again later.",
  same_address: "That is the address the account uses already.",
  change_expired: "This link has expired: ask for a new one on your account page.",
  change_denied: "This link was cancelled.",
  email_taken: "Another account uses that address now, so nothing was changed.",
  confirmation_required: "Tick the box to confirm that you want to delete your account.",
};

export type Messages = typeof en;
