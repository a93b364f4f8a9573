/**
 * A process's logs (the JobManager's and each TaskManager's pages): the files it lists, one button per
 * file when there are several, and the chosen file's text (the main log when none is listed), polled and
 * followed at its end while the reader is there.
 */
import { useLayoutEffect, useRef, useState } from "react";
import { ErrorBox, Loading } from "./feedback";
import { formatBytes, formatTime } from "../format";
import { usePoll } from "../hooks/use-poll";

export interface LogFileEntry {
  name: string;
  size: number;
  mtime: number;
}

export function LogFiles({ list, read, readMain, pollKey, testId }: { list: () => Promise<{ logs: LogFileEntry[] }>; read: (name: string) => Promise<string>; readMain: () => Promise<string>; pollKey: string; testId: string }) {
  const files = usePoll(list, `${pollKey}:files`);
  const [selected, setSelected] = useState<string>();
  const name = selected ?? files.data?.logs[0]?.name;
  // A listed file by its name (the server resolves it inside its log directory), else the main log.
  const text = usePoll(() => (name ? read(name) : readMain()), `${pollKey}:${name ?? ""}`, { enabled: files.data !== undefined || files.error !== undefined });
  return (
    <>
      <ErrorBox error={files.error} />
      {files.data && files.data.logs.length > 1 && (
        <div className="log-files">
          {files.data.logs.map((f) => (
            <button key={f.name} className={f.name === name ? "subtab active" : "subtab"} onClick={() => setSelected(f.name)} title={`${formatBytes(f.size)}, ${formatTime(f.mtime)}`} data-log-file={f.name}>
              {f.name}
            </button>
          ))}
        </div>
      )}
      <LogText text={text} testId={testId} />
    </>
  );
}

/** One text that only grows (stdout): polled, followed at its end. */
export function PolledText({ read, pollKey, testId }: { read: () => Promise<string>; pollKey: string; testId: string }) {
  return <LogText text={usePoll(read, pollKey)} testId={testId} />;
}

function LogText({ text, testId }: { text: { data: string | undefined; error: Error | undefined }; testId: string }) {
  return (
    <>
      <ErrorBox error={text.error} />
      {text.data === undefined ? !text.error && <Loading what="the log" /> : <FollowedText text={tail(text.data)} testId={testId} />}
    </>
  );
}

/** The text; it follows new lines while the reader is at its end, and stays put otherwise. */
function FollowedText({ text, testId }: { text: string; testId: string }) {
  const box = useRef<HTMLPreElement>(null);
  const atEnd = useRef(true);
  useLayoutEffect(() => {
    const el = box.current;
    if (el && atEnd.current) el.scrollTop = el.scrollHeight;
  }, [text]);
  return (
    <pre
      className="log"
      data-testid={testId}
      ref={box}
      onScroll={(e) => {
        const el = e.currentTarget;
        atEnd.current = el.scrollHeight - el.scrollTop - el.clientHeight < 20;
      }}
    >
      {text}
    </pre>
  );
}

/** The end of a long log: a browser renders a few thousand lines quickly, not millions. */
function tail(text: string, maxLines = 2000): string {
  const lines = text.split("\n");
  return lines.length > maxLines ? `… ${lines.length - maxLines} earlier lines not shown\n${lines.slice(-maxLines).join("\n")}` : text;
}
