"""Writes the tiny TorchScript fixtures of TorchScriptTest (Debian python3-torch 1.13).

Run from this folder: /usr/bin/python3 make_fixtures.py
"""
import torch
from torch import nn

torch.manual_seed(0)


class Net(nn.Module):
    """A 3-channel conv, global average pooling and a 3-class head, like a tiny ResNet."""

    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 4, 3, padding=1)
        self.fc = nn.Linear(4, 3)

    def features(self, x):
        return torch.flatten(nn.functional.adaptive_avg_pool2d(torch.relu(self.conv(x)), 1), 1)

    def forward(self, x):
        return self.fc(self.features(x))

    @torch.jit.export
    def embed(self, x):
        return self.features(x)


class Headless(nn.Module):
    """Net with its classifier replaced by Identity, as one would export torchvision's ResNet-50."""

    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 4, 3, padding=1)
        self.fc = nn.Identity()

    def forward(self, x):
        return self.fc(torch.flatten(nn.functional.adaptive_avg_pool2d(torch.relu(self.conv(x)), 1), 1))


class Spatial(nn.Module):
    """Returns a 4-D feature map: not an embedding."""

    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 2, 3, padding=1)

    def forward(self, x):
        return self.conv(x)


net = Net().eval()
torch.jit.script(net).save("with_embed.pt")
headless = Headless().eval()
headless.load_state_dict({k: v for k, v in net.state_dict().items() if not k.startswith("fc.")})
torch.jit.trace(headless, torch.zeros(1, 3, 8, 8)).save("forward_only.pt")
torch.jit.trace(Spatial().eval(), torch.zeros(1, 3, 8, 8)).save("spatial.pt")
