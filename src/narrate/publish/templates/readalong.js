// The player's controls and the read-along. `narrateReadAlong(figure)` starts one player; it
// runs by itself on the page's #narrate-player, and the script-tag form calls it once it has
// built the player from the manifest.
var narrateReadAlong = (function () {
  "use strict";
  var FORM = "input, select, textarea, button, a, summary, audio, [contenteditable]";
  var started = false;

  function readAlong(figure) {
    if (!figure || figure.hasAttribute("data-narrate-started")) return;
    figure.setAttribute("data-narrate-started", "");
    var audio = figure.querySelector("audio");
    var dataNode = figure.querySelector("script.narrate-data");
    var data = dataNode ? JSON.parse(dataNode.textContent) : { sentences: [], chapters: [] };
    var meta = data.meta || {};
    var controls = figure.querySelector(".narrate-controls");
    var mini = figure.querySelector(".narrate-mini");
    var $ = function (name) { return figure.querySelector('[data-narrate="' + name + '"]'); };
    var play = $("play"), position = $("position"), speed = $("speed");
    var chapter = $("chapter"), follow = $("follow");
    var miniPlay = $("mini-play"), miniPosition = $("mini-position");
    var reduceMotion = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)");
    var transcript = figure.querySelector(".narrate-player-transcript");

    // A page narrate never rewrote: find the sentences in the article on the page itself.
    var outside = [].some.call(document.querySelectorAll("[data-narrate-sentence]"), function (el) {
      return !figure.contains(el);
    });
    if (!outside && typeof narrateFind === "function") {
      var found = narrateFind(data.sentences, figure, figure.getAttribute("data-narrate-article"));
      figure.setAttribute("data-narrate-found", String(found));
      if (found && transcript) transcript.hidden = true; // the page shows the text itself
    }
    var marks = {};
    document.querySelectorAll("[data-narrate-sentence]").forEach(function (el) {
      if (transcript && transcript.hidden && transcript.contains(el)) return;
      var id = el.getAttribute("data-narrate-sentence");
      (marks[id] = marks[id] || []).push(el);
      el.classList.add("narrate-ready");
      if (!el.hasAttribute("tabindex")) el.tabIndex = 0;
    });
    var all = data.sentences;
    var sentences = all.filter(function (s) { return marks[s.id]; });
    var byId = {};
    sentences.forEach(function (s) { byId[s.id] = s; });
    var current = null, currentWord = -1, ranges = {};

    controls.hidden = false;
    audio.controls = false;

    function clock(t) {
      t = Math.max(0, Math.round(t || 0));
      var h = Math.floor(t / 3600), m = Math.floor(t / 60) % 60, s = t % 60;
      return (h ? h + ":" + (m < 10 ? "0" : "") : "") + m + ":" + (s < 10 ? "0" : "") + s;
    }

    function lastStarted(list, t) {
      var found = -1;
      for (var i = 0; i < list.length && list[i].start <= t + 0.001; i++) found = i;
      return found;
    }

    function same(text) { // one kind of quote and space, length kept
      return text.replace(/[\u2018\u2019\u201a\u201b]/g, "'").replace(/[\u201c\u201d\u201e]/g, '"')
        .replace(/\u00a0/g, " ");
    }

    function wordRanges(sentence) {
      // Each written word's Range in the page, found in order in the sentence's own text.
      if (ranges[sentence.id]) return ranges[sentence.id];
      var nodes = [], text = "";
      marks[sentence.id].forEach(function (el) {
        var walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
        for (var n = walker.nextNode(); n; n = walker.nextNode()) {
          nodes.push([n, text.length]);
          text += n.data;
        }
      });
      text = same(text);
      function at(index) {
        for (var i = nodes.length - 1; i >= 0; i--) if (nodes[i][1] <= index) return [nodes[i][0], index - nodes[i][1]];
        return null;
      }
      var cursor = 0, found = [];
      (sentence.words || []).forEach(function (word) {
        var written = same(word[0]);
        var index = text.indexOf(written, cursor);
        if (index < 0) { found.push(null); return; }
        var start = at(index), end = at(index + written.length - 1);
        var range = document.createRange();
        range.setStart(start[0], start[1]);
        range.setEnd(end[0], end[1] + 1);
        found.push(range);
        cursor = index + written.length;
      });
      return (ranges[sentence.id] = found);
    }

    function showWord(sentence, t) {
      var index = -1;
      if (sentence && sentence.words && t <= sentence.end) {
        for (var i = 0; i < sentence.words.length && sentence.words[i][1] <= t + 0.001; i++) index = i;
      }
      if (index === currentWord && sentence === current) return;
      currentWord = index;
      figure.setAttribute("data-narrate-word", sentence && index >= 0 ? sentence.id + ":" + index : "");
      if (!window.CSS || !CSS.highlights || typeof Highlight === "undefined") return;
      var range = index >= 0 ? wordRanges(sentence)[index] : null;
      if (range) CSS.highlights.set("narrate-word", new Highlight(range));
      else CSS.highlights.delete("narrate-word");
    }

    function update() {
      var t = audio.currentTime;
      position.textContent = clock(t);
      if (miniPosition) miniPosition.textContent = clock(t);
      var index = lastStarted(sentences, t);
      var sentence = sentences[Math.max(index, 0)] || null;
      showWord(sentence, t);
      if (sentence !== current) {
        if (current) marks[current.id].forEach(function (el) { el.classList.remove("narrate-current"); });
        current = sentence;
        if (current) {
          marks[current.id].forEach(function (el) { el.classList.add("narrate-current"); });
          if (follow && follow.checked && !audio.paused) {
            var smooth = !(reduceMotion && reduceMotion.matches);
            marks[current.id][0].scrollIntoView({ block: "center", behavior: smooth ? "smooth" : "auto" });
          }
        }
      }
      var part = lastStarted(data.chapters, t);
      if (chapter && part >= 0 && chapter.selectedIndex !== part) chapter.selectedIndex = part;
    }

    function tick() {
      update();
      if (!audio.paused) window.requestAnimationFrame(tick);
    }

    function seek(t) {
      audio.currentTime = Math.max(0, Math.min(t, audio.duration || t));
      update();
      positionState();
    }

    function toggle() {
      if (audio.paused) audio.play().catch(function () {}); else audio.pause();
    }

    // The sentence before (or, more than 1.5 s into one, the start of this one) and after.
    function step(direction) {
      var t = audio.currentTime, index = lastStarted(all, t);
      var target = direction > 0 ? index + 1 : index >= 0 && t - all[index].start > 1.5 ? index : index - 1;
      if (target >= 0 && target < all.length) seek(all[target].start);
      else if (target < 0) seek(0);
    }

    // The compact player: in view while the audio plays and the full one is scrolled away.
    var away = false;
    function showMini() {
      if (mini) mini.hidden = !(away && !audio.paused);
    }
    if (mini && "IntersectionObserver" in window) {
      new IntersectionObserver(function (entries) {
        away = !entries[entries.length - 1].isIntersecting;
        showMini();
      }).observe(controls);
    }

    function positionState() {
      var session = navigator.mediaSession;
      if (!session || !session.setPositionState || !isFinite(audio.duration)) return;
      try {
        session.setPositionState({ duration: audio.duration, playbackRate: audio.playbackRate, position: audio.currentTime });
      } catch (error) { /* a position past the end while seeking */ }
    }

    // Lock screens, headsets and car displays: Media Session, set when playing starts.
    var session = false;
    function mediaSession() {
      if (session || !("mediaSession" in navigator)) return;
      session = true;
      if (typeof MediaMetadata === "function") {
        navigator.mediaSession.metadata = new MediaMetadata({
          title: meta.title || document.title,
          artist: meta.artist || "",
          album: meta.album || "",
          artwork: meta.artwork ? [{ src: new URL(meta.artwork, document.baseURI).href }] : [],
        });
      }
      var handlers = {
        play: function () { audio.play().catch(function () {}); },
        pause: function () { audio.pause(); },
        seekbackward: function (d) { seek(audio.currentTime - ((d && d.seekOffset) || 15)); },
        seekforward: function (d) { seek(audio.currentTime + ((d && d.seekOffset) || 15)); },
        seekto: function (d) { if (d && typeof d.seekTime === "number") seek(d.seekTime); },
        previoustrack: function () { step(-1); },
        nexttrack: function () { step(1); },
      };
      Object.keys(handlers).forEach(function (action) {
        try { navigator.mediaSession.setActionHandler(action, handlers[action]); } catch (error) { /* not supported here */ }
      });
    }

    function setPlaying() {
      var playing = !audio.paused;
      [play, miniPlay].forEach(function (button) {
        if (button) button.textContent = playing ? "Pause" : "Play";
      });
      if ("mediaSession" in navigator) navigator.mediaSession.playbackState = playing ? "playing" : "paused";
      if (playing) {
        mediaSession();
        positionState();
        window.requestAnimationFrame(tick);
      }
      showMini();
    }

    play.addEventListener("click", toggle);
    if (miniPlay) miniPlay.addEventListener("click", toggle);
    var back = $("mini-return");
    if (back) {
      back.addEventListener("click", function () {
        var smooth = !(reduceMotion && reduceMotion.matches);
        figure.scrollIntoView({ block: "start", behavior: smooth ? "smooth" : "auto" });
        play.focus({ preventScroll: true });
      });
    }
    $("back").addEventListener("click", function () { seek(audio.currentTime - 15); });
    $("forward").addEventListener("click", function () { seek(audio.currentTime + 15); });
    $("previous").addEventListener("click", function () { step(-1); });
    $("next").addEventListener("click", function () { step(1); });
    speed.addEventListener("change", function () { audio.playbackRate = parseFloat(speed.value); });
    if (chapter) chapter.addEventListener("change", function () { seek(parseFloat(chapter.value)); });
    ["play", "pause", "ended"].forEach(function (e) { audio.addEventListener(e, setPlaying); });
    ["timeupdate", "seeking", "seeked", "loadedmetadata"].forEach(function (e) { audio.addEventListener(e, update); });
    audio.addEventListener("ratechange", function () { speed.value = String(audio.playbackRate); positionState(); });

    function fromSentence(event) {
      if (event.target.closest(FORM)) return;
      var el = event.target.closest("[data-narrate-sentence]");
      var sentence = el && byId[el.getAttribute("data-narrate-sentence")];
      if (!sentence) return;
      if (event.type === "keydown") {
        if (event.key !== "Enter" && event.key !== " ") return;
        event.preventDefault();
      }
      seek(sentence.start);
      if (audio.paused) audio.play().catch(function () {});
    }

    // Shortcuts work where the player or a sentence has the focus (WCAG 2.1.4), never in a
    // form field or with a modifier key: k play/pause, j and l 15 s back and forward,
    // "," and "." the previous and next sentence.
    var KEYS = { k: toggle, j: function () { seek(audio.currentTime - 15); }, l: function () { seek(audio.currentTime + 15); },
      ",": function () { step(-1); }, ".": function () { step(1); } };
    function shortcut(event) {
      var action = KEYS[event.key];
      if (!action || event.ctrlKey || event.metaKey || event.altKey) return;
      var target = event.target;
      if (target.closest && target.closest("input, select, textarea, [contenteditable]")) return;
      if (!(figure.contains(target) || (target.closest && target.closest("[data-narrate-sentence]")))) return;
      event.preventDefault();
      action();
    }
    document.addEventListener("click", fromSentence);
    document.addEventListener("keydown", fromSentence);
    document.addEventListener("keydown", shortcut);
    update();
  }

  function start() {
    if (started) return;
    started = true;
    readAlong(document.getElementById("narrate-player"));
  }
  // The script sits in the player, before the article's sentences are parsed: start later.
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
  return readAlong;
})();
