"""Makes a noisy linear data set: y = 3x + 2 + noise. Writes it, with properties, to the outputs folder."""
import argparse
import json
import os
import random

parser = argparse.ArgumentParser()
parser.add_argument("--samples", type=int, default=500)
parser.add_argument("--noise", type=float, default=0.1)
args = parser.parse_args()

outputs = os.environ.get("VH_OUTPUTS_DIR", ".valohai/outputs")
os.makedirs(outputs, exist_ok=True)
rng = random.Random(42)
path = os.path.join(outputs, "dataset.csv")
with open(path, "w") as out:
    out.write("x,y\n")
    for _ in range(args.samples):
        x = rng.uniform(-1, 1)
        out.write(f"{x:.6f},{3 * x + 2 + rng.gauss(0, args.noise):.6f}\n")

# Properties of the output, the way Valohai reads them: a sidecar beside the file.
with open(path + ".metadata.json", "w") as sidecar:
    json.dump({"valohai.tags": ["quickstart"], "valohai.alias": "quickstart-dataset", "samples": args.samples}, sidecar)

print(json.dumps({"samples": args.samples, "noise": args.noise}))
