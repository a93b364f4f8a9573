/** The JobManager: its configuration (secrets redacted by the server) and its logs. */
import { useState } from "react";
import { api } from "../api/client";
import { ErrorBox, Loading, Empty } from "../components/feedback";
import { LogFiles } from "../components/log-files";
import { Tabs } from "../components/tabs";
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
  return <LogFiles list={() => api.listJobManagerLogs()} read={(logname) => api.getJobManagerLogFile({ path: { logname } })} readMain={() => api.getJobManagerLog()} pollKey="jm-log" testId="jm-log" />;
}
