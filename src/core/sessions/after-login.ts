/** The host app's afterLogin hook, once a login of any kind has committed. */
import type { CoreConfig } from "../config.js";
import { runHook } from "../hooks.js";
import type { Account, LoginMethod } from "../ports.js";

export async function afterLogin(config: Pick<CoreConfig, "hooks" | "log" | "hookTimeout">, account: Account, method: LoginMethod): Promise<void> {
  const hook = config.hooks.afterLogin;
  if (hook) await runHook(config, "afterLogin", () => hook({ account, method }));
}
