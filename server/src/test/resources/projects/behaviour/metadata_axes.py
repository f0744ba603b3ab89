"""Prints metadata whose keys come with a step, only an epoch, or neither: one x axis each."""
import json

for epoch in range(3):
    for step in range(epoch * 2, epoch * 2 + 2):
        print(json.dumps({"step": step * 10, "epoch": epoch, "loss": 1.0 / (step + 1)}))
    print(json.dumps({"epoch": epoch, "val_accuracy": 0.5 + epoch / 10}))
print(json.dumps({"learning_rate": 0.01, "note": "no axis"}))
print(json.dumps({"learning_rate": 0.001}))
