import { MessageBar, MessageBarBody, MessageBarTitle } from "@fluentui/react-components";
import type { WorkbookValidation } from "../../core/validation/validate-workbook";
import { describeSheet } from "./sheet-names";

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

/** The verdict first: ready to submit, or how many errors stand in the way. */
export function ValidationSummary({ result }: { readonly result: WorkbookValidation }) {
  const { counts, contributions } = result;
  // Each sheet by its name and role: the two sheets of a Pact return must not read alike.
  const checked = contributions.map(describeSheet).join("; ");
  const rest = `${plural(counts.warnings, "warning")} to review, ${plural(counts.acknowledged, "accepted warning")}.`;
  const sheets = `${plural(contributions.length, "template sheet")} checked${checked ? `: ${checked}` : ""}.`;
  if (result.readyToSubmit) {
    return (
      <MessageBar intent="success" layout="multiline" role="status">
        <MessageBarBody>
          <MessageBarTitle>Ready to submit</MessageBarTitle>
          No errors. {rest} {sheets}
        </MessageBarBody>
      </MessageBar>
    );
  }
  return (
    <MessageBar intent="error" layout="multiline" role="status">
      <MessageBarBody>
        <MessageBarTitle>Not ready to submit</MessageBarTitle>
        {plural(counts.errors, "error")} to correct, {rest} {sheets}
      </MessageBarBody>
    </MessageBar>
  );
}
