import argparse
import json
import time

parser = argparse.ArgumentParser()
parser.add_argument("--x", type=float, default=0)
parser.add_argument("--y", type=int, default=0)
parser.add_argument("--steps", type=int, default=3)
parser.add_argument("--pause", type=float, default=0)
args = parser.parse_args()

for step in range(1, args.steps + 1):
    loss = (args.x - 1) ** 2 + (args.y - 2) ** 2 + 1.0 / step
    print(json.dumps({"step": step, "loss": loss}), flush=True)
    time.sleep(args.pause)
