// The one stylesheet of our pages, served from /assets/style.css so pages need no inline styles.
// Written for every language: long words wrap (and hyphenate, by <html lang>), and no rule says
// left or right, so a right-to-left page (dir="rtl") mirrors by itself.
export const STYLESHEET = `
:root { color-scheme: light dark; --bg: #f4f5fb; --card: #fff; --text: #1e1f24; --muted: #5c5e66;
  --accent: #5865f2; --ok: #23a55a; --warn: #d83c3e; --border: #e2e4ee; }
@media (prefers-color-scheme: dark) {
  :root { --bg: #1e1f22; --card: #2b2d31; --text: #f2f3f5; --muted: #b5bac1; --border: #3f4147; }
}
* { box-sizing: border-box; }
body { margin: 0; min-height: 100vh; display: flex; align-items: center; justify-content: center;
  background: var(--bg); color: var(--text); padding: 16px;
  font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
main { width: 100%; max-width: 480px; background: var(--card); border: 1px solid var(--border);
  border-radius: 16px; padding: 28px 24px; box-shadow: 0 8px 24px rgb(0 0 0 / 8%);
  overflow-wrap: break-word; hyphens: auto; }
.badge { display: inline-block; font-size: 13px; font-weight: 600; letter-spacing: .04em; text-transform: uppercase;
  color: var(--muted); margin-bottom: 8px; }
h1 { font-size: 22px; line-height: 1.3; margin: 0 0 12px; }
p { margin: 0 0 12px; color: var(--text); }
.muted { color: var(--muted); font-size: 14px; }
.tag { display: inline-block; padding: 1px 8px; border-radius: 6px; background: var(--accent); color: #fff;
  font-weight: 700; letter-spacing: .03em; }
.status { width: 44px; height: 44px; border-radius: 50%; display: flex; align-items: center; justify-content: center;
  font-size: 24px; color: #fff; margin-bottom: 16px; }
.status.ok { background: var(--ok); } .status.no { background: var(--muted); } .status.err { background: var(--warn); }
dl { display: grid; grid-template-columns: minmax(0, 2fr) minmax(0, 3fr); gap: 6px 16px; margin: 16px 0; padding: 12px 16px;
  border-radius: 10px; background: var(--bg); font-size: 15px; }
dt { color: var(--muted); } dd { margin: 0; font-weight: 600; }
a.button { display: block; text-align: center; margin-top: 20px; padding: 12px 16px; border-radius: 10px;
  background: var(--accent); color: #fff; font-weight: 600; text-decoration: none; }
a.button:focus, a.button:hover { filter: brightness(1.1); }
/* On narrow phones a label sits above its value, so long words in any language have the full width. */
@media (max-width: 360px) { dl { grid-template-columns: minmax(0, 1fr); gap: 0; } dd { margin-bottom: 8px; } }
form.disconnect { margin-top: 12px; text-align: center; }
form.disconnect button { background: none; border: 0; padding: 8px; color: var(--muted); font: inherit;
  font-size: 14px; text-decoration: underline; cursor: pointer; }
form.disconnect button:hover, form.disconnect button:focus { color: var(--warn); }
`;
