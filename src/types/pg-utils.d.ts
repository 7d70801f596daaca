// node-postgres's utilities module, imported alone by the PGlite adapter (@types/pg types only
// the package's main entry). CommonJS: its functions come as the default export.
declare module 'pg/lib/utils.js' {
  const utils: { escapeLiteral(value: string): string };
  export default utils;
}
