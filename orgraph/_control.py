"""The control characters orgraph drops from text: one definition for the readers (which
report what they drop) and the writers (DOT, SVG and HTML labels).

Examples
--------
>>> CONTROL.sub("", "a\\x00b\\x1bc\\x7fd\\x85e\\tf\\ng")
'abcde\\tf\\ng'
"""

from __future__ import annotations

import re

__all__ = ["CONTROL"]

#: C0 controls but tab, line feed and carriage return; DEL; and the C1 controls (U+0080 to
#: U+009F), which XML 1.0 allows but no label means.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
