import { CodedError } from "../../core/errors/coded-error";
import { cfbEntryNames, isCfb } from "./cfb";
import { READ_ENCRYPTED, READ_LEGACY_XLS, READ_NOT_ZIP } from "./codes";

/** Zip signatures a workbook may start with: a local file header, or an empty archive's end record. */
const ZIP_STARTS = [
  [0x50, 0x4b, 0x03, 0x04],
  [0x50, 0x4b, 0x05, 0x06],
] as const;

/** Streams an encrypted OOXML package holds inside its OLE container (MS-OFFCRYPTO). */
const ENCRYPTION_STREAMS = new Set(["EncryptionInfo", "EncryptedPackage"]);

/**
 * Decides from the first bytes whether this can be an .xlsx; throws a coded refusal otherwise,
 * telling a password-protected workbook from a legacy .xls (users fix them differently).
 */
export function assertZipContainer(bytes: Uint8Array): void {
  if (ZIP_STARTS.some((sig) => sig.every((b, i) => bytes[i] === b))) return;
  if (isCfb(bytes)) {
    const names = cfbEntryNames(bytes);
    if (names?.some((n) => ENCRYPTION_STREAMS.has(n))) {
      throw new CodedError(READ_ENCRYPTED, "the workbook is password-protected (encrypted); remove the password in Excel (File › Info › Protect Workbook) and send it again");
    }
    throw new CodedError(READ_LEGACY_XLS, "this is a legacy Excel 97–2003 (.xls) or other OLE file, not an .xlsx workbook; open it in Excel and save as .xlsx");
  }
  throw new CodedError(READ_NOT_ZIP, "not an .xlsx workbook (the file is not a zip archive)");
}
