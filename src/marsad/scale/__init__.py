"""Runners: the same stages and the same config over a stream, in this process or in many."""
