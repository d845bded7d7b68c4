import { describe, expect, it } from 'vitest';
import { findTrigger } from './trigger';

describe('findTrigger', () => {
  it.each([
    ['/coder fix the flaky login test', 'fix the flaky login test'],
    ['/CODER Fix it', 'Fix it'],
    ['/coder: fix it', 'fix it'],
    ['/coder', ''],
    ['Hey team, /coder please look\nat this too', 'please look\nat this too'],
    ['first line\n/coder second', 'second'],
    ['(/coder inside parens)', 'inside parens)'],
    ['text\n\t/coder after a paragraph line is a continuation', 'after a paragraph line is a continuation'],
    ['**/coder** fix the bold one', '** fix the bold one'],
    ['- /coder in a list item', 'in a list item'],
    ['| a |\n|---|\n| /coder in a table |', 'in a table |'],
    ['<b>/coder</b> shown in bold', '</b> shown in bold'],
    ['```\n```\n/coder after an empty fence', 'after an empty fence'],
  ])('finds %j', (body, request) => {
    expect(findTrigger(body, '/coder')?.request).toBe(request);
  });

  it.each([
    ['/coders are great'],
    ['/coder-bot do it'],
    ['path/coder do it'],
    ['some/coder/path'],
    ['> /coder quoted from an earlier comment'],
    ['```\n/coder in a code block\n```'],
    ['~~~~\n/coder\n~~~~'],
    ['nothing here'],
    ['/code fix'],
    // As GitHub renders them: code, quotes and HTML.
    ['see `/coder fix` for usage'],
    ['run `` /coder fix `` to start one'],
    ['- ```\n  /coder in a fence opened on a list item line\n  ```'],
    ['1.  item\n\n    ```\n    /coder in a fence indented under the item\n    ```'],
    ['    /coder in an indented code block'],
    ['\t/coder tabbed is an indented code block'],
    ['- item\n\n  ```\n  /coder in a fence inside a list item\n  ```'],
    ['```\nstill code\n``` not a closing fence\n/coder inside the open fence'],
    ['~~~\ncode\n```\n/coder a backtick line does not close a tilde fence'],
    ['> earlier\n/coder lazy continuation of the quote'],
    ['- > /coder quoted in a list item'],
    ['<pre>\n/coder in a pre block\n</pre>'],
    ['<pre>/coder inline pre</pre>'],
    ['text <code>/coder</code> in inline code'],
    ['<div>\n/coder inside an HTML block\n</div>'],
    ['[see](/coder) a link destination'],
    ['![/coder fix](https://example.com/x.png)'],
    ['[/coder]: https://example.com "a definition"'],
    ['x`y`/coder glued to code'],
  ])('ignores %j', (body) => {
    expect(findTrigger(body, '/coder')).toBeUndefined();
  });

  it('takes the request as the source after the phrase, Markdown and code included', () => {
    expect(findTrigger('/coder fix *this*:\n\n```\nerror\n```', '/coder')?.request).toBe(
      'fix *this*:\n\n```\nerror\n```',
    );
    expect(findTrigger('see `/coder x` then\n/coder do it', '/coder')?.request).toBe('do it');
  });

  it('finds a trigger after a closed code block', () => {
    expect(findTrigger('```\nx\n```\n/coder go', '/coder')?.request).toBe('go');
  });

  it('reads emphasis markers that are part of the phrase as the phrase', () => {
    expect(findTrigger('/coder_bot go', '/coder_bot')?.request).toBe('go');
    expect(findTrigger('*fix* /coder_bot go', '/coder_bot')?.request).toBe('go');
  });

  it('does not read a line nested deeper than 32 containers', () => {
    expect(findTrigger(`${'- '.repeat(40)}/coder deep`, '/coder')).toBeUndefined();
    expect(findTrigger(`${'- '.repeat(10)}/coder shallow`, '/coder')?.request).toBe('shallow');
  });

  it('escapes regular expression characters in the phrase', () => {
    expect(findTrigger('@bot+ do it', '@bot+')?.request).toBe('do it');
    expect(findTrigger('@bott do it', '@bot+')).toBeUndefined();
  });
});
