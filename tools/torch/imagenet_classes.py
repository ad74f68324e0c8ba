"""Writes the 1,000 ImageNet class names in torchvision's output order, one per line, for zoo4j's model cards
(core/src/main/resources/org/zoo4j/core/file/imagenet-classes.txt). Names as torchvision's pretrained weights list them.

  /usr/bin/python3 tools/torch/imagenet_classes.py > core/src/main/resources/org/zoo4j/core/file/imagenet-classes.txt
"""
from torchvision.models._meta import _IMAGENET_CATEGORIES

assert len(_IMAGENET_CATEGORIES) == 1000
print("\n".join(_IMAGENET_CATEGORIES))
