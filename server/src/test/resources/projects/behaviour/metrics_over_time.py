"""Prints one metrics line per step, a pause apart, so a chart can be watched growing; loss has one spike."""
import json
import math
import sys
import time

steps, pause, rate = int(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3])
for step in range(steps):
    loss = math.exp(-rate * step) + (5.0 if step == steps // 3 else 0.0)
    print(json.dumps({"step": step, "loss": round(loss, 6), "accuracy": round(1 - math.exp(-rate * step), 6)}),
          flush=True)
    if pause > 0:
        time.sleep(pause)
