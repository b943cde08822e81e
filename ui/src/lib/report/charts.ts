// Charts of the dashboard, drawn by Chart.js (registered piece by piece so
// only what is used is bundled).
import {
  ArcElement,
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  DoughnutController,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from 'chart.js';

Chart.register(
  ArcElement,
  BarController,
  BarElement,
  CategoryScale,
  DoughnutController,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
);

export type Series = { label: string; data: number[]; color: string };

const FONT = { family: "'Be Vietnam Pro', system-ui, sans-serif", size: 13 };

/** Draws (or redraws) a chart on `canvas`; returns a cleanup function. */
export function draw(
  canvas: HTMLCanvasElement,
  kind: 'line' | 'bar' | 'doughnut',
  labels: string[],
  series: Series[],
): () => void {
  const chart = new Chart(canvas, {
    type: kind,
    data: {
      labels,
      datasets: series.map((s) => ({
        label: s.label,
        data: s.data,
        backgroundColor: kind === 'doughnut' ? ['#b3261e', '#d9822b', '#f2b705', '#6aa84f', '#1e7a3c'] : s.color,
        borderColor: kind === 'doughnut' ? '#fff' : s.color,
        tension: 0.25,
      })),
    },
    options: {
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      indexAxis: kind === 'bar' ? 'y' : 'x',
      plugins: { legend: { labels: { font: FONT } }, tooltip: { bodyFont: FONT, titleFont: FONT } },
      scales:
        kind === 'doughnut'
          ? {}
          : { x: { ticks: { font: FONT }, beginAtZero: true }, y: { ticks: { font: FONT, precision: 0 }, beginAtZero: true } },
    },
  });
  return () => chart.destroy();
}

/** The last `n` months as `YYYY-MM`, newest first, from `today`. */
export function lastMonths(today: Date, n: number): string[] {
  const out: string[] = [];
  let y = today.getFullYear();
  let m = today.getMonth() + 1;
  for (let i = 0; i < n; i++) {
    out.push(`${y}-${String(m).padStart(2, '0')}`);
    m -= 1;
    if (m === 0) {
      m = 12;
      y -= 1;
    }
  }
  return out;
}
