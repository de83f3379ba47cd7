#!/usr/bin/env python3
"""The PyYAML baseline: load a corpus (libyaml's C loader when present) and count a tag."""
import sys

import yaml

Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
with open(sys.argv[1], encoding="utf-8") as f:
    questions = yaml.load(f, Loader=Loader)
print(sum(1 for q in questions if sys.argv[2] in q.get("tags", [])))
