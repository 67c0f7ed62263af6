/**
 * The drivers and nodemailer are optional peer dependencies: a Worker or a Vercel Edge
 * project installs none of them, and a Node project installs only the one it uses. Each
 * opener loads its package when called, through a literal `import()` that bundlers
 * can follow, and a missing one is a ConfigError that says which package to install
 * rather than a module-resolution stack trace.
 */
import { ConfigError } from "../core/errors.js";

export async function loadOptionalPackage<T>(name: string, neededFor: string, load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (error) {
    if (isMissing(error, name)) {
      throw new ConfigError(`${neededFor} needs the "${name}" package, which is not installed: npm install ${name}`, { cause: error });
    }
    throw error;
  }
}

/** Node says ERR_MODULE_NOT_FOUND (or MODULE_NOT_FOUND through require); Bun and Deno word it their own way. */
function isMissing(error: unknown, name: string): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  if (typeof message !== "string" || !message.includes(name)) return false;
  return code === "ERR_MODULE_NOT_FOUND" || code === "MODULE_NOT_FOUND" || /cannot find (module|package)/i.test(message);
}
