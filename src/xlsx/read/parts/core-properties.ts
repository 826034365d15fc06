import type { Attrs, XmlHandler } from "../xml-stream";
import { appendBounded } from "./bounds";

export interface CoreProperties {
  modified?: string;
  created?: string;
  creator?: string;
  title?: string;
  subject?: string;
}

type Key = keyof CoreProperties;
const KEYS: ReadonlySet<string> = new Set<Key>(["modified", "created", "creator", "title", "subject"]);

/** docProps/core.xml: dcterms:created/modified, dc:creator/title/subject, by local name. */
export class CorePropertiesPart implements XmlHandler {
  readonly properties: CoreProperties = {};
  private key: Key | undefined;
  private value = "";

  constructor(private readonly maxText: number) {}

  open(name: string, _attrs: Attrs, path: readonly string[]): void {
    if (path.length === 2 && KEYS.has(name)) {
      this.key = name as Key;
      this.value = "";
    }
  }

  text(text: string): void {
    if (this.key) this.value = appendBounded(this.value, text, this.maxText, `document property '${this.key}'`);
  }

  close(name: string): void {
    if (this.key && name === this.key) {
      const v = this.value.trim();
      if (v) this.properties[this.key] = v;
      this.key = undefined;
    }
  }
}
