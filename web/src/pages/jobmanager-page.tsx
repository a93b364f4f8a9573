/** The JobManager: its configuration (secrets redacted by the server) and its logs. */
import { useLayoutEffect, useRef, useState } from "react";
import { api } from "../api/client";
import { ErrorBox, Loading, Empty } from "../components/feedback";
import { Tabs } from "../components/tabs";
import { formatBytes, formatTime } from "../format";
import { usePoll } from "../hooks/use-poll";

export function JobManagerPage({ tab }: { tab: string }) {
  return (
    <div className="page" data-page={`jobmanager-${tab}`}>
      <h1>Job Manager</h1>
      <Tabs
        active={tab}
        tabs={[
          { id: "config", label: "Configuration", to: "/jobmanager/config" },
          { id: "logs", label: "Logs", to: "/jobmanager/logs" },
        ]}
      />
      {tab === "logs" ? <Logs /> : <Config />}
    </div>
  );
}

function Config() {
  const config = usePoll(() => api.getJobManagerConfig(), "jm-config");
  const [filter, setFilter] = useState("");
  const entries = (config.data ?? []).filter((e) => !filter || e.key.includes(filter) || e.value.includes(filter));
  return (
    <>
      <ErrorBox error={config.error} />
      {!config.data ? (
        !config.error && <Loading what="the configuration" />
      ) : (
        <>
          <input className="filter" placeholder="Filter keys and values" value={filter} onChange={(e) => setFilter(e.target.value)} aria-label="filter" />
          {!entries.length ? (
            <Empty>No configuration entries{filter ? " match" : ""}.</Empty>
          ) : (
            <table className="table compact" data-testid="jm-config-table">
              <thead>
                <tr>
                  <th>Key</th>
                  <th>Value</th>
                </tr>
              </thead>
              <tbody>
                {entries.map((e) => (
                  <tr key={e.key}>
                    <td className="mono">{e.key}</td>
                    <td className="mono">{e.value}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </>
  );
}

function Logs() {
  const files = usePoll(() => api.listJobManagerLogs(), "jm-logs");
  const [selected, setSelected] = useState<string>();
  const name = selected ?? files.data?.logs[0]?.name;
  // A listed file by its name (the server resolves it inside its log directory), else the main log.
  const text = usePoll(() => (name ? api.getJobManagerLogFile({ path: { logname: name } }) : api.getJobManagerLog()), `jm-log:${name ?? ""}`, { enabled: files.data !== undefined || files.error !== undefined });
  return (
    <>
      <ErrorBox error={files.error} />
      {files.data && files.data.logs.length > 1 && (
        <div className="log-files">
          {files.data.logs.map((f) => (
            <button key={f.name} className={f.name === name ? "subtab active" : "subtab"} onClick={() => setSelected(f.name)} title={`${formatBytes(f.size)}, ${formatTime(f.mtime)}`}>
              {f.name}
            </button>
          ))}
        </div>
      )}
      <ErrorBox error={text.error} />
      {text.data === undefined ? (
        !text.error && <Loading what="the log" />
      ) : (
        <LogText text={tail(text.data)} />
      )}
    </>
  );
}

/** The log text; it follows new lines while the reader is at its end, and stays put otherwise. */
function LogText({ text }: { text: string }) {
  const box = useRef<HTMLPreElement>(null);
  const atEnd = useRef(true);
  useLayoutEffect(() => {
    const el = box.current;
    if (el && atEnd.current) el.scrollTop = el.scrollHeight;
  }, [text]);
  return (
    <pre
      className="log"
      data-testid="jm-log"
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
