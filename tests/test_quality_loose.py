"""`quality` tells a loose line no setting avoids (before a number with its unit that cannot
join the words before it) from one a better choice of breaks avoids (issue 16's exception),
on a PDF drawn with ReportLab alone, as another tool would draw it."""
from layout.inspect.quality import measure_pdf

SIZE, MEASURE, PITCH = 9.0, 13 * 9.0, 13.5
NUMBER = "87,287.20万元"
# Nine words, then the number: too few to fill two lines at 0.25 em, none of them can join it.
FORCED = ["晶丰明源首次公开发", "行股票募集资金总额为", NUMBER + "，扣除发行", "费用后。"]
# Twelve words before the number: 9 on the first line and 12 on the second would do.
AVOIDABLE = ["甲乙丙丁戊己庚辛壬癸子", "丑寅卯辰巳午未申酉戌", NUMBER + "，扣除发行", "费用后。"]
FILLER = ["甲乙丙丁戊己庚辛壬癸子", "丑寅卯辰巳午未申酉戌亥甲", "乙丙丁。"]


def _draw(path, paragraphs, truetype_font, opens=True):
    """Each paragraph justified to the measure, its first line indented 2 em (the first
    paragraph's too unless `opens` is false: it started before the page)."""
    from reportlab.pdfgen import canvas
    font = truetype_font("QLoose", "kai", "".join("".join(p) for p in paragraphs) + "news@sxjzxw.com")
    pdf = canvas.Canvas(str(path), pagesize=(400, 800))
    pdf.setFont(font, SIZE)
    y = 760.0
    for p, paragraph in enumerate(paragraphs):
        for n, text in enumerate(paragraph):
            x = 50 + (2 * SIZE if n == 0 and (p or opens) else 0)
            widths = [pdf.stringWidth(c, font, SIZE) for c in text]
            room = 50 + MEASURE - x - sum(widths)
            extra = room / (len(text) - 1) if n < len(paragraph) - 1 else 0.0
            for char, width in zip(text, widths):   # justified, one operator a character
                pdf.drawString(x, y, char)
                x += width + extra
            y -= PITCH
    pdf.save()


def test_a_loose_line_no_setting_avoids_is_told_from_an_avoidable_one(tmp_path, truetype_font):
    forced = tmp_path / "forced.pdf"
    _draw(forced, [FILLER, FORCED, FILLER, FILLER], truetype_font)
    quality = measure_pdf(forced, MEASURE, SIZE)
    assert quality.widest_spacing > 0.3
    assert (quality.loose_lines, quality.loose_forced) == (0, 1)

    avoidable = tmp_path / "avoidable.pdf"
    _draw(avoidable, [FILLER, AVOIDABLE, FILLER, FILLER], truetype_font)
    quality = measure_pdf(avoidable, MEASURE, SIZE)
    assert (quality.loose_lines, quality.loose_forced) == (1, 0)


def test_a_paragraph_that_starts_out_of_sight_proves_nothing(tmp_path, truetype_font):
    """The forced paragraph's opening is not in the PDF (it heads the page unindented, as a
    continuation does): the words before it might have filled the lines."""
    pdf = tmp_path / "cut.pdf"
    _draw(pdf, [["甲乙丙丁戊己庚辛壬癸子丑寅"] + FORCED[1:], FILLER, FILLER], truetype_font,
          opens=False)
    quality = measure_pdf(pdf, MEASURE, SIZE)
    assert (quality.loose_lines, quality.loose_forced) == (1, 0)


def test_a_loose_line_before_an_address_is_avoidable(tmp_path, truetype_font):
    """An e-mail address may break before its @ (as the composer breaks one rather than
    space a line out), so the line spaced out before it is counted as avoidable."""
    address = ["晶丰明源首次公开发", "行股票募集资金总额为", "news@sxjzxw.com，扣除", "费用后。"]
    path = tmp_path / "address.pdf"
    _draw(path, [FILLER, address, FILLER], truetype_font)
    quality = measure_pdf(path, MEASURE, SIZE)
    assert (quality.loose_lines, quality.loose_forced) == (1, 0)
