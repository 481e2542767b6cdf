/**
 * The compiled ajv validators for the scenario schema: a strict one for the file as written,
 * and a coercing one applied after {{variables}} are substituted (a variable used where the
 * schema wants text, such as an argv item, becomes text).
 */
import Ajv from "ajv";
import { ScenarioSchema, type ScenarioFile } from "./schema.js";

type Validate = ReturnType<Ajv["compile"]>;
let strict: Validate | undefined;
let coercing: Validate | undefined;

export function strictValidator(): Validate {
  strict ??= new Ajv({ allErrors: true, strict: false, allowUnionTypes: true, verbose: true }).compile(ScenarioSchema);
  return strict;
}

export function coercingValidator(): Validate {
  coercing ??= new Ajv({ allErrors: true, strict: false, allowUnionTypes: true, coerceTypes: true, verbose: true }).compile(ScenarioSchema);
  return coercing;
}

/** Coerces a substituted scenario in place (numbers into strings where text is expected). */
export function coerceResolved(s: ScenarioFile): ScenarioFile {
  coercingValidator()(s);
  return s;
}
