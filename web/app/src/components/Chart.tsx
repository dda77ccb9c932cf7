import { useEffect, useRef } from 'react';
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart as ChartJs,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
  type ChartConfiguration,
} from 'chart.js';

ChartJs.register(
  BarController,
  BarElement,
  CategoryScale,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Legend,
  Tooltip,
);

export interface Series {
  label: string;
  values: (number | null)[];
  color: string;
  /** A dash pattern, so series differ by more than colour. */
  dash?: number[];
}

/**
 * A chart (Chart.js on a canvas) with the same figures in a table beneath it: the canvas is
 * hidden from assistive technology, which reads the table instead.
 */
export function Chart({
  title,
  kind,
  labels,
  series,
  unit = '%',
}: {
  title: string;
  kind: 'line' | 'bar';
  labels: string[];
  series: Series[];
  unit?: string;
}) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (!canvas.current) return undefined;
    const config: ChartConfiguration = {
      type: kind,
      data: {
        labels,
        datasets: series.map((s) => ({
          label: s.label,
          data: s.values,
          borderColor: s.color,
          backgroundColor: s.color,
          borderDash: s.dash,
          pointStyle: kind === 'line' ? (s.dash ? 'rectRot' : 'circle') : undefined,
          spanGaps: true,
        })),
      },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        scales: {
          y: {
            beginAtZero: true,
            ...(unit === '%' ? { max: 100 } : {}),
            title: { display: true, text: unit },
          },
        },
        plugins: { legend: { position: 'bottom' } },
      },
    };
    const chart = new ChartJs(canvas.current, config);
    return () => chart.destroy();
  }, [kind, labels, series, unit]);
  return (
    <figure className="chart">
      <figcaption>{title}</figcaption>
      <div className="chart-canvas">
        <canvas ref={canvas} aria-hidden="true" />
      </div>
      <details>
        <summary>Show the figures as a table</summary>
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">{title}</caption>
            <thead>
              <tr>
                <th scope="col"></th>
                {series.map((s) => (
                  <th scope="col" key={s.label}>
                    {s.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {labels.map((l, i) => (
                <tr key={l}>
                  <th scope="row">{l}</th>
                  {series.map((s) => (
                    <td key={s.label}>
                      {s.values[i] === null
                        ? 'suppressed or none'
                        : `${s.values[i]}${unit === '%' ? '%' : ''}`}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
