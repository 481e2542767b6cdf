/**
 * Lint rules that keep Faultline's architecture honest (STYLE.md "Enforce these mechanically").
 * Pure modules (engine, shell, scenario, grading, replay, harness) may not reach the outside world:
 * no wall clock, no Math.random, no timers, no console, no Node or DOM globals, no node:* imports.
 * Imports follow the layer table (engine imports nothing internal; others cross modules only through
 * a module's index.ts; app never touches cli or node:*; cli never touches app, React or xterm).
 * No cycles, kebab-case file names, and light TypeScript hygiene. Tests (*.test.ts) and src/testing
 * may use Node APIs and reach across modules. src/testing/architecture.test.ts proves these bite.
 */
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig } from "eslint/config";
import tseslint from "typescript-eslint";
import { importX, createNodeResolver } from "eslint-plugin-import-x";
import unicorn from "eslint-plugin-unicorn";

/** Zones below are relative to the repo root, whatever directory eslint runs from. */
const ROOT = dirname(fileURLToPath(import.meta.url));

/** The pure modules: deterministic, DOM-free, Node-free. */
const PURE = ["engine", "shell", "scenario", "grading", "replay", "harness"];
const pureGlob = (suffix) => PURE.map((m) => `src/${m}/${suffix}`);
const TESTS = ["**/*.test.ts", "**/*.test.tsx", "src/testing/**"];

/** Globals that read the wall clock, schedule on real time, or belong to Node or the DOM. */
const RESTRICTED_GLOBALS = [
  ["setTimeout", "delays come from the sim clock (ctx.sleep / host.tick)"],
  ["setInterval", "delays come from the sim clock (ctx.sleep / host.tick)"],
  ["setImmediate", "no Node timers in pure modules"],
  ["clearTimeout", "no real-time timers in pure modules"],
  ["clearInterval", "no real-time timers in pure modules"],
  ["requestAnimationFrame", "no DOM timers in pure modules"],
  ["performance", "time comes from the sim clock (host.nowMs)"],
  ["console", "pure modules report through return values and engine events"],
  ["process", "no Node globals in pure modules"],
  ["require", "ESM only; no Node globals in pure modules"],
  ["module", "ESM only; no Node globals in pure modules"],
  ["__dirname", "no Node globals in pure modules"],
  ["__filename", "no Node globals in pure modules"],
  ["global", "no Node globals in pure modules"],
  ["Buffer", "no Node globals in pure modules; use Uint8Array / TextEncoder"],
  ["window", "no DOM in pure modules"],
  ["document", "no DOM in pure modules"],
  ["navigator", "no DOM in pure modules"],
  ["localStorage", "no DOM in pure modules"],
  ["fetch", "pure modules ask the outside world for nothing"],
  ["crypto", "randomness comes from the seeded host.rng"],
].map(([name, why]) => ({ name, message: `${name} is not allowed in pure modules: ${why}.` }));

const RESTRICTED_PROPERTIES = [
  { object: "Date", property: "now", message: "Date.now() is not allowed in pure modules: use the sim clock (host.nowMs / host.epochMs())." },
  { object: "Math", property: "random", message: "Math.random() is not allowed in pure modules: use the seeded host.rng." },
  { object: "globalThis", message: "globalThis is not allowed in pure modules: it reaches the outside world." },
];

const DATE_CALL = { selector: "CallExpression[callee.type='Identifier'][callee.name='Date']", message: "Date() reads the wall clock: use the sim clock (host.epochMs())." };
const NEW_DATE_NOW = { selector: "NewExpression[callee.type='Identifier'][callee.name='Date'][arguments.length=0]", message: "new Date() reads the wall clock: use the sim clock (host.epochMs()) and engine/time/calendar.ts." };
const NEW_DATE_ANY = { selector: "NewExpression[callee.type='Identifier'][callee.name='Date'][arguments.length>0]", message: "new Date(x) is only allowed in src/shell/interpreter/fs-adapter.ts: format dates with engine/time/calendar.ts." };

/**
 * HTML sinks: scenario text is untrusted (files, URLs, My scenarios), so the app builds DOM from
 * text and React elements only. A file that truly needs one goes on HTML_SINK_ALLOW_LIST with a reason.
 */
const HTML_SINKS = [
  { selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']", message: "dangerouslySetInnerHTML is not allowed in src/app: render text or React elements (scenario text is untrusted)." },
  { selector: "MemberExpression[property.name=/^(innerHTML|outerHTML)$/]", message: "innerHTML/outerHTML is not allowed in src/app: use textContent or DOM nodes (scenario text is untrusted)." },
  { selector: "CallExpression[callee.property.name=/^(insertAdjacentHTML|createContextualFragment|parseFromString)$/]", message: "insertAdjacentHTML/createContextualFragment/DOMParser are not allowed in src/app: use textContent or DOM nodes (scenario text is untrusted)." },
  { selector: "CallExpression[callee.object.name='document'][callee.property.name=/^(write|writeln)$/]", message: "document.write is not allowed in src/app (scenario text is untrusted)." },
];
/** src/app files allowed to use an HTML sink (none today). */
const HTML_SINK_ALLOW_LIST = [];

/** Packages that belong to the app (browser UI) only. */
const UI_PACKAGES = ["react", "react-dom", "react-dom/*", "react/*", "zustand", "zustand/*", "@xterm/*"];

/** `from` folders for import zones, relative to the repo root. */
const mod = (m) => `./src/${m}`;
const index = (m) => `./src/${m}/index.ts`;
/** A zone forbidding `target` to import from module `m` except through its index.ts. */
const onlyViaIndex = (target, m, direct = []) => ({ target, from: mod(m), except: ["./index.ts", ...direct], message: `import ${m} only through src/${m}/index.ts.` });
/**
 * Files a layer may import directly: the app's session player takes replay's engine-free
 * player/asciicast files, since the replay index drags the whole engine (replaySession) into
 * the main-thread player chunk (measured: 1.98 MB instead of 12 kB).
 */
const DIRECT = { "app:replay": ["./player.ts", "./asciicast.ts"] };
const never = (target, m, why) => ({ target, from: mod(m), message: why });

/** Which folders each layer may import from (STYLE.md "Dependency rules"); everything else is forbidden. */
const ALL = ["engine", "shell", "scenario", "grading", "replay", "harness", "app", "cli"];
const MAY_IMPORT = {
  engine: [],
  shell: ["engine"],
  scenario: ["engine"],
  grading: ["engine", "scenario", "replay"],
  replay: ["engine", "shell", "scenario"],
  harness: ["engine", "shell", "scenario", "grading", "replay"],
  app: ["engine", "shell", "scenario", "grading", "replay", "harness"],
  cli: ["engine", "shell", "scenario", "grading", "replay", "harness"],
};
const layerZones = Object.entries(MAY_IMPORT).flatMap(([layer, allowed]) =>
  ALL.filter((m) => m !== layer).map((m) =>
    allowed.includes(m)
      ? onlyViaIndex(mod(layer), m, DIRECT[`${layer}:${m}`])
      : never(mod(layer), m, `${layer} must not import ${m} (see STYLE.md "Dependency rules").`),
  ),
);
/** Inside a module, import files directly, never your own index.ts (no barrel loops). */
const ownIndexZones = ALL.map((m) => ({ target: mod(m), from: index(m), message: `inside ${m}, import the file directly, not ${m}/index.ts.` }));

export default defineConfig(
  { ignores: ["node_modules/**", "dist/**", "coverage/**", "scratch/**", "**/__golden__/**"] },
  ...tseslint.configs.recommended,
  {
    files: ["**/*.{ts,tsx,js,mjs}"],
    plugins: { "import-x": importX, unicorn },
    languageOptions: { ecmaVersion: 2022, sourceType: "module" },
    settings: {
      // Without these import-x only follows .js files, so no-cycle would silently see nothing.
      "import-x/extensions": [".ts", ".tsx", ".js", ".mjs"],
      "import-x/parsers": { "@typescript-eslint/parser": [".ts", ".tsx"] },
      "import-x/resolver-next": [createNodeResolver({ extensions: [".ts", ".tsx", ".js", ".mjs", ".json"], extensionAlias: { ".js": [".ts", ".tsx", ".js"] } })],
    },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrorsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_", ignoreRestSiblings: true }],
      "@typescript-eslint/no-explicit-any": "off",
      "@typescript-eslint/no-non-null-assertion": "off",
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      "no-var": "error",
      "prefer-const": "error",
      eqeqeq: ["error", "smart"],
      "import-x/no-cycle": ["error", { ignoreExternal: true }],
      "import-x/no-self-import": "error",
      "unicorn/filename-case": ["error", { case: "kebabCase" }],
    },
  },
  {
    // React components (later): one PascalCase component per .tsx file.
    files: ["src/app/**/*.tsx"],
    rules: { "unicorn/filename-case": ["error", { cases: { pascalCase: true, kebabCase: true } }] },
  },
  {
    // Import direction between layers; tests and src/testing are exempt (they wire layers together).
    files: ["src/**/*.{ts,tsx}"],
    ignores: TESTS,
    rules: {
      "import-x/no-restricted-paths": [
        "error",
        {
          basePath: ROOT,
          zones: [
            ...layerZones,
            ...ownIndexZones,
            { target: "./src", from: "./src/testing", message: "src/testing is imported only by *.test.ts files." },
          ],
        },
      ],
    },
  },
  {
    // Pure modules: deterministic, no Node, no DOM, no UI packages.
    files: pureGlob("**/*.{ts,tsx}"),
    ignores: TESTS,
    rules: {
      "no-restricted-globals": ["error", ...RESTRICTED_GLOBALS],
      "no-restricted-properties": ["error", ...RESTRICTED_PROPERTIES],
      "no-restricted-syntax": ["error", DATE_CALL, NEW_DATE_NOW, NEW_DATE_ANY],
      "import-x/no-nodejs-modules": "error",
      "no-restricted-imports": ["error", { patterns: [{ group: UI_PACKAGES, message: "UI packages belong to src/app only." }] }],
    },
  },
  {
    // The fs adapter turns sim mtimes into the Date objects the interpreter library expects.
    files: ["src/shell/interpreter/fs-adapter.ts"],
    rules: { "no-restricted-syntax": ["error", DATE_CALL, NEW_DATE_NOW] },
  },
  {
    // The app: the only DOM code; never Node, never the CLI.
    files: ["src/app/**/*.{ts,tsx}"],
    ignores: TESTS,
    rules: {
      "import-x/no-nodejs-modules": "error",
    },
  },
  {
    // The app never hands a string to the HTML parser (see HTML_SINKS).
    files: ["src/app/**/*.{ts,tsx}"],
    ignores: HTML_SINK_ALLOW_LIST,
    rules: { "no-restricted-syntax": ["error", ...HTML_SINKS] },
  },
  {
    // The CLI: the only node:* code; never React, xterm or the app.
    files: ["src/cli/**/*.{ts,tsx}", "bin/**/*.{js,mjs}"],
    ignores: TESTS,
    rules: {
      "no-restricted-imports": ["error", { patterns: [{ group: UI_PACKAGES, message: "the CLI never imports React, zustand or @xterm." }] }],
    },
  },
  {
    // Plain JS entry points and configs run under Node.
    files: ["**/*.{js,mjs}"],
    languageOptions: { globals: { process: "readonly", console: "readonly", URL: "readonly" } },
  },
);
