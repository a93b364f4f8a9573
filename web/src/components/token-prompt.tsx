/**
 * Asks for the REST token (rest.auth.token) when the API answers 401: once, for the whole page, and
 * the answer is kept for the tab (api/http.ts). The form is a real password field so that browsers
 * neither show nor autocomplete it into other sites.
 */
import { useEffect, useState, type FormEvent } from "react";
import { setTokenAsker } from "../api/http";

interface Pending {
  reason: string;
  resolve: (token: string | undefined) => void;
}

export function TokenPrompt() {
  const [pending, setPending] = useState<Pending | undefined>();
  const [value, setValue] = useState("");

  useEffect(() => {
    setTokenAsker((reason) => new Promise((resolve) => setPending({ reason, resolve })));
    return () => setTokenAsker(undefined);
  }, []);

  if (!pending) return null;
  const finish = (token: string | undefined): void => {
    pending.resolve(token);
    setPending(undefined);
    setValue("");
  };
  const submit = (e: FormEvent): void => {
    e.preventDefault();
    finish(value.trim() || undefined);
  };
  return (
    <div className="modal-backdrop">
      <form className="modal" onSubmit={submit} data-testid="token-prompt">
        <h2>Access token</h2>
        <p>This cluster needs its REST token (rest.auth.token) for this request.</p>
        <p className="muted small">{pending.reason}</p>
        <input type="password" autoFocus autoComplete="off" value={value} onChange={(e) => setValue(e.target.value)} aria-label="token" />
        <div className="modal-actions">
          <button type="button" className="button" onClick={() => finish(undefined)}>
            Not now
          </button>
          <button type="submit" className="button primary">
            Use token
          </button>
        </div>
      </form>
    </div>
  );
}
