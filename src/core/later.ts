/**
 * The flows loaded with their first call (see flows.ts), in one module: a Worker's bundle
 * makes one chunk of them, rather than a chunk per flow and more for the code they share.
 */
export { accountFlows } from "./account/account.js";
export { emailChangeFlows } from "./account/email-change.js";
export { inviteFlows } from "./account/invite.js";
export { operatorFlows } from "./account/operators.js";
export { approvalFlows } from "./cross-device/approval.js";
export { codeFlows } from "./cross-device/code.js";
export { accessTokenFlows } from "./tokens/access-token.js";
