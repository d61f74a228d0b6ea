"""Tests of nnlesson; the folders mirror the package."""
