(function () {
  "use strict";
  // The script sits in the player, before the article's sentences are parsed: start later.
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", readAlong);
  } else {
    readAlong();
  }
  function readAlong() {
    var figure = document.getElementById("narrate-player");
    if (!figure) return;
    var audio = figure.querySelector("audio");
    var dataNode = figure.querySelector("script.narrate-data");
    var data = dataNode ? JSON.parse(dataNode.textContent) : { sentences: [], chapters: [] };
    var controls = figure.querySelector(".narrate-controls");
    var $ = function (name) { return figure.querySelector('[data-narrate="' + name + '"]'); };
    var play = $("play"), position = $("position"), speed = $("speed");
    var chapter = $("chapter"), follow = $("follow");
    var reduceMotion = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)");
    var marks = {};
    document.querySelectorAll("[data-narrate-sentence]").forEach(function (el) {
      var id = el.getAttribute("data-narrate-sentence");
      (marks[id] = marks[id] || []).push(el);
      el.classList.add("narrate-ready");
      if (!el.hasAttribute("tabindex")) el.tabIndex = 0;
    });
    var sentences = data.sentences.filter(function (s) { return marks[s.id]; });
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
      function at(index) {
        for (var i = nodes.length - 1; i >= 0; i--) if (nodes[i][1] <= index) return [nodes[i][0], index - nodes[i][1]];
        return null;
      }
      var cursor = 0, found = [];
      (sentence.words || []).forEach(function (word) {
        var index = text.indexOf(word[0], cursor);
        if (index < 0) { found.push(null); return; }
        var start = at(index), end = at(index + word[0].length - 1);
        var range = document.createRange();
        range.setStart(start[0], start[1]);
        range.setEnd(end[0], end[1] + 1);
        found.push(range);
        cursor = index + word[0].length;
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
    }

    function setPlaying() {
      var playing = !audio.paused;
      play.textContent = playing ? "Pause" : "Play";
      play.setAttribute("aria-label", playing ? "Pause" : "Play");
      if (playing) window.requestAnimationFrame(tick);
    }

    play.addEventListener("click", function () {
      if (audio.paused) audio.play().catch(function () {}); else audio.pause();
    });
    $("back").addEventListener("click", function () { seek(audio.currentTime - 15); });
    $("forward").addEventListener("click", function () { seek(audio.currentTime + 15); });
    speed.addEventListener("change", function () { audio.playbackRate = parseFloat(speed.value); });
    if (chapter) chapter.addEventListener("change", function () { seek(parseFloat(chapter.value)); });
    ["play", "pause", "ended"].forEach(function (e) { audio.addEventListener(e, setPlaying); });
    ["timeupdate", "seeking", "seeked", "loadedmetadata"].forEach(function (e) { audio.addEventListener(e, update); });
    audio.addEventListener("ratechange", function () { speed.value = String(audio.playbackRate); });

    function fromSentence(event) {
      if (event.target.closest("a, button, input, select, textarea, summary, audio")) return;
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
    document.addEventListener("click", fromSentence);
    document.addEventListener("keydown", fromSentence);
    update();
  }
})();
