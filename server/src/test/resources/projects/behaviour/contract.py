"""Prints what the runtime contract hands to user code, as one JSON object on stdout, and echoes its inputs."""
import hashlib
import json
import os
import sys

config = os.environ["VH_CONFIG_DIR"]
seen = {
    "argv": sys.argv[1:],
    "cwd": os.getcwd(),
    "env": {k: v for k, v in os.environ.items() if k.startswith("VH_") or k == "GREETING"},
    "parameters": json.load(open(os.path.join(config, "parameters.json"))),
    "inputs": json.load(open(os.path.join(config, "inputs.json"))),
    "execution": json.load(open(os.path.join(config, "execution.json"))),
    "input_sha256": {},
}
def valohai_utils_file_info(*, name, uri, path, size, checksums):
    """The signature of valohai-utils' FileInfo, which is built with FileInfo(**entry): extra keys break it."""


for name, spec in seen["inputs"].items():
    for f in spec["files"]:
        valohai_utils_file_info(**f)
        seen["input_sha256"][f["name"]] = hashlib.sha256(open(f["path"], "rb").read()).hexdigest()
print(json.dumps({"contract": seen}))
with open(os.path.join(os.environ["VH_OUTPUTS_DIR"], "seen.json"), "w") as out:
    json.dump(seen, out)
