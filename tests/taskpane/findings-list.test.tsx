/** @jest-environment jsdom */
import { fireEvent, screen, within } from "@testing-library/react";
import type { Finding } from "../../src/core/validation/finding";
import { FindingsList, PAGE_SIZE } from "../../src/taskpane/components/FindingsList";
import { ruleTitle } from "../../src/taskpane/components/group-findings";
import { installDomShims, renderInFluent } from "./support/render";

beforeAll(installDomShims);

function findings(n: number): Finding[] {
  return Array.from({ length: n }, (_, i): Finding => {
    const sheet = i % 2 === 0 ? "Pact EL political report" : "Pact EL factual table";
    if (i % 5 === 4) return { code: "PT-CONT-006", severity: "warning", sheet, cell: `F${i + 14}`, message: `warning ${i}` };
    return { code: "PT-CONT-001", severity: "error", sheet, cell: `E${i + 14}`, message: `missing ${i}` };
  });
}

describe("the findings list with 5,000 findings", () => {
  it("shows one summary line per code, opens a code a page at a time, and filters by severity and sheet", () => {
    const all = findings(5000);
    const started = performance.now();
    renderInFluent(<FindingsList findings={all} />);
    // Responsive: no list of 5,000 items, only the summary.
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(document.querySelectorAll("li").length).toBe(2);
    const summary = screen.getByRole("list", { name: "Findings by code" });
    const [errors, warnings] = within(summary).getAllByRole("button");
    expect(errors?.textContent).toBe(`ErrorPT-CONT-001× 4000${ruleTitle("PT-CONT-001")}`);
    expect(warnings?.textContent).toContain("PT-CONT-006× 1000");
    expect(errors?.getAttribute("aria-expanded")).toBe("false");

    fireEvent.click(errors as HTMLElement);
    expect(errors?.getAttribute("aria-expanded")).toBe("true");
    const cells = screen.getByRole("list", { name: "Findings PT-CONT-001" });
    expect(within(cells).getAllByRole("listitem")).toHaveLength(PAGE_SIZE);
    fireEvent.click(screen.getByRole("button", { name: `Show ${PAGE_SIZE} more of PT-CONT-001 (${4000 - PAGE_SIZE} not shown)` }));
    expect(within(cells).getAllByRole("listitem")).toHaveLength(2 * PAGE_SIZE);

    fireEvent.change(screen.getByRole("combobox", { name: "Show" }), { target: { value: "warning" } });
    expect(within(summary).getAllByRole("listitem")).toHaveLength(1);
    expect(screen.getByText("1000 of 5000 findings shown")).toBeTruthy();
    fireEvent.change(screen.getByRole("combobox", { name: "Sheet" }), { target: { value: "=Pact EL factual table" } });
    expect(screen.getByText("500 of 5000 findings shown")).toBeTruthy();
    fireEvent.change(screen.getByRole("combobox", { name: "Show" }), { target: { value: "all" } });
    expect(screen.getByText("2500 of 5000 findings shown")).toBeTruthy();
  });

  it("Show next error selects each error's cell in turn (Excel) and moves focus to it in the list", () => {
    const all = findings(5000);
    const selected: string[] = [];
    renderInFluent(<FindingsList findings={all} onSelect={(f) => selected.push(`${f.sheet}!${f.cell ?? ""}`)} />);
    const next = screen.getByRole("button", { name: "Show next error" });
    fireEvent.click(next);
    fireEvent.click(next);
    expect(selected).toEqual(["Pact EL political report!E14", "Pact EL factual table!E15"]);
    expect(screen.getByText("Error 2 of 4000: PT-CONT-001 at E15 on Pact EL factual table")).toBeTruthy();
    expect(document.activeElement?.getAttribute("title")).toBe("Go to E15 on Pact EL factual table");
    expect(screen.getByRole("list", { name: "Findings PT-CONT-001" })).toBeTruthy();
  });

  it("in standalone mode (no cell to select) stepping moves focus to the error in the list", () => {
    renderInFluent(<FindingsList findings={findings(300)} />);
    const next = screen.getByRole("button", { name: "Show next error" });
    for (let i = 0; i < 3; i++) fireEvent.click(next);
    expect(screen.getByText("Error 3 of 240: PT-CONT-001 at E16 on Pact EL political report")).toBeTruthy();
    expect(document.activeElement?.textContent).toContain("missing 2");
  });
});
