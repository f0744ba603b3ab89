"""Fits y = a*x + b by gradient descent. Reads its parameters from the command line and its input from the inputs
folder, prints one JSON line of metrics per epoch (Lathe and Valohai record them as metadata), writes a model."""
import argparse
import csv
import glob
import json
import os

parser = argparse.ArgumentParser()
parser.add_argument("--epochs", type=int, default=20)
parser.add_argument("--learning_rate", type=float, default=0.1)
parser.add_argument("--optimizer", default="sgd")
args = parser.parse_args()

inputs = os.environ.get("VH_INPUTS_DIR", ".valohai/inputs")
rows = []
for path in sorted(glob.glob(os.path.join(inputs, "dataset", "*"))):
    with open(path) as f:
        rows.extend((float(r["x"]), float(r["y"])) for r in csv.DictReader(f))
if not rows:
    raise SystemExit("no data found in the 'dataset' input")

a, b, va, vb = 0.0, 0.0, 0.0, 0.0
beta = 0.9 if args.optimizer == "momentum" else 0.0
for epoch in range(1, args.epochs + 1):
    ga = sum(2 * (a * x + b - y) * x for x, y in rows) / len(rows)
    gb = sum(2 * (a * x + b - y) for x, y in rows) / len(rows)
    va, vb = beta * va + ga, beta * vb + gb
    a, b = a - args.learning_rate * va, b - args.learning_rate * vb
    loss = sum((a * x + b - y) ** 2 for x, y in rows) / len(rows)
    print(json.dumps({"epoch": epoch, "loss": round(loss, 6), "a": round(a, 4), "b": round(b, 4)}), flush=True)

outputs = os.environ.get("VH_OUTPUTS_DIR", ".valohai/outputs")
os.makedirs(os.path.join(outputs, "model"), exist_ok=True)
with open(os.path.join(outputs, "model", "model.json"), "w") as out:
    json.dump({"a": a, "b": b, "epochs": args.epochs}, out)
print(f"trained a={a:.3f} b={b:.3f} loss={loss:.5f}")
