import { partKey } from "../zip-directory";
import type { Attrs, XmlHandler } from "../xml-stream";
import { checkCount } from "./bounds";

/** [Content_Types].xml: the type of every part, by explicit override or by file extension. */
export class ContentTypes implements XmlHandler {
  private readonly defaults = new Map<string, string>();
  private readonly overrides = new Map<string, string>();

  /** `maxEntries`: a package declares at most one type per part (or extension). */
  constructor(private readonly maxEntries: number) {}

  open(name: string, attrs: Attrs, path: readonly string[]): void {
    if (path.length !== 2) return;
    const type = attrs.ContentType;
    if (type === undefined) return;
    checkCount(this.defaults.size + this.overrides.size, this.maxEntries, "content-type declarations");
    if (name === "Default" && attrs.Extension !== undefined) this.defaults.set(attrs.Extension.toLowerCase(), normalise(type));
    if (name === "Override" && attrs.PartName !== undefined) this.overrides.set(partKey(attrs.PartName.replace(/^\//, "")), normalise(type));
  }

  close(): void {}
  text(): void {}

  /** Every declared type, for the macro/binary screen. */
  all(): string[] {
    return [...this.defaults.values(), ...this.overrides.values()];
  }

  /** The type of a part (zip entry name, no leading slash). */
  of(part: string): string | undefined {
    const override = this.overrides.get(partKey(part));
    if (override !== undefined) return override;
    const dot = part.lastIndexOf(".");
    return dot < 0 ? undefined : this.defaults.get(part.slice(dot + 1).toLowerCase());
  }
}

/** Media types compare case-insensitively and may carry parameters we do not need. */
function normalise(type: string): string {
  return (type.split(";")[0] ?? "").trim().toLowerCase();
}
