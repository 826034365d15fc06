/** @jest-environment jsdom */
import { cleanup, fireEvent, screen, waitFor } from "@testing-library/react";
import { partiesNote } from "../../src/core/catalogue/provenance";
import { runParties, runPartiesNote } from "../../src/core/catalogue/run-parties";
import { META_ROWS } from "../../src/core/template/layout";
import { GenerateView } from "../../src/taskpane/components/GenerateView";
import { catalogue } from "../support/returns";
import { FakeFiles } from "./support/fake-files";
import { FakeWorkspace } from "./support/fake-workspace";
import { installDomShims, renderInFluent, today } from "./support/render";

beforeAll(installDomShims);
afterEach(cleanup);

const prague = catalogue.framework("prague-ap-2023");
const total = catalogue.partiesOf(prague).length;

function chooseSeveralForPrague(): void {
  fireEvent.click(screen.getByRole("combobox", { name: /Framework/ }));
  fireEvent.click(screen.getByRole("option", { name: prague.title }));
  fireEvent.click(screen.getByRole("radio", { name: "Several parties (a file each)" }));
}

const box = (name: string): HTMLInputElement => screen.getByRole("checkbox", { name }) as HTMLInputElement;

describe("Generate for several parties", () => {
  it("starts from every party of the list, with the catalogue's note, and makes a template for each ticked party", async () => {
    const files = new FakeFiles();
    renderInFluent(<GenerateView catalogue={catalogue} files={files} today={today} />);
    chooseSeveralForPrague();
    const group = screen.getByRole("group", { name: `Parties (${total} of ${total})` });
    expect(group.querySelectorAll("input[type=checkbox]")).toHaveLength(total + 1);
    expect(box("Albania (AL)").checked).toBe(true);
    expect(screen.getByText(`Parties (${total} of ${total})`)).toBeTruthy();
    expect(screen.getByText(partiesNote(prague) ?? "?")).toBeTruthy();
    expect(screen.getByRole("button", { name: `Download ${total} templates (.xlsx)` })).toBeTruthy();

    // Cleared: nothing to make, and core's reason says so.
    fireEvent.click(box("All parties of the list"));
    expect(screen.getByText("no party is given for prague-ap-2023: name at least one, by code or name")).toBeTruthy();
    expect(screen.getByRole("button", { name: "Download 0 templates (.xlsx)" }).hasAttribute("disabled")).toBe(true);

    fireEvent.click(box("Republic of Moldova (MD)"));
    fireEvent.click(box("Albania (AL)"));
    expect(box("All parties of the list").checked).toBe(false);
    const note = runPartiesNote(runParties(catalogue, prague, ["AL", "MD"])) ?? "";
    expect(note).toMatch(/^Parties chosen for this run by the user: AL, MD \(chosen from the catalogue.s list\)/);
    expect(screen.getByText(note)).toBeTruthy();

    fireEvent.click(screen.getByRole("button", { name: "Download 2 templates (.xlsx)" }));
    await waitFor(() => expect(files.saved).toHaveLength(2));
    expect(files.saved.map((s) => s.fileName)).toEqual(["prague-ap-2023_AL_2026_initial.xlsx", "prague-ap-2023_MD_2026_initial.xlsx"]);
    // Each template says, beside its party, that the list is the user's.
    for (const spec of files.templates) expect(spec.sheets[0]?.cells.find((c) => c.row === META_ROWS.party && c.col === 2)?.value).toBe(note);
    expect(await screen.findByText(/prague-ap-2023_AL_2026_initial\.xlsx, prague-ap-2023_MD_2026_initial\.xlsx/)).toBeTruthy();
  });

  it("with every party still ticked, the templates carry the catalogue's note, not a chosen list", async () => {
    const files = new FakeFiles();
    renderInFluent(<GenerateView catalogue={catalogue} files={files} today={today} />);
    chooseSeveralForPrague();
    fireEvent.click(screen.getByRole("button", { name: `Download ${total} templates (.xlsx)` }));
    await waitFor(() => expect(files.saved).toHaveLength(total));
    expect(new Set(files.templates.map((s) => s.sheets[0]?.cells.find((c) => c.row === META_ROWS.party && c.col === 2)?.value))).toEqual(new Set([partiesNote(prague)]));
  });

  it("in an Excel that drops downloads, says how to make them instead of offering a button", () => {
    const ws = new FakeWorkspace();
    ws.canDownload = false;
    renderInFluent(<GenerateView catalogue={catalogue} workspace={ws} files={new FakeFiles()} today={today} />);
    chooseSeveralForPrague();
    expect(screen.queryByRole("button", { name: /templates \(\.xlsx\)|Insert template/ })).toBeNull();
    expect(screen.getByText(/make them one party at a time, or with the command line \(generate --all-parties --parties …\)/)).toBeTruthy();
  });
});
