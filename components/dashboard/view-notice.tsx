import styles from '../filters/filter-bar.module.css';

/**
 * What a link asked for that the dashboard could not show as asked (view-recovery.ts): the
 * dashboard above it already shows the nearest valid view; this says what changed and offers
 * the dashboard's default view instead.
 */
export function ViewNotice({ notices, defaultHref, onDismiss }: { notices: string[]; defaultHref: string; onDismiss: () => void }) {
  return (
    <div className={styles.notice} role="status" data-testid="view-notice">
      <div>
        <p>
          <strong>{notices.length === 1 ? 'One setting of this link was changed' : 'Some settings of this link were changed'}</strong>, so the
          dashboard shows the nearest view it can:
        </p>
        <ul>
          {notices.map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
      </div>
      <a href={defaultHref} className="btn btn-small">
        Open the default view
      </a>
      <button type="button" className="btn btn-ghost btn-small" onClick={onDismiss}>
        Dismiss
      </button>
    </div>
  );
}
