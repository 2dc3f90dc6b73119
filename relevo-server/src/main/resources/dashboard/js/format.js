// How numbers and times read on the page.

export function percent(fraction) {
  if (fraction === null || fraction === undefined) return '–';
  return `${(fraction * 100).toFixed(fraction < 0.1 ? 2 : 1)}%`;
}

export function ms(value) {
  if (value === null || value === undefined) return '–';
  return value < 10 ? `${value.toFixed(1)} ms` : `${Math.round(value)} ms`;
}

/** 2026-12-07T08:01:02.345Z -> 08:01:02 in the viewer's time zone. */
export function clock(iso) {
  if (!iso) return '';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleTimeString([], {hour12: false});
}

/** A date and time that fits a narrow column: 2026-12-07 08:01. */
export function when(iso) {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** ROLLED_BACK -> rolled back */
export function words(constant) {
  return constant ? String(constant).toLowerCase().replaceAll('_', ' ') : '';
}
