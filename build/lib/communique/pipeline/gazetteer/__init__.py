"""Offline gazetteer: country and city names, aliases and demonyms -> canonical records.

Releases write places in many forms (`Ashkhabad`, `Nur-Sultan`, `the Republic of
Tajikistan`, `Türkiye`, `U.S.`); records want one canonical English name, an ISO
3166-1 alpha-2 code and coordinates. A shared resource, not a component: places,
participants and evaluation look names up in it.

- `fold.py`: the look-up key of a name (case, accents, dots, hyphens, "the");
- `records.py`: Country and Place, what a look-up returns;
- `rows.py`: the row models of `data/` (countries, cities, common words, state prefixes);
- `index.py`: the `Gazetteer` and its look-ups (one or two dict look-ups each);
- `build.py`: building the indexes from our data and GeoNames, and the build cache.
"""

from communique.pipeline.gazetteer.fold import fold
from communique.pipeline.gazetteer.index import Gazetteer
from communique.pipeline.gazetteer.records import Country, Place

__all__ = ["Country", "Gazetteer", "Place", "fold"]
