import { describe, expect, it } from 'vitest';
import { htmlSummary } from './response-body';

describe('htmlSummary', () => {
  it.each([
    [
      '<html><head><TITLE lang="en"> Sign in </TITLE></head><body>x</body></html>',
      'HTML page titled "Sign in"',
    ],
    [
      '<html><body><h1>502 Bad Gateway</h1>\n<hr><center>nginx</center></body></html>',
      'HTML page: 502 Bad Gateway nginx',
    ],
    ['<title></title><p>Login required</p>', 'HTML page: Login required'],
    ['<title>a <b>bold</b> title</title>', 'HTML page: a bold title'],
    ['<p>1 < 2', 'HTML page: 1 < 2'],
    ['<div></div>', 'an HTML page'],
  ])('summarises %j as %j', (html, summary) => {
    expect(htmlSummary(html)).toBe(summary);
  });

  it('cuts a long text at 200 characters', () => {
    expect(htmlSummary(`<p>${'x'.repeat(500)}</p>`)).toBe(`HTML page: ${'x'.repeat(200)}...`);
  });

  it('takes linear time on hostile pages (a MiB of its worst cases), measured against a benign one', () => {
    const size = 1024 * 1024;
    const fill = (unit: string) => unit.repeat(Math.ceil(size / unit.length)).slice(0, size);
    const time = (html: string) => {
      const start = performance.now();
      htmlSummary(html);
      return performance.now() - start;
    };
    const benign = fill('<p>The proxy could not reach the upstream server.</p>\n');
    // Warm up, then take the best of three so one slow moment does not decide.
    time(benign);
    const best = (html: string) => Math.min(time(html), time(html), time(html));
    const budget = Math.max(best(benign) * 50, 50);
    for (const hostile of [fill('<'), fill('<title'), `<title>${fill('<')}`, fill('< '), fill(' ')]) {
      expect(best(hostile)).toBeLessThan(budget);
    }
  });
});
