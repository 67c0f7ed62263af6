/**
 * The flows, as functions that return outcomes as values. They know nothing of HTTP: the
 * HTTP face turns outcomes into pages or JSON, and a host app may call them directly. Each
 * room holds what happens there: links/ (ask, inspect, redeem), cross-device/ (code,
 * approval, notices), sessions/, mail/ (the outbox), limits/, upkeep/.
 */
import type { CoreConfig } from "./config.js";
import type { accountFlows } from "./account/account.js";
import type { emailChangeFlows } from "./account/email-change.js";
import type { inviteFlows } from "./account/invite.js";
import type { operatorFlows } from "./account/operators.js";
import type { approvalFlows } from "./cross-device/approval.js";
import type { codeFlows } from "./cross-device/code.js";
import { loginNotices } from "./cross-device/notices.js";
import { createFlowContext, type RequestContext } from "./flow-context.js";
import { redeemLinkFlows } from "./links/redeem-link.js";
import { requestLinkFlows } from "./links/request-link.js";
import { revokeSession, validateSession, type ValidSession } from "./sessions/session.js";
import type { accessTokenFlows } from "./tokens/access-token.js";
import { onFirstCall } from "./on-first-call.js";
import { upkeepFlows } from "./upkeep/purge.js";

export type { DeletionOutcome, Device, ProfileOutcome, Unauthenticated } from "./account/account.js";
export type { EmailChangeOutcome, EmailChangeRequestOutcome } from "./account/email-change.js";
export type { InviteOutcome } from "./account/invite.js";
export type { ApprovalClaimOutcome, ApprovalOutcome } from "./cross-device/approval.js";
export type { CodeOutcome } from "./cross-device/code.js";
export type { RequestContext } from "./flow-context.js";
export { MAX_APPROVAL_ATTEMPTS, MAX_CODE_ATTEMPTS } from "./limits/attempts.js";
export type { LinkInspection, LoginOutcome, SignupOutcome } from "./links/redeem-link.js";
export type { LinkRequest, LinkRequestOptions } from "./links/request-link.js";
export { validateSignupFields } from "./links/signup-fields.js";
export type { IssuedSession } from "./sessions/session.js";
export type { AccessTokenOutcome } from "./tokens/access-token.js";
export type { PublicJwk } from "./tokens/jwt.js";

export function createFlows(config: CoreConfig) {
  const context = createFlowContext(config);
  const notices = loginNotices(context);
  const links = redeemLinkFlows(context);
  const { finishSignup, ...redeem } = links;
  // What a link request, its redemption and a session check do not need is loaded with its
  // first call: the code and the approval, the account's own calls and a change of address,
  // tokens for other services and the operators' calls (a Worker's cold start parses less; see `npm run size`).
  const later = () => import("./later.js");
  const crossDevice = onFirstCall<ReturnType<typeof codeFlows> & ReturnType<typeof approvalFlows>>(
    async () => {
      const { codeFlows, approvalFlows } = await later();
      return { ...codeFlows(context, notices, finishSignup), ...approvalFlows(context, notices) };
    },
    { redeemCode: true, completeSignupByCode: true, approveLogin: true, denyLink: true, claimApproval: true },
  );
  const account = onFirstCall<ReturnType<typeof accountFlows>>(async () => (await later()).accountFlows(context), {
    getAccount: true,
    updateProfile: true,
    listSessions: true,
    revokeSessionById: true,
    revokeOtherSessions: true,
    deleteAccount: true,
    removeAccount: true,
    endSessionsOf: true,
  });
  const emailChange = onFirstCall<ReturnType<typeof emailChangeFlows>>(async () => (await later()).emailChangeFlows(context), {
    requestEmailChange: true,
    inspectEmailChange: true,
    confirmEmailChange: true,
  });
  const accessTokens = onFirstCall<ReturnType<typeof accessTokenFlows>>(async () => (await later()).accessTokenFlows(context), {
    issueAccessToken: true,
    publishedKeys: true,
    rotateSigningKeys: true,
  });
  const operators = onFirstCall<ReturnType<typeof operatorFlows> & ReturnType<typeof inviteFlows>>(
    async () => {
      const { operatorFlows, inviteFlows } = await later();
      return { ...operatorFlows(context), ...inviteFlows(context) };
    },
    { findAccount: true, listAccounts: true, listSessionsOf: true, listAccountEvents: true, inviteAccount: true },
  );
  const { purgesDone, ...upkeep } = upkeepFlows(context);
  return {
    ...requestLinkFlows(context),
    ...redeem,
    ...crossDevice,
    ...upkeep,
    ...accessTokens,
    ...account,
    ...emailChange,
    ...operators,
    /** The account a session secret belongs to while it is live; extends its idle time now and then. */
    validateSession: (token: unknown): Promise<ValidSession | null> => validateSession(config, token),
    /** Ends a session on the server (logging out). */
    revokeSession: (token: unknown, request?: RequestContext): Promise<void> => revokeSession(config, context.events, token, request),
    /** Sends the queued mails that are due: for a delivery loop or a cron job. */
    deliverQueuedMail: context.outbox.deliverQueued,
    /** Sends the webhooks that are due: for a delivery loop or a cron job. */
    deliverWebhooks: context.events.deliverWebhooks,
    /** Resolves when every mail and webhook attempt started so far is made and recorded, and a purge under way is done. */
    idle: async (): Promise<void> => {
      await Promise.all([context.outbox.idle(), context.events.idle(), purgesDone()]);
    },
  };
}

export type Flows = ReturnType<typeof createFlows>;
