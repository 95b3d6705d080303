"""A quick look at what ingest makes of some paths: python -m communique.pipeline.ingest PATH..."""

import sys
from pathlib import Path

from communique.models import RawDocument
from communique.pipeline.ingest import iter_documents

for item in iter_documents([Path(p) for p in sys.argv[1:]]):
    print(item.doc_id if isinstance(item, RawDocument) else item)
