"""Inspection: what the finished PDF and the editors' files say, read back and judged.

Reading:
* `content` — the one reader of PDF content streams (`ContentReader`: graphics and text
  state, forms, colours, paths, images, text glyph by glyph), with hooks for what it paints;
* `pdftext` — the lines a PDF draws, and its body text's columns and paragraphs.

Judging (every check reports `findings.Finding`s):
* `preflight` — a PDF against PDF/X and the print plant's limits, as a printer would: the
  pages walked once (`painted`), then colour (`colour`), images and ink (`images`), boxes and
  the standard's keys (`pdfx`), fonts; the standards themselves are `layout.standards`;
* `quality`, `typography` — measures of the body text and titles, from any tool's PDF;
* `proofread` — the words of the article files (read by `layout.read.article`), with
  `numberforms` (GB/T 15835) and `masthead` (CN number, 总期号, date, 版序).
"""
