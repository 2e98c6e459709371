const letters: readonly [string, string][] = [
  ['r', 'SELECT'],
  ['a', 'INSERT'],
  ['w', 'UPDATE'],
  ['d', 'DELETE'],
  ['D', 'TRUNCATE'],
  ['x', 'REFERENCES'],
  ['t', 'TRIGGER'],
  ['m', 'MAINTAIN (17+)'],
  ['U', 'USAGE (sequences)'],
];

/** What the letters and marks in the cells mean. */
export function MatrixLegend() {
  return (
    <section className="matrix-legend" aria-label="Legend">
      <dl>
        {letters.map(([letter, name]) => (
          <div key={letter} className="legend-item">
            <dt>
              <code>{letter}</code>
            </dt>
            <dd>{name}</dd>
          </div>
        ))}
        <div className="legend-item">
          <dt>
            <code>*</code>
          </dt>
          <dd>after a letter: with grant option</dd>
        </div>
        <div className="legend-item">
          <dt>
            <span className="legend-swatch is-superuser">⚠ all</span>
          </dt>
          <dd>superuser: bypasses every check, so its grants are meaningless</dd>
        </div>
        <div className="legend-item">
          <dt>°</dt>
          <dd>owner</dd>
        </div>
      </dl>
      <span className="muted">Letters in psql’s \dp order. Click a cell or press Enter for why.</span>
    </section>
  );
}
