import { createSesame, DevMailbox } from "sesame";
import { aesGcm, sha256 } from "sesame/node";
import { openSqliteFile } from "sesame/sqlite";

// One Sesame per server process. DevMailbox prints each mail's link: development only.
export const sesame = openSqliteFile(process.env.SESAME_DB ?? "./data/sesame.db").then(({ store }) =>
  createSesame({
    baseUrl: process.env.SESAME_BASE_URL ?? "http://localhost:3000/auth",
    store,
    mailer: new DevMailbox(),
    afterLoginPath: "/dashboard",
    sha256,
    aesGcm,
    // `next start` keeps a client's own X-Forwarded-For: trust it only behind a proxy that sets it (README).
    trustProxy: process.env.SESAME_TRUST_PROXY === "x-forwarded-for" && { header: "x-forwarded-for" },
  }),
);
