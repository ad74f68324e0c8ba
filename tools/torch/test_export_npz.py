"""Checks export_npz: the checkpoint shapes training scripts save, the DataParallel prefix, and the refusal of a
checkpoint that holds more than tensors. The first tests need no PyTorch (plain dicts stand for tensors); the last run
with PyTorch installed and are skipped without it. Run: python3 -m unittest discover -s tools/torch -p 'test_*.py'
(the zoo module's tests run it)."""
import os
import pickle
import subprocess
import sys
import tempfile
import unittest

import export_npz

try:
    import torch
except ImportError:
    torch = None

STATE = {"conv1.weight": 1, "bn1.bias": 2}
WRAPPED = {"module.conv1.weight": 1, "module.bn1.bias": 2}
SCRIPT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "export_npz.py")


class UnwrapTest(unittest.TestCase):

    def test_every_checkpoint_shape_gives_the_state_dict(self):
        for checkpoint in (STATE, {"state_dict": STATE, "best_prec1": 91.7}, {"model_state_dict": STATE, "epoch": 3},
                           {"model": STATE}):
            self.assertEqual(export_npz.unwrap(checkpoint), STATE)

    def test_the_dataparallel_prefix_is_removed(self):
        self.assertEqual(export_npz.unwrap({"state_dict": WRAPPED, "best_prec1": 91.7}), STATE)

    def test_a_prefix_only_some_names_have_is_kept(self):
        mixed = {"module.conv1.weight": 1, "bn1.bias": 2}
        self.assertEqual(export_npz.unwrap(mixed), mixed)

    def test_a_checkpoint_without_tensors_is_refused(self):
        with self.assertRaises(SystemExit):
            export_npz.unwrap({"epoch": 3, "optimizer": None, "state_dict": {}})


class RefusalTest(unittest.TestCase):

    def test_a_pytorch_whose_weights_only_can_be_bypassed_is_not_trusted_with_a_file(self):
        def load(path, map_location, weights_only):
            self.fail("the file was loaded")
        for version in ("1.13.1", "2.5.1+cpu"):
            with self.assertRaises(SystemExit) as refused:
                export_npz.load_checkpoint("ckpt.th", load, version)
            message = str(refused.exception.code)
            self.assertNotIn("\n", message)
            self.assertIn(f"ckpt.th: refused: PyTorch {version}'s torch.load(weights_only=True) can be bypassed", message)
            self.assertIn("zoo4j import-torch", message)
        self.assertEqual(export_npz.load_checkpoint("ckpt.th", lambda path, map_location, weights_only: "ok", "2.14.0"),
                         "ok")

    def test_a_restricted_loader_refusal_becomes_one_line_saying_how_to_resave(self):
        def load(path, map_location, weights_only):
            self.assertTrue(weights_only)
            raise pickle.UnpicklingError("Weights only load failed. Re-running it unsafely will work.\n"
                                         "WeightsUnpickler error: Unsupported global: GLOBAL posix.system")
        with self.assertRaises(SystemExit) as refused:
            export_npz.load_checkpoint("ckpt.th", load, "2.6.0")
        message = str(refused.exception.code)
        self.assertNotIn("\n", message)
        self.assertIn("ckpt.th: refused", message)
        self.assertNotIn("unsafely", message)  # PyTorch's advice to load it unrestricted is not passed on
        self.assertIn("Unsupported global: GLOBAL posix.system", message)
        self.assertIn("torch.save(model.state_dict(), 'weights.pth')", message)


class RunsCode:
    """A pickle that runs a shell command when it is loaded, as a hostile checkpoint does."""

    def __init__(self, marker):
        self.marker = marker

    def __reduce__(self):
        return os.system, ("touch " + self.marker,)


@unittest.skipIf(torch is None, "PyTorch is not installed")
class WithPyTorchTest(unittest.TestCase):

    def run_script(self, checkpoint, out):
        return subprocess.run([sys.executable, SCRIPT, "resnet20", "--state-dict", checkpoint, "--out", out],
                              capture_output=True, text=True, timeout=300)

    def test_a_checkpoint_that_runs_code_is_refused_and_never_run(self):
        with tempfile.TemporaryDirectory() as tmp:
            marker = os.path.join(tmp, "ran")
            checkpoint = os.path.join(tmp, "hostile.th")
            torch.save({"state_dict": {"w": torch.zeros(2)}, "payload": RunsCode(marker)}, checkpoint)
            run = self.run_script(checkpoint, os.path.join(tmp, "out.npz"))
            self.assertNotEqual(run.returncode, 0)
            self.assertFalse(os.path.exists(marker), "the checkpoint's code ran")
            self.assertFalse(os.path.exists(os.path.join(tmp, "out.npz")))
            self.assertIn("hostile.th: refused", run.stderr)
            self.assertEqual(len(run.stderr.strip().splitlines()), 1, run.stderr)

    def test_a_plain_state_dict_is_exported_where_weights_only_holds(self):
        with tempfile.TemporaryDirectory() as tmp:
            checkpoint = os.path.join(tmp, "plain.pth")
            torch.save({"epoch": 3, "state_dict": {"module.w": torch.arange(3.0),
                                                   "module.bn.num_batches_tracked": torch.tensor(5)}}, checkpoint)
            run = self.run_script(checkpoint, os.path.join(tmp, "out.npz"))
            release = tuple(int(part) for part in torch.__version__.split("+")[0].split(".")[:2])
            if release < export_npz.SAFE_WEIGHTS_ONLY:
                self.assertNotEqual(run.returncode, 0)
                self.assertIn("plain.pth: refused: PyTorch", run.stderr)
                self.assertFalse(os.path.exists(os.path.join(tmp, "out.npz")))
                return
            self.assertEqual(run.returncode, 0, run.stderr)
            import numpy as np
            with np.load(os.path.join(tmp, "out.npz")) as npz:
                self.assertEqual(sorted(npz.files), ["w"])
                self.assertEqual(npz["w"].tolist(), [0.0, 1.0, 2.0])


if __name__ == "__main__":
    unittest.main()
