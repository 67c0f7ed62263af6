/**
 * The flows loaded with their first call (core/flows.ts): the compiler holds each group's
 * names to its module's types; this holds the running object to the modules' functions, and
 * a call through a deferred function to the module's own answer.
 */
import { afterEach, describe, expect, it } from "vitest";
import { accountFlows } from "../src/core/account/account.js";
import { emailChangeFlows } from "../src/core/account/email-change.js";
import { inviteFlows } from "../src/core/account/invite.js";
import { operatorFlows } from "../src/core/account/operators.js";
import { approvalFlows } from "../src/core/cross-device/approval.js";
import { codeFlows } from "../src/core/cross-device/code.js";
import { loginNotices } from "../src/core/cross-device/notices.js";
import { createFlowContext } from "../src/core/flow-context.js";
import { createFlows } from "../src/core/flows.js";
import { redeemLinkFlows } from "../src/core/links/redeem-link.js";
import { accessTokenFlows } from "../src/core/tokens/access-token.js";
import { resolveOptions } from "../src/options.js";
import { BASE_URL, makeSesame } from "./support.js";

describe("flows loaded on first call", () => {
  let close = () => {};
  afterEach(() => close());

  it("are every function of their modules, by the same names, and each answers as the module's own does", async () => {
    const t = await makeSesame();
    close = t.close;
    const config = resolveOptions({ baseUrl: BASE_URL, store: t.db.store, mailer: t.mailbox, now: () => Date.UTC(2030, 0, 1), log: () => {} });
    const context = createFlowContext(config);
    const notices = loginNotices(context);
    const { finishSignup } = redeemLinkFlows(context);
    const tokens = accessTokenFlows(context);
    const approval = approvalFlows(context, notices);
    const groups: object[] = [
      accountFlows(context),
      codeFlows(context, notices, finishSignup),
      approval,
      emailChangeFlows(context),
      tokens,
      operatorFlows(context),
      inviteFlows(context),
    ];
    const flows = createFlows(config);
    for (const group of groups) {
      for (const name of Object.keys(group)) expect(typeof (flows as Record<string, unknown>)[name], name).toBe("function");
    }
    // Through the deferred function, the module's answer: an unknown account is null, an unknown code's link unusable.
    expect(await flows.findAccount("nobody@example.com")).toBeNull();
    expect(await flows.publishedKeys()).toEqual(await tokens.publishedKeys());
    expect(await flows.claimApproval("no such pending secret")).toEqual(await approval.claimApproval("no such pending secret"));
  });
});
