#!/usr/bin/env python3
"""The delay-load imports of a PE executable (functions found when first called, through
MinGW's __delayLoadHelper2), one "dll function" line each, for the XP import audit:
objdump -p lists only the imports loaded at start.

Binutils' ld (2.40) does not fill the PE header's Delay Import Directory for dlltool's
delay-load libraries, so when that entry is empty the image is searched for the delay
import descriptors themselves (ImgDelayDescr, 8 little-endian DWORDs, RVAs): attributes
1, a DLL name that ends in ".dll", and name tables whose every entry is a hint and a
function name or an ordinal. Exits 2 when the file is not a PE image."""
import struct
import sys


def main(path):
    data = open(path, "rb").read()
    if data[:2] != b"MZ":
        raise ValueError("no MZ header")
    pe = struct.unpack_from("<I", data, 0x3C)[0]
    if data[pe:pe + 4] != b"PE\0\0":
        raise ValueError("no PE header")
    sections_count, optional_size = struct.unpack_from("<H", data, pe + 6)[0], struct.unpack_from("<H", data, pe + 20)[0]
    optional = pe + 24
    magic = struct.unpack_from("<H", data, optional)[0]
    if magic not in (0x10B, 0x20B):
        raise ValueError("unknown optional header 0x%x" % magic)
    wide = magic == 0x20B
    directories = optional + (112 if wide else 96)
    sections = []
    for i in range(sections_count):
        at = optional + optional_size + 40 * i
        virtual_size, virtual_address, raw_size, raw_offset = struct.unpack_from("<IIII", data, at + 8)
        sections.append((virtual_address, max(virtual_size, raw_size), raw_offset, raw_size))

    def file_offset(rva):
        for address, size, raw_offset, raw_size in sections:
            if address <= rva < address + size:
                return raw_offset + rva - address if rva - address < raw_size else None
        return None

    def mapped(rva):
        return any(address <= rva < address + size for address, size, _, _ in sections)

    def c_string(rva, limit=256):
        at = file_offset(rva)
        if at is None:
            return None
        end = data.find(b"\0", at, at + limit)
        if end <= at:
            return None
        text = data[at:end]
        return text.decode("ascii") if all(32 < b < 127 for b in text) else None

    def functions(name_table_rva):
        """The names of one DLL's name table, or None if it is not one."""
        at = file_offset(name_table_rva)
        if at is None:
            return None
        size, ordinal_flag = (8, 1 << 63) if wide else (4, 1 << 31)
        names = []
        while at + size <= len(data):
            entry = struct.unpack_from("<Q" if wide else "<I", data, at)[0]
            if entry == 0:
                return names or None
            if entry & ordinal_flag:
                names.append("#%d" % (entry & 0xFFFF))
            else:
                name = c_string(entry + 2) if entry < 1 << 31 else None
                if name is None:
                    return None
                names.append(name)
            at += size
        return None

    def descriptor(at):
        fields = struct.unpack_from("<8I", data, at)
        attributes, dll_rva, module_rva, iat_rva, name_table_rva = fields[:5]
        if attributes != 1 or not all(mapped(r) for r in (dll_rva, module_rva, iat_rva, name_table_rva)):
            return None
        dll = c_string(dll_rva)
        if dll is None or not dll.lower().endswith(".dll"):
            return None
        names = functions(name_table_rva)
        return (dll, names) if names else None

    found = []
    directory_rva, directory_size = struct.unpack_from("<II", data, directories + 13 * 8)
    if directory_rva:
        at = file_offset(directory_rva)
        while at is not None and at + 32 <= len(data) and any(struct.unpack_from("<8I", data, at)):
            entry = descriptor(at)
            if entry is None:
                raise ValueError("a bad delay import descriptor at file offset 0x%x" % at)
            found.append(entry)
            at += 32
    else:
        for _, _, raw_offset, raw_size in sections:
            for at in range(raw_offset, raw_offset + raw_size - 31, 4):
                if data[at] == 1 and data[at + 1:at + 4] == b"\0\0\0":
                    entry = descriptor(at)
                    if entry:
                        found.append(entry)
    for dll, names in found:
        for name in names:
            print(dll.lower(), name)


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: delay_imports.py EXE")
    try:
        main(sys.argv[1])
    except (OSError, ValueError, struct.error) as problem:
        print("delay_imports.py: %s: %s" % (sys.argv[1], problem), file=sys.stderr)
        sys.exit(2)
