// The whole Worker: Sesame on D1, configured by the variables in wrangler.toml and .dev.vars.
// For options variables cannot express: export default createWorker({ … }) from "sesame/workers".
export { default } from "sesame/workers";
