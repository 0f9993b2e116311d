import { ParseError, positionAt } from '@mcp/core-response';

/**
 * JSON.parse with the line and column of the first error. V8's messages do not always carry
 * a position, so on failure a small scanner walks the text to find where it stops being JSON.
 */
export function parseJson(text: string, source?: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    const offset = firstErrorOffset(text);
    const { line, column } = positionAt(text, offset);
    const what = offset >= text.length ? 'Unexpected end of JSON input' : `Unexpected ${JSON.stringify(text[offset])} in JSON`;
    throw new ParseError(what || String(e), line, column, source);
  }
}

/** Offset of the first character that is not valid JSON (text.length when it ends early). */
export function firstErrorOffset(text: string): number {
  let i = 0;
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i])) i++;
  };
  const fail = () => {
    throw i;
  };
  const str = () => {
    if (text[i] !== '"') fail();
    i++;
    while (i < text.length && text[i] !== '"') {
      if (text.charCodeAt(i) < 0x20) fail();
      if (text[i] === '\\') {
        i++;
        if (text[i] === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 1, i + 5))) fail();
          i += 4;
        } else if (!'"\\/bfnrt'.includes(text[i] ?? '')) fail();
      }
      i++;
    }
    if (i >= text.length) fail();
    i++;
  };
  const num = () => {
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (!m) fail();
    i += m![0].length;
  };
  // A loop with an explicit stack, not recursion: stats files nest deeply and hold long arrays.
  const stack: ('{' | '[')[] = [];
  const key = () => {
    str();
    ws();
    if (text[i] !== ':') fail();
    i++;
  };
  const value = (): void => {
    for (;;) {
      ws();
      const c = text[i];
      let closedNow = false;
      if (c === '{' || c === '[') {
        stack.push(c);
        i++;
        ws();
        if (text[i] === (c === '{' ? '}' : ']')) {
          stack.pop();
          i++;
          closedNow = true;
        } else {
          if (c === '{') key();
          continue;
        }
      }
      if (!closedNow) {
        if (c === '"') str();
        else if (c === '-' || (c >= '0' && c <= '9')) num();
        else if (text.startsWith('true', i)) i += 4;
        else if (text.startsWith('false', i)) i += 5;
        else if (text.startsWith('null', i)) i += 4;
        else fail();
      }
      // After a value: close containers, or move on to the next member.
      let next = false;
      while (!next) {
        ws();
        const top = stack[stack.length - 1];
        if (!top) return;
        if (text[i] === ',') {
          i++;
          if (top === '{') {
            ws();
            key();
          }
          next = true;
        } else if (text[i] === (top === '{' ? '}' : ']')) {
          stack.pop();
          i++;
        } else fail();
      }
    }
  };
  try {
    value();
    ws();
    return i < text.length ? i : text.length;
  } catch (at) {
    return typeof at === 'number' ? Math.min(at, text.length) : 0;
  }
}
