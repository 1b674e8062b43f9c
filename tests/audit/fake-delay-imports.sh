#!/bin/sh
# Stands in for delay_imports.py in the audit's own test: delay-load imports no real build has.
echo "bcrypt.dll BCryptGenRandom"
echo "bcrypt.dll BCryptOpenAlgorithmProvider"
