"""A ``match`` capture rebinds its name (Python 3.10+): no estimator after the capture."""
from azureml.train.dnn import PyTorch  # expect: AML102:1


def capture(value):
    match value:
        case PyTorch:
            pass
    return PyTorch('src')


def sequence(value):
    match value:
        case [PyTorch, *rest]:
            pass
    return PyTorch('src'), rest


def star(value):
    match value:
        case [first, *PyTorch]:
            pass
    return PyTorch('src'), first


def mapping(value):
    match value:
        case {'key': 1, **PyTorch}:
            pass
    return PyTorch('src')


def alias(value):
    match value:
        case str() as PyTorch:
            pass
    return PyTorch('src')


def class_pattern(value):
    match value:
        case PyTorch():
            return PyTorch('src')  # expect: AML101:20
    return None
