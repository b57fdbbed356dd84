"""The hostile-input rerun of issue 22, one module per group of channels; `python -m benchmarks.hostile_rerun` runs it."""
