"""What the plant gets (issue 17): the newsprint separation, PDF/X marks and boxes, page
delivery with its manifest, and the desk's soft proofs — each checked from the files made."""
import hashlib
import io
import json
import shutil
from pathlib import Path

import numpy
import pikepdf
import pytest
from PIL import Image, ImageCms

from layout.cli import main
from layout.render import render
from layout.style import NEWSPRINT_PROFILE

ROOT = Path(__file__).resolve().parent.parent
ISSUE_DIR = ROOT / "issues" / "3144"


def two_pages(target: Path) -> Path:
    """The sample with feature 2 moved to a page 2 of its own (text only): the sample itself
    is one page, and delivery is about pages."""
    shutil.copytree(ISSUE_DIR, target)
    toml = target / "issue.toml"
    text = toml.read_text(encoding="utf-8")
    start = text.index('[[pages.modules]]\narticle = "jianding-xinxin.md"')
    module = text[start:].replace("line = 73,", "line = 1,")
    toml.write_text(text[:start] + '[[pages]]\nnumber = 2\nsection = "要闻"\n\n' + module,
                    encoding="utf-8")
    return target


@pytest.fixture(scope="module")
def sample(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("plant") / "3144.pdf"
    render(ISSUE_DIR, out)
    return out


def photos(pdf: Path) -> list[Image.Image]:
    """Every image XObject of the PDF, decoded from its own data."""
    images = []
    with pikepdf.open(pdf) as document:
        for page in document.pages:
            for xobject in page.get_images().values():
                images.append(pikepdf.PdfImage(xobject).as_pil_image())
    return images


def test_the_newsprint_profile_ships_and_describes_coldset_newsprint():
    """The profile is in the repository (no argyll needed to render), a CMYK output profile,
    built from TR 002 and saying so."""
    data = NEWSPRINT_PROFILE.read_bytes()
    assert data[12:16] == b"prtr" and data[16:20] == b"CMYK"
    profile = ImageCms.ImageCmsProfile(io.BytesIO(data))
    assert "TR 002" in ImageCms.getProfileDescription(profile)
    assert "TR 002" in ImageCms.getProfileCopyright(profile)
    notes = (NEWSPRINT_PROFILE.parent / "README.md").read_text(encoding="utf-8")
    assert "CGATS/SNAP TR 002" in notes and hashlib.sha256(data).hexdigest() in notes


def test_the_sample_is_separated_for_newsprint_with_black_carrying_the_shadows(sample):
    """From the PDF's own image data: total ink within 240 % everywhere, and in the photo's
    darkest tones (by L*, through the embedded output profile) black is the main ink — heavy
    GCR, as coldset newsprint needs — rather than three colours piled up."""
    with pikepdf.open(sample) as document:
        [intent] = document.Root.OutputIntents
        assert str(intent.OutputConditionIdentifier) == "CGATS TR 002"
        assert str(intent.RegistryName) == "http://www.color.org"
        embedded = intent.DestOutputProfile.read_bytes()
    assert embedded == NEWSPRINT_PROFILE.read_bytes()
    [photo] = photos(sample)
    assert photo.mode == "CMYK"
    ink = numpy.asarray(photo, dtype=numpy.float64) / 255 * 100
    total = ink.sum(axis=2)
    assert total.max() <= 240.5
    to_lab = ImageCms.buildTransform(ImageCms.ImageCmsProfile(io.BytesIO(embedded)),
                                     ImageCms.createProfile("LAB"), "CMYK", "LAB",
                                     renderingIntent=ImageCms.Intent.RELATIVE_COLORIMETRIC)
    lightness = numpy.asarray(ImageCms.applyTransform(photo, to_lab))[:, :, 0]
    darkest = lightness <= numpy.percentile(lightness, 2)
    c, m, y, k = ink[darkest].mean(axis=0)
    assert k >= 75 and k > max(c, m, y), (c, m, y, k)
    assert total[darkest].mean() <= 240


def test_the_ink_guard_touches_almost_nothing_and_says_how_much(tmp_path, capsys):
    """The separation holds the ink; the clip after it is only a guard, and the render says
    how many pixels it touched."""
    assert main(["render", str(ISSUE_DIR), "-o", str(tmp_path / "x.pdf")]) == 0
    out = capsys.readouterr().out
    [line] = [line for line in out.splitlines() if line.startswith("photo tea-garden.jpg")]
    assert "CGATS-TR002-newsprint-GCR-TAC240.icc" in line
    clipped, pixels = [int(word) for word in line.split() if word.isdigit()][-2:]
    assert pixels == 2700 * 1800 and clipped < pixels * 0.01


def test_registration_marks_are_in_separation_all(sample):
    with pikepdf.open(sample) as document:
        for page in document.pages:
            spaces = page.Resources.ColorSpace
            separations = [spaces[name] for name in spaces.keys()
                           if isinstance(spaces[name], pikepdf.Array)
                           and spaces[name][0] == "/Separation"]
            assert [str(space[1]) for space in separations] == ["/All"]
            content = page.obj.Contents.read_bytes() if isinstance(
                page.obj.Contents, pikepdf.Stream) else b"".join(
                    part.read_bytes() for part in page.obj.Contents)
            assert b"1 1 1 1 K" not in content and b"1 1 1 1 k" not in content
            assert b" CS 1 SCN" in content              # the marks stroked in /All


def test_no_marks_means_the_media_box_is_the_bleed_box(tmp_path):
    issue = tmp_path / "issue"
    shutil.copytree(ISSUE_DIR, issue)
    (issue / "plain.toml").write_text('base = "jinzhong"\n\n[print]\nmarks = false\n',
                                      encoding="utf-8")
    toml = issue / "issue.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace('style = "jinzhong"',
                                                             'style = "plain.toml"'),
                    encoding="utf-8")
    pdf = render(issue, tmp_path / "plain.pdf").pdf
    with pikepdf.open(pdf) as document:
        for page in document.pages:
            media, bleed, trim = ([float(v) for v in page.obj[key]]
                                  for key in ("/MediaBox", "/BleedBox", "/TrimBox"))
            assert media == pytest.approx(bleed)
            assert trim[0] - bleed[0] == pytest.approx(3 * 72 / 25.4)
            assert "/ColorSpace" not in page.Resources         # no registration marks


def test_the_sample_as_pdf_x_4_passes_preflight_with_its_xmp_identity(tmp_path):
    from layout.inspect.findings import report
    from layout.inspect.preflight import preflight
    issue = tmp_path / "issue"
    shutil.copytree(ISSUE_DIR, issue)
    (issue / "x4.toml").write_text('base = "jinzhong"\n\n[print]\nstandard = "PDF/X-4"\n',
                                   encoding="utf-8")
    toml = issue / "issue.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace('style = "jinzhong"',
                                                             'style = "x4.toml"'),
                    encoding="utf-8")
    pdf = render(issue, tmp_path / "x4.pdf").pdf
    findings = preflight(pdf, standard="PDF/X-4", bleed_mm=3)
    assert [f for f in findings if f.severity in ("error", "warning")] == [], report(findings)
    with pikepdf.open(pdf) as document:
        meta = document.open_metadata()
        assert meta["pdfxid:GTS_PDFXVersion"] == "PDF/X-4"
        assert meta["xmpMM:VersionID"] == "1" and meta["xmpMM:RenditionClass"] == "default"
        assert meta["xmpMM:DocumentID"].startswith("uuid:")
        assert meta["xmpMM:InstanceID"].startswith("uuid:")
        assert meta["dc:title"] == str(document.docinfo.Title)


def test_deliver_writes_one_preflighted_file_per_page_and_a_manifest_that_matches(tmp_path,
                                                                               capsys):
    out = tmp_path / "pages"
    assert main(["deliver", str(two_pages(tmp_path / "issue")), "-o", str(out)]) == 0
    text = capsys.readouterr().out
    manifest = json.loads((out / "delivery.json").read_text(encoding="utf-8"))
    assert manifest["verdict"] == "pass" and manifest["output_condition"] == "CGATS TR 002"
    pages = manifest["pages"]
    assert [p["file"] for p in pages] == ["20240106-01.pdf", "20240106-02.pdf"]
    assert sorted(path.name for path in out.iterdir()) == [
        "20240106-01.pdf", "20240106-02.pdf", "delivery.json", "delivery.txt"]
    for entry in pages:
        data = (out / entry["file"]).read_bytes()
        assert entry["size"] == len(data)
        assert entry["sha256"] == hashlib.sha256(data).hexdigest()
        assert entry["verdict"] == "pass" and entry["status"] == "written"
        assert entry["section"] == "要闻"
        with pikepdf.open(out / entry["file"]) as document:
            assert len(document.pages) == 1
            assert str(document.docinfo.GTS_PDFXConformance) == "PDF/X-1a:2003"
            assert f"第{entry['page']}版" in str(document.docinfo.Title)
        assert entry["file"] in text and entry["sha256"][:16] in text
    first, second = pages
    [photo] = photos(out / first["file"])
    ink = numpy.asarray(photo, dtype=numpy.uint16).sum(axis=2).max() * 100 / 255
    assert first["max_ink"] == pytest.approx(ink, abs=0.1)
    assert 170 <= first["lowest_ppi"] and second["lowest_ppi"] is None
    assert second["max_ink"] == 100.0                   # text only: black
    assert first["ink_guard_pixels"] == 0 == second["ink_guard_pixels"]


def test_deliver_rewrites_only_the_pages_that_changed(tmp_path):
    issue = two_pages(tmp_path / "issue")
    out = tmp_path / "pages"
    main(["deliver", str(issue), "-o", str(out)])
    before = {path.name: path.stat().st_mtime_ns for path in out.glob("*.pdf")}
    main(["deliver", str(issue), "-o", str(out)])
    manifest = json.loads((out / "delivery.json").read_text(encoding="utf-8"))
    assert [p["status"] for p in manifest["pages"]] == ["unchanged", "unchanged"]
    assert {path.name: path.stat().st_mtime_ns for path in out.glob("*.pdf")} == before
    story = issue / "maoding-mubiao.md"         # on page 1 only
    story.write_text(story.read_text(encoding="utf-8").replace("冬至阳生", "冬至一阳生"),
                     encoding="utf-8")
    main(["deliver", str(issue), "-o", str(out)])
    manifest = json.loads((out / "delivery.json").read_text(encoding="utf-8"))
    assert [p["status"] for p in manifest["pages"]] == ["written", "unchanged"]
    assert (out / "20240106-02.pdf").stat().st_mtime_ns == before["20240106-02.pdf"]
    assert (out / "20240106-01.pdf").stat().st_mtime_ns != before["20240106-01.pdf"]
    assert "this delivery" in (out / "delivery.txt").read_text(encoding="utf-8")


def test_a_page_that_fails_preflight_fails_the_delivery_and_keeps_off_its_name(tmp_path,
                                                                             monkeypatch):
    from layout.commands import deliver
    from layout.inspect.findings import Finding
    real = deliver.preflight

    def failing_page_2(pdf, **limits):
        found = real(pdf, **limits)
        with pikepdf.open(pdf) as document:
            if "第2版" in str(document.docinfo.Title):
                found.append(Finding("error", "ink", 1, "test", "made to fail"))
        return found

    monkeypatch.setattr(deliver, "preflight", failing_page_2)
    out = tmp_path / "pages"
    assert main(["deliver", str(two_pages(tmp_path / "issue")), "-o", str(out)]) == 1
    manifest = json.loads((out / "delivery.json").read_text(encoding="utf-8"))
    assert manifest["verdict"] == "fail"
    assert [(p["file"], p["verdict"]) for p in manifest["pages"]] == [
        ("20240106-01.pdf", "pass"), ("20240106-02.failed.pdf", "fail")]
    assert not (out / "20240106-02.pdf").exists() and (out / "20240106-02.failed.pdf").is_file()
    assert "made to fail" in (out / "delivery.txt").read_text(encoding="utf-8")


def test_soft_proof_and_separations_are_images_of_the_printed_page(tmp_path, capsys):
    out = tmp_path / "preview"
    assert main(["preview", str(two_pages(tmp_path / "issue")), "-o", str(out), "--dpi", "20",
                 "--proof", "--separations"]) == 0
    proofs = sorted(out.glob("3144-proof-*.png"))
    assert [p.name for p in proofs] == ["3144-proof-1.png", "3144-proof-2.png"]
    with Image.open(proofs[1]) as proof:       # page 2: mostly paper
        assert proof.mode == "RGB"
        assert proof.size == (round(390 / 25.4 * 20), round(545 / 25.4 * 20))
        r, g, b = proof.getpixel((proof.width - 3, proof.height - 3))   # the paper
        assert 170 < b < g <= r < 235          # newsprint: grey, a little yellow, not white
    for number in (1, 2):
        plates = {}
        for ink in "CMYK":
            with Image.open(out / f"3144-page-{number}-{ink}.png") as plate:
                plates[ink] = numpy.asarray(plate.convert("L"), dtype=numpy.float64)
        inked = {ink: (plate < 128).mean() for ink, plate in plates.items()}
        assert inked["K"] > 0.01                # the text
        if number == 2:                         # text only: nothing but marks on C, M, Y
            assert max(inked["C"], inked["M"], inked["Y"]) < 0.002
        else:                                   # the photo is on every plate
            assert min((plates[ink] < 245).mean() for ink in "CMY") > 0.03
        # the registration mark at the top centre prints on all four plates
        width = plates["K"].shape[1]
        for ink, plate in plates.items():
            assert plate[:, width // 2 - 2: width // 2 + 3][:20].min() < 128, ink
