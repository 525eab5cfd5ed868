"""The commands around the pipeline: what `broadsheet` does with a rendered issue for the
desk, the plant and the next day (the CLI itself is `layout.cli`; `make-up` is its stage's own,
`layout.makeup.command`).

* `deliver` — one preflighted PDF/X file per page and the delivery manifest, for the plant;
* `serve` (+ `serve_static/`) — the live preview, with `desk` (the findings beside the pages);
* `proof` — an article's A4 galley proof (WeasyPrint);
* `newissue` — the next issue's folder from the last one;
* `paths` (where a command writes), `fittable` (the fit table `render` prints), `sources`
  (findings pointed back at the file, line and column typed).
"""
