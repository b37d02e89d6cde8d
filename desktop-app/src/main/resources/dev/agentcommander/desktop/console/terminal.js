// The page's side of the terminal: an xterm.js Terminal at the pane's own size, its font scaled to fit the
// window. Java (TerminalView) drives it through window.ac and hears typed input through window.bridge.
(function () {
  'use strict';
  var BASE_FONT = 14, MIN_FONT = 5, MAX_FONT = 22;
  var term = null;
  // Output waits here and is parsed a few pieces per frame, within a time budget Java sets: Java calls pump() once
  // per frame while output waits, so a flood cannot keep the page (and the FX thread it runs on) from drawing. Java
  // drops what waits too long and asks for a repaint instead.
  var FRAME_MS = 16;
  var queue = [], queued = 0, parsing = 0, budgetMs = 8, pumping = false, lastPump = -FRAME_MS;

  // At most one batch per frame, however often Java calls: it calls again while output waits.
  function pump() {
    if (pumping || queue.length === 0 || performance.now() - lastPump < FRAME_MS) { return; }
    pumping = true;
    lastPump = performance.now();
    var start = 0;
    (function next() {
      var piece = queue.shift();
      queued -= piece.length;
      parsing += piece.length;
      // xterm.js parses in its own timer, and goes on with what is written from this callback in the same turn
      term.write(piece, function () {
        parsing -= piece.length;
        var now = performance.now();
        if (!start) { start = now; }
        if (queue.length > 0 && now - start < budgetMs) {
          next();
        } else {
          pumping = false;
        }
      });
    })();
  }

  function screenSize() {
    var screen = term.element.querySelector('.xterm-screen');
    return { width: screen.offsetWidth, height: screen.offsetHeight };
  }

  // Scales the font so that cols x rows fill the window without reflowing the pane.
  function fit() {
    var width = window.innerWidth, height = window.innerHeight;
    if (!term || width <= 0 || height <= 0) { return; }
    var size = screenSize();
    if (size.width <= 0 || size.height <= 0) { return; }
    var font = term.options.fontSize;
    var target = Math.max(MIN_FONT, Math.min(MAX_FONT, font * Math.min(width / size.width, height / size.height)));
    target = Math.floor(target * 2) / 2;
    for (var tries = 0; tries < 8; tries++) {
      if (target !== term.options.fontSize) { term.options.fontSize = target; }
      size = screenSize();
      if ((size.width <= width && size.height <= height) || target <= MIN_FONT) { break; }
      target = Math.max(MIN_FONT, target - 0.5);
    }
    var box = document.getElementById('terminal');
    box.style.left = Math.max(0, Math.floor((width - size.width) / 2)) + 'px';
    box.style.top = Math.max(0, Math.floor((height - size.height) / 2)) + 'px';
  }

  function cellInfo(cell) {
    function colour(mode, rgb, palette, value) {
      if (rgb) { return '#' + ('000000' + value.toString(16)).slice(-6); }
      if (palette) { return 'p' + value; }
      return 'default';
    }
    return {
      chars: cell.getChars(),
      width: cell.getWidth(),
      fg: colour(cell.getFgColorMode(), cell.isFgRGB(), cell.isFgPalette(), cell.getFgColor()),
      bg: colour(cell.getBgColorMode(), cell.isBgRGB(), cell.isBgPalette(), cell.getBgColor()),
      bold: cell.isBold() !== 0,
      underline: cell.isUnderline() !== 0,
      inverse: cell.isInverse() !== 0
    };
  }

  window.ac = {
    init: function (cols, rows, readOnly) {
      term = new Terminal({
        cols: cols, rows: rows, fontSize: BASE_FONT, scrollback: 1000, allowProposedApi: true,
        fontFamily: '"DejaVu Sans Mono", "Liberation Mono", monospace', cursorBlink: false,
        disableStdin: readOnly, convertEol: false,
        theme: { background: '#0d1117', foreground: '#c9d1d9', cursor: '#58a6ff', selectionBackground: '#264f78' }
      });
      term.loadAddon(new Unicode11Addon.Unicode11Addon());
      term.unicode.activeVersion = '11';
      term.open(document.getElementById('terminal'));
      term.onData(function (data) { if (window.bridge) { window.bridge.input(data); } });
      term.onBinary(function (data) { if (window.bridge) { window.bridge.binary(data); } });
      window.addEventListener('resize', fit);
      fit();
      return true;
    },
    // Queues decoded text (parsed by pump()); answers how many characters are not parsed yet.
    write: function (text) {
      queue.push(text);
      queued += text.length;
      return queued + parsing;
    },
    pump: function () { pump(); return queued + parsing; },
    pending: function () { return queued + parsing; },
    // Milliseconds of parsing per frame this terminal may take (Java shares a frame between busy terminals).
    budget: function (ms) { budgetMs = ms; },
    resize: function (cols, rows) {
      if (term.cols !== cols || term.rows !== rows) { term.resize(cols, rows); }
      fit();
    },
    fit: fit,
    readOnly: function (readOnly) { term.options.disableStdin = readOnly; },
    focus: function () { term.focus(); },
    paste: function (text) { term.paste(text); },
    fontSize: function () { return term.options.fontSize; },
    // The pane size that would fill the window at the base font size (for an explicit "fit pane to view").
    sizeForView: function () {
      var size = screenSize(), scale = BASE_FONT / term.options.fontSize;
      var cellWidth = size.width / term.cols * scale, cellHeight = size.height / term.rows * scale;
      return JSON.stringify({
        cols: Math.max(2, Math.floor(window.innerWidth / cellWidth)),
        rows: Math.max(2, Math.floor(window.innerHeight / cellHeight))
      });
    },
    // Read back for tests and the grid's previews: what xterm.js itself holds.
    size: function () { return JSON.stringify({ cols: term.cols, rows: term.rows }); },
    bufferType: function () { return term.buffer.active.type; },
    lines: function () {
      var buffer = term.buffer.active, out = [];
      for (var y = 0; y < term.rows; y++) {
        var line = buffer.getLine(buffer.viewportY + y);
        out.push(line ? line.translateToString(true) : '');
      }
      return JSON.stringify(out);
    },
    cell: function (x, y) {
      var buffer = term.buffer.active, line = buffer.getLine(buffer.viewportY + y);
      var cell = line ? line.getCell(x) : null;
      return cell ? JSON.stringify(cellInfo(cell)) : 'null';
    },
    cursor: function () {
      var buffer = term.buffer.active;
      return JSON.stringify({ x: buffer.cursorX, y: buffer.cursorY });
    }
  };
})();
