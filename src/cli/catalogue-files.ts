import { readFileSync } from "node:fs";
import { shippedCatalogue } from "../core/catalogue/builtin";
import { CATALOGUE_INVALID, parseFramework, type Catalogue } from "../core/catalogue/catalogue";
import { CodedError } from "../core/errors/coded-error";
import { READ_FAILED } from "./usage-error";
import { describeOsError } from "./wording";

/** The shipped catalogues plus any framework files named with --framework-file. */
export function loadCatalogue(frameworkFiles: readonly string[]): Catalogue {
  const catalogue = shippedCatalogue();
  for (const file of frameworkFiles) {
    let text: string;
    try {
      text = readFileSync(file, "utf8");
    } catch (e) {
      throw new CodedError(READ_FAILED, `cannot read framework file: ${describeOsError(e)}`, { file });
    }
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (e) {
      throw new CodedError(CATALOGUE_INVALID, `not JSON: ${(e as Error).message}`, { file });
    }
    catalogue.add(parseFramework(data, file), file);
  }
  return catalogue;
}
