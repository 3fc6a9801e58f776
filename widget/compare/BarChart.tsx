/**
 * A horizontal bar chart drawn by hand as SVG: role="img" with <title> and <desc>, every bar
 * labelled directly with its name and its formatted value (nothing is told by colour alone),
 * alternating hatch patterns, and the same figures as a table in a <details> for assistive
 * technology and for copying. Geometry only uses numbers; every text is the exact figure.
 */
import type { TFunction } from 'i18next';

export type Bar = {
  readonly key: string;
  readonly label: string;
  /** Exact decimal string (the bar's length is drawn from it; the text shows `text`). */
  readonly value: string;
  readonly text: string;
};

type Props = {
  readonly id: string;
  readonly title: string;
  readonly desc: string;
  readonly bars: readonly Bar[];
  readonly t: TFunction;
  /** Column titles of the table alternative. */
  readonly columns: readonly [string, string];
};

const ROW = 26;
const LABEL = 190;
const WIDTH = 560;
const VALUE = 120;

export function BarChart(props: Props) {
  const { id, bars } = props;
  const max = Math.max(0, ...bars.map((b) => Math.abs(Number(b.value)) || 0));
  const span = WIDTH - LABEL - VALUE;
  const height = bars.length * ROW + 8;
  const titleId = `${id}-title`;
  const descId = `${id}-desc`;
  return (
    <figure class="chart">
      <svg
        role="img"
        aria-labelledby={`${titleId} ${descId}`}
        viewBox={`0 0 ${WIDTH} ${height}`}
        width="100%"
        preserveAspectRatio="xMinYMin meet"
      >
        <title id={titleId}>{props.title}</title>
        <desc id={descId}>{props.desc}</desc>
        <defs>
          <pattern id={`${id}-p0`} width="6" height="6" patternUnits="userSpaceOnUse">
            <rect width="6" height="6" class="bar-fill" />
          </pattern>
          <pattern
            id={`${id}-p1`}
            width="6"
            height="6"
            patternUnits="userSpaceOnUse"
            patternTransform="rotate(45)"
          >
            <rect width="6" height="6" class="bar-bg" />
            <rect width="3" height="6" class="bar-fill" />
          </pattern>
        </defs>
        {bars.map((b, i) => {
          const n = Math.abs(Number(b.value)) || 0;
          const w = max > 0 ? Math.max(n > 0 ? 2 : 0, (n / max) * span) : 0;
          const y = 4 + i * ROW;
          return (
            <g key={b.key}>
              <text x={LABEL - 8} y={y + 16} text-anchor="end" class="chart-label">
                {b.label.length > 28 ? `${b.label.slice(0, 27)}…` : b.label}
              </text>
              <rect
                x={LABEL}
                y={y + 3}
                width={w}
                height={ROW - 8}
                fill={`url(#${id}-p${i % 2})`}
                class="bar"
              />
              <text x={LABEL + w + 6} y={y + 16} class="chart-value">
                {b.text}
              </text>
            </g>
          );
        })}
      </svg>
      <details class="chart-data">
        <summary>{props.t('decide.charts.table')}</summary>
        <table>
          <caption class="vh">{props.title}</caption>
          <thead>
            <tr>
              <th scope="col">{props.columns[0]}</th>
              <th scope="col" class="num">
                {props.columns[1]}
              </th>
            </tr>
          </thead>
          <tbody>
            {bars.map((b) => (
              <tr key={b.key}>
                <th scope="row">{b.label}</th>
                <td class="num">{b.text}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
