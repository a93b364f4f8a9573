/** The job's exception history, newest first, each with its stack trace. */
import { api } from "../api/client";
import { ErrorBox, Loading, Empty } from "../components/feedback";
import { formatTime } from "../format";
import { usePoll } from "../hooks/use-poll";

export function ExceptionsTab({ jobId }: { jobId: string }) {
  const ex = usePoll(() => api.getJobExceptions({ path: { jobid: jobId }, query: { maxExceptions: 50 } }), `ex:${jobId}`);
  const entries = ex.data?.exceptionHistory.entries;
  return (
    <div data-testid="exceptions-tab">
      <ErrorBox error={ex.error} />
      {!entries ? (
        !ex.error && <Loading what="exceptions" />
      ) : !entries.length ? (
        <Empty>No exceptions: the job has not failed.</Empty>
      ) : (
        <>
          {ex.data!.exceptionHistory.truncated && <p className="muted">Only the most recent {entries.length} exceptions are shown.</p>}
          {entries.map((e, i) => (
            <details key={`${e.timestamp}-${i}`} className="exception" open={i === 0} data-testid="exception-entry">
              <summary>
                <span className="exception-name">{e.exceptionName}</span>: <span className="exception-message">{e.message}</span>
                <div className="muted small">
                  {formatTime(e.timestamp)}
                  {e.taskName ? ` · ${e.taskName}` : ""}
                  {e.endpoint ? ` · ${e.endpoint}` : ""}
                </div>
              </summary>
              <pre className="stacktrace">{e.stacktrace}</pre>
            </details>
          ))}
        </>
      )}
    </div>
  );
}
