/** @jest-environment jsdom */
import { cleanup, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { ProgressView } from "../../src/taskpane/components/ProgressView";
import { catalogue, editAt, templateSpec, type Edit } from "../support/returns";
import { FakeFiles, fakeFile } from "./support/fake-files";
import { FakeWorkspace } from "./support/fake-workspace";
import { outcomeOf, unreadable } from "./support/outcomes";
import { chooseFiles, installDomShims, renderInFluent } from "./support/render";

// Before the fixtures below: building a template hashes the catalogue (TextEncoder).
installDomShims();
afterEach(cleanup);

const { spec, framework } = templateSpec("prague-ap-2012", "AT");
const at = (ref: string, header: string, value: Edit["value"]): Edit => editAt(spec, framework, ref, header, value);
const items = framework.areas.reduce((n, a) => n + a.items.length, 0);
const edits = [
  at("I.1", "Responsible unit / contact", "Consular department"),
  at("I.1", "Participation", "yes"),
  at("I.1", "Status", "ongoing"),
  at("I.1", "Activities undertaken", "Visa facilitation agreement signed."),
  at("I.1", "Review state", "approved"),
  at("I.2", "Responsible unit / contact", "Consular department"),
  at("I.2", "Review state", "draft"),
];

function unitBlock(name: string): HTMLElement {
  const item = screen.getAllByRole("listitem").find((li) => li.textContent?.startsWith(name));
  if (!item) throw new Error(`no unit ${name}`);
  return item;
}

describe("Progress (Excel)", () => {
  it("reads the workbook when the tab opens and counts per responsible unit", async () => {
    const ws = FakeWorkspace.withReturn(spec, edits);
    const view = (active: boolean) => <ProgressView catalogue={catalogue} workspace={ws} files={new FakeFiles()} active={active} />;
    const { rerender } = renderInFluent(view(false));
    expect(ws.calls).not.toContain("readSheets");
    rerender(view(true));

    const consular = await waitFor(() => unitBlock("Consular department"));
    expect(consular.textContent).toContain("1 of 2 item rows filled");
    expect(within(consular).getByText("approved: 1")).toBeTruthy();
    expect(within(consular).getByText("draft: 1")).toBeTruthy();
    expect(within(consular).getByRole("progressbar", { name: "Consular department: 1 of 2 item rows filled" })).toBeTruthy();
    const nobody = unitBlock("No unit assigned");
    expect(nobody.textContent).toContain(`0 of ${items - 2} item rows filled`);
    expect(screen.getByText(`1 of ${items} item rows filled`)).toBeTruthy();

    // A colleague takes on a row; Refresh shows it.
    const cell = at("II.1", "Responsible unit / contact", null);
    ws.change(cell.sheet, cell.row, cell.col, "Border police");
    fireEvent.click(screen.getByRole("button", { name: "Refresh" }));
    const police = await waitFor(() => unitBlock("Border police"));
    expect(police.textContent).toContain("0 of 1 item rows filled");
  });

  it("says when there is no template to count", async () => {
    const ws = new FakeWorkspace();
    renderInFluent(<ProgressView catalogue={catalogue} workspace={ws} files={new FakeFiles()} active />);
    expect(await screen.findByText(/No template sheet found/)).toBeTruthy();
  });
});

describe("Progress (browser)", () => {
  it("gives each chosen workbook its own section, never one merged count, and names an unreadable one with its code", async () => {
    const files = new FakeFiles();
    files.outcomes.set("AT.xlsx", outcomeOf("AT.xlsx", spec, edits));
    // Another copy of the same return where the consular department filled nothing yet.
    files.outcomes.set("AT-copy.xlsx", outcomeOf("AT-copy.xlsx", spec, [at("I.1", "Responsible unit / contact", "Consular department")]));
    files.outcomes.set("locked.xlsx", unreadable("locked.xlsx", "PT-READ-003", "the workbook is password-protected"));
    const { container } = renderInFluent(<ProgressView catalogue={catalogue} files={files} active />);
    expect(screen.queryByRole("button", { name: "Refresh" })).toBeNull();
    chooseFiles(container, [fakeFile("AT.xlsx"), fakeFile("AT-copy.xlsx"), fakeFile("locked.xlsx")]);

    const first = await screen.findByRole("region", { name: "Progress of AT.xlsx" });
    await waitFor(() => expect(document.activeElement).toBe(first));
    const second = await screen.findByRole("region", { name: "Progress of AT-copy.xlsx" });
    const unit = (region: HTMLElement) => within(region).getAllByRole("listitem").find((li) => li.textContent?.startsWith("Consular department"))?.textContent;
    expect(unit(first)).toContain("1 of 2 item rows filled");
    expect(unit(second)).toContain("0 of 1 item rows filled");
    // Each total is its own workbook's: the same number of item rows, not twice as many.
    for (const region of [first, second]) expect(within(region).getByText(new RegExp(`of ${items} item rows filled`))).toBeTruthy();
    const locked = await screen.findByRole("region", { name: "Progress of locked.xlsx" });
    expect(within(locked).getByText("PT-READ-003")).toBeTruthy();
    expect(within(locked).getByText(/password-protected/)).toBeTruthy();
  });
});
