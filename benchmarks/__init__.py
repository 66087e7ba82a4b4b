"""copingkit's benchmarks (issue 13): `python -m benchmarks` runs them; benchmarks/generate.py makes the vault."""
