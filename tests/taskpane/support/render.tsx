import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { fireEvent, render, type RenderResult } from "@testing-library/react";
import { TextDecoder, TextEncoder } from "node:util";
import type { ReactElement } from "react";

/**
 * jsdom lacks what Fluent measures and scrolls with, and the encoders @noble/hashes uses (every
 * browser has them); stand-ins. Call from beforeAll.
 */
export function installDomShims(): void {
  globalThis.TextEncoder ??= TextEncoder as typeof globalThis.TextEncoder;
  globalThis.TextDecoder ??= TextDecoder as typeof globalThis.TextDecoder;
  globalThis.ResizeObserver ??= class {
    observe(): void {}
    unobserve(): void {}
    disconnect(): void {}
  };
  Element.prototype.scrollIntoView ??= function scrollIntoView(): void {};
}

export function renderInFluent(ui: ReactElement): RenderResult {
  return render(<FluentProvider theme={webLightTheme}>{ui}</FluentProvider>);
}

/** Chooses files in a view's file input, as the browser's file dialog would. */
export function chooseFiles(container: HTMLElement, files: File[], index = 0): void {
  const input = container.querySelectorAll<HTMLInputElement>('input[type="file"]')[index];
  if (!input) throw new Error("no file input");
  fireEvent.change(input, { target: { files } });
}

/** Drops files on a view's drop zone. */
export function dropFiles(container: HTMLElement, files: File[], index = 0): void {
  const zone = container.querySelectorAll<HTMLElement>('[data-testid="drop-zone"]')[index];
  if (!zone) throw new Error("no drop zone");
  fireEvent.dragOver(zone, { dataTransfer: { files } });
  fireEvent.drop(zone, { dataTransfer: { files } });
}

/** A fixed clock: 2026-05-04. */
export const today = (): Date => new Date("2026-05-04T10:00:00Z");
