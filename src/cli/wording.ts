export { count } from "../core/wording";

/** Plain words for the operating-system errors people meet, with the system's code for searching. */
const OS_ERRORS: Readonly<Record<string, string>> = {
  ENOENT: "no such file or folder",
  EACCES: "permission denied",
  EPERM: "permission denied (the operation is not allowed)",
  EISDIR: "is a folder, not a file",
  ENOTDIR: "a part of the path is a file, not a folder",
  EEXIST: "already exists",
  ENOSPC: "no space left on the disk",
  EROFS: "the disk is read-only",
  EBUSY: "the file is in use by another program",
  EMFILE: "too many files open",
  ENAMETOOLONG: "the name is too long",
  ELOOP: "too many symbolic links (a link points back to itself)",
  ENOTEMPTY: "the folder is not empty",
  EDQUOT: "the disk quota is used up",
  EIO: "input/output error (a disk or network share failed)",
};

/**
 * "no such file or folder (ENOENT)" for a system error; the message itself for anything else.
 * Writing into a folder that does not exist says so: that is what ENOENT means there.
 */
export function describeOsError(e: unknown, action: "read" | "write" = "read"): string {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  if (typeof code === "string") {
    const words = action === "write" && code === "ENOENT" ? "no such folder" : OS_ERRORS[code];
    if (words) return `${words} (${code})`;
    return code;
  }
  return e instanceof Error ? e.message : String(e);
}
