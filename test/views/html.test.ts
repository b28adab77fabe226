import t from 'tap';
import { escapeHtml, html } from '../../src/views/html.js';

t.test('interpolated text is escaped, nested markup is not', async (t) => {
  t.equal(escapeHtml(`<a href="x">'&'</a>`), '&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  const inner = html`<b>${'<i>'}</b>`;
  t.equal(
    html`<p>${inner} ${3} ${null}${undefined}${false}${['<', html`<br />`]}</p>`.value,
    '<p><b>&lt;i&gt;</b> 3 &lt;<br /></p>',
  );
  t.equal(String(inner), '<b>&lt;i&gt;</b>');
});
