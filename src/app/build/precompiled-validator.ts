/**
 * A Vite build plugin: the app's scenario validators are compiled by ajv at build time
 * (ajv "standalone" code) instead of in the engine worker at start-up. ajv compiles a schema
 * into JavaScript with `new Function`, which a Content-Security-Policy without
 * 'unsafe-eval' forbids — and the worker's script is served with the app's CSP — and which
 * costs a few hundred ms of the worker's cold start. The plugin rewrites
 * src/scenario/validator.ts in the app bundle only: each `new Ajv(OPTIONS).compile(ScenarioSchema)`
 * becomes an import of a module generated with the same OPTIONS (read from that file, so the
 * two cannot drift), and the build fails loudly if the file no longer has that shape. The CLI
 * and the tests keep compiling at run time.
 */
import Ajv, { type Options } from "ajv";
import standaloneCode from "ajv/dist/standalone/index.js";
import type { Plugin } from "vite";
import { ScenarioSchema } from "../../scenario/index.js";

const TARGET = /\/src\/scenario\/validator\.ts$/;
const COMPILE_CALL = /new Ajv\((\{[^()]*\})\)\.compile\(ScenarioSchema\)/g;
const VIRTUAL = "\0faultline-precompiled-validator-";

/** `{ allErrors: true, strict: false }` (the literal in validator.ts) -> an options object. */
function parseOptions(literal: string): Options {
  const json = literal.replace(/([{,]\s*)([A-Za-z_$][\w$]*)\s*:/g, '$1"$2":').replace(/,\s*}/, "}");
  return JSON.parse(json) as Options;
}

/** ajv's standalone module for one options set, its CommonJS requires turned into imports. */
function generate(options: Options): string {
  const ajv = new Ajv({ ...options, code: { ...options.code, source: true, esm: true } });
  const code = standaloneCode(ajv, ajv.compile(ScenarioSchema));
  const imports: string[] = [];
  const body = code.replace(/require\("([^"]+)"\)\.default/g, (_m, spec: string) => {
    const name = `__ajvRuntime${imports.length}`;
    imports.push(`import ${name} from ${JSON.stringify(spec)};`);
    return name;
  });
  if (body.includes("require(")) throw new Error("precompiled-validator: ajv's standalone code has a require() this plugin cannot turn into an import");
  return imports.join("\n") + "\n" + body;
}

export function precompiledValidator(): Plugin {
  const modules = new Map<string, string>();
  return {
    name: "faultline:precompiled-validator",
    apply: "build",
    enforce: "pre",
    resolveId(id) {
      return id.startsWith(VIRTUAL) ? id : undefined;
    },
    load(id) {
      return id.startsWith(VIRTUAL) ? modules.get(id) : undefined;
    },
    transform(code, id) {
      if (!TARGET.test(id.split("?")[0])) return undefined;
      const headers: string[] = [];
      const out = code.replace(COMPILE_CALL, (_m, literal: string) => {
        const name = `${VIRTUAL}${headers.length}.js`;
        modules.set(name, generate(parseOptions(literal)));
        headers.push(`import __precompiled${headers.length} from ${JSON.stringify(name)};`);
        return `__precompiled${headers.length - 1}`;
      });
      if (headers.length === 0 || !/^import Ajv from "ajv";$/m.test(out)) {
        this.error("src/scenario/validator.ts no longer has the shape precompiled-validator.ts rewrites (`import Ajv from \"ajv\"` and `new Ajv({...}).compile(ScenarioSchema)`): update the plugin");
      }
      return { code: headers.join("\n") + "\n" + out.replace(/^import Ajv from "ajv";$/m, 'import type Ajv from "ajv";'), map: null };
    },
  };
}
