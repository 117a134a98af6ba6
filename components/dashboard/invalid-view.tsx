import styles from '../filters/filter-bar.module.css';

/** A hand-edited or truncated link: say which parameter is wrong and offer the default view. */
export function InvalidView({ error, resetHref }: { error: { message: string; path: string }; resetHref: string }) {
  return (
    <div className={styles.notice} role="alert">
      <p>
        <strong>This link’s view settings can’t be read.</strong> The <code>{error.path}</code> parameter is invalid: {error.message}.
      </p>
      <a href={resetHref} className="btn btn-small">
        Open the default view
      </a>
    </div>
  );
}
