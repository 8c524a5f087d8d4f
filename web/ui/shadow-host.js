// The element each piece of Emend's own UI lives in on a page (the card, a form field's
// overlay, a contenteditable's boxes where there are no CSS highlights): a zero-size,
// absolutely positioned `emend-*` element marked `data-emend-host`, with an open shadow root,
// so the page's styles cannot reach inside and its layout never moves.

/** `{host, root}`: a new host element `tag` in `doc` above the page at `zIndex`; `css`: more of its style. */
export function shadowHost(doc, tag, zIndex, css = '') {
  const host = doc.createElement(tag);
  host.setAttribute('data-emend-host', '');
  host.style.cssText = `position:absolute;top:0;left:0;width:0;height:0;z-index:${zIndex};${css}`;
  return { host, root: host.attachShadow({ mode: 'open' }) };
}
