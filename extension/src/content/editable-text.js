// The plain text of a contenteditable element, and the mapping between offsets in that text
// (UTF-16, as the checker reports them) and DOM positions. Block boundaries and <br> become
// "\n" so that sentences do not run together across paragraphs.

const BLOCKS = new Set([
  'ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'DD', 'DIV', 'DL', 'DT', 'FIGCAPTION', 'FIGURE', 'FOOTER', 'FORM',
  'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'HEADER', 'HR', 'LI', 'MAIN', 'NAV', 'OL', 'P', 'PRE', 'SECTION', 'TABLE',
  'TD', 'TH', 'TR', 'UL',
]);

export function snapshot(root) {
  const segments = []; // {node, start}
  let text = '';
  const newline = () => {
    if (text && !text.endsWith('\n')) text += '\n';
  };
  const walk = (node) => {
    for (let child = node.firstChild; child; child = child.nextSibling) {
      if (child.nodeType === Node.TEXT_NODE) {
        segments.push({ node: child, start: text.length });
        text += child.data;
      } else if (child.nodeType === Node.ELEMENT_NODE) {
        if (child.tagName === 'BR') {
          text += '\n';
          continue;
        }
        const block = BLOCKS.has(child.tagName);
        if (block) newline();
        walk(child);
        if (block) newline();
      }
    }
  };
  walk(root);
  return { text, segments };
}

/** DOM position {node, offset} of text offset `off`. */
export function pointAt(snap, off) {
  const segs = snap.segments;
  for (let i = 0; i < segs.length; i++) {
    const { node, start } = segs[i];
    if (off >= start && off <= start + node.data.length) return { node, offset: off - start };
    if (start > off) return { node, offset: 0 }; // inside a virtual newline: next text
  }
  const last = segs[segs.length - 1];
  return last ? { node: last.node, offset: last.node.data.length } : null;
}

export function rangeFor(snap, start, end) {
  const a = pointAt(snap, start);
  const b = pointAt(snap, end);
  if (!a || !b) return null;
  const r = new Range();
  r.setStart(a.node, a.offset);
  r.setEnd(b.node, b.offset);
  return r;
}

/** Text offset of a DOM position inside the root, or -1. */
export function offsetOf(snap, node, offset) {
  if (node.nodeType === Node.TEXT_NODE) {
    const seg = snap.segments.find((s) => s.node === node);
    return seg ? seg.start + offset : -1;
  }
  // An element position: the first text at or after child[offset] (or after the element).
  const after = node.childNodes[offset];
  const follows = (a, b) => a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING;
  for (const seg of snap.segments) {
    if (after ? after === seg.node || after.contains(seg.node) || follows(after, seg.node)
      : !node.contains(seg.node) && follows(node, seg.node)) {
      return seg.start;
    }
  }
  return snap.text.length;
}
