/**
 * Cancel, stop with a savepoint, trigger a savepoint. Cancel and stop end the job, so they ask for a
 * second click (in the page rather than window.confirm, which blocks the page's live updates).
 * Savepoints are asynchronous operations: the trigger returns a request id that is polled until
 * the savepoint's location (or failure) is known.
 */
import { useEffect, useRef, useState } from "react";
import { api } from "../api/client";
import { ApiError } from "../api/http";
import { TERMINAL_JOB_STATES, type JobDetails } from "../api/types";
import { useDashboardConfig } from "../hooks/use-dashboard-config";

type Confirming = "cancel" | "stop" | undefined;
interface Message {
  tone: "info" | "ok" | "error";
  text: string;
}

const POLL_MS = 500;
const OPERATION_DEADLINE_MS = 10 * 60_000;

export function JobActions({ job, onChanged }: { job: JobDetails; onChanged: () => void }) {
  const config = useDashboardConfig();
  const [confirming, setConfirming] = useState<Confirming>();
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<Message>();
  const alive = useRef(true);
  useEffect(() => () => void (alive.current = false), []);

  if (TERMINAL_JOB_STATES.has(job.state)) return message ? <ActionMessage message={message} /> : null;
  const running = job.state === "RUNNING";
  const path = { jobid: job.jid };

  const fail = (e: unknown): void => setMessage({ tone: "error", text: e instanceof ApiError ? e.errors.join("; ") : String(e) });

  const cancel = async (): Promise<void> => {
    setConfirming(undefined);
    setBusy(true);
    try {
      await api.cancelJob({ path, query: { mode: "cancel" } });
      setMessage({ tone: "info", text: "Cancelling the job…" });
      onChanged();
    } catch (e) {
      fail(e);
    } finally {
      setBusy(false);
    }
  };

  const awaitOperation = async (requestId: string, what: string): Promise<void> => {
    const deadline = Date.now() + OPERATION_DEADLINE_MS;
    while (alive.current && Date.now() < deadline) {
      const s = await api.getSavepointStatus({ path: { jobid: job.jid, triggerid: requestId } });
      if (s.status.id === "COMPLETED") {
        const cause = s.operation?.["failure-cause"];
        if (cause) setMessage({ tone: "error", text: `${what} failed: ${cause.class}: ${cause.message}` });
        else setMessage({ tone: "ok", text: `${what} completed: ${s.operation?.location ?? ""}` });
        onChanged();
        return;
      }
      await new Promise((r) => setTimeout(r, POLL_MS));
    }
    if (alive.current) setMessage({ tone: "error", text: `${what} did not complete within ${OPERATION_DEADLINE_MS / 60_000} minutes` });
  };

  const savepoint = async (): Promise<void> => {
    setBusy(true);
    setMessage({ tone: "info", text: "Savepoint in progress…" });
    try {
      const { "request-id": id } = await api.triggerSavepoint({ path, body: {} });
      await awaitOperation(id, "Savepoint");
    } catch (e) {
      fail(e);
    } finally {
      setBusy(false);
    }
  };

  const stop = async (): Promise<void> => {
    setConfirming(undefined);
    setBusy(true);
    setMessage({ tone: "info", text: "Stopping with a savepoint…" });
    try {
      const { "request-id": id } = await api.stopJobWithSavepoint({ path, body: { drain: false } });
      await awaitOperation(id, "Stop with savepoint");
    } catch (e) {
      fail(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="job-actions" data-testid="job-actions">
      <div className="buttons">
        <button className="button" disabled={busy || !running} onClick={() => void savepoint()} data-action="savepoint" title="write a savepoint and keep running">
          Trigger Savepoint
        </button>
        {confirming === "stop" ? (
          <ConfirmButtons what="Stop with savepoint?" onYes={() => void stop()} onNo={() => setConfirming(undefined)} action="stop" />
        ) : (
          <button className="button" disabled={busy || !running} onClick={() => setConfirming("stop")} data-action="stop" title="take a savepoint, then finish the job">
            Stop with Savepoint
          </button>
        )}
        {config.webCancel &&
          (confirming === "cancel" ? (
            <ConfirmButtons what="Cancel this job?" onYes={() => void cancel()} onNo={() => setConfirming(undefined)} action="cancel" />
          ) : (
            <button className="button danger" disabled={busy || job.state === "CANCELLING"} onClick={() => setConfirming("cancel")} data-action="cancel">
              Cancel Job
            </button>
          ))}
      </div>
      {message && <ActionMessage message={message} />}
    </div>
  );
}

function ConfirmButtons({ what, onYes, onNo, action }: { what: string; onYes: () => void; onNo: () => void; action: string }) {
  return (
    <span className="confirm">
      <span>{what}</span>
      <button className="button danger" onClick={onYes} data-action={`confirm-${action}`}>
        Yes
      </button>
      <button className="button" onClick={onNo}>
        No
      </button>
    </span>
  );
}

function ActionMessage({ message }: { message: Message }) {
  return (
    <div className={`action-message tone-${message.tone}`} data-testid="action-message" role="status">
      {message.text}
    </div>
  );
}
