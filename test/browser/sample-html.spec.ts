import { html } from '../../sample/views/html.js';

// Prettier reformats the markup inside html`…`, so the exact strings below are kept as written.
describe("the sample's html template", () => {
  it('escapes every interpolated value, in text and in attributes', () => {
    const value = `<script>alert("x")</script>&'`;

    // prettier-ignore
    expect(html`<p title="${value}">${value}</p>`.markup).toBe(
      '<p title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39;">' +
        '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39;</p>',
    );
  });

  it('nests templates unescaped, joins arrays and drops null, undefined and false', () => {
    const items = ['<a>', 'b'].map((item) => html`<li>${item}</li>`);

    // prettier-ignore
    expect(html`<ul>${items}</ul>${null}${undefined}${false}${0}`.markup).toBe('<ul><li>&lt;a&gt;</li><li>b</li></ul>0');
  });
});
