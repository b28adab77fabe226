// Tiny HTML helpers for the emulator's browser pages (consent screen, error page, index).
const entities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => entities[c] ?? c);
}

const style = `body{font-family:system-ui,sans-serif;max-width:44rem;margin:2rem auto;padding:0 1rem;line-height:1.5}
fieldset{margin:1rem 0;border:1px solid #bbb;border-radius:6px}label{display:block;margin:.4rem 0}
button{font-size:1rem;padding:.4rem 1.2rem;margin-right:.6rem}table{border-collapse:collapse}
td,th{border:1px solid #ccc;padding:.25rem .5rem;text-align:left;vertical-align:top}.note{color:#555;font-size:.9rem}`;

export function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title><style>${style}</style></head>
<body>${body}</body></html>`;
}

export function errorPage(problem: string): string {
  return page(
    'Invalid OAuth2 request',
    `<h1>Invalid OAuth2 request</h1><p>${esc(problem)}</p>
<p class="note">Discord (emulated) would not send you back to the application for this request.</p>`,
  );
}

export function option(value: string, label: string, selected = false): string {
  return `<option value="${esc(value)}"${selected ? ' selected' : ''}>${esc(label)}</option>`;
}
