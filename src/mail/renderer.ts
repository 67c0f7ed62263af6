/**
 * The renderer the core is handed. The app's words for the mail are checked now (a mistake
 * there stops start-up); the templates load with the first mail, so a Worker that has sent
 * none has not parsed them.
 */
import type { MailContent, RenderMail } from "../core/ports.js";
import { loadOnce } from "../load-once.js";
import { parseMailText, type MailTextOverrides } from "./words/overrides.js";

const loadTemplates = loadOnce(() => import("./templates.js"));

export function createMailRenderer(options: { appName: string; accentColor?: string | undefined; text?: MailTextOverrides | undefined }): RenderMail {
  const own = parseMailText(options.text);
  return async (content: MailContent) => {
    const loaded = await loadTemplates();
    return loaded.renderMailContent(content, { appName: options.appName, accentColor: options.accentColor, own });
  };
}
