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
    renderInFluent(<FindingsList findings={all} />);
    // Responsive: no list of 5,000 items, only the summary.
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

describe("accepting all the open warnings of a code at once", () => {
  const carried = (i: number, sheet: string, acknowledged = false): Finding => ({
    code: "PT-CONT-017",
    severity: "warning",
    sheet,
    cell: `D${16 + i}`,
    message: `entry ${i} is unchanged since cycle 2025 — confirm or update it`,
    ...(acknowledged ? { acknowledged: { justification: "earlier" } } : {}),
  });
  // 60 open warnings on two sheets (one already accepted, one without a cell), and an error.
  const list: Finding[] = [
    ...Array.from({ length: 60 }, (_, i) => carried(i, i % 3 === 0 ? "Pact DE factual table" : "Pact DE political report")),
    carried(99, "Pact DE political report", true),
    { code: "PT-CONT-017", severity: "warning", sheet: "Pact DE political report", message: "no cell" },
    { code: "PT-CONT-001", severity: "error", sheet: "Pact DE factual table", cell: "E14", message: "missing" },
    { code: "PT-CONT-006", severity: "warning", sheet: "Pact DE factual table", cell: "F20", message: "alone" },
  ];

  it("offers Accept all N for a warning code, with one justification for exactly the shown open warnings (all pages)", () => {
    const calls: { findings: readonly Finding[]; justification: string; by: string }[] = [];
    renderInFluent(<FindingsList findings={list} onAcknowledge={() => undefined} onAcknowledgeMany={(findings, justification, by) => calls.push({ findings, justification, by })} />);
    // Only for the code with at least two open warnings with cells; never for errors, accepted warnings or a single warning.
    expect(screen.getAllByRole("button", { name: /^Accept all/ })).toHaveLength(1);
    fireEvent.click(screen.getByRole("button", { name: "Accept all 60…" }));
    const form = screen.getByRole("form", { name: "Accept all 60 warnings PT-CONT-017" });
    const accept = within(form).getByRole("button", { name: "Accept 60 warnings" });
    expect(accept.hasAttribute("disabled")).toBe(true);
    fireEvent.change(within(form).getByRole("textbox", { name: /Justification for accepting all 60 PT-CONT-017 warnings/ }), { target: { value: "  Checked: nothing changed since 2025.  " } });
    fireEvent.click(accept);
    expect(calls).toHaveLength(1);
    expect(calls[0]?.justification).toBe("Checked: nothing changed since 2025.");
    expect(calls[0]?.by).toBe("");
    expect(calls[0]?.findings).toEqual(list.slice(0, 60));
    // The form closes once sent.
    expect(screen.queryByRole("form")).toBeNull();
  });

  it("follows the filters: on one sheet, only that sheet's open warnings; Cancel sends nothing", () => {
    const calls: (readonly Finding[])[] = [];
    renderInFluent(<FindingsList findings={list} onAcknowledge={() => undefined} onAcknowledgeMany={(findings) => calls.push(findings)} />);
    fireEvent.change(screen.getByRole("combobox", { name: "Sheet" }), { target: { value: "=Pact DE factual table" } });
    const onSheet = list.slice(0, 60).filter((f) => f.sheet === "Pact DE factual table");
    fireEvent.click(screen.getByRole("button", { name: `Accept all ${onSheet.length}…` }));
    fireEvent.click(screen.getByRole("button", { name: "Cancel" }));
    expect(calls).toEqual([]);
    fireEvent.click(screen.getByRole("button", { name: `Accept all ${onSheet.length}…` }));
    fireEvent.change(screen.getByRole("textbox", { name: /Justification for accepting all/ }), { target: { value: "unchanged" } });
    fireEvent.change(screen.getByRole("textbox", { name: /Accepted by/ }), { target: { value: "Unit B2" } });
    fireEvent.click(screen.getByRole("button", { name: `Accept ${onSheet.length} warnings` }));
    expect(calls).toEqual([onSheet]);
    // Accepted warnings shown alone offer nothing to accept.
    fireEvent.change(screen.getByRole("combobox", { name: "Show" }), { target: { value: "accepted" } });
    expect(screen.queryByRole("button", { name: /^Accept all/ })).toBeNull();
  });

  it("is not offered without the callback (files) or while busy", () => {
    const { unmount } = renderInFluent(<FindingsList findings={list} />);
    expect(screen.queryByRole("button", { name: /^Accept all/ })).toBeNull();
    unmount();
    renderInFluent(<FindingsList findings={list} busy onAcknowledgeMany={() => undefined} />);
    expect(screen.getByRole("button", { name: "Accept all 60…" }).hasAttribute("disabled")).toBe(true);
  });
});
