#!/usr/bin/env python3
"""Compare `harrier dump --format xml` with Debian python3-evtx's evtx_dump.py, record for record.

    compare_xml_python_evtx.py HARRIER_CMD... -- FILE_OR_DIR...

Both renderings are parsed as XML and normalized before comparing: whitespace between and around
text trimmed, empty elements and <x></x> alike, attributes with empty values dropped (python-evtx
prints absent optional attributes as ""), GUIDs compared case-insensitively, hex numbers by value
(python-evtx zero-pads HexInt64), timestamps at millisecond precision within 2 ms (python-evtx goes through a
float and loses the last digits), binary as hex (python-evtx prints base64) and with either ' ' or 'T' and an optional 'Z'.
Prints one line per differing file and, last, "N passed, M failed".
"""
import os, re, subprocess, sys
import xml.etree.ElementTree as ET

GUID = re.compile(r"^\{?[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\}?$")
HEX = re.compile(r"^0x[0-9a-fA-F]+$")
TIME = re.compile(r"^(\d{4}-\d\d-\d\d)[ T](\d\d:\d\d:\d\d)(?:\.(\d+))?Z?$")

class Ts:
    """A timestamp compared within 2 ms (python-evtx converts FILETIMEs through a float)."""
    def __init__(self, text, seconds):
        self.text, self.seconds = text, seconds
    def __eq__(self, other):
        return isinstance(other, Ts) and abs(self.seconds - other.seconds) <= 0.002
    def __repr__(self):
        return repr(self.text)

def value(v):
    v = (v or "").strip()
    if GUID.match(v):
        return v.strip("{}").upper()
    if HEX.match(v):
        return hex(int(v, 16))
    if v.lower() in ("true", "false"):
        return v.lower()
    m = TIME.match(v)
    if m:
        import datetime
        t = datetime.datetime.fromisoformat(f"{m.group(1)}T{m.group(2)}")
        return Ts(v, t.timestamp() + float("0." + (m.group(3) or "0")))
    return v

STRINGS = re.compile(r"^\s*(<string>.*?</string>\s*)+$", re.S)

def canon_all(e):
    """Canonical forms of an element; python-evtx prints an array value as <string>item</string>…
    inside one element where Windows repeats the element per item: expand it the Windows way."""
    tag = e.tag.split("}")[-1]
    attrs = tuple(sorted((k.split("}")[-1], value(v)) for k, v in e.attrib.items() if (v or "").strip()))
    if tag == "Binary" and e.text and re.fullmatch(r"[A-Za-z0-9+/]+={0,2}", e.text.strip()) and not re.fullmatch(r"[0-9A-F]+", e.text.strip()):
        import base64  # python-evtx prints binary as base64, Windows as hex
        e.text = base64.b64decode(e.text.strip()).hex().upper()
    if len(e) == 0 and e.text and STRINGS.match(e.text):
        return [(tag, attrs, value(t), ()) for t in re.findall(r"<string>(.*?)</string>", e.text, re.S)]
    return [(tag, attrs, value(e.text), tuple(x for c in e for x in canon_all(c)))]

def canon(e):
    return canon_all(e)[0]

def diff(a, b, path=""):
    """The first difference between two canonical elements, as a short path: ours != theirs."""
    path = f"{path}/{a[0]}"
    if a[0] != b[0] or a[1] != b[1] or a[2] != b[2]:
        return f"{path}: {a[:3]} != {b[:3]}"
    if len(a[3]) != len(b[3]):
        return f"{path}: {[c[0] for c in a[3]]} != {[c[0] for c in b[3]]}"
    for x, y in zip(a[3], b[3]):
        d = diff(x, y, path)
        if d:
            return d
    return None

def events(xml_text):
    xml_text = re.sub(r"^<\?xml[^>]*\?>", "", xml_text.strip())
    root = ET.fromstring(xml_text)
    return [canon(e) for e in root]

def main():
    i = sys.argv.index("--")
    cmd, targets = sys.argv[1:i], sys.argv[i + 1:]
    files = []
    for t in targets:
        if os.path.isdir(t):
            files += sorted(os.path.join(d, n) for d, _, ns in os.walk(t) for n in ns if n.lower().endswith(".evtx"))
        else:
            files.append(t)
    passed = failed = 0
    for f in files:
        try:
            theirs = events(subprocess.run(["/usr/bin/python3", "/usr/bin/evtx_dump.py", f], capture_output=True, timeout=300).stdout.decode("utf-8", "replace"))
        except Exception as e:
            print(f"SKIP {f}: python-evtx could not render it ({type(e).__name__})")
            continue
        ours = events(subprocess.run(cmd + ["dump", "-q", "--format", "xml", f], capture_output=True, timeout=300).stdout.decode("utf-8"))
        why = None
        if len(ours) != len(theirs):
            why = f"{len(ours)} records, python-evtx {len(theirs)}"
        else:
            for n, (a, b) in enumerate(zip(ours, theirs)):
                if a != b:
                    why = f"record {n}: {diff(a, b)[:400]}"
                    break
        if why:
            failed += 1
            print(f"FAIL {f}: {why}")
        else:
            passed += 1
    print(f"{passed} passed, {failed} failed")
    return 0 if failed == 0 else 1

if __name__ == "__main__":
    sys.exit(main())
