/**
 * Installs the example apps as a newcomer would, from a tarball of this package made by
 * `npm pack` (npm test builds dist/ first): the three Node apps in one npm workspace (one
 * install, one build of the SQLite driver they share), the Worker project on its own, with
 * neither a driver nor nodemailer. Test files get the folders with `inject("examples")`.
 */
import { execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    examples: { root: string; tarball: string; express: string; honoNode: string; nextjs: string; cloudflare: string };
  }
}

const REPO = join(import.meta.dirname, "..", "..");
const NODE_APPS = { express: "express", honoNode: "hono-node", nextjs: "nextjs" } as const;

function npm(args: string[], cwd: string): string {
  return execFileSync("npm", [...args, "--no-audit", "--no-fund", "--loglevel=error"], { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}

/** The example as its README has a newcomer copy it, pointing at this run's tarball. */
function copyExample(name: string, to: string, tarball: string): string {
  cpSync(join(REPO, "examples", name), to, { recursive: true, filter: (path) => !/\/(node_modules|data|\.next|\.wrangler)$/.test(path) });
  const manifest = JSON.parse(readFileSync(join(to, "package.json"), "utf8")) as { dependencies: Record<string, string> };
  manifest.dependencies.sesame = `file:${tarball}`;
  writeFileSync(join(to, "package.json"), JSON.stringify(manifest, null, 2));
  return to;
}

export default async function setup(project: TestProject) {
  const root = mkdtempSync(join(tmpdir(), "sesame-examples-"));
  const packed = JSON.parse(npm(["pack", "--json", "--ignore-scripts", "--pack-destination", root], REPO)) as { filename: string }[];
  const tarball = join(root, packed[0]!.filename);

  const apps = join(root, "node-apps");
  const dirs = Object.fromEntries(Object.entries(NODE_APPS).map(([key, name]) => [key, copyExample(name, join(apps, name), tarball)]));
  writeFileSync(
    join(apps, "package.json"),
    JSON.stringify({ private: true, workspaces: Object.values(NODE_APPS), allowScripts: { "better-sqlite3": true } }, null, 2),
  );
  npm(["install"], apps);
  const cloudflare = copyExample("cloudflare", join(root, "cloudflare"), tarball);
  npm(["install"], cloudflare);

  project.provide("examples", { root, tarball, express: dirs.express!, honoNode: dirs.honoNode!, nextjs: dirs.nextjs!, cloudflare });
  return () => rmSync(root, { recursive: true, force: true });
}
