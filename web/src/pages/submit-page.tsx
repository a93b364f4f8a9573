/**
 * Submit: upload a job bundle (one ES module, as `sluice bundle job.ts` writes it), then run it with
 * a parallelism, arguments and optionally a savepoint to start from. The Dispatcher evaluates the
 * bundle's definition into a JobGraph (POST /jars/:jarid/run) and the page opens the new job.
 */
import { useRef, useState, type FormEvent } from "react";
import { api } from "../api/client";
import { ApiError } from "../api/http";
import { ErrorBox, Empty } from "../components/feedback";
import { formatBytes, formatTime } from "../format";
import { useDashboardConfig } from "../hooks/use-dashboard-config";
import { usePoll } from "../hooks/use-poll";
import { navigate } from "../router";

const SOURCE_FILE = /\.(ts|tsx|mts|cts)$/i;

export function SubmitPage() {
  const config = useDashboardConfig();
  const jars = usePoll(() => api.listJars(), "jars");
  const [selected, setSelected] = useState<string>();
  const [uploading, setUploading] = useState(false);
  const [error, setError] = useState<Error>();
  const fileInput = useRef<HTMLInputElement>(null);

  if (!config.webSubmit) {
    return (
      <div className="page" data-page="submit">
        <h1>Submit New Job</h1>
        <Empty>Job submission from the dashboard is disabled on this cluster (web.submit.enable: false).</Empty>
      </div>
    );
  }

  const upload = async (file: File): Promise<void> => {
    setError(undefined);
    if (SOURCE_FILE.test(file.name)) {
      setError(new Error(`${file.name} is a TypeScript source file: bundle it first with \`npx sluice bundle ${file.name}\` and upload the .mjs file it writes.`));
      return;
    }
    setUploading(true);
    try {
      const form = new FormData();
      form.append("jarfile", file, file.name);
      const { filename } = await api.uploadJar({ body: form });
      setSelected(filename);
      jars.refresh();
    } catch (e) {
      setError(e instanceof Error ? e : new Error(String(e)));
    } finally {
      setUploading(false);
      if (fileInput.current) fileInput.current.value = "";
    }
  };

  const remove = async (id: string): Promise<void> => {
    try {
      await api.deleteJar({ path: { jarid: id } });
      if (selected === id) setSelected(undefined);
      jars.refresh();
    } catch (e) {
      setError(e instanceof Error ? e : new Error(String(e)));
    }
  };

  const files = jars.data?.files ?? [];
  return (
    <div className="page" data-page="submit">
      <h1>Submit New Job</h1>
      <section className="panel">
        <h3>Upload</h3>
        <p className="muted">
          A job bundle: one JavaScript module with the job definition as its default export. <code>npx sluice bundle job.ts</code> writes one for a job file and
          everything it imports.
        </p>
        <label className="button primary file-button">
          {uploading ? "Uploading…" : "Choose job bundle…"}
          <input
            ref={fileInput}
            type="file"
            accept=".mjs,.js,text/javascript"
            disabled={uploading}
            data-testid="jar-file-input"
            onChange={(e) => {
              const f = e.target.files?.[0];
              if (f) void upload(f);
            }}
          />
        </label>
      </section>
      <ErrorBox error={error ?? jars.error} />
      <section className="panel">
        <h3>Uploaded Bundles</h3>
        {!files.length ? (
          <Empty>No bundle uploaded yet.</Empty>
        ) : (
          <table className="table compact" data-testid="jars-table">
            <thead>
              <tr>
                <th>Name</th>
                <th>Uploaded</th>
                <th>Size</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {files.map((f) => (
                <tr key={f.id} className={f.id === selected ? "selected" : ""} data-jar-id={f.id}>
                  <td>
                    <button className="link-button" onClick={() => setSelected(f.id)}>
                      {f.name}
                    </button>
                    <div className="muted small mono">{f.id.slice(0, 16)}…</div>
                  </td>
                  <td>{formatTime(f.uploaded)}</td>
                  <td>{formatBytes(f.size)}</td>
                  <td className="right">
                    <button className="button small" onClick={() => setSelected(f.id)} data-action="select-jar">
                      Run…
                    </button>{" "}
                    <button className="button small danger" onClick={() => void remove(f.id)}>
                      Delete
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      {selected && files.some((f) => f.id === selected) && <RunForm key={selected} jarId={selected} name={files.find((f) => f.id === selected)!.name} />}
    </div>
  );
}

function RunForm({ jarId, name }: { jarId: string; name: string }) {
  const [parallelism, setParallelism] = useState("");
  const [args, setArgs] = useState("");
  const [savepoint, setSavepoint] = useState("");
  const [allowNonRestored, setAllowNonRestored] = useState(false);
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<Error>();

  const run = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    setError(undefined);
    setRunning(true);
    try {
      const p = parallelism.trim() ? Number(parallelism) : undefined;
      if (p !== undefined && (!Number.isInteger(p) || p < 1)) throw new Error("parallelism must be a positive whole number");
      const { jobid } = await api.runJar({
        path: { jarid: jarId },
        body: {
          ...(p !== undefined ? { parallelism: p } : {}),
          ...(args.trim() ? { programArgs: args.trim() } : {}),
          ...(savepoint.trim() ? { savepointPath: savepoint.trim(), allowNonRestoredState: allowNonRestored } : {}),
        },
      });
      navigate(`/jobs/${jobid}`);
    } catch (err) {
      setError(err instanceof ApiError || err instanceof Error ? err : new Error(String(err)));
      setRunning(false);
    }
  };

  return (
    <form className="panel run-form" onSubmit={(e) => void run(e)} data-testid="run-form">
      <h3>Run {name}</h3>
      <label>
        <span>Parallelism</span>
        <input type="number" min={1} placeholder="default of the job" value={parallelism} onChange={(e) => setParallelism(e.target.value)} name="parallelism" />
      </label>
      <label>
        <span>Program arguments</span>
        <input type="text" placeholder='e.g. 1000 "two words"' value={args} onChange={(e) => setArgs(e.target.value)} name="programArgs" />
      </label>
      <label>
        <span>Savepoint path</span>
        <input type="text" placeholder="start from this savepoint or retained checkpoint (optional)" value={savepoint} onChange={(e) => setSavepoint(e.target.value)} name="savepointPath" />
      </label>
      <label className="checkbox">
        <input type="checkbox" checked={allowNonRestored} onChange={(e) => setAllowNonRestored(e.target.checked)} disabled={!savepoint.trim()} />
        <span>Allow non-restored state (savepoint state of operators the job no longer has)</span>
      </label>
      <ErrorBox error={error} />
      <button type="submit" className="button primary" disabled={running} data-action="run-jar">
        {running ? "Submitting…" : "Submit"}
      </button>
    </form>
  );
}
