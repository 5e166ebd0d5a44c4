"""Known XSS vectors, each trying to run `winnowXss(n)` (which the browser test defines to record
that it ran) or to load the canary URL. Embedded in article pages by the sanitizer tests."""

from __future__ import annotations

CANARY = "http://canary.test/hit"

VECTORS: list[str] = [
    "<script>winnowXss(0)</script>",
    "<img src=x onerror=winnowXss(1)>",
    '<a href="javascript:winnowXss(2)">click me</a>',
    '<a href=" &#x6A;avascript:winnowXss(3)">encoded scheme</a>',
    '<a href="JaVaScRiPt:winnowXss(4)">mixed case</a>',
    '<a href="data:text/html,<script>winnowXss(5)</script>">data url</a>',
    '<iframe src="data:text/html,<script>parent.winnowXss(6)</script>"></iframe>',
    '<iframe srcdoc="<script>parent.winnowXss(7)</script>"></iframe>',
    "<svg><script>winnowXss(8)</script></svg>",
    '<svg onload="winnowXss(9)"><circle r="4"/></svg>',
    '<svg><a xlink:href="javascript:winnowXss(10)"><text y="20">svg link</text></a></svg>',
    "<math><mtext><table><mglyph><style><img src=x onerror=winnowXss(11)></style></mglyph>"
    "</table></mtext></math>",
    f'<base href="{CANARY}/">',
    f'<meta http-equiv="refresh" content="0;url={CANARY}">',
    '<p style="background:url(javascript:winnowXss(12))">styled</p>',
    '<div style="width:expression(winnowXss(13))">css expression</div>',
    f'<p style="background-image:url({CANARY}/css)">css fetch</p>',
    f'<form action="{CANARY}/form"><input name=q>'
    '<button formaction="javascript:winnowXss(14)">go</button></form>',
    "<input autofocus onfocus=winnowXss(15)>",
    "<details open ontoggle=winnowXss(16)><summary>x</summary></details>",
    '<object data="javascript:winnowXss(17)"></object>',
    '<embed src="javascript:winnowXss(18)">',
    '<noscript><p title="</noscript><img src=x onerror=winnowXss(19)>"></noscript>',
    "<template><img src=x onerror=winnowXss(20)></template>",
    '<img src="x" srcset="javascript:winnowXss(21) 1x">',
    f"<img src=x onerror=\"fetch('{CANARY}/fetch')\">",
    '<video><source onerror="winnowXss(22)"></video>',
    "<body onload=winnowXss(23)>",
    "<marquee onstart=winnowXss(24)>scrolling</marquee>",
    '<a href="vbscript:winnowXss(25)">vbscript</a>',
    "<img src=`x`onerror=winnowXss(26)>",
    "<<script>winnowXss(27)//<</script>",
    '<style>@import "' + CANARY + '/import";</style>',
    '<link rel="stylesheet" href="' + CANARY + '/style.css">',
    '<p>"><img src=x onerror=winnowXss(28)></p>',
    '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;:winnowXss(29)">'
    "entities</a>",
]

ARTICLE = (
    "<p>The city council met on Tuesday evening to debate the new budget, which includes money "
    "for parks, libraries and the repair of several bridges across the river.</p>"
)


def page_with(vector: str) -> str:
    """An ordinary article with the vector inside it, where readability keeps it."""
    return (
        "<html><head><title>Budget debate</title></head><body><article><h1>Budget debate</h1>"
        f"{ARTICLE}<p>Council members spoke for hours. {vector} Then they voted.</p>{ARTICLE}"
        f"{ARTICLE}</article></body></html>"
    )
