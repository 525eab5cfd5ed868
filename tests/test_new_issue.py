"""`broadsheet new`: the next issue from the previous one (issue 20)."""
import datetime
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from layout.errors import BroadsheetError
from layout.commands.newissue import next_publishing_day

ROOT = Path(__file__).resolve().parent.parent


def broadsheet(*args, cwd):
    return subprocess.run([sys.executable, "-m", "layout.cli", *map(str, args)], cwd=cwd,
                          capture_output=True, text=True)


def test_the_next_issue_of_the_sample(tmp_path):
    result = broadsheet("new", "3145", "--from", ROOT / "issues" / "3144", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == ("3145/issue.toml: 第3145期 2024年1月8日 "
                                             "癸卯年十一月廿七 星期一 (the next publishing "
                                             "weekday in jinzhong's schedule)")
    issue = tomllib.loads((tmp_path / "3145" / "issue.toml").read_text(encoding="utf-8"))
    assert issue["number"] == 3145 and issue["date"] == datetime.date(2024, 1, 8)
    assert issue["weekday"] == "星期一" and issue["style"] == "jinzhong"
    previous = tomllib.loads((ROOT / "issues" / "3144" / "issue.toml").read_text(encoding="utf-8"))
    assert [(p["number"], p["section"]) for p in issue["pages"]] == \
        [(p["number"], p["section"]) for p in previous["pages"]]
    modules = [m for page in issue["pages"] for m in page["modules"]]
    old = [m for page in previous["pages"] for m in page["modules"]]
    assert [m.get("article") for m in modules] == ["p1-1.md", "p1-2.md"]
    assert all("place" not in m and "headline_size" not in m for m in modules)
    assert [m.get("priority") for m in modules] == [m.get("priority") for m in old]
    # the photo's size was the old copy's photo's: the new copy may have none, and a size
    # for a story without a photo is refused
    assert old[0].get("photo") and not any("photo" in m or "photo_columns" in m
                                           for m in modules)
    text = (tmp_path / "3145" / "issue.toml").read_text(encoding="utf-8")
    place = ", ".join(f"{k} = {v}" for k, v in old[0]["place"].items())
    assert f"# place = {{ {place} }}   (issue 3144's)" in text
    assert (tmp_path / "3145" / "p1-1.md").read_text(encoding="utf-8") == \
        "---\nkicker:\nheadline:\ndeck:\nbyline:\n---\n\n"
    assert sorted(p.name for p in (tmp_path / "3145").iterdir()) == \
        ["issue.toml", "p1-1.md", "p1-2.md"]


def test_date_overrides_the_schedule_and_must_come_after(tmp_path):
    result = broadsheet("new", "x", "--from", ROOT / "issues" / "3144", "--date", "2024-01-07",
                        cwd=tmp_path)
    assert result.returncode == 0 and "2024年1月7日" in result.stdout and "given" in result.stdout
    earlier = broadsheet("new", "y", "--from", ROOT / "issues" / "3144", "--date", "2024-01-06",
                         cwd=tmp_path)
    assert earlier.returncode == 2 and "is not after the previous issue's" in earlier.stderr
    again = broadsheet("new", "x", "--from", ROOT / "issues" / "3144", cwd=tmp_path)
    assert again.returncode == 2 and "not empty" in again.stderr


def test_a_style_without_a_schedule_asks_for_one_or_a_date(tmp_path):
    result = broadsheet("new", "x", "--from", ROOT / "tests" / "data" / "sikai", cwd=tmp_path)
    assert result.returncode == 2 and result.stdout == ""
    assert "sikai.toml: schedule: the style has no publishing schedule" in result.stderr
    assert "--date" in result.stderr and not (tmp_path / "x").exists()


@pytest.mark.parametrize("after, schedule, expected", [
    ("2024-01-06", {"weekdays": [1, 3, 5]}, "2024-01-08"),        # Saturday → Monday
    ("2024-01-08", {"weekdays": [1, 3, 5]}, "2024-01-10"),
    ("2024-02-07", {"weekdays": [1, 3, 5], "skipped": ["2024-02-09", "2024-02-12"]},
     "2024-02-14"),                                                # 春节: two days skipped
    ("2024-01-08", {"weekdays": [1, 3, 5], "extra": ["2024-01-09"]}, "2024-01-09"),
    ("2024-01-06", {"weekdays": list(range(1, 8))}, "2024-01-07"),  # a daily
])
def test_next_publishing_day(after, schedule, expected):
    day = datetime.date.fromisoformat
    schedule = {key: [day(v) if isinstance(v, str) else v for v in values]
                for key, values in schedule.items()}
    assert next_publishing_day(day(after), schedule, "s")[0] == day(expected)


def test_a_schedule_with_no_day_is_an_error():
    with pytest.raises(BroadsheetError, match="no publishing day within a year"):
        next_publishing_day(datetime.date(2024, 1, 1), {"weekdays": []}, "s")


def test_ads_and_picture_modules_are_not_carried_over(tmp_path):
    previous = ROOT / "tests" / "data" / "pagecarry"
    result = broadsheet("new", "next", "--from", previous, "--date", "2030-01-02", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    issue = tomllib.loads((tmp_path / "next" / "issue.toml").read_text(encoding="utf-8"))
    old = tomllib.loads((previous / "issue.toml").read_text(encoding="utf-8"))
    kept = [m for p in issue["pages"] for m in p.get("modules", [])]
    stories = [m for p in old["pages"] for m in p.get("modules", [])
               if "article" in m or "continues" in m]
    assert len(kept) == len(stories)
    assert all(not {"ad", "pictures", "place"} & set(m) for m in kept)
    others = sum(len(p.get("modules", [])) for p in old["pages"]) - len(stories)
    assert others > 0
    assert f"{others} ad or picture module(s) of the previous issue not carried over" \
        in result.stdout
