/**
 * The routes loaded with their first request (see app.ts), in one module: a Worker's bundle
 * makes one chunk of them rather than a chunk each and more for what they share.
 */
export { accountRoutes } from "./account.js";
export { adminRoutes } from "./admin.js";
export { crossDeviceRoutes } from "./cross-device.js";
export { tokenRoutes } from "./tokens.js";
