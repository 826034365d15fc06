/**
 * Every error a user can meet carries a stable code and, where there is one, the place:
 * file, sheet, cell. Users search for codes, so codes never change meaning.
 */
export interface Place {
  readonly file?: string;
  readonly sheet?: string;
  readonly cell?: string;
}

export class CodedError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly place: Place = {},
  ) {
    super(message);
    this.name = "CodedError";
  }

  /** "PT-CAT-001 file.json: message" — the form the CLI prints. */
  describe(): string {
    const where = [this.place.file, this.place.sheet, this.place.cell].filter(Boolean).join(" ");
    return where ? `${this.code} ${where}: ${this.message}` : `${this.code} ${this.message}`;
  }
}
