/** Running or completed jobs. */
import { api } from "../api/client";
import { TERMINAL_JOB_STATES } from "../api/types";
import { ErrorBox, Loading } from "../components/feedback";
import { JobsTable } from "../components/jobs-table";
import { usePoll } from "../hooks/use-poll";

export function JobsPage({ which }: { which: "running" | "completed" }) {
  const jobs = usePoll(() => api.listJobOverviews(), "jobs");
  const list = (jobs.data?.jobs ?? []).filter((j) => TERMINAL_JOB_STATES.has(j.state) === (which === "completed"));
  return (
    <div className="page" data-page={`jobs-${which}`}>
      <h1>{which === "running" ? "Running Jobs" : "Completed Jobs"}</h1>
      <ErrorBox error={jobs.error} />
      {jobs.data ? (
        <JobsTable jobs={list} empty={which === "running" ? "No running jobs." : "No completed jobs yet."} testId={`${which}-jobs`} />
      ) : (
        !jobs.error && <Loading what="jobs" />
      )}
    </div>
  );
}
