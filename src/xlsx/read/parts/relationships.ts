import { resolveTarget } from "../part-paths";
import type { Attrs, XmlHandler } from "../xml-stream";

export interface Relationship {
  readonly id: string;
  readonly type: string;
  /** The zip entry the target resolves to; undefined for external targets. */
  readonly part: string | undefined;
}

/** A .rels part: relationship ids and types to the parts they point at. */
export class Relationships implements XmlHandler {
  readonly list: Relationship[] = [];

  constructor(private readonly sourcePart: string) {}

  open(name: string, attrs: Attrs, path: readonly string[]): void {
    if (name !== "Relationship" || path.length !== 2) return;
    const { Id: id, Type: type, Target: target } = attrs;
    if (id === undefined || type === undefined || target === undefined) return;
    const external = attrs.TargetMode === "External";
    this.list.push({ id, type, part: external ? undefined : resolveTarget(this.sourcePart, target) });
  }

  close(): void {}
  text(): void {}

  byId(id: string): Relationship | undefined {
    return this.list.find((r) => r.id === id);
  }

  /**
   * The first internal target of a type, matched on the type's last segment so transitional
   * (schemas.openxmlformats.org) and strict (purl.oclc.org) URIs both match.
   */
  firstOfType(kind: string): string | undefined {
    return this.list.find((r) => typeKind(r.type) === kind && r.part !== undefined)?.part;
  }
}

/** ".../relationships/worksheet" → "worksheet". */
export function typeKind(type: string): string {
  return type.slice(type.lastIndexOf("/") + 1);
}
