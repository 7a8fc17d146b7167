"""Check an SVG chart the way a reader sees it: accessible root, every text inside the
viewBox, no two texts overlapping. Text widths are estimated conservatively and
independently of the chart module: the larger of 0.6 em a character and the module's
own estimate (so a module that under-estimates cannot pass its own test)."""

from __future__ import annotations

import itertools
import xml.etree.ElementTree as ET
from dataclasses import dataclass

from msht_toolkit.render.html.svg_charts import text_width

SVG = "{http://www.w3.org/2000/svg}"


@dataclass(frozen=True)
class Box:
    text: str
    x0: float
    y0: float
    x1: float
    y1: float

    def overlaps(self, other: Box) -> bool:
        return (
            self.x0 < other.x1 and other.x0 < self.x1 and self.y0 < other.y1 and other.y0 < self.y1
        )


def parse(svg: str) -> ET.Element:
    root = ET.fromstring(svg)
    assert root.tag == f"{SVG}svg"
    return root


def text_boxes(root: ET.Element) -> list[Box]:
    boxes = []
    for el in root.iter(f"{SVG}text"):
        content = "".join(el.itertext())
        size = float(el.get("font-size", "16"))
        bold = el.get("font-weight") == "bold"
        width = max(0.6 * size * len(content), text_width(content, size, bold))
        x, y = float(el.get("x", "0")), float(el.get("y", "0"))
        anchor = el.get("text-anchor", "start")
        x0 = {"start": x, "middle": x - width / 2, "end": x - width}[anchor]
        boxes.append(Box(content, x0, y - 0.8 * size, x0 + width, y + 0.25 * size))
    return boxes


def check_chart(svg: str) -> ET.Element:
    """Assert the chart is readable; return its parsed root."""
    root = parse(svg)
    assert root.get("role") == "img"
    title = root.find(f"{SVG}title")
    desc = root.find(f"{SVG}desc")
    assert title is not None and (title.text or "").strip(), "no title"
    assert desc is not None and (desc.text or "").strip(), "no desc"
    ids = {el.get("id") for el in root.iter() if el.get("id")}
    for ref in (root.get("aria-labelledby") or "").split():
        assert ref in ids, f"aria-labelledby names a missing id {ref}"
    vx, vy, vw, vh = (float(v) for v in root.get("viewBox", "").split())
    boxes = text_boxes(root)
    for box in boxes:
        assert box.x0 >= vx - 0.01 and box.x1 <= vx + vw + 0.01, (
            f"{box} runs outside the width {vw}"
        )
        assert box.y0 >= vy - 0.01 and box.y1 <= vy + vh + 0.01, (
            f"{box} runs outside the height {vh}"
        )
    for a, b in itertools.combinations(boxes, 2):
        assert not a.overlaps(b), f"labels overlap: {a} and {b}"
    for el in root.iter():
        assert el.tag != f"{SVG}script" and not el.tag.endswith("foreignObject")
        for name, value in el.attrib.items():
            assert not name.lower().startswith("on"), f"event attribute {name}"
            if name.endswith("href"):
                assert value.startswith("#"), f"external reference {value}"
    return root


def texts(root: ET.Element) -> list[str]:
    return ["".join(el.itertext()) for el in root.iter(f"{SVG}text")]
