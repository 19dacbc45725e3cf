// The script-tag form: <script src=".../narrate-player.js" data-narrate-manifest=".../story.json">
// fetches the narration's manifest, builds the same player as the snippet (NARRATE_TEMPLATE,
// written by narrate from templates/player.html; NARRATE_TYPES, audio suffixes' MIME types), puts it where the tag is (or after the
// element `data-narrate-after` picks, or after the article's h1 when the tag is in <head>),
// then starts the read-along. File URLs in the manifest are relative to the manifest.
(function () {
  "use strict";
  var tag = document.currentScript;
  var address = tag && tag.getAttribute("data-narrate-manifest");
  if (!address) return;
  var manifestUrl = new URL(address, document.baseURI);

  function escape(text) {
    return String(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")
      .replace(/"/g, "&quot;").replace(/'/g, "&#x27;");
  }
  function clock(t) {
    t = Math.max(0, Math.round(t || 0));
    var h = Math.floor(t / 3600), m = Math.floor(t / 60) % 60, s = t % 60;
    return (h ? h + ":" + (m < 10 ? "0" : "") : "") + m + ":" + (s < 10 ? "0" : "") + s;
  }
  function iso(t) {
    t = Math.round(t || 0);
    var h = Math.floor(t / 3600), m = Math.floor(t / 60) % 60, s = t % 60;
    return "PT" + (h ? h + "H" : "") + m + "M" + s + "S";
  }
  function file(name) { return new URL(name, manifestUrl).href; }

  function build(manifest) {
    var files = manifest.files || {};
    var disclosure = (manifest.disclosure && manifest.disclosure.text) || "";
    var sentences = (manifest.sentences || []).map(function (s) {
      var out = { id: s.id, text: s.text, start: s.start, end: s.end };
      if (s.words && s.words.length) out.words = s.words.map(function (w) { return [w.text, w.start, w.end]; });
      return out;
    });
    var chapters = (manifest.chapters || []).map(function (c) { return { title: c.title, start: c.start }; });
    var spoken = (manifest.sentences || []).filter(function (s) { return s.kind === "intro" && s.text === disclosure; })[0];
    var captions = files.vtt
      ? '    <track kind="captions" default src="' + escape(file(files.vtt)) + '" srclang="' +
        escape(manifest.language || "en") + '" label="Captions">'
      : "";
    var menu = chapters.length > 1
      ? '    <label for="narrate-chapter">Chapter</label>\n    <select id="narrate-chapter" data-narrate="chapter">' +
        chapters.map(function (c) { return '<option value="' + c.start.toFixed(3) + '">' + escape(c.title) + "</option>"; }).join("") +
        "</select>"
      : "";
    var duration = manifest.duration || 0;
    var values = {
      heading: escape(tag.getAttribute("data-narrate-heading") || "Listen to this article"),
      language: escape(manifest.language || "en"),
      audio_url: escape(file(files.audio)),
      mime: NARRATE_TYPES[String(files.audio).split(".").pop().toLowerCase()] || "audio/mpeg",
      duration_iso: iso(duration),
      duration_text: clock(duration),
      disclosure: spoken
        ? '<span data-narrate-sentence="' + escape(spoken.id) + '">' + escape(disclosure) + "</span>"
        : escape(disclosure),
      captions_track: captions,
      chapters: menu,
    };
    var markup = NARRATE_TEMPLATE.replace(/\{\{(\w+)\}\}/g, function (whole, name) {
      return name in values ? values[name] : "";
    });
    var holder = document.createElement("div");
    holder.innerHTML = markup;
    var figure = holder.querySelector("figure");
    var article = tag.getAttribute("data-narrate-article");
    if (article) figure.setAttribute("data-narrate-article", article);
    var artwork = tag.getAttribute("data-narrate-artwork");
    figure.querySelector("script.narrate-data").textContent = JSON.stringify({
      meta: {
        title: manifest.title || document.title,
        artist: manifest.byline || manifest.publication || "",
        album: manifest.publication || "",
        artwork: artwork ? new URL(artwork, document.baseURI).href : undefined,
      },
      sentences: sentences,
      chapters: chapters,
    });
    return figure;
  }

  function place(figure) {
    var after = tag.getAttribute("data-narrate-after");
    var anchor = after && document.querySelector(after);
    if (!anchor && !document.head.contains(tag)) {
      tag.parentNode.insertBefore(figure, tag);
      return;
    }
    if (!anchor) {
      var root = document.querySelector(tag.getAttribute("data-narrate-article") || "article") ||
        document.querySelector("main") || document.body;
      anchor = root.querySelector("h1") || document.querySelector("h1");
    }
    if (anchor) anchor.parentNode.insertBefore(figure, anchor.nextSibling);
    else document.body.insertBefore(figure, document.body.firstChild);
  }

  function ready() {
    return new Promise(function (resolve) {
      if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", resolve);
      else resolve();
    });
  }

  Promise.all([fetch(manifestUrl).then(function (r) {
    if (!r.ok) throw new Error("narrate: " + manifestUrl + ": HTTP " + r.status);
    return r.json();
  }), ready()]).then(function (results) {
    var figure = build(results[0]);
    place(figure);
    narrateReadAlong(figure);
  }).catch(function (error) {
    if (window.console) console.warn(error.message || error);
  });
})();
