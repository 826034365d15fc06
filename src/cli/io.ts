/** Where a command writes: lines to stdout (results) and stderr (notes, errors). */
export interface Io {
  out(line: string): void;
  err(line: string): void;
}

/**
 * stdout and stderr of the process. A reader that closes the pipe early (`… | head -1`) is not an
 * error: the stream is marked closed, later lines are dropped, and the command finishes its work
 * (every template written, the report saved) and exits with the code it would have had — 0 when
 * it succeeded — instead of an EPIPE stack trace.
 */
export function processIo(): Io {
  return { out: quietWhenClosed(process.stdout), err: quietWhenClosed(process.stderr) };
}

function quietWhenClosed(stream: NodeJS.WriteStream): (line: string) => void {
  let closed = false;
  stream.on("error", (e: NodeJS.ErrnoException) => {
    if (e.code === "EPIPE" || e.code === "ERR_STREAM_DESTROYED") {
      closed = true;
      return;
    }
    throw e;
  });
  return (line) => {
    if (closed || stream.destroyed) return;
    stream.write(`${line}\n`);
  };
}
