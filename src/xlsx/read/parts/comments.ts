import { CodedError, type Place } from "../../../core/errors/coded-error";
import { cellAddress } from "../../../core/grid/grid";
import { decodeXstring } from "../../ooxml-string";
import { parseCellRef } from "../cell-ref";
import { READ_OUT_OF_GRID, READ_WORKBOOK_INVALID } from "../codes";
import type { Attrs, XmlHandler } from "../xml-stream";
import { appendBounded, checkCount } from "./bounds";
import type { SheetDetailsCollector } from "./sheet-details";

/** Excel's stand-in author on the legacy copy of a threaded comment: an id, not a name. */
const THREAD_AUTHOR = /^tc=/;

/**
 * A sheet's comments part (xl/comments1.xml): each note as "Author: text" on its cell. Excel 365
 * keeps threaded comments in threadedComments parts, but always writes this legacy part beside
 * them, holding the thread's text, so this part alone loses no comment. Text is the note's `t`
 * or its rich-text runs' `t`s joined; phonetic guides (`rPh`) are not shown, so are skipped.
 */
export class CommentsPart implements XmlHandler {
  private readonly authors: string[] = [];
  private author: string | undefined;
  private comment: { row: number; col: number; ref: string; author: string; text: string } | undefined;
  private collecting = false;

  /** `maxAuthors`: an author costs a string; there are no more authors than comments worth keeping. */
  constructor(
    private readonly sheet: string,
    private readonly details: SheetDetailsCollector,
    private readonly maxAuthors: number,
    private readonly maxText: number,
  ) {}

  open(name: string, attrs: Attrs, path: readonly string[]): void {
    const parent = path[path.length - 2];
    if (name === "author" && parent === "authors") {
      checkCount(this.authors.length, this.maxAuthors, "comment authors");
      this.author = "";
    } else if (name === "comment" && parent === "commentList") {
      this.openComment(attrs);
    } else if (name === "t" && this.comment) {
      this.collecting = parent === "text" || (parent === "r" && path[path.length - 3] === "text");
    }
  }

  text(text: string): void {
    if (this.author !== undefined) this.author = appendBounded(this.author, text, this.maxText, "a comment's author", () => ({ sheet: this.sheet }));
    else if (this.collecting && this.comment) this.comment.text = appendBounded(this.comment.text, text, this.maxText, "the comment", () => this.place());
  }

  close(name: string): void {
    if (name === "author" && this.author !== undefined) {
      // LibreOffice writes " " for an unknown author.
      const author = decodeXstring(this.author).trim();
      this.authors.push(THREAD_AUTHOR.test(author) ? "" : author);
      this.author = undefined;
    } else if (name === "t") {
      this.collecting = false;
    } else if (name === "comment" && this.comment) {
      const { row, col, author, text } = this.comment;
      const note = noteText(author, decodeXstring(text));
      if (note !== "") this.details.comment(row, col, note);
      this.comment = undefined;
      this.collecting = false;
    }
  }

  private openComment(attrs: Attrs): void {
    const ref = attrs.ref ?? "";
    const cell = parseCellRef(ref);
    const place = { sheet: this.sheet, cell: ref.slice(0, 20) };
    if (cell === "malformed") throw new CodedError(READ_WORKBOOK_INVALID, `a comment has a bad reference '${ref.slice(0, 20)}'`, place);
    if (cell === "outside") throw new CodedError(READ_OUT_OF_GRID, `a comment's cell lies outside Excel's grid (A1:XFD1048576)`, place);
    const id = attrs.authorId;
    let author = "";
    if (id !== undefined) {
      const known = /^\d{1,9}$/.test(id) ? this.authors[Number(id)] : undefined;
      if (known === undefined) throw new CodedError(READ_WORKBOOK_INVALID, `a comment names author '${id.slice(0, 20)}', who is not in the part's list`, place);
      author = known;
    }
    this.comment = { ...cell, ref: cellAddress(cell.row, cell.col), author, text: "" };
  }

  private place(): Place {
    return this.comment ? { sheet: this.sheet, cell: this.comment.ref } : { sheet: this.sheet };
  }
}

/**
 * "Author: text". Excel starts a note's text with its author's name and a colon (in bold); that
 * prefix is the same author, so it is not repeated.
 */
function noteText(author: string, text: string): string {
  if (author === "") return text;
  const own = `${author}:`;
  const body = text.startsWith(own) ? text.slice(own.length).replace(/^\s+/, "") : text;
  return body === "" ? own : `${author}: ${body}`;
}
