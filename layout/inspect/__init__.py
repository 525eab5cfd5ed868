"""Inspection: what the finished PDF and the editors' files say, read back and judged.

* `preflight` — a PDF against PDF/X and the print plant's limits (fonts, images, colour, ink,
  boxes, PDF/X keys), as a printer would;
* `quality`, `typography` — measures of the body text and titles read from any tool's PDF;
* `proofread` — the words of the article files and the masthead items (校对).
"""
