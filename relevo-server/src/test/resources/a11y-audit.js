// Run in the page by DashboardBrowser.audit(): returns what fails WCAG's text contrast (4.5:1 for
// every text, stricter than AA's 3:1 for large text) and the form controls or buttons without an
// accessible name. Only what is visible counts.
const problems = [];

function rgba(css) {
  const m = css.match(/rgba?\(([^)]+)\)/);
  if (!m) return [0, 0, 0, 0];
  const parts = m[1].split(/[ ,/]+/).filter(Boolean).map(Number);
  return [parts[0], parts[1], parts[2], parts.length > 3 ? parts[3] : 1];
}

function luminance([r, g, b]) {
  const lin = (c) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : Math.pow((s + 0.055) / 1.055, 2.4);
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

function blend(top, bottom) {
  const a = top[3];
  return [0, 1, 2].map((i) => top[i] * a + bottom[i] * (1 - a)).concat(1);
}

function background(el) {
  const layers = [];
  for (let e = el; e; e = e.parentElement) {
    const bg = rgba(getComputedStyle(e).backgroundColor);
    if (bg[3] > 0) layers.push(bg);
    if (bg[3] >= 1) break;
  }
  let color = [255, 255, 255, 1];
  for (let i = layers.length - 1; i >= 0; i--) color = blend(layers[i], color);
  return color;
}

function visible(el) {
  const box = el.getBoundingClientRect();
  const style = getComputedStyle(el);
  return box.width > 0 && box.height > 0 && style.visibility !== 'hidden' &&
      style.clip !== 'rect(0px, 0px, 0px, 0px)' && Number(style.opacity) > 0;
}

function describe(el) {
  return `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}${el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\s+/).join('.') : ''}`;
}

for (const el of document.querySelectorAll('body *')) {
  if (['SCRIPT', 'STYLE', 'CANVAS'].includes(el.tagName) || !visible(el)) continue;
  const text = [...el.childNodes].filter((n) => n.nodeType === 3).map((n) => n.textContent).join('').trim();
  if (text) {
    const fg = rgba(getComputedStyle(el).color);
    const bg = background(el);
    const l1 = luminance(blend(fg, bg));
    const l2 = luminance(bg);
    const ratio = (Math.max(l1, l2) + 0.05) / (Math.min(l1, l2) + 0.05);
    if (ratio < 4.5) problems.push(`contrast ${ratio.toFixed(2)}:1 for "${text.slice(0, 30)}" in ${describe(el)}`);
  }
  if (['INPUT', 'SELECT', 'TEXTAREA'].includes(el.tagName) && el.type !== 'hidden') {
    if ((el.labels?.length ?? 0) === 0 && !el.getAttribute('aria-label')) problems.push(`no label for ${describe(el)}`);
  }
  if (el.tagName === 'BUTTON' && !el.textContent.trim() && !el.getAttribute('aria-label')) {
    problems.push(`no name for ${describe(el)}`);
  }
}
return problems;
