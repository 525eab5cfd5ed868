"""layout.inspect.content: the one reader of PDF content streams, on a page written by hand."""
from __future__ import annotations

import pikepdf
import pytest

from layout.inspect.content import ContentReader, multiply
from layout.inspect.pdftext import extract_lines
from layout.inspect.preflight import preflight

# Helvetica's codes 65… (A, B, C…) all 500/1000 em wide; ToUnicode maps them to A, B, C…
TO_UNICODE = (b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
              b"1 begincodespacerange <00> <FF> endcodespacerange\n"
              b"1 beginbfrange <41> <5A> <0041> endbfrange\n"
              b"endcmap CMapName currentdict /CMap defineresource pop end end\n")


def write_page(tmp_path, content: bytes, resources=lambda doc: {}):
    doc = pikepdf.new()
    font = pikepdf.Dictionary(Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1,
                              BaseFont=pikepdf.Name.Helvetica, FirstChar=65,
                              Widths=pikepdf.Array([500] * 26),
                              ToUnicode=doc.make_stream(TO_UNICODE))
    page = doc.add_blank_page(page_size=(200, 200))
    page.obj.Resources = pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=font),
                                            **resources(doc))
    page.obj.Contents = doc.make_stream(content)
    path = tmp_path / "page.pdf"
    doc.save(path)
    return path


def test_text_advances_by_the_widths_tj_adjustments_and_spacing(tmp_path):
    pdf = write_page(tmp_path, b"BT /F1 10 Tf 10 20 Td [(AB) -1000 (C)] TJ (D) Tj "
                               b"2 Tc (EF) Tj 0 -12 TD (G) ' 3 1 (HI) \" ET")
    lines = extract_lines(pdf)
    # TD moves down 12 and sets the leading; ' and " each move down one leading more
    assert [(line.text, line.y) for line in lines] == [("ABCDEF", 20.0), ("G", -4.0),
                                                        ("HI", -16.0)]
    xs = [round(g.x, 3) for g in lines[0].glyphs]
    # 5 pt a glyph; the TJ's -1000 moves on 10 pt; Tc 2 adds 2 pt after each glyph
    assert xs == [10, 15, 30, 35, 40, 47]
    assert [round(g.x, 3) for g in lines[2].glyphs] == [10, 16]     # " sets Tc 1 (Tw 3)


def test_the_ctm_and_forms_place_what_they_draw(tmp_path):
    def form(doc):
        square = doc.make_stream(b"0 0 1 1 re f")
        square.Type, square.Subtype = pikepdf.Name.XObject, pikepdf.Name.Form
        square.BBox, square.Matrix = [0, 0, 1, 1], [1, 0, 0, 1, 5, 0]
        return {"XObject": pikepdf.Dictionary(Fm0=square)}

    pdf = write_page(tmp_path, b"q 2 0 0 3 10 20 cm /Fm0 Do Q 0 0 4 4 re f", form)

    class Boxes(ContentReader):
        def __init__(self):
            super().__init__()
            self.boxes = []

        def paint(self, state, resources, what, op, depth, box=None):
            self.boxes.append((what, tuple(round(v, 3) for v in box)))

    with pikepdf.open(pdf) as document:
        reader = Boxes()
        reader.read_page(document.pages[0], 1)
    # the form's unit square at x 5 in form space, scaled 2 × 3, moved to (10, 20): x 20–22,
    # y 20–23; the page's square after Q, at the identity; each box grown by half the line
    # width (1) as the CTM scales it (2 in the form, 1 on the page)
    assert reader.boxes == [("f", (19.0, 19.0, 23.0, 24.0)), ("f", (-0.5, -0.5, 4.5, 4.5))]
    assert multiply((2, 0, 0, 3, 10, 20), (1, 0, 0, 1, 5, 0)) == (2, 0, 0, 3, 15, 20)


@pytest.mark.parametrize("content", [
    b"BT /F1 10 Tf 10 20 Td (A) /Bad TJ ET",          # a TJ that is no array
    b"BT /F1 10 Tf /x /y Td (A) Tj /z Tc (B) Tj ET",  # numbers that are names
    b"BT /F1 10 Tf (A) \" ET",                       # a " without its spacing
])
def test_malformed_text_operators_are_skipped_not_fatal(tmp_path, content):
    pdf = write_page(tmp_path, content)
    extract_lines(pdf)
    assert not [f for f in preflight(pdf) if "cannot" in f.message]
