import type { Framework } from "./schema";
import { longDate } from "./timetable";

/**
 * The document a framework comes from, as every template and report sheet names it: its reference,
 * with its title and date where the reference does not already carry them
 * ("COM(2009) 266 final — Tracking method for monitoring … — 10 June 2009").
 */
export function sourceDocument(framework: Pick<Framework, "source">): string {
  const { document, title, date } = framework.source;
  const parts = [document];
  if (!document.includes(title)) parts.push(title);
  // A year alone ("2023") is printed as it is; a day as the documents write one.
  const when = /^\d{4}-\d{2}-\d{2}$/.test(date) ? longDate(date) : date;
  if (!document.includes(when) && !document.includes(date.slice(0, 4))) parts.push(when);
  return parts.join(" — ");
}

/** The line naming the source document, as templates and reports print it. */
export function sourceDocumentLine(framework: Pick<Framework, "source">): string {
  return `Source document: ${sourceDocument(framework)}`;
}
