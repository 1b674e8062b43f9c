#!/bin/sh
# Stands in for objdump -p in the audit's own test: an import table no real build has.
cat <<'DUMP'
MajorOSystemVersion	5
MinorOSystemVersion	1
MajorSubsystemVersion	5
MinorSubsystemVersion	1
	DLL Name: bcrypt.dll
	vma:  Hint/Ord Member-Name Bound-To
	1c0a4	   12  BCryptGenRandom

	DLL Name: msvcrt.dll
	vma:  Hint/Ord Member-Name Bound-To
	1c0b4	  219  wcscpy_s
DUMP
