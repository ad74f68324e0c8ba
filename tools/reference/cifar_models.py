"""PyTorch reference definitions of zoo4j's models (the ground truth for parameter counts and, later, parity).

ImageNet variants come straight from torchvision. The CIFAR variants follow the papers and the reference code
each docstring names; the two seed models mirror the Keras notebook layer for layer.
"""
import torch
import torch.nn as nn
import torch.nn.functional as F
import torchvision


# --- VGG ---------------------------------------------------------------------------------------------------
VGG13_CFG = [64, 64, "M", 128, 128, "M", 256, 256, "M", 512, 512, "M", 512, 512, "M"]


def vgg_features(batch_norm):
    """VGG13's convolutions: 3x3 padding 1, with bias and ReLU, or bias-free with BatchNorm and ReLU."""
    layers, c = [], 3
    for v in VGG13_CFG:
        if v == "M":
            layers.append(nn.MaxPool2d(2, 2))
        elif batch_norm:
            layers += [nn.Conv2d(c, v, 3, padding=1, bias=False), nn.BatchNorm2d(v), nn.ReLU(inplace=True)]
        else:
            layers += [nn.Conv2d(c, v, 3, padding=1), nn.ReLU(inplace=True)]
        c = v if v != "M" else c
    return nn.Sequential(*layers)


class Vgg13Seed(nn.Module):
    """The seed notebook's Keras VGG13: 3x3 SAME convs with bias + ReLU, 2x2/2 max pools, Dense 256-128-classes."""

    def __init__(self, num_classes=10):
        super().__init__()
        self.features = vgg_features(batch_norm=False)
        self.classifier = nn.Sequential(nn.Linear(512, 256), nn.ReLU(True), nn.Linear(256, 128), nn.ReLU(True),
                                        nn.Linear(128, num_classes))

    def forward(self, x):
        return self.classifier(torch.flatten(self.features(x), 1))


class Vgg13BnCifar(nn.Module):
    """CIFAR VGG13 (kuangliu/pytorch-cifar layout) with BatchNorm after each bias-free conv, one linear 512->classes."""

    def __init__(self, num_classes=10):
        super().__init__()
        self.features = vgg_features(batch_norm=True)
        self.classifier = nn.Linear(512, num_classes)

    def forward(self, x):
        return self.classifier(torch.flatten(self.features(x), 1))


# --- ResNet ------------------------------------------------------------------------------------------------
class BasicBlock(nn.Module):
    """kuangliu/pytorch-cifar BasicBlock: 1x1 conv + BN projection when shape changes."""

    def __init__(self, in_planes, planes, stride=1):
        super().__init__()
        self.conv1 = nn.Conv2d(in_planes, planes, 3, stride, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(planes)
        self.conv2 = nn.Conv2d(planes, planes, 3, 1, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(planes)
        self.shortcut = nn.Sequential()
        if stride != 1 or in_planes != planes:
            self.shortcut = nn.Sequential(nn.Conv2d(in_planes, planes, 1, stride, bias=False), nn.BatchNorm2d(planes))

    def forward(self, x):
        out = F.relu(self.bn1(self.conv1(x)))
        out = self.bn2(self.conv2(out))
        return F.relu(out + self.shortcut(x))


class ResNetCifar(nn.Module):
    """kuangliu/pytorch-cifar ResNet18/34: 3x3/1 stem, no max pool, stages 64-128-256-512."""

    def __init__(self, blocks, num_classes=10):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 64, 3, 1, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(64)
        layers, c = [], 64
        for i, (n, planes) in enumerate(zip(blocks, [64, 128, 256, 512])):
            stage = []
            for b in range(n):
                stage.append(BasicBlock(c, planes, 2 if (i > 0 and b == 0) else 1))
                c = planes
            layers.append(nn.Sequential(*stage))
        self.layer1, self.layer2, self.layer3, self.layer4 = layers
        self.linear = nn.Linear(512, num_classes)

    def forward(self, x):
        out = F.relu(self.bn1(self.conv1(x)))
        out = self.layer4(self.layer3(self.layer2(self.layer1(out))))
        return self.linear(torch.flatten(F.adaptive_avg_pool2d(out, 1), 1))


class OptionABlock(nn.Module):
    """He et al. (2016) CIFAR block; shortcut 'option A': x[:, :, ::2, ::2] zero-padded by planes//4 channels each side."""

    def __init__(self, in_planes, planes, stride=1):
        super().__init__()
        self.conv1 = nn.Conv2d(in_planes, planes, 3, stride, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(planes)
        self.conv2 = nn.Conv2d(planes, planes, 3, 1, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(planes)
        self.pad = (planes - in_planes) // 2 if (stride != 1 or in_planes != planes) else None

    def forward(self, x):
        out = F.relu(self.bn1(self.conv1(x)))
        out = self.bn2(self.conv2(out))
        short = x if self.pad is None else F.pad(x[:, :, ::2, ::2], (0, 0, 0, 0, self.pad, self.pad))
        return F.relu(out + short)


class ResNetHe(nn.Module):
    """He et al. (2016) section 4.2 CIFAR ResNet-(6n+2): 16/32/64 channels, option-A shortcuts (akamaster layout)."""

    def __init__(self, depth, num_classes=10):
        super().__init__()
        n = (depth - 2) // 6
        self.conv1 = nn.Conv2d(3, 16, 3, 1, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(16)
        layers, c = [], 16
        for i, planes in enumerate([16, 32, 64]):
            stage = []
            for b in range(n):
                stage.append(OptionABlock(c, planes, 2 if (i > 0 and b == 0) else 1))
                c = planes
            layers.append(nn.Sequential(*stage))
        self.layer1, self.layer2, self.layer3 = layers
        self.linear = nn.Linear(64, num_classes)

    def forward(self, x):
        out = F.relu(self.bn1(self.conv1(x)))
        out = self.layer3(self.layer2(self.layer1(out)))
        return self.linear(torch.flatten(F.adaptive_avg_pool2d(out, 1), 1))


class SeedResBlock(nn.Module):
    """The notebook's Keras ResBlock: SAME 3x3 convs with bias; a bias 1x1 conv (no BN) only when stride != 1."""

    def __init__(self, in_planes, planes, stride=1):
        super().__init__()
        self.conv1 = nn.Conv2d(in_planes, planes, 3, stride, 1)
        self.bn1 = nn.BatchNorm2d(planes, eps=1e-3, momentum=0.01)
        self.conv2 = nn.Conv2d(planes, planes, 3, 1, 1)
        self.bn2 = nn.BatchNorm2d(planes, eps=1e-3, momentum=0.01)
        self.downsample = nn.Conv2d(in_planes, planes, 1, stride) if stride != 1 else None

    def forward(self, x):
        out = F.relu(self.bn1(self.conv1(x)))
        out = self.bn2(self.conv2(out))
        return F.relu(out + (x if self.downsample is None else self.downsample(x)))


class ResNet18Seed(nn.Module):
    """The notebook's Keras ResNet18([2,2,2,2]): VALID 3x3 bias stem, BN, ReLU, 2x2/1 SAME max pool, global avg, dense.

    Only used for parameter counts: Keras SAME pads stride-2 convs bottom/right, which PyTorch cannot express."""

    def __init__(self, num_classes=10):
        super().__init__()
        self.stem = nn.Sequential(nn.Conv2d(3, 64, 3), nn.BatchNorm2d(64, eps=1e-3, momentum=0.01), nn.ReLU())
        layers, c = [], 64
        for i, planes in enumerate([64, 128, 256, 512]):
            layers.append(nn.Sequential(SeedResBlock(c, planes, 1 if i == 0 else 2), SeedResBlock(planes, planes)))
            c = planes
        self.layers = nn.Sequential(*layers)
        self.fc = nn.Linear(512, num_classes)


# --- DenseNet ----------------------------------------------------------------------------------------------
class DenseLayer(nn.Module):
    def __init__(self, in_planes, growth, bottleneck):
        super().__init__()
        if bottleneck:
            self.bn1 = nn.BatchNorm2d(in_planes)
            self.conv1 = nn.Conv2d(in_planes, 4 * growth, 1, bias=False)
            in_planes = 4 * growth
        self.bottleneck = bottleneck
        self.bn2 = nn.BatchNorm2d(in_planes)
        self.conv2 = nn.Conv2d(in_planes, growth, 3, 1, 1, bias=False)

    def forward(self, x):
        out = self.conv1(F.relu(self.bn1(x))) if self.bottleneck else x
        out = self.conv2(F.relu(self.bn2(out)))
        return torch.cat([x, out], 1)


class Transition(nn.Module):
    def __init__(self, in_planes, out_planes):
        super().__init__()
        self.bn = nn.BatchNorm2d(in_planes)
        self.conv = nn.Conv2d(in_planes, out_planes, 1, bias=False)

    def forward(self, x):
        return F.avg_pool2d(self.conv(F.relu(self.bn(x))), 2)


class DenseNetCifar(nn.Module):
    """Huang et al. (2017) CIFAR DenseNet (andreasveit/densenet-pytorch layout): 3 dense blocks of (depth-4)/3
    layers, halved for bottleneck ones; stem 2k channels with bottleneck+compression (BC), 16 otherwise."""

    def __init__(self, depth, growth, bottleneck, compression, num_classes=10):
        super().__init__()
        n = (depth - 4) // 3 // (2 if bottleneck else 1)
        c = 2 * growth if bottleneck else 16
        self.conv1 = nn.Conv2d(3, c, 3, 1, 1, bias=False)
        mods = []
        for b in range(3):
            for _ in range(n):
                mods.append(DenseLayer(c, growth, bottleneck))
                c += growth
            if b < 2:
                out = int(c * compression)
                mods.append(Transition(c, out))
                c = out
        self.blocks = nn.Sequential(*mods)
        self.bn = nn.BatchNorm2d(c)
        self.fc = nn.Linear(c, num_classes)

    def forward(self, x):
        out = F.relu(self.bn(self.blocks(self.conv1(x))))
        return self.fc(torch.flatten(F.adaptive_avg_pool2d(out, 1), 1))


def build(name, num_classes=None):
    """The reference model for a zoo4j registry name."""
    imagenet = name.endswith("_imagenet")
    k = num_classes or (1000 if imagenet else 10)
    tv = torchvision.models
    table = {
        "vgg13": lambda: Vgg13Seed(k),
        "vgg13_bn": lambda: Vgg13BnCifar(k),
        "vgg13_imagenet": lambda: tv.vgg13(num_classes=k),
        "resnet18_seed": lambda: ResNet18Seed(k),
        "resnet18": lambda: ResNetCifar([2, 2, 2, 2], k),
        "resnet34": lambda: ResNetCifar([3, 4, 6, 3], k),
        "resnet18_imagenet": lambda: tv.resnet18(num_classes=k),
        "resnet34_imagenet": lambda: tv.resnet34(num_classes=k),
        "densenet_bc_100": lambda: DenseNetCifar(100, 12, True, 0.5, k),
        "densenet40": lambda: DenseNetCifar(40, 12, False, 1.0, k),
        "densenet121_imagenet": lambda: tv.densenet121(num_classes=k),
    }
    for depth in (20, 32, 44, 56, 110):
        table[f"resnet{depth}"] = (lambda d: lambda: ResNetHe(d, k))(depth)
    return table[name]()


NAMES = ["vgg13", "vgg13_bn", "vgg13_imagenet", "resnet18_seed", "resnet18", "resnet34", "resnet18_imagenet",
         "resnet34_imagenet", "resnet20", "resnet32", "resnet44", "resnet56", "resnet110", "densenet_bc_100",
         "densenet40", "densenet121_imagenet"]
