// Content-model facts from the HTML Living Standard used by web_validate_html: the obsolete
// features of §16 "Obsolete features" and the content categories of §3.2.5.

/** §16.2 Non-conforming features: obsolete elements and what replaces them. */
export const OBSOLETE_ELEMENTS: Record<string, string> = {
  applet: 'Use <embed> or <object>',
  acronym: 'Use <abbr>',
  bgsound: 'Use <audio>',
  dir: 'Use <ul>',
  frame: 'Use <iframe> and CSS, or server-side includes',
  frameset: 'Use <iframe> and CSS, or server-side includes',
  noframes: 'Use <iframe> and CSS, or server-side includes',
  isindex: 'Use an explicit <form> and text control',
  keygen: 'Use WebAuthn or client certificates set up outside the page',
  listing: 'Use <pre> and <code>',
  menuitem: 'Use script to handle contextmenu events',
  nextid: 'Use GUIDs',
  noembed: 'Use <object> instead of <embed> when fallback is necessary',
  param: 'Use the data attribute of <object>',
  plaintext: 'Use the "text/plain" MIME type instead',
  rb: 'Put the ruby base text directly inside <ruby>',
  rtc: 'Use nested <rt> elements',
  strike: 'Use <del> if the text is an edit, else <s>',
  xmp: 'Use <pre> and <code>, escaping "<" and "&"',
  basefont: 'Use CSS',
  big: 'Use CSS',
  blink: 'Use CSS',
  center: 'Use CSS',
  font: 'Use CSS',
  marquee: 'Use CSS animations',
  multicol: 'Use CSS',
  nobr: 'Use CSS (white-space: nowrap)',
  spacer: 'Use CSS',
  tt: 'Use <kbd>, <var>, <code>, <samp> or CSS',
};

const PRESENTATIONAL = 'Use CSS instead';
const CELL = { align: PRESENTATIONAL, char: PRESENTATIONAL, charoff: PRESENTATIONAL, valign: PRESENTATIONAL };

/** §16.2 obsolete attributes, per element (`*` applies to every element listed). */
export const OBSOLETE_ATTRIBUTES: Record<string, Record<string, string>> = {
  a: { charset: 'Use an HTTP Content-Type header on the linked resource', coords: 'Use <area> for image maps', shape: 'Use <area> for image maps', methods: 'Use the HTTP OPTIONS feature', name: 'Use the id attribute', rev: 'Use rel with an opposite term', urn: 'Specify the preferred persistent identifier in href' },
  area: { nohref: 'Omit the href attribute', type: 'Omit the attribute', hreflang: 'Omit the attribute' },
  body: { alink: PRESENTATIONAL, background: PRESENTATIONAL, bgcolor: PRESENTATIONAL, link: PRESENTATIONAL, marginbottom: PRESENTATIONAL, marginheight: PRESENTATIONAL, marginleft: PRESENTATIONAL, marginright: PRESENTATIONAL, margintop: PRESENTATIONAL, marginwidth: PRESENTATIONAL, text: PRESENTATIONAL, vlink: PRESENTATIONAL },
  br: { clear: PRESENTATIONAL },
  caption: { align: PRESENTATIONAL },
  col: { ...CELL, width: PRESENTATIONAL },
  div: { align: PRESENTATIONAL },
  dl: { compact: PRESENTATIONAL },
  embed: { align: PRESENTATIONAL, hspace: PRESENTATIONAL, name: 'Use the id attribute', vspace: PRESENTATIONAL },
  h1: { align: PRESENTATIONAL },
  h2: { align: PRESENTATIONAL },
  h3: { align: PRESENTATIONAL },
  h4: { align: PRESENTATIONAL },
  h5: { align: PRESENTATIONAL },
  h6: { align: PRESENTATIONAL },
  head: { profile: 'Omit the attribute' },
  hr: { align: PRESENTATIONAL, color: PRESENTATIONAL, noshade: PRESENTATIONAL, size: PRESENTATIONAL, width: PRESENTATIONAL },
  html: { manifest: 'Use service workers', version: 'Omit the attribute' },
  iframe: { align: PRESENTATIONAL, allowtransparency: PRESENTATIONAL, frameborder: PRESENTATIONAL, framespacing: PRESENTATIONAL, hspace: PRESENTATIONAL, longdesc: 'Use a regular <a> to link to the description', marginheight: PRESENTATIONAL, marginwidth: PRESENTATIONAL, scrolling: PRESENTATIONAL, vspace: PRESENTATIONAL, datasrc: 'Use script', datafld: 'Use script' },
  img: { align: PRESENTATIONAL, border: PRESENTATIONAL, hspace: PRESENTATIONAL, longdesc: 'Use a regular <a> to link to the description', lowsrc: 'Use a progressive image format', name: 'Use the id attribute', vspace: PRESENTATIONAL, datasrc: 'Use script' },
  input: { align: PRESENTATIONAL, hspace: PRESENTATIONAL, ismap: 'Omit the attribute', usemap: 'Use <img> for image maps', vspace: PRESENTATIONAL, datasrc: 'Use script', datafld: 'Use script' },
  legend: { align: PRESENTATIONAL },
  li: { type: PRESENTATIONAL },
  link: { charset: 'Use an HTTP Content-Type header on the linked resource', methods: 'Use the HTTP OPTIONS feature', rev: 'Use rel with an opposite term', target: 'Omit the attribute', urn: 'Omit the attribute' },
  meta: { scheme: 'Use only one scheme per field, or make the scheme declaration part of the value' },
  object: { align: PRESENTATIONAL, archive: 'Use the data and type attributes', border: PRESENTATIONAL, classid: 'Use the data and type attributes', code: 'Use the data and type attributes', codebase: 'Use the data and type attributes', codetype: 'Use the data and type attributes', declare: 'Repeat the <object> element', hspace: PRESENTATIONAL, standby: 'Optimize the linked resource so it loads quickly', vspace: PRESENTATIONAL, datasrc: 'Use script', datafld: 'Use script' },
  ol: { compact: PRESENTATIONAL },
  option: { name: 'Use the id attribute', dataformatas: 'Use script' },
  p: { align: PRESENTATIONAL },
  pre: { width: PRESENTATIONAL },
  script: { charset: 'Omit the attribute (scripts must be UTF-8)', event: 'Use DOM events mechanisms', for: 'Use DOM events mechanisms', language: 'Omit the attribute for JavaScript; use type for data blocks' },
  table: { align: PRESENTATIONAL, bgcolor: PRESENTATIONAL, border: PRESENTATIONAL, cellpadding: PRESENTATIONAL, cellspacing: PRESENTATIONAL, frame: PRESENTATIONAL, rules: PRESENTATIONAL, summary: 'Use <caption> or text around the table', width: PRESENTATIONAL, datapagesize: 'Omit the attribute' },
  tbody: CELL,
  thead: CELL,
  tfoot: CELL,
  td: { ...CELL, abbr: 'Use a <th> or the title attribute', axis: 'Use the scope attribute on the relevant <th>', bgcolor: PRESENTATIONAL, height: PRESENTATIONAL, nowrap: PRESENTATIONAL, width: PRESENTATIONAL, scope: 'Use a <th> for header cells' },
  th: { ...CELL, axis: 'Use the scope attribute', bgcolor: PRESENTATIONAL, height: PRESENTATIONAL, nowrap: PRESENTATIONAL, width: PRESENTATIONAL },
  tr: { ...CELL, bgcolor: PRESENTATIONAL },
  ul: { compact: PRESENTATIONAL, type: PRESENTATIONAL },
};

/** Elements whose content model is phrasing content only. */
export const PHRASING_ONLY = new Set(['p', 'span', 'em', 'strong', 'small', 's', 'cite', 'q', 'dfn', 'abbr', 'code', 'var', 'samp', 'kbd', 'sub', 'sup', 'i', 'b', 'u', 'mark', 'bdi', 'bdo', 'data', 'time', 'label', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'pre', 'button', 'output', 'legend', 'summary', 'meter', 'progress', 'abbr', 'ruby', 'rt', 'rp']);

/** Elements whose content model is the parent's (transparent). */
export const TRANSPARENT = new Set(['a', 'ins', 'del', 'map', 'object', 'video', 'audio', 'canvas', 'slot', 'noscript']);

/** Flow content that is not phrasing content: not allowed where only phrasing is. */
export const FLOW_ONLY = new Set(['address', 'article', 'aside', 'blockquote', 'details', 'dialog', 'div', 'dl', 'fieldset', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hgroup', 'hr', 'main', 'menu', 'nav', 'ol', 'p', 'pre', 'search', 'section', 'table', 'ul']);
