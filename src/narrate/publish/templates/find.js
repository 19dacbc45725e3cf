// Finds the narration's sentences in the live page and marks them as `narrate player --inject`
// does (<span data-narrate-sentence="id">), for a page narrate never saw: a CMS's template with
// the snippet pasted in. Only text nodes are split and wrapped, so the visible text stays.
// Letters and digits are compared, case folded: quotes, dashes, entities, whitespace and
// inline elements (<strong>, <a>) between words do not matter. A match must start and end at a
// word's edge; the search goes forward only, and a sentence not found is left alone.
var narrateFind = (function () {
  "use strict";
  var SKIP = /^(HEAD|TITLE|SCRIPT|STYLE|TEMPLATE|NOSCRIPT|TEXTAREA|SELECT|OPTION|BUTTON|SVG|MATH|IFRAME)$/i;
  var LETTER = /[\p{L}\p{N}]/u;
  var BLOCK = /^(ADDRESS|ARTICLE|ASIDE|BLOCKQUOTE|BODY|DD|DETAILS|DIALOG|DIV|DL|DT|FIELDSET|FIGCAPTION|FIGURE|FOOTER|FORM|H[1-6]|HEADER|HGROUP|HR|LI|MAIN|NAV|OL|P|PRE|SECTION|SUMMARY|TABLE|TBODY|TD|TFOOT|TH|THEAD|TR|UL)$/;
  var TOUCHING = /[^\s\p{L}\p{N}]/u; // punctuation, not a space, not a letter

  function key(text) {
    var out = "";
    for (var ch of text) if (LETTER.test(ch)) out += ch.toLowerCase();
    return out;
  }

  // The article's container, as --inject chooses it: the <article> with the most text, else
  // <main>, else the body; or what `selector` picks.
  function container(selector, player) {
    if (selector) {
      var chosen = document.querySelector(selector);
      if (chosen) return chosen;
    }
    var best = null, size = -1;
    document.querySelectorAll("article").forEach(function (el) {
      if (player.contains(el)) return;
      var length = stream(el, player).text.length; // its visible letters, as --inject counts
      if (length > size) { best = el; size = length; }
    });
    return best || document.querySelector("main") || document.body;
  }

  // The visible letters under `root` (the player left out), each with its text node and
  // offset, and whether a word starts there: after a space or punctuation, a <br>, or where
  // the text passes into another block (a heading, a paragraph, a list item).
  function blockOf(node) {
    for (var el = node.parentNode; el; el = el.parentNode) if (BLOCK.test(el.nodeName)) return el;
    return null;
  }
  function stream(root, player) {
    var chars = [], where = [], starts = [], gap = true, block = null;
    var walker = document.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT, {
      acceptNode: function (node) {
        if (node.nodeType === 1 && (node === player || SKIP.test(node.nodeName) || node.hasAttribute("hidden"))) {
          return NodeFilter.FILTER_REJECT;
        }
        return NodeFilter.FILTER_ACCEPT;
      },
    });
    for (var node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.nodeType === 1) {
        if (node.nodeName === "BR" || BLOCK.test(node.nodeName)) gap = true;
        continue;
      }
      var here = blockOf(node);
      if (here !== block) { gap = true; block = here; }
      var data = node.data, offset = 0;
      for (var ch of data) {
        if (LETTER.test(ch)) {
          var folded = ch.toLowerCase();
          for (var i = 0; i < folded.length; i++) {
            chars.push(folded[i]);
            where.push([node, offset, ch.length]);
            starts.push(gap && i === 0);
          }
          gap = false;
        } else {
          gap = true;
        }
        offset += ch.length;
      }
    }
    return { text: chars.join(""), where: where, starts: starts };
  }

  function search(s, wanted, from, to) {
    for (var at = s.text.indexOf(wanted, from); at >= 0; at = s.text.indexOf(wanted, at + 1)) {
      var end = at + wanted.length;
      if (end > to) return -1;
      if (s.starts[at] && (end === s.text.length || s.starts[end])) return at;
    }
    return -1;
  }

  // The text-node pieces that hold stream characters first..last (inclusive): the first
  // node from the match on, nodes in between whole, the last up to the match's end; widened
  // to the punctuation that touches the sentence (its quotes, its full stop), as --inject has.
  function pieces(s, first, last, id, out) {
    var nodes = [];
    for (var i = first; i <= last; i++) {
      if (nodes[nodes.length - 1] !== s.where[i][0]) nodes.push(s.where[i][0]);
    }
    var begin = s.where[first][1], end = s.where[last][1] + s.where[last][2];
    var head = nodes[0].data, tail = nodes[nodes.length - 1].data;
    while (begin > 0 && TOUCHING.test(head[begin - 1])) begin--;
    while (end < tail.length && TOUCHING.test(tail[end])) end++;
    nodes.forEach(function (node, index) {
      var from = index === 0 ? begin : 0;
      var to = index === nodes.length - 1 ? end : node.data.length;
      out.push([node, from, to, id]);
    });
  }

  function wrap(list) {
    var byNode = new Map();
    list.forEach(function (p) {
      if (!byNode.has(p[0])) byNode.set(p[0], []);
      byNode.get(p[0]).push(p);
    });
    byNode.forEach(function (parts, node) {
      // From the node's end backwards, so the earlier offsets stay true.
      parts.sort(function (x, y) { return y[1] - x[1]; });
      parts.forEach(function (p) {
        if (p[2] < node.data.length) node.splitText(p[2]);
        var piece = p[1] > 0 ? node.splitText(p[1]) : node;
        var span = document.createElement("span");
        span.setAttribute("data-narrate-sentence", p[3]);
        piece.parentNode.insertBefore(span, piece);
        span.appendChild(piece);
      });
    });
  }

  // Mark `sentences` ({id, text}) in the page; returns how many were found.
  return function find(sentences, player, selector) {
    var root = container(selector, player);
    var body = stream(root, player);
    var headings = [].filter.call(document.querySelectorAll("h1"), function (h) {
      return !player.contains(h);
    }).map(function (h) { return stream(h, player); });
    var cursor = 0, list = [], found = 0;
    sentences.forEach(function (sentence, index) {
      var wanted = key(sentence.text || "");
      if (!wanted) return;
      if (index === 0) { // the title: in an h1 wherever it is, else where the article starts
        for (var h = 0; h < headings.length; h++) {
          var inHeading = search(headings[h], wanted, 0, headings[h].text.length);
          if (inHeading >= 0) {
            pieces(headings[h], inHeading, inHeading + wanted.length - 1, sentence.id, list);
            found++;
            return;
          }
        }
      }
      var at = search(body, wanted, cursor, body.text.length);
      if (at < 0) return;
      pieces(body, at, at + wanted.length - 1, sentence.id, list);
      cursor = at + wanted.length;
      found++;
    });
    wrap(list);
    return found;
  };
})();
