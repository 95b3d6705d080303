"""Web pages read like a browser reads them (issue 11, item 4): pages written for these
tests in the shapes of a news site and of ministry sites (no <article> or <main>;
menus, breadcrumbs, bylines, share links, sidebars and copyright lines in plain divs)."""

from __future__ import annotations

from pathlib import Path

import pytest

from communique.models import RawDocument
from communique.pipeline.ingest import IngestOptions, iter_documents
from communique.pipeline.ingest.html import read_page

NEWS = """<!DOCTYPE html><html lang="en"><head><title>Floods: 300 evacuated | Daily Courier</title>
<script type="application/ld+json">{"@context": "https://schema.org", "@type": "NewsArticle",
"headline": "Floods: 300 evacuated", "datePublished": "2021-07-15T08:30:00+05:00"}</script>
</head><body>
<div class="top-bar"><a href="/">Home</a> <a href="/world">World</a>
<a href="/login">Sign in</a></div>
<div class="breadcrumbs"><a href="/">Home</a> &gt; <a href="/world">World</a> &gt; Asia</div>
<div class="story"><h1>Floods: 300 evacuated</h1>
<div class="byline">By Staff Reporter</div>
<div class="share"><a href="#">Share on Facebook</a> <a href="#">Tweet</a>
<a href="#">Email</a></div>
<div class="story-body">
<p>Rescue teams evacuated more than 300 residents from flooded villages in the south of the
country last night, the emergency committee said.</p>
<p>Pumps ran overnight to clear the main road, and mobile kitchens were set up for the families
whose houses were damaged.</p></div></div>
<div class="sidebar"><h3>Most read</h3><ul><li><a href="/a">Election results announced</a></li>
<li><a href="/b">Heatwave warning for the weekend</a></li></ul></div>
<div class="footer">Copyright 2021 Daily Courier. All rights reserved.
<a href="/p">Privacy</a></div>
</body></html>"""

MINISTRY = """<html><head><title>Ministry of Foreign Affairs</title></head><body>
<div id="header"><img src="logo.png" alt="Ministry"><div class="menu"><a href="/">Main</a> |
<a href="/news">News</a> | <a href="/contacts">Contacts</a></div></div>
<div id="content"><div class="news-item">
<h2 class="news-title">Consultations between the foreign ministries held in Ashgabat</h2>
<div class="news-date">14 March 2019</div>
<div class="news-text">
<p>On 14 March, political consultations between the Ministries of Foreign Affairs of the two
countries were held in Ashgabat.</p>
<p>The sides considered the state of cooperation in the trade, economic and cultural spheres.</p>
</div><div class="print"><a href="#">Print version</a> <a href="#">Download PDF</a></div>
</div></div><div id="footer">© 2019 Ministry of Foreign Affairs. All rights reserved.</div>
</body></html>"""

TIMED = """<html><head><title>Court ruling</title></head><body>
<div class="nav"><a href="/">Home</a> <a href="/press">Press</a></div>
<div class="post"><h1>Supreme Court overturns conviction of a journalist</h1>
<time>March 9, 2022</time>
<p>The Supreme Court on Tuesday overturned the conviction of a local journalist and ordered his
immediate release, finding that the lower court had not examined the evidence.</p>
<p>The prosecution may not appeal the ruling, the court said in its decision.</p></div>
<div class="footer">Copyright 2022 Court Press Office</div></body></html>"""

UNDATED = """<html><head><title>Notice</title></head><body><div class="nav"><a href="/">Home</a>
</div><div class="c"><h1>Office closed for repairs</h1><p>The consular office in the capital was
closed for repairs and visitors were sent to the branch office in the north of the city.</p>
<p>Appointments already made remain valid and will be honoured at the branch office.</p></div>
<div class="footer">Copyright 2021 Consular Service</div></body></html>"""


@pytest.mark.parametrize(("markup", "title", "published", "text"), [
    (NEWS, "Floods: 300 evacuated", "2021-07-15",
     "Floods: 300 evacuated\n\nRescue teams evacuated more than 300 residents from flooded "
     "villages in the south of the country last night, the emergency committee said.\n\n"
     "Pumps ran overnight to clear the main road, and mobile kitchens were set up for the "
     "families whose houses were damaged."),
    (MINISTRY, "Consultations between the foreign ministries held in Ashgabat", "2019-03-14",
     "Consultations between the foreign ministries held in Ashgabat\n\n14 March 2019\n\n"
     "On 14 March, political "
     "consultations between the Ministries of Foreign Affairs of the two countries were held "
     "in Ashgabat.\n\nThe sides considered the state of cooperation in the trade, economic "
     "and cultural spheres."),
    (TIMED, "Supreme Court overturns conviction of a journalist", "2022-03-09",
     "Supreme Court overturns conviction of a journalist\n\nThe Supreme Court on Tuesday "
     "overturned the conviction of a local journalist and ordered his immediate release, "
     "finding that the lower court had not examined the evidence.\n\nThe prosecution may not "
     "appeal the ruling, the court said in its decision."),
    # a copyright year is no publication date
    (UNDATED, "Office closed for repairs", None,
     "Office closed for repairs\n\nThe consular office in the capital was closed for repairs "
     "and visitors were sent to the branch office in the north of the city.\n\nAppointments "
     "already made remain valid and will be honoured at the branch office."),
])
def test_main_text_title_and_date_of_a_page(markup: str, title: str, published: str | None,
                                            text: str) -> None:
    page = read_page(markup)
    assert (page.title, page.published, page.text) == (title, published, text)


def test_a_page_the_extractor_finds_nothing_in_is_read_by_the_fallback() -> None:
    page = read_page("<html><body><nav>Menu</nav><p>Talks held.</p></body></html>")
    assert (page.title, page.published, page.text) == (None, None, "Talks held.")


def test_a_page_file_becomes_a_document_dated_by_its_meta(tmp_path: Path) -> None:
    path = tmp_path / "floods.html"
    path.write_text(NEWS, encoding="utf-8")
    [doc] = list(iter_documents([path], IngestOptions()))
    assert isinstance(doc, RawDocument)
    assert (doc.doc_id, doc.title, doc.published, doc.published_from) == (
        "floods", "Floods: 300 evacuated", "2021-07-15", "html_meta")
    assert doc.text.startswith("Floods: 300 evacuated\n\nRescue teams evacuated")
