/** The one function used from the punycode package's ES module build (it ships no types). */
declare module "punycode/punycode.es6.js" {
  export function toUnicode(domain: string): string;
}
