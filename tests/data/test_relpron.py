"""The RELPRON and GS2012-sentence readers."""

from __future__ import annotations

from pathlib import Path

import pytest

from discojax.data import RelpronProperty, read_gs2012_sentences, read_relpron
from discojax.errors import DataError

SAMPLE = (
    "OBJ garrison_N: organization_N that army_N install_V\n"
    "SBJ garrison_N: organization_N that defend_V castle_N \n"
    "\n"
    "SBJ traffic_N: device_N that control_V flow_N\n"
)


def write(tmp_path: Path, text: str, name: str = "relpron.dev") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8"))
    return path


def test_reads_properties_in_the_written_order(tmp_path) -> None:
    path = write(tmp_path, SAMPLE)
    obj, sbj, traffic = read_relpron(path)

    assert obj == RelpronProperty(
        "OBJ", "garrison", "organization", "army", "install", str(path), 1
    )
    assert obj.words == ("organization", "that", "army", "install")
    assert obj.text == obj.phrase == "organization that army install"
    assert (obj.subject, obj.verb, obj.object) == ("army", "install", "organization")

    assert sbj.line == 2
    assert (sbj.label, sbj.term, sbj.head, sbj.argument, sbj.verb) == (
        "SBJ",
        "garrison",
        "organization",
        "castle",
        "defend",
    )
    assert sbj.text == "organization that defend castle"
    assert (sbj.subject, sbj.verb, sbj.object) == ("organization", "defend", "castle")

    assert traffic.line == 4  # the blank line 3 is skipped but counted
    assert traffic.phrase == "device that control flow"


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("SBJ traffic_N: device_N that control_V", r"expected 'SBJ\|OBJ term_N: head_N that X Y'"),
        ("REL traffic_N: device_N that control_V flow_N", r"expected 'SBJ\|OBJ"),
        ("SBJ traffic_N: device_N which control_V flow_N", r"expected 'SBJ\|OBJ"),
        ("SBJ traffic_N device_N that control_V flow_N", r"expected a colon after the term"),
        (
            "SBJ traffic_V: device_N that control_V flow_N",
            r"expected a word ending in _N, got 'traffic_V'",
        ),
        (
            "SBJ traffic_N: device that control_V flow_N",
            r"expected a word ending in _N, got 'device'",
        ),
        (
            "SBJ traffic_N: device_N that flow_N control_V",
            r"an SBJ property is 'head_N that verb_V argument_N'",
        ),
        (
            "OBJ museum_N: building_N that visit_V tourist_N",
            r"an OBJ property is 'head_N that argument_N verb_V'",
        ),
        ("OBJ museum_N: building_N that _N visit_V", r"expected a word ending in _N, got '_N'"),
    ],
)
def test_malformed_lines_name_file_and_line(tmp_path, line, message) -> None:
    path = write(tmp_path, SAMPLE + line + "\n")
    with pytest.raises(DataError, match=rf"relpron\.dev:5: {message}") as caught:
        read_relpron(path)
    assert caught.value.line == 5


def test_missing_file(tmp_path) -> None:
    with pytest.raises(DataError, match="no such data file"):
        read_relpron(tmp_path / "relpron.test")


def test_gs2012_sentences(tmp_path) -> None:
    path = write(
        tmp_path,
        "original,completed\n"
        "statistical table show good result,The statistical table shows the good result.\n"
        "recent study express significant correlation,"
        "The recent study expresses the significant correlation.\n",
        "GS2012_sentences.csv",
    )
    assert read_gs2012_sentences(path) == {
        "statistical table show good result": "The statistical table shows the good result.",
        "recent study express significant correlation": (
            "The recent study expresses the significant correlation."
        ),
    }
    bad = write(tmp_path, "original,completed\nno comma here\n", "bad.csv")
    with pytest.raises(DataError, match=r"bad\.csv:2: expected two fields"):
        read_gs2012_sentences(bad)
