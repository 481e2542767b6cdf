#!/usr/bin/env node
/**
 * The `faultline` executable. The CLI is TypeScript (src/cli/main.ts) and there is no build step
 * yet, so this entry registers tsx's ESM loader in-process (`register` from "tsx/esm/api", a
 * devDependency) and imports the TypeScript entry directly: one Node process, no child process,
 * stdin/stdout/TTY stay ours (which `play` needs for raw mode). Works as `npx faultline ...` or
 * `node bin/faultline.mjs ...` from anywhere inside the repository after `npm install`. When a
 * bundled dist/cli.mjs exists later, import that instead and drop tsx.
 */
import { register } from "tsx/esm/api";

register();
const { main } = await import(new URL("../src/cli/main.ts", import.meta.url).href);
process.exitCode = await main(process.argv.slice(2));
