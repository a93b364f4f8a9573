/** Tabs as links, so that each tab has its own address (reload and back keep it). */
import { Link } from "../router";

export interface TabSpec {
  id: string;
  label: string;
  to: string;
}

export function Tabs({ tabs, active }: { tabs: TabSpec[]; active: string }) {
  return (
    <nav className="tabs" role="tablist">
      {tabs.map((t) => (
        <Link key={t.id} to={t.to} role="tab" aria-selected={t.id === active} className={t.id === active ? "tab active" : "tab"} data-tab={t.id}>
          {t.label}
        </Link>
      ))}
    </nav>
  );
}
