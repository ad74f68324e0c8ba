"""Checks export_npz's handling of checkpoint shapes and the DataParallel prefix; needs no PyTorch (plain dicts stand
for tensors). Run: python3 -m unittest discover -s tools/torch -p 'test_*.py' (the zoo module's tests run it)."""
import unittest

import export_npz


class Model:
    def __init__(self, state):
        self._state = state

    def state_dict(self):
        return self._state


STATE = {"conv1.weight": 1, "bn1.bias": 2}
WRAPPED = {"module.conv1.weight": 1, "module.bn1.bias": 2}


class UnwrapTest(unittest.TestCase):

    def test_every_checkpoint_shape_gives_the_state_dict(self):
        for checkpoint in (STATE, {"state_dict": STATE, "best_prec1": 91.7}, {"model_state_dict": STATE, "epoch": 3},
                           {"model": STATE}, {"model": Model(STATE)}, Model(STATE)):
            self.assertEqual(export_npz.unwrap(checkpoint), STATE)

    def test_the_dataparallel_prefix_is_removed(self):
        self.assertEqual(export_npz.unwrap({"state_dict": WRAPPED, "best_prec1": 91.7}), STATE)

    def test_a_prefix_only_some_names_have_is_kept(self):
        mixed = {"module.conv1.weight": 1, "bn1.bias": 2}
        self.assertEqual(export_npz.unwrap(mixed), mixed)

    def test_a_checkpoint_without_tensors_is_refused(self):
        with self.assertRaises(SystemExit):
            export_npz.unwrap({"epoch": 3, "optimizer": None, "state_dict": {}})


if __name__ == "__main__":
    unittest.main()
