#!/usr/bin/env python3
"""Writes a git fast-import stream of the tree at HEAD of the desk named on the command line:
every file as a blob with a mark, then one commit on refs/heads/main holding them all at the same
paths. The baseline of make bench: git fast-import writing the same records, same paths and
contents, as one commit. The stream goes to standard output."""
import subprocess
import sys
import threading

desk = sys.argv[1]
ls = subprocess.run(["git", "-C", desk, "ls-tree", "-r", "-z", "HEAD"], check=True, capture_output=True).stdout
entries = []
for item in ls.split(b"\0"):
    if not item:
        continue
    meta, path = item.split(b"\t", 1)
    mode, kind, oid = meta.split(b" ")
    if kind == b"blob":
        entries.append((mode, oid, path))
marks = {}
order = []
for mode, oid, path in entries:
    if oid not in marks:
        marks[oid] = len(marks) + 1
        order.append(oid)

out = sys.stdout.buffer
cat = subprocess.Popen(["git", "-C", desk, "cat-file", "--batch"], stdin=subprocess.PIPE, stdout=subprocess.PIPE)


def feed():
    for oid in order:
        cat.stdin.write(oid + b"\n")
    cat.stdin.close()


t = threading.Thread(target=feed)
t.start()
for oid in order:
    header = cat.stdout.readline().split()
    size = int(header[2])
    data = cat.stdout.read(size)
    cat.stdout.read(1)
    out.write(b"blob\nmark :%d\ndata %d\n" % (marks[oid], size))
    out.write(data)
    out.write(b"\n")
t.join()
cat.wait()
msg = b"bench baseline: the desk's tree in one commit\n"
out.write(b"commit refs/heads/main\ncommitter Bench Desk <bench@example.com> 1700000000 +0000\n")
out.write(b"data %d\n%s" % (len(msg), msg))
for mode, oid, path in entries:
    if b"\n" in path or path.startswith(b'"'):
        raise SystemExit("fi_stream: path needs quoting: %r" % path)
    out.write(b"M %s :%d %s\n" % (mode, marks[oid], path))
out.write(b"\n")
