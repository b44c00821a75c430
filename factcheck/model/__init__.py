"""The sentence encoder: the model's weights, ONNX Runtime or PyTorch, and embedding with a cache."""
