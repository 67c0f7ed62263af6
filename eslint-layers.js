/**
 * The rooms of src/ and which way imports may go between them, as a lint rule, so that a
 * future import the wrong way fails CI rather than a review:
 *
 * - src/core imports nothing outside src/core (not even types): it is handed its ports.
 * - src/store and src/mail never import src/http, src/config, src/platforms or src/cli.
 * - src/http reaches the domain only through the flows object: from src/core it imports
 *   types, and errors.js (to tell a SesameError's code), nothing else.
 */
import path from "node:path";

const room = (file, root) => {
  const relative = path.relative(path.join(root, "src"), file);
  return relative.startsWith("..") ? undefined : relative.split(path.sep)[0];
};

const layers = {
  meta: { type: "problem", schema: [], messages: { wrongWay: "{{from}} must not import {{to}}: {{why}}" } },
  create(context) {
    const file = context.filename;
    const root = context.cwd;
    const from = room(file, root);
    if (!from || /\.test\.tsx?$|\.contract\.ts$|\.check\.ts$/.test(file)) return {};
    function check(node, source, typeOnly) {
      if (typeof source !== "string") return;
      const report = (to, why) => context.report({ node, messageId: "wrongWay", data: { from: `src/${from}`, to, why } });
      if (!source.startsWith(".")) {
        if (from === "core") report(source, "the core imports no package; it is handed what it needs");
        return;
      }
      const target = path.resolve(path.dirname(file), source);
      const to = room(target, root);
      if (from === "core" && to !== "core") report(source, "the core is closed; declare the need in core/ports.ts or core/config.ts");
      if ((from === "store" || from === "mail") && ["http", "platforms", "cli", "config"].includes(to)) {
        report(source, "storage and mail sit below the HTTP face and the entries");
      }
      if (from === "http" && to === "core" && !typeOnly && path.basename(target).replace(/\.[jt]sx?$/, "") !== "errors") {
        report(source, "the HTTP face calls the domain through the flows object only");
      }
    }
    const declaration = (node) => check(node, node.source?.value, node.importKind === "type" || node.exportKind === "type");
    return {
      ImportDeclaration: declaration,
      ExportNamedDeclaration: declaration,
      ExportAllDeclaration: declaration,
      ImportExpression: (node) => check(node, node.source?.value, false),
    };
  },
};

export default { rules: { layers } };
