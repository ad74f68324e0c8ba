"""Lists the GPU code a CUDA library embeds: for each entry of its .nv_fatbin section, SASS (ELF cubin) or PTX, and
the compute capability. Needs only the Python standard library (no CUDA toolkit, no GPU).

zoo4j uses it to check what ND4J's CUDA backend can run on: a GPU needs SASS for its own architecture (or a
compatible one of the same major version), or PTX that the driver can compile for it.

Run: python3 tools/cuda/fatbin_archs.py ~/.m2/repository/org/nd4j/nd4j-cuda-11.6/1.0.0-M2.1/nd4j-cuda-11.6-1.0.0-M2.1-linux-x86_64.jar
(a .jar is searched for its libnd4jcuda.so; a .so is read directly)
"""
import collections
import shutil
import struct
import sys
import tempfile
import zipfile

FATBIN_MAGIC = 0xBA55ED50
KINDS = {1: "PTX", 2: "SASS"}


def nv_fatbin(f):
    """(offset, size) of the .nv_fatbin section of a 64-bit little-endian ELF file."""
    f.seek(0)
    ident = f.read(64)
    if ident[:4] != b"\x7fELF" or ident[4] != 2:
        raise ValueError("not a 64-bit ELF file")
    shoff, = struct.unpack_from("<Q", ident, 0x28)
    shentsize, shnum, shstrndx = struct.unpack_from("<HHH", ident, 0x3A)
    f.seek(shoff)
    sections = [struct.unpack("<IIQQQQIIQQ", f.read(shentsize)) for _ in range(shnum)]
    names_off, names_size = sections[shstrndx][4], sections[shstrndx][5]
    f.seek(names_off)
    names = f.read(names_size)
    for s in sections:
        name = names[s[0]:names.index(b"\0", s[0])].decode()
        if name == ".nv_fatbin":
            return s[4], s[5]
    raise ValueError("no .nv_fatbin section: this library embeds no GPU code")


def entries(f, offset, size):
    """Yields (kind, sm) for every entry of every fatbin in the section."""
    end = offset + size
    pos = offset
    while pos + 16 <= end:
        f.seek(pos)
        magic, _version, header_size, fat_size = struct.unpack("<IHHQ", f.read(16))
        if magic != FATBIN_MAGIC:
            pos += 8  # fatbins are 8-byte aligned; skip padding
            continue
        p = pos + header_size
        stop = p + fat_size
        while p < stop:
            f.seek(p)
            kind, _u1, entry_header, payload = struct.unpack("<HHIQ", f.read(16))
            f.seek(p + 28)
            sm, = struct.unpack("<I", f.read(4))
            yield KINDS.get(kind, f"kind{kind}"), sm
            p += entry_header + payload
        pos = stop


def main(path):
    tmp = None
    if path.endswith(".jar"):
        with zipfile.ZipFile(path) as jar:
            member = next(n for n in jar.namelist() if n.endswith("/libnd4jcuda.so"))
            tmp = tempfile.NamedTemporaryFile(suffix=".so")
            with jar.open(member) as src:
                shutil.copyfileobj(src, tmp)
            tmp.flush()
            path = tmp.name
    with open(path, "rb") as f:
        counts = collections.Counter(entries(f, *nv_fatbin(f)))
    for kind in ("SASS", "PTX"):
        archs = sorted(sm for (k, sm) in counts if k == kind)
        print(f"{kind}: " + (", ".join(f"sm_{sm} ({counts[(kind, sm)]} kernels files)" for sm in archs) or "none"))


if __name__ == "__main__":
    main(sys.argv[1])
