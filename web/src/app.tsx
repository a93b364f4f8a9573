/** The dashboard's frame: navigation, the dashboard configuration, and the page for the address. */
import { useEffect, useState } from "react";
import { api } from "./api/client";
import { TokenPrompt } from "./components/token-prompt";
import { DEFAULT_CONFIG, DashboardConfigContext, type DashboardConfig } from "./hooks/use-dashboard-config";
import { Link, Redirect, match, usePath } from "./router";
import { OverviewPage } from "./pages/overview-page";
import { JobsPage } from "./pages/jobs-page";
import { JobPage } from "./pages/job-page";
import { TaskManagersPage } from "./pages/taskmanagers-page";
import { TaskManagerPage } from "./pages/taskmanager-page";
import { JobManagerPage } from "./pages/jobmanager-page";
import { SubmitPage } from "./pages/submit-page";

const NAV = [
  { to: "/overview", label: "Overview", section: "overview" },
  { to: "/jobs/running", label: "Running Jobs", section: "jobs/running" },
  { to: "/jobs/completed", label: "Completed Jobs", section: "jobs/completed" },
  { to: "/taskmanagers", label: "Task Managers", section: "taskmanagers" },
  { to: "/jobmanager/config", label: "Job Manager", section: "jobmanager" },
  { to: "/submit", label: "Submit New Job", section: "submit" },
];

function Page({ path }: { path: string }) {
  let m: Record<string, string> | undefined;
  if (path === "/" || path === "") return <Redirect to="/overview" />;
  if (match("/overview", path)) return <OverviewPage />;
  if ((m = match("/jobs/:which", path)) && (m.which === "running" || m.which === "completed")) return <JobsPage which={m.which} />;
  if ((m = match("/jobs/:jobid/:tab?", path))) return <JobPage jobId={m.jobid!} tab={m.tab ?? "overview"} />;
  if (match("/taskmanagers", path)) return <TaskManagersPage />;
  if ((m = match("/taskmanagers/:id/:tab?", path))) return <TaskManagerPage id={m.id!} tab={m.tab ?? "metrics"} />;
  if ((m = match("/jobmanager/:tab?", path))) return <JobManagerPage tab={m.tab ?? "config"} />;
  if (match("/submit", path)) return <SubmitPage />;
  return (
    <div className="page">
      <h1>Not found</h1>
      <p>
        There is no page at <code>{path}</code>. <Link to="/overview">Go to the overview</Link>.
      </p>
    </div>
  );
}

export function App() {
  const path = usePath();
  const [config, setConfig] = useState<DashboardConfig>(DEFAULT_CONFIG);

  useEffect(() => {
    // /config needs no token, so this works before the user is asked for one.
    api
      .getDashboardConfig()
      .then((c) =>
        setConfig({
          refreshMs: c["refresh-interval"],
          version: c["sluice-version"],
          webSubmit: c.features["web-submit"],
          webCancel: c.features["web-cancel"],
          timezone: c["timezone-name"],
        }),
      )
      .catch(() => {
        // The defaults are fine; pages show their own errors when the server is away.
      });
  }, []);

  const section = path.replace(/^\//, "");
  return (
    <DashboardConfigContext.Provider value={config}>
      <div className="shell">
        <aside className="sidebar">
          <Link to="/overview" className="brand">
            <img src="/favicon.svg" alt="" width={28} height={28} />
            <span>Sluice</span>
          </Link>
          <nav>
            {NAV.filter((n) => n.section !== "submit" || config.webSubmit).map((n) => (
              <Link key={n.to} to={n.to} className={section.startsWith(n.section) ? "nav-item active" : "nav-item"} data-nav={n.section}>
                {n.label}
              </Link>
            ))}
          </nav>
          <div className="sidebar-footer">
            {config.version && <div>Version {config.version}</div>}
            <div>Refresh {config.refreshMs / 1000}s</div>
          </div>
        </aside>
        <main className="content">
          <Page path={path} />
        </main>
      </div>
      <TokenPrompt />
    </DashboardConfigContext.Provider>
  );
}
