"""Prints the given number of metadata points as fast as it can."""
import json
import sys

for i in range(int(sys.argv[1])):
    print(json.dumps({"i": i, "loss": 1.0 / (i + 1)}))
