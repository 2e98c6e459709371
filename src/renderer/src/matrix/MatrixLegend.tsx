import { heldViaOrder, heldViaWords } from '../../../shared/privileges/heldVia';
import type { CellMode } from './useCellMode';

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

/** The switch between psql's letters and labelled chips; the choice is remembered. */
function ModeSwitch({ mode, onMode }: { mode: CellMode; onMode: (mode: CellMode) => void }) {
  return (
    <span className="mode-switch" role="group" aria-label="Cells show">
      <button type="button" className="button button-small" aria-pressed={mode === 'letters'} onClick={() => onMode('letters')}>
        psql letters
      </button>
      <button type="button" className="button button-small" aria-pressed={mode === 'labels'} onClick={() => onMode('labels')}>
        Labels
      </button>
    </span>
  );
}

/** What the cells mean in the current mode, and the switch between the modes. */
export function MatrixLegend({ mode, onMode }: { mode: CellMode; onMode: (mode: CellMode) => void }) {
  return (
    <section className="matrix-legend" aria-label="Legend">
      <ModeSwitch mode={mode} onMode={onMode} />
      {mode === 'letters' ? (
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
            <dd>grant option</dd>
          </div>
          <div className="legend-item">
            <dt>
              <span className="legend-swatch is-superuser">⚠ all</span>
            </dt>
            <dd>superuser (grants meaningless)</dd>
          </div>
          <div className="legend-item">
            <dt>°</dt>
            <dd>owner</dd>
          </div>
        </dl>
      ) : (
        <dl>
          {heldViaOrder.map((via) => (
            <div key={via} className="legend-item">
              <dt>
                <span className={`chip chip-${via}`}>SELECT</span>
              </dt>
              <dd>{heldViaWords[via]}</dd>
            </div>
          ))}
          <div className="legend-item">
            <dt>
              <span className="chip chip-direct is-grantable">SELECT*</span>
            </dt>
            <dd>with grant option</dd>
          </div>
          <div className="legend-item">
            <dt>
              <span className="chip chip-owner">ALL</span>
            </dt>
            <dd>every privilege, held one way</dd>
          </div>
        </dl>
      )}
      <span className="muted">Enter or click: why.</span>
    </section>
  );
}
