"""`python -m benchmarks`: the runner (benchmarks/run.py)."""

from benchmarks.run import main

main()
