/**
 * What a host app runs when things happen to accounts, in the same process. `beforeSignup`
 * runs before the step that makes the account and may refuse it; the others run after
 * their step has committed, and are awaited (within the hooks' deadline) before the answer,
 * so that the app's own rows exist when the person lands.
 */
import type { Account } from "./records.js";

/** Refuses a sign-up; the person sees `message`. */
export interface SignupRefusal {
  refuse: string;
}

export type LoginMethod = "link" | "code" | "approval";

export interface Hooks {
  beforeSignup?(input: { email: string; fields: Record<string, string>; client: string | undefined }): void | SignupRefusal | Promise<void | SignupRefusal>;
  afterSignup?(account: Account, info: { method: "link" | "code" }): unknown;
  afterLogin?(input: { account: Account; method: LoginMethod }): unknown;
  afterAccountDeleted?(account: Account): unknown;
  afterEmailChanged?(account: Account, previousEmail: string): unknown;
}
