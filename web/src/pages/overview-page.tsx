/** Overview: TaskManagers, slots, jobs by state, version; running and recent jobs. */
import { api } from "../api/client";
import { TERMINAL_JOB_STATES } from "../api/types";
import { ErrorBox, Loading } from "../components/feedback";
import { JobsTable } from "../components/jobs-table";
import { StatCard } from "../components/stat-card";
import { usePoll } from "../hooks/use-poll";

export function OverviewPage() {
  const overview = usePoll(() => api.getClusterOverview(), "overview");
  const jobs = usePoll(() => api.listJobOverviews(), "jobs");
  const o = overview.data;
  const all = jobs.data?.jobs ?? [];
  return (
    <div className="page" data-page="overview">
      <h1>Overview</h1>
      <ErrorBox error={overview.error} />
      {!o ? (
        !overview.error && <Loading what="the cluster overview" />
      ) : (
        <>
          <div className="cards">
            <StatCard label="Task Managers" value={o.taskmanagers} testId="stat-taskmanagers" />
            <StatCard label="Task Slots" value={o["slots-total"]} testId="stat-slots-total" />
            <StatCard label="Available Slots" value={o["slots-available"]} testId="stat-slots-available" />
          </div>
          <div className="cards">
            <StatCard label="Running Jobs" value={o["jobs-running"]} tone="running" testId="stat-jobs-running" />
            <StatCard label="Finished" value={o["jobs-finished"]} tone="finished" testId="stat-jobs-finished" />
            <StatCard label="Cancelled" value={o["jobs-cancelled"]} tone="canceled" testId="stat-jobs-cancelled" />
            <StatCard label="Failed" value={o["jobs-failed"]} tone="failed" testId="stat-jobs-failed" />
          </div>
          <p className="muted small" data-testid="cluster-version">
            Sluice {o["sluice-version"]}
          </p>
        </>
      )}
      <h2>Running Jobs</h2>
      <ErrorBox error={jobs.error} />
      <JobsTable jobs={all.filter((j) => !TERMINAL_JOB_STATES.has(j.state))} empty="No running jobs." testId="running-jobs" />
      <h2>Completed Jobs</h2>
      <JobsTable jobs={all.filter((j) => TERMINAL_JOB_STATES.has(j.state)).slice(0, 10)} empty="No completed jobs yet." testId="completed-jobs" />
    </div>
  );
}
